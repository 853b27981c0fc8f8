"""Standards rows: the council calendar, team calendars, Christmas closures, the customer care
standards and targets, from the demo's seed (standards/demo.py), written through the services.

A few dozen rows: the services are fast enough, and they validate and record each one as an
administrator's edit would. The council calendar normally comes from a data migration; the
rebuild empties it with the rest (truncating the directory cascades to calendars), so it is
made again here as that migration makes it."""

from __future__ import annotations

import datetime as dt

from standards import selectors, services
from standards.demo import standards_seed
from standards.models import Calendar, CalendarTeam, Closure, ResponseStandard, StandardsChange, Target, WorkingHours

# Filled here (and compared by the reproducibility digest), in load order.
TABLES = [Calendar, WorkingHours, CalendarTeam, Closure, ResponseStandard, Target]
# Emptied before a rebuild but not filled here: the change history is stamped with the real time.
EMPTIED = [StandardsChange]


def generate(ctx) -> None:
    try:
        selectors.council_calendar()
    except selectors.NoCouncilCalendar:
        services.calendar_create(by=None, name="Council calendar", slug="council", subdivision="ENG", is_council=True)
    standards_seed(today=ctx.today)
    # The services stamp updated_at with the real time; the same seed and day must give the same rows.
    stamp = dt.datetime.combine(ctx.today, dt.time(9, 0), tzinfo=dt.UTC)
    for model in (Calendar, ResponseStandard, Target):
        model.objects.update(updated_at=stamp)
    for model in TABLES:
        ctx.counts[model._meta.label] = model.objects.count()
