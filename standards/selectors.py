"""Reads of the standards: which calendar and which standard apply to a case, its due times, the
preview for managers, the public page, and the access-checked fetchers of the edit pages.

The arithmetic is `standards.worktime`'s; this module turns rows into its `WorkingCalendar` (cached
per calendar and its `updated_at`, which every write to a calendar's hours, teams or closures
touches) and into the answers the pages and the cases app need."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from time import monotonic as time_monotonic
from typing import Any

import holidays
from django.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist
from django.db import models
from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils import timezone

from core.calendar import weekend
from core.dates import govuk_datetime, govuk_time
from directory.models import ServiceArea
from directory.selectors import editor_area_ids

from . import worktime
from .models import (
    Calendar,
    CaseType,
    Channel,
    ChannelCost,
    ChasePolicy,
    Closure,
    Priority,
    RespondFrom,
    ResponseStandard,
    StandardsChange,
    Target,
    TimeUnit,
    Weekday,
    ladder_default,
)

# --- Calendars ------------------------------------------------------------------------------------

NO_COUNCIL_CALENDAR_MESSAGE = (
    "There is no council calendar. Run the database migrations (manage.py migrate), which create it"
)


class NoCouncilCalendar(ImproperlyConfigured):
    """The council calendar is missing: migration standards 0002 creates it, so the database is
    not migrated or someone removed it by hand."""


def council_calendar() -> Calendar:
    """The council-wide calendar (is_council): the one every team without its own works to."""
    found = Calendar.objects.filter(is_council=True).first()
    if found is None:
        raise NoCouncilCalendar(NO_COUNCIL_CALENDAR_MESSAGE)
    return found


def calendar_for_team(team: Any | None) -> Calendar:
    """The team's own calendar (through CalendarTeam), else the council's; `team` (a team or its
    id) may be None. One query: the team's calendar sorts before the council's."""
    if team is None:
        return council_calendar()
    found = Calendar.objects.filter(Q(team_links__team=team) | Q(is_council=True)).order_by("is_council", "id").first()
    if found is None:
        raise NoCouncilCalendar(NO_COUNCIL_CALENDAR_MESSAGE)
    return found


_WORKING: dict[int, tuple[datetime, worktime.WorkingCalendar]] = {}
_WORKING_LOCK = threading.Lock()


def working_calendar(calendar: Calendar) -> worktime.WorkingCalendar:
    """The calendar's hours, closures and bank holidays as a `worktime.WorkingCalendar`.

    Built with two queries (hours, closures) and kept in this process keyed by the calendar and
    its `updated_at`: every service that changes the hours, teams or closures touches
    `updated_at`, so the next call with a freshly read Calendar rebuilds it, and a second call
    with the same one runs no query at all. One entry per calendar, so old versions are dropped."""
    key = calendar.updated_at
    cached = _WORKING.get(calendar.pk)
    if cached is not None and cached[0] == key:
        return cached[1]
    week: list[list[tuple[time, time]]] = [[] for _ in range(7)]
    for opens, closes, weekday in calendar.hours.order_by("weekday", "opens").values_list("opens", "closes", "weekday"):
        week[weekday].append((opens, closes))
    closures = tuple(
        worktime.Closure(start, end, reason)
        for start, end, reason in calendar.closures.order_by("starts_at").values_list("starts_at", "ends_at", "reason")
    )
    built = worktime.WorkingCalendar(
        hours=tuple(tuple(day) for day in week), subdivision=calendar.subdivision, closures=closures
    )
    with _WORKING_LOCK:
        _WORKING[calendar.pk] = (key, built)
    return built


# How long a process keeps the council calendar for the phone guide's "closed on that day?" checks
# before reading it again: the guide asks once per absence shown, so it must not query each time.
# A change made in this process clears it at once (closed_days_forget, connected to the calendar's
# and closures' signals in StandardsConfig.ready); other processes see it within this many seconds.
CLOSED_DAYS_TTL_SECONDS = 60

_closed_days: dict[str, Any] = {}


def council_closed(day: date) -> bool:
    """core.calendar's checker: whether the council calendar has no working time on `day`
    (weekends, bank holidays of its nation, closures). Before migrations have made the council
    calendar, weekends only."""
    cached = _closed_days.get("working")
    if cached is None or _closed_days.get("expires", 0.0) < time_monotonic():
        try:
            cached = working_calendar(council_calendar())
        except NoCouncilCalendar:
            return weekend(day)
        with _WORKING_LOCK:
            _closed_days.update(working=cached, expires=time_monotonic() + CLOSED_DAYS_TTL_SECONDS)
    return not worktime.is_working_day(cached, day)


def closed_days_forget(**kwargs) -> None:
    """Drop the kept council calendar: the next check reads it again. Every write to a calendar,
    its hours or closures saves the calendar (its updated_at), so post_save of Calendar covers them."""
    with _WORKING_LOCK:
        _closed_days.clear()


def hours_as_text(hours: Iterable[tuple[int, time, time]]) -> str:
    """A week's hours (weekday, opens, closes) as the change history writes them:
    "Mon 08:45-17:15; Fri 08:45-12:30, 13:30-16:45" (days without hours left out)."""
    days: dict[int, list[str]] = {}
    for weekday, opens, closes in sorted(hours):
        days.setdefault(weekday, []).append(f"{opens:%H:%M}-{closes:%H:%M}")
    return "; ".join(f"{Weekday(day).label[:3]} {', '.join(periods)}" for day, periods in sorted(days.items()))


# --- Which standard applies ----------------------------------------------------------------------

# How much each dimension a standard names counts: a case type outweighs everything below it put
# together, and so on, so two standards can only be equally specific when they name the same
# dimensions, and then standard_unique_dimensions keeps them from starting on the same day.
SPECIFICITY = {"case_type": 8, "service_area": 4, "priority": 2, "channel": 1}
_DIMENSION_NAMES = {"case_type": "case type", "service_area": "service area", "priority": "priority",
                    "channel": "channel"}  # fmt: skip
_CHANNEL_PHRASES = {
    Channel.PHONE: "by phone",
    Channel.EMAIL: "by email",
    Channel.WEB: "by web form",
    Channel.LETTER: "by letter",
    Channel.FACE_TO_FACE: "face to face",
    Channel.WEB_CHAT: "by web chat",
    Channel.SOCIAL_MEDIA: "on social media",
    Channel.COUNCILLOR: "through a councillor",
}
NO_STANDARD_MESSAGE = "No standard covers {case}. Add one on the standards page"


class NoStandard(ValueError):
    """No response standard covers a case; the message says which case, in a GOV.UK sentence."""


@dataclass(frozen=True)
class StandardMatch:
    """The standard that applies, how specific it is (the sum of SPECIFICITY over the dimensions
    it names) and why it won, in a sentence for the preview."""

    standard: ResponseStandard
    specificity: int
    reason: str


def specificity(standard: ResponseStandard) -> int:
    """The standard's weight: SPECIFICITY summed over the dimensions it names."""
    return sum(weight for name, weight in SPECIFICITY.items() if _named(standard, name))


