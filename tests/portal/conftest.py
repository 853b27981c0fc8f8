"""The dashboard's shared fixtures: contacts and cases of February 2027 (dashboard_world), and
the cases app's fixtures they need."""

import pytest
import time_machine

from cases import services
from standards.models import CaseType, Channel

from ..cases.conftest import case_make, customer, policy, response_standards, rules  # noqa: F401 - fixtures
from .dashboard_world import at, log


@pytest.fixture
def february(world):
    """Contacts of February 2027 (and one of January, one of March): team A's officer logs four
    (three resolved), the adviser (no team) three (one resolved, one signposted, one passed on)."""
    county = world.directory["county"]
    contacts = [
        log(world.officer_a, at(2, 1, 9)),
        log(world.officer_a, at(2, 2, 14), channel="email"),
        log(world.officer_a, at(2, 26, 16)),
        log(world.officer_a, at(2, 27), outcome="signposted", partner=county),
        log(world.adviser, at(2, 3), topic=world.directory["homeless"]),
        log(world.adviser, at(2, 4), outcome="signposted", partner=county, topic=world.directory["potholes"]),
        log(world.adviser, at(2, 5), outcome="passed_on", passed_to=world.directory["olive"]),
        log(world.officer_a, at(1, 15)),
        log(world.officer_a, at(3, 1), outcome="signposted", partner=county),
    ]
    return contacts


@pytest.fixture
def raise_case(world, rules, customer, response_standards):  # noqa: F811 - the fixtures imported above
    def make(when, **fields):
        values = {"case_type": CaseType.SERVICE_REQUEST, "channel": Channel.EMAIL, "customer": customer,
                  "topic": world.directory["bulky"], "summary": "Collect a sofa", "description": "A sofa."}  # fmt: skip
        with time_machine.travel(when, tick=False):
            return services.case_create(by=world.adviser, fields={**values, **fields}, received_at=when)

    return make


@pytest.fixture
def february_cases(world, raise_case):
    """A: acknowledged within the hour and answered the next day, transferred twice on the way.
    B: never acknowledged (overdue by now). C: received an hour ago (nothing due yet)."""
    a = raise_case(at(2, 1, 9))
    with time_machine.travel(at(2, 1, 10), tick=False):
        a = services.case_claim(case=a, by=world.officer_a)
        services.case_update_publish(case=a, by=world.officer_a, text="We are on it")
        a = services.case_transfer(case=a, team=world.team_b, by=world.officer_a, reason="Housing's")
        a = services.case_transfer(case=a, team=world.team_a, by=world.officer_b, reason="Back to bins")
    with time_machine.travel(at(2, 2, 10), tick=False):
        a = services.case_claim(case=a, by=world.officer_a)
        a = services.case_resolve(case=a, by=world.officer_a, resolution="Collected")
    b = raise_case(at(2, 1, 9))
    c = raise_case(at(2, 22, 11))
    return a, b, c
