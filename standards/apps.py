import threading
import time
from datetime import date

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save

# How long a process keeps the council calendar for the phone guide's "closed on that day?" checks
# before reading it again: the guide asks once per absence shown, so it must not query each time.
# A change made in this process clears it at once (the signals below); other processes see it
# within this many seconds.
CLOSED_DAYS_TTL_SECONDS = 60

_closed_days: dict[str, object] = {}
_closed_days_lock = threading.Lock()


def council_closed(day: date) -> bool:
    """core.calendar's checker: whether the council calendar has no working time on `day`
    (weekends, bank holidays of its nation, closures). Before migrations have made the council
    calendar, weekends only."""
    from core.calendar import weekend

    from . import selectors, worktime

    cached = _closed_days.get("working")
    if cached is None or _closed_days.get("expires", 0.0) < time.monotonic():  # type: ignore[operator]
        try:
            cached = selectors.working_calendar(selectors.council_calendar())
        except selectors.NoCouncilCalendar:
            return weekend(day)
        with _closed_days_lock:
            _closed_days.update(working=cached, expires=time.monotonic() + CLOSED_DAYS_TTL_SECONDS)
    return not worktime.is_working_day(cached, day)  # type: ignore[arg-type]


def closed_days_forget(**kwargs) -> None:
    """Drop the kept council calendar: the next check reads it again. Every write to a calendar,
    its hours or closures saves the calendar (its updated_at), so post_save of Calendar covers them."""
    with _closed_days_lock:
        _closed_days.clear()


class StandardsConfig(AppConfig):
    name = "standards"

    def ready(self) -> None:
        from core import calendar

        from .models import Calendar, Closure

        calendar.register(council_closed)
        post_save.connect(closed_days_forget, sender=Calendar, dispatch_uid="standards_closed_days_calendar")
        post_delete.connect(closed_days_forget, sender=Closure, dispatch_uid="standards_closed_days_closure")
