"""The directory's fixtures: the world's directory under its old name, and the full demo directory."""

import pytest
from django.contrib.auth import get_user_model

from directory.demo import DEMO_OFFICER_PREFIX, directory_seed
from directory.models import (
    Absence,
    ContactDetails,
    DirectoryChange,
    Officer,
    Partner,
    SearchEntry,
    ServiceArea,
    Team,
    Topic,
)


@pytest.fixture
def small_directory(world) -> dict:
    """The world's directory entries by name (see tests/conftest.py). The council calendar that
    absences are worded by (core.calendar, answered by standards from memory) is read first, so
    pinned query counts do not depend on whether an earlier test in this process read it."""
    from django.utils import timezone

    from core.calendar import is_closed

    is_closed(timezone.localdate())
    return world.directory


def _directory_clear() -> None:
    # The demo sets the council's contact details too (tests expect a fresh install's: none).
    for model in (SearchEntry, Absence, Topic, Officer, Team, ServiceArea, Partner, DirectoryChange, ContactDetails):
        model.objects.all().delete()
    get_user_model().objects.filter(username__startswith=DEMO_OFFICER_PREFIX).delete()


@pytest.fixture(scope="module")
def demo_directory(django_db_setup, django_db_blocker):
    """The full demo directory (300 topics), seeded once per module and removed afterwards; each
    test still runs in its own rolled-back transaction on top of it."""
    with django_db_blocker.unblock():
        directory_seed()
    yield
    with django_db_blocker.unblock():
        _directory_clear()
