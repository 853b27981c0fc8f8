"""Writes for customers, cases and routing rules.

Every function here that changes a case locks its row, checks the version the caller saw (a
stale page gets CaseConflict, never a silent overwrite), moves the status through the model's
transitions, writes exactly one CaseEvent in the same transaction, and queues email after
commit. The front door (contacts), the API and Celery call these alike."""

import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, NamedTuple, cast

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django_fsm import TransitionNotAllowed

from core.changes import field_changes, snapshot, value_as_json
from core.dates import govuk_date, govuk_datetime, govuk_time
from core.db import constraint_name, save_checked
from core.services import email_queue, emails_queue
from directory.models import Absence, Officer, Team
from standards import selectors as standards
from standards import worktime
from standards.models import CaseType, Channel, Priority

from . import attachments, chase, routing
from .models import (
    ESCALATE_KINDS,
    OPEN_STATUSES,
    Attachment,
    Case,
    CaseEvent,
    CasePause,
    CasesChange,
    ChaseKind,
    ChaseStep,
    ComplaintStage,
    ContactMethod,
    Customer,
    CustomerType,
    EventKind,
    RoutingRule,
    Status,
    email_match,
    reference_make,
)
from .selectors import (
    RECEIVE_COMPLIMENTS,
    ChaseContext,
    routing_rules,
    rule_compile,
)
from .signals import case_resolved, customer_merged
from .tracking import tracking_token_make

logger = logging.getLogger(__name__)

# --- Errors --------------------------------------------------------------------------------------


class CaseConflict(ValidationError):
    """Someone else changed the case since the page was loaded."""


def _conflict(case: Case) -> CaseConflict:
    # Not "someone else": it may be the same person in another tab.
    when = govuk_time(timezone.localtime(case.updated_at))
    return CaseConflict(
        f"This case was changed at {when}, after you opened this page, so nothing was saved. "
        "Check the timeline and try again."
    )


# What a person tried and could not do, by transition: "You cannot resolve a case that is closed".
_VERBS = {
    "route": "route",
    "start": "start work on",
    "pause": "pause",
    "resume": "resume",
    "resolve": "resolve",
    "close": "close",
    "reopen": "reopen",
    "requeue": "transfer",
    "close_as_duplicate": "merge",
}


def _transition(case: Case, name: str) -> None:
    try:
        getattr(case, name)()
    except TransitionNotAllowed:
        status = case.get_status_display().lower()
        raise ValidationError(f"You cannot {_VERBS[name]} a case that is {status}") from None


def _locked(case: Case, version: int | None) -> Case:
    """The case re-read under a row lock; CaseConflict when `version` is given and stale."""
    # of=self: lock the case row only, not its team's and standard's rows (other cases share them).
    locked = Case.objects.select_for_update(of=("self",)).select_related("team", "standard").get(pk=case.pk)
    if version is not None and locked.version != version:
        raise _conflict(locked)
    return locked


def _by(user):
    return user if user is not None and user.is_authenticated else None


def _event(case: Case, kind: str, by, *, text: str = "", at: datetime | None = None, **data: Any) -> CaseEvent:
    event = CaseEvent(case=case, kind=kind, by=_by(by), text=text, data=data)
    if at is not None:
        event.at = at
    event.full_clean(exclude=["case", "by"])
    event.save()
    return event


def _stage(case: Case) -> int:
    """The complaint stage of a case known to be a complaint."""
    return cast(int, case.stage)


def _moved(before: Any, after: Any) -> dict[str, Any]:
    """An event's "from" and "to" (not keyword arguments: "from" is a Python keyword)."""
    return {"from": before, "to": after}


# The fields the chaser's steps depend on (chase.steps_owed): a change to any sends the case back
# to the chaser. (An officer's absence is the directory's, and chase_run asks about it itself.)
CHASE_INPUTS = frozenset(
    ["status", "owner", "team", "priority", "acknowledge_by", "respond_by", "acknowledged_at", "responded_at",
     "paused_at", "expected_by", "service_area"]
)  # fmt: skip


def _save(case: Case, fields: list[str], *, bump: bool = True) -> None:
    """Save `fields` of a case whose row the caller has locked; `bump` adds one to the version,
    so pages opened before now are stale. (Under the lock, adding in Python is safe, and saves
    the re-read an F() expression would need.) Notes and updates to the customer overwrite
    nothing, so they leave the version alone."""
    if bump:
        case.version += 1
    extra = ["version"] if bump else []
    if CHASE_INPUTS.intersection(fields):
        # The chaser looks again at its next run (chase_run recomputes the next step's time).
        case.chase_at = timezone.now() if case.is_open else None
        extra.append("chase_at")
    case.save(update_fields=[*fields, *extra, "updated_at"])


def _text_required(text: str, message: str, name: str = "text") -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({name: message})
    return text


# --- Due times -----------------------------------------------------------------------------------


def _due(case: Case) -> dict:
    """Recompute the case's standard and due times from its type, channel, priority, area, clock
    start, acknowledgement, pauses and extension. Returns {"from": ..., "to": ...} when they
    moved, else {}."""
    before = {"acknowledge_by": value_as_json(case.acknowledge_by), "respond_by": value_as_json(case.respond_by)}
    try:
        match = standards.standard_for(
            channel=case.channel,
            case_type=case.case_type,
            priority=case.priority,
            service_area_id=case.service_area_id,
            received_at=case.clock_started_at,
        )
    except standards.NoStandard:
        case.standard = None
        case.acknowledge_by = case.respond_by = None
    else:
        calendar = standards.working_calendar(standards.calendar_for_team(case.team_id))
        # An open pause counts up to now (worktime needs an end); resuming recomputes with the real one.
        pauses = [(p.started_at, p.ended_at or timezone.now()) for p in case.pauses.all()] if case.pk else []
        extension = min(case.extension_days, match.standard.extension_max_days or 0)
        due = standards.due_times(
            standard=match.standard,
            calendar=calendar,
            received_at=case.clock_started_at,
            acknowledged_at=case.acknowledged_at,
            pauses=pauses,
            extension_days=extension,
        )
        case.standard = match.standard
        case.acknowledge_by, case.respond_by = due.acknowledge_by, due.respond_by
    after = {"acknowledge_by": value_as_json(case.acknowledge_by), "respond_by": value_as_json(case.respond_by)}
    return {"from": before, "to": after} if before != after else {}


_DUE_FIELDS = ["standard", "acknowledge_by", "respond_by"]


def _acknowledge(case: Case, at: datetime, *, resolving: bool = False) -> list[str]:
    """Record the first response (met or missed) if not yet recorded; returns changed fields.
    `resolving`: the resolution is the first response, so it is also the reply, judged against
    the reply-by time as it stands (restarting the clock at it would make every reply on time)."""
    if case.acknowledged_at is not None:
        return []
    case.acknowledged_at = at
    case.acknowledge_met = case.acknowledge_by is None or at <= case.acknowledge_by
    if resolving:
        return ["acknowledged_at", "acknowledge_met"]
    # A complaint's reply clock may start at the acknowledgement.
    _due(case)
    return ["acknowledged_at", "acknowledge_met", *_DUE_FIELDS]


# --- Customers -----------------------------------------------------------------------------------

CUSTOMER_FIELDS = [
    "is_organisation",
    "customer_type",
    "name",
    "email",
    "phone",
    "address",
    "postcode",
    "preferred_contact",
    "needs_consent",
    "vulnerability",
    "accessibility",
    "interpreter_language",
    "needs_review_on",
]


NEEDS_FIELDS = ["needs_consent", "vulnerability", "accessibility", "interpreter_language", "needs_review_on"]


