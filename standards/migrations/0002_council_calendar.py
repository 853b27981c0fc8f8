"""The council calendar, so that every database has one: selectors.council_calendar() relies on it
and every team without a calendar of its own works to it. Its hours are the council's standard
week (frozen here: worktime.COUNCIL_HOURS may change later), with England's bank holidays."""

import datetime

from django.db import migrations

_MON_THU = ((datetime.time(8, 45), datetime.time(17, 15)),)
_FRI = ((datetime.time(8, 45), datetime.time(16, 45)),)
HOURS = (_MON_THU, _MON_THU, _MON_THU, _MON_THU, _FRI, (), ())


def council_calendar_create(apps, schema_editor):
    Calendar = apps.get_model("standards", "Calendar")
    WorkingHours = apps.get_model("standards", "WorkingHours")
    if Calendar.objects.filter(is_council=True).exists():
        return
    calendar = Calendar.objects.create(name="Council calendar", slug="council", subdivision="ENG", is_council=True)
    WorkingHours.objects.bulk_create(
        WorkingHours(calendar=calendar, weekday=weekday, opens=opens, closes=closes)
        for weekday, periods in enumerate(HOURS)
        for opens, closes in periods
    )


class Migration(migrations.Migration):
    dependencies = [("standards", "0001_calendars_standards_targets")]

    operations = [migrations.RunPython(council_calendar_create, migrations.RunPython.noop)]