def _named(standard: ResponseStandard, name: str) -> bool:
    return standard.service_area_id is not None if name == "service_area" else bool(getattr(standard, name))


def _article(text: str) -> str:
    return f"an {text}" if text[:1].lower() in "aeiou" else f"a {text}"


def case_description(*, channel: str, case_type: str, priority: str = "") -> str:
    """A case in words: "a compliment by letter", "a high priority service request by email"."""
    kind = CaseType(case_type).label.lower() if case_type in CaseType.values else "case"
    if priority in Priority.values:
        kind = f"{Priority(priority).label.lower()} priority {kind}"
    phrase = _CHANNEL_PHRASES.get(Channel(channel)) if channel in Channel.values else None
    return _article(kind) + (f" {phrase}" if phrase else "")


def standard_name(standard: ResponseStandard) -> str:
    """The standard by what it names: "The complaint (stage 1) standard", "The email standard",
    "The high priority service request by phone standard", "The email standard in Housing", "The general
    standard"."""
    parts: list[str] = []
    if standard.priority:
        parts.append(f"{standard.get_priority_display().lower()} priority")
    if standard.case_type:
        parts.append(standard.get_case_type_display().lower())
    if standard.channel:
        channel = standard.get_channel_display().lower()
        parts.append(_CHANNEL_PHRASES[Channel(standard.channel)] if standard.case_type else channel)
    name = f"The {' '.join(parts)} standard" if parts else "The general standard"
    return f"{name} in {standard.service_area}" if standard.service_area_id is not None else name


