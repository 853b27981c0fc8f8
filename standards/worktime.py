"""Working-time arithmetic for response standards: pure functions over a prepared working calendar.

No database, no Django: the future `standards` models build a `WorkingCalendar` from their rows
and call `add_working_hours`, `add_working_days` and `working_time_between`. Every instant passed
in must be timezone-aware; every instant returned is aware in the calendar's zone.

The rules
---------

- **Working time** is the calendar's weekly hours, read as local wall-clock times in the
  calendar's zone, minus bank holidays (whole days) and closures (whole or part days). Periods
  are half-open: a team working 08:45-17:15 is at work at 08:45 and has closed at 17:15.
- **A working day** is a date with any working time left once bank holidays and closures are
  taken out. So a part-closed day (a training afternoon) is still a working day for day
  arithmetic, and its closed hours still do not count for hour arithmetic: the day exists for
  the customer (the office was open), the hours did not (nobody was answering).
- **Bank holidays** come from `holidays.country_holidays("GB", subdiv=...)` for ENG, WLS, SCT or
  NIR. The package lists weekend dates as well as the "(observed)" weekday substitutes; every
  listed date is closed. Weekends are non-working because they have no hours, not because of
  the package, so a weekend-dated holiday only matters to a calendar with weekend hours (where
  closing on Christmas Day itself is what we want).
- **Receipt outside working time** (Friday 23:30, in a closure, on a bank holiday, at exactly
  17:15) counts from the start of the next working period: the clock simply has not started.
- **N working hours** end at the instant N hours of working time after the start. When that
  lands exactly at the end of a period the due time is that close (Monday 17:15), not the next
  opening (Tuesday 08:45): the work was due by the time the office shut.
- **N working days** end at close of business on the Nth working day after the *day of
  receipt*, where the day of receipt is the date of the working period the clock starts in,
  by the rule above. Received Monday 10:00: day of receipt Monday, 1 working day is due Tuesday
  close of business. Received Monday 20:00, after close: the clock starts Tuesday 08:45, so
  Tuesday is the day of receipt and 1 working day is due Wednesday close of business. One rule
  (when does the clock start?) serves both kinds of standard, so a contact can never be "late"
  by one measure and early by the other. 0 working days means close of business on the day of
  receipt. Close of business is the end of that date's last working period after closures (a
  day closed from 13:00 closes at 13:00).
- **Pauses** (awaiting the customer) stop the clock: working time inside a pause does not count,
  so a due time moves later by exactly the working time the pauses covered. That applies to
  day standards too, so a paused day standard can fall due part-way through a day (paused for
  two working hours, due two working hours after the close of business it would have had).
  Overlapping pauses count once; the part of a pause before the start is ignored. An open pause
  has no due time: compute one when the pause ends.
- **Clock changes**: working hours are wall-clock times, so 08:45-17:15 is 8.5 hours of working
  time on the days the clocks change too, and a due time at "close of business" is 17:15 local,
  never an hour early or late. Input instants mean what they say: an aware datetime is an
  instant, its `fold` choosing between the two 01:30s of the October change; a
  `ZoneInfo("Europe/London")` datetime at 01:30 on the March change (a wall time that never
  happens) is, as Python reads it, 01:30 GMT, that is 02:30 BST. To turn a wall-clock reading
  into an instant use `local_instant`: a time in the spring gap becomes the moment the clocks go
  forward (02:00 BST); an ambiguous autumn time becomes its first occurrence (the earlier
  reading starts the clock sooner, never in the council's favour). Calendar boundaries follow
  the same rules (closures are cut out of the hours on the wall clock first), except that a
  working period *ending* at an ambiguous time ends at its second occurrence. So a night team's
  Sunday 01:30-03:00 works 02:00-03:00 BST on the March Sunday and 01:30 BST to 03:00 GMT (2.5
  hours) on the October one. Working time is real time elapsed inside the wall-clock periods: a
  round-the-clock Sunday has 23 or 25 working hours.
- Hours run within one date; an end of 00:00 means midnight at the end of the day, so a team
  can work round the clock. Touching periods (00:00-24:00 on consecutive days, 09:00-12:00 and
  12:00-17:00) join into one.

How it is fast
--------------

A calendar is prepared lazily for a range of years, extended when a computation needs more:
its working intervals as sorted lists of UTC epoch microseconds with a running total of working
time, and the close of business of every working day. A computation is then a few bisects and
additions, whatever the span; integer microseconds keep "a then b hours equals a+b hours" exact.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import operator
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays

__all__ = [
    "COUNCIL_HOURS",
    "SUBDIVISIONS",
    "Closure",
    "WorkingCalendar",
    "add_working_days",
    "add_working_hours",
    "is_working_day",
    "local_instant",
    "subtract_working_hours",
    "working_periods",
    "working_time_between",
]

Period = tuple[dt.time, dt.time]
DayHours = tuple[Period, ...]
Pause = tuple[dt.datetime, dt.datetime]

SUBDIVISIONS: dict[str, str] = {"ENG": "England", "WLS": "Wales", "SCT": "Scotland", "NIR": "Northern Ireland"}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_MON_THU: DayHours = ((dt.time(8, 45), dt.time(17, 15)),)
_FRI: DayHours = ((dt.time(8, 45), dt.time(16, 45)),)
# Monday first, as date.weekday() counts.
COUNCIL_HOURS: tuple[DayHours, ...] = (_MON_THU, _MON_THU, _MON_THU, _MON_THU, _FRI, (), ())

_UTC = dt.UTC
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=_UTC)
_US = dt.timedelta(microseconds=1)
_DAY_US = 86_400_000_000
_HOUR_US = 3_600_000_000
_MIN_YEAR, _MAX_YEAR = 2, 9997  # room for the neighbouring years either side


def _when(value: dt.datetime) -> str:
    return f"{value.day} {value:%B %Y %H:%M}"


def _hhmm(value: dt.time) -> str:
    return f"{value:%H:%M}"


@dataclass(frozen=True)
class Closure:
    """A time the council is closed: local wall-clock start and end (naive), or two aware instants.

    `Closure.days(first, last)` closes whole days; a part day is any other pair of times."""

    start: dt.datetime
    end: dt.datetime
    reason: str = ""

    def __post_init__(self) -> None:
        if (self.start.tzinfo is None) != (self.end.tzinfo is None):
            raise ValueError("Give a closure's start and end both as local times or both with a time zone.")
        if self.end <= self.start:
            raise ValueError(f"A closure must end after it starts: {self._describe()}.")

    @classmethod
    def days(cls, first: dt.date, last: dt.date | None = None, reason: str = "") -> Closure:
        """Whole days closed, `first` to `last` inclusive (one day when `last` is omitted)."""
        last = first if last is None else last
        start = dt.datetime.combine(first, dt.time())
        return cls(start=start, end=dt.datetime.combine(last + dt.timedelta(days=1), dt.time()), reason=reason)

    def _describe(self) -> str:
        name = f"{self.reason} " if self.reason else ""
        return f"{name}({_when(self.start)} to {_when(self.end)})"


@dataclass(frozen=True)
class WorkingCalendar:
    """Weekly working hours (seven tuples of local (start, end) periods, Monday first), the UK
    nation whose bank holidays apply, the time zone and the closures. Invalid values raise
    ValueError here, when the calendar is built, each with its own message."""

    hours: tuple[DayHours, ...] = COUNCIL_HOURS
    subdivision: str = "ENG"
    time_zone: str = "Europe/London"
    closures: tuple[Closure, ...] = ()
    _zone: ZoneInfo = field(init=False, repr=False, compare=False)
    _periods: tuple[tuple[tuple[int, int], ...], ...] = field(init=False, repr=False, compare=False)
    _closed: tuple[tuple[dt.datetime, dt.datetime], ...] = field(init=False, repr=False, compare=False)
    _cache: _Cache = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Frozen: normalised values and the cache are set once, here, and never rebound after.
        setattr_ = object.__setattr__
        try:
            zone = ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError, TypeError):
            raise ValueError(f"Unknown time zone {self.time_zone!r}.") from None
        if self.subdivision not in SUBDIVISIONS:
            known = ", ".join(f"{code} ({name})" for code, name in SUBDIVISIONS.items())
            raise ValueError(f"Unknown UK nation {self.subdivision!r}: use one of {known}.")
        # Fails now rather than at the first computation if the package ever drops a code.
        holidays.country_holidays("GB", subdiv=self.subdivision)
        hours = tuple(tuple(day) for day in self.hours)
        setattr_(self, "hours", hours)
        setattr_(self, "_zone", zone)
        setattr_(self, "_periods", _periods_validate(hours))
        closures = tuple(self.closures)
        setattr_(self, "closures", closures)
        setattr_(self, "_closed", _closures_validate(closures, zone))
        setattr_(self, "_cache", _Cache())

    @property
    def zone(self) -> ZoneInfo:
        """The calendar's time zone; results are aware in it."""
        return self._zone

    def prepare(self, first_year: int, last_year: int) -> None:
        """Prepare the calendar for these years now (computations extend it themselves as needed)."""
        self._cache.cover(self, first_year, last_year)

    def _prepared(self, lo: int, hi: int) -> _Prepared:
        prepared = self._cache.prepared
        if prepared is None or lo < prepared.lo or hi > prepared.hi:
            prepared = self._cache.cover(self, self._year(lo) - 1, self._year(hi) + 1)
        return prepared

    def _year(self, us: int) -> int:
        return _from_us(us, self._zone).year

    def _build(self, first_year: int, last_year: int) -> _Prepared:
        return _Prepared.build(self, first_year, last_year)


