"""Travelled time for the chaser's tests: the council calendar's week of 7 December 2026."""

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine

from cases import services

LONDON = ZoneInfo("Europe/London")


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=LONDON)


RECEIVED = at(8, 10)


def run(when: dt.datetime):
    """One chase run at `when`."""
    with time_machine.travel(when, tick=False):
        return services.chase_run()
