"""Calendars shared by the worktime tests, and a slow, obvious reference implementation to check
the fast one against: it walks the calendar day by day in local wall-clock time, with none of the
prepared arrays, bisects or boundary rules of standards/worktime.py.

Module-level values rather than fixtures: Hypothesis refuses function-scoped fixtures."""

import datetime as dt
from functools import cache, lru_cache
from zoneinfo import ZoneInfo

import holidays

from standards.worktime import COUNCIL_HOURS, Closure, WorkingCalendar

LONDON = ZoneInfo("Europe/London")
T = dt.time


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0, *, fold: int = 0) -> dt.datetime:
    """A London wall-clock instant: at(2025, 5, 23, 23, 30)."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=LONDON, fold=fold)


def utc(instant: dt.datetime) -> dt.datetime:
    """In UTC, so comparisons are by instant: Python compares two datetimes with the same tzinfo by
    their wall-clock fields and ignores fold, which gets the repeated October hour wrong."""
    return instant.astimezone(dt.UTC)


def christmas(year: int) -> Closure:
    """Christmas Eve afternoon to New Year's Day inclusive."""
    return Closure(dt.datetime(year, 12, 24, 13), dt.datetime(year + 1, 1, 2), reason="Christmas shutdown")


def training(day: dt.date) -> Closure:
    return Closure(dt.datetime.combine(day, T(13)), dt.datetime.combine(day, T(17, 15)), reason="Training afternoon")


COUNCIL = WorkingCalendar(
    closures=(
        *(christmas(year) for year in range(2023, 2028)),
        training(dt.date(2025, 10, 15)),
        training(dt.date(2026, 10, 14)),
        Closure.days(dt.date(2026, 3, 4), reason="Office move"),
    )
)
SPLIT = ((T(9), T(12, 30)), (T(13, 30), T(17)))
SCOTLAND = WorkingCalendar(hours=(SPLIT,) * 5 + ((), ()), subdivision="SCT")
ROUND_THE_CLOCK = ((T(0), T(0)),)
# Weekend round the clock, so the Sundays of the clock changes are working days.
WEEKEND_24 = WorkingCalendar(hours=(((T(8), T(18)),),) * 5 + (ROUND_THE_CLOCK, ROUND_THE_CLOCK), subdivision="NIR")
CALENDARS = {"council": COUNCIL, "scotland": SCOTLAND, "weekend_24": WEEKEND_24}
assert COUNCIL.hours == COUNCIL_HOURS


@cache
def _bank_holidays(subdivision: str, year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("GB", subdiv=subdivision, years=year))


@lru_cache(maxsize=20_000)
def day_pieces(calendar: WorkingCalendar, day: dt.date) -> tuple[tuple[dt.datetime, dt.datetime], ...]:
    """The working pieces of one date as UTC instants (none on holidays and closed days)."""
    if day in _bank_holidays(calendar.subdivision, day.year):
        return ()
    pieces: list[tuple[dt.datetime, dt.datetime]] = []
    for start, end in calendar.hours[day.weekday()]:
        wall_start = dt.datetime.combine(day, start)
        wall_end = dt.datetime.combine(day + dt.timedelta(days=1) if end == T(0) else day, end)
        segments = [(wall_start, wall_end)]
        for closure in calendar.closures:
            kept = []
            for s, e in segments:
                if closure.end <= s or closure.start >= e:
                    kept.append((s, e))
                    continue
                if closure.start > s:
                    kept.append((s, closure.start))
                if closure.end < e:
                    kept.append((closure.end, e))
            segments = kept
        pieces.extend((utc(s.replace(tzinfo=LONDON)), utc(e.replace(tzinfo=LONDON))) for s, e in segments)
    return tuple(pieces)


def is_working_instant(calendar: WorkingCalendar, instant: dt.datetime) -> bool:
    """By the wall clock: inside the day's hours, not a holiday, not closed."""
    instant = utc(instant)
    return any(s <= instant < e for s, e in day_pieces(calendar, instant.astimezone(LONDON).date()))


def reference_add_hours(calendar: WorkingCalendar, start: dt.datetime, span: dt.timedelta) -> dt.datetime:
    day = start.astimezone(LONDON).date() - dt.timedelta(days=1)
    start = utc(start)
    left = span
    while True:
        for s, e in day_pieces(calendar, day):
            if e <= start:
                continue
            s = max(s, start)
            if left == dt.timedelta(0):
                return s.astimezone(LONDON)
            if s + left <= e:
                return (s + left).astimezone(LONDON)
            left -= e - s
        day += dt.timedelta(days=1)


def reference_add_days(calendar: WorkingCalendar, start: dt.datetime, days: int) -> dt.datetime:
    day = start.astimezone(LONDON).date() - dt.timedelta(days=1)
    start = utc(start)
    # The day of receipt: the first date with a working piece still to end after the start.
    while not any(e > start for _, e in day_pieces(calendar, day)):
        day += dt.timedelta(days=1)
    while days:
        day += dt.timedelta(days=1)
        if day_pieces(calendar, day):
            days -= 1
    return day_pieces(calendar, day)[-1][1].astimezone(LONDON)