def _periods_validate(hours: tuple[DayHours, ...]) -> tuple[tuple[tuple[int, int], ...], ...]:
    if len(hours) != 7:
        raise ValueError("Give working hours for each of the 7 days of the week, Monday first.")
    week: list[tuple[tuple[int, int], ...]] = []
    for day_name, day in zip(WEEKDAYS, hours, strict=True):
        spans: list[tuple[int, int, Period]] = []
        for period in day:
            start, end = period
            if not isinstance(start, dt.time) or not isinstance(end, dt.time):
                raise ValueError(f"Working hours on {day_name} must be times of day.")
            if start.tzinfo is not None or end.tzinfo is not None:
                raise ValueError(f"Working hours on {day_name} must be local times, without a time zone.")
            start_us = _time_us(start)
            end_us = _DAY_US if end == dt.time() else _time_us(end)
            if end_us <= start_us:
                raise ValueError(
                    f"Working hours on {day_name} must end after they start: {_hhmm(start)} to {_hhmm(end)} "
                    "(use 00:00 as the end for midnight)."
                )
            spans.append((start_us, end_us, period))
        spans.sort()
        merged: list[tuple[int, int]] = []
        previous: Period | None = None
        previous_end = 0
        for start_us, end_us, period in spans:
            if previous is not None and start_us < previous_end:
                raise ValueError(
                    f"Working hours on {day_name} overlap: {_hhmm(previous[0])} to {_hhmm(previous[1])} "
                    f"and {_hhmm(period[0])} to {_hhmm(period[1])}."
                )
            if merged and merged[-1][1] == start_us:
                merged[-1] = (merged[-1][0], end_us)
            else:
                merged.append((start_us, end_us))
            previous, previous_end = period, end_us
        week.append(tuple(merged))
    if not any(week):
        raise ValueError("A calendar needs working hours on at least one day of the week.")
    return tuple(week)


