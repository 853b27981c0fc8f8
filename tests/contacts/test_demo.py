"""The demo contacts (contacts.demo.contacts_seed, run by seed_demo): months of contacts logged by
advisers whose first-point resolution rises, reception waits that fall, survey answers, no email
owed for the history, and a second run that adds nothing. Fewer months and contacts than
seed_demo makes, to keep the test quick."""

import pytest
from django.db.models import Avg, F
from django.utils import timezone

from cases.demo import cases_seed
from cases.models import Case
from contacts import services
from contacts.demo import _months, contacts_seed, request_types_seed
from contacts.models import LOGGED_CHANNELS, Contact, ReceptionVisit, RequestType, SurveyAnswer, SurveyInvitation
from contacts.selectors import ACKNOWLEDGEMENT, SURVEY
from core.models import OutboundEmail
from standards.demo import standards_seed

MONTHS = 9
SIZE = {"months": MONTHS, "per_month": 24}


def _staff(world) -> dict:
    return {"adviser": world.adviser, "officer": world.officer_a, "manager": world.service_manager}


@pytest.fixture
def seeded(world):
    standards_seed(today=timezone.localdate())
    cases_seed(
        adviser=world.adviser,
        manager=world.service_manager,
        officer=world.officer_a,
        customers=50,
        cases=30,
        history_months=0,
    )
    request_types_seed()
    # The world's bulky waste topic (its team has officers), so the forms sent raise cases.
    bulky = RequestType.objects.get(slug="bulky-waste-collection")
    services.request_type_update(request_type=bulky, by=world.administrator, fields={"topic": world.directory["bulky"]})
    surveys_emailed = OutboundEmail.objects.filter(purpose=SURVEY).count()
    summary = contacts_seed(**_staff(world), **SIZE)
    return summary, surveys_emailed


def _quarters():
    """The first three months and the last three, as (start, end) dates."""
    spans = _months(timezone.localdate(), MONTHS)
    return (spans[0][0], spans[2][1]), (spans[-3][0], spans[-1][1])


def _first_point(start, end) -> float:
    logged = Contact.objects.logged().filter(started_at__date__range=(start, end))
    return logged.first_point().count() / logged.count()


def test_first_point_resolution_rises_on_every_channel(world, seeded):
    first, last = _quarters()
    assert 0.35 <= _first_point(*first) <= 0.41
    assert 0.44 <= _first_point(*last) <= 0.50
    summary, _ = seeded
    assert summary.contacts == Contact.objects.logged().count() > MONTHS * 15
    logged = Contact.objects.logged()
    assert set(logged.values_list("channel", flat=True)) == set(LOGGED_CHANNELS)
    by_adviser = {user: logged.filter(adviser=user).count() for user in _staff(world).values()}
    assert by_adviser[world.adviser] > by_adviser[world.officer_a] > 0 and by_adviser[world.service_manager] > 0
    assert set(logged.values_list("outcome", flat=True)) >= {"resolved", "signposted", "case_raised",
                                                             "existing_case", "passed_on"}  # fmt: skip
    assert logged.filter(is_avoidable=True).exists() and logged.filter(customer=None).exists()
    # Each at its own time, in the past, on a working day.
    assert not logged.filter(started_at__gte=timezone.now()).exists()
    assert not logged.filter(started_at__week_day__in=[1, 7]).exists()
    # The cases raised were received when the contact was logged; the older ones are closed.
    raised = Case.objects.filter(contacts__outcome="case_raised")
    assert raised.exists() and raised.filter(status="closed").exists()
    for contact in logged.filter(outcome="case_raised").select_related("case")[:20]:
        assert contact.case.received_at == contact.started_at


def test_reception_waits_fall_and_surveys_owe_no_email(seeded):
    """Face-to-face visitors wait less as the months go by; the surveys are answered, dated at
    their contact's time, and none of them is in the outbox to be sent."""
    first, last = _quarters()
    seen = ReceptionVisit.objects.filter(called_at__isnull=False)
    waits = [seen.filter(arrived_at__date__range=span).aggregate(w=Avg("wait_seconds"))["w"] for span in (first, last)]
    assert waits[0] > 2 * waits[1] > 0
    assert ReceptionVisit.objects.filter(left_at__isnull=False).exists()
    assert not ReceptionVisit.objects.waiting().exists()
    assert seen.filter(contact__isnull=False, contact__channel="face_to_face").count() == seen.count()
    summary, surveys_emailed = seeded
    invitations = SurveyInvitation.objects.filter(contact__isnull=False)
    answers = SurveyAnswer.objects.filter(invitation__in=invitations)
    assert 0 < answers.count() < invitations.count() == summary.invitations
    assert answers.filter(satisfaction__gte=4).count() > answers.count() / 2
    for invitation in invitations.select_related("contact")[:20]:
        assert invitation.contact is not None and invitation.sent_at == invitation.contact.ended_at
    assert not answers.filter(answered_at__lt=F("invitation__sent_at")).exists()
    assert OutboundEmail.objects.filter(purpose=SURVEY).count() == surveys_emailed


def test_second_run_adds_nothing(world, seeded):
    models = (Contact, ReceptionVisit, SurveyInvitation, SurveyAnswer, Case, OutboundEmail)
    counts = [model.objects.count() for model in models]
    assert contacts_seed(**_staff(world), **SIZE) is None
    assert [model.objects.count() for model in models] == counts


def test_digital_take_up_rises_and_the_forms_sent_owe_no_email(seeded):
    """Forms sent online, a rising share of all contacts, each with its case (a comment: none);
    the old ones' cases worked and closed; no acknowledgement owed for the past."""
    first, last = _quarters()

    def online(start, end) -> float:
        made = Contact.objects.filter(started_at__date__range=(start, end))
        return made.filter(channel="web").count() / made.count()

    assert 0.28 <= online(*first) < online(*last) <= 0.58
    summary, _ = seeded
    web = Contact.objects.filter(channel="web")
    assert summary.web == web.count() and not web.filter(started_at__gte=timezone.now()).exists()
    assert web.filter(case__status="closed").exists()
    assert not OutboundEmail.objects.filter(purpose=ACKNOWLEDGEMENT).exists()
