"""Every API operation, fuzzed by schemathesis against the schema the app itself serves.

The schema is loaded from /api/schema/ at collection, so an API added later joins the run without
any change here. Each operation runs as an anonymous visitor and as signed-in staff (the phone
guide, so the staff-only fields are in play) against the shared world, with every default check
(no server errors, responses match the schema, bad input refused, undocumented statuses...)."""

from contextlib import contextmanager

import pytest
import schemathesis
from django.conf import settings
from django.core import signals
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from portal.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)

# Every slug of the world (tests/conftest.py), public and not. Fuzzed slugs are almost never real,
# so each operation on one entry by its slug also tries all of these: staff get 200s for all of
# their kind, visitors for the public ones, and both 404s for the rest.
WORLD_SLUGS = [
    "waste", "housing", "ict",
    "waste-collections", "housing-options", "ict-desk",
    "bulky-waste", "potholes", "homelessness", "password-reset", "crew-damage",
]  # fmt: skip


@schema.hook
def before_add_examples(context, examples):
    if any(parameter.name == "slug" for parameter in context.operation.path_parameters):
        examples.extend(context.operation.Case(path_parameters={"slug": slug}) for slug in WORLD_SLUGS)


# Bounded and reproducible: the same examples on every run, on every machine.
FUZZ = hypothesis_settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    database=None,
    # The world is made once per operation and visitor, not per example: the API is read-only.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@contextmanager
def _in_test_transaction():
    """Django's request signals close connections that are not in autocommit, which the test's
    transaction is not; Django's own test client unhooks them in the same way."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield
    finally:
        for signal in (signals.request_started, signals.request_finished):
            signal.connect(close_old_connections)


def test_the_world_has_those_slugs(world):
    assert set(WORLD_SLUGS) <= {getattr(entry, "slug", None) for entry in world.directory.values()}


@pytest.fixture
def staff_session(world) -> dict:
    """The session cookie of a signed-in adviser, who has the phone guide, so staff fields."""
    client = Client()
    client.force_login(world.adviser)
    return {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}


@schema.parametrize()
@FUZZ
def test_api_conforms_for_visitors(case, world):
    with _in_test_transaction():
        case.call_and_validate()


@schema.parametrize()
@FUZZ
def test_api_conforms_for_staff(case, staff_session):
    with _in_test_transaction():
        case.call_and_validate(cookies=staff_session)
