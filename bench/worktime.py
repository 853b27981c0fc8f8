"""`python -m bench.worktime`: CPU time of the due-time arithmetic in standards/worktime.py.

Prepares one council calendar (England and Wales bank holidays, a Christmas shutdown and a
training afternoon each year), then times 100,000 computations of each kind with random start
instants across two years, up to 3 pauses each: working days up to 40, working hours up to 200,
and the working time between a start and a later instant. Inputs are made before the clock
starts; the figure is process CPU time (time.process_time). No thresholds: it prints, it never
fails. Pure Python, no database or Django settings needed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from collections.abc import Callable
from zoneinfo import ZoneInfo

from standards.worktime import (
    Closure,
    WorkingCalendar,
    add_working_days,
    add_working_hours,
    working_time_between,
)

LONDON = ZoneInfo("Europe/London")
FIRST_YEAR = 2025
YEARS = 2


def calendar_make() -> WorkingCalendar:
    closures: list[Closure] = []
    for year in range(FIRST_YEAR - 1, FIRST_YEAR + YEARS + 1):
        closures.append(Closure.days(dt.date(year, 12, 24), dt.date(year + 1, 1, 1), reason="Christmas shutdown"))
        closures.append(
            Closure(dt.datetime(year, 10, 15, 13), dt.datetime(year, 10, 15, 17, 15), reason="Training afternoon")
        )
    return WorkingCalendar(closures=tuple(closures))


def inputs_make(rng: random.Random, count: int) -> list[tuple[dt.datetime, int, float, dt.datetime, list]]:
    origin = dt.datetime(FIRST_YEAR, 1, 1, tzinfo=LONDON).timestamp()
    seconds = YEARS * 365 * 86_400
    rows = []
    for _ in range(count):
        start = dt.datetime.fromtimestamp(origin + rng.randrange(seconds), tz=LONDON)
        pauses = []
        for _ in range(rng.randint(0, 3)):
            pause_start = start + dt.timedelta(seconds=rng.randrange(-86_400, 40 * 86_400))
            pauses.append((pause_start, pause_start + dt.timedelta(seconds=rng.randrange(1, 5 * 86_400))))
        end = start + dt.timedelta(seconds=rng.randrange(60 * 86_400))
        rows.append((start, rng.randint(0, 40), rng.uniform(0, 200), end, pauses))
    return rows


def timed(label: str, count: int, run: Callable[[], None]) -> float:
    began = time.process_time()
    run()
    spent = time.process_time() - began
    print(f"{label:<26} {count:>8,} in {spent:6.3f} s CPU  {count / spent:>10,.0f} a second")
    return spent


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.worktime", description=__doc__)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20261201)
    args = parser.parse_args(argv)
    calendar = calendar_make()
    began = time.process_time()
    # Covers every start and every due time up to 40 working days or 200 hours after it.
    calendar.prepare(FIRST_YEAR - 1, FIRST_YEAR + YEARS)
    print(f"prepare {FIRST_YEAR - 1}-{FIRST_YEAR + YEARS}: {time.process_time() - began:.3f} s CPU")
    rows = inputs_make(random.Random(args.seed), args.count)

    def days() -> None:
        for start, n, _, _, pauses in rows:
            add_working_days(calendar, start, n, pauses=pauses)

    def hours() -> None:
        for start, _, h, _, pauses in rows:
            add_working_hours(calendar, start, h, pauses=pauses)

    def between() -> None:
        for start, _, _, end, pauses in rows:
            working_time_between(calendar, start, end, pauses=pauses)

    total = 0.0
    total += timed("add_working_days", args.count, days)
    total += timed("add_working_hours", args.count, hours)
    total += timed("working_time_between", args.count, between)
    print(f"{'all':<26} {3 * args.count:>8,} in {total:6.3f} s CPU  {3 * args.count / total:>10,.0f} a second")


if __name__ == "__main__":
    main()