def _reason(winner: ResponseStandard, runner_up: ResponseStandard | None, case: str) -> str:
    name = standard_name(winner)
    if runner_up is None:
        return f"{name}: the only standard that covers {case}"
    # The heaviest dimension the winner names and the runner-up does not decides between them.
    deciding = next(d for d in SPECIFICITY if _named(winner, d) and not _named(runner_up, d))
    named = [_DIMENSION_NAMES[d] for d in SPECIFICITY if _named(runner_up, d)]
    other = _article(" and ".join(named) + " standard") if named else "the general standard"
    return f"{name}: it names the {_DIMENSION_NAMES[deciding]}, which outweighs {other}"


def standard_for(
    *, channel: str, case_type: str, priority: str = "", service_area_id: int | None = None, received_at: datetime
) -> StandardMatch:
    """The one standard that applies to a case received at `received_at`. One query.

    Candidates are the standards whose every dimension is blank or equal to the case's and that
    are in force on the local date of receipt (effective_from on or before it); of those with the
    same dimensions the latest effective_from wins (a change applies to cases received after it),
    then the most specific (SPECIFICITY). Raises NoStandard, saying which case, when none does."""
    received_on = timezone.localdate(received_at)
    area = Q(service_area__isnull=True)
    if service_area_id is not None:
        area |= Q(service_area_id=service_area_id)
    candidates = (
        ResponseStandard.objects.filter(
            Q(channel="") | Q(channel=channel),
            Q(case_type="") | Q(case_type=case_type),
            Q(priority="") | Q(priority=priority),
            area,
            effective_from__lte=received_on,
        )
        .select_related("service_area")
        .order_by("-effective_from")
    )
    latest: dict[tuple, ResponseStandard] = {}
    for standard in candidates:
        latest.setdefault(standard.dimensions, standard)
    case = case_description(channel=channel, case_type=case_type, priority=priority)
    if not latest:
        raise NoStandard(NO_STANDARD_MESSAGE.format(case=case))
    ranked = sorted(latest.values(), key=specificity, reverse=True)
    winner = ranked[0]
    return StandardMatch(
        standard=winner,
        specificity=specificity(winner),
        reason=_reason(winner, ranked[1] if len(ranked) > 1 else None, case),
    )


# --- Due times -------------------------------------------------------------------------------------

_JUST_BEFORE = timedelta(microseconds=1)


@dataclass(frozen=True)
class DueTimes:
    """When a case must be acknowledged and answered by; None where the standard sets no time."""

    acknowledge_by: datetime | None
    respond_by: datetime | None


def _add(
    calendar: worktime.WorkingCalendar, start: datetime, amount: int, unit: str, pauses: Iterable = ()
) -> datetime:
    if unit == TimeUnit.WORKING_HOURS:
        return worktime.add_working_hours(calendar, start, amount, pauses=pauses)
    return worktime.add_working_days(calendar, start, amount, pauses=pauses)


