"""All cases (the dashboard's drill-down for cases): within the user's scope, each filter and
measure, bad input as errors on the page, the same cost for one case as for a page."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from cases import services
from standards.models import CaseType

LIST = reverse("cases:case-list")


@pytest.fixture
def two_teams(world, case_make, response_standards):
    """Two cases of team A (one transferred there and back), one of team B."""
    a = case_make()
    a = services.case_transfer(case=a, team=world.team_b, by=world.officer_a, reason="Housing's")
    a = services.case_transfer(case=a, team=world.team_a, by=world.officer_b, reason="Back to bins")
    b = case_make(summary="A second sofa")
    c = case_make(topic=world.directory["homeless"], summary="Homeless tonight")
    return a, b, c


def _caption(response) -> str:
    body = response.content.decode()
    return body[body.index("govuk-table__caption--m") :].split("<", 1)[0].split(">", 1)[1]


def test_each_user_sees_the_cases_they_may_see(client, world, two_teams):
    client.force_login(world.officer_a)
    assert _caption(client.get(LIST)) == "2 cases, newest first"
    client.force_login(world.officer_b)
    assert _caption(client.get(LIST)) == "1 case, newest first"
    client.force_login(world.administrator)
    assert _caption(client.get(LIST)) == "3 cases, newest first"


def test_filters_and_measures(client, world, two_teams):
    client.force_login(world.administrator)
    assert _caption(client.get(LIST, {"team": world.team_a.pk})) == "2 cases, newest first"
    assert _caption(client.get(LIST, {"area": world.area_b.pk})) == "1 case, newest first"
    assert _caption(client.get(LIST, {"measure": "handed_off"})) == "1 case, newest first"
    assert _caption(client.get(LIST, {"measure": "open", "channel": "email"})) == "3 cases, newest first"
    assert _caption_or_empty(client.get(LIST, {"case_type": CaseType.COMPLAINT_STAGE_1})) == ""
    with time_machine.travel(dt.timedelta(days=30)):
        client.force_login(world.administrator)
        assert _caption(client.get(LIST, {"measure": "acknowledge_missed"})) == "3 cases, newest first"


def test_only_the_cases_of_my_teams_or_my_teams_areas(client, world, two_teams):
    client.force_login(world.team_manager)
    assert _caption(client.get(LIST, {"own": "teams"})) == "2 cases, newest first"
    client.force_login(world.service_manager)
    assert _caption(client.get(LIST, {"own": "areas"})) == "1 case, newest first"
    response = client.get(LIST, {"own": "everyone"})
    assert "Select a choice from the list" in response.content.decode()


@pytest.fixture
def happenings(world, two_teams, case_make):
    """A stage 1 complaint decided upheld (delay), then taken to stage 2 and given an extension."""
    complaint = services.case_claim(case=case_make(case_type=CaseType.COMPLAINT_STAGE_1), by=world.officer_a)
    decision = services.ComplaintDecision(outcome="upheld", root_cause="delay", action_taken="Crew retrained")
    complaint = services.case_resolve(case=complaint, by=world.officer_a, resolution="Sorry", decision=decision)
    complaint = services.complaint_escalate(case=complaint, by=world.adviser, reason="Not satisfied")
    return services.case_extend(case=complaint, by=world.officer_a, days=3, reason="Waiting for the contractor")


def _day(prefix: str, day: dt.date) -> dict[str, int]:
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def test_what_happened_to_the_cases_and_when(client, world, happenings):
    client.force_login(world.administrator)
    today = timezone.localdate()
    days = {**_day("happened_from", today), **_day("happened_to", today)}
    for happened in ("extended", "stage_begun", "stage_decided"):
        assert _caption(client.get(LIST, {"happened": happened, **days})) == "1 case, newest first", happened
    assert _caption_or_empty(client.get(LIST, {"happened": "escalated", **days})) == ""
    # The stage counted is the one matching every filter: stage 2 is begun, not decided.
    assert _caption(client.get(LIST, {"happened": "stage_begun", "stage": "2", **days})) == "1 case, newest first"
    assert (
        _caption_or_empty(client.get(LIST, {"happened": "stage_begun", "stage": "2", "stage_result": "decided"})) == ""
    )
    assert _caption(client.get(LIST, {"happened": "stage_decided", "root_cause": "delay",
                                      "stage_result": "upheld", **days})) == "1 case, newest first"  # fmt: skip
    assert _caption_or_empty(client.get(LIST, {"happened": "stage_decided", "root_cause": "policy"})) == ""
    # Without a happening, the stage filters keep the cases with any stage matching.
    assert _caption(client.get(LIST, {"stage": "1", "stage_result": "upheld"})) == "1 case, newest first"
    # Nothing happened yesterday.
    yesterday = today - dt.timedelta(days=1)
    before = {**_day("happened_from", yesterday), **_day("happened_to", yesterday)}
    assert _caption_or_empty(client.get(LIST, {"happened": "extended", **before})) == ""


def test_what_happened_is_within_the_users_scope(client, world, happenings):
    # Team B's officer sees none of team A's cases, whatever happened to them.
    client.force_login(world.officer_b)
    assert _caption_or_empty(client.get(LIST, {"happened": "extended"})) == ""
    client.force_login(world.team_manager)
    assert _caption(client.get(LIST, {"happened": "extended", "own": "teams"})) == "1 case, newest first"


def test_the_cases_not_yet_routed(client, world, two_teams, case_make):
    case_make(topic=None, summary="Not sure who deals with this")
    client.force_login(world.administrator)
    assert _caption(client.get(LIST, {"team": "none"})) == "1 case, newest first"
    assert _caption(client.get(LIST, {"area": "none"})) == "1 case, newest first"
    assert _caption(client.get(LIST, {"team": world.team_a.pk})) == "2 cases, newest first"


def _caption_or_empty(response) -> str:
    body = response.content.decode()
    return _caption(response) if "govuk-table__caption--m" in body else ""


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"team": "abc"}, "Select a team from the list"),
        ({"team": "99999999"}, "Select a team from the list"),
        ({"measure": "everything"}, "Select a measure from the list"),
        ({"received_from_0": "31", "received_from_1": "2", "received_from_2": "2027"},
         "The first day must be a real date"),
        ({"received_from_0": "2", "received_from_1": "1", "received_from_2": "2020", "received_to_0": "1",
          "received_to_1": "1", "received_to_2": "2020"}, "The last day must be the same as or after the first day"),
        ({"channel": "<script>alert(1)</script>"}, "Select a channel from the list"),
        ({"happened_from_0": "1", "happened_from_1": "2", "happened_from_2": "2027"},
         "Select what happened on those days"),
        ({"happened": "everything"}, "Select a happening from the list"),
        ({"happened_from_0": "2", "happened_from_1": "2", "happened_from_2": "2027",
          "happened_to_0": "1", "happened_to_1": "2", "happened_to_2": "2027"},
         "The last day must be the same as or after the first day"),
        ({"happened_to_0": "30", "happened_to_1": "2", "happened_to_2": "2027"},
         "The last day it happened must be a real date"),
        ({"stage": "3"}, "Select a stage from the list"),
        ({"stage_result": "x" * 5000}, "Select a decision from the list"),
        ({"root_cause": "\x00"}, "Select a root cause from the list"),
    ],
)  # fmt: skip
def test_bad_filters_are_errors_and_the_list_is_shown_without_them(client, world, two_teams, query, message):
    client.force_login(world.administrator)
    response = client.get(LIST, query)
    body = response.content.decode()
    assert response.status_code == 200 and message in body and "<script>alert" not in body
    assert "What is shown leaves out the filters in error." in body
    assert _caption(response) == "3 cases, newest first"
    # Every select is GOV.UK's, and the one in error has the error border.
    assert "listselect" not in body and body.count('class="govuk-select') == body.count("<select")
    if "team" in query or "channel" in query:
        assert 'class="govuk-select govuk-select--error"' in body


def test_the_list_costs_the_same_for_one_case_as_for_a_page(client, world, case_make, django_assert_num_queries):
    client.force_login(world.administrator)
    for count in (1, 26):
        while len(client.get(LIST).context["page"].object_list) < min(count, 25):
            case_make()
        # The session, the user, their permissions (2), the teams and areas for the filters (2),
        # the count and the page of cases with their team, owner and customer.
        with django_assert_num_queries(8):
            client.get(LIST, {"measure": "open"})
        # By what happened, counted from its rows alone: the same, less the page, as nothing
        # has been escalated (the page is read as the one above).
        with django_assert_num_queries(7):
            client.get(LIST, {"happened": "escalated"})


def test_the_count_from_what_happened_alone_equals_the_list(world, happenings):
    # Someone who sees every case, filtering by what happened alone: counted from the rows of
    # what happened, without the cases table. The same number as the list's.
    from cases.selectors import CaseListFilters, cases_count_for_list, cases_for_list

    for happened in ("extended", "stage_begun", "stage_decided", "escalated"):
        filters = CaseListFilters(happened=happened)
        listed = len(cases_for_list(user=world.administrator, filters=filters))
        assert cases_count_for_list(user=world.administrator, filters=filters) == listed, happened
        assert cases_count_for_list(user=world.team_manager, filters=filters) == len(
            cases_for_list(user=world.team_manager, filters=filters)
        )
