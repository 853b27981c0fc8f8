"""Writes to the standards: calendars, their hours, teams and closures, response standards and
targets. Each function validates (the model's full_clean, then the rules across rows, with GOV.UK
messages naming the other row), saves with update_fields and records a StandardsChange, in one
transaction. A save that loses a race to a constraint gets the same field error
(models.CONSTRAINT_ERRORS, by core.db.constraint_name).

Every write to a calendar's hours, teams or closures also touches `calendar.updated_at`, the key
under which selectors.working_calendar caches its arithmetic, so the next due time sees it."""

import itertools
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, cast

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from core.changes import editable_names, field_changes, snapshot, value_as_json
from core.dates import govuk_date, govuk_datetime, govuk_time
from core.db import constraint_name, save_checked

from . import selectors, worktime
from .models import (
    CONSTRAINT_ERRORS,
    Calendar,
    CalendarTeam,
    ChannelCost,
    ChasePolicy,
    Closure,
    ResponseStandard,
    StandardsChange,
    Target,
    Weekday,
    WorkingHours,
    constraint_error,
)
from .signals import chase_policy_changed

User = AbstractBaseUser

# --- Shared: the history, saving, validation ------------------------------------------------------


# Constraint name -> the field error it means, for a save that lost a race to one.
_CONSTRAINT_ERRORS = {name: constraint_error(name) for name in CONSTRAINT_ERRORS}


def _mapped(error: IntegrityError) -> ValidationError | None:
    name = constraint_name(error) or ""
    return constraint_error(name) if name in CONSTRAINT_ERRORS else None


def _save(entry: models.Model, **kwargs: Any) -> None:
    save_checked(entry, errors=_CONSTRAINT_ERRORS, **kwargs)


def _touch(calendar: Calendar) -> None:
    """A new updated_at, so the cached working calendar (keyed by it) is rebuilt."""
    calendar.save(update_fields=["updated_at"])


def _locked(model: type[models.Model], pk: Any) -> Any:
    # The stored row, locked until the transaction ends: "before" is what is stored, not what a
    # form may already have changed on the caller's instance, and two editors queue up.
    return model._default_manager.select_for_update().get(pk=pk)


