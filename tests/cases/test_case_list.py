"""All cases (the dashboard's drill-down for cases): within the user's scope, each filter and
measure, bad input as errors on the page, the same cost for one case as for a page."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

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
    ],
)  # fmt: skip
def test_bad_filters_are_errors_and_the_list_is_shown_without_them(client, world, two_teams, query, message):
    client.force_login(world.administrator)
    response = client.get(LIST, query)
    body = response.content.decode()
    assert response.status_code == 200 and message in body and "<script>alert" not in body
    assert _caption(response) == "3 cases, newest first"
    # Every select is GOV.UK's, and the one in error has the error border.
    assert "listselect" not in body and body.count('class="govuk-select') == body.count("<select")
    if "team" in query or "channel" in query:
        assert 'class="govuk-select govuk-input--error"' in body


def test_the_list_costs_the_same_for_one_case_as_for_a_page(client, world, case_make, django_assert_num_queries):
    client.force_login(world.administrator)
    for count in (1, 26):
        while len(client.get(LIST).context["page"].object_list) < min(count, 25):
            case_make()
        # The session, the user, their permissions (2), the teams and areas for the filters (2),
        # the count and the page of cases with their team, owner and customer.
        with django_assert_num_queries(8):
            client.get(LIST, {"measure": "open"})