def _time_us(value: dt.time) -> int:
    return ((value.hour * 60 + value.minute) * 60 + value.second) * 1_000_000 + value.microsecond


def _closures_validate(closures: tuple[Closure, ...], zone: ZoneInfo) -> tuple[tuple[dt.datetime, dt.datetime], ...]:
    local: list[tuple[dt.datetime, dt.datetime, Closure]] = []
    for closure in closures:
        if not isinstance(closure, Closure):
            raise ValueError("Give each closure as a Closure.")
        start, end = closure.start, closure.end
        if start.tzinfo is not None:
            # Closures are cut out of wall-clock hours, so aware ones are read on the local clock.
            start = start.astimezone(zone).replace(tzinfo=None)
            end = end.astimezone(zone).replace(tzinfo=None)
            if end <= start:
                raise ValueError(f"A closure must end after it starts: {closure._describe()}.")
        local.append((start, end, closure))
    local.sort(key=lambda item: (item[0], item[1]))
    for previous, current in itertools.pairwise(local):
        if current[0] < previous[1]:
            raise ValueError(f"Closures overlap: {previous[2]._describe()} and {current[2]._describe()}.")
    return tuple((start, end) for start, end, _ in local)


class _Cache:
    """The prepared arrays of one calendar. Readers take one snapshot per computation; a rebuild
    swaps in a new snapshot whole, so a computation never sees a half-built one."""

    def __init__(self) -> None:
        self.prepared: _Prepared | None = None
        self._lock = threading.Lock()

    def __reduce__(self) -> tuple[type[_Cache], tuple[()]]:
        # A lock cannot be pickled, and a copied calendar may as well prepare itself afresh.
        return (_Cache, ())

    def cover(self, calendar: WorkingCalendar, first_year: int, last_year: int) -> _Prepared:
        with self._lock:
            current = self.prepared
            if current is not None:
                first_year, last_year = min(first_year, current.first_year), max(last_year, current.last_year)
                if first_year == current.first_year and last_year == current.last_year:
                    return current
            if first_year < _MIN_YEAR or last_year > _MAX_YEAR:
                raise ValueError("That is outside the years a working calendar can cover.")
            self.prepared = calendar._build(first_year, last_year)
            return self.prepared

    def grow(self, calendar: WorkingCalendar, current: _Prepared) -> _Prepared:
        """Cover more years ahead, doubling the range so long spans rebuild only a few times."""
        width = current.last_year - current.first_year + 1
        return self.cover(calendar, current.first_year, min(current.last_year + width, _MAX_YEAR))