def customer_create(*, by, fields: dict) -> Customer:
    """Create a customer record, with its history entry."""
    unknown = set(fields) - set(CUSTOMER_FIELDS)
    if unknown:
        raise TypeError(f"Not customer fields: {sorted(unknown)}")
    with transaction.atomic():
        customer = Customer(**fields)
        # Customer.clean() words its check constraints (needs need consent; a new record is merged
        # into nothing), so Django need not query for each.
        customer.full_clean(validate_constraints=False)
        customer.save()
        CasesChange.record(
            entry=customer,
            by=by,
            action=CasesChange.Action.CREATED,
            changes=field_changes(None, snapshot(customer, CUSTOMER_FIELDS)),
        )
    return customer


def customer_update(*, customer: Customer, by, fields: dict) -> Customer:
    """Change a customer's details; the history keeps what changed."""
    unknown = set(fields) - set(CUSTOMER_FIELDS)
    if unknown:
        raise TypeError(f"Not customer fields: {sorted(unknown)}")
    with transaction.atomic():
        locked = Customer.objects.select_for_update().get(pk=customer.pk)
        if locked.merged_into_id is not None:
            raise ValidationError("This customer record was merged into another: change that one instead")
        before = snapshot(locked, CUSTOMER_FIELDS)
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.full_clean()
        changes = field_changes(before, snapshot(locked, CUSTOMER_FIELDS))
        if changes:
            locked.save()
            CasesChange.record(entry=locked, by=by, action=CasesChange.Action.UPDATED, changes=changes)
    return locked


def customer_merge(*, source: Customer, target: Customer, by) -> Customer:
    """Merge the duplicate `source` into `target`: every case of the source moves to the target
    (one event on each), blank details of the target are filled from the source, and the source
    stays as a record pointing at the target, so nothing is lost and the merge is on record."""
    if source.pk == target.pk:
        raise ValidationError("Choose a different customer record to merge into")
    with transaction.atomic():
        # Lock both in id order, so two merges of the same pair cannot deadlock.
        locked = {
            c.pk: c for c in Customer.objects.select_for_update().filter(pk__in=[source.pk, target.pk]).order_by("pk")
        }
        source, target = locked[source.pk], locked[target.pk]
        if source.merged_into_id is not None or target.merged_into_id is not None:
            raise ValidationError("One of these records was already merged: start again from the current record")
        before = snapshot(target, CUSTOMER_FIELDS)
        # Blank contact details are filled in; needs move as one group with their consent and
        # review date, and only when the surviving record has none; yes/no answers stay as they are.
        for name in ("name", "email", "phone", "address", "postcode", "preferred_contact"):
            if not getattr(target, name) and getattr(source, name):
                setattr(target, name, getattr(source, name))
        if source.has_needs and not target.has_needs:
            for name in NEEDS_FIELDS:
                setattr(target, name, getattr(source, name))
        target.full_clean()
        target.save()
        cases = list(Case.objects.select_for_update().filter(customer=source).order_by("pk"))
        now = timezone.now()
        for case in cases:
            case.customer = target
            _save(case, ["customer"])
        CaseEvent.objects.bulk_create(
            CaseEvent(
                case=case,
                kind=EventKind.CUSTOMER_CHANGED,
                by=_by(by),
                at=now,
                data={"from": str(source), "from_id": source.pk, "to": str(target), "to_id": target.pk},
            )
            for case in cases
        )
        source.merged_into = target
        source.save(update_fields=["merged_into", "updated_at"])
        # Records merged into the source earlier now point at the current record too.
        Customer.objects.filter(merged_into=source).update(merged_into=target)
        # The apps above move what they hold of the customer (contacts, visits, surveys).
        moved: dict[str, list[int | None]] = {}
        for _receiver, counts in customer_merged.send(sender=Customer, source=source, target=target, by=by):
            if isinstance(counts, dict):
                moved |= {name: [None, count] for name, count in counts.items()}
        changes = {
            "merged": [f"{source} (record {source.pk})", f"{target} (record {target.pk})"],
            "cases moved": [None, len(cases)],
            **moved,
            **field_changes(before, snapshot(target, CUSTOMER_FIELDS)),
        }
        CasesChange.record(entry=target, by=by, action=CasesChange.Action.MERGED, changes=changes)
        CasesChange.record(entry=source, by=by, action=CasesChange.Action.MERGED, changes=changes)
    return target


# --- Creating and routing cases --------------------------------------------------------------------

CASE_INPUT_FIELDS = [
    "case_type",
    "channel",
    "priority",
    "service_area",
    "topic",
    "customer",
    "summary",
    "description",
    "location_address",
    "location_postcode",
    "latitude",
    "longitude",
    "ward",
    "named_officer",
    "partner",
]


def _facts(case: Case) -> routing.Facts:
    customer = case.customer
    return routing.Facts(
        case_type=case.case_type,
        channel=case.channel,
        service_area_id=case.service_area_id,
        topic_id=case.topic_id,
        text=f"{case.summary}\n{case.description}",
        postcode=case.location_postcode or (customer.postcode if customer else ""),
        ward=case.ward,
        has_needs=bool(customer and customer.has_needs),
        vulnerable=bool(customer and customer.vulnerability),
    )


def _team_manager(team: Team):
    """The team's manager: a member of the team whose role receives its compliments, if any."""
    app_label, codename = RECEIVE_COMPLIMENTS.split(".")
    officer = (
        Officer.objects.filter(
            team=team,
            user__is_active=True,
            user__groups__permissions__content_type__app_label=app_label,
            user__groups__permissions__codename=codename,
        )
        .select_related("user")
        .order_by("id")
        .first()
    )
    return officer.user if officer else None


def _route(case: Case) -> dict:
    """Decide the team (and priority) of a new case; returns the routed event's data."""
    officer = case.named_officer if case.named_officer_id else None
    if case.case_type == CaseType.COMPLIMENT and officer is not None:
        case.team = officer.team
        case.owner = _team_manager(officer.team)
        sentence = f"A compliment for {officer.user.get_full_name() or officer.user}: sent to their team manager"
        return {"rule": None, "reason": sentence, "to": officer.team.name}
    topic = case.topic if case.topic_id else None
    if topic is not None and case.service_area_id is None:
        case.service_area_id = topic.service_area_id
    decision = routing.route_decide(routing_rules(), _facts(case))
    rule = decision.rule
    if rule is None:
        case.team = None
        return {"rule": None, "reason": decision.sentence, "to": "Triage"}
    case.team = Team.objects.select_related("service_area").get(pk=rule.team_id)
    case.routed_by_id = rule.id
    if rule.priority:
        case.priority = rule.priority
    return {"rule": rule.name, "rule_id": rule.id, "reason": decision.sentence, "to": case.team.name}


