"""Django admin edits of the directory go through the services: validated alike, indexed, recorded."""

import pytest
from django.contrib.auth import get_user_model

from directory import selectors
from directory.models import Absence, DirectoryChange, SearchEntry, Team, Topic


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("root", "root@example.gov.uk", "not-used-here-2026")


def _topic_form(topic: Topic, **changes) -> dict:
    data = {
        "name": topic.name, "slug": topic.slug, "synonyms": ",".join(topic.synonyms),
        "keywords": ",".join(topic.keywords), "service_area": topic.service_area_id, "team": topic.team_id or "",
        "partner": topic.partner_id or "", "adviser_script": topic.adviser_script, "online_url": topic.online_url,
        "is_public": "on" if topic.is_public else "", "last_reviewed": topic.last_reviewed.isoformat(),
        "description": topic.description, "cost": topic.cost, "referral": topic.referral,
    }  # fmt: skip
    return {**data, **changes}


def test_admin_change_is_recorded_and_indexed(client, small_directory, superuser):
    client.force_login(superuser)
    topic = small_directory["bulky"]
    response = client.post(f"/admin/directory/topic/{topic.pk}/change/", _topic_form(topic, synonyms="junk removal"))
    assert response.status_code == 302
    change = DirectoryChange.objects.filter(entry_type="topic", entry_id=topic.pk).latest("id")
    assert change.changed_by == superuser
    assert change.action == DirectoryChange.Action.UPDATED
    assert change.changes == {"synonyms": [["bulky items", "large items"], ["junk removal"]]}
    assert selectors.directory_search(query="junk", staff=False)[0].title == "Bulky waste collection"


def test_admin_add_follows_the_service_rules(client, small_directory, superuser):
    client.force_login(superuser)
    data = {"service_area": small_directory["waste"].pk, "name": "Street cleansing", "slug": "street-cleansing",
            "internal_phone": "12345", "public_phone": "", "email": "", "out_of_hours": "",
            "last_reviewed": "2026-11-22"}  # fmt: skip
    response = client.post("/admin/directory/team/add/", data)
    assert response.status_code == 200
    assert "Enter a phone number, like 01632 960 001" in response.content.decode()
    assert not Team.objects.filter(slug="street-cleansing").exists()

    response = client.post("/admin/directory/team/add/", {**data, "internal_phone": "01632 960333"})
    assert response.status_code == 302
    team = Team.objects.get(slug="street-cleansing")
    assert DirectoryChange.objects.get(entry_type="team", entry_id=team.pk).action == DirectoryChange.Action.CREATED
    assert SearchEntry.objects.filter(kind="team", object_id=team.pk).exists()


def test_admin_delete_is_recorded_and_leaves_the_search(client, small_directory, superuser):
    client.force_login(superuser)
    topic = small_directory["potholes"]
    response = client.post(f"/admin/directory/topic/{topic.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Topic.objects.filter(pk=topic.pk).exists()
    assert DirectoryChange.objects.get(entry_type="topic", entry_id=topic.pk, action="deleted").changed_by == superuser
    assert not SearchEntry.objects.filter(kind="topic", object_id=topic.pk).exists()


def test_admin_refuses_overlapping_absences_as_a_form_error(client, small_directory, superuser):
    """The rule across rows is the service's; admin shows it on the form rather than failing to save."""
    client.force_login(superuser)
    data = {"officer": small_directory["olive"].pk, "starts_at_0": "2030-03-03", "starts_at_1": "09:00:00",
            "ends_at_0": "2030-03-05", "ends_at_1": "09:00:00", "reason": "leave", "caller_note": ""}  # fmt: skip
    assert client.post("/admin/directory/absence/add/", data).status_code == 302
    response = client.post("/admin/directory/absence/add/", {**data, "starts_at_0": "2030-03-04"})
    assert response.status_code == 200
    assert "already away for some of this time" in response.content.decode()
    assert Absence.objects.filter(officer=small_directory["olive"]).count() == 1
    response = client.post("/admin/directory/absence/add/", {**data, "ends_at_0": "2030-03-02"})
    assert "The end of the absence must be after the start" in response.content.decode()
