"""Database helpers shared by every app's services."""

import copy
from collections.abc import Mapping, Sequence
from typing import cast

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.db.models import Q

# A list filter's choice of the rows with none recorded (no team, no service area): its value
# "none" is cleaned to this (core.forms.optional_pk_field; no row has id 0).
NONE_CHOSEN = 0


def constraint_name(error: IntegrityError) -> str | None:
    """The name of the constraint the database says `error` broke, or None when it names none
    (a NOT NULL violation, say). Services map these names to GOV.UK field errors: the name is
    PostgreSQL's own report (psycopg's `diag.constraint_name`), so unlike the message text it does
    not change with the server's language or version."""
    diagnostics = getattr(error.__cause__, "diag", None)
    return getattr(diagnostics, "constraint_name", None) or None


def rows_update(
    *, model: type[models.Model], entries: Sequence[models.Model], fields: list[str], batch_size=500
) -> None:
    """Save `fields` of every one of `entries` (matched by primary key), one UPDATE ... FROM
    (VALUES ...) statement a batch. For updates of thousands of rows: Django's bulk_update builds
    a CASE with one branch per row for every field, which is slow to compile in Python and slow
    for PostgreSQL to evaluate (each row walks the branches). No signals, no auto_now: as
    bulk_update, the caller sets such fields."""
    meta = model._meta
    quote = connection.ops.quote_name
    targets = [meta.pk] + [cast(models.Field, meta.get_field(name)) for name in fields]
    columns = [quote(target.column) for target in targets]
    pk = columns[0]
    row = "(" + ", ".join(f"%s::{target.db_type(connection)}" for target in targets) + ")"
    assignments = ", ".join(f"{column} = v.{column}" for column in columns[1:])
    with connection.cursor() as cursor:
        for start in range(0, len(entries), batch_size):
            batch = entries[start : start + batch_size]
            params = [
                target.get_db_prep_save(getattr(entry, target.attname), connection)
                for entry in batch
                for target in targets
            ]
            # Only quoted names of the model's own table and columns are formatted in; values are parameters.
            sql = (
                f"UPDATE {quote(meta.db_table)} AS t SET {assignments} "  # noqa: S608
                f"FROM (VALUES {', '.join([row] * len(batch))}) AS v({', '.join(columns)}) WHERE t.{pk} = v.{pk}"
            )
            cursor.execute(sql, params)


def unique_errors(entry: models.Model) -> dict[str, ValidationError]:
    """Constraint name -> the GOV.UK-worded error (the model's unique_error_message) for every
    unique rule of `entry`'s model: its UniqueConstraints, and unique=True columns, whose
    constraints PostgreSQL names <table>_<column>_key."""
    model = type(entry)
    errors = {}
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and constraint.fields:
            message = entry.unique_error_message(model, constraint.fields)
            errors[constraint.name] = ValidationError({NON_FIELD_ERRORS: message})
    for column in model._meta.concrete_fields:
        if column.unique and not column.primary_key:
            message = entry.unique_error_message(model, [column.name])
            errors[f"{model._meta.db_table}_{column.column}_key"] = ValidationError({column.name: message})
    return errors


def save_checked(entry: models.Model, *, errors: Mapping[str, ValidationError], **kwargs) -> None:
    """entry.save(**kwargs), turning a constraint the save broke into its ValidationError from
    `errors` (constraint name -> error; unique rules are added from unique_errors). For the race
    the service's own checks cannot close: another request saved in between."""
    try:
        with transaction.atomic():
            entry.save(**kwargs)
    except IntegrityError as error:
        mapped = {**unique_errors(entry), **errors}.get(constraint_name(error) or "")
        if mapped is None:
            raise
        # A copy: the mapping's errors are shared by every request, and raising sets __cause__.
        raise copy.deepcopy(mapped) from error


def pk_or_none_q(field: str, pk: int) -> Q:
    """The rows whose `field` (a foreign key's id, across relations if need be) is `pk`, or,
    for a filter's "none recorded" (NONE_CHOSEN), is null."""
    return Q(**{f"{field}__isnull": True}) if pk == NONE_CHOSEN else Q(**{field: pk})