class _Beyond(Exception):
    """The computation ran past the prepared years; `instant` says where, when known."""

    def __init__(self, instant: int | None = None) -> None:
        self.instant = instant


class _Prepared:
    """Working intervals of a range of years as UTC epoch microseconds: starts[i] <= t < ends[i],
    cum[i] working microseconds before interval i, cum_end[i] = cum[i] + its length; day_cob and
    day_ord the close of business and date ordinal of each working day."""

    __slots__ = ("cum", "cum_end", "day_cob", "day_ord", "ends", "first_year", "hi", "last_year", "lo", "starts")

    def __init__(self) -> None:
        self.first_year = self.last_year = self.lo = self.hi = 0
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.cum: list[int] = []
        self.cum_end: list[int] = []
        self.day_cob: list[int] = []
        self.day_ord: list[int] = []

    @classmethod
    def build(cls, calendar: WorkingCalendar, first_year: int, last_year: int) -> _Prepared:
        zone = calendar._zone
        bank = frozenset(
            holidays.country_holidays("GB", subdiv=calendar.subdivision, years=range(first_year, last_year + 1))
        )
        closed = calendar._closed
        closed_ends = [end for _, end in closed]
        self = cls()
        self.first_year, self.last_year = first_year, last_year
        first, after = dt.date(first_year, 1, 1), dt.date(last_year + 1, 1, 1)
        self.lo = _boundary_us(dt.datetime.combine(first, dt.time()), zone, end=False)
        self.hi = _boundary_us(dt.datetime.combine(after, dt.time()), zone, end=False)
        starts, ends = self.starts, self.ends
        day = first
        one_day = dt.timedelta(days=1)
        while day < after:
            periods = calendar._periods[day.weekday()]
            if periods and day not in bank:
                midnight = dt.datetime.combine(day, dt.time())
                last_end: int | None = None
                for start_us, end_us in periods:
                    pieces = _cut(
                        midnight + dt.timedelta(microseconds=start_us),
                        midnight + dt.timedelta(microseconds=end_us),
                        closed,
                        closed_ends,
                    )
                    for piece_start, piece_end in pieces:
                        s = _boundary_us(piece_start, zone, end=False)
                        e = _boundary_us(piece_end, zone, end=True)
                        if e <= s:  # a period wholly inside the spring gap
                            continue
                        if ends and ends[-1] == s:
                            ends[-1] = e
                        else:
                            starts.append(s)
                            ends.append(e)
                        last_end = e
                if last_end is not None:
                    self.day_cob.append(last_end)
                    self.day_ord.append(day.toordinal())
            day += one_day
        total = 0
        for s, e in zip(starts, ends, strict=True):
            self.cum.append(total)
            total += e - s
            self.cum_end.append(total)
        return self

    def check(self, us: int) -> None:
        if not self.lo <= us <= self.hi:
            raise _Beyond(us)

    def before(self, us: int) -> int:
        """Working microseconds from the start of the prepared range to `us`."""
        if not self.lo <= us <= self.hi:
            raise _Beyond(us)
        i = bisect_right(self.starts, us) - 1
        if i < 0:
            return 0
        end = self.ends[i]
        return self.cum[i] + (us if us < end else end) - self.starts[i]

    def locate(self, target: int) -> int:
        """The first instant with `target` working microseconds before it (a close, when exact)."""
        j = bisect_left(self.cum_end, target)
        if j == len(self.cum_end):
            raise _Beyond()
        return self.starts[j] + target - self.cum[j]

    def next_working(self, us: int) -> int:
        self.check(us)
        i = bisect_right(self.starts, us) - 1
        if i >= 0 and us < self.ends[i]:
            return us
        if i + 1 == len(self.starts):
            raise _Beyond()
        return self.starts[i + 1]

    def run(self, target: int, pauses: list[tuple[int, int]]) -> int:
        """Due instant for `target`, each pause starting before it adding the working time it covered.
        Pauses are sorted, disjoint and start at or after the start, so one pass suffices: once a
        pause's working time is added the due time is past the pause's end."""
        due = self.locate(target)
        for pause_start, pause_end in pauses:
            if pause_start >= due:
                break
            target += self.before(pause_end) - self.before(pause_start)
            due = self.locate(target)
        return due


