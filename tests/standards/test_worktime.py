"""Due-time arithmetic (standards/worktime.py): the edge cases, one table row each, and validation.

Dates: in 2025 the late-May bank holiday is Monday 26 May, the clocks go forward on Sunday
30 March and back on Sunday 26 October; St Andrew's Day (Sunday 30 November) is observed in
Scotland on Monday 1 December; 2 January 2026 (a Friday) is a bank holiday only in Scotland."""

import datetime as dt
from typing import Any

import pytest

from standards.worktime import (
    Closure,
    WorkingCalendar,
    add_working_days,
    add_working_hours,
    is_working_day,
    local_instant,
    working_periods,
    working_time_between,
)
from tests.standards.calendars import COUNCIL, SCOTLAND, WEEKEND_24, T, at, utc

ENGLAND = WorkingCalendar()
WITH_CLOSURE_DAY = WorkingCalendar(closures=(Closure.days(dt.date(2025, 10, 15), reason="Training day"),))
H = dt.timedelta(hours=1)

# Pause: Friday 6 June 2025 15:00 to Monday 9 June 10:00, awaiting the customer over the weekend.
WEEKEND_PAUSE = ((at(2025, 6, 6, 15), at(2025, 6, 9, 10)),)

HOURS_CASES = [
    # (id, calendar, start, hours, pauses, due)
    ("within a day", ENGLAND, at(2025, 6, 2, 10), 2, (), at(2025, 6, 2, 12)),
    ("ends exactly at close", ENGLAND, at(2025, 6, 2, 8, 45), 8.5, (), at(2025, 6, 2, 17, 15)),
    ("rolls to the next morning", ENGLAND, at(2025, 6, 2, 17), 1, (), at(2025, 6, 3, 9, 30)),
    ("Friday 23:30 before the late-May bank holiday", ENGLAND, at(2025, 5, 23, 23, 30), 1, (), at(2025, 5, 27, 9, 45)),
    (
        "0 hours outside working time is the next opening",
        ENGLAND,
        at(2025, 5, 23, 23, 30),
        0,
        (),
        at(2025, 5, 27, 8, 45),
    ),
    ("0 hours inside working time is the start", ENGLAND, at(2025, 6, 2, 10), 0, (), at(2025, 6, 2, 10)),
    ("at 17:15 on the dot counts from the next opening", ENGLAND, at(2025, 6, 2, 17, 15), 1, (), at(2025, 6, 3, 9, 45)),
    ("Christmas Eve afternoon, in the closure", COUNCIL, at(2025, 12, 24, 14), 1, (), at(2026, 1, 2, 9, 45)),
    ("Christmas Eve morning, into the closure", COUNCIL, at(2025, 12, 24, 10), 4, (), at(2026, 1, 2, 9, 45)),
    ("01:30 on the Sunday the clocks go forward", ENGLAND, at(2025, 3, 30, 1, 30), 1, (), at(2025, 3, 31, 9, 45)),
    ("across the October change, wall clock", ENGLAND, at(2025, 10, 24, 10), 16, (), at(2025, 10, 28, 9, 30)),
    ("a whole closure day inside the span", WITH_CLOSURE_DAY, at(2025, 10, 13, 10), 20, (), at(2025, 10, 16, 13)),
    ("submitted during a part-day closure", COUNCIL, at(2025, 10, 15, 14), 1, (), at(2025, 10, 16, 9, 45)),
    ("part-closed day: only the open hours count", COUNCIL, at(2025, 10, 15, 10), 4, (), at(2025, 10, 16, 9, 45)),
    ("due before a weekend pause starts", ENGLAND, at(2025, 6, 5, 10), 10, WEEKEND_PAUSE, at(2025, 6, 6, 11, 30)),
    ("a pause spanning a weekend", ENGLAND, at(2025, 6, 5, 10), 14, WEEKEND_PAUSE, at(2025, 6, 9, 10, 30)),
    ("due when a pause starts is not moved", ENGLAND, at(2025, 6, 5, 10), 13.5, WEEKEND_PAUSE, at(2025, 6, 6, 15)),
    ("a timedelta span", ENGLAND, at(2025, 6, 2, 10), dt.timedelta(minutes=90), (), at(2025, 6, 2, 11, 30)),
    ("round the clock over the spring change", WEEKEND_24, at(2025, 3, 30, 0, 30), 1, (), at(2025, 3, 30, 2, 30)),
    (
        "round the clock over the autumn change",
        WEEKEND_24,
        at(2025, 10, 26, 0, 30),
        2,
        (),
        at(2025, 10, 26, 1, 30, fold=1),
    ),
]


