"""What the chaser owes one case at a given moment: plain arithmetic over the case, its chasing
rules (standards.ChasePolicy) and its team's working calendar, with no database access, so the
chase run (services.chase_run) and the managers' dry run (selectors.chase_preview) agree.

Each step is keyed by (kind, due_at, level), the key the database holds once per case
(ChaseStep's chase_step_once): `due_at` is a time stored on the case (acknowledge-by, reply-by,
the promised date, the start of a pause or of an absence), so the same step planned twice, by two
runs or before and after a restart, has the same key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from standards import worktime
from standards.models import ChasePolicy, Priority

from .models import ChaseKind, Status

HALFWAY_NOTE = "The warning time is longer than this case's standard, so the warning came halfway"


@dataclass(frozen=True)
class Step:
    kind: str
    due_at: datetime
    level: int
    at: datetime  # when the step is to be taken
    rung: str = ""
    note: str = ""

    @property
    def key(self) -> tuple[str, datetime, int]:
        return (self.kind, self.due_at, self.level)


@dataclass(frozen=True)
class Plan:
    due: list[Step]  # to take now: their time has come and they are not done
    next_at: datetime | None  # when the next one comes, or None when nothing more is owed


def promise(case) -> datetime | None:
    """When the resident was told they would hear: the date a holding update last gave, or the
    reply-by time (acknowledge-by when the standard sets only that), whichever is later."""
    due = case.respond_by or case.acknowledge_by
    times = [t for t in (case.expected_by, due) if t is not None]
    return max(times) if times else None


def _promise_pending(case) -> bool:
    """Whether the reply the resident was promised has not been given: the reply, or the
    acknowledgement when the standard sets nothing more."""
    if case.respond_by is not None or case.expected_by is not None:
        return case.responded_at is None
    return case.acknowledged_at is None


def _warn_at(calendar, policy: ChasePolicy, start: datetime, due: datetime) -> tuple[datetime, str]:
    lead = timedelta(hours=policy.warn_lead_hours)
    span = worktime.working_time_between(calendar, start, due)
    if span <= lead:
        # A lead longer than the standard would warn on receipt, or before it: halfway instead
        # (on receipt when the due time is before the clock start, as a hand-edited row may be).
        return worktime.add_working_hours(calendar, start, max(span, timedelta(0)) / 2), HALFWAY_NOTE
    return worktime.subtract_working_hours(calendar, due, lead), ""


def _ladder(calendar, policy: ChasePolicy, kind: str, due: datetime) -> list[Step]:
    return [
        Step(
            kind=kind,
            due_at=due,
            level=level,
            at=due if level == 0 else worktime.add_working_hours(calendar, due, policy.escalate_every_hours * level),
            rung=rung,
        )
        for level, rung in enumerate(policy.ladder)
    ]


HANDBACK_PRIORITIES: dict[str, set[str]] = {
    Priority.HIGH: {Priority.HIGH, Priority.URGENT},
    Priority.URGENT: {Priority.URGENT},
}


def steps_owed(case, *, policy: ChasePolicy, calendar, away_since: datetime | None, now: datetime) -> list[Step]:
    """Every step the case is owed under `policy`, done or not, each with its time. A warning is
    owed only while its due time is ahead (after it, the escalation says more)."""
    if case.status not in (Status.NEW, Status.ROUTED, Status.IN_PROGRESS, Status.AWAITING_CUSTOMER):
        return []
    paused = case.paused_at is not None
    steps: list[Step] = []
    if case.acknowledge_by is not None and case.acknowledged_at is None:
        if now < case.acknowledge_by:
            at, note = _warn_at(calendar, policy, case.clock_started_at, case.acknowledge_by)
            steps.append(Step(ChaseKind.WARN_ACKNOWLEDGE, case.acknowledge_by, 0, at, "owner", note))
        steps += _ladder(calendar, policy, ChaseKind.ESCALATE_ACKNOWLEDGE, case.acknowledge_by)
    respond_by = case.respond_by
    if respond_by is not None and case.responded_at is None:
        # The reply clock stands still while the case waits on the customer (Case.respond_overdue).
        if not paused:
            if now < respond_by:
                at, note = _warn_at(calendar, policy, case.clock_started_at, respond_by)
                steps.append(Step(ChaseKind.WARN_RESPOND, respond_by, 0, at, "owner", note))
            steps += _ladder(calendar, policy, ChaseKind.ESCALATE_RESPOND, respond_by)
        elif case.paused_at >= respond_by:
            steps += _ladder(calendar, policy, ChaseKind.ESCALATE_RESPOND, respond_by)
    promised = promise(case)
    if promised is not None and _promise_pending(case):
        kind = ChaseKind.CUSTOMER_REMINDER if paused else ChaseKind.HOLDING_UPDATE
        steps.append(Step(kind, promised, 0, promised))
    if paused:
        reminder = worktime.add_working_days(calendar, case.paused_at, policy.remind_after_days)
        steps.append(Step(ChaseKind.CUSTOMER_REMINDER, case.paused_at, 0, reminder))
    if (
        away_since is not None
        and case.owner_id is not None
        and not paused
        and case.priority in HANDBACK_PRIORITIES.get(policy.handback_priority, set())
    ):
        at = worktime.add_working_hours(calendar, away_since, policy.away_handback_hours)
        steps.append(Step(ChaseKind.HANDED_BACK, away_since, 0, at, "team"))
    return steps


def plan(
    case,
    *,
    policy: ChasePolicy,
    calendar,
    done: set[tuple[str, datetime, int]],
    away_since: datetime | None,
    now: datetime,
) -> Plan:
    """The steps to take for `case` at `now` (owed, due and not in `done`) and when to look again.

    A case evaluated late (the worker was down for a day) takes every step whose time has come:
    each rung of a ladder is told once, none is skipped. A handed-back case is looked at again
    at once, since its owner and status have changed."""
    owed = steps_owed(case, policy=policy, calendar=calendar, away_since=away_since, now=now)
    pending = [step for step in owed if step.key not in done]
    due = [step for step in pending if step.at <= now]
    later = [step.at for step in pending if step.at > now]
    return Plan(due=due, next_at=min(later) if later else None)
