"""Writes to the directory. Every write goes through one of these functions, which validates the
entry (full_clean), saves it, keeps its SearchEntry in step and records a DirectoryChange, all in
one transaction."""

import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import connection, models, transaction
from django.db.models.deletion import ProtectedError
from django.utils import timezone

from core.changes import editable_names, model_field, snapshot, value_as_json
from core.csv_cells import cell_restore
from core.db import rows_update, save_checked

from . import csv_io, search_index, selectors
from .models import (
    ABSENCE_ORDER_MESSAGE,
    TOPIC_OWNER_MESSAGE,
    Absence,
    ContactDetails,
    DirectoryChange,
    Officer,
    Partner,
    Reviewed,
    ServiceArea,
    Team,
    Topic,
)

logger = logging.getLogger(__name__)

Entry = TypeVar("Entry", bound=models.Model)
ReviewedEntry = TypeVar("ReviewedEntry", bound=Reviewed)
User = AbstractBaseUser

# --- The search index ---------------------------------------------------------------------------


def search_index_rebuild() -> int:
    """Rebuild every SearchEntry from the directory tables, set-based. Returns the number of entries."""
    with transaction.atomic():
        search_index.index_delete_all()
        count = sum(search_index.index_upsert(kind) for kind in search_index.KINDS)
        search_index.words_refresh()
        # Fresh statistics, so the planner uses the indexes on the rebuilt table straight away.
        search_index.index_analyze()
    return count


_SEARCH_KIND = {ServiceArea: "service", Team: "team", Partner: "partner", Topic: "topic", Officer: "officer"}


def _search_refresh(entry: models.Model) -> None:
    """Refresh the entry's own SearchEntry, those of entries that show its name, and the word list."""
    if type(entry) not in _SEARCH_KIND:
        return
    if isinstance(entry, ServiceArea):
        search_index.index_upsert("service", column="id", value=entry.pk)
        for kind in ("team", "topic", "officer"):
            search_index.index_upsert(kind, column="service_area", value=entry.pk)
    elif isinstance(entry, Team):
        search_index.index_upsert("team", column="id", value=entry.pk)
        search_index.index_upsert("topic", column="team", value=entry.pk)
        search_index.index_upsert("officer", column="team", value=entry.pk)
    elif isinstance(entry, Partner):
        search_index.index_upsert("partner", column="id", value=entry.pk)
        search_index.index_upsert("topic", column="partner", value=entry.pk)
    elif isinstance(entry, Topic):
        search_index.index_upsert("topic", column="id", value=entry.pk)
    elif isinstance(entry, Officer):
        search_index.index_upsert("officer", column="id", value=entry.pk)
    search_index.words_refresh()


def officer_search_refresh(*, user_id: int) -> None:
    """Follow a change to a staff account's name into its officer's search entry: names belong to
    the account, which is edited outside the directory."""
    if search_index.index_upsert("officer", column="user", value=user_id):
        search_index.words_refresh()


# --- The audit trail -----------------------------------------------------------------------------


def _state(entry: models.Model, names) -> dict[str, tuple]:
    """name -> (the stored value: an id for a relation, what the change history shows). Relations
    are compared by id: two teams may share a name in different service areas."""
    return {
        name: (getattr(entry, model_field(entry, name).attname), value_as_json(getattr(entry, name))) for name in names
    }


def _state_changes(before: dict | None, after: dict) -> dict:
    return {
        name: [before[name][1] if before else None, value[1]]
        for name, value in after.items()
        if before is None or before[name][0] != value[0]
    }


# --- Validation shared by every write -----------------------------------------------------------

OVERLAP_MESSAGE = "This officer is already away for some of this time. Change the dates or edit the other absence"


def _overlap_error() -> ValidationError:
    return ValidationError({"starts_at": ValidationError(OVERLAP_MESSAGE, code="overlap")})


def _absence_overlap_check(absence: Absence) -> None:
    if absence.officer_id and absence.starts_at and absence.ends_at and absence.ends_at > absence.starts_at:
        others = Absence.objects.filter(
            officer_id=absence.officer_id, starts_at__lt=absence.ends_at, ends_at__gt=absence.starts_at
        )
        if others.exclude(pk=absence.pk).exists():
            raise _overlap_error()