def _cut(
    start: dt.datetime,
    end: dt.datetime,
    closed: tuple[tuple[dt.datetime, dt.datetime], ...],
    closed_ends: list[dt.datetime],
) -> list[tuple[dt.datetime, dt.datetime]]:
    """The parts of [start, end) outside the (sorted, disjoint) closures."""
    i = bisect_right(closed_ends, start)
    pieces: list[tuple[dt.datetime, dt.datetime]] = []
    while i < len(closed) and closed[i][0] < end:
        closed_start, closed_end = closed[i]
        if closed_start > start:
            pieces.append((start, closed_start))
        start = max(start, closed_end)
        i += 1
    if start < end:
        pieces.append((start, end))
    return pieces


def _from_us(us: int, zone: ZoneInfo) -> dt.datetime:
    return (_EPOCH + dt.timedelta(microseconds=us)).astimezone(zone)


def _boundary_us(wall: dt.datetime, zone: ZoneInfo, *, end: bool) -> int:
    """A local wall-clock time as UTC epoch microseconds: a time in a spring gap is the moment the
    clocks jump; an ambiguous time is its first occurrence, or its second for the end of a span."""
    first = wall.replace(tzinfo=zone, fold=0)
    second = wall.replace(tzinfo=zone, fold=1)
    us_first = (first - _EPOCH) // _US
    if first.utcoffset() == second.utcoffset():
        return us_first
    us_second = (second - _EPOCH) // _US
    if _from_us(us_first, zone).replace(tzinfo=None) == wall:
        return us_second if end else us_first  # ambiguous: both readings exist
    # In a gap fold=0 reads the wall time with the offset before the jump, fold=1 with the one
    # after, so the jump lies between; find it by halving (only ever at build time).
    lo, hi = min(us_first, us_second), max(us_first, us_second)
    offset_before = _from_us(lo, zone).utcoffset()
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if _from_us(mid, zone).utcoffset() == offset_before:
            lo = mid
        else:
            hi = mid
    return hi