def case_create(*, by, fields: dict, received_at: datetime | None = None, councillor=None) -> Case:
    """Raise a case: it gets a reference, is routed by the rules (or a compliment to the named
    officer's team manager; no match: the triage queue), and gets its due times. Two events:
    created, and routed with the rule that fired."""
    unknown = set(fields) - set(CASE_INPUT_FIELDS)
    if unknown:
        raise TypeError(f"Not case fields: {sorted(unknown)}")
    received_at = received_at or timezone.now()
    with transaction.atomic():
        case = Case(**fields, received_at=received_at, clock_started_at=received_at, councillor=councillor)
        if not case.priority:
            case.priority = Priority.NORMAL
        if case.customer_id is not None:
            # Re-read under a lock, which waits for a merge of the record running now: a case
            # for a merged record goes to the current one (merged records point at current ones).
            customer = Customer.objects.select_for_update(no_key=True).get(pk=case.customer_id)
            case.customer = customer.merged_into if customer.merged_into_id is not None else customer
        case.reference = reference_make()
        case.chase_at = received_at
        # The check constraints a new case could break are worded by Case.clean(); the others hold
        # for any new case (not paused, not resolved, not merged). Django would check each with a
        # query of its own, for nothing: the database still enforces them all on save.
        case.full_clean(exclude=["reference"], validate_constraints=False)
        routed = _route(case)
        if case.team is not None:
            case.service_area_id = case.team.service_area_id
            _transition(case, "route")
        _due(case)
        for _attempt in range(5):
            try:
                with transaction.atomic():
                    case.save()
                break
            except IntegrityError as error:
                if constraint_name(error) != "cases_case_reference_key":
                    raise
                case.reference = reference_make()
        else:  # pragma: no cover - five collisions in a row: the reference space is exhausted
            raise RuntimeError("Could not find a free case reference")
        _event(case, EventKind.CREATED, by, at=received_at, channel=case.channel, case_type=case.case_type)
        _event(case, EventKind.ROUTED, by, at=received_at, **routed)
        if case.is_complaint:
            ComplaintStage.objects.create(case=case, stage=_stage(case), started_at=received_at)
    return case


def case_contact_record(*, case: Case, by, channel: str, chasing: bool, summary: str) -> CaseEvent:
    """The customer contacted us about `case` (a call, an email, a visit): an entry on its
    timeline, which says whether they were chasing progress (an avoidable contact). The case
    itself does not change, so its version is not bumped and an officer's open form stays valid."""
    return _event(case, EventKind.CONTACTED, by, text=summary, channel=channel, chasing=chasing)


# --- Working a case ------------------------------------------------------------------------------


def _stage_one_handler_id(case: Case) -> int | None:
    if case.case_type != CaseType.COMPLAINT_STAGE_2:
        return None
    stage = ComplaintStage.objects.filter(case=case, stage=1).first()
    return stage.handler_id if stage else None


def _check_may_own(case: Case, user) -> None:
    if user is not None and _stage_one_handler_id(case) == user.pk:
        raise ValidationError(
            {
                "owner": f"{user.get_full_name() or user} handled stage 1 of this complaint: "
                "stage 2 must be handled by a different officer"
            }
        )


def _check_team_member(team: Team | None, user) -> None:
    if team is None or not Officer.objects.filter(team=team, user=user).exists():
        name = user.get_full_name() or user
        raise ValidationError({"owner": f"{name} is not in {team or 'a team'}: transfer the case first"})


def case_assign(*, case: Case, owner, by, version: int | None = None) -> Case:
    """Give the case to an officer of its team (or back to the queue with owner None)."""
    with transaction.atomic():
        case = _locked(case, version)
        if not case.is_open:
            raise ValidationError(f"You cannot assign a case that is {case.get_status_display().lower()}")
        if owner is not None:
            _check_team_member(case.team, owner)
            _check_may_own(case, owner)
        before = str(case.owner) if case.owner_id else None
        if (case.owner_id or None) == (owner.pk if owner else None):
            raise ValidationError({"owner": "The case already has that owner"})
        case.owner = owner
        _save(case, ["owner"])
        _event(case, EventKind.ASSIGNED, by, **_moved(before, str(owner) if owner else None))
    return case


def _claim(case: Case, by) -> None:
    _check_may_own(case, by)
    case.owner = by
    fields = ["owner"]
    if case.status in (Status.NEW, Status.ROUTED):
        _transition(case, "start")
        fields.append("status")
    _save(case, fields)
    _event(case, EventKind.CLAIMED, by, status=case.status)


def case_claim(*, case: Case, by, version: int | None = None) -> Case:
    """The officer takes the case (and starts work on it)."""
    with transaction.atomic():
        case = _locked(case, version)
        if not case.is_open:
            raise ValidationError(f"You cannot claim a case that is {case.get_status_display().lower()}")
        if case.owner_id == by.pk:
            raise ValidationError("You already own this case")
        if case.owner_id is not None:
            raise ValidationError(f"{case.owner} already owns this case: ask a manager to reassign it")
        _check_team_member(case.team, by)
        _claim(case, by)
    return case


def case_claim_next(*, team: Team, by) -> Case | None:
    """Give `by` the most urgent unclaimed open case of `team`, or None when there is none.
    Rows another claimer holds are skipped (FOR UPDATE SKIP LOCKED), so two officers pressing
    "claim next" at the same moment never get the same case. Only the team's own officers claim
    its cases, as with case_claim."""
    stage_one_mine = ComplaintStage.objects.filter(case=OuterRef("pk"), stage=1, handler=by)
    if not Officer.objects.filter(team=team, user=by).exists():
        raise ValidationError(f"You are not in {team}: only its officers can claim its cases")
    with transaction.atomic():
        candidates = (
            Case.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(team=team, owner__isnull=True, status__in=OPEN_STATUSES)
            # One EXISTS for "stage 1 handled by `by`": exclude() across a relation would test
            # stage=1 and handler=by on possibly different stage rows.
            .exclude(Q(case_type=CaseType.COMPLAINT_STAGE_2) & Exists(stage_one_mine))
            .select_related("team")
            .order_by(F("respond_by").asc(nulls_last=True), "id")
        )
        case = candidates.first()
        if case is None:
            return None
        _claim(case, by)
    return case


def case_transfer(*, case: Case, team: Team, by, reason: str, version: int | None = None) -> Case:
    """Send the case to another team's queue, unowned, with the reason (required). Counts a
    handoff; the due times follow the new team's calendar."""
    reason = _text_required(reason, "Enter why the case is being transferred", "reason")
    with transaction.atomic():
        case = _locked(case, version)
        if case.team_id == team.pk:
            raise ValidationError({"team": f"The case is already with {team}"})
        before = case.team.name if case.team else "Triage"
        if case.status == Status.AWAITING_CUSTOMER:
            # Waiting on the customer ends with the transfer: the new team starts from its queue.
            _pause_end(case)
            case.paused_at = None
        _transition(case, "requeue")
        first_routing = case.team_id is None
        case.team, case.service_area_id, case.owner = team, team.service_area_id, None
        case.handoff_count += 0 if first_routing else 1
        due = _due(case)
        _save(case, ["team", "service_area", "owner", "status", "paused_at", "handoff_count", *_DUE_FIELDS])
        _event(
            case,
            EventKind.TRANSFERRED,
            by,
            text=reason,
            handoff=not first_routing,
            **_moved(before, team.name),
            due=due,
        )
    return case


def case_note_add(*, case: Case, by, text: str) -> CaseEvent:
    """An internal note on the timeline (never shown to the customer)."""
    text = _text_required(text, "Enter the note")
    with transaction.atomic():
        case = _locked(case, None)
        _save(case, [], bump=False)
        return _event(case, EventKind.NOTE, by, text=text)


def case_update_publish(*, case: Case, by, text: str) -> CaseEvent:
    """An update to the customer: on the timeline, on the tracking page and, after commit, by
    email when the customer has an address. The first one is the case's acknowledgement."""
    text = _text_required(text, "Enter the update for the customer")
    with transaction.atomic():
        case = _locked(case, None)
        if case.status == Status.CLOSED:
            raise ValidationError("This case is closed: reopen it to send the customer an update")
        fields = _acknowledge(case, timezone.now())
        _save(case, fields, bump=False)
        event = _event(
            case, EventKind.PUBLIC_UPDATE, by, text=text, emailed=bool(case.customer and case.customer.email)
        )
        if case.customer and case.customer.email:
            email_queue(
                to=case.customer.email,
                template="cases/emails/public_update",
                context={
                    "case": case,
                    "customer": case.customer,
                    "text": text,
                    "site_url": settings.SITE_URL,
                    "tracking_token": tracking_token_make(case.reference),
                },
            )
    return event