# Rules across rows, by model: the single-row rules are each model's own (clean, clean_fields).
_ROW_RULES: dict[type[models.Model], list[Callable[[Any], None]]] = {Absence: [_absence_overlap_check]}


def entry_rows_validate(*, entry: models.Model) -> None:
    """The rules a directory entry must meet that involve other rows (an officer's absences may
    not overlap), with GOV.UK messages. Raises ValidationError. For forms that cannot show the
    errors of a write (Django admin) to check before it; every write runs it through entry_validate."""
    for rule in _ROW_RULES.get(type(entry), []):
        rule(entry)


def entry_validate(*, entry: models.Model) -> None:
    """Every rule a write checks: the model's own (full_clean, which also normalises phone
    numbers in place) and then those across rows. Raises ValidationError."""
    entry.full_clean()
    entry_rows_validate(entry=entry)


# The constraints a write can still break after the checks above, mostly by racing another request
# (an overlapping absence saved in between); unique rules are mapped by core.db.save_checked itself.
_CONSTRAINT_ERRORS = {
    "absence_no_overlap": _overlap_error(),
    "absence_ends_after_start": ValidationError(
        {"ends_at": ValidationError(ABSENCE_ORDER_MESSAGE, code="ends_before_start")}
    ),
    "topic_has_owner_or_partner": ValidationError({"team": ValidationError(TOPIC_OWNER_MESSAGE, code="no_owner")}),
}


def _save(entry: models.Model, **kwargs) -> None:
    save_checked(entry, errors=_CONSTRAINT_ERRORS, **kwargs)


# --- Generic create / update / delete ------------------------------------------------------------


@transaction.atomic
def entry_create(*, model: type[Entry], by: User | None, fields: dict) -> Entry:
    """Create a directory entry of any kind (model: ServiceArea, Team, Officer, Absence, Partner or
    Topic; fields: model field name -> value): validate, save, refresh the search index, record
    it. Raises ValidationError with GOV.UK messages, field by field."""
    entry = model(**fields)
    entry_validate(entry=entry)
    _save(entry)
    _search_refresh(entry)
    after = snapshot(entry, editable_names(model))
    DirectoryChange.record(
        entry=entry, by=by, action=DirectoryChange.Action.CREATED, changes={k: [None, v] for k, v in after.items()}
    )
    return entry


@transaction.atomic
def entry_update(*, entry: Entry, by: User | None, fields: dict) -> Entry:
    """Change some fields of any directory entry; saves and records only what really changed.

    "Before" is the stored row (locked until the transaction ends, so two editors' changes are
    recorded one after the other), not `entry`: callers may pass an instance a form has already
    changed. Raises ValidationError with GOV.UK messages, field by field."""
    model = type(entry)
    related = [name for name in fields if model._meta.get_field(name).is_relation]
    stored = model._default_manager.select_related(*related).select_for_update(of=("self",)).get(pk=entry.pk)
    before = _state(stored, fields)
    for name, value in fields.items():
        setattr(entry, name, value)
    entry_validate(entry=entry)
    changed = _state_changes(before, _state(entry, fields))
    if not changed:
        return entry
    update_fields = [model_field(model, name).attname for name in changed]
    if any(f.name == "updated_at" for f in model._meta.concrete_fields):
        update_fields.append("updated_at")
    _save(entry, update_fields=update_fields)
    _search_refresh(entry)
    DirectoryChange.record(entry=entry, by=by, action=DirectoryChange.Action.UPDATED, changes=changed)
    return entry


DELETE_PROTECTED_MESSAGE = "You cannot delete {entry} while {others} still belong to it. Move or delete them first"


@transaction.atomic
def entry_delete(*, entry: models.Model, by: User | None) -> None:
    """Delete any directory entry, refusing (with a message) while others still belong to it."""
    before = snapshot(entry, editable_names(type(entry)))
    pk, kind = entry.pk, _SEARCH_KIND.get(type(entry))
    try:
        with transaction.atomic():
            entry.delete()
    except ProtectedError as error:
        others = sorted({str(obj._meta.verbose_name_plural) for obj in error.protected_objects})
        raise ValidationError(DELETE_PROTECTED_MESSAGE.format(entry=entry, others=" and ".join(others))) from None
    entry.pk = pk  # for the change record
    if kind:
        search_index.index_delete(kind, pk)
        search_index.words_refresh()
    DirectoryChange.record(
        entry=entry, by=by, action=DirectoryChange.Action.DELETED, changes={k: [v, None] for k, v in before.items()}
    )