def due_times(
    *,
    standard: ResponseStandard,
    calendar: worktime.WorkingCalendar,
    received_at: datetime,
    acknowledged_at: datetime | None = None,
    pauses: Iterable[tuple[datetime, datetime]] = (),
    extension_days: int = 0,
) -> DueTimes:
    """The acknowledge-by and respond-by times of a case under `standard` on `calendar`. No query.

    The respond clock starts at receipt or, for RespondFrom.ACKNOWLEDGEMENT (complaints), at
    `acknowledged_at`, or while the case is not yet acknowledged at the acknowledge-by time, read
    as the last moment of that working day: "10 working days from the acknowledgement" then
    counts from the day the acknowledgement is due, never from the day after. Pauses (awaiting
    the customer) stop the respond clock only. `extension_days` (at most the standard's
    extension_max_days, else ValueError) moves the reply to close of business that many working
    days after the working day it was due on."""
    acknowledge_by = None
    if standard.acknowledge_within:
        acknowledge_by = _add(calendar, received_at, standard.acknowledge_within, standard.acknowledge_unit)
    if extension_days < 0 or extension_days > (standard.extension_max_days or 0):
        allowed = standard.extension_max_days or 0
        raise ValueError(
            f"This standard allows an extension of at most {allowed} working days, not {extension_days}."
            if allowed
            else "This standard allows no extension."
        )
    respond_by = None
    if standard.respond_within:
        start = received_at
        if standard.respond_from == RespondFrom.ACKNOWLEDGEMENT:
            if acknowledged_at is not None:
                start = acknowledged_at
            elif acknowledge_by is not None:
                # A due time is a close of business, which worktime counts as the next day's start.
                start = (
                    acknowledge_by - _JUST_BEFORE
                    if standard.acknowledge_unit == TimeUnit.WORKING_DAYS
                    else acknowledge_by
                )
        respond_by = _add(calendar, start, standard.respond_within, standard.respond_unit, pauses)
        if extension_days:
            respond_by = worktime.add_working_days(calendar, respond_by - _JUST_BEFORE, extension_days)
    return DueTimes(acknowledge_by=acknowledge_by, respond_by=respond_by)


# --- The preview -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Preview:
    """What the manager's preview shows: the standard and why, the calendar, the due times, the
    days skipped between receipt and the last due date (bank holidays by name, closures by
    reason, on days that have working hours; days without any, weekends mostly, as a count,
    whatever falls on them), the part-day closures in
    that time, and, when received outside working time, the sentence saying when the clock starts."""

    match: StandardMatch
    calendar: Calendar
    due: DueTimes
    skipped: list[tuple[date, str]]
    days_without_hours: int
    clock_starts_at: datetime
    start_rule: str
    part_closures: list[tuple[date, str]] = field(default_factory=list)


def _local(value: datetime) -> datetime:
    return timezone.localtime(value)


def start_rule(received_at: datetime, clock_starts_at: datetime) -> str:
    """ "Received at 11:30pm on Friday: the clock starts at 8:45am on Tuesday 26 May, the next
    working time", or "" when received in working time."""
    if clock_starts_at == received_at:
        return ""
    received = _local(received_at)
    starts = govuk_datetime(clock_starts_at, relative=False)
    return f"Received at {govuk_time(received)} on {received:%A}: the clock starts at {starts}, the next working time"


def _closure_reasons(calendar: Calendar, first: date, last: date) -> list[Closure]:
    lo = timezone.make_aware(datetime.combine(first, time()))
    hi = timezone.make_aware(datetime.combine(last + timedelta(days=1), time()))
    return list(calendar.closures.filter(starts_at__lt=hi, ends_at__gt=lo).order_by("starts_at"))


def preview(
    *, received_at: datetime, channel: str, case_type: str, priority: str = "", team: Any | None = None
) -> Preview:
    """Which standard applies to a case received at `received_at` by `channel`, of `case_type`,
    for `team` (its service area and calendar; None: the council's), its due times, and why:
    which bank holidays and closures were skipped and when the clock started. Raises NoStandard."""
    calendar = calendar_for_team(team)
    working = working_calendar(calendar)
    match = standard_for(
        channel=channel,
        case_type=case_type,
        priority=priority,
        service_area_id=team.service_area_id if team is not None else None,
        received_at=received_at,
    )
    due = due_times(standard=match.standard, calendar=working, received_at=received_at)
    clock_starts_at = worktime.add_working_hours(working, received_at, 0)
    last_due = max(t for t in (due.acknowledge_by, due.respond_by) if t is not None)
    first, last = timezone.localdate(received_at), timezone.localdate(last_due)
    closures = _closure_reasons(calendar, first, last)
    bank = holidays.country_holidays("GB", subdiv=calendar.subdivision, years=range(first.year, last.year + 1))
    skipped: list[tuple[date, str]] = []
    part: list[tuple[date, str]] = []
    without_hours = 0
    day = first
    while day <= last:
        midnight = timezone.make_aware(datetime.combine(day, time()))
        covering = [c for c in closures if c.starts_at < midnight + timedelta(days=1) and c.ends_at > midnight]
        if not working.hours[day.weekday()]:
            without_hours += 1  # a weekend, mostly, whatever else falls on it
        elif not worktime.is_working_day(working, day):
            if day in bank:
                skipped.append((day, f"Bank holiday: {bank.get(day)}"))
            else:
                skipped.append((day, covering[0].reason if covering else "Closed"))
        elif covering:
            closure = covering[0]
            starts, ends = _local(closure.starts_at), _local(closure.ends_at)
            if starts.date() == day:
                part.append((day, f"{closure.reason}: closed from {govuk_time(starts)}"))
            elif ends.date() == day:
                part.append((day, f"{closure.reason}: closed until {govuk_time(ends)}"))
            else:
                part.append((day, closure.reason))
        day += timedelta(days=1)
    return Preview(
        match=match,
        calendar=calendar,
        due=due,
        skipped=skipped,
        days_without_hours=without_hours,
        clock_starts_at=clock_starts_at,
        start_rule=start_rule(received_at, clock_starts_at),
        part_closures=part,
    )


