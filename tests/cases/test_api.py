"""The cases API: the same scopes as the pages, summary level only, writes through the services."""

import pytest
from rest_framework.test import APIClient

from cases import services
from cases.models import Case


@pytest.fixture
def api():
    return APIClient()


def test_list_shows_only_what_the_user_may_see(api, world, case_make):
    mine = case_make()  # routed to team A
    other = case_make(topic=world.directory["homeless"], service_area=world.area_b)  # team B
    api.force_authenticate(world.officer_a)
    references = {row["reference"] for row in api.get("/api/cases/").json()["results"]}
    assert mine.reference in references and other.reference not in references
    api.force_authenticate(world.adviser)  # any case's summary
    assert {mine.reference, other.reference} <= {row["reference"] for row in api.get("/api/cases/").json()["results"]}
    api.force_authenticate(world.councillor)  # only their own enquiries
    assert api.get("/api/cases/").json()["results"] == []


def test_list_query_count_does_not_grow_with_the_page(api, world, case_make, django_assert_num_queries):
    for _ in range(5):
        case_make()
    api.force_authenticate(world.administrator)
    # The user's permissions (own and through groups: two), the count, the page with team and topic joined.
    with django_assert_num_queries(4):
        response = api.get("/api/cases/?limit=50")
    assert response.json()["count"] == 5


def test_detail_is_a_404_outside_the_users_scope_and_shows_only_public_updates(api, world, case_make):
    case = case_make()
    services.case_note_add(case=case, by=world.officer_a, text="Internal: neighbour dispute")
    services.case_update_publish(case=case, by=world.officer_a, text="Booked for Tuesday")
    api.force_authenticate(world.officer_b)
    assert api.get(f"/api/cases/{case.reference}/").status_code == 404
    api.force_authenticate(world.adviser)
    body = api.get(f"/api/cases/{case.reference.lower()}/").json()
    assert [update["text"] for update in body["updates"]] == ["Booked for Tuesday"]
    assert "neighbour" not in str(body)
    api.force_authenticate(None)
    assert api.get(f"/api/cases/{case.reference}/").status_code == 403


def test_raise_routes_the_case_like_the_pages(api, world, rules):
    api.force_authenticate(world.adviser)
    response = api.post("/api/cases/raise/", {
        "case_type": "service_request", "channel": "phone", "topic": "bulky-waste",
        "summary": "Fridge to collect", "description": "<script>alert(1)</script> a fridge",
        "location_postcode": "wy1 4ab",
    }, format="json")  # fmt: skip
    assert response.status_code == 201, response.json()
    case = Case.objects.get(reference=response.json()["reference"])
    assert case.team == world.team_a and case.routed_by == rules["bulky"] and case.location_postcode == "WY1 4AB"


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"case_type": "nonsense", "channel": "phone", "summary": "x", "description": "y"},
        {"case_type": "service_request", "channel": "phone", "summary": "x" * 201, "description": "y"},
        {"case_type": "service_request", "channel": "phone", "summary": "x", "description": "y", "topic": "nope"},
        {
            "case_type": "service_request",
            "channel": "phone",
            "summary": "x",
            "description": "y",
            "location_postcode": "NOT A PC",
        },
    ],
)
def test_raise_refuses_bad_input_with_a_400(api, world, body):
    api.force_authenticate(world.adviser)
    response = api.post("/api/cases/raise/", body, format="json")
    assert response.status_code == 400
    assert not Case.objects.exists()


def test_raise_is_refused_without_the_permission(api, world):
    api.force_authenticate(world.councillor)
    response = api.post("/api/cases/raise/", {"case_type": "comment", "channel": "phone", "summary": "x",
                                              "description": "y"}, format="json")  # fmt: skip
    assert response.status_code == 403