@transaction.atomic
def entry_mark_reviewed(*, entry: ReviewedEntry, by: User | None) -> ReviewedEntry:
    """Record that someone checked the entry (any kind but an absence) and it is still right."""
    before, today = entry.last_reviewed, timezone.localdate()
    entry.last_reviewed = today
    entry.save(update_fields=["last_reviewed", "updated_at"])
    DirectoryChange.record(
        entry=entry,
        by=by,
        action=DirectoryChange.Action.REVIEWED,
        changes={"last_reviewed": [value_as_json(before), today.isoformat()]},
    )
    return entry


# --- The council's contact details ---------------------------------------------------------------


def _contact_details_forget() -> None:
    try:
        cache.delete(selectors.CONTACT_DETAILS_CACHE_KEY)
    except Exception:  # with Redis down, pages read the database and stay right
        logger.warning("Cache unavailable: contact details not cleared from it", exc_info=True)


@transaction.atomic
def contact_details_update(*, by: User | None, fields: dict) -> ContactDetails:
    """Set the council's customer services contact details (the one ContactDetails row, created
    on first use), recorded in the change history; pages show the new details once it commits."""
    stored = selectors.contact_details_stored()
    if stored is None:
        details = entry_create(model=ContactDetails, by=by, fields={"id": 1, **fields})
    else:
        details = entry_update(entry=stored, by=by, fields=fields)
    transaction.on_commit(_contact_details_forget)
    return details


# --- CSV import ------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    errors: list[tuple[int, str]] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def summary(self) -> str:
        parts = [f"{self.counts[key]} {key}" for key in ("added", "updated", "unchanged") if self.counts[key]]
        return ", ".join(parts) or "nothing to do"


_YES, _NO = {"yes", "y", "true", "1"}, {"no", "n", "false", "0"}
_RELATED = {"service_area": ServiceArea, "team": Team, "partner": Partner}
# Unique together, checked across the file and the directory before anything is written.
_UNIQUE_NAMES = {"service_area": "service area", "partner": "partner organisation"}
_BATCH = 500


