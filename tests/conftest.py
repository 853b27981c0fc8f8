"""Fixtures for every app's tests: one user factory, the shared world of named users across two
service areas and two teams, and headless Chromium with an axe-core audit.

Each app's own fixtures live in its package's conftest.py (tests/directory/conftest.py, ...);
pytest finds them, so no test module imports a fixture by name."""

import os
from dataclasses import dataclass, field

# Playwright's sync API runs an event loop in the test thread; Django's ORM then refuses to run
# unless told this thread is safe (it is: nothing else touches these connections).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest

from portal import roles
from tests.factories import PASSWORD, user_make


def _database_use(item) -> int:
    # As pytest-django orders tests: the database tests (0), the transactional ones (1), the rest.
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", [])
    if "transactional_db" in fixtures or "live_server" in fixtures or (marker and marker.kwargs.get("transaction")):
        return 1
    return 0 if marker or "db" in fixtures else 2


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Every database test before every transactional one, as pytest-django orders them: a
    transactional test ends by emptying every table, the rows data migrations made too (the
    council calendar), which the database tests rely on. pytest regroups the tests parametrized by
    a session fixture (the browser's) after pytest-django has sorted, which put browser tests among
    the database tests; this sorts again, keeping the order within each kind."""
    items.sort(key=_database_use)


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hasher():
    """Real hashing costs ~0.2 s a user; tests make hundreds. Sign-in still checks passwords."""
    from django.conf import settings
    from django.contrib.auth.hashers import get_hashers

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    get_hashers.cache_clear()


@pytest.fixture(autouse=True, scope="session")
def _cache_per_worker(worker_id):
    """Parallel workers share one Redis: each gets its own key prefix, as each has its own database."""
    from django.conf import settings

    for alias in settings.CACHES.values():
        alias["KEY_PREFIX"] = f"{alias.get('KEY_PREFIX', '')}-{worker_id}"


@pytest.fixture(autouse=True)
def _contact_details_cached(_cache_per_worker):
    """Every test starts with the council's contact details blank and cached, as a fresh install
    after its first page: pages then cost the same queries whichever test ran before, and a test
    that sets the details (through the service, its on-commit callbacks run) clears the cache."""
    from django.core.cache import cache

    from directory.models import ContactDetails
    from directory.selectors import CONTACT_DETAILS_CACHE_KEY, CONTACT_FIELDS

    blank = ContactDetails(pk=1)
    cache.set(CONTACT_DETAILS_CACHE_KEY, {name: getattr(blank, name) for name in CONTACT_FIELDS}, timeout=None)


@pytest.fixture(autouse=True)
def _rate_limit_windows_held(monkeypatch):
    """django-ratelimit counts in fixed windows (a minute, an hour), each ending at a moment of its
    own: a test whose requests straddled one's end would see its count start again, and fail about
    one run in a hundred. Within a test, the clock django-ratelimit reads stays where it began."""
    import time
    from types import SimpleNamespace

    from django_ratelimit import core

    began = time.time()
    monkeypatch.setattr(core, "time", SimpleNamespace(time=lambda: began))


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def make_user(db):
    """make_user("adviser") → a user in that role; make_user(None) → a user in no role;
    make_user(roles.OFFICER, team=team) → with a directory profile in that team."""
    return user_make


@dataclass
class World:
    """The named users and the directory they work in. Area A (waste) has team A (bins); area B
    (housing) has team B (options); ICT is a non-public area. `directory` holds every entry by name."""

    directory: dict
    adviser: object = None
    officer_a: object = None
    officer_b: object = None
    team_manager: object = None  # manages team A
    service_manager: object = None  # of area B, the other area
    councillor: object = None
    administrator: object = None
    no_role: object = None
    users: dict = field(default_factory=dict)
    # The standards' calendars, closure, standard and target by name (_standards_make).
    standards: dict = field(default_factory=dict)

    @property
    def area_a(self):
        return self.directory["waste"]

    @property
    def area_b(self):
        return self.directory["housing"]

    @property
    def team_a(self):
        return self.directory["bins"]

    @property
    def team_b(self):
        return self.directory["options"]


def _directory_make() -> dict:
    """Three service areas (one not public) with a team each, a partner and topics, made through
    the directory services so the search index and change history are as in real use."""
    from directory.models import Partner, ServiceArea, Team, Topic
    from directory.services import entry_create, entry_update, search_index_rebuild

    def make(model, **fields):
        return entry_create(model=model, by=None, fields=fields)

    waste = make(ServiceArea, name="Waste and recycling", slug="waste", summary="Bins and recycling.",
                 handles="Bin collections", public_phone="01632 960010",
                 opening_hours="Monday to Friday, 8am to 5pm")  # fmt: skip
    housing = make(ServiceArea, name="Housing", slug="housing", summary="Housing help.", public_phone="01632 960040")
    hidden = make(ServiceArea, name="ICT", slug="ict", summary="Staff IT.", is_public=False)
    bins = make(Team, service_area=waste, name="Waste collections", slug="waste-collections",
                internal_phone="01632 960200", public_phone="01632 960011",
                out_of_hours="Log it for the next working day.")  # fmt: skip
    options = make(Team, service_area=housing, name="Housing options", slug="housing-options",
                   internal_phone="01632 960600")  # fmt: skip
    desk = make(Team, service_area=hidden, name="ICT service desk", slug="ict-desk")
    county = make(Partner, name="Wyeshire County Council", slug="county", handles="Roads and potholes",
                  phone="01632 960900")  # fmt: skip
    bulky = make(Topic, name="Bulky waste collection", slug="bulky-waste", service_area=waste, team=bins,
                 synonyms=["bulky items", "large items"], keywords=["sofa", "fridge"],
                 adviser_script="Book online; £35.", online_url="https://www.example.gov.uk/bulky", is_public=True,
                 description="We collect large household items such as sofas and fridges.",
                 cost="£35 for up to 3 items")  # fmt: skip
    potholes = make(Topic, name="Potholes", slug="potholes", service_area=waste, partner=county,
                    synonyms=["pot hole"], is_public=True,
                    referral="Report potholes to the County Council online or by phone.")  # fmt: skip
    homeless = make(Topic, name="Homelessness", slug="homelessness", service_area=housing, team=options,
                    synonyms=["homeless tonight"], is_public=True)  # fmt: skip
    secret = make(
        Topic, name="Password reset for staff", slug="password-reset", service_area=hidden, team=desk, is_public=True
    )
    private = make(Topic, name="Crew damage claims", slug="crew-damage", service_area=waste, team=bins,
                   is_public=False)  # fmt: skip
    olive = user_make(roles.OFFICER, team=bins, username="olive", first_name="Olive", last_name="Shareable")
    entry_update(entry=olive.officer, by=None, fields={"number_shareable": True, "direct_line": "01632 960201"})
    hugo = user_make(roles.OFFICER, team=bins, username="hugo", first_name="Hugo", last_name="Private")
    entry_update(entry=hugo.officer, by=None, fields={"direct_line": "01632 960202"})
    search_index_rebuild()
    return {
        "waste": waste, "housing": housing, "hidden": hidden, "bins": bins, "options": options, "desk": desk,
        "county": county, "bulky": bulky, "potholes": potholes, "homeless": homeless, "secret": secret,
        "private": private, "olive": olive.officer, "hugo": hugo.officer,
    }  # fmt: skip


@pytest.fixture
def world(db) -> World:
    """The shared world: the directory above and one named user per role. Team-based roles have a
    directory profile: the officers in team A and team B, the team manager in team A and the
    service manager in area B; the adviser, councillor and administrator have none."""
    directory = _directory_make()
    team_a, team_b = directory["bins"], directory["options"]
    users = {
        "adviser": user_make(roles.ADVISER, username="adviser", first_name="Amira", last_name="Khan"),
        "officer_a": user_make(roles.OFFICER, team=team_a, username="officer.a", first_name="Owen"),
        "officer_b": user_make(roles.OFFICER, team=team_b, username="officer.b", first_name="Bea"),
        "team_manager": user_make(roles.TEAM_MANAGER, team=team_a, username="team.manager", first_name="Tessa"),
        "service_manager": user_make(
            roles.SERVICE_MANAGER, team=team_b, username="service.manager", first_name="Sanjay"
        ),
        "councillor": user_make(roles.COUNCILLOR, username="councillor", first_name="Carol"),
        "administrator": user_make(roles.ADMINISTRATOR, username="administrator", first_name="Alex"),
        "no_role": user_make(None, username="no.role"),
    }
    return World(directory=directory, users=users, **users, standards=_standards_make(directory))


def council_calendar_ensure():
    """The council calendar, which a data migration makes. A transactional test (live_server)
    empties every table after it, that calendar too: then made again as the migration makes it."""
    from standards import selectors, services

    try:
        return selectors.council_calendar()
    except selectors.NoCouncilCalendar:
        return services.calendar_create(by=None, name="Council calendar", slug="council", subdivision="ENG",
                                        is_council=True)  # fmt: skip


def channel_costs_ensure() -> None:
    """The costs of a contact on each channel, which a data migration makes: made again, by that
    migration's own function, after a transactional test emptied the table."""
    from importlib import import_module

    from django.apps import apps

    import_module("standards.migrations.0006_channel_cost_sector_estimates").create(apps, None)


@pytest.fixture
def council_calendar(db):
    return council_calendar_ensure()


def _standards_make(directory: dict) -> dict:
    """The council calendar (made by a data migration), a calendar for each of area A and B, a
    closure and a standard not yet in force in area B, and a target, made through the standards
    services; dates are ahead of today so the standard and closure can still be deleted."""
    import datetime as dt

    from django.utils import timezone

    from standards import services
    from standards.models import Channel

    council = council_calendar_ensure()
    channel_costs_ensure()
    ahead = timezone.localdate() + dt.timedelta(days=60)
    calendar_a = services.calendar_create(by=None, name="Waste calendar", slug="waste", subdivision="ENG",
                                          service_area=directory["waste"])  # fmt: skip
    calendar_b = services.calendar_create(by=None, name="Housing calendar", slug="housing", subdivision="ENG",
                                          service_area=directory["housing"])  # fmt: skip
    midnight = timezone.make_aware(dt.datetime.combine(ahead, dt.time()))
    closure_b = services.closure_create(calendar=calendar_b, by=None, starts_at=midnight,
                                        ends_at=midnight + dt.timedelta(days=1), reason="Staff training")  # fmt: skip
    standard_b = services.standard_create(by=None, fields={
        "channel": Channel.EMAIL, "service_area": directory["housing"], "acknowledge_within": 1,
        "respond_within": 5, "effective_from": ahead,
        "public_wording": "We will reply to your housing email within 5 working days",
    })  # fmt: skip
    target = services.target_create(by=None, fields={"metric": "fpr", "percent": 45, "effective_from": ahead})
    return {"council": council, "calendar_a": calendar_a, "calendar_b": calendar_b,
            "closure_b": closure_b, "standard_b": standard_b, "target": target}  # fmt: skip


# The role fixtures are the world's users, so every test of a role sees the same people.
@pytest.fixture
def adviser(world):
    return world.adviser


@pytest.fixture
def officer(world):
    return world.officer_a


@pytest.fixture
def team_manager(world):
    return world.team_manager


@pytest.fixture
def service_manager(world):
    return world.service_manager


@pytest.fixture
def councillor(world):
    return world.councillor


@pytest.fixture
def administrator(world):
    return world.administrator


@pytest.fixture
def no_role_user(world):
    """Signed in, but in no staff role: the "wrong role" for every staff page."""
    return world.no_role


@pytest.fixture
def role_user(world):
    """role_user("team_manager") → that world user; role_user(None) → the user in no role."""
    keys = {None: "no_role", "officer": "officer_a"}
    return lambda key: world.users[keys.get(key, key)]


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


@pytest.fixture
def sign_in(password):
    """sign_in(page, live_server, user): sign in through the real sign-in page."""

    def sign_in_(page, live_server, user) -> None:
        page.goto(f"{live_server.url}/staff/sign-in/")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.get_by_role("heading", name="Staff home").wait_for()  # signed in before the next page.goto

    return sign_in_