def _pause_end(case: Case) -> None:
    CasePause.objects.filter(case=case, ended_at__isnull=True).update(ended_at=timezone.now())


def case_status_set(*, case: Case, by, action: str, reason: str = "", version: int | None = None) -> Case:
    """Start work, wait on the customer (the reply clock stops) or resume (the paused time is
    added back to the reply-by time)."""
    if action not in ("start", "pause", "resume"):
        raise ValueError(action)
    with transaction.atomic():
        case = _locked(case, version)
        before = case.status
        _transition(case, action)
        now = timezone.now()
        fields = ["status", "paused_at"]
        due: dict = {}
        if action == "pause":
            reason = _text_required(reason, "Enter what you are waiting for from the customer", "reason")
            case.paused_at = now
            CasePause.objects.create(case=case, started_at=now)
        elif action == "resume":
            case.paused_at = None
            _pause_end(case)
            due = _due(case)
            fields += _DUE_FIELDS
        _save(case, fields)
        _event(case, EventKind.STATUS_CHANGED, by, text=reason, **_moved(before, case.status), due=due)
    return case


@dataclass(frozen=True)
class ComplaintDecision:
    outcome: str
    root_cause: str
    action_taken: str


def case_resolve(
    *, case: Case, by, resolution: str, decision: ComplaintDecision | None = None, version: int | None = None
) -> Case:
    """Resolve the case with a summary of what was done. Records the reply as met or missed
    against respond-by (and the acknowledgement, if none was sent). A complaint also records its
    stage's decision: upheld or not, the root cause and the action taken."""
    resolution = _text_required(resolution, "Enter what was done to resolve the case", "resolution")
    with transaction.atomic():
        case = _locked(case, version)
        before = case.status
        stage = None
        if case.is_complaint:
            if decision is None:
                raise ValidationError("Record whether the complaint was upheld, its root cause and the action taken")
            owner = case.owner or by
            # Neither the owner nor whoever presses the button may be the stage 1 handler.
            _check_may_own(case, owner)
            _check_may_own(case, by)
            missing = {
                name: message
                for name, message in (
                    ("outcome", "Select whether the complaint was upheld"),
                    ("root_cause", "Select the root cause of the complaint"),
                    ("action_taken", "Enter the action taken"),
                )
                if not (getattr(decision, name) or "").strip()
            }
            if missing:
                raise ValidationError(missing)
            stage = ComplaintStage.objects.select_for_update().get(case=case, stage=_stage(case))
            stage.outcome, stage.root_cause, stage.action_taken = (
                decision.outcome,
                decision.root_cause,
                decision.action_taken.strip(),
            )
            stage.handler, stage.decided_at = owner, timezone.now()
            stage.full_clean(exclude=["case", "handler"])
        fields = ["status", "paused_at", "resolved_at", "resolution"]
        if case.status == Status.AWAITING_CUSTOMER:
            # The paused time is added back before the reply is judged met or missed.
            _pause_end(case)
            case.paused_at = None
            _due(case)
            fields += _DUE_FIELDS
        _transition(case, "resolve")
        now = timezone.now()
        fields += _acknowledge(case, now, resolving=True)
        case.resolved_at, case.resolution = now, resolution
        if case.responded_at is None:
            case.responded_at = now
            case.respond_met = case.respond_by is None or now <= case.respond_by
            fields += ["responded_at", "respond_met"]
        _save(case, fields)
        if stage is not None:
            stage.save()
        data: dict = {"from": before, "to": case.status, "respond_met": case.respond_met}
        if stage is not None:
            data |= {"stage": stage.stage, "outcome": stage.outcome, "root_cause": stage.root_cause}
        _event(case, EventKind.DECIDED if stage else EventKind.STATUS_CHANGED, by, text=resolution, **data)
        case_resolved.send(sender=Case, case=case, by=by)
    return case


def case_close(*, case: Case, by, version: int | None = None) -> Case:
    with transaction.atomic():
        case = _locked(case, version)
        _transition(case, "close")
        case.closed_at = timezone.now()
        _save(case, ["status", "closed_at"])
        _event(case, EventKind.STATUS_CHANGED, by, **_moved(Status.RESOLVED, Status.CLOSED))
    return case


def case_reopen(*, case: Case, by, reason: str, version: int | None = None) -> Case:
    """Reopen a resolved or closed case within settings.CASE_REOPEN_DAYS of its resolution."""
    reason = _text_required(reason, "Enter why the case is being reopened", "reason")
    with transaction.atomic():
        case = _locked(case, version)
        if case.merged_into is not None:
            # Its work goes on in the survivor; reopening would leave two open cases for one matter.
            raise ValidationError(
                f"This case was merged into {case.merged_into.reference}: work on that case, or link a new one to it"
            )
        window = timedelta(days=settings.CASE_REOPEN_DAYS)
        if case.resolved_at is not None and timezone.now() - case.resolved_at > window:
            raise ValidationError(
                f"This case was resolved more than {settings.CASE_REOPEN_DAYS} days ago and cannot be reopened: "
                "raise a new case and link it to this one"
            )
        before = case.status
        _transition(case, "reopen")
        if case.is_complaint:
            ComplaintStage.objects.filter(case=case, stage=_stage(case)).update(decided_at=None)
        case.resolved_at = case.closed_at = None
        _save(case, ["status", "resolved_at", "closed_at"])
        _event(case, EventKind.STATUS_CHANGED, by, text=reason, **_moved(before, case.status))
    return case


EDITABLE_FIELDS = [
    "case_type",
    "priority",
    "summary",
    "description",
    "topic",
    "location_address",
    "location_postcode",
    "latitude",
    "longitude",
    "ward",
]