@dataclass
class _Import:
    """One import: the directory as it stands (loaded once), the file's rows checked against it in
    memory, and the writes of each record type in bulk, so its cost is a few dozen statements
    whatever the size of the file."""

    by: User | None
    result: ImportResult
    # record type -> key (slug, or the officer's username) -> entry; filled as each type is written
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)
    changes: list[DirectoryChange] = field(default_factory=list)
    today: date = field(default_factory=timezone.localdate)

    def error(self, line: int, name: str, message: str) -> None:
        label = f"{name}: " if name and name != NON_FIELD_ERRORS else ""
        self.result.errors.append((line, f"{label}{message}"))

    def load(self, keys: dict[str, set[str]]) -> None:
        """Every entry the file can touch or refer to, in one query a kind. Service areas, partners
        and teams are loaded whole (their names must stay unique across the directory, and there
        are few); topics and officers only as the file names them. Relations are joined up here,
        from what is loaded, rather than by the database."""
        areas = {e.pk: e for e in ServiceArea.objects.all()}
        partners = {e.pk: e for e in Partner.objects.all()}
        teams = {e.pk: e for e in Team.objects.all()}
        for team in teams.values():
            team.service_area = areas[team.service_area_id]
        UserModel = get_user_model()
        usernames = {f"{UserModel.USERNAME_FIELD}__in": keys["officer"]}
        self.users = {user.get_username(): user for user in UserModel._default_manager.filter(**usernames)}
        users_by_id = {user.pk: user for user in self.users.values()}
        officers = list(Officer.objects.filter(user_id__in=list(users_by_id)))
        topics = list(Topic.objects.filter(slug__in=keys["topic"]))
        for officer in officers:
            officer.user, officer.team = users_by_id[officer.user_id], teams[officer.team_id]
        for topic in topics:
            topic.service_area = areas[topic.service_area_id]
            topic.team = teams.get(topic.team_id)
            topic.partner = partners.get(topic.partner_id)
        self.entries = {
            "service_area": {e.slug: e for e in areas.values()},
            "partner": {e.slug: e for e in partners.values()},
            "team": {e.slug: e for e in teams.values()},
            "officer": {officer.user.get_username(): officer for officer in officers},
            "topic": {topic.slug: topic for topic in topics},
        }

    def value(self, record_type: str, name: str, raw: str):
        model = csv_io.MODELS[record_type]
        if name in _RELATED:
            if not raw:
                if not model_field(model, name).null:
                    raise ValidationError(f"Enter the slug of the {name.replace('_', ' ')}")
                return None
            found = self.entries[name].get(raw)  # only entries that are stored: loaded, or written already
            if found is None:
                raise ValidationError(f"There is no {name.replace('_', ' ')} with the slug '{raw}'")
            return found
        if name == "user":
            found = self.users.get(raw)
            if found is None:
                raise ValidationError(f"There is no staff account with the username '{raw}'. Create the account first")
            return found
        if name in ("is_public", "number_shareable"):
            if not raw:
                return model_field(model, name).default
            if raw.lower() not in _YES | _NO:
                raise ValidationError("Enter yes or no")
            return raw.lower() in _YES
        if name in ("synonyms", "keywords"):
            return [part.strip() for part in raw.split(csv_io.LIST_SEPARATOR) if part.strip()]
        return raw

    def check(self, record_type: str, line: int, cells: dict) -> tuple[Any, dict, dict | None] | None:
        """The row as an entry, validated by its model: (entry, its state, its state before) or
        None when it has errors (recorded)."""
        model, columns = csv_io.MODELS[record_type], csv_io.FIELD_MAP[record_type]
        values, failed = {}, False
        for column, name in columns.items():
            try:
                values[name] = self.value(record_type, name, cells.get(column, ""))
            except ValidationError as error:
                failed = True
                for message in error.messages:
                    self.error(line, name, message)
        if failed:
            return None
        entry = self.entries[record_type].get(cells.get("slug", ""))
        before = _state(entry, values) if entry is not None else None
        # A new entry's review date is given, not defaulted: the default costs a time zone lookup a row.
        entry = entry if entry is not None else model(last_reviewed=self.today)
        for name, value in values.items():
            setattr(entry, name, value)
        try:
            # Relations were found above (so they exist); uniqueness is checked across the whole
            # file below, and the constraints' single-row cases are each model's clean().
            related = [name for name in values if model._meta.get_field(name).is_relation]
            entry.full_clean(exclude=related, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                for message in messages:
                    self.error(line, name, message)
            return None
        return entry, _state(entry, values), before

    def unique_names(self, record_type: str, checked: list[tuple[int, Any]]) -> set[int]:
        """Names that must be unique (a service area's, a partner's; a team's within its service
        area), checked over the directory as it will be. Returns the lines in error."""
        if record_type not in _UNIQUE_NAMES and record_type != "team":
            return set()

        def scope(entry):
            return (entry.service_area_id, entry.name) if record_type == "team" else entry.name

        label = "team in {area}" if record_type == "team" else _UNIQUE_NAMES[record_type]
        in_file = {entry.slug for _, entry in checked}
        taken: dict[Any, tuple[int | None, Any]] = {
            scope(e): (None, e) for e in self.entries[record_type].values() if e.slug not in in_file
        }
        bad = set()
        for line, entry in checked:
            other_line, other = taken.setdefault(scope(entry), (line, entry))
            if other is entry:
                continue
            bad.add(line)
            where = f"slug '{other.slug}'" if other_line is None else f"on line {other_line}"
            what = label.format(area=getattr(entry, "service_area", None))
            self.error(line, "name", f"Another {what} is called '{entry.name}' ({where}). Enter a different name")
        return bad

    def write(self, record_type: str, rows: list[tuple[int, dict]]) -> None:
        """Check the record type's rows, then add and update its entries in bulk."""
        model = csv_io.MODELS[record_type]
        checked = []
        for line, cells in rows:
            outcome = self.check(record_type, line, cells)
            if outcome is not None:
                checked.append((line, *outcome))
        bad = self.unique_names(record_type, [(line, entry) for line, entry, *_ in checked])
        added: list[tuple[Any, dict]] = []
        updated: list[tuple[Any, dict]] = []
        changed_names: set[str] = set()
        for line, entry, after, before in checked:
            if line in bad:
                continue
            changes = _state_changes(before, after)
            if not changes:
                self.result.counts["unchanged"] += 1
                continue
            (added if before is None else updated).append((entry, changes))
            changed_names.update(changes)
        renamed = [entry for entry, changes in updated if "name" in changes]
        if renamed and (record_type in _UNIQUE_NAMES or record_type == "team"):
            # PostgreSQL checks a unique column row by row, so entries swapping names in one UPDATE
            # would collide: the renamed ones first take a placeholder no name can be (a control
            # character: uploads and forms refuse them), all inside this transaction.
            names = [entry.name for entry in renamed]
            for entry in renamed:
                entry.name = f"\x01{entry.pk}"
            rows_update(model=model, entries=renamed, fields=["name"], batch_size=_BATCH)
            for entry, name in zip(renamed, names, strict=True):
                entry.name = name
        if updated:
            fields = sorted(changed_names)
            if any(f.name == "updated_at" for f in model._meta.concrete_fields):
                now = timezone.now()  # a bulk update leaves auto_now to the caller
                for entry, _ in updated:
                    entry.updated_at = now
                fields.append("updated_at")
            rows_update(model=model, entries=[entry for entry, _ in updated], fields=fields, batch_size=_BATCH)
        # After the updates, so that a new entry may take a name an existing one gives up.
        model._default_manager.bulk_create([entry for entry, _ in added], batch_size=_BATCH)
        self.result.counts["added"] += len(added)
        self.result.counts["updated"] += len(updated)
        by: Any = self.by if self.by is not None and self.by.is_authenticated else None
        for entry, changes in added + updated:
            key = entry.user.get_username() if record_type == "officer" else entry.slug
            self.entries[record_type][key] = entry
            self.changes.append(
                DirectoryChange(
                    changed_by=by, action=DirectoryChange.Action.IMPORTED, entry_type=str(model._meta.model_name),
                    entry_id=entry.pk, entry_label=str(entry)[:200], changes=changes,
                )
            )  # fmt: skip


def _import_cells(row: dict) -> dict:
    # Cells as the administrator wrote them: without the quote the export puts before anything a
    # spreadsheet would run as a formula, and without surrounding spaces.
    return {column: cell_restore(value or "").strip() for column, value in row.items() if column}


def directory_import(*, rows: list[tuple[int, dict]], by: User | None) -> ImportResult:
    """Add or update service areas, partners, teams, officers' profiles and topics from parsed CSV
    rows (line number, row), matched by slug (officers: by username). Every row is checked, each
    by its model's full_clean and all together for keys and names; if any is wrong nothing changes
    and the errors say which lines. Set-based: a few dozen statements whatever the file's size."""
    result = ImportResult()
    by_type: dict[str, list[tuple[int, dict]]] = {record_type: [] for record_type in csv_io.RECORD_TYPES}
    first_line: dict[tuple[str, str], int] = {}
    for line, row in rows:
        cells = _import_cells(row)
        record_type = cells.get("record_type", "")
        if record_type not in by_type:
            message = f"record_type must be one of {', '.join(csv_io.RECORD_TYPES)}, not '{record_type}'"
            result.errors.append((line, message))
            continue
        key = cells.get("slug", "")
        if key and (record_type, key) in first_line:
            what = "username" if record_type == "officer" else "slug"
            result.errors.append((line, f"slug: line {first_line[record_type, key]} has the {what} '{key}' too. "
                                        "Each entry can be in the file only once"))  # fmt: skip
            continue
        first_line[record_type, key] = line
        by_type[record_type].append((line, cells))
    with transaction.atomic():
        # Nobody else edits the directory meanwhile, so what was checked is what is written over.
        with connection.cursor() as cursor:
            tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in csv_io.MODELS.values())
            cursor.execute(f"LOCK TABLE {tables} IN SHARE ROW EXCLUSIVE MODE")
        run = _Import(by=by, result=result)
        run.load({record_type: {cells.get("slug", "") for _, cells in typed} for record_type, typed in by_type.items()})
        # In order, so that a row may refer to an entry added by an earlier one (csv_io.RECORD_TYPES).
        for record_type in csv_io.RECORD_TYPES:
            run.write(record_type, by_type[record_type])
        if result.errors:
            transaction.set_rollback(True)
        else:
            DirectoryChange.objects.bulk_create(run.changes, batch_size=_BATCH)
            if run.changes:
                search_index_rebuild()
    if result.errors:
        result.counts.clear()
    result.errors.sort()
    return result