def _instant_us(value: dt.datetime, name: str) -> int:
    # Subtracting a naive datetime from an aware one raises TypeError; checking first costs more.
    try:
        return (value - _EPOCH) // _US
    except TypeError:
        raise ValueError(f"Give {name} as a timezone-aware datetime.") from None


def _hours_us(hours: float | dt.timedelta) -> int:
    if isinstance(hours, dt.timedelta):
        us = hours // _US
    else:
        if not math.isfinite(hours):
            raise ValueError("Give a finite number of working hours.")
        us = round(hours * _HOUR_US)
    if us < 0:
        raise ValueError("Working hours to add cannot be negative.")
    return us


def _pauses_us(pauses: Iterable[Pause], lo: int, hi: int | None = None) -> list[tuple[int, int]]:
    """Pauses as sorted, merged microsecond intervals clipped to [lo, hi]."""
    spans: list[tuple[int, int]] = []
    if not pauses:
        return spans
    for pause_start, pause_end in pauses:
        try:
            start, end = (pause_start - _EPOCH) // _US, (pause_end - _EPOCH) // _US
        except TypeError:
            raise ValueError("Give each pause's start and end as timezone-aware datetimes.") from None
        if end < start:
            raise ValueError("A pause must end after it starts.")
        if start < lo:
            start = lo
        if hi is not None and end > hi:
            end = hi
        if end > start:
            spans.append((start, end))
    if len(spans) < 2:
        return spans
    spans.sort()
    merged = [spans[0]]
    for start, end in spans[1:]:
        if start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def add_working_hours(
    calendar: WorkingCalendar, start: dt.datetime, hours: float | dt.timedelta, *, pauses: Iterable[Pause] = ()
) -> dt.datetime:
    """The instant `hours` of working time after `start` (a number of hours or a timedelta), the
    clock stopped during `pauses`. A start outside working time counts from the next opening; 0
    hours gives that opening. A due time at the end of a working period is that close."""
    span = _hours_us(hours)
    t = _instant_us(start, "the start")
    paused = _pauses_us(pauses, t)
    cache = calendar._cache
    prepared = calendar._prepared(t, t)
    while True:
        try:
            due = prepared.next_working(t) if span == 0 else prepared.run(prepared.before(t) + span, paused)
            return _from_us(due, calendar._zone)
        except _Beyond as beyond:
            prepared = _extend(calendar, cache, prepared, beyond)


def subtract_working_hours(calendar: WorkingCalendar, end: dt.datetime, hours: float | dt.timedelta) -> dt.datetime:
    """The latest instant with `hours` of working time between it and `end`: "8 working hours
    before the reply is due". An instant exactly at an opening comes out as the close before it,
    the moment that much working time is left."""
    span = _hours_us(hours)
    t = _instant_us(end, "the end")
    cache = calendar._cache
    prepared = calendar._prepared(t, t)
    while True:
        try:
            left = prepared.before(t) - span
            if left <= 0:  # the answer is before the prepared years: prepare earlier ones
                raise _Beyond(prepared.lo - 1)
            return _from_us(prepared.locate(left), calendar._zone)
        except _Beyond as beyond:
            prepared = _extend(calendar, cache, prepared, beyond)


