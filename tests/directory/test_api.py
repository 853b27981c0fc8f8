"""The read-only directory API: public data for anyone, staff fields for the phone-guide permission."""

from datetime import timedelta

from django.utils import timezone

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


def test_staff_teams_show_officers_and_who_is_away(client, small_directory, django_assert_num_queries):
    now = timezone.now()
    services.absence_create(
        by=None, officer=small_directory["hugo"], starts_at=now - timedelta(hours=1), ends_at=now + timedelta(days=1),
        reason=Absence.Reason.SICKNESS, caller_message="Off today",
    )  # fmt: skip
    client.force_login(user_make("Councillor"))
    # 1 count, 1 teams with areas, 1 officers with users, 1 absences now.
    with django_assert_num_queries(STAFF_OVERHEAD + 4):
        teams = _results(client.get("/api/directory/teams/"))
    bins = next(t for t in teams if t["slug"] == "waste-collections")
    assert bins["internal_phone"] == "01632 960200"
    officers = {o["name"]: o for o in bins["officers"]}
    assert officers["Olive Shareable"]["direct_line"] == "01632 960201"
    assert officers["Hugo Private"]["direct_line"] is None
    assert officers["Hugo Private"]["away_message"] == "Off today"
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
    assert client.get("/api/directory/search/", {"q": "x" * 10_000}).status_code == 200
    assert client.get("/api/directory/search/").json() == []


def test_the_api_is_read_only(client, small_directory, administrator):
    client.force_login(administrator)
    assert client.post("/api/directory/topics/", {"name": "x"}).status_code in (403, 405)
    assert client.delete("/api/directory/topics/bulky-waste/").status_code in (403, 405)