def _error(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _fields_check(model: type[models.Model], fields: dict[str, Any], *, allowed: list[str]) -> None:
    unknown = sorted(set(fields) - set(allowed))
    if unknown:
        # A programming error (a form offering a field the service does not edit), not bad input.
        raise TypeError(f"{model.__name__} fields that cannot be set here: {', '.join(unknown)}")


def _codes(error: ValidationError) -> set[str | None]:
    if hasattr(error, "error_dict"):
        return {e.code for errors in error.error_dict.values() for e in errors}
    return {e.code for e in error.error_list}


def _when(value: date) -> str:
    return govuk_date(value, weekday=False, today=date.min)


# --- Calendars ------------------------------------------------------------------------------------

CALENDAR_FIELDS = ["name", "slug", "subdivision", "service_area"]
COUNCIL_SWITCH_MESSAGE = "You cannot change which calendar is the council calendar"
TEAM_AREA_MESSAGE = "{team} is not in {area}. Choose teams from {area}, or change the calendar's service area"
TEAM_TAKEN_MESSAGE = "{team} already works to the {calendar} calendar. Take it off that calendar first"
COUNCIL_TEAMS_MESSAGE = (
    "The council calendar covers every team without a calendar of its own. Add teams to a team calendar instead"
)
AREA_TEAMS_MESSAGE = "{teams} work to this calendar and are not in {area}. Take them off the calendar first"
HOURS_NONE_MESSAGE = "Enter working hours for at least one day of the week"
HOURS_OVERLAP_MESSAGE = "The working hours on {day} overlap. Change them so each period ends before the next starts"
HOURS_ORDER_MESSAGE = "The closing time on {day} must be after the opening time"
HOURS_FIELD = "hours"


def hours_field(weekday: int) -> str:
    """The error key of one weekday's hours in calendar_hours_set: "monday", ..., "sunday"."""
    return Weekday(weekday).label.lower()


def _hours_stored(calendar: Calendar) -> list[tuple[int, time, time]]:
    return list(calendar.hours.order_by("weekday", "opens").values_list("weekday", "opens", "closes"))


def _one_council_check(calendar: Calendar) -> None:
    if calendar.is_council and Calendar.objects.filter(is_council=True).exclude(pk=calendar.pk).exists():
        raise constraint_error("calendar_one_council")


@transaction.atomic
def calendar_create(
    *, by: User | None, name: str, slug: str, subdivision: str, service_area: Any = None, is_council: bool = False
) -> Calendar:
    """Add a calendar: a team calendar (of a service area, or council-wide when service_area is
    None), or the council calendar when there is none. It starts with the council's standard
    hours (worktime.COUNCIL_HOURS), so it can be used at once; calendar_hours_set changes them.
    Raises ValidationError with GOV.UK messages."""
    calendar = Calendar(name=name, slug=slug, subdivision=subdivision, service_area=service_area, is_council=is_council)
    calendar.full_clean()
    _one_council_check(calendar)
    _save(calendar)
    WorkingHours.objects.bulk_create(
        WorkingHours(calendar=calendar, weekday=weekday, opens=opens, closes=closes)
        for weekday, periods in enumerate(worktime.COUNCIL_HOURS)
        for opens, closes in periods
    )
    changes = field_changes(None, snapshot(calendar, [*CALENDAR_FIELDS, "is_council"]))
    changes["hours"] = [None, selectors.hours_as_text(_hours_stored(calendar))]
    StandardsChange.record(entry=calendar, by=by, action=StandardsChange.Action.CREATED, changes=changes)
    return calendar


@transaction.atomic
def calendar_update(*, calendar: Calendar, by: User | None, fields: dict[str, Any]) -> Calendar:
    """Change a calendar's name, slug, UK nation (whose bank holidays apply) or service area;
    records only what changed. Which calendar is the council's never changes. A calendar cannot
    move to a service area its teams are not in. Raises ValidationError with GOV.UK messages."""
    if "is_council" in fields:
        if bool(fields["is_council"]) != calendar.is_council:
            raise _error("is_council", COUNCIL_SWITCH_MESSAGE, "council_switch")
        fields = {name: value for name, value in fields.items() if name != "is_council"}
    _fields_check(Calendar, fields, allowed=CALENDAR_FIELDS)
    stored = _locked(Calendar, calendar.pk)
    before = snapshot(stored, list(fields))
    for name, value in fields.items():
        setattr(calendar, name, value)
    calendar.full_clean()
    changed = field_changes(before, snapshot(calendar, list(fields)))
    if not changed:
        return calendar
    if "service_area" in changed and calendar.service_area_id is not None:
        outside = sorted(
            str(link.team)
            for link in calendar.team_links.select_related("team")
            if link.team.service_area_id != calendar.service_area_id
        )
        if outside:
            message = AREA_TEAMS_MESSAGE.format(teams=" and ".join(outside), area=calendar.service_area)
            raise _error("service_area", message, "teams_outside")
    update_fields = [cast(models.Field, Calendar._meta.get_field(name)).attname for name in changed]
    _save(calendar, update_fields=[*update_fields, "updated_at"])
    StandardsChange.record(entry=calendar, by=by, action=StandardsChange.Action.UPDATED, changes=changed)
    return calendar


@transaction.atomic
def calendar_hours_set(*, calendar: Calendar, by: User | None, hours: dict[int, list[tuple[time, time]]]) -> Calendar:
    """Replace the calendar's week of working hours: weekday (0 = Monday) -> its periods (opens,
    closes), several a day for a lunch break; a weekday left out has no hours. Each period must
    close after it opens and a day's periods must not overlap; at least one day needs hours.
    Errors are keyed by the day's name ("monday", see hours_field), or "hours" for the week.
    Records one change, the week before and after as text ("Mon 08:45-17:15; ...")."""
    _locked(Calendar, calendar.pk)
    before = selectors.hours_as_text(_hours_stored(calendar))
    rows: list[WorkingHours] = []
    errors: dict[str, list[ValidationError]] = {}
    for weekday, periods in sorted(hours.items()):
        if weekday not in Weekday.values:
            raise _error(HOURS_FIELD, "Choose a day of the week from Monday to Sunday", "invalid_weekday")
        day, key = Weekday(weekday).label, hours_field(weekday)
        day_rows: list[WorkingHours] = []
        for opens, closes in periods:
            row = WorkingHours(calendar=calendar, weekday=weekday, opens=opens, closes=closes)
            try:
                row.full_clean(exclude=["calendar"])
            except ValidationError as error:
                # The model's message, worded for the day: the week's errors are shown together.
                if "closes_before_opens" in _codes(error):
                    message = HOURS_ORDER_MESSAGE.format(day=day)
                    errors.setdefault(key, []).append(ValidationError(message, code="closes_before_opens"))
                else:
                    errors.setdefault(key, []).extend(ValidationError(m, code="invalid") for m in error.messages)
                continue
            day_rows.append(row)
        day_rows.sort(key=lambda r: r.opens)
        if any(later.opens < earlier.closes for earlier, later in itertools.pairwise(day_rows)):
            errors.setdefault(key, []).append(ValidationError(HOURS_OVERLAP_MESSAGE.format(day=day), code="overlap"))
        rows.extend(day_rows)
    if errors:
        raise ValidationError(errors)
    if not rows:
        raise _error(HOURS_FIELD, HOURS_NONE_MESSAGE, "no_hours")
    after = selectors.hours_as_text((row.weekday, row.opens, row.closes) for row in rows)
    if after == before:
        return calendar
    calendar.hours.all().delete()
    try:
        with transaction.atomic():
            WorkingHours.objects.bulk_create(rows)
    except IntegrityError as error:
        mapped = _mapped(error)
        if mapped is None:
            raise
        raise mapped from error
    _touch(calendar)
    StandardsChange.record(
        entry=calendar, by=by, action=StandardsChange.Action.UPDATED, changes={"hours": [before, after]}
    )
    return calendar


@transaction.atomic
def calendar_teams_set(*, calendar: Calendar, by: User | None, teams: list[Any]) -> Calendar:
    """Make `teams` exactly the teams that work to this calendar (the others go back to the
    council's). A team works to at most one calendar, and a service area's calendar takes only
    that area's teams; the council calendar takes none (it covers every team without its own).
    Errors are on "teams", naming the team. Records the teams before and after."""
    _locked(Calendar, calendar.pk)
    wanted = {team.pk: team for team in teams}
    if calendar.is_council and wanted:
        raise _error("teams", COUNCIL_TEAMS_MESSAGE, "council_calendar")
    errors: list[ValidationError] = []
    if calendar.service_area_id is not None:
        area = calendar.service_area
        for team in wanted.values():
            if team.service_area_id != calendar.service_area_id:
                message = TEAM_AREA_MESSAGE.format(team=team, area=area)
                errors.append(ValidationError(message, code="other_area"))
    elsewhere = CalendarTeam.objects.filter(team_id__in=list(wanted)).exclude(calendar=calendar)
    for link in elsewhere.select_related("team", "calendar").order_by("team__name"):
        message = TEAM_TAKEN_MESSAGE.format(team=link.team, calendar=link.calendar)
        errors.append(ValidationError(message, code="taken"))
    if errors:
        raise ValidationError({"teams": errors})
    current = {link.team_id: link for link in calendar.team_links.select_related("team")}
    before = sorted(str(link.team) for link in current.values())
    after = sorted(str(team) for team in wanted.values())
    removed = [pk for pk in current if pk not in wanted]
    added = [pk for pk in wanted if pk not in current]
    if not removed and not added:
        return calendar
    CalendarTeam.objects.filter(calendar=calendar, team_id__in=removed).delete()
    try:
        with transaction.atomic():
            CalendarTeam.objects.bulk_create(CalendarTeam(calendar=calendar, team_id=pk) for pk in added)
    except IntegrityError as error:
        mapped = _mapped(error)
        if mapped is None:
            raise
        raise mapped from error
    _touch(calendar)
    StandardsChange.record(
        entry=calendar, by=by, action=StandardsChange.Action.UPDATED, changes={"teams": [before, after]}
    )
    return calendar


# --- Closures -------------------------------------------------------------------------------------


def _closure_text(closure: Closure) -> str:
    """A closure as its calendar's history shows it: "Christmas closure, 12pm on Thursday 24
    December 2026 to midnight on Friday 1 January 2027"."""
    # Always with the year (date.min as "today"): the history is read long after.
    start, end = closure.starts_at, closure.ends_at
    start_text = f"{govuk_time(start)} on {govuk_date(start, today=date.min)}"
    return f"{closure.reason}, {start_text} to {govuk_time(end)} on {govuk_date(end, today=date.min)}"


CLOSURE_OVERLAP_MESSAGE = "This closure overlaps “{other}” ({start} to {end}). Change the dates or delete that closure"


def _closure_overlap_check(closure: Closure) -> None:
    other = (
        Closure.objects.filter(
            calendar_id=closure.calendar_id, starts_at__lt=closure.ends_at, ends_at__gt=closure.starts_at
        )
        .exclude(pk=closure.pk)
        .order_by("starts_at")
        .first()
    )
    if other is not None:
        message = CLOSURE_OVERLAP_MESSAGE.format(
            other=other.reason,
            start=govuk_datetime(other.starts_at, relative=False),
            end=govuk_datetime(other.ends_at, relative=False),
        )
        raise _error("starts_at", message, "overlap")


@transaction.atomic
def closure_create(
    *, calendar: Calendar, by: User | None, starts_at: datetime, ends_at: datetime, reason: str
) -> Closure:
    """Close a calendar for a time besides bank holidays: whole days (midnight to midnight) or
    part of one (a training afternoon). Closures of one calendar must not overlap. Raises
    ValidationError with GOV.UK messages; records the closure in the calendar's history and
    touches the calendar."""
    _locked(Calendar, calendar.pk)  # one closure check at a time per calendar
    closure = Closure(calendar=calendar, starts_at=starts_at, ends_at=ends_at, reason=reason)
    closure.full_clean()
    _closure_overlap_check(closure)
    _save(closure)
    _touch(calendar)
    # Recorded on the calendar, whose history page managers read: a closure has no page of its own.
    changes = {"closures": [None, _closure_text(closure)]}
    StandardsChange.record(entry=calendar, by=by, action=StandardsChange.Action.UPDATED, changes=changes)
    return closure


@transaction.atomic
def closure_delete(*, closure: Closure, by: User | None) -> None:
    """Reopen the time a closure covered; records it in the calendar's history and touches the
    calendar."""
    calendar = _locked(Calendar, closure.calendar_id)
    before = _closure_text(closure)
    closure.delete()
    _touch(calendar)
    changes = {"closures": [before, None]}
    StandardsChange.record(entry=calendar, by=by, action=StandardsChange.Action.UPDATED, changes=changes)


# --- Response standards -----------------------------------------------------------------------------

DIMENSIONS = ["channel", "case_type", "priority", "service_area"]
STANDARD_FIELDS = editable_names(ResponseStandard)
IN_FORCE_DATE_MESSAGE = (
    "A change to a standard in force must start after today, so that promises already made are kept. "
    "Enter a date from {tomorrow}"
)
FUTURE_DATE_MESSAGE = "A standard not yet in force must start after today. Enter a date from {tomorrow}"
IN_FORCE_DIMENSION_MESSAGE = (
    "You cannot change which cases a standard in force covers. Add a new standard for those cases instead"
)
ALREADY_COVERED_MESSAGE = (
    "There is already a standard for the same cases. Edit that standard to change it from a date after today"
)
SAME_DAY_MESSAGE = "Another standard for the same cases starts on {day}. Change the date or edit that standard"
IN_FORCE_DELETE_MESSAGE = (
    "You cannot delete a standard in force: cases already received were promised its times. "
    "Change it from a later date instead"
)


def _same_cases(standard: ResponseStandard) -> models.QuerySet[ResponseStandard]:
    return ResponseStandard.objects.filter(
        channel=standard.channel,
        case_type=standard.case_type,
        priority=standard.priority,
        service_area_id=standard.service_area_id,
    ).exclude(pk=standard.pk)


def _standard_rows_check(standard: ResponseStandard, *, new: bool) -> None:
    """Standards for the same cases succeed one another by date: never two from the same day (the
    two would be equally specific for every case they cover). A new standard starting today or
    earlier may only fill a gap: where one for the same cases exists it would change promises
    already made, so it must start after today (as standard_update's successor does)."""
    same = _same_cases(standard)
    if same.filter(effective_from=standard.effective_from).exists():
        message = SAME_DAY_MESSAGE.format(day=_when(standard.effective_from))
        raise _error("effective_from", message, "duplicate")
    if new and standard.effective_from <= timezone.localdate() and same.exists():
        raise _error("effective_from", ALREADY_COVERED_MESSAGE, "already_covered")


@transaction.atomic
def standard_create(*, by: User | None, fields: dict[str, Any]) -> ResponseStandard:
    """Add a response standard (fields: ResponseStandard field name -> value). Raises
    ValidationError with GOV.UK messages: no positive time, the respond clock counted from an
    acknowledgement that is never due, another standard for the same cases from the same day,
    or one already covering the same cases when this one would start today or earlier."""
    _fields_check(ResponseStandard, fields, allowed=STANDARD_FIELDS)
    standard = ResponseStandard(**fields)
    standard.full_clean()
    _standard_rows_check(standard, new=True)
    _save(standard)
    StandardsChange.record(
        entry=standard,
        by=by,
        action=StandardsChange.Action.CREATED,
        changes=field_changes(None, snapshot(standard, STANDARD_FIELDS)),
    )
    return standard


@transaction.atomic
def standard_update(*, standard: ResponseStandard, by: User | None, fields: dict[str, Any]) -> ResponseStandard:
    """Change a standard, keeping every promise already made. Returns the standard that holds the
    change.

    A standard in force (effective_from today or earlier) is never changed in place: the change
    becomes its successor, a new standard for the same cases (channel, case type, priority and
    service area cannot change) from fields["effective_from"], which must be after today and
    defaults to tomorrow. Cases received before that keep the old times. Nothing is written when
    nothing but the date differs. A standard not yet in force is edited in place, its date still
    after today. Raises ValidationError with GOV.UK messages."""
    _fields_check(ResponseStandard, fields, allowed=STANDARD_FIELDS)
    stored = _locked(ResponseStandard, standard.pk)
    today = timezone.localdate()
    tomorrow = _when(today + timedelta(days=1))
    if stored.effective_from > today:
        before = snapshot(stored, STANDARD_FIELDS)
        for name, value in fields.items():
            setattr(standard, name, value)
        standard.full_clean()
        if standard.effective_from <= today:
            raise _error("effective_from", FUTURE_DATE_MESSAGE.format(tomorrow=tomorrow), "not_future")
        _standard_rows_check(standard, new=False)
        changed = field_changes(before, snapshot(standard, STANDARD_FIELDS))
        if not changed:
            return standard
        names = [cast(models.Field, ResponseStandard._meta.get_field(name)).attname for name in changed]
        _save(standard, update_fields=[*names, "updated_at"])
        StandardsChange.record(entry=standard, by=by, action=StandardsChange.Action.UPDATED, changes=changed)
        return standard
    errors = {
        name: [ValidationError(IN_FORCE_DIMENSION_MESSAGE, code="in_force")]
        for name in DIMENSIONS
        if name in fields and value_as_json(fields[name]) != value_as_json(getattr(stored, name))
    }
    if errors:
        raise ValidationError(errors)
    before = snapshot(stored, STANDARD_FIELDS)
    successor = ResponseStandard(**{name: getattr(stored, name) for name in STANDARD_FIELDS})
    for name, value in fields.items():
        setattr(successor, name, value)
    successor.effective_from = fields.get("effective_from") or today + timedelta(days=1)
    after = snapshot(successor, STANDARD_FIELDS)
    if not field_changes({**before, "effective_from": None}, {**after, "effective_from": None}):
        return stored  # only the date differs: there is nothing to change
    successor.full_clean()
    if successor.effective_from <= today:
        raise _error("effective_from", IN_FORCE_DATE_MESSAGE.format(tomorrow=tomorrow), "in_force")
    _standard_rows_check(successor, new=False)
    _save(successor)
    # The successor's history starts with what it changed from its predecessor.
    changes = field_changes(before, after)
    changes["replaces"] = [f"{stored} (from {_when(stored.effective_from)})", None]
    StandardsChange.record(entry=successor, by=by, action=StandardsChange.Action.CREATED, changes=changes)
    return successor


@transaction.atomic
def standard_delete(*, standard: ResponseStandard, by: User | None) -> None:
    """Delete a standard not yet in force (a change that will not now happen). A standard in
    force is never deleted: cases received under it were promised its times (ValidationError)."""
    stored = _locked(ResponseStandard, standard.pk)
    if stored.effective_from <= timezone.localdate():
        raise ValidationError({NON_FIELD_ERRORS: ValidationError(IN_FORCE_DELETE_MESSAGE, code="in_force")})
    before = snapshot(stored, STANDARD_FIELDS)
    pk = stored.pk
    stored.delete()
    stored.pk = pk  # for the change record
    StandardsChange.record(
        entry=stored,
        by=by,
        action=StandardsChange.Action.DELETED,
        changes={name: [value, None] for name, value in before.items()},
    )


# --- Targets ----------------------------------------------------------------------------------------

TARGET_FIELDS = editable_names(Target)
TARGET_OVERLAP_MESSAGE = (
    "The {metric} target of {percent}% from {start} covers some of these dates. Change the dates or edit that target"
)


def _percent(value: Decimal) -> str:
    """45.00 as "45", 47.50 as "47.5"."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _target_overlap_check(target: Target) -> None:
    others = Target.objects.filter(metric=target.metric).exclude(pk=target.pk)
    if target.effective_until is not None:
        others = others.filter(effective_from__lt=target.effective_until)
    from_ = target.effective_from
    other = (
        others.filter(models.Q(effective_until__isnull=True) | models.Q(effective_until__gt=from_))
        .order_by("effective_from")
        .first()
    )
    if other is not None:
        message = TARGET_OVERLAP_MESSAGE.format(
            metric=other.get_metric_display().lower(),
            percent=_percent(other.percent),
            start=_when(other.effective_from),
        )
        raise _error("effective_from", message, "overlap")


@transaction.atomic
def target_create(*, by: User | None, fields: dict[str, Any]) -> Target:
    """Add a target (metric, percent, effective_from, effective_until: the first day it no longer
    applies, or None for open-ended). One target a metric at any date. Raises ValidationError."""
    _fields_check(Target, fields, allowed=TARGET_FIELDS)
    target = Target(**fields)
    target.full_clean()
    _target_overlap_check(target)
    _save(target)
    StandardsChange.record(
        entry=target,
        by=by,
        action=StandardsChange.Action.CREATED,
        changes=field_changes(None, snapshot(target, TARGET_FIELDS)),
    )
    return target


@transaction.atomic
def target_update(*, target: Target, by: User | None, fields: dict[str, Any]) -> Target:
    """Change a target in place (its figure or its period); records only what changed. Raises
    ValidationError with GOV.UK messages."""
    _fields_check(Target, fields, allowed=TARGET_FIELDS)
    stored = _locked(Target, target.pk)
    before = snapshot(stored, TARGET_FIELDS)
    for name, value in fields.items():
        setattr(target, name, value)
    target.full_clean()
    _target_overlap_check(target)
    changed = field_changes(before, snapshot(target, TARGET_FIELDS))
    if not changed:
        return target
    _save(target, update_fields=[*changed, "updated_at"])
    StandardsChange.record(entry=target, by=by, action=StandardsChange.Action.UPDATED, changes=changed)
    return target


# --- The cost of a contact on each channel ------------------------------------------------------

CHANNEL_COST_FIELDS = ["cost", "source"]


@transaction.atomic
def channel_cost_update(*, cost: ChannelCost, by: User | None, fields: dict[str, Any]) -> ChannelCost:
    """Set what a contact on the channel costs (None: not costed) and where the figure comes
    from; records only what changed. Raises ValidationError with GOV.UK messages."""
    _fields_check(ChannelCost, fields, allowed=CHANNEL_COST_FIELDS)
    stored = _locked(ChannelCost, cost.pk)
    before = snapshot(stored, CHANNEL_COST_FIELDS)
    for name, value in fields.items():
        setattr(cost, name, value)
    cost.full_clean()
    changed = field_changes(before, snapshot(cost, CHANNEL_COST_FIELDS))
    if not changed:
        return cost
    _save(cost, update_fields=[*changed, "updated_at"])
    StandardsChange.record(entry=cost, by=by, action=StandardsChange.Action.UPDATED, changes=changed)
    return cost


# --- Chasing rules -------------------------------------------------------------------------------

POLICY_FIELDS = editable_names(ChasePolicy)
COUNCIL_POLICY_RESET_MESSAGE = "The council's chasing rules cannot be removed: change them instead"


def _policy_changed(area_id: int | None) -> None:
    transaction.on_commit(lambda: chase_policy_changed.send(sender=ChasePolicy, service_area_id=area_id))


@transaction.atomic
def chase_policy_save(*, area: Any | None, by: User | None, fields: dict[str, Any]) -> ChasePolicy:
    """Set the chasing rules of `area` (None: the council's, which every area without rules of its
    own follows): its own row is made the first time, from `fields`. Records what changed, and
    after commit tells the chaser (signals.chase_policy_changed), which looks again at every
    open case the rules cover. Raises ValidationError with GOV.UK messages."""
    _fields_check(ChasePolicy, fields, allowed=[name for name in POLICY_FIELDS if name != "service_area"])
    area_id = area.pk if area is not None else None
    stored = ChasePolicy.objects.select_for_update().filter(service_area_id=area_id).order_by().first()
    policy = stored or ChasePolicy(service_area=area)
    before = snapshot(stored, POLICY_FIELDS) if stored else None
    for name, value in fields.items():
        setattr(policy, name, value)
    policy.full_clean()
    changed = field_changes(before, snapshot(policy, POLICY_FIELDS))
    if stored and not changed:
        return policy
    if stored:
        _save(policy, update_fields=[*changed, "updated_at"])
    else:
        _save(policy)
    action = StandardsChange.Action.UPDATED if stored else StandardsChange.Action.CREATED
    StandardsChange.record(entry=policy, by=by, action=action, changes=changed)
    _policy_changed(area_id)
    return policy


@transaction.atomic
def chase_policy_reset(*, policy: ChasePolicy, by: User | None) -> None:
    """Remove an area's own chasing rules: its cases follow the council's again."""
    if policy.service_area_id is None:
        raise ValidationError(COUNCIL_POLICY_RESET_MESSAGE)
    stored = _locked(ChasePolicy, policy.pk)
    StandardsChange.record(
        entry=stored,
        by=by,
        action=StandardsChange.Action.DELETED,
        changes=field_changes(snapshot(stored, POLICY_FIELDS), dict.fromkeys(POLICY_FIELDS)),
    )
    area_id = stored.service_area_id
    stored.delete()
    _policy_changed(area_id)
