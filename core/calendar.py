"""Which days the council is closed, for apps below the one that knows.

The working calendar (hours, bank holidays, closures) lives in `standards`, above `directory` in
the import order, yet the phone guide must say when an officer's return date falls on a closed
day. So `standards` registers its checker here when it starts (StandardsConfig.ready) and
`directory` asks `is_closed(day)`. With nothing registered (an app set without standards, or a
test of core alone) weekends are closed and every other day open.

A checker must be cheap: the phone guide asks once for each absence it shows, so it should answer
from memory (the standards one keeps the council calendar for a short while per process)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

ClosedDayChecker = Callable[[date], bool]

_checkers: list[ClosedDayChecker] = []

# How far ahead next_open_day looks: no council is closed for longer than this (Christmas plus a
# fortnight's closure is well inside it).
_LOOKAHEAD_DAYS = 60


def register(checker: ClosedDayChecker) -> ClosedDayChecker:
    """Add a checker (once: registering the same function again does nothing). Returns it, so it
    can be used as a decorator."""
    if checker not in _checkers:
        _checkers.append(checker)
    return checker


def weekend(day: date) -> bool:
    return day.weekday() >= 5


def is_closed(day: date) -> bool:
    """Whether the council is closed all of `day`: any registered checker says so, or, with none
    registered, it is a Saturday or Sunday."""
    if not _checkers:
        return weekend(day)
    return any(checker(day) for checker in _checkers)


def next_open_day(day: date, *, closed: ClosedDayChecker | None = None) -> date:
    """The first day on or after `day` that the council is open (by `closed`, is_closed unless
    given); `day` itself when none is open in the next _LOOKAHEAD_DAYS."""
    closed = closed or is_closed
    for offset in range(_LOOKAHEAD_DAYS):
        candidate = day + timedelta(days=offset)
        if not closed(candidate):
            return candidate
    return day
