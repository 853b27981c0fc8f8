"""The demo standards (standards.demo, run by seed_demo): what they hold, and that running them
again changes nothing."""

from datetime import date, time
from decimal import Decimal

from standards import selectors
from standards.demo import standards_seed
from standards.models import Calendar, CalendarTeam, Closure, ResponseStandard, StandardsChange, Target

SEED_DAY = date(2026, 6, 1)


def _state() -> dict:
    return {
        model.__name__: model.objects.count()
        for model in (Calendar, CalendarTeam, Closure, ResponseStandard, Target, StandardsChange)
    }


def test_demo_standards(council, demo_teams):
    standards_seed(today=SEED_DAY)
    centre = Calendar.objects.get(slug="customer-contact-centre")
    assert centre.service_area == demo_teams["customer-services"]
    assert selectors.calendar_for_team(demo_teams["customer-contact-centre"]) == centre
    assert selectors.calendar_for_team(demo_teams["cemeteries-and-crematorium"]).slug == "bereavement-services"
    assert selectors.working_calendar(centre).hours[5] == ((time(9), time(13)),)
    # This year's and next year's Christmas closures on each of the three calendars.
    assert Closure.objects.count() == 6
    assert ResponseStandard.objects.count() == 7
    fpr = Target.objects.filter(metric=Target.Metric.FIRST_POINT_RESOLUTION).order_by("effective_from")
    assert [(t.percent, t.effective_from, t.effective_until) for t in fpr] == [
        (Decimal(45), date(2026, 4, 1), date(2027, 4, 1)),
        (Decimal(50), date(2027, 4, 1), None),
    ]
    assert Target.objects.count() == 6
    # Seeded through the services, so recorded (by nobody: the demo).
    assert StandardsChange.objects.filter(changed_by=None).count() == StandardsChange.objects.count() > 20


def test_demo_standards_twice_changes_nothing(council, demo_teams):
    standards_seed(today=SEED_DAY)
    before = _state()
    standards_seed(today=SEED_DAY)
    assert _state() == before
    # A run in a later year adds only that year's new Christmas closures.
    standards_seed(today=date(2027, 6, 1))
    after = _state()
    assert after["Closure"] == before["Closure"] + 3
    assert {name: count for name, count in after.items() if name not in ("Closure", "StandardsChange")} == {
        name: count for name, count in before.items() if name not in ("Closure", "StandardsChange")
    }


def test_demo_standards_without_the_demo_directory(world):
    # The world has neither team the demo calendars are for: only the council's part is seeded.
    standards_seed(today=SEED_DAY)
    assert not Calendar.objects.filter(slug__in=["customer-contact-centre", "bereavement-services"]).exists()
    assert ResponseStandard.objects.filter(service_area=None).count() == 7
