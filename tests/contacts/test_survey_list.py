"""The survey list (the dashboard's satisfaction figures link to it): within each manager's
scope, each filter, what customers wrote escaped, bad input as errors on the page, and the same
cost for one survey as for a page."""

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import CustomerType
from contacts import services
from contacts.models import Outcome, SurveyInvitation
from standards.models import Channel

pytestmark = pytest.mark.django_db

LIST = reverse("contacts:survey-list")


@pytest.fixture
def surveys(world, case_resolved, customer_make, log_contact):
    """A: team A's case resolved, answered 5 with a hostile comment (an individual, by email,
    waste). B: officer B's call about homelessness, not answered (a business, by phone, housing)."""
    case = case_resolved()
    answered = SurveyInvitation.objects.get(case=case)
    services.survey_answer(invitation=answered, satisfaction=5, resolved=True,
                           comment="<script>alert(1)</script> Quick and kind")  # fmt: skip
    business = customer_make(name="Sam Shop", email="sam@example.org", customer_type=CustomerType.BUSINESS)
    contact = log_contact(world.officer_b, customer=business, topic=world.directory["homeless"])
    unanswered = SurveyInvitation.objects.get(contact=contact)
    return answered, unanswered


def _caption(response) -> str:
    body = response.content.decode()
    if "govuk-table__caption--m" not in body:
        return ""
    return body[body.index("govuk-table__caption--m") :].split("<", 1)[0].split(">", 1)[1]


def _days(first: dt.date, last: dt.date) -> dict[str, int]:
    return {"sent_from_0": first.day, "sent_from_1": first.month, "sent_from_2": first.year,
            "sent_to_0": last.day, "sent_to_1": last.month, "sent_to_2": last.year}  # fmt: skip


@pytest.mark.parametrize(
    ("user", "caption"),
    [("administrator", "2 surveys sent, newest first"), ("team_manager", "1 survey sent, newest first"),
     ("service_manager", "1 survey sent, newest first")],
)  # fmt: skip
def test_each_manager_reads_the_surveys_of_their_scope(client, world, surveys, user, caption):
    client.force_login(world.users[user])
    response = client.get(LIST)
    assert _caption(response) == caption
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    # Team A's manager reads team A's case's answer; area B's service manager the call about housing.
    assert ("Quick and kind" in body) == (user != "service_manager")


def test_those_without_the_permission_are_refused(client, world, surveys):
    for user in ("adviser", "officer_a", "councillor"):
        client.force_login(world.users[user])
        assert client.get(LIST).status_code == 403, user


def test_filters(client, world, surveys):
    client.force_login(world.administrator)
    today = timezone.localdate()
    one = "1 survey sent, newest first"
    for query, caption in [
        ({"answers": "answered"}, one),
        ({"answers": "unanswered"}, one),
        ({"answers": "satisfied"}, one),
        ({"answers": "dissatisfied"}, ""),
        ({"customer_type": CustomerType.BUSINESS}, one),
        ({"channel": Channel.PHONE}, one),
        ({"area": world.area_a.pk}, one),
        # The contact's adviser's team, and the case's team.
        ({"team": world.team_b.pk}, one),
        ({"team": world.team_a.pk, "answers": "answered"}, one),
        (_days(today, today), "2 surveys sent, newest first"),
        (_days(today - dt.timedelta(days=2), today - dt.timedelta(days=1)), ""),
    ]:
        assert _caption(client.get(LIST, query)) == caption, query


def test_what_customers_wrote_is_escaped(client, world, surveys):
    client.force_login(world.administrator)
    body = client.get(LIST).content.decode()
    assert "<script>alert(1)" not in body and "&lt;script&gt;alert(1)&lt;/script&gt; Quick and kind" in body


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"answers": "everything"}, "Select a kind of answer from the list"),
        ({"team": "abc"}, "Select a team from the list"),
        ({"area": "9" * 5000}, "Select a service from the list"),
        ({"customer_type": "\x00"}, "Select a customer type from the list"),
        ({"sent_from_0": "31", "sent_from_1": "2", "sent_from_2": "2027"}, "The first day must be a real date"),
        ({"sent_from_0": "2", "sent_from_1": "1", "sent_from_2": "2020", "sent_to_0": "1", "sent_to_1": "1",
          "sent_to_2": "2020"}, "The last day must be the same as or after the first day"),
        ({"channel": "<script>alert(1)</script>"}, "Select a channel from the list"),
    ],
)  # fmt: skip
def test_bad_filters_are_errors_and_the_list_is_shown_without_them(client, world, surveys, query, message):
    client.force_login(world.administrator)
    response = client.get(LIST, query)
    body = response.content.decode()
    assert response.status_code == 200 and message in body and "<script>alert(1)" not in body
    assert "What is shown leaves out the filters in error." in body
    assert _caption(response) == "2 surveys sent, newest first"
    assert body.count('class="govuk-select') == body.count("<select")


def test_the_list_costs_the_same_for_one_survey_as_for_a_page(
    client, world, customer, django_assert_num_queries, settings
):
    client.force_login(world.administrator)
    quiet = dt.timedelta(days=settings.SURVEY_QUIET_DAYS + 1)
    for count in (1, 26):
        while SurveyInvitation.objects.count() < count:
            made = SurveyInvitation.objects.count()
            contact = services.contact_log(
                by=world.officer_a, key=uuid.uuid4(), survey=False, customer=customer,
                fields={"channel": Channel.PHONE, "outcome": Outcome.RESOLVED, "summary": "Bin day",
                        "started_at": timezone.now() - dt.timedelta(minutes=3)},
            ).contact  # fmt: skip
            services.survey_invite(contact=contact, sent_at=timezone.now() - made * quiet)
        # The session, the user, their permissions (2), the teams, areas and partners for the
        # filters (3), the count and the page of surveys with their answers, cases, contacts and
        # services.
        with django_assert_num_queries(9):
            client.get(LIST, {"answers": "unanswered"})