def case_edit(*, case: Case, by, fields: dict, version: int | None = None) -> Case:
    """Change the case's details. A new type or priority recomputes the due times (one "due
    times changed" event with both), anything else is one "details changed" event."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable case fields: {sorted(unknown)}")
    with transaction.atomic():
        case = _locked(case, version)
        if not case.is_open:
            raise ValidationError(
                f"You cannot change a case that is {case.get_status_display().lower()}: reopen it first"
            )
        new_type = fields.get("case_type", case.case_type)
        if (new_type in (CaseType.COMPLAINT_STAGE_1, CaseType.COMPLAINT_STAGE_2)) != case.is_complaint or (
            case.is_complaint and new_type != case.case_type
        ):
            raise ValidationError(
                {
                    "case_type": "A case cannot become or stop being a complaint, or change stage, "
                    "here: raise a complaint, or escalate it to stage 2"
                }
            )
        before = snapshot(case, EDITABLE_FIELDS)
        for name, value in fields.items():
            setattr(case, name, value)
        case.full_clean(
            exclude=[
                "reference",
                "customer",
                "team",
                "owner",
                "service_area",
                "councillor",
                "named_officer",
                "partner",
                "routed_by",
                "standard",
                "merged_into",
            ]
        )
        changes = field_changes(before, snapshot(case, EDITABLE_FIELDS))
        if not changes:
            raise ValidationError("Nothing was changed")
        recompute = bool({"case_type", "priority"} & changes.keys())
        due = _due(case) if recompute else {}
        # The standard may change while the times stay the same: it is saved either way.
        _save(case, list(changes) + (_DUE_FIELDS if recompute else []))
        _event(case, EventKind.DUE_CHANGED if due else EventKind.DETAILS_CHANGED, by, changes=changes, due=due)
    return case


def case_extend(*, case: Case, by, days: int, reason: str, version: int | None = None) -> Case:
    """Extend the reply-by time by `days` working days, at most the standard's maximum and at most
    once per complaint stage (once for any other case), with the reason."""
    reason = _text_required(reason, "Enter why more time is needed", "reason")
    with transaction.atomic():
        case = _locked(case, version)
        if not case.is_open:
            raise ValidationError(f"You cannot extend a case that is {case.get_status_display().lower()}")
        if case.extension_days:
            stage = f"stage {case.stage} of this complaint" if case.is_complaint else "this case"
            raise ValidationError(f"An extension was already recorded for {stage}: only one is allowed")
        allowed = case.standard.extension_max_days if case.standard else 0
        if not allowed:
            raise ValidationError("The standard for this case allows no extension")
        if not 1 <= days <= allowed:
            raise ValidationError({"days": f"Enter a number of working days from 1 to {allowed}"})
        case.extension_days = days
        due = _due(case)
        _save(case, ["extension_days", *_DUE_FIELDS])
        if case.is_complaint:
            ComplaintStage.objects.filter(case=case, stage=_stage(case)).update(
                extension_reason=reason, extended_at=timezone.now()
            )
        _event(case, EventKind.EXTENDED, by, text=reason, days=days, due=due)
    return case


def complaint_escalate(*, case: Case, by, reason: str, version: int | None = None) -> Case:
    """Escalate a stage 1 complaint to stage 2: the same case (its history kept), a new clock
    under the stage 2 standard from now, back in its team's queue unowned, and its own extension
    allowance. Stage 2 can then be owned by anyone but the stage 1 handler."""
    reason = _text_required(reason, "Enter why the customer wants the complaint escalated", "reason")
    with transaction.atomic():
        case = _locked(case, version)
        if case.case_type != CaseType.COMPLAINT_STAGE_1:
            raise ValidationError("Only a stage 1 complaint can be escalated to stage 2")
        stage_one = ComplaintStage.objects.get(case=case, stage=1)
        if stage_one.decided_at is None:
            raise ValidationError("Stage 1 has not been decided yet: resolve it first, then escalate")
        before = case.status
        _transition(case, "reopen")
        now = timezone.now()
        case.case_type = CaseType.COMPLAINT_STAGE_2
        case.status, case.owner = (Status.ROUTED if case.team_id else Status.NEW), None
        case.clock_started_at, case.extension_days = now, 0
        case.acknowledged_at = case.acknowledge_met = case.responded_at = case.respond_met = None
        case.resolved_at = case.closed_at = None
        due = _due(case)
        _save(
            case,
            [
                "case_type",
                "status",
                "owner",
                "clock_started_at",
                "extension_days",
                "acknowledged_at",
                "acknowledge_met",
                "responded_at",
                "respond_met",
                "resolved_at",
                "closed_at",
                *_DUE_FIELDS,
            ],
        )
        ComplaintStage.objects.create(case=case, stage=2, started_at=now)
        _event(
            case,
            EventKind.ESCALATED,
            by,
            text=reason,
            **_moved(before, case.status),
            stage_one_handler=str(stage_one.handler) if stage_one.handler_id else None,
            due=due,
        )
    return case


def case_link(*, case: Case, other: Case, by) -> Case:
    """Link two related cases (both timelines say so: one event each)."""
    if case.pk == other.pk:
        raise ValidationError({"reference": "A case cannot be linked to itself"})
    with transaction.atomic():
        first, second = sorted([case, other], key=lambda c: c.pk)
        first, second = _locked(first, None), _locked(second, None)
        if first.related.filter(pk=second.pk).exists():
            raise ValidationError({"reference": f"{other.reference} is already linked to this case"})
        first.related.add(second)
        for one, two in ((first, second), (second, first)):
            _save(one, [], bump=False)
            _event(one, EventKind.LINKED, by, reference=two.reference)
    return first if first.pk == case.pk else second


def case_merge(*, duplicate: Case, into: Case, by, version: int | None = None) -> Case:
    """Merge a duplicate case into another: the duplicate is closed pointing at the survivor,
    its events stay on it, it is linked to the survivor, and both timelines record the merge."""
    if duplicate.pk == into.pk:
        raise ValidationError({"reference": "A case cannot be merged into itself"})
    with transaction.atomic():
        first, second = sorted([duplicate, into], key=lambda c: c.pk)
        locked = {c.pk: _locked(c, version if c.pk == duplicate.pk else None) for c in (first, second)}
        duplicate, into = locked[duplicate.pk], locked[into.pk]
        if into.merged_into_id is not None:
            raise ValidationError({"reference": f"{into.reference} was itself merged into another case"})
        if not into.is_open:
            raise ValidationError(
                {"reference": f"{into.reference} is {into.get_status_display().lower()}: reopen it first"}
            )
        if duplicate.status == Status.AWAITING_CUSTOMER:
            _pause_end(duplicate)
            duplicate.paused_at = None
        before = duplicate.status
        _transition(duplicate, "close_as_duplicate")
        now = timezone.now()
        duplicate.merged_into = into
        duplicate.resolved_at = duplicate.resolved_at or now
        duplicate.closed_at = now
        duplicate.resolution = duplicate.resolution or f"Merged into {into.reference}"
        _save(duplicate, ["status", "paused_at", "merged_into", "resolved_at", "closed_at", "resolution"])
        duplicate.related.add(into)
        _save(into, [], bump=False)
        _event(duplicate, EventKind.MERGED, by, into=into.reference, **_moved(before, duplicate.status))
        _event(into, EventKind.MERGED, by, duplicate=duplicate.reference)
    return into


# --- Routing rules -------------------------------------------------------------------------------

RULE_FIELDS = [
    "position",
    "name",
    "is_active",
    "case_types",
    "channels",
    "service_area",
    "topic",
    "words",
    "postcodes",
    "wards",
    "needs",
    "team",
    "priority",
]

_RULE_ERRORS = {
    "cases_routingrule_position_key": ValidationError(
        {"position": "Another rule already has this number: choose another"}
    ),
}


def _rule_check_reachable(rule: RoutingRule) -> None:
    """A rule after a catch-all (a rule without conditions) could never fire: refuse it."""
    catch_all = (
        RoutingRule.objects.filter(is_active=True, position__lt=rule.position)
        .exclude(pk=rule.pk)
        .filter(
            case_types=[],
            channels=[],
            service_area__isnull=True,
            topic__isnull=True,
            words=[],
            postcodes=[],
            wards=[],
            needs="",
        )
        .order_by("position")
        .first()
    )
    if rule.is_active and catch_all is not None:
        raise ValidationError(
            {
                "position": f"Rule {catch_all.position}, “{catch_all.name}”, matches every case, "
                "so a rule after it could never fire: give this one a lower number"
            }
        )
    if rule.is_active and rule.is_catch_all:
        later = RoutingRule.objects.filter(is_active=True, position__gt=rule.position).exclude(pk=rule.pk).first()
        if later is not None:
            raise ValidationError(
                {
                    "position": f"A rule without conditions matches every case, so rule "
                    f"{later.position}, “{later.name}”, after it could never fire: "
                    "make it the last rule, or give it a condition"
                }
            )


def _rule_save(rule: RoutingRule, *, by, before: dict | None) -> RoutingRule:
    # A taken position is the unique constraint's to report (worded in _RULE_ERRORS), not
    # full_clean's generic "Routing rule with this Position already exists".
    rule.full_clean(exclude=["position"] if rule.position is None else None, validate_unique=False)
    _rule_check_reachable(rule)
    save_checked(rule, errors=_RULE_ERRORS)
    changes = field_changes(before, snapshot(rule, RULE_FIELDS))
    action = CasesChange.Action.CREATED if before is None else CasesChange.Action.UPDATED
    CasesChange.record(entry=rule, by=by, action=action, changes=changes)
    rule_compile(rule)  # a rule that cannot be compiled fails here, inside the transaction
    return rule


def _rules_lock() -> None:
    """One writer of the rule set at a time: positions and reachability are checked across rows."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext('cases.routingrule'))")


