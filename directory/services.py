"""Writes to the directory. Every write goes through one of these functions, which validates the
entry (full_clean), saves it, keeps its SearchEntry in step and records a DirectoryChange, all in
one transaction."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TypedDict, TypeVar, Unpack

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models.deletion import ProtectedError
from django.utils import timezone

from . import csv_io, search_index
from .models import Absence, DirectoryChange, Officer, Partner, ServiceArea, Team, Topic
from .phones import phone_normalise

Entry = TypeVar("Entry", bound=models.Model)
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


def _as_json(value):
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_as_json(v) for v in value]
    return value


def _snapshot(entry: models.Model, names) -> dict:
    return {name: _as_json(getattr(entry, name)) for name in names}


def _editable_names(model) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if f.editable and not f.primary_key and f.name != "updated_at"]


def change_record(*, entry: models.Model, by: User | None, action: str, changes: dict) -> DirectoryChange:
    return DirectoryChange.objects.create(
        changed_by=by if by is not None and by.is_authenticated else None,
        action=action,
        entry_type=entry._meta.model_name,
        entry_id=entry.pk,
        entry_label=str(entry)[:200],
        changes=changes,
    )


# --- Validation shared by every write -----------------------------------------------------------

# (model, field) -> whether short numbers such as 101 are allowed
_PHONE_FIELDS = {
    ServiceArea: {"public_phone": False},
    Team: {"internal_phone": False, "public_phone": False},
    Officer: {"direct_line": False},
    Partner: {"phone": True},
}

OVERLAP_MESSAGE = "This officer is already away for some of this time. Change the dates or edit the other absence"
ORDER_MESSAGE = "The end must be after the start"
TEAM_AREA_MESSAGE = "Choose a team in the topic's service area, or change the service area"
OWNER_MESSAGE = "Choose the team that deals with this, or a partner organisation to send people to"


def entry_validate(entry: models.Model) -> None:
    """Every rule a directory entry must meet, with GOV.UK messages; normalises phone numbers in
    place. Raises ValidationError. Run by every write, and by the admin forms before saving."""
    errors: dict[str, list[str]] = {}
    for name, allow_short in _PHONE_FIELDS.get(type(entry), {}).items():
        try:
            setattr(entry, name, phone_normalise(getattr(entry, name), allow_short=allow_short))
        except ValidationError as error:
            errors[name] = error.messages
    if isinstance(entry, Topic) and entry.team_id is None and entry.partner_id is None:
        errors["team"] = [OWNER_MESSAGE]
    elif isinstance(entry, Topic) and entry.team_id and entry.team.service_area_id != entry.service_area_id:
        errors["team"] = [TEAM_AREA_MESSAGE]
    if isinstance(entry, Absence) and entry.starts_at and entry.ends_at:
        if entry.ends_at <= entry.starts_at:
            errors["ends_at"] = [ORDER_MESSAGE]
        elif (
            entry.officer_id
            and Absence.objects.filter(
                officer_id=entry.officer_id, starts_at__lt=entry.ends_at, ends_at__gt=entry.starts_at
            )
            .exclude(pk=entry.pk)
            .exists()
        ):
            errors["starts_at"] = [OVERLAP_MESSAGE]
    if errors:
        raise ValidationError(errors)
    # The checks above give the constraints' cases their own messages; full_clean still runs them.
    entry.full_clean()


def _save(entry: models.Model, **kwargs) -> None:
    try:
        with transaction.atomic():
            entry.save(**kwargs)
    except IntegrityError as error:
        # Another request got there between our check and our save (the exclusion constraint).
        if "absence_no_overlap" in str(error):
            raise ValidationError({"starts_at": [OVERLAP_MESSAGE]}) from None
        raise


# --- Generic create / update / delete ------------------------------------------------------------


@transaction.atomic
def entry_create(*, model: type[Entry], by: User | None, fields: dict) -> Entry:
    """Create a directory entry of any kind: validate, save, refresh the search index, record it.
    The typed services below (`topic_create`, ...) are what views call; Django admin calls this."""
    entry = model(**fields)
    entry_validate(entry)
    _save(entry)
    _search_refresh(entry)
    after = _snapshot(entry, _editable_names(model))
    change_record(
        entry=entry, by=by, action=DirectoryChange.Action.CREATED, changes={k: [None, v] for k, v in after.items()}
    )
    return entry


@transaction.atomic
def entry_update(*, entry: Entry, by: User | None, fields: dict) -> Entry:
    """Change some fields of any directory entry; records only what really changed."""
    before = _snapshot(entry, fields)
    for name, value in fields.items():
        setattr(entry, name, value)
    entry_validate(entry)
    after = _snapshot(entry, fields)
    changed = {name: [before[name], after[name]] for name in fields if before[name] != after[name]}
    if not changed:
        return entry
    update_fields = [entry._meta.get_field(name).attname for name in changed]
    if any(f.name == "updated_at" for f in entry._meta.concrete_fields):
        update_fields.append("updated_at")
    _save(entry, update_fields=update_fields)
    _search_refresh(entry)
    change_record(entry=entry, by=by, action=DirectoryChange.Action.UPDATED, changes=changed)
    return entry


DELETE_PROTECTED_MESSAGE = "You cannot delete {entry} while {others} still belong to it. Move or delete them first"


@transaction.atomic
def entry_delete(*, entry: models.Model, by: User | None) -> None:
    """Delete any directory entry, refusing (with a message) while others still belong to it."""
    before = _snapshot(entry, _editable_names(type(entry)))
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
    change_record(
        entry=entry, by=by, action=DirectoryChange.Action.DELETED, changes={k: [v, None] for k, v in before.items()}
    )


@transaction.atomic
def entry_mark_reviewed(*, entry: models.Model, by: User | None) -> models.Model:
    """Record that someone checked the entry and it is still right."""
    before, today = entry.last_reviewed, timezone.localdate()
    entry.last_reviewed = today
    entry.save(update_fields=["last_reviewed", "updated_at"])
    change_record(
        entry=entry,
        by=by,
        action=DirectoryChange.Action.REVIEWED,
        changes={"last_reviewed": [_as_json(before), today.isoformat()]},
    )
    return entry


# --- Typed services, one per thing and verb ------------------------------------------------------


class ServiceAreaFields(TypedDict, total=False):
    name: str
    slug: str
    summary: str
    handles: str
    public_phone: str
    public_email: str
    opening_hours: str
    web_url: str
    is_public: bool


class TeamFields(TypedDict, total=False):
    service_area: ServiceArea
    name: str
    slug: str
    email: str
    internal_phone: str
    public_phone: str
    out_of_hours: str


class OfficerFields(TypedDict, total=False):
    user: User
    team: Team
    job_title: str
    direct_line: str
    email: str
    number_shareable: bool


class AbsenceFields(TypedDict, total=False):
    officer: Officer
    starts_at: datetime
    ends_at: datetime
    reason: str
    caller_message: str


class PartnerFields(TypedDict, total=False):
    name: str
    slug: str
    handles: str
    phone: str
    email: str
    web_url: str
    opening_hours: str
    how_to_refer: str


class TopicFields(TypedDict, total=False):
    name: str
    slug: str
    synonyms: list[str]
    keywords: list[str]
    service_area: ServiceArea
    team: Team | None
    partner: Partner | None
    adviser_script: str
    online_url: str
    is_public: bool


def service_area_create(*, by: User | None, **fields: Unpack[ServiceAreaFields]) -> ServiceArea:
    return entry_create(model=ServiceArea, by=by, fields=fields)


def service_area_update(
    *, service_area: ServiceArea, by: User | None, **fields: Unpack[ServiceAreaFields]
) -> ServiceArea:
    return entry_update(entry=service_area, by=by, fields=fields)


def service_area_delete(*, service_area: ServiceArea, by: User | None) -> None:
    entry_delete(entry=service_area, by=by)


def team_create(*, by: User | None, **fields: Unpack[TeamFields]) -> Team:
    return entry_create(model=Team, by=by, fields=fields)


def team_update(*, team: Team, by: User | None, **fields: Unpack[TeamFields]) -> Team:
    return entry_update(entry=team, by=by, fields=fields)


def team_delete(*, team: Team, by: User | None) -> None:
    entry_delete(entry=team, by=by)


def officer_create(*, by: User | None, **fields: Unpack[OfficerFields]) -> Officer:
    return entry_create(model=Officer, by=by, fields=fields)


def officer_update(*, officer: Officer, by: User | None, **fields: Unpack[OfficerFields]) -> Officer:
    return entry_update(entry=officer, by=by, fields=fields)


def officer_delete(*, officer: Officer, by: User | None) -> None:
    entry_delete(entry=officer, by=by)


def absence_create(*, by: User | None, **fields: Unpack[AbsenceFields]) -> Absence:
    return entry_create(model=Absence, by=by, fields=fields)


def absence_update(*, absence: Absence, by: User | None, **fields: Unpack[AbsenceFields]) -> Absence:
    return entry_update(entry=absence, by=by, fields=fields)


def absence_delete(*, absence: Absence, by: User | None) -> None:
    entry_delete(entry=absence, by=by)


def partner_create(*, by: User | None, **fields: Unpack[PartnerFields]) -> Partner:
    return entry_create(model=Partner, by=by, fields=fields)


def partner_update(*, partner: Partner, by: User | None, **fields: Unpack[PartnerFields]) -> Partner:
    return entry_update(entry=partner, by=by, fields=fields)


def partner_delete(*, partner: Partner, by: User | None) -> None:
    entry_delete(entry=partner, by=by)


def topic_create(*, by: User | None, **fields: Unpack[TopicFields]) -> Topic:
    return entry_create(model=Topic, by=by, fields=fields)


def topic_update(*, topic: Topic, by: User | None, **fields: Unpack[TopicFields]) -> Topic:
    return entry_update(entry=topic, by=by, fields=fields)


def topic_delete(*, topic: Topic, by: User | None) -> None:
    entry_delete(entry=topic, by=by)


# --- CSV import ------------------------------------------------------------------------------------


class _ImportFailed(Exception):
    pass


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


def _import_value(record_type: str, field_name: str, raw: str):
    raw = (raw or "").strip()
    if field_name in ("service_area", "team", "partner"):
        if not raw:
            return None
        model = {"service_area": ServiceArea, "team": Team, "partner": Partner}[field_name]
        found = model.objects.filter(slug=raw).first()
        if found is None:
            raise ValidationError({field_name: f"There is no {field_name.replace('_', ' ')} with the slug '{raw}'"})
        return found
    if field_name == "user":
        found = get_user_model()._default_manager.filter(**{get_user_model().USERNAME_FIELD: raw}).first()
        if found is None:
            message = f"There is no staff account with the username '{raw}'. Create the account first"
            raise ValidationError({field_name: message})
        return found
    if field_name in ("is_public", "number_shareable"):
        if not raw:
            return csv_io.MODELS[record_type]._meta.get_field(field_name).default
        if raw.lower() not in _YES | _NO:
            raise ValidationError({field_name: "Enter yes or no"})
        return raw.lower() in _YES
    if field_name in ("synonyms", "keywords"):
        return [part.strip() for part in raw.split(csv_io.LIST_SEPARATOR) if part.strip()]
    return raw


def _import_row(record_type: str, row: dict, *, by: User | None, result: ImportResult) -> None:
    model = csv_io.MODELS[record_type]
    values, errors = {}, {}
    for column, field_name in csv_io.FIELD_MAP[record_type].items():
        try:
            values[field_name] = _import_value(record_type, field_name, row.get(column))
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    key = csv_io.KEY_FIELDS.get(record_type, "slug")
    entry = model.objects.filter(**{key: values[key]}).first()
    before = _snapshot(entry, values) if entry else None
    if entry is None:
        entry = model()
    for name, value in values.items():
        setattr(entry, name, value)
    entry_validate(entry)
    after = _snapshot(entry, values)
    changed = {k: [before[k] if before else None, v] for k, v in after.items() if before is None or before[k] != v}
    if not changed:
        result.counts["unchanged"] += 1
        return
    _save(entry)
    result.counts["added" if before is None else "updated"] += 1
    change_record(entry=entry, by=by, action=DirectoryChange.Action.IMPORTED, changes=changed)


def directory_import(*, rows: list[tuple[int, dict]], by: User | None) -> ImportResult:
    """Upsert service areas, partners, teams and topics by slug from parsed CSV rows (line number,
    row). Every row is checked; if any is wrong nothing changes and the errors say which lines."""
    result = ImportResult()
    unknown = [(line, row) for line, row in rows if (row.get("record_type") or "").strip() not in csv_io.RECORD_TYPES]
    for line, row in unknown:
        result.errors.append((line, f"record_type must be one of {', '.join(csv_io.RECORD_TYPES)}, "
                                    f"not '{(row.get('record_type') or '').strip()}'"))  # fmt: skip
    try:
        with transaction.atomic():
            for record_type in csv_io.RECORD_TYPES:
                for line, row in rows:
                    if (row.get("record_type") or "").strip() != record_type:
                        continue
                    try:
                        with transaction.atomic():
                            _import_row(record_type, row, by=by, result=result)
                    except ValidationError as error:
                        for name, messages in (error.message_dict if hasattr(error, "error_dict") else
                                               {"": error.messages}).items():  # fmt: skip
                            label = f"{name}: " if name and name != "__all__" else ""
                            result.errors.extend((line, f"{label}{message}") for message in messages)
            if result.errors:
                raise _ImportFailed
            search_index_rebuild()
    except _ImportFailed:
        result.counts.clear()
    result.errors.sort()
    return result
