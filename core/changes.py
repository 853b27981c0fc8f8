"""What an app's change history records of an entry: its fields as JSON-friendly values, before
and after. Each app keeps its own history table (directory.DirectoryChange,
standards.StandardsChange); these helpers are what they share."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any, cast

from django.db import models
from django.utils import timezone


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