def routing_rule_create(*, by, fields: dict) -> RoutingRule:
    """Add a routing rule (at the end when no position is given)."""
    with transaction.atomic():
        _rules_lock()
        fields = dict(fields)
        if not fields.get("position"):
            last = RoutingRule.objects.order_by("-position").values_list("position", flat=True).first()
            fields["position"] = (last or 0) + 10
        return _rule_save(RoutingRule(**fields), by=by, before=None)


def routing_rule_update(*, rule: RoutingRule, by, fields: dict) -> RoutingRule:
    with transaction.atomic():
        _rules_lock()
        locked = RoutingRule.objects.select_for_update().get(pk=rule.pk)
        before = snapshot(locked, RULE_FIELDS)
        for name, value in fields.items():
            setattr(locked, name, value)
        if field_changes(before, snapshot(locked, RULE_FIELDS)) == {}:
            return locked
        return _rule_save(locked, by=by, before=before)


def routing_rule_delete(*, rule: RoutingRule, by) -> None:
    with transaction.atomic():
        _rules_lock()
        locked = RoutingRule.objects.select_for_update().get(pk=rule.pk)
        removed = {name: [value, None] for name, value in snapshot(locked, RULE_FIELDS).items()}
        CasesChange.record(entry=locked, by=by, action=CasesChange.Action.DELETED, changes=removed)
        locked.delete()


# --- Councillor enquiries ------------------------------------------------------------------------
# (section owned by the customers-and-enquiries work)

RESIDENT_FIELDS = ["name", "email", "phone", "address", "postcode"]


def _errors_renamed(error: ValidationError, names: dict[str, str]) -> ValidationError:
    """The same errors with some fields renamed (the case's names to the enquiry's)."""
    if not hasattr(error, "error_dict"):
        return error
    return ValidationError({names.get(name, name): errors for name, errors in error.error_dict.items()})


def _enquiry_resident(resident: dict, *, by) -> Customer:
    """The one current customer with the resident's email address, or a new record."""
    if resident["email"]:
        same_email = list(Customer.objects.current().with_lower_names().filter(email_match(resident["email"]))[:2])
        if len(same_email) == 1:
            return same_email[0]
        preferred = ContactMethod.EMAIL
    else:
        preferred = ContactMethod.PHONE if resident["phone"] else ContactMethod.LETTER
    return customer_create(
        by=by, fields={**resident, "customer_type": CustomerType.INDIVIDUAL, "preferred_contact": preferred}
    )


def enquiry_create(*, councillor, ward: str, resident: dict, asked: str, topic=None, summary: str) -> Case:
    """Raise a councillor's ward enquiry for a resident, in one transaction: the resident's
    customer record (the one current record with their email address if there is exactly one,
    so a resident asked for twice stays one customer; otherwise a new record, contacted by email,
    phone or letter, whichever they gave first), then a councillor enquiry through case_create,
    which routes it and sets its due times.

    `resident` holds RESIDENT_FIELDS. Errors are keyed by this function's names: the resident's
    fields, "ward", "topic", "summary" and "asked"."""
    unknown = set(resident) - set(RESIDENT_FIELDS)
    if unknown:
        raise TypeError(f"Not resident fields: {sorted(unknown)}")
    resident = {name: (resident.get(name) or "").strip() for name in RESIDENT_FIELDS}
    errors = {}
    if not " ".join((ward or "").split()):
        errors["ward"] = "Enter the ward"
    if not (resident["email"] or resident["phone"] or resident["address"]):
        errors["email"] = "Enter the resident's email address, phone number or address, so the council can reply"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        customer = _enquiry_resident(resident, by=councillor)
        fields = {
            "case_type": CaseType.COUNCILLOR_ENQUIRY,
            "channel": Channel.COUNCILLOR,
            "summary": summary,
            "description": asked,
            "ward": ward,
            "topic": topic,
            "location_postcode": resident["postcode"],
            "customer": customer,
        }
        try:
            return case_create(by=councillor, councillor=councillor, fields=fields)
        except ValidationError as error:
            raise _errors_renamed(error, {"description": "asked", "location_postcode": "postcode"}) from None


# --- Attachments ---------------------------------------------------------------------------------


def attachments_claim(*, key, case: Case) -> int:
    """Give the case the files uploaded under a form's `key` before the case existed; returns
    how many. One UPDATE, inside the caller's transaction."""
    return Attachment.objects.pending().filter(upload_key=key).update(case=case, upload_key=None)


def _attachments_lock(key) -> None:
    """One upload at a time per form, so two at once cannot pass the count together."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"cases.attachment:{key}"])


def _attachments_count_check(key) -> None:
    if Attachment.objects.pending().filter(upload_key=key).count() >= settings.ATTACHMENTS_PER_FORM:
        limit = settings.ATTACHMENTS_PER_FORM
        raise ValidationError(f"You can only add up to {limit} file{'s' if limit != 1 else ''}", code="too_many")


def attachment_add(*, key, upload) -> Attachment:
    """Keep a file sent with the form whose key is `key`, until the form is sent (then
    attachments_claim gives it to the case) or abandoned (attachments_pending_purge).

    ValidationError with the GOV.UK message when the form has ATTACHMENTS_PER_FORM files
    already or the file fails cases.attachments' checks; the file is written only after they
    pass, and removed again if its row is not saved."""
    _attachments_count_check(key)  # before the work of checking the file
    checked = attachments.attachment_check(upload)
    name = attachments.stored_name_make(checked.extension)
    try:
        with transaction.atomic(durable=True):
            _attachments_lock(key)
            _attachments_count_check(key)
            attachment = Attachment.objects.create(
                upload_key=key,
                stored_name=name,
                original_name=attachments.name_clean(upload.name or ""),
                content_type=checked.content_type,
                size=len(checked.content),
            )
            attachments.file_save(name, checked.content)
    except BaseException:
        attachments.files_delete([name])  # nothing to do unless the commit itself failed
        raise
    return attachment


def attachment_remove(*, key, attachment_id: int) -> Attachment | None:
    """Remove a file from the form whose key is `key` (only a file of that form, not sent yet);
    the stored file goes once the row has. Returns what was removed, None when there was no such
    file (removed already, or another form's)."""
    with transaction.atomic():
        attachment = Attachment.objects.pending().filter(upload_key=key, pk=attachment_id).first()
        if attachment is None:
            return None
        name = attachment.stored_name
        attachment.delete()
        transaction.on_commit(lambda: attachments.files_delete([name]))
    return attachment


def attachments_pending_purge(*, older_than: timedelta) -> int:
    """Delete the files of forms abandoned more than `older_than` ago (never sent, so never a
    case's), rows and stored files; return how many. Rows being claimed by a form sent at this
    moment are skipped: they are about to be a case's."""
    with transaction.atomic():
        stale = list(
            Attachment.objects.pending()
            .filter(uploaded_at__lt=timezone.now() - older_than)
            .select_for_update(skip_locked=True)
            .values_list("pk", "stored_name")
        )
        Attachment.objects.filter(pk__in=[pk for pk, _ in stale]).delete()
        transaction.on_commit(lambda: attachments.files_delete(name for _, name in stale))
    return len(stale)


# --- The chaser ----------------------------------------------------------------------------------

# Cases per transaction: each batch's rows are locked while its steps are written, so a batch is
# small enough that an officer saving one of its cases waits a fraction of a second.
CHASE_BATCH = 500
# A case the plan could not be made for (a calendar beyond its years, say) is looked at again
# after this, and named in the run's report and log, rather than retried every run.
CHASE_RETRY_AFTER = timedelta(hours=1)
# Staff steps per digest transaction: every person gets one digest for this many steps, so one per
# run unless a run takes more (the bench's 10,000 due cases take 10,000 staff steps).
DIGEST_BATCH = 20_000

_RESIDENT_KINDS = {ChaseKind.HOLDING_UPDATE, ChaseKind.CUSTOMER_REMINDER}
WARN_KINDS = {ChaseKind.WARN_ACKNOWLEDGE, ChaseKind.WARN_RESPOND}


@dataclass
class ChaseReport:
    """What one run did: cases looked at, steps taken by kind, digests queued, and the cases whose
    plan failed (by reference; each is logged with its error)."""

    cases: int = 0
    steps: Counter = field(default_factory=Counter)
    digests: int = 0
    failed: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.steps.values())