# --- The public page ---------------------------------------------------------------------------------

PUBLIC_CLOSED_DAYS = 10
GENERAL_GROUP_TITLE = "When you contact us"


@dataclass(frozen=True)
class StandardGroup:
    """Standards shown together on the public page: those for any case by channel ("When you
    contact us"), then one group per case type (complaints, councillor enquiries)."""

    title: str
    case_type: str
    standards: list[ResponseStandard]


@dataclass(frozen=True)
class ClosedDay:
    """A bank holiday or a closure ahead: `first` to `last` (local dates, inclusive); a closure
    also has its start and end instants, for "closed from 12pm"."""

    first: date
    last: date
    name: str
    is_bank_holiday: bool
    starts_at: datetime | None = None
    ends_at: datetime | None = None


@dataclass(frozen=True)
class PublicStandards:
    """Everything "Our customer care standards" shows, from the data alone."""

    groups: list[StandardGroup]
    calendar: Calendar
    hours: list[tuple[str, list[tuple[time, time]]]]
    closed_days: list[ClosedDay]


_CHANNEL_ORDER = {value: i for i, value in enumerate(Channel.values)}
_CASE_TYPE_ORDER = {value: i for i, value in enumerate(CaseType.values)}
_PRIORITY_ORDER = {"": -1} | {value: i for i, value in enumerate(Priority.values)}


def standards_in_force(*, today: date) -> list[ResponseStandard]:
    """The standards in force on `today`: the latest of each set of dimensions. One query."""
    found: dict[tuple, ResponseStandard] = {}
    for standard in (
        ResponseStandard.objects.filter(effective_from__lte=today)
        .select_related("service_area")
        .order_by("-effective_from")
    ):
        found.setdefault(standard.dimensions, standard)
    return list(found.values())


