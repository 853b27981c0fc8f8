"""The demo cases (cases.demo, run by seed_demo): every status and type with believable
timelines, on the world's small directory and on the demo directory, and a second run changes
nothing. Fewer customers and cases than seed_demo makes, to keep the tests quick."""

import pytest
from django.db.models import F
from django.utils import timezone

from cases import selectors
from cases.demo import RULES, cases_seed
from cases.models import (
    ESCALATE_KINDS,
    OPEN_STATUSES,
    Case,
    CaseEvent,
    ChaseStep,
    ComplaintStage,
    Customer,
    EventKind,
    RoutingRule,
    Status,
)
from directory.demo import directory_seed
from directory.models import Team
from standards.demo import standards_seed
from standards.models import CaseType

SIZE = {"customers": 60, "cases": 100, "history_months": 4, "history_per_month": 12}


def _state() -> dict:
    return {model.__name__: model.objects.count() for model in (Case, CaseEvent, Customer, RoutingRule)}


def _values(field: str) -> set[str]:
    return set(Case.objects.values_list(field, flat=True).distinct())


@pytest.fixture
def seeded(world):
    standards_seed(today=timezone.localdate())
    return cases_seed(
        adviser=world.adviser,
        manager=world.service_manager,
        councillor=world.councillor,
        officer=world.officer_a,
        **SIZE,
    )


def test_demo_on_the_world(world, seeded):
    assert seeded.cases == Case.objects.count() >= SIZE["cases"]
    assert _values("status") == set(Status.values)
    assert _values("case_type") == set(CaseType.values)
    # Only the rules whose teams, areas and topics the world has.
    assert 0 < seeded.rules == RoutingRule.objects.count() < len(RULES)
    # Every timeline starts with the case's creation and routing, at the time it was received.
    created = Case.objects.filter(events__kind=EventKind.CREATED, events__at=F("received_at"))
    assert created.count() == Case.objects.filter(events__kind=EventKind.ROUTED).count() == Case.objects.count()
    # The demo officer has cases of their own in their team's queue, which has unclaimed ones too.
    queue = Case.objects.filter(team=world.team_a, status__in=OPEN_STATUSES)
    assert queue.filter(owner=world.officer_a).exists() and queue.filter(owner=None).exists()
    assert Case.objects.filter(councillor=world.councillor, case_type=CaseType.COUNCILLOR_ENQUIRY).count() > 3
    assert Case.objects.filter(handoff_count__gt=0).exists()
    assert Case.objects.filter(merged_into__isnull=False).exists()
    assert Case.objects.filter(related__isnull=False).exists()
    decided = ComplaintStage.objects.filter(decided_at__isnull=False)
    assert decided.filter(stage=1).exists() and decided.filter(stage=2).exists()
    # Stage 2 is never handled by the stage 1 officer.
    for stage_two in ComplaintStage.objects.filter(stage=2, handler__isnull=False):
        assert stage_two.handler_id != stage_two.case.complaint_stages.get(stage=1).handler_id

    _customers_check()
    _history_check()


def _history_check() -> None:
    """The months before the last weeks: worked to their end at their own times, the timeline
    dated as the work was done, most replies on time, and cases passed on twice."""
    old = Case.objects.filter(received_at__lt=timezone.now() - timezone.timedelta(days=40))
    assert old.count() > 20 and old.filter(status=Status.CLOSED).count() > old.count() / 2
    for case in old.filter(status=Status.CLOSED)[:10]:
        closed = case.events.filter(kind=EventKind.STATUS_CHANGED).latest("at", "id")
        assert closed.at == case.closed_at < timezone.now() - timezone.timedelta(days=5)
        assert case.received_at <= case.acknowledged_at <= case.responded_at <= case.closed_at
    assert old.filter(respond_met=True).count() > old.filter(respond_met=False).count()
    assert old.filter(handoff_count__gt=1).exists()
    # The late ones were escalated by the chaser then, not all on the seed's day.
    escalated = ChaseStep.objects.filter(kind__in=ESCALATE_KINDS, case__in=old,
                                         done_at__lt=timezone.now() - timezone.timedelta(days=35))  # fmt: skip
    assert escalated.exists()
    assert all(step.done_at > step.due_at for step in escalated)


def _customers_check() -> None:
    needs = Customer.objects.exclude(vulnerability="", accessibility="", interpreter_language="")
    assert needs.exists()
    assert not needs.filter(needs_consent=False).exists() and not needs.filter(needs_review_on=None).exists()
    assert Customer.objects.filter(merged_into__isnull=False).count() == 1
    assert any(selectors.customer_duplicates(customer=c) for c in Customer.objects.current())
    assert not Customer.objects.exclude(email="").exclude(email__iendswith="@example.org").exists()
    assert not Customer.objects.exclude(phone="").exclude(phone__regex=r"^(01632 960|07700 900)\d{3}$").exists()


def test_demo_twice_changes_nothing(world, seeded):
    before = _state()
    assert cases_seed(adviser=world.adviser, **SIZE) is None
    assert _state() == before


def test_demo_on_the_demo_directory(council_calendar):
    directory_seed()
    standards_seed(today=timezone.localdate())
    summary = cases_seed(**SIZE)
    assert summary.rules == len(RULES)
    assert _values("status") == set(Status.values)
    # No councillor given: no enquiries.
    assert _values("case_type") == set(CaseType.values) - {CaseType.COUNCILLOR_ENQUIRY}
    # Every team with officers has cases.
    staffed = Team.objects.filter(officers__isnull=False).distinct()
    assert set(staffed) == set(staffed.filter(cases__isnull=False))