class _StepRow(NamedTuple):
    """A ChaseStep row, in the INSERT's column order."""

    case_id: int
    kind: str
    due_at: datetime
    level: int
    done_at: datetime
    rung: str
    recipient_ids: list[int]
    notified_at: datetime | None
    needs_call: bool
    note: str


def _chase_row(chaser: ChaseContext, case: Case, step: chase.Step) -> _StepRow:
    """The ChaseStep row for `step`: its recipients (resolved down the ladder), whether it waits for
    the digest, and whether a resident without an email address needs a phone call."""
    note = step.note
    needs_call = step.kind in _RESIDENT_KINDS and not (case.customer and case.customer.email)
    if step.kind in _RESIDENT_KINDS and not needs_call:
        recipients: list[int] = []
    else:
        recipients, fallen = chaser.people.recipients(case, "owner" if needs_call else step.rung)
        note = " ".join(part for part in (fallen and f"{fallen}.", note and f"{note}.") if part)
    notified = chaser.now if not recipients else None
    return _StepRow(case.id, step.kind, step.due_at, step.level, chaser.now, step.rung, recipients, notified,
                    needs_call, note)  # fmt: skip


def _chase_steps_insert(rows: list[_StepRow]) -> set[tuple[int, str, datetime, int]]:
    """Insert the steps, skipping any already there (the chase_step_once constraint decides, so two
    runs can never both take a step); returns the keys of those this run inserted."""
    if not rows:
        return set()
    table = ChaseStep._meta.db_table
    values = ", ".join(["(%s, %s, %s, %s, %s, %s, %s::integer[], %s, %s, %s)"] * len(rows))
    # The table's name and placeholders only: every value is a parameter.
    sql = (
        f"INSERT INTO {table} (case_id, kind, due_at, level, done_at, rung, recipient_ids, notified_at, needs_call,"  # noqa: S608
        f" note) VALUES {values} ON CONFLICT ON CONSTRAINT chase_step_once DO NOTHING"
        " RETURNING case_id, kind, due_at, level"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for row in rows for value in row])
        return {tuple(row) for row in cursor.fetchall()}


def _holding_reason(case: Case) -> str:
    team = case.team.name if case.team is not None else ""
    if case.extension_days:
        return "we told you we needed more time to look into it"
    if case.owner_id and team:
        return f"an officer in our {team} team is still working on it"
    if team:
        return f"it is waiting for an officer in our {team} team"
    return "it is being passed to the team that deals with it"


def _pause_reason(case: Case) -> str:
    event = (
        CaseEvent.objects.filter(case=case, kind=EventKind.STATUS_CHANGED, data__to=Status.AWAITING_CUSTOMER)
        .order_by("-at", "-id")
        .only("text")
        .first()
    )
    return event.text if event else ""


def _resident_step(chaser: ChaseContext, case: Case, step: chase.Step, outbox: list[dict]) -> CaseEvent:
    """A holding update (with a new expected date) or a reminder: on the tracking page as an update
    to the customer, and emailed when there is an address (added to `outbox`; else the owner
    phones)."""
    customer = case.customer
    emailed = customer is not None and bool(customer.email)
    if step.kind == ChaseKind.HOLDING_UPDATE:
        policy = chaser.policies.for_area(case.service_area_id)
        expected = worktime.add_working_days(chaser.calendar(case.team_id), chaser.now, policy.update_after_days)
        if case.respond_by is not None and case.respond_by > expected:
            expected = case.respond_by
        case.expected_by = expected
        when = govuk_date(timezone.localdate(expected))
        text = (
            f"We have not finished dealing with this yet: {_holding_reason(case)}. We now expect to reply by "
            f"{when}. You do not need to contact us for an update: we will write again if anything changes."
        )
        data = {"expected_by": value_as_json(expected)}
    else:
        waiting = _pause_reason(case)
        text = (
            "We are waiting for something from you before we can carry on"
            + (f": {waiting.rstrip('.')}." if waiting else ".")
            + f" Please get in touch, quoting {case.reference}."
        )
        data = {}
    event = CaseEvent(
        case=case, kind=EventKind.PUBLIC_UPDATE, text=text, data={"chaser": step.kind, "emailed": emailed, **data}
    )
    if customer is not None and emailed:
        outbox.append({
            "to": customer.email,
            "template": "cases/emails/chaser_update",
            "context": {
                "case": case, "customer": customer, "text": text,
                "reminder": step.kind == ChaseKind.CUSTOMER_REMINDER,
                "site_url": settings.SITE_URL, "tracking_token": tracking_token_make(case.reference),
            },
            "purpose": step.kind,
        })  # fmt: skip
    return event


def _hand_back(chaser: ChaseContext, case: Case, step: chase.Step) -> CaseEvent:
    """An absent owner's urgent case back to its team's queue, unowned. The absence's reason is
    never read; the timeline says only when the owner is back."""
    owner = cast(Any, case.owner)
    name = owner.get_full_name() or owner.get_username()
    case.owner = None
    _transition(case, "requeue")
    _save(case, ["owner", "status"])
    text = f"{name} has been away since {govuk_datetime(timezone.localtime(step.due_at))}: back in the team queue"
    return CaseEvent(case=case, kind=EventKind.HANDED_BACK, text=text, data={"from": name})


def _chase_batch(chaser: ChaseContext, cases: list[Case], report: ChaseReport) -> None:
    planned, failed = chaser.plans(cases)
    for case in failed:
        report.failed.append(case.reference)
        case.chase_at = chaser.now + CHASE_RETRY_AFTER
    rows = {(case.id, step.kind, step.due_at, step.level): (case, step) for case, step in planned}
    row_values = {key: _chase_row(chaser, case, step) for key, (case, step) in rows.items()}
    inserted = _chase_steps_insert(list(row_values.values()))
    events: list[CaseEvent] = []
    outbox: list[dict] = []
    for key in sorted(inserted, key=lambda k: (k[0], k[2], k[3])):
        case, step = rows[key]
        report.steps[step.kind] += 1
        if step.kind in _RESIDENT_KINDS:
            events.append(_resident_step(chaser, case, step, outbox))
            if case.expected_by is not None and (case.chase_at is None or case.expected_by < case.chase_at):
                case.chase_at = case.expected_by
        elif step.kind == ChaseKind.HANDED_BACK:
            events.append(_hand_back(chaser, case, step))
        else:
            recipients, note = row_values[key].recipient_ids, row_values[key].note
            events.append(
                CaseEvent(
                    case=case,
                    kind=EventKind.CHASED,
                    text=note,
                    data={
                        "step": step.kind,
                        "level": step.level,
                        "rung": step.rung,
                        "due_at": value_as_json(step.due_at),
                        "to": chaser.people.names(recipients),
                    },
                )
            )
    for event in events:
        event.at = chaser.now
    CaseEvent.objects.bulk_create(events)
    emails_queue(messages=outbox)
    _chase_times_save(cases)