@pytest.mark.parametrize(
    ("calendar", "start", "hours", "pauses", "due"), [c[1:] for c in HOURS_CASES], ids=[c[0] for c in HOURS_CASES]
)
def test_add_working_hours(calendar, start, hours, pauses, due):
    got = add_working_hours(calendar, start, hours, pauses=pauses)
    assert utc(got) == utc(due)
    assert got.tzinfo is calendar.zone
    assert got.utcoffset() == due.utcoffset()  # the right side of a clock change, not just the instant


DAYS_CASES = [
    # (id, calendar, start, days, pauses, due)
    ("received Monday 10:00, 1 day: Tuesday close", ENGLAND, at(2025, 6, 2, 10), 1, (), at(2025, 6, 3, 17, 15)),
    ("received Monday 20:00, 1 day: Wednesday close", ENGLAND, at(2025, 6, 2, 20), 1, (), at(2025, 6, 4, 17, 15)),
    (
        "received Monday 17:15 on the dot: as after close",
        ENGLAND,
        at(2025, 6, 2, 17, 15),
        1,
        (),
        at(2025, 6, 4, 17, 15),
    ),
    ("received Monday 07:00, before opening: Monday counts", ENGLAND, at(2025, 6, 2, 7), 1, (), at(2025, 6, 3, 17, 15)),
    ("0 days: close on the day of receipt", ENGLAND, at(2025, 6, 2, 10), 0, (), at(2025, 6, 2, 17, 15)),
    ("Friday close is earlier", ENGLAND, at(2025, 6, 5, 10), 1, (), at(2025, 6, 6, 16, 45)),
    ("Friday 23:30 before the late-May bank holiday", ENGLAND, at(2025, 5, 23, 23, 30), 1, (), at(2025, 5, 28, 17, 15)),
    ("Christmas Eve afternoon, in the closure", COUNCIL, at(2025, 12, 24, 14), 1, (), at(2026, 1, 5, 17, 15)),
    (
        "Christmas Eve morning: a part-closed day of receipt",
        COUNCIL,
        at(2025, 12, 24, 10),
        1,
        (),
        at(2026, 1, 2, 16, 45),
    ),
    ("Christmas Eve morning, 0 days: closes at 13:00", COUNCIL, at(2025, 12, 24, 10), 0, (), at(2025, 12, 24, 13)),
    ("01:30 on the Sunday the clocks go forward", ENGLAND, at(2025, 3, 30, 1, 30), 1, (), at(2025, 4, 1, 17, 15)),
    ("across the October change", ENGLAND, at(2025, 10, 24, 10), 1, (), at(2025, 10, 27, 17, 15)),
    ("a closure day inside the span", WITH_CLOSURE_DAY, at(2025, 10, 13, 10), 3, (), at(2025, 10, 17, 16, 45)),
    ("submitted during a part-day closure", COUNCIL, at(2025, 10, 15, 14), 1, (), at(2025, 10, 17, 16, 45)),
    ("part-closed day is a working day", COUNCIL, at(2025, 10, 14, 10), 1, (), at(2025, 10, 15, 13)),
    (
        "a pause spanning a weekend moves it by 3 hours",
        ENGLAND,
        at(2025, 6, 5, 10),
        2,
        WEEKEND_PAUSE,
        at(2025, 6, 10, 11, 45),
    ),
    ("England: 2 January is a working day", ENGLAND, at(2025, 12, 31, 10), 1, (), at(2026, 1, 2, 16, 45)),
    ("Scotland: 2 January is a bank holiday", SCOTLAND, at(2025, 12, 31, 10), 1, (), at(2026, 1, 5, 17)),
    ("England: no St Andrew's Day", ENGLAND, at(2025, 11, 28, 10), 1, (), at(2025, 12, 1, 17, 15)),
    ("Scotland: St Andrew's Day observed on Monday", SCOTLAND, at(2025, 11, 28, 10), 1, (), at(2025, 12, 2, 17)),
    ("Scotland: no Easter Monday", SCOTLAND, at(2025, 4, 17, 10), 1, (), at(2025, 4, 21, 17)),
    ("England: Easter Monday", ENGLAND, at(2025, 4, 17, 10), 1, (), at(2025, 4, 22, 17, 15)),
]


@pytest.mark.parametrize(
    ("calendar", "start", "days", "pauses", "due"), [c[1:] for c in DAYS_CASES], ids=[c[0] for c in DAYS_CASES]
)
def test_add_working_days(calendar, start, days, pauses, due):
    got = add_working_days(calendar, start, days, pauses=pauses)
    assert utc(got) == utc(due)
    assert got.utcoffset() == due.utcoffset()


