"""contacts.services.contact_log: each outcome writes what it should, in one transaction, once."""

import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cases.models import Case, CaseEvent, CasesChange, Customer, EventKind
from contacts import services
from contacts.models import Contact, Outcome, SurveyInvitation
from core.models import OutboundEmail
from standards.models import CaseType, Channel


@pytest.fixture
def log(world):
    """log(outcome, **overrides) logs a phone call about bulky waste taken by the adviser."""

    def make(outcome, *, key=None, by=None, **overrides):
        fields = {
            "channel": overrides.pop("channel", Channel.PHONE),
            "started_at": overrides.pop("started_at", timezone.now() - dt.timedelta(minutes=3)),
            "topic": overrides.pop("topic", world.directory["bulky"]),
            "summary": overrides.pop("summary", "Asked when bulky waste is collected"),
            "outcome": outcome,
            **{name: overrides.pop(name) for name in ("ended_at", "partner", "passed_to") if name in overrides},
        }
        return services.contact_log(by=by or world.adviser, key=key or uuid.uuid4(), fields=fields, **overrides)

    return make


def test_resolved_at_first_point(world, log, customer):
    logged = log(Outcome.RESOLVED, customer=customer)
    contact = Contact.objects.get()
    assert (contact.adviser, contact.customer, contact.outcome, contact.case) == (
        world.adviser,
        customer,
        "resolved",
        None,
    )
    assert contact.started_at < contact.ended_at and not logged.repeated and not contact.is_avoidable
    assert list(Contact.objects.first_point()) == [contact] == list(Contact.objects.logged())


