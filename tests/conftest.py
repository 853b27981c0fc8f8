"""Shared fixtures: a user per named role, and headless Chromium with an axe-core audit."""

import os

# Playwright's sync API runs an event loop in the test thread; Django's ORM then refuses to run
# unless told this thread is safe (it is: nothing else touches these connections).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal import roles

PASSWORD = "correct-horse-battery-staple"

ROLE_FIXTURES = {
    "adviser": roles.ADVISER,
    "officer": roles.OFFICER,
    "team_manager": roles.TEAM_MANAGER,
    "service_manager": roles.SERVICE_MANAGER,
    "councillor": roles.COUNCILLOR,
    "administrator": roles.ADMINISTRATOR,
}


@pytest.fixture
def make_user(db):
    """make_user("adviser") → a user in that role; make_user(None) → a user in no role."""
    counter = iter(range(10_000))

    def make(role_fixture: str | None, **fields):
        username = fields.pop("username", f"{role_fixture or 'norole'}-{next(counter)}")
        user = get_user_model().objects.create_user(
            username=username, password=PASSWORD, email=f"{username}@wyebridge.example", **fields
        )
        if role_fixture:
            user.groups.add(Group.objects.get(name=ROLE_FIXTURES[role_fixture]))
        return user

    return make


@pytest.fixture
def adviser(make_user):
    return make_user("adviser")


@pytest.fixture
def officer(make_user):
    return make_user("officer")


@pytest.fixture
def team_manager(make_user):
    return make_user("team_manager")


@pytest.fixture
def service_manager(make_user):
    return make_user("service_manager")


@pytest.fixture
def councillor(make_user):
    return make_user("councillor")


@pytest.fixture
def administrator(make_user):
    return make_user("administrator")


@pytest.fixture
def no_role_user(make_user):
    """Signed in, but in no staff role: the "wrong role" for every staff page."""
    return make_user(None)


# --- Browser -------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args():
    return {
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def axe():
    """axe(page) runs axe-core on the page and fails the test on any violation."""
    from axe_playwright_python.sync_playwright import Axe

    runner = Axe()

    def audit(page):
        results = runner.run(page)
        assert results.violations_count == 0, results.generate_report()

    return audit
