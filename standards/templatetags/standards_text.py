"""The public standards page in words: {% load standards_text %}, then
{{ public.hours|weekly_hours }} → ["Monday to Thursday: 8:45am to 5:15pm", "Friday: ...",
"Saturday and Sunday: closed"] and {{ public|closed_sentences }} → ["Closed from midday on
Thursday 24 December to 8:45am on Monday 4 January (Christmas closure)", ...].

Presentation only, from what `selectors.public_standards` has already read: no queries."""

import datetime as dt

from django import template
from django.utils import timezone

from core.dates import govuk_date, govuk_datetime, govuk_time

from .. import worktime

register = template.Library()


def _periods_text(periods) -> str:
    if not periods:
        return "closed"
    return " and ".join(f"{govuk_time(opens)} to {govuk_time(closes)}" for opens, closes in periods)


def _days_text(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} and {names[1]}"
    return f"{names[0]} to {names[-1]}"


@register.filter
def weekly_hours(hours: list[tuple[str, list]]) -> list[str]:
    """Consecutive weekdays with the same hours share a line, Monday first."""
    runs: list[tuple[list[str], list]] = []
    for name, periods in hours:
        if runs and runs[-1][1] == periods:
            runs[-1][0].append(name)
        else:
            runs.append(([name], periods))
    return [f"{_days_text(names)}: {_periods_text(periods)}" for names, periods in runs]


# One prepared calendar per calendar id, keyed by what it was built from: preparing one costs a
# few milliseconds, and the public page is read far more often than the calendar changes.
_REOPENS: dict[int, tuple[tuple, worktime.WorkingCalendar]] = {}


def _reopens(public) -> worktime.WorkingCalendar:
    """The council calendar as far as the page knows it (its hours, bank holidays and the
    closures ahead), to say when the offices open again after a closure."""
    hours = tuple(tuple(periods) for _, periods in public.hours)
    closures = tuple(worktime.Closure(c.starts_at, c.ends_at) for c in public.closed_days if not c.is_bank_holiday)
    key = (hours, public.calendar.subdivision, closures)
    cached = _REOPENS.get(public.calendar.pk)
    if cached is not None and cached[0] == key:
        return cached[1]
    built = worktime.WorkingCalendar(hours=hours, subdivision=public.calendar.subdivision, closures=closures)
    _REOPENS[public.calendar.pk] = (key, built)
    return built


@register.filter
def closed_sentences(public) -> list[str]:
    """Each bank holiday and closure ahead as a sentence. A closure says when the offices open
    again, which is what a resident wants to know (after a weekend or a bank holiday, maybe)."""
    today = timezone.localdate()
    working = None
    # Without any working hours the offices never open again: say only the last day closed.
    opens_at_all = any(periods for _, periods in public.hours)
    sentences = []
    for day in public.closed_days:
        if day.is_bank_holiday:
            sentences.append(f"Closed on {govuk_date(day.first, today=today)} ({day.name})")
            continue
        start = timezone.localtime(day.starts_at)
        if start.time() == dt.time():
            start_text = govuk_date(start, today=today)
        else:
            start_text = govuk_datetime(start, relative=False)
        reopens = None
        if opens_at_all:
            working = working or _reopens(public)
            reopens = worktime.add_working_hours(working, day.ends_at, 0)
        end_text = govuk_date(day.last, today=today) if reopens is None else govuk_datetime(reopens, relative=False)
        sentences.append(f"Closed from {start_text} to {end_text} ({day.name})")
    return sentences


@register.filter
def closure_span(closure) -> str:
    """A closure's time in words for staff: "Thursday 24 December to Friday 1 January" for whole
    days, "1pm on Friday 5 June to the end of the day" or "... to 2pm on Friday 5 June" for part."""
    starts, ends = timezone.localtime(closure.starts_at), timezone.localtime(closure.ends_at)
    last = (ends - dt.timedelta(microseconds=1)).date()
    if starts.time() == dt.time() and ends.time() == dt.time():
        first = govuk_date(starts)
        return first if last == starts.date() else f"{first} to {govuk_date(last)}"
    start_text = govuk_date(starts) if starts.time() == dt.time() else govuk_datetime(starts, relative=False)
    if ends.time() != dt.time():
        return f"{start_text} to {govuk_datetime(ends, relative=False)}"
    if last == starts.date():
        return f"{start_text} to the end of the day"
    return f"{start_text} to the end of {govuk_date(last)}"
