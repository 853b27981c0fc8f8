"""The read-only directory API: public data for anyone, staff fields for the phone-guide permission."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from core.calendar import is_closed
from directory import services
from directory.models import Absence
from tests.factories import user_make

# A signed-in API call costs 4 queries before its own: session, user, user and group permissions.
STAFF_OVERHEAD = 4


def _results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_public_services(client, small_directory, django_assert_num_queries):
    # 1 count, 1 public service areas, 1 their teams.
    with django_assert_num_queries(3):
        services_ = _results(client.get("/api/directory/services/"))
    assert [s["slug"] for s in services_] == ["housing", "waste"]
    waste = services_[1]
    assert waste["public_phone"] == "01632 960010"
    assert waste["teams"] == [
        {"name": "Waste collections", "slug": "waste-collections", "service_area": "waste",
         "public_phone": "01632 960011", "email": ""}
    ]  # fmt: skip
    assert client.get("/api/directory/services/ict/").status_code == 404


def test_public_teams_hide_internal_numbers_and_officers(client, small_directory, django_assert_num_queries):
    # 1 count, 1 teams with their service areas.
    with django_assert_num_queries(2):
        teams = _results(client.get("/api/directory/teams/"))
    assert {t["slug"] for t in teams} == {"waste-collections", "housing-options"}
    assert all("internal_phone" not in t and "officers" not in t for t in teams)


def test_staff_teams_show_officers_and_who_is_away(client, world, small_directory, django_assert_num_queries):
    now = timezone.now()
    absence = services.entry_create(model=Absence, by=None, fields={
        "officer": small_directory["hugo"], "starts_at": now - timedelta(hours=1),
        "ends_at": now + timedelta(days=1), "reason": Absence.Reason.SICKNESS,
        "caller_note": "Ask for the duty officer",
    })  # fmt: skip
    client.force_login(user_make("Councillor"))
    # 1 count, 1 teams with areas, 1 officers with users, 1 absences now.
    with django_assert_num_queries(STAFF_OVERHEAD + 4):
        teams = _results(client.get("/api/directory/teams/"))
    bins = next(t for t in teams if t["slug"] == "waste-collections")
    assert bins["internal_phone"] == "01632 960200"
    officers = {o["name"]: o for o in bins["officers"]}
    assert officers["Olive Shareable"]["direct_line"] == "01632 960201"
    assert officers["Hugo Private"]["direct_line"] is None
    assert officers["Hugo Private"]["away_message"] == absence.tell_callers(is_closed=is_closed)  # never the reason
    assert officers["Hugo Private"]["away_reason"] is None  # a councillor is not Hugo's manager
    client.force_login(world.team_manager)
    teams = _results(client.get("/api/directory/teams/"))
    hugo = next(
        o for t in teams if t["slug"] == "waste-collections" for o in t["officers"] if o["name"] == "Hugo Private"
    )
    assert hugo["away_reason"] == "Sickness" and "Sickness" not in hugo["away_message"]
    assert absence.tell_callers().endswith("tomorrow. Ask for the duty officer.")
    assert any(t["slug"] == "ict-desk" for t in teams)


def test_topics(client, small_directory, django_assert_num_queries):
    # 1 count, 1 public topics with area, team and partner.
    with django_assert_num_queries(2):
        topics = _results(client.get("/api/directory/topics/"))
    slugs = {t["slug"] for t in topics}
    assert slugs == {"bulky-waste", "potholes", "homelessness"}
    assert all("adviser_script" not in t for t in topics)
    client.force_login(user_make("Adviser"))
    with django_assert_num_queries(STAFF_OVERHEAD + 2):
        topics = _results(client.get("/api/directory/topics/"))
    assert {"crew-damage", "password-reset"} <= {t["slug"] for t in topics}
    bulky = client.get("/api/directory/topics/bulky-waste/").json()
    assert bulky["adviser_script"] == "Book online; £35." and bulky["team"] == "waste-collections"


def test_search(client, small_directory, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/api/directory/search/", {"q": "bulky items"})
    (first, *_) = response.json()
    assert first["title"] == "Bulky waste collection" and first["reason"] == "Also called: bulky items"
    assert client.get("/api/directory/search/", {"q": "Olive"}).json() == []
    assert client.get("/api/directory/search/", {"q": "x" * 10_000}).status_code == 400
    assert client.get("/api/directory/search/").json() == []


def test_the_api_is_read_only(client, small_directory, administrator):
    client.force_login(administrator)
    assert client.post("/api/directory/topics/", {"name": "x"}).status_code in (403, 405)
    assert client.delete("/api/directory/topics/bulky-waste/").status_code in (403, 405)


# --- Bad input is a 400 with a clear message, never a 500 (issue #8) ------------------------------


@pytest.mark.parametrize(
    "query",
    [
        {"limit": "9223372036854775808"},
        {"offset": "9223372036854775808"},
        {"limit": "101"},
        {"limit": "0"},
        {"limit": "-1"},
        {"limit": "ten"},
        {"limit": ""},
        {"limit": "+5"},
        {"limit": "٣"},
        {"offset": "-1"},
        {"offset": "null"},
        {"offset": "1.5"},
    ],
)
def test_page_parameters_out_of_range_are_refused(client, small_directory, query):
    response = client.get("/api/directory/topics/", query)
    assert response.status_code == 400, response.content
    ((name, (message,)),) = response.json().items()
    assert name in query and message.startswith(f"Enter {name} as a whole number from ")


def test_page_parameters_given_twice_are_refused(client, small_directory):
    response = client.get("/api/directory/topics/", {"offset": ["0", "1"]})
    assert response.status_code == 400 and response.json() == {"offset": ["Give offset only once."]}


def test_page_parameters_in_range(client, small_directory):
    page = client.get("/api/directory/topics/", {"limit": "2", "offset": "1"}).json()
    assert page["count"] == 3 and len(page["results"]) == 2
    assert client.get("/api/directory/topics/", {"limit": "100", "offset": "2147483647"}).json()["results"] == []


def test_search_query_longer_than_the_search_uses_is_refused(client, small_directory):
    assert client.get("/api/directory/search/", {"q": "x" * 200}).status_code == 200
    response = client.get("/api/directory/search/", {"q": "x" * 201})
    assert response.status_code == 400
    assert response.json() == {"q": ["Ensure this field has no more than 200 characters."]}
    # What the search itself drops is accepted: control characters, NUL included.
    assert client.get("/api/directory/search/", {"q": "bulky\x00items"}).status_code == 200


@pytest.mark.parametrize("url", ["/api/directory/search/", "/api/directory/topics/"])
def test_deeply_nested_json_is_a_bad_request(url, small_directory):
    # Signed in, so DRF's CSRF check reads the body (request.POST) before the view refuses it.
    client = Client(enforce_csrf_checks=True)
    client.force_login(user_make("Adviser"))
    token = "t" * 32  # a CSRF secret, sent as the cookie and the header
    client.cookies["csrftoken"] = token
    response = client.post(url, "[" * 100_000, content_type="application/json", headers={"X-CSRFToken": token})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("JSON parse error")