BETWEEN_CASES = [
    ("one working day", ENGLAND, at(2025, 6, 2, 8, 45), at(2025, 6, 3, 8, 45), (), 8.5),
    ("a weekend across the October change", ENGLAND, at(2025, 10, 24, 8, 45), at(2025, 10, 27, 8, 45), (), 8),
    ("a weekend across the March change", ENGLAND, at(2025, 3, 28, 8, 45), at(2025, 3, 31, 8, 45), (), 8),
    ("backwards is negative", ENGLAND, at(2025, 6, 3, 8, 45), at(2025, 6, 2, 8, 45), (), -8.5),
    ("over a bank holiday", ENGLAND, at(2025, 5, 23, 16, 45), at(2025, 5, 27, 9, 45), (), 1),
    ("a pause spanning a weekend", ENGLAND, at(2025, 6, 6, 8, 45), at(2025, 6, 9, 17, 15), WEEKEND_PAUSE, 13.5),
    (
        "overlapping pauses count once",
        ENGLAND,
        at(2025, 6, 2, 8, 45),
        at(2025, 6, 2, 17, 15),
        ((at(2025, 6, 2, 9), at(2025, 6, 2, 11)), (at(2025, 6, 2, 10), at(2025, 6, 2, 12))),
        5.5,
    ),
    (
        "a pause before the start is ignored",
        ENGLAND,
        at(2025, 6, 2, 12),
        at(2025, 6, 2, 13),
        ((at(2025, 6, 2, 9), at(2025, 6, 2, 12, 30)),),
        0.5,
    ),
    ("round the clock, spring Sunday has 23 hours", WEEKEND_24, at(2025, 3, 30), at(2025, 3, 31), (), 23),
    ("round the clock, autumn Sunday has 25 hours", WEEKEND_24, at(2025, 10, 26), at(2025, 10, 27), (), 25),
    ("the two 01:30s of October", WEEKEND_24, at(2025, 10, 26, 1, 30), at(2025, 10, 26, 1, 30, fold=1), (), 1),
]


@pytest.mark.parametrize(
    ("calendar", "start", "end", "pauses", "hours"), [c[1:] for c in BETWEEN_CASES], ids=[c[0] for c in BETWEEN_CASES]
)
def test_working_time_between(calendar, start, end, pauses, hours):
    assert working_time_between(calendar, start, end, pauses=pauses) == hours * H


@pytest.mark.parametrize(
    ("calendar", "day", "working"),
    [
        (ENGLAND, dt.date(2025, 5, 26), False),  # late-May bank holiday
        (ENGLAND, dt.date(2025, 5, 24), False),  # Saturday
        (COUNCIL, dt.date(2025, 12, 24), True),  # closed only from 13:00
        (COUNCIL, dt.date(2025, 12, 29), False),  # inside the Christmas shutdown
        (COUNCIL, dt.date(2025, 10, 15), True),  # training afternoon
        (WITH_CLOSURE_DAY, dt.date(2025, 10, 15), False),
        (SCOTLAND, dt.date(2025, 12, 1), False),  # St Andrew's Day observed
        (ENGLAND, dt.date(2025, 12, 1), True),
        (SCOTLAND, dt.date(2026, 1, 2), False),
        (ENGLAND, dt.date(2026, 1, 2), True),
        (WEEKEND_24, dt.date(2025, 3, 30), True),
    ],
)
def test_is_working_day(calendar, day, working):
    assert is_working_day(calendar, day) is working


def test_weekend_dated_holiday_closes_a_calendar_with_weekend_hours():
    saturdays = WorkingCalendar(hours=((), (), (), (), (), ((T(9), T(12)),), ()))
    # Boxing Day 2026 is a Saturday; the package also lists Monday 28th as observed.
    assert not is_working_day(saturdays, dt.date(2026, 12, 26))
    assert is_working_day(saturdays, dt.date(2026, 12, 19))


def test_part_day_closure_splits_the_working_periods():
    periods = working_periods(COUNCIL, dt.date(2025, 10, 15), dt.date(2025, 10, 15))
    assert [(utc(s), utc(e)) for s, e in periods] == [(utc(at(2025, 10, 15, 8, 45)), utc(at(2025, 10, 15, 13)))]


