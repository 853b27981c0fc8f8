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


@pytest.fixture
def response_standards(world):
    """Standards in force today (the world's only standard starts in 60 days), made through
    standards.services: a general one, one for email in working hours, one for high priority,
    and the two complaint stages of the Complaint Handling Code."""
    import datetime as dt

    from django.utils import timezone

    from standards.services import standard_create

    since = timezone.localdate() - dt.timedelta(days=365)

    def make(**fields):
        return standard_create(by=None, fields={"effective_from": since, "public_wording": "We will reply", **fields})

    return {
        "general": make(acknowledge_within=2, respond_within=10),
        "email": make(channel=Channel.EMAIL, acknowledge_within=4, acknowledge_unit="hours", respond_within=5),
        "high": make(priority="high", acknowledge_within=1, respond_within=2),
        "stage_1": make(case_type=CaseType.COMPLAINT_STAGE_1, acknowledge_within=5, respond_within=10,
                        respond_from="acknowledgement", extension_max_days=10),
        "stage_2": make(case_type=CaseType.COMPLAINT_STAGE_2, acknowledge_within=5, respond_within=20,
                        respond_from="acknowledgement", extension_max_days=10),
    }  # fmt: skip


@pytest.fixture
def case_in(world, case_make):
    """case_in(status, **fields) -> a case brought to `status` through the services (team A's
    bulky waste request; "new" is a case no rule matches, waiting in the triage queue)."""
    from cases.models import Status

    def make(status, **fields):
        if status == Status.NEW:
            fields.setdefault("topic", None)
        case = case_make(**fields)
        steps = {
            Status.IN_PROGRESS: ["start"],
            Status.AWAITING_CUSTOMER: ["start", "pause"],
            Status.RESOLVED: ["start", "resolve"],
            Status.CLOSED: ["start", "resolve", "close"],
        }
        for step in steps.get(status, []):
            if step in ("start", "pause"):
                case = services.case_status_set(case=case, by=world.officer_a, action=step, reason="Photos")
            elif step == "resolve":
                case = services.case_resolve(case=case, by=world.officer_a, resolution="Collected")
            else:
                case = services.case_close(case=case, by=world.officer_a)
        assert case.status == status
        return case

    return make


@pytest.fixture
def policy(world):
    """The council's chasing rules for the chaser's tests: warn 2 working hours ahead, a working
    day (8 hours) between ladder steps, holding updates 5 working days on, reminders after 3,
    high-priority cases back to the team after 4 working hours of absence."""
    from standards.models import ChasePolicy, Priority

    values = {"warn_lead_hours": 2, "ladder": ["owner", "team_manager", "service_manager"],
              "escalate_every_hours": 8, "update_after_days": 5, "remind_after_days": 3,
              "away_handback_hours": 4, "handback_priority": Priority.HIGH}  # fmt: skip
    ChasePolicy.objects.update_or_create(service_area=None, defaults=values)
    return ChasePolicy.objects.get(service_area=None)


@pytest.fixture
def owned(world, response_standards, case_make, policy):
    """A bulky waste request by email received at 10:00 on Tuesday 8 December 2026 (the "email"
    standard: acknowledge within 4 working hours, reply within 5 working days), owned by officer A."""
    import time_machine

    from .chasing import RECEIVED

    with time_machine.travel(RECEIVED, tick=False):
        case = case_make()
        return services.case_assign(case=case, owner=world.officer_a, by=world.team_manager)
