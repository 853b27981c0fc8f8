"""What an app's change history records of an entry: its fields as JSON-friendly values, before
and after. Each app keeps its own history table (directory.DirectoryChange,
standards.StandardsChange); these helpers are what they share."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, cast

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone

from .dates import govuk_time


def value_as_json(value: Any) -> Any:
    """A field's value as the history shows it: a related entry by its name, times in local time,
    decimals as text."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [value_as_json(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)  # a JSONField cannot hold a Decimal (a target's percentage)
    return value


def snapshot(entry: models.Model, names) -> dict:
    return {name: value_as_json(getattr(entry, name)) for name in names}


def model_field(model: type[models.Model] | models.Model, name: str) -> models.Field:
    return cast(models.Field, model._meta.get_field(name))


def editable_names(model) -> list[str]:
    """The fields a person edits (not the primary key or the update time)."""
    return [f.name for f in model._meta.concrete_fields if f.editable and not f.primary_key and f.name != "updated_at"]


def field_changes(before: dict | None, after: dict) -> dict:
    """{name: [before, after]} for the names whose values differ (before None: a new entry)."""
    return {name: [before[name] if before else None, value] for name, value in after.items()
            if before is None or before[name] != value}  # fmt: skip


# --- The history in words ---------------------------------------------------------------------------

# Text longer than this, or over more than one line, is summarised as "changed" with the before and
# after shown on request.
LONG_TEXT = 80


@dataclass(frozen=True)
class ChangeLine:
    """One line of a change in words: "Keywords: added settee", "Team that deals with it: Waste
    collections to Street cleansing". `before` and `after` are set for long text (`summary`
    "changed"), which a page shows in a details element."""

    label: str
    summary: str
    before: str = ""
    after: str = ""

    @property
    def long(self) -> bool:
        return bool(self.before or self.after)


def _field(model, name: str) -> models.Field | None:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    # A reverse relation recorded by name (a calendar's "hours") is not a field with choices or a label.
    return field if isinstance(field, models.Field) else None


def _blank(field: models.Field | None) -> str:
    return "none" if field is not None and (field.is_relation or isinstance(field, ArrayField)) else "(blank)"


def value_in_words(value: Any, field: models.Field | None) -> str:
    """A stored history value (value_as_json's) as a person reads it: yes or no, a choice by its
    label, dates and times GOV.UK style with the year, lists comma-separated, blank as "(blank)"
    (a relation or a list: "none")."""
    if value is None or value == "" or value == []:
        return _blank(field)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.DateTimeField) and isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
        return f"{govuk_time(local)} on {local:%A} {local.day} {local:%B} {local.year}"
    if isinstance(field, models.DateField) and isinstance(value, str):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return value
        return f"{day.day} {day:%B} {day.year}"
    return str(value)


def _is_long(value: Any, field: models.Field | None) -> bool:
    text = value if isinstance(value, str) else ""
    return isinstance(field, models.TextField) or len(text) > LONG_TEXT or "\n" in text


def _label(name: str, field: models.Field | None, labels: dict[str, str]) -> str:
    if name in labels:
        return str(labels[name])
    if field is not None and getattr(field, "verbose_name", None):
        text = str(field.verbose_name)
        return text[:1].upper() + text[1:]
    return name.replace("_", " ").capitalize()


def change_lines(
    changes: dict, *, model, labels: dict[str, str] | None = None, action: str = "updated"
) -> list[ChangeLine]:
    """A change record's {field: [before, after]} in words, one line a field (two for a list with
    both additions and removals), labelled as the edit form labels the fields (`labels`; else the
    model's verbose names). A created entry lists the fields it was given, a deleted one the
    fields it had: "created" and "deleted" as `action` (any other action reads as a change)."""
    labels = labels or {}
    lines: list[ChangeLine] = []
    pairs = [values if isinstance(values, (list, tuple)) else [None, values] for values in changes.values()]
    if action not in ("created", "deleted") and pairs and all(pair[0] is None for pair in pairs):
        action = "created"  # an import that added the entry: recorded as changes from nothing
    for name, values in changes.items():
        before, after = [*values, None, None][:2] if isinstance(values, (list, tuple)) else (None, values)
        field = _field(model, name)
        label = _label(name, field, labels)
        if action in ("created", "deleted"):
            value = after if action == "created" else before
            if value is None or value == "" or value == [] or value is False:
                continue  # a field left blank is not worth a line
            text = value_in_words(value, field)
            if _is_long(value, field):
                lines.append(ChangeLine(label, "set" if action == "created" else "was set",
                                        **({"after": text} if action == "created" else {"before": text})))  # fmt: skip
            else:
                lines.append(ChangeLine(label, text))
            continue
        if isinstance(before, list) or isinstance(after, list):
            old, new = list(before or []), list(after or [])
            added = [item for item in new if item not in old]
            removed = [item for item in old if item not in new]
            if added:
                lines.append(ChangeLine(label, "added " + ", ".join(str(item) for item in added)))
            if removed:
                lines.append(ChangeLine(label, "removed " + ", ".join(str(item) for item in removed)))
            if not added and not removed:
                lines.append(ChangeLine(label, "reordered"))
            continue
        if _is_long(before, field) or _is_long(after, field):
            lines.append(ChangeLine(label, "changed", before=value_in_words(before, field),
                                    after=value_in_words(after, field)))  # fmt: skip
            continue
        old_words, new_words = value_in_words(before, field), value_in_words(after, field)
        if old_words != new_words:  # None to "" is no change a person would see
            lines.append(ChangeLine(label, f"{old_words} to {new_words}"))
    return lines


@dataclass(frozen=True)
class ChangeRow:
    """One change record and its lines in words, as a history page shows it."""

    change: Any  # a ChangeRecord (DirectoryChange, StandardsChange, CasesChange)
    lines: list[ChangeLine]


def change_rows(changes, *, model, labels: dict[str, str] | None = None) -> list[ChangeRow]:
    """The rows of a history page (templates/includes/change_history.html): each of `changes`
    (ChangeRecords of entries of `model`) with its change_lines."""
    return [ChangeRow(change, change_lines(change.changes, model=model, labels=labels, action=change.action))
            for change in changes]  # fmt: skip