def _chase_times_save(cases: list[Case]) -> None:
    """Each case's next chase time and expected date, in one UPDATE ... FROM (VALUES ...): the
    CASE WHEN that bulk_update writes costs a second for 500 rows."""
    table = Case._meta.db_table
    values = ", ".join(["(%s, %s::timestamptz, %s::timestamptz)"] * len(cases))
    sql = (
        f"UPDATE {table} SET chase_at = v.chase_at, expected_by = v.expected_by"  # noqa: S608
        f" FROM (VALUES {values}) AS v (id, chase_at, expected_by) WHERE {table}.id = v.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for case in cases for value in (case.id, case.chase_at, case.expected_by)])


def chase_due(*, now: datetime, batch_size: int = CHASE_BATCH):
    """The run's one query: the next batch of open cases whose chase time has come, earliest
    first, locked, skipping those another run (or an officer's save) holds. case_chase_idx."""
    return (
        Case.objects.filter(status__in=OPEN_STATUSES, chase_at__lte=now)
        .select_related("team", "customer", "owner")
        .order_by("chase_at", "id")
        .select_for_update(of=("self",), skip_locked=True)[:batch_size]
    )


# Session-level (released when a killed worker's connection closes), unlike the transaction-level
# locks above: it spans a run's many transactions.
_CHASE_LOCK = "cases.chase"


def chase_run(*, now: datetime | None = None, batch_size: int = CHASE_BATCH) -> ChaseReport:
    """The chaser: take every step now due on every open case whose `chase_at` has come (one
    indexed query per batch, cases locked with SKIP LOCKED so two runs share the work), then send
    the staff digests. Each step is a ChaseStep row inserted once (chase_step_once) in the same
    transaction as its timeline event, the resident's email and the case's next chase time; a run
    that dies loses only its open batch, which the next run takes again. See docs/architecture.md,
    "The chaser"."""
    now = now or timezone.now()
    chaser = ChaseContext(now)
    report = ChaseReport()
    with connection.cursor() as cursor:
        # Shared while taking steps: runs share the work, and the digests wait for the last of them.
        cursor.execute("SELECT pg_advisory_lock_shared(hashtext(%s))", [_CHASE_LOCK])
        try:
            _chase_absent_owners_mark(chaser)
            while True:
                with transaction.atomic():
                    cases = list(chase_due(now=now, batch_size=batch_size))
                    if cases:
                        _chase_batch(chaser, cases, report)
                report.cases += len(cases)
                if len(cases) < batch_size:
                    break
        finally:
            cursor.execute("SELECT pg_advisory_unlock_shared(hashtext(%s))", [_CHASE_LOCK])
        # Exclusive for the digests, tried not waited for: a run still taking steps will send them,
        # so two runs at once send each person one digest, not one each.
        cursor.execute("SELECT pg_try_advisory_lock(hashtext(%s))", [_CHASE_LOCK])
        if cursor.fetchone()[0]:
            try:
                report.digests = chase_digests_send(now=now)
            finally:
                cursor.execute("SELECT pg_advisory_unlock(hashtext(%s))", [_CHASE_LOCK])
    if report.failed:
        logger.warning("Chaser: %d cases had no plan: %s", len(report.failed), ", ".join(report.failed[:20]))
    return report


def _chase_absent_owners_mark(chaser: ChaseContext) -> int:
    """Send to the chaser the high-priority open cases of owners away long enough to be handed
    back: an absence is the directory's, so no case write marks them. Wall-clock time bounds
    working time from above, so an absence younger than the shortest hand-back time (in hours
    of the clock) cannot qualify yet; the plan decides in working hours."""
    shortest = min(
        [chaser.policies.council, *chaser.policies.areas.values()], key=lambda policy: policy.away_handback_hours
    ).away_handback_hours
    away = Absence.objects.filter(
        officer__user=OuterRef("owner"),
        starts_at__lte=chaser.now - timedelta(hours=shortest),
        ends_at__gt=chaser.now,
    )
    return (
        Case.objects.filter(
            status__in=[Status.NEW, Status.ROUTED, Status.IN_PROGRESS],
            owner__isnull=False,
            priority__in=[Priority.HIGH, Priority.URGENT],
        )
        .filter(Exists(away))
        .filter(Q(chase_at__isnull=True) | Q(chase_at__gt=chaser.now))
        .update(chase_at=chaser.now)
    )


def chase_digests_send(*, now: datetime | None = None) -> int:
    """One email per person with the warnings, escalations and hand-backs not yet sent to them,
    and the residents they need to phone. Steps are marked notified in the transaction that
    queues the emails, so a digest is neither lost nor sent twice. Returns the emails queued."""
    now = now or timezone.now()
    sent = 0
    while True:
        with transaction.atomic():
            steps = list(
                ChaseStep.objects.filter(notified_at__isnull=True)
                .select_related("case__team", "case__customer")
                .order_by("id")
                .select_for_update(of=("self",), skip_locked=True)[:DIGEST_BATCH]
            )
            if not steps:
                return sent
            by_user: dict[int, list[ChaseStep]] = {}
            for step in steps:
                for user_id in step.recipient_ids:
                    by_user.setdefault(user_id, []).append(step)
            users = get_user_model().objects.filter(id__in=by_user, is_active=True).exclude(email="")
            digests = []
            for user in users:
                items = by_user[user.id]
                digests.append({
                    "to": user.email,
                    "template": "cases/emails/chase_digest",
                    "context": {
                        "user": user,
                        "warnings": [s for s in items if s.kind in WARN_KINDS],
                        "escalations": [s for s in items if s.kind in ESCALATE_KINDS],
                        "handed_back": [s for s in items if s.kind == ChaseKind.HANDED_BACK],
                        "calls": [s for s in items if s.needs_call],
                        "count": len(items),
                        "site_url": settings.SITE_URL,
                    },
                    "purpose": "chase_digest",
                })  # fmt: skip
            sent += len(emails_queue(messages=digests))
            ChaseStep.objects.filter(id__in=[step.id for step in steps]).update(notified_at=now)
        if len(steps) < DIGEST_BATCH:
            return sent


def chase_recheck(*, service_area_id: int | None) -> int:
    """After a change to chasing rules: every open case they cover goes back to the chaser, whose
    next run puts each case's next step at its new time (the council's rules cover the areas with
    none of their own)."""
    cases = Case.objects.filter(status__in=OPEN_STATUSES)
    if service_area_id is not None:
        cases = cases.filter(service_area_id=service_area_id)
    else:
        own = standards.chase_policies().areas.keys()
        cases = cases.exclude(service_area_id__in=own)
    return cases.update(chase_at=timezone.now())


def chase_call_record(*, step: ChaseStep, by) -> ChaseStep:
    """The owner phoned the resident who had no email address: the step leaves their "my work"
    page and a note of the call goes on the timeline."""
    with transaction.atomic():
        step = ChaseStep.objects.select_for_update().select_related("case").get(pk=step.pk)
        if step.called_at is not None:
            return step
        step.called_at = timezone.now()
        step.save(update_fields=["called_at"])
        _event(step.case, EventKind.NOTE, by, text=f"Phoned the resident: {step.get_kind_display().lower()}")
    return step
