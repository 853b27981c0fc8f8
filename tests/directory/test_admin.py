"""Django admin edits of the directory go through the services: validated alike, indexed, recorded."""

import pytest
from django.contrib.auth import get_user_model

from directory import selectors
from directory.models import DirectoryChange, SearchEntry, Team, Topic


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("root", "root@example.gov.uk", "not-used-here-2026")


def _topic_form(topic: Topic, **changes) -> dict:
    data = {
        "name": topic.name, "slug": topic.slug, "synonyms": ",".join(topic.synonyms),
        "keywords": ",".join(topic.keywords), "service_area": topic.service_area_id, "team": topic.team_id or "",
        "partner": topic.partner_id or "", "adviser_script": topic.adviser_script, "online_url": topic.online_url,
        "is_public": "on" if topic.is_public else "", "last_reviewed": topic.last_reviewed.isoformat(),
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
