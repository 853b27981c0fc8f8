"""Directory services: every write validates, saves, re-indexes and records its change."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from directory import services
from directory.models import (
    ABSENCE_ORDER_MESSAGE,
    TOPIC_OWNER_MESSAGE,
    Absence,
    DirectoryChange,
    Officer,
    Partner,
    SearchEntry,
    Team,
    Topic,
)
from directory.phones import PHONE_MESSAGE, phone_normalise
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
    topic = services.entry_create(model=Topic, by=editor, fields={
        "name": "Clinical waste", "slug": "clinical-waste", "service_area": small_directory["waste"],
        "team": small_directory["bins"], "synonyms": ["sharps"],
    })  # fmt: skip
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
        services.entry_update(
            entry=topic, by=None, fields={"name": "Bulky items", "adviser_script": topic.adviser_script}
        )
    (update,) = [q["sql"] for q in captured.captured_queries if q["sql"].startswith('UPDATE "directory_topic"')]
    assert '"name"' in update and '"updated_at"' in update and '"adviser_script"' not in update
    change = DirectoryChange.objects.filter(entry_type="topic", entry_id=topic.pk).latest("id")
    assert change.action == "updated"
    assert change.changes == {"name": ["Bulky waste collection", "Bulky items"]}


def test_update_records_before_from_the_database_not_the_instance(small_directory):
    """Callers may pass an instance a form has already changed: "before" is the stored row."""
    topic = Topic.objects.get(pk=small_directory["bulky"].pk)
    topic.name = "Bulky items"  # as ModelForm validation leaves its instance
    services.entry_update(entry=topic, by=None, fields={"name": "Bulky items"})
    change = DirectoryChange.objects.filter(entry_type="topic", entry_id=topic.pk).latest("id")
    assert change.changes == {"name": ["Bulky waste collection", "Bulky items"]}
    assert Topic.objects.get(pk=topic.pk).name == "Bulky items"


def test_a_move_to_another_team_of_the_same_name_is_saved(small_directory):
    """Regression: relations were compared by their names, so this was "no change" and not saved."""
    other = services.entry_create(
        model=Team, by=None,
        fields={"service_area": small_directory["housing"], "name": "Waste collections", "slug": "housing-waste"},
    )  # fmt: skip
    officer = services.entry_update(entry=small_directory["hugo"], by=None, fields={"team": other})
    assert Officer.objects.get(pk=officer.pk).team == other
    change = DirectoryChange.objects.filter(entry_type="officer", entry_id=officer.pk).latest("id")
    assert change.changes == {"team": ["Waste collections", "Waste collections"]}


def test_update_without_changes_records_nothing(small_directory):
    topic = small_directory["bulky"]
    before = DirectoryChange.objects.count()
    services.entry_update(entry=topic, by=None, fields={"name": topic.name})
    assert DirectoryChange.objects.count() == before


def test_phone_numbers_are_normalised_and_checked_by_the_services(small_directory):
    team = services.entry_update(entry=small_directory["options"], by=None, fields={"public_phone": "+441632960041"})
    assert team.public_phone == "01632 960041"
    with pytest.raises(ValidationError) as caught:
        services.entry_update(entry=small_directory["options"], by=None, fields={"internal_phone": "999"})
    assert caught.value.message_dict == {
        "internal_phone": ["Enter a phone number, like 01632 960 001 or 020 7946 0000"]
    }
    partner = services.entry_update(entry=small_directory["county"], by=None, fields={"phone": "111"})
    assert partner.phone == "111"


def test_a_topic_needs_a_team_or_a_partner(small_directory):
    with pytest.raises(ValidationError) as caught:
        services.entry_create(
            model=Topic, by=None, fields={"name": "Orphan", "slug": "orphan", "service_area": small_directory["waste"]}
        )
    assert "team" in caught.value.message_dict
    assert not Topic.objects.filter(slug="orphan").exists()


def test_duplicate_slug_is_a_validation_error(small_directory):
    with pytest.raises(ValidationError) as caught:
        services.entry_create(model=Topic, by=None, fields={
            "name": "Again", "slug": "bulky-waste", "service_area": small_directory["waste"],
            "team": small_directory["bins"],
        })  # fmt: skip
    assert "slug" in caught.value.message_dict


def _absence(officer, start_days: float, end_days: float, **fields):
    now = timezone.now()
    return services.entry_create(model=Absence, by=None, fields={
        "officer": officer, "starts_at": now + timedelta(days=start_days), "ends_at": now + timedelta(days=end_days),
        "reason": Absence.Reason.LEAVE, **fields,
    })  # fmt: skip


def test_absence_dates_must_be_in_order(small_directory):
    with pytest.raises(ValidationError) as caught:
        _absence(small_directory["olive"], 2, 1)
    assert caught.value.message_dict == {"ends_at": [ABSENCE_ORDER_MESSAGE]}


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
        services.entry_update(entry=first, by=None, fields={"ends_at": first.ends_at + timedelta(days=1)})
    first.refresh_from_db()
    services.entry_update(entry=first, by=None, fields={"ends_at": first.ends_at - timedelta(hours=1)})


def test_the_database_constraint_is_turned_into_a_validation_error(small_directory, monkeypatch):
    """Two requests racing past the check: the exclusion constraint still refuses, as a form error."""
    officer = small_directory["olive"]
    _absence(officer, 0, 3)
    monkeypatch.setitem(services._ROW_RULES, Absence, [])  # as if the other absence came after the check
    with pytest.raises(ValidationError) as caught:
        _absence(officer, 1, 2)
    assert caught.value.message_dict == {"starts_at": [services.OVERLAP_MESSAGE]}
    assert caught.value.error_dict["starts_at"][0].code == "overlap"


def test_a_slug_taken_in_a_race_is_a_field_error(small_directory, monkeypatch):
    """Regression: a unique column broken between the check and the save was a server error."""
    monkeypatch.setattr(Topic, "validate_unique", lambda self, exclude=None: None)
    with pytest.raises(ValidationError) as caught:
        services.entry_create(model=Topic, by=None, fields={
            "name": "Again", "slug": "bulky-waste", "service_area": small_directory["waste"],
            "team": small_directory["bins"],
        })  # fmt: skip
    (error,) = caught.value.error_dict["slug"]
    assert error.code == "unique"


def test_a_team_name_taken_in_a_race_gets_the_govuk_message(small_directory, monkeypatch):
    monkeypatch.setattr(Team, "validate_constraints", lambda self, exclude=None: None)
    with pytest.raises(ValidationError) as caught:
        services.entry_create(
            model=Team,
            by=None,
            fields={"service_area": small_directory["waste"], "name": "Waste collections", "slug": "another"},
        )
    assert caught.value.messages == ["Waste and recycling already has a team with this name. Enter a different name"]


def test_integrity_errors_are_matched_by_constraint_name_not_message(small_directory, monkeypatch):
    """Regression: any integrity error whose text mentioned absence_no_overlap became the overlap
    message, hiding what really went wrong."""

    def boom(self, *args, **kwargs):
        raise IntegrityError('trigger refused: see "absence_no_overlap"')

    monkeypatch.setattr(Absence, "save", boom)
    with pytest.raises(IntegrityError):
        _absence(small_directory["olive"], 0, 1)


def test_other_integrity_errors_are_not_hidden(small_directory, monkeypatch):
    def boom(self, *args, **kwargs):
        raise IntegrityError("something else")

    monkeypatch.setattr(Topic, "save", boom)
    with pytest.raises(IntegrityError):
        services.entry_update(entry=small_directory["bulky"], by=None, fields={"name": "Renamed"})


def test_delete_removes_the_search_entry_and_records_it(small_directory):
    topic = small_directory["homeless"]
    services.entry_delete(entry=topic, by=None)
    assert not Topic.objects.filter(slug="homelessness").exists()
    assert not SearchEntry.objects.filter(kind="topic", object_id=topic.pk).exists()
    change = DirectoryChange.objects.get(entry_type="topic", entry_id=topic.pk, action="deleted")
    assert change.changes["name"] == ["Homelessness", None]


def test_delete_of_an_entry_still_in_use_is_refused(small_directory):
    with pytest.raises(ValidationError, match="still belong to it"):
        services.entry_delete(entry=small_directory["bins"], by=None)
    assert SearchEntry.objects.filter(kind="team", object_id=small_directory["bins"].pk).exists()


def test_deleting_an_officer_removes_their_absences_and_entry(small_directory):
    officer = small_directory["hugo"]
    _absence(officer, 0, 1)
    services.entry_delete(entry=officer, by=None)
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
        services.entry_create(
            model=Partner, by=None, fields={"name": "Bad", "slug": "bad", "handles": "x", "phone": "not a number"}
        )
    assert (DirectoryChange.objects.count(), SearchEntry.objects.count()) == before


# --- The models' own rules: full_clean checks them wherever the entry comes from ------------------


def _errors(entry) -> dict[str, list[tuple[str, str]]]:
    with pytest.raises(ValidationError) as caught:
        entry.full_clean()
    return {name: [(e.code, e.messages[0]) for e in errors] for name, errors in caught.value.error_dict.items()}


def test_a_topic_needs_an_owner_in_its_own_service_area(small_directory):
    topic = Topic(name="Orphan", slug="orphan", service_area=small_directory["waste"])
    assert _errors(topic) == {"team": [("no_owner", TOPIC_OWNER_MESSAGE)]}
    topic.team = small_directory["options"]  # a housing team
    assert _errors(topic) == {
        "team": [("team_not_in_area", "Choose a team in Waste and recycling, or change the service area")]
    }
    topic.team = small_directory["bins"]
    topic.full_clean()


def test_an_absence_ends_after_it_starts(small_directory):
    now = timezone.now()
    absence = Absence(officer=small_directory["olive"], starts_at=now, ends_at=now, reason=Absence.Reason.LEAVE)
    assert _errors(absence) == {"ends_at": [("ends_before_start", ABSENCE_ORDER_MESSAGE)]}


def test_phone_numbers_are_formatted_by_the_model_before_the_length_check(small_directory):
    team = Team(service_area=small_directory["waste"], name="Street cleansing", slug="street-cleansing")
    team.internal_phone = "+44 (0) 1632 - 960 001"  # 22 characters, the column holds 20
    team.full_clean()
    assert team.internal_phone == "01632 960001"
    team.public_phone = "111"
    assert _errors(team) == {"public_phone": [("invalid_phone", PHONE_MESSAGE)]}
    partner = Partner(name="NHS 111", slug="nhs-111", handles="Urgent health advice", phone="111")
    partner.full_clean()  # partners may give short numbers
    assert partner.phone == "111"