def add_working_days(
    calendar: WorkingCalendar, start: dt.datetime, days: int, *, pauses: Iterable[Pause] = ()
) -> dt.datetime:
    """Close of business on the `days`th working day after the day of receipt (the date of the
    working period `start` counts from), moved later by the working time `pauses` covered."""
    n = operator.index(days)
    if n < 0:
        raise ValueError("Working days to add cannot be negative.")
    t = _instant_us(start, "the start")
    paused = _pauses_us(pauses, t)
    cache = calendar._cache
    prepared = calendar._prepared(t, t)
    while True:
        try:
            prepared.check(t)
            # The day of receipt is the first working day still open at t: a day whose close
            # of business is at or before t is over (17:15 on the dot belongs to the next day).
            k = bisect_right(prepared.day_cob, t) + n
            if k >= len(prepared.day_cob):
                raise _Beyond()
            due = prepared.day_cob[k]
            if paused:
                due = prepared.run(prepared.before(due), paused)
            return _from_us(due, calendar._zone)
        except _Beyond as beyond:
            prepared = _extend(calendar, cache, prepared, beyond)


def working_time_between(
    calendar: WorkingCalendar, start: dt.datetime, end: dt.datetime, *, pauses: Iterable[Pause] = ()
) -> dt.timedelta:
    """Working time from `start` to `end`, less the working time inside `pauses`; negative when
    `end` is before `start`."""
    a, b = _instant_us(start, "the start"), _instant_us(end, "the end")
    sign = 1
    if b < a:
        a, b, sign = b, a, -1
    paused = _pauses_us(pauses, a, b)
    cache = calendar._cache
    prepared = calendar._prepared(a, b)
    while True:
        try:
            total = prepared.before(b) - prepared.before(a)
            for pause_start, pause_end in paused:
                total -= prepared.before(pause_end) - prepared.before(pause_start)
            return dt.timedelta(microseconds=sign * total)
        except _Beyond as beyond:
            prepared = _extend(calendar, cache, prepared, beyond)


def is_working_day(calendar: WorkingCalendar, day: dt.date) -> bool:
    """Whether `day` has any working time once bank holidays and closures are taken out."""
    prepared = calendar._cache.prepared
    if prepared is None or not prepared.first_year <= day.year <= prepared.last_year:
        prepared = calendar._cache.cover(calendar, day.year - 1, day.year + 1)
    ordinal = day.toordinal()
    i = bisect_left(prepared.day_ord, ordinal)
    return i < len(prepared.day_ord) and prepared.day_ord[i] == ordinal


def working_periods(calendar: WorkingCalendar, first: dt.date, last: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
    """The working periods (start, end), aware in the calendar's zone, that start on the dates
    `first` to `last`; touching periods are joined."""
    zone = calendar._zone
    prepared = calendar._cache.cover(calendar, first.year - 1, last.year + 1)
    lo = _boundary_us(dt.datetime.combine(first, dt.time()), zone, end=False)
    hi = _boundary_us(dt.datetime.combine(last + dt.timedelta(days=1), dt.time()), zone, end=False)
    i, j = bisect_left(prepared.starts, lo), bisect_left(prepared.starts, hi)
    return [
        (_from_us(s, zone), _from_us(e, zone)) for s, e in zip(prepared.starts[i:j], prepared.ends[i:j], strict=True)
    ]


def local_instant(calendar: WorkingCalendar, wall: dt.datetime) -> dt.datetime:
    """A local wall-clock reading (naive) as an aware instant in the calendar's zone: a time the
    spring change skips is the moment the clocks go forward, an ambiguous autumn time its first
    occurrence."""
    if wall.tzinfo is not None:
        raise ValueError("Give a local wall-clock time, without a time zone.")
    return _from_us(_boundary_us(wall, calendar._zone, end=False), calendar._zone)


def _extend(calendar: WorkingCalendar, cache: _Cache, prepared: _Prepared, beyond: _Beyond) -> _Prepared:
    if beyond.instant is not None:
        year = calendar._year(beyond.instant)
        return cache.cover(calendar, year - 1, year + 1)
    if prepared.last_year >= _MAX_YEAR:
        raise ValueError("That is outside the years a working calendar can cover.") from None
    return cache.grow(calendar, prepared)