def test_touching_periods_join():
    calendar = WorkingCalendar(hours=(((T(9), T(12)), (T(12), T(17))),) * 5 + ((), ()))
    assert len(working_periods(calendar, dt.date(2025, 6, 2), dt.date(2025, 6, 2))) == 1
    assert add_working_hours(calendar, at(2025, 6, 2, 11), 2) == at(2025, 6, 2, 13)


def test_night_period_boundaries_at_the_clock_changes():
    """A boundary in the spring gap is the moment the clocks jump; an ambiguous start is the first
    occurrence and an ambiguous end the second."""
    night = WorkingCalendar(hours=((), (), (), (), (), (), ((T(1, 30), T(3)),)))
    spring = working_periods(night, dt.date(2025, 3, 30), dt.date(2025, 3, 30))
    assert [(utc(s), utc(e)) for s, e in spring] == [(utc(at(2025, 3, 30, 2)), utc(at(2025, 3, 30, 3)))]
    autumn = working_periods(night, dt.date(2025, 10, 26), dt.date(2025, 10, 26))
    assert [(utc(s), utc(e)) for s, e in autumn] == [(utc(at(2025, 10, 26, 1, 30)), utc(at(2025, 10, 26, 3)))]
    assert working_time_between(night, autumn[0][0], autumn[0][1]) == 2.5 * H


def test_local_instant_resolves_gaps_and_ambiguities():
    gap = local_instant(ENGLAND, dt.datetime(2025, 3, 30, 1, 30))
    assert utc(gap) == dt.datetime(2025, 3, 30, 1, tzinfo=dt.UTC)  # 02:00 BST, when the clocks jump
    ambiguous = local_instant(ENGLAND, dt.datetime(2025, 10, 26, 1, 30))
    assert utc(ambiguous) == dt.datetime(2025, 10, 26, 0, 30, tzinfo=dt.UTC)  # the first 01:30, BST
    ordinary = local_instant(ENGLAND, dt.datetime(2025, 6, 2, 10))
    assert ordinary == at(2025, 6, 2, 10)


def test_calendar_extends_itself_beyond_the_prepared_years():
    calendar = WorkingCalendar()
    calendar.prepare(2025, 2025)
    late = add_working_days(calendar, at(2025, 6, 2, 10), 3000)
    assert utc(late) == utc(add_working_days(WorkingCalendar(), at(2025, 6, 2, 10), 3000))
    assert working_time_between(calendar, at(2025, 6, 2, 10), late) > 3000 * 7 * H
    earlier, later = WorkingCalendar(), WorkingCalendar()  # fresh, so neither builds the decades between
    earlier.prepare(2025, 2025)
    later.prepare(2025, 2025)
    assert add_working_hours(earlier, at(2015, 1, 2, 10), 1) == at(2015, 1, 2, 11)
    assert add_working_days(later, at(2040, 6, 5, 10), 1) == at(2040, 6, 6, 17, 15)


def test_calendar_is_a_hashable_value():
    assert WorkingCalendar() == WorkingCalendar()
    assert hash(WorkingCalendar(subdivision="WLS")) == hash(WorkingCalendar(subdivision="WLS"))
    assert WorkingCalendar(subdivision="SCT") != WorkingCalendar()


# --- validation: one distinct message for each mistake -------------------------------------------

NO_HOURS: tuple = ((),) * 7
INVALID: list[tuple[str, dict[str, Any], str]] = [
    ("unknown nation", {"subdivision": "XYZ"}, "Unknown UK nation"),
    ("country, not nation", {"subdivision": "GB"}, "Unknown UK nation"),
    ("unknown zone", {"time_zone": "Europe/Atlantis"}, "Unknown time zone"),
    ("six days", {"hours": ((),) * 6}, "each of the 7 days"),
    ("ends before it starts", {"hours": (((T(17), T(9)),),) + ((),) * 6}, "must end after they start"),
    ("ends as it starts", {"hours": ((),) + (((T(9), T(9)),),) + ((),) * 5}, "must end after they start"),
    ("overlapping hours", {"hours": (((T(9), T(13)), (T(12), T(17))),) + ((),) * 6}, "Working hours on Monday overlap"),
    ("no hours", {"hours": NO_HOURS}, "at least one day"),
    ("aware hours", {"hours": (((T(9, tzinfo=dt.UTC), T(17)),),) + ((),) * 6}, "local times, without"),
    (
        "overlapping closures",
        {
            "closures": (
                Closure.days(dt.date(2025, 12, 24), dt.date(2025, 12, 31)),
                Closure(dt.datetime(2025, 12, 31, 9), dt.datetime(2026, 1, 2)),
            )
        },
        "Closures overlap",
    ),
]


