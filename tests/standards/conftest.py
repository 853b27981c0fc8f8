"""The standards' fixtures: the council calendar (made by migration 0002), the demo standards,
and the two service areas and teams the demo's team calendars are for."""

from datetime import date

import pytest

# The demo as of this day: targets from 1 April 2026, Christmas closures of 2026 and 2027.
SEED_DAY = date(2026, 6, 1)


@pytest.fixture
def council(db):
    """The council calendar, as every migrated database has it (Mon-Thu 08:45-17:15, Fri to 16:45)."""
    from standards.selectors import council_calendar

    return council_calendar()


@pytest.fixture
def standards_seeded(world, council):
    """The demo standards, closures and targets (standards.demo), seeded as of SEED_DAY on top of
    the world (whose own standards entries come first: its target takes first-point resolution)."""
    from standards.demo import standards_seed

    standards_seed(today=SEED_DAY)
    council.refresh_from_db()
    return council


@pytest.fixture
def demo_teams(db) -> dict:
    """The service areas and teams the demo's team calendars name, made through the directory services."""
    from directory.models import ServiceArea, Team
    from directory.services import entry_create

    def make(model, **fields):
        return entry_create(model=model, by=None, fields=fields)

    services = make(ServiceArea, name="Customer services", slug="customer-services", summary="The front door.")
    bereavement = make(ServiceArea, name="Bereavement services", slug="bereavement-services", summary="Burials.")
    return {
        "customer-services": services,
        "bereavement-services": bereavement,
        "customer-contact-centre": make(
            Team, service_area=services, name="Customer contact centre", slug="customer-contact-centre"
        ),
        "cemeteries-and-crematorium": make(
            Team, service_area=bereavement, name="Cemeteries and crematorium", slug="cemeteries-and-crematorium"
        ),
    }
