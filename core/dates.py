"""Dates and times worded as GOV.UK writes them: "9am", "5:30pm", "midday", "midnight",
"Monday 7 December", "9am on Monday 7 December", "1:30pm today".

Everything is shown in the local time zone (settings.TIME_ZONE, Europe/London), so a time stored
in UTC reads as the clock on the wall, on either side of a clock change."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone


def govuk_time(value: datetime | time) -> str:
    """'9am', '1:30pm', 'midday', 'midnight': the 12-hour clock, no leading zero, no ':00'."""
    if isinstance(value, datetime):
        value = timezone.localtime(value).time() if timezone.is_aware(value) else value.time()
    if value.hour == 0 and value.minute == 0:
        return "midnight"
    if value.hour == 12 and value.minute == 0:
        return "midday"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def govuk_date(value: datetime | date, *, today: date | None = None, weekday: bool = True) -> str:
    """'Monday 7 December', with the year only when it is not this year ('Monday 4 January 2027')."""
    day = _local_date(value)
    today = today or timezone.localdate()
    text = f"{day:%A} {day.day} {day:%B}" if weekday else f"{day.day} {day:%B}"
    return text if day.year == today.year else f"{text} {day.year}"


def govuk_day(value: datetime | date, *, now: datetime | None = None, relative: bool = True) -> str:
    """'today', 'tomorrow' or 'Monday 7 December' (relative=False: always the date)."""
    day = _local_date(value)
    today = timezone.localdate(now) if now else timezone.localdate()
    if relative and day == today:
        return "today"
    if relative and day == today + timedelta(days=1):
        return "tomorrow"
    return govuk_date(day, today=today)


def govuk_datetime(value: datetime, *, now: datetime | None = None, relative: bool = True) -> str:
    """'9am on Monday 7 December', '1:30pm today', '9am tomorrow'.

    Midnight is the first minute of its day (GOV.UK style), so 00:00 on 8 December is
    'midnight on Tuesday 8 December'."""
    day = govuk_day(value, now=now, relative=relative)
    joiner = " " if day in ("today", "tomorrow") else " on "
    return f"{govuk_time(value)}{joiner}{day}"


def _local_date(value: datetime | date) -> date:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value