def public_standards(*, today: date) -> PublicStandards:
    """The public standards page: the standards in force today grouped by case type (channel
    standards first), the council calendar's hours by weekday, and the next bank holidays and
    closures within 12 months (at most PUBLIC_CLOSED_DAYS). Four queries: standards, the council
    calendar, its hours, its closures."""
    groups: dict[str, list[ResponseStandard]] = {}
    for standard in standards_in_force(today=today):
        groups.setdefault(standard.case_type, []).append(standard)
    ordered = []
    for case_type in sorted(groups, key=lambda c: _CASE_TYPE_ORDER.get(c, -1)):
        members = sorted(
            groups[case_type],
            key=lambda s: (
                _CHANNEL_ORDER.get(s.channel, -1),
                _PRIORITY_ORDER.get(s.priority, -1),
                s.service_area.name if s.service_area else "",
            ),
        )
        title = CaseType(case_type).label if case_type else GENERAL_GROUP_TITLE
        ordered.append(StandardGroup(title=title, case_type=case_type, standards=members))
    until = today + timedelta(days=365)
    lo = timezone.make_aware(datetime.combine(today, time()))
    hi = timezone.make_aware(datetime.combine(until + timedelta(days=1), time()))
    closures = Closure.objects.filter(ends_at__gt=lo, starts_at__lt=hi).order_by("starts_at")
    calendar = (
        Calendar.objects.prefetch_related("hours", Prefetch("closures", closures)).filter(is_council=True).first()
    )
    if calendar is None:
        raise NoCouncilCalendar(NO_COUNCIL_CALENDAR_MESSAGE)
    week: list[list[tuple[time, time]]] = [[] for _ in range(7)]
    for hours in calendar.hours.all():
        week[hours.weekday].append((hours.opens, hours.closes))
    closed: list[ClosedDay] = []
    for closure in calendar.closures.all():
        starts, ends = _local(closure.starts_at), _local(closure.ends_at)
        last = (ends - _JUST_BEFORE).date()
        closed.append(
            ClosedDay(
                first=starts.date(), last=last, name=closure.reason, is_bank_holiday=False,
                starts_at=closure.starts_at, ends_at=closure.ends_at,
            )
        )  # fmt: skip
    bank = holidays.country_holidays("GB", subdiv=calendar.subdivision, years=range(today.year, until.year + 1))
    closure_days = [(c.first, c.last) for c in closed]
    for day, name in sorted(bank.items()):
        # A bank holiday on a day the council never works (Christmas Day on a Saturday) changes
        # nothing, and one inside a closure is already said by the closure.
        inside_closure = any(first <= day <= last for first, last in closure_days)
        if today <= day <= until and week[day.weekday()] and not inside_closure:
            # "Boxing Day (observed)" reads "Boxing Day, observed" inside the page's own brackets.
            closed.append(ClosedDay(first=day, last=day, name=name.replace(" (observed)", ", observed"),
                                    is_bank_holiday=True))  # fmt: skip
    closed.sort(key=lambda c: (c.first, not c.is_bank_holiday))
    return PublicStandards(
        groups=ordered,
        calendar=calendar,
        hours=[(Weekday(day).label, periods) for day, periods in enumerate(week)],
        closed_days=closed[:PUBLIC_CLOSED_DAYS],
    )


# --- Access: what a user may edit ------------------------------------------------------------------

EDIT_PERMISSION = "standards.change_responsestandard"


def editable_area_ids(user) -> set[int] | None:
    """The service areas whose calendars, closures and standards `user` may edit: None means all
    of them and the council-wide entries too (administrators); a service manager gets the area of
    their directory profile (directory.selectors.editor_area_ids); anyone else an empty set."""
    if not user.is_authenticated or not user.has_perm(EDIT_PERMISSION):
        return set()
    return editor_area_ids(user)


def _scoped(queryset: models.QuerySet, path: str, area_ids: set[int] | None) -> models.QuerySet:
    return queryset if area_ids is None else queryset.filter(**{f"{path}__in": area_ids})


def calendars_for_user(user) -> models.QuerySet[Calendar]:
    """The calendars `user` may edit (the council's: administrators only)."""
    return _scoped(Calendar.objects.select_related("service_area"), "service_area_id", editable_area_ids(user))


def standards_for_user(user) -> models.QuerySet[ResponseStandard]:
    """The standards `user` may edit (council-wide ones, without a service area: administrators only)."""
    return _scoped(ResponseStandard.objects.select_related("service_area"), "service_area_id", editable_area_ids(user))


def closures_for_user(user) -> models.QuerySet[Closure]:
    """The closures of the calendars `user` may edit."""
    return _scoped(
        Closure.objects.select_related("calendar__service_area"), "calendar__service_area_id", editable_area_ids(user)
    )


def targets_for_user(user) -> models.QuerySet[Target]:
    """Every target for administrators (targets are council-wide), none for anyone else."""
    return Target.objects.all() if editable_area_ids(user) is None else Target.objects.none()


def _get(queryset: models.QuerySet, pk: int):
    try:
        return queryset.get(pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError):
        raise Http404 from None


def calendar_get_for_user(*, pk: int, user) -> Calendar:
    """The calendar, or 404 outside what `user` may edit."""
    return _get(calendars_for_user(user), pk)


def standard_get_for_user(*, pk: int, user) -> ResponseStandard:
    """The standard, or 404 outside what `user` may edit."""
    return _get(standards_for_user(user), pk)


def closure_get_for_user(*, pk: int, user) -> Closure:
    """The closure, or 404 outside the calendars `user` may edit."""
    return _get(closures_for_user(user), pk)


