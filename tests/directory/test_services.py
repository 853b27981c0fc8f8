"""Directory services: every write validates, saves, re-indexes and records its change."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from directory import services
from directory.models import Absence, DirectoryChange, SearchEntry, Topic
from directory.phones import phone_normalise
from tests.factories import user_make


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("01632960001", "01632 960001"),
        ("+44 1632 960001", "01632 960001"),
        ("020 7946 0123", "020 7946 0123"),
        ("(0113) 496-0123", "0113 496 0123"),
        ("07700 900123", "07700 900123"),
        ("", ""),
    ],
)
def test_phone_numbers_are_stored_in_one_national_format(raw, expected):
    assert phone_normalise(raw) == expected


@pytest.mark.parametrize("raw", ["12345", "phone me", "0161", "+1 202 555 0100", "01632 96000"])
def test_invalid_phone_numbers_are_refused(raw):
    with pytest.raises(ValidationError, match="Enter a phone number, like 01632 960 001"):
        phone_normalise(raw)


def test_short_numbers_only_where_allowed():
    assert phone_normalise("101", allow_short=True) == "101"
    with pytest.raises(ValidationError):
        phone_normalise("101")


def test_create_records_who_and_every_field(small_directory):
    editor = user_make("Team manager", team=small_directory["bins"])
    topic = services.topic_create(
        by=editor, name="Clinical waste", slug="clinical-waste", service_area=small_directory["waste"],
        team=small_directory["bins"], synonyms=["sharps"],
    )  # fmt: skip
    change = DirectoryChange.objects.get(entry_type="topic", entry_id=topic.pk)
    assert change.changed_by == editor
    assert change.action == "created"
    assert change.changes["name"] == [None, "Clinical waste"]
    assert change.changes["team"] == [None, "Waste collections"]
    assert change.changes["synonyms"] == [None, ["sharps"]]
    assert SearchEntry.objects.get(kind="topic", object_id=topic.pk).title == "Clinical waste"


def test_update_saves_only_changed_fields_and_records_before_and_after(small_directory):
    topic = small_directory["bulky"]
    with CaptureQueriesContext(connection) as captured:
        services.topic_update(topic=topic, by=None, name="Bulky items", adviser_script=topic.adviser_script)
    (update,) = [q["sql"] for q in captured.captured_queries if q["sql"].startswith('UPDATE "directory_topic"')]
    assert '"name"' in update and '"updated_at"' in update and '"adviser_script"' not in update
    change = DirectoryChange.objects.filter(entry_type="topic", entry_id=topic.pk).latest("id")
    assert change.action == "updated"
    assert change.changes == {"name": ["Bulky waste collection", "Bulky items"]}


def test_update_without_changes_records_nothing(small_directory):
    topic = small_directory["bulky"]
    before = DirectoryChange.objects.count()
    services.topic_update(topic=topic, by=None, name=topic.name)
    assert DirectoryChange.objects.count() == before


def test_phone_numbers_are_normalised_and_checked_by_the_services(small_directory):
    team = services.team_update(team=small_directory["options"], by=None, public_phone="+441632960041")
    assert team.public_phone == "01632 960041"
    with pytest.raises(ValidationError) as caught:
        services.team_update(team=small_directory["options"], by=None, internal_phone="999")
    assert caught.value.message_dict == {
        "internal_phone": ["Enter a phone number, like 01632 960 001 or 020 7946 0000"]
    }
    assert services.partner_update(partner=small_directory["county"], by=None, phone="111").phone == "111"


def test_a_topic_needs_a_team_or_a_partner(small_directory):
    with pytest.raises(ValidationError) as caught:
        services.topic_create(by=None, name="Orphan", slug="orphan", service_area=small_directory["waste"])
    assert "team" in caught.value.message_dict
    assert not Topic.objects.filter(slug="orphan").exists()


def test_duplicate_slug_is_a_validation_error(small_directory):
    with pytest.raises(ValidationError) as caught:
        services.topic_create(
            by=None,
            name="Again",
            slug="bulky-waste",
            service_area=small_directory["waste"],
            team=small_directory["bins"],
        )
    assert "slug" in caught.value.message_dict


def _absence(officer, start_days: float, end_days: float, **fields):
    now = timezone.now()
    return services.absence_create(
        by=None, officer=officer, starts_at=now + timedelta(days=start_days), ends_at=now + timedelta(days=end_days),
        reason=Absence.Reason.LEAVE, caller_message="On leave", **fields,
    )  # fmt: skip


def test_absence_dates_must_be_in_order(small_directory):
    with pytest.raises(ValidationError) as caught:
        _absence(small_directory["olive"], 2, 1)
    assert caught.value.message_dict == {"ends_at": [services.ORDER_MESSAGE]}


def test_overlapping_absences_are_refused(small_directory):
    officer = small_directory["olive"]
    first = _absence(officer, 0, 3)
    with pytest.raises(ValidationError) as caught:
        _absence(officer, 2, 5)
    assert caught.value.message_dict == {"starts_at": [services.OVERLAP_MESSAGE]}
    _absence(officer, 3, 5)  # back-to-back is fine
    _absence(small_directory["hugo"], 0, 3)  # another officer is fine
    # Moving the first absence onto the second is refused too; moving it within itself is fine.
    with pytest.raises(ValidationError):
        services.absence_update(absence=first, by=None, ends_at=first.ends_at + timedelta(days=1))
    first.refresh_from_db()
    services.absence_update(absence=first, by=None, ends_at=first.ends_at - timedelta(hours=1))


def test_the_database_constraint_is_turned_into_a_validation_error(small_directory, monkeypatch):
    """Two requests racing past the check: the exclusion constraint still refuses, as a form error."""
    officer = small_directory["olive"]
    _absence(officer, 0, 3)
    monkeypatch.setattr(Absence.objects, "filter", lambda *a, **k: Absence.objects.none(), raising=False)
    monkeypatch.setattr(Absence, "validate_constraints", lambda self, exclude=None: None)
    with pytest.raises(ValidationError) as caught:
        _absence(officer, 1, 2)
    assert caught.value.message_dict == {"starts_at": [services.OVERLAP_MESSAGE]}


def test_other_integrity_errors_are_not_hidden(small_directory, monkeypatch):
    def boom(self, *args, **kwargs):
        raise IntegrityError("something else")

    monkeypatch.setattr(Topic, "save", boom)
    with pytest.raises(IntegrityError):
        services.topic_update(topic=small_directory["bulky"], by=None, name="Renamed")


def test_delete_removes_the_search_entry_and_records_it(small_directory):
    topic = small_directory["homeless"]
    services.topic_delete(topic=topic, by=None)
    assert not Topic.objects.filter(slug="homelessness").exists()
    assert not SearchEntry.objects.filter(kind="topic", object_id=topic.pk).exists()
    change = DirectoryChange.objects.get(entry_type="topic", entry_id=topic.pk, action="deleted")
    assert change.changes["name"] == ["Homelessness", None]


def test_delete_of_an_entry_still_in_use_is_refused(small_directory):
    with pytest.raises(ValidationError, match="still belong to it"):
        services.team_delete(team=small_directory["bins"], by=None)
    assert SearchEntry.objects.filter(kind="team", object_id=small_directory["bins"].pk).exists()


def test_deleting_an_officer_removes_their_absences_and_entry(small_directory):
    officer = small_directory["hugo"]
    _absence(officer, 0, 1)
    services.officer_delete(officer=officer, by=None)
    assert not Absence.objects.filter(officer_id=officer.pk).exists()
    assert not SearchEntry.objects.filter(kind="officer", object_id=officer.pk).exists()


def test_mark_reviewed(small_directory):
    topic = small_directory["bulky"]
    Topic.objects.filter(pk=topic.pk).update(last_reviewed=timezone.localdate() - timedelta(days=400))
    topic.refresh_from_db()
    services.entry_mark_reviewed(entry=topic, by=None)
    topic.refresh_from_db()
    assert topic.last_reviewed == timezone.localdate()
    change = DirectoryChange.objects.get(entry_type="topic", entry_id=topic.pk, action="reviewed")
    assert change.changes["last_reviewed"][1] == timezone.localdate().isoformat()


def test_a_failed_write_leaves_no_trace(small_directory):
    before = (DirectoryChange.objects.count(), SearchEntry.objects.count())
    with pytest.raises(ValidationError):
        services.partner_create(by=None, name="Bad", slug="bad", handles="x", phone="not a number")
    assert (DirectoryChange.objects.count(), SearchEntry.objects.count()) == before
