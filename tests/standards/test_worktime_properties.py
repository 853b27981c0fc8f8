"""Properties of the due-time arithmetic over random starts across 2025-2026, spans up to 40
working days or 200 working hours, and up to 3 pauses, on three calendars (England with
closures, Scotland with a lunch break, Northern Ireland with round-the-clock weekends, so the
Sundays of the clock changes are working days). Checked against a slow day-by-day reference
(tests/standards/calendars.py). Derandomized, so CI runs the same examples every time."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from standards.worktime import (
    WorkingCalendar,
    add_working_days,
    add_working_hours,
    working_time_between,
)
from tests.standards.calendars import (
    CALENDARS,
    LONDON,
    is_working_instant,
    reference_add_days,
    reference_add_hours,
    utc,
)

EXAMPLES = settings(max_examples=200, derandomize=True, deadline=None)
FIRST = dt.datetime(2025, 1, 1, tzinfo=LONDON).timestamp()
LAST = dt.datetime(2027, 1, 1, tzinfo=LONDON).timestamp()
US = dt.timedelta(microseconds=1)

calendars = st.sampled_from(sorted(CALENDARS)).map(CALENDARS.__getitem__)
# Whole minutes mostly, microseconds sometimes, and often exactly an opening or a close, where
# "is this instant working time?" has to be decided the right way round.
anywhere = st.builds(
    lambda seconds, micro: dt.datetime.fromtimestamp(seconds, tz=LONDON) + dt.timedelta(microseconds=micro),
    st.integers(int(FIRST) // 60, int(LAST) // 60).map(lambda minutes: minutes * 60),
    st.one_of(st.just(0), st.integers(0, 59_999_999)),
)
BOUNDARIES = sorted(
    {
        dt.time(0),
        dt.time(8),
        dt.time(8, 45),
        dt.time(9),
        dt.time(12, 30),
        dt.time(13),
        dt.time(13, 30),
        dt.time(16, 45),
        dt.time(17),
        dt.time(17, 15),
        dt.time(18),
    }
)
on_boundaries = st.builds(
    lambda day, time: dt.datetime.combine(day, time, tzinfo=LONDON),
    st.dates(dt.date(2025, 1, 1), dt.date(2026, 12, 31)),
    st.sampled_from(BOUNDARIES),
)
starts = st.one_of(anywhere, on_boundaries)
spans = st.one_of(
    st.integers(0, 200 * 60).map(lambda minutes: dt.timedelta(minutes=minutes)),
    st.integers(0, 200 * 3_600_000_000).map(lambda micro: dt.timedelta(microseconds=micro)),
)
day_counts = st.integers(0, 40)


@st.composite
def pauses_for(draw: st.DrawFn, start: dt.datetime) -> list[tuple[dt.datetime, dt.datetime]]:
    pauses = []
    for _ in range(draw(st.integers(0, 3))):
        begins = start + dt.timedelta(minutes=draw(st.integers(-2 * 24 * 60, 40 * 24 * 60)))
        pauses.append((begins, begins + dt.timedelta(minutes=draw(st.integers(0, 5 * 24 * 60)))))
    return pauses


@st.composite
def cases(draw: st.DrawFn) -> tuple[WorkingCalendar, dt.datetime, list[tuple[dt.datetime, dt.datetime]]]:
    start = draw(starts)
    return draw(calendars), start, draw(pauses_for(start))


@EXAMPLES
@given(cases(), spans)
def test_hours_due_is_never_in_non_working_time(case, span):
    calendar, start, pauses = case
    due = add_working_hours(calendar, start, span, pauses=pauses)
    if span:
        # Working just before it: a working instant, or exactly the close of a working period.
        assert is_working_instant(calendar, due - US)
    else:
        assert is_working_instant(calendar, due)


@EXAMPLES
@given(cases(), day_counts)
def test_days_due_is_a_close_of_business(case, days):
    calendar, start, pauses = case
    due = add_working_days(calendar, start, days, pauses=pauses)
    assert is_working_instant(calendar, due - US)
    if not pauses:
        assert not is_working_instant(calendar, due) or calendar is CALENDARS["weekend_24"]


@EXAMPLES
@given(calendars, starts, spans)
def test_hours_match_the_reference(calendar, start, span):
    assert utc(add_working_hours(calendar, start, span)) == utc(reference_add_hours(calendar, start, span))


@EXAMPLES
@given(calendars, starts, day_counts)
def test_days_match_the_reference(calendar, start, days):
    assert utc(add_working_days(calendar, start, days)) == utc(reference_add_days(calendar, start, days))


@EXAMPLES
@given(calendars, starts, spans, spans)
def test_adding_a_then_b_is_adding_a_plus_b(calendar, start, a, b):
    then = add_working_hours(calendar, add_working_hours(calendar, start, a), b)
    assert utc(then) == utc(add_working_hours(calendar, start, a + b))


@EXAMPLES
@given(cases(), spans)
def test_working_time_to_the_due_time_is_the_span(case, span):
    calendar, start, pauses = case
    due = add_working_hours(calendar, start, span, pauses=pauses)
    assert working_time_between(calendar, start, due, pauses=pauses) == span


@EXAMPLES
@given(cases(), day_counts)
def test_pauses_add_exactly_their_working_time_to_a_days_due_time(case, days):
    calendar, start, pauses = case
    due = add_working_days(calendar, start, days, pauses=pauses)
    unpaused = add_working_days(calendar, start, days)
    assert working_time_between(calendar, start, due, pauses=pauses) == working_time_between(calendar, start, unpaused)


@EXAMPLES
@given(cases(), spans, day_counts)
def test_pauses_only_ever_move_a_due_time_later(case, span, days):
    calendar, start, pauses = case
    assert utc(add_working_hours(calendar, start, span, pauses=pauses)) >= utc(add_working_hours(calendar, start, span))
    assert utc(add_working_days(calendar, start, days, pauses=pauses)) >= utc(add_working_days(calendar, start, days))


@EXAMPLES
@given(calendars, starts, starts, starts)
def test_working_time_between_adds_up(calendar, a, b, c):
    a, b, c = sorted((a, b, c), key=utc)
    ab, bc = working_time_between(calendar, a, b), working_time_between(calendar, b, c)
    assert ab + bc == working_time_between(calendar, a, c)
    assert working_time_between(calendar, c, a) == -(ab + bc)
    assert ab >= dt.timedelta(0)