def target_get_for_user(*, pk: int, user) -> Target:
    """The target, or 404 for anyone but administrators."""
    return _get(targets_for_user(user), pk)


def change_history(*, entry: models.Model) -> list[StandardsChange]:
    """Every recorded change of a calendar, closure, standard or target, newest first."""
    return list(
        StandardsChange.objects.filter(entry_type=entry._meta.model_name, entry_id=entry.pk)
        .select_related("changed_by")
        .order_by("-changed_at", "-id")
    )


# --- Chasing rules -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChasePolicies:
    """The council's chasing rules and the service areas' own; `for_area` picks a case's."""

    council: ChasePolicy
    areas: dict[int, ChasePolicy]

    def for_area(self, area_id: int | None) -> ChasePolicy:
        return self.areas.get(area_id, self.council) if area_id is not None else self.council


def chase_policies() -> ChasePolicies:
    """Every chasing rule set, in one query. The council's row is made by a migration; a database
    without it (a test's) gets the defaults, unsaved."""
    council, areas = None, {}
    for policy in ChasePolicy.objects.all():
        if policy.service_area_id is None:
            council = policy
        else:
            areas[policy.service_area_id] = policy
    return ChasePolicies(council=council or ChasePolicy(ladder=ladder_default()), areas=areas)


CHASE_EDIT_PERMISSION = "standards.change_chase_policy"


@dataclass(frozen=True)
class ChaseRules:
    """An area's chasing rules as its editor sees them: `area` None is the council's; `own` is the
    area's own row, or None when it follows the council's (`rules` then is the council's)."""

    area: Any | None
    own: ChasePolicy | None
    rules: ChasePolicy


def _chase_area_ids(user) -> set[int] | None:
    if not user.is_authenticated or not user.has_perm(CHASE_EDIT_PERMISSION):
        return set()
    return editable_area_ids(user)


def chase_rules_for_user(user) -> list[ChaseRules]:
    """The chasing rules `user` may edit: every area's and the council's for administrators, their
    own area's for a service manager. Two queries."""
    area_ids = _chase_area_ids(user)
    policies = chase_policies()
    areas = ServiceArea.objects.order_by("name")
    if area_ids is not None:
        areas = areas.filter(pk__in=area_ids)
    rows = [ChaseRules(area=None, own=policies.council, rules=policies.council)] if area_ids is None else []
    for area in areas:
        own = policies.areas.get(area.pk)
        rows.append(ChaseRules(area=area, own=own, rules=own or policies.council))
    return rows


def chase_rules_get_for_user(*, area_pk: int | None, user) -> ChaseRules:
    """The chasing rules of one area (None: the council's), or 404 outside what `user` may edit."""
    area_ids = _chase_area_ids(user)
    policies = chase_policies()
    if area_pk is None:
        if area_ids is not None:
            raise Http404
        return ChaseRules(area=None, own=policies.council, rules=policies.council)
    if area_ids is not None and area_pk not in area_ids:
        raise Http404
    area = _get(ServiceArea.objects.all(), area_pk)
    own = policies.areas.get(area.pk)
    return ChaseRules(area=area, own=own, rules=own or policies.council)


def chase_history(*, rules: ChaseRules) -> list[StandardsChange]:
    """Every change of these chasing rules, newest first, across the area's own rows (made,
    removed and made again)."""
    rows = Q(entry_label=str(ChasePolicy(service_area=rules.area)))
    if rules.own is not None:
        rows |= Q(entry_id=rules.own.pk)
    changes = StandardsChange.objects.filter(rows, entry_type="chasepolicy").select_related("changed_by")
    return list(changes.order_by("-changed_at", "-id"))


def channel_costs() -> dict[str, ChannelCost]:
    """What a contact costs on each channel (one query): every channel has a row."""
    return {cost.channel: cost for cost in ChannelCost.objects.all()}


def channel_cost_get(*, channel: str) -> ChannelCost:
    """One channel's cost row; 404 for a channel there is none of."""
    cost = ChannelCost.objects.filter(channel=channel).first()
    if cost is None:
        raise Http404("No such channel")
    return cost