@pytest.mark.parametrize(("fields", "message"), [c[1:] for c in INVALID], ids=[c[0] for c in INVALID])
def test_invalid_calendar_fails_when_built(fields, message):
    with pytest.raises(ValueError, match=message):
        WorkingCalendar(**fields)


def test_validation_messages_are_distinct():
    """Each kind of mistake has a message no other kind's message could be mistaken for."""
    messages = {}
    for _, fields, fragment in INVALID:  # each row names its kind of mistake
        with pytest.raises(ValueError) as error:
            WorkingCalendar(**fields)
        messages[str(error.value)] = fragment
    with pytest.raises(ValueError) as error:
        Closure(dt.datetime(2025, 12, 24, 13), dt.datetime(2025, 12, 24, 12), reason="Backwards")
    messages[str(error.value)] = "A closure must end after it starts"
    kinds = set(messages.values())
    assert len(kinds) == 9
    for message, kind in messages.items():
        assert kind in message
        assert [other for other in kinds if other != kind and other in message] == []


def test_closure_messages():
    with pytest.raises(ValueError, match=r"A closure must end after it starts: Party \(24 December 2025 13:00"):
        Closure(dt.datetime(2025, 12, 24, 13), dt.datetime(2025, 12, 24, 13), reason="Party")
    with pytest.raises(ValueError, match="both as local times or both with a time zone"):
        Closure(dt.datetime(2025, 12, 24, 13), at(2025, 12, 24, 14))


def test_aware_closures_are_read_on_the_local_clock():
    aware = WorkingCalendar(closures=(Closure(at(2025, 10, 15, 13), at(2025, 10, 15, 17, 15)),))
    assert add_working_hours(aware, at(2025, 10, 15, 12), 2) == add_working_hours(COUNCIL, at(2025, 10, 15, 12), 2)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: add_working_hours(ENGLAND, dt.datetime(2025, 6, 2, 10), 1), "timezone-aware"),
        (lambda: add_working_days(ENGLAND, dt.datetime(2025, 6, 2, 10), 1), "timezone-aware"),
        (lambda: working_time_between(ENGLAND, at(2025, 6, 2), dt.datetime(2025, 6, 3)), "timezone-aware"),
        (lambda: add_working_hours(ENGLAND, at(2025, 6, 2), -1), "cannot be negative"),
        (lambda: add_working_hours(ENGLAND, at(2025, 6, 2), float("nan")), "finite"),
        (lambda: add_working_days(ENGLAND, at(2025, 6, 2), -1), "cannot be negative"),
        (
            lambda: add_working_hours(ENGLAND, at(2025, 6, 2), 1, pauses=[(at(2025, 6, 3), at(2025, 6, 2))]),
            "pause must end after",
        ),
        (
            lambda: add_working_hours(ENGLAND, at(2025, 6, 2), 1, pauses=[(dt.datetime(2025, 6, 2), at(2025, 6, 3))]),
            "pause's start and end as timezone-aware",
        ),
        (lambda: local_instant(ENGLAND, at(2025, 6, 2)), "without a time zone"),
    ],
)
def test_invalid_arguments(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_whole_days_only():
    with pytest.raises(TypeError):
        add_working_days(ENGLAND, at(2025, 6, 2), 1.5)  # type: ignore[arg-type]


def test_results_are_in_the_calendar_zone():
    paris = WorkingCalendar(time_zone="Europe/Paris")
    due = add_working_hours(paris, dt.datetime(2025, 6, 2, 8, tzinfo=dt.UTC), 1)
    assert str(due.tzinfo) == "Europe/Paris"
    assert due == dt.datetime(2025, 6, 2, 11, tzinfo=paris.zone)  # 08:00 UTC is 10:00 in Paris


def test_calendar_pickles_and_copies():
    import copy
    import pickle

    calendar = WorkingCalendar(subdivision="SCT", closures=(Closure.days(dt.date(2025, 10, 15)),))
    add_working_days(calendar, at(2025, 6, 2, 10), 1)  # prepared, so the cache holds arrays and a lock
    for clone in (pickle.loads(pickle.dumps(calendar)), copy.deepcopy(calendar)):  # noqa: S301 - our own bytes
        assert clone == calendar
        assert add_working_days(clone, at(2025, 10, 14, 10), 1) == at(2025, 10, 16, 17, 15)


def test_unknown_nation_is_named_in_the_message():
    with pytest.raises(ValueError, match=r"Unknown UK nation 'XYZ': use one of ENG \(England\), WLS \(Wales\)"):
        WorkingCalendar(subdivision="XYZ")
