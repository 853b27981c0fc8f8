"""The case life cycle, table-driven: every (status, action) pair either moves the case as the
issue says or is refused with a sentence naming what was tried, and a refusal changes nothing."""

import datetime as dt

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from cases import services
from cases.models import Case, CaseEvent, Status

S = Status

# action -> (the statuses it is allowed from, where it goes). Everything else is refused.
LEGAL = {
    "start": ({S.NEW, S.ROUTED}, S.IN_PROGRESS),
    "pause": ({S.IN_PROGRESS}, S.AWAITING_CUSTOMER),
    "resume": ({S.AWAITING_CUSTOMER}, S.IN_PROGRESS),
    "resolve": ({S.ROUTED, S.IN_PROGRESS, S.AWAITING_CUSTOMER}, S.RESOLVED),
    "close": ({S.RESOLVED}, S.CLOSED),
    "reopen": ({S.RESOLVED, S.CLOSED}, S.IN_PROGRESS),
    "transfer": ({S.NEW, S.ROUTED, S.IN_PROGRESS, S.AWAITING_CUSTOMER}, S.ROUTED),
}
# How the refusal names the action: "You cannot resolve a case that is closed".
VERBS = {"start": "start work on", "transfer": "transfer"}


def _act(world, case, action):
    by = world.officer_a
    if action in ("start", "pause", "resume"):
        return services.case_status_set(case=case, by=by, action=action, reason="Photos of the sofa")
    if action == "resolve":
        return services.case_resolve(case=case, by=by, resolution="Collected", version=case.version)
    if action == "close":
        return services.case_close(case=case, by=by, version=case.version)
    if action == "reopen":
        return services.case_reopen(case=case, by=by, reason="The sofa is still there", version=case.version)
    return services.case_transfer(case=case, team=world.team_b, by=by, reason="Housing", version=case.version)


def _row(case):
    """Everything a refused call must leave as it was."""
    values = Case.objects.filter(pk=case.pk).values().get()
    return values, list(CaseEvent.objects.filter(case=case).values_list("id", flat=True))


@pytest.mark.parametrize("action", list(LEGAL))
@pytest.mark.parametrize("status", list(Status))
def test_every_status_and_action(world, case_in, status, action):
    case = case_in(status)
    sources, target = LEGAL[action]
    if status in sources:
        events = CaseEvent.objects.filter(case=case).count()
        moved = _act(world, case, action)
        assert moved.status == target
        assert Case.objects.get(pk=case.pk).status == target
        assert CaseEvent.objects.filter(case=case).count() == events + 1
        return
    before = _row(case)
    with pytest.raises(ValidationError) as raised:
        _act(world, case, action)
    label = Status(status).label.lower()
    assert raised.value.messages == [f"You cannot {VERBS.get(action, action)} a case that is {label}"]
    assert _row(case) == before


def test_full_life_cycle(world, case_make):
    """new (triage) -> routed -> in progress <-> awaiting customer -> resolved -> closed -> reopened."""
    case = case_make(topic=None)
    assert (case.status, case.team) == (S.NEW, None)
    case = services.case_transfer(case=case, team=world.team_a, by=world.team_manager, reason="Bins")
    assert case.status == S.ROUTED
    steps = [("start", S.IN_PROGRESS), ("pause", S.AWAITING_CUSTOMER), ("resume", S.IN_PROGRESS),
             ("pause", S.AWAITING_CUSTOMER), ("resolve", S.RESOLVED), ("close", S.CLOSED),
             ("reopen", S.IN_PROGRESS)]  # fmt: skip
    for action, status in steps:
        case = _act(world, case, action)
        assert case.status == status, action
    case.refresh_from_db()
    assert case.paused_at is None and case.resolved_at is None and case.closed_at is None
    # Resolving from awaiting customer ended the pause: no pause is left open.
    assert not case.pauses.filter(ended_at__isnull=True).exists()


@pytest.mark.parametrize("status", [S.RESOLVED, S.CLOSED])
def test_reopen_within_the_window(world, case_in, status):
    case = case_in(status)
    edge = timezone.now() - dt.timedelta(days=settings.CASE_REOPEN_DAYS) + dt.timedelta(minutes=5)
    Case.objects.filter(pk=case.pk).update(resolved_at=edge)
    case = services.case_reopen(case=case, by=world.officer_a, reason="Still there")
    assert case.status == S.IN_PROGRESS


@pytest.mark.parametrize("status", [S.RESOLVED, S.CLOSED])
def test_reopen_refused_after_the_window(world, case_in, status):
    case = case_in(status)
    late = timezone.now() - dt.timedelta(days=settings.CASE_REOPEN_DAYS, minutes=5)
    Case.objects.filter(pk=case.pk).update(resolved_at=late)
    before = _row(case)
    with pytest.raises(ValidationError) as raised:
        services.case_reopen(case=case, by=world.officer_a, reason="Still there")
    assert raised.value.messages == [
        f"This case was resolved more than {settings.CASE_REOPEN_DAYS} days ago and cannot be reopened: "
        "raise a new case and link it to this one"
    ]
    assert _row(case) == before


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda w, c: services.case_claim(case=c, by=w.officer_a), "You cannot claim a case that is closed"),
        (lambda w, c: services.case_assign(case=c, owner=w.officer_a, by=w.team_manager),
         "You cannot assign a case that is closed"),
        (lambda w, c: services.case_edit(case=c, by=w.officer_a, fields={"summary": "A bed"}),
         "You cannot change a case that is closed: reopen it first"),
        (lambda w, c: services.case_extend(case=c, by=w.officer_a, days=1, reason="Busy"),
         "You cannot extend a case that is closed"),
        (lambda w, c: services.case_update_publish(case=c, by=w.officer_a, text="Hello"),
         "This case is closed: reopen it to send the customer an update"),
        (lambda w, c: services.case_resolve(case=c, by=w.officer_a, resolution="Again"),
         "You cannot resolve a case that is closed"),
    ],
)  # fmt: skip
def test_closed_case_refuses_work(world, case_in, call, message):
    case = case_in(S.CLOSED)
    before = _row(case)
    with pytest.raises(ValidationError) as raised:
        call(world, case)
    assert raised.value.messages == [message]
    assert _row(case) == before


@pytest.mark.parametrize(
    "action, field, message",
    [
        ("pause", "reason", "Enter what you are waiting for from the customer"),
        ("resolve", "resolution", "Enter what was done to resolve the case"),
        ("reopen", "reason", "Enter why the case is being reopened"),
    ],
)
def test_reasons_are_required(world, case_in, action, field, message):
    case = case_in({"pause": S.IN_PROGRESS, "resolve": S.IN_PROGRESS, "reopen": S.RESOLVED}[action])
    before = _row(case)
    with pytest.raises(ValidationError) as raised:
        if action == "pause":
            services.case_status_set(case=case, by=world.officer_a, action="pause", reason="  ")
        elif action == "resolve":
            services.case_resolve(case=case, by=world.officer_a, resolution="")
        else:
            services.case_reopen(case=case, by=world.officer_a, reason="")
    assert raised.value.message_dict == {field: [message]}
    assert _row(case) == before
