"""Fixtures for the cases tests: routing rules for the world's two teams, a customer and a case
maker, all made through cases.services."""

import pytest

from cases import services
from cases.models import CustomerType
from standards.models import CaseType, Channel


@pytest.fixture
def rules(world):
    """Bulky waste to team A; anything in area B to team B (high priority when the customer is
    vulnerable); nothing else matches, so the rest goes to triage."""
    make = services.routing_rule_create
    return {
        "bulky": make(by=None, fields={"name": "Bulky waste", "topic": world.directory["bulky"], "team": world.team_a}),
        "vulnerable_housing": make(by=None, fields={
            "name": "Vulnerable housing", "service_area": world.area_b, "needs": "vulnerable",
            "team": world.team_b, "priority": "high",
        }),
        "housing": make(by=None, fields={"name": "Housing", "service_area": world.area_b, "team": world.team_b}),
    }  # fmt: skip


@pytest.fixture
def customer(world):
    return services.customer_create(
        by=world.adviser,
        fields={"name": "Rita Resident", "email": "rita@example.org", "phone": "01632 960555",
                "postcode": "wy1 4ab", "address": "1 High Street", "customer_type": CustomerType.INDIVIDUAL},
    )  # fmt: skip


@pytest.fixture
def case_make(world, rules, customer):
    """case_make(**fields) raises a case through case_create; defaults: a bulky waste request by
    email for `customer`, so it routes to team A."""

    def make(by=None, **fields):
        values = {"case_type": CaseType.SERVICE_REQUEST, "channel": Channel.EMAIL, "customer": customer,
                  "topic": world.directory["bulky"], "summary": "Collect a sofa",
                  "description": "An old sofa by the front door."}  # fmt: skip
        values.update(fields)
        return services.case_create(by=by or world.adviser, fields=values)

    return make
