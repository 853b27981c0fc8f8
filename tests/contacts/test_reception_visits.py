"""Every visit to the reception desk (the dashboard's waits by hour link to it): each filter, who
may read it, the visitor's words escaped, bad input as errors on the page, and the same cost for
one visit as for a page."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from contacts import services

pytestmark = pytest.mark.django_db

LIST = reverse("contacts:reception-visits")
LONDON = ZoneInfo("Europe/London")


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2027, 2, day, hour, minute, tzinfo=LONDON)


def visit(by, arrived: dt.datetime, *, called: dt.datetime | None = None, left: dt.datetime | None = None,
          name: str = "Sam Visitor"):  # fmt: skip
    """A visitor checked in at `arrived`, then called to a desk or gone at the times given."""
    with time_machine.travel(arrived, tick=False):
        checked_in = services.visit_check_in(by=by, fields={"name": name, "reason": "Council tax"})
    for when, step in ((called, services.visit_call), (left, services.visit_leave)):
        if when is not None:
            with time_machine.travel(when, tick=False):
                step(visit=checked_in, by=by)


@pytest.fixture
def visits(world):
    """On 2 February 2027: seen after 15 minutes (9am), gone after 10 (9am), seen after a minute
    (2pm); on the 1st, seen after 5 minutes (9am)."""
    visit(world.adviser, at(2, 9, 10), called=at(2, 9, 25), name="<script>alert(1)</script> Pat")
    visit(world.adviser, at(2, 9, 40), left=at(2, 9, 50))
    visit(world.adviser, at(2, 14, 5), called=at(2, 14, 6))
    visit(world.adviser, at(1, 9, 0), called=at(1, 9, 5))


def _caption(response) -> str:
    body = response.content.decode()
    if "govuk-table__caption--m" not in body:
        return ""
    return body[body.index("govuk-table__caption--m") :].split("<", 1)[0].split(">", 1)[1]


def _days(first: int, last: int) -> dict[str, int]:
    return {"arrived_from_0": first, "arrived_from_1": 2, "arrived_from_2": 2027,
            "arrived_to_0": last, "arrived_to_1": 2, "arrived_to_2": 2027}  # fmt: skip


def test_filters(client, world, visits):
    client.force_login(world.adviser)
    for query, caption in [
        ({}, "4 visits, newest first"),
        ({"state": "seen"}, "3 visits, newest first"),
        ({"state": "left"}, "1 visit, newest first"),
        ({"hour": "9"}, "3 visits, newest first"),
        ({"hour": "9", "state": "seen", **_days(2, 2)}, "1 visit, newest first"),
        ({"hour": "14", **_days(1, 1)}, ""),
    ]:
        assert _caption(client.get(LIST, query)) == caption, query


def test_the_page_says_each_visits_wait_and_escapes_the_visitors_words(client, world, visits):
    client.force_login(world.team_manager)
    body = client.get(LIST, _days(2, 2)).content.decode()
    assert "<script>alert(1)" not in body and "&lt;script&gt;alert(1)&lt;/script&gt; Pat" in body
    assert "15 minutes" in body and "1 minute" in body and "Left at 9:50am, before being called" in body


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"hour": "24"}, "Select a time of arrival from the list"),
        ({"hour": "-1"}, "Select a time of arrival from the list"),
        ({"state": "x" * 5000}, "Select a kind of visitor from the list"),
        ({"arrived_from_0": "30", "arrived_from_1": "2", "arrived_from_2": "2027"},
         "The first day must be a real date"),
        ({**_days(3, 1)}, "The last day must be the same as or after the first day"),
    ],
)  # fmt: skip
def test_bad_filters_are_errors_on_the_page(client, world, visits, query, message):
    client.force_login(world.adviser)
    response = client.get(LIST, query)
    assert response.status_code == 200 and message in response.content.decode()


def test_the_list_costs_the_same_for_one_visit_as_for_a_page(client, world, django_assert_num_queries):
    client.force_login(world.adviser)
    for count in (1, 51):
        for minute in range(count - len(client.get(LIST).context["page"].object_list)):
            visit(world.adviser, at(3, 9, minute % 60) + dt.timedelta(hours=minute // 60))
        # The session, the user, their permissions (2), the count and the page of visits with
        # their customers.
        with django_assert_num_queries(6):
            client.get(LIST, {"hour": "9"})