def test_a_resolved_contact_invites_the_customer_to_a_survey(world, log, customer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        log(Outcome.RESOLVED, customer=customer)
    invitation = SurveyInvitation.objects.get()
    assert (invitation.email, invitation.channel, invitation.service_area) == (
        "rita@example.org",
        "phone",
        world.area_a,
    )
    assert invitation.customer_type == customer.customer_type
    [email] = OutboundEmail.objects.filter(purpose="contacts.survey")
    assert email.to == "rita@example.org" and "/survey/" in email.body_text
    # Once in the quiet period, however many calls they make.
    log(Outcome.RESOLVED, customer=customer)
    assert SurveyInvitation.objects.count() == 1


def test_no_survey_without_an_email_address_or_for_other_outcomes(world, log, customer):
    log(Outcome.RESOLVED)  # anonymous
    nameless = services.cases.customer_create(by=None, fields={"name": "Pat Phone", "phone": "01632 960111"})
    log(Outcome.RESOLVED, customer=nameless)
    log(Outcome.SIGNPOSTED, customer=customer, partner=world.directory["county"])
    assert SurveyInvitation.objects.count() == 0


def test_signposted_records_the_partner(world, log):
    log(Outcome.SIGNPOSTED, topic=world.directory["potholes"], partner=world.directory["county"])
    assert Contact.objects.get().partner == world.directory["county"]
    with pytest.raises(ValidationError) as error:
        log(Outcome.SIGNPOSTED)
    assert error.value.message_dict == {"partner": ["Select the partner the customer was sent to"]}


def test_what_does_not_belong_to_the_outcome_is_dropped(world, log):
    log(Outcome.RESOLVED, partner=world.directory["county"], passed_to=world.directory["olive"])
    contact = Contact.objects.get()
    assert contact.partner is None and contact.passed_to is None


def test_passed_to_another_officer(world, log):
    log(Outcome.PASSED_ON, passed_to=world.directory["olive"])
    contact = Contact.objects.get()
    assert contact.passed_to == world.directory["olive"] and not Contact.objects.first_point().exists()
    with pytest.raises(ValidationError) as error:
        log(Outcome.PASSED_ON)
    assert set(error.value.message_dict) == {"passed_to"}


def test_raising_a_case_routes_it_in_the_same_transaction(world, log, customer, rules, response_standards):
    logged = log(
        Outcome.CASE_RAISED,
        customer=customer,
        summary="Collect a fridge",
        new_case={"case_type": CaseType.SERVICE_REQUEST, "description": "In the front garden."},
    )
    case = Case.objects.get()
    assert logged.case == case == Contact.objects.get().case
    assert (case.team, case.channel, case.customer, case.summary) == (
        world.team_a,
        "phone",
        customer,
        "Collect a fridge",
    )
    assert case.received_at == logged.contact.started_at and case.respond_by is not None
    assert [e.kind for e in case.events.all()] == ["created", "routed"]


def test_a_contact_that_cannot_be_saved_raises_no_case(world, log, customer, rules):
    started = timezone.now()
    with pytest.raises(ValidationError) as error:
        log(Outcome.CASE_RAISED, customer=customer, started_at=started, ended_at=started - dt.timedelta(minutes=1),
            new_case={"case_type": CaseType.SERVICE_REQUEST})  # fmt: skip
    assert set(error.value.message_dict) == {"ended_at"}
    assert not Case.objects.exists() and not Contact.objects.exists()


def test_about_an_existing_case_chasing_is_avoidable_and_on_the_timeline(world, log, case_make):
    case = case_make()
    log(Outcome.EXISTING_CASE, customer=case.customer, case=case, chasing=True, summary="Asked where the van is")
    contact = Contact.objects.get()
    assert contact.case == case and contact.is_avoidable
    event = CaseEvent.objects.get(case=case, kind=EventKind.CONTACTED)
    assert (event.by, event.text, event.data) == (world.adviser, "Asked where the van is",
                                                  {"channel": "phone", "chasing": True})  # fmt: skip
    # Not chasing: linked, on the timeline, and not avoidable; the case's version is unchanged.
    version = Case.objects.get().version
    log(Outcome.EXISTING_CASE, case=case, summary="Added a detail")
    assert not Contact.objects.get(summary="Added a detail").is_avoidable
    assert Case.objects.get().version == version
    with pytest.raises(ValidationError) as error:
        log(Outcome.EXISTING_CASE)
    assert set(error.value.message_dict) == {"case"}


def test_a_case_given_with_another_outcome_is_not_linked(world, log, case_make):
    case = case_make()
    log(Outcome.RESOLVED, case=case, chasing=True)
    contact = Contact.objects.get()
    assert contact.case is None and not contact.is_avoidable
    assert not CaseEvent.objects.filter(kind=EventKind.CONTACTED).exists()


@pytest.mark.parametrize("outcome", ["", None, "recorded", "nonsense"])
def test_an_outcome_is_required(world, log, outcome):
    with pytest.raises(ValidationError) as error:
        log(outcome)
    assert error.value.message_dict == {"outcome": ["Select what happened: the outcome of the contact"]}


@pytest.mark.parametrize("channel", ["web", "", "pigeon"])
def test_the_channel_must_be_one_an_adviser_logs(world, log, channel):
    with pytest.raises(ValidationError) as error:
        log(Outcome.RESOLVED, channel=channel)
    assert set(error.value.message_dict) == {"channel"}


def test_an_end_before_the_start_is_refused(world, log):
    started = timezone.now()
    with pytest.raises(ValidationError) as error:
        log(Outcome.RESOLVED, started_at=started, ended_at=started - dt.timedelta(seconds=1))
    assert error.value.message_dict == {"ended_at": ["The end of the contact must be after its start"]}


def test_the_summary_is_required(world, log):
    with pytest.raises(ValidationError) as error:
        log(Outcome.RESOLVED, summary="")
    assert set(error.value.message_dict) == {"summary"}


def test_a_new_customer_is_created_once_however_often_it_is_saved(world, log):
    key = uuid.uuid4()
    new = {"name": "Nia New", "email": "nia@example.org", "postcode": "wy1 4ab"}
    first = log(Outcome.RESOLVED, key=key, new_customer=new)
    again = log(Outcome.RESOLVED, key=key, new_customer=new)
    assert again.repeated and again.contact == first.contact
    assert Customer.objects.filter(name="Nia New").count() == 1 and Contact.objects.count() == 1
    assert first.contact.customer.postcode == "WY1 4AB"


def test_a_new_customer_that_is_not_valid_saves_nothing(world, log):
    with pytest.raises(ValidationError) as error:
        log(Outcome.RESOLVED, new_customer={"name": "Nia New", "phone": "12345"})
    assert "phone" in error.value.message_dict
    assert not Customer.objects.exists() and not Contact.objects.exists()


def test_unknown_fields_are_a_programming_error(world):
    with pytest.raises(TypeError):
        services.contact_log(by=world.adviser, key=uuid.uuid4(), fields={"adviser": world.adviser})


def test_a_merged_customer_keeps_their_contacts(world, log, customer):
    duplicate = services.cases.customer_create(by=None, fields={"name": "Rita Resident", "email": "rita@example.org"})
    log(Outcome.RESOLVED, customer=duplicate)
    services.cases.customer_merge(source=duplicate, target=customer, by=world.team_manager)
    assert Contact.objects.get().customer == customer
    record = CasesChange.objects.filter(entry_type="customer", entry_id=customer.pk).latest("id")
    assert record.changes["contacts moved"] == [None, 1]
