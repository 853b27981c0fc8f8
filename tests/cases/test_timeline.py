"""Timeline completeness: every service that changes a case leaves exactly one CaseEvent on it (a
new case two: created and routed), in the same transaction as the change, so a failed event write
leaves no change behind and a refused call leaves no event. The database refuses to change or
delete an event."""

import pytest
from django.core.exceptions import ValidationError
from django.db import InternalError, transaction

from cases import services
from cases.models import Case, CaseEvent, ComplaintStage, Customer, Status
from standards.models import CaseType

S = Status
DECISION = services.ComplaintDecision(outcome="upheld", root_cause="delay", action_taken="Apologised")


def _complaint(w, case_make, *, decided=False):
    case = case_make(case_type=CaseType.COMPLAINT_STAGE_1, summary="Missed again")
    case = services.case_claim(case=case, by=w.officer_a)
    if decided:
        case = services.case_resolve(case=case, by=w.officer_a, resolution="Sorry", decision=DECISION)
    return case


# Each scenario prepares its cases and returns (the call, {case: the event kinds it must add}).
def assign(w, case_in, case_make):
    case = case_in(S.ROUTED)
    olive = w.directory["olive"].user
    return lambda: services.case_assign(case=case, owner=olive, by=w.team_manager, version=case.version), {
        case: ["assigned"]
    }


def claim(w, case_in, case_make):
    case = case_in(S.ROUTED)
    return lambda: services.case_claim(case=case, by=w.officer_a, version=case.version), {case: ["claimed"]}


def claim_next(w, case_in, case_make):
    case = case_in(S.ROUTED)
    return lambda: services.case_claim_next(team=w.team_a, by=w.officer_a), {case: ["claimed"]}


def transfer(w, case_in, case_make):
    case = case_in(S.IN_PROGRESS)
    return lambda: services.case_transfer(case=case, team=w.team_b, by=w.officer_a, reason="Housing"), {
        case: ["transferred"]
    }


def note(w, case_in, case_make):
    case = case_in(S.IN_PROGRESS)
    return lambda: services.case_note_add(case=case, by=w.officer_a, text="Called"), {case: ["note"]}


def public_update(w, case_in, case_make):
    case = case_in(S.IN_PROGRESS)
    return lambda: services.case_update_publish(case=case, by=w.officer_a, text="Booked"), {case: ["public_update"]}


def status(action, status):
    def scenario(w, case_in, case_make):
        case = case_in(status)
        return lambda: services.case_status_set(case=case, by=w.officer_a, action=action, reason="Photos"), {
            case: ["status_changed"]
        }

    scenario.__name__ = action
    return scenario


def resolve(w, case_in, case_make):
    case = case_in(S.AWAITING_CUSTOMER)
    return lambda: services.case_resolve(case=case, by=w.officer_a, resolution="Done"), {case: ["status_changed"]}


def close(w, case_in, case_make):
    case = case_in(S.RESOLVED)
    return lambda: services.case_close(case=case, by=w.officer_a), {case: ["status_changed"]}


def reopen(w, case_in, case_make):
    case = case_in(S.CLOSED)
    return lambda: services.case_reopen(case=case, by=w.officer_a, reason="Back"), {case: ["status_changed"]}


def edit_details(w, case_in, case_make):
    case = case_in(S.IN_PROGRESS)
    return lambda: services.case_edit(case=case, by=w.officer_a, fields={"summary": "A bed"}), {
        case: ["details_changed"]
    }


def edit_priority(w, case_in, case_make):
    case = case_in(S.IN_PROGRESS)
    return lambda: services.case_edit(case=case, by=w.officer_a, fields={"priority": "high"}), {case: ["due_changed"]}


def extend(w, case_in, case_make):
    case = _complaint(w, case_make)
    return lambda: services.case_extend(case=case, by=w.officer_a, days=5, reason="Survey"), {case: ["extended"]}


def decide(w, case_in, case_make):
    case = _complaint(w, case_make)
    return lambda: services.case_resolve(case=case, by=w.officer_a, resolution="Sorry", decision=DECISION), {
        case: ["decided"]
    }


def escalate(w, case_in, case_make):
    case = _complaint(w, case_make, decided=True)
    return lambda: services.complaint_escalate(case=case, by=w.adviser, reason="Not happy"), {case: ["escalated"]}


def link(w, case_in, case_make):
    one, two = case_in(S.ROUTED), case_in(S.IN_PROGRESS)
    return lambda: services.case_link(case=one, other=two, by=w.officer_a), {one: ["linked"], two: ["linked"]}


def merge(w, case_in, case_make):
    duplicate, survivor = case_in(S.AWAITING_CUSTOMER), case_in(S.IN_PROGRESS)
    return lambda: services.case_merge(duplicate=duplicate, into=survivor, by=w.officer_a), {
        duplicate: ["merged"],
        survivor: ["merged"],
    }


def customer_merge(w, case_in, case_make):
    source = services.customer_create(by=w.adviser, fields={"name": "Rita R", "email": "rita@example.org"})
    moved = [case_make(customer=source), case_make(customer=source, topic=None)]
    kept = case_in(S.ROUTED)
    return lambda: services.customer_merge(source=source, target=kept.customer, by=w.team_manager), {
        moved[0]: ["customer_changed"],
        moved[1]: ["customer_changed"],
        kept: [],
    }


SCENARIOS = [
    assign, claim, claim_next, transfer, note, public_update,
    status("start", S.ROUTED), status("pause", S.IN_PROGRESS), status("resume", S.AWAITING_CUSTOMER),
    resolve, close, reopen, edit_details, edit_priority, extend, decide, escalate, link, merge, customer_merge,
]  # fmt: skip


def _state(cases):
    """The rows a call may change: the cases, their events and complaint stages, the customers."""
    pks = [case.pk for case in cases]
    return (
        list(Case.objects.filter(pk__in=pks).order_by("pk").values()),
        list(CaseEvent.objects.filter(case__in=pks).order_by("pk").values_list("pk", flat=True)),
        list(ComplaintStage.objects.filter(case__in=pks).order_by("pk").values()),
        list(Customer.objects.order_by("pk").values()),
    )


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.__name__)
def test_every_change_writes_exactly_one_event(world, response_standards, case_in, case_make, scenario):
    call, expected = scenario(world, case_in, case_make)
    last = {case.pk: CaseEvent.objects.filter(case=case).order_by("-id").values_list("id", flat=True).first()
            for case in expected}  # fmt: skip
    call()
    for case, kinds in expected.items():
        added = CaseEvent.objects.filter(case=case, id__gt=last[case.pk]).values_list("kind", flat=True)
        assert list(added) == kinds, case


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.__name__)
def test_a_failed_event_write_leaves_no_change(world, response_standards, case_in, case_make, scenario, monkeypatch):
    """The event is written in the change's transaction: when it fails, the change is undone."""
    call, expected = scenario(world, case_in, case_make)
    before = _state(expected)

    def refuse(*args, **kwargs):
        raise RuntimeError("the event could not be written")

    monkeypatch.setattr(CaseEvent, "save", refuse)
    monkeypatch.setattr(CaseEvent.objects, "bulk_create", refuse)
    with pytest.raises(RuntimeError):
        call()
    assert _state(expected) == before


def test_case_create_writes_created_and_routed(world, case_make):
    case = case_make()
    events = list(CaseEvent.objects.filter(case=case))
    assert [event.kind for event in events] == ["created", "routed"]
    assert events[1].data["rule"] == "Bulky waste" and events[1].data["to"] == world.team_a.name


def test_case_create_without_its_events_is_not_created(world, case_make, monkeypatch):
    real_save = CaseEvent.save

    def second_fails(event, *args, **kwargs):
        if event.kind == "routed":
            raise RuntimeError("the event could not be written")
        return real_save(event, *args, **kwargs)

    monkeypatch.setattr(CaseEvent, "save", second_fails)
    with pytest.raises(RuntimeError):
        case_make()
    assert not Case.objects.exists() and not CaseEvent.objects.exists()


@pytest.mark.parametrize(
    "call",
    [
        lambda w, c: services.case_transfer(case=c, team=w.team_b, by=w.officer_a, reason=""),
        lambda w, c: services.case_transfer(case=c, team=w.team_a, by=w.officer_a, reason="Same team"),
        lambda w, c: services.case_claim(case=c, by=w.officer_b),
        lambda w, c: services.case_assign(case=c, owner=w.officer_b, by=w.team_manager),
        lambda w, c: services.case_note_add(case=c, by=w.officer_a, text=" "),
        lambda w, c: services.case_update_publish(case=c, by=w.officer_a, text=""),
        lambda w, c: services.case_status_set(case=c, by=w.officer_a, action="resume"),
        lambda w, c: services.case_close(case=c, by=w.officer_a),
        lambda w, c: services.case_edit(case=c, by=w.officer_a, fields={"summary": c.summary}),
        lambda w, c: services.case_edit(case=c, by=w.officer_a, fields={"case_type": CaseType.COMPLAINT_STAGE_1}),
        lambda w, c: services.case_extend(case=c, by=w.officer_a, days=1, reason="Busy"),
        lambda w, c: services.complaint_escalate(case=c, by=w.officer_a, reason="Unhappy"),
        lambda w, c: services.case_link(case=c, other=c, by=w.officer_a),
        lambda w, c: services.case_merge(duplicate=c, into=c, by=w.officer_a),
        lambda w, c: services.case_resolve(case=c, by=w.officer_a, resolution="Done", version=c.version - 1),
    ],
)
def test_refused_calls_leave_no_event(world, response_standards, case_in, call):
    case = case_in(S.ROUTED)
    before = _state([case])
    with pytest.raises(ValidationError):
        call(world, case)
    assert _state([case]) == before


@pytest.fixture
def event(world, case_make):
    return CaseEvent.objects.filter(case=case_make()).first()


@pytest.mark.parametrize(
    "change",
    [
        lambda e: CaseEvent.objects.filter(pk=e.pk).update(text="rewritten"),
        lambda e: CaseEvent.objects.filter(pk=e.pk).delete(),
        lambda e: CaseEvent.objects.all().delete(),
        lambda e: (setattr(e, "text", "rewritten"), e.save()),
        lambda e: e.delete(),
    ],
    ids=["queryset update", "queryset delete", "delete all", "instance save", "instance delete"],
)
def test_the_database_refuses_to_change_an_event(event, change):
    with pytest.raises(InternalError, match="pgtrigger"), transaction.atomic():
        change(event)
    stored = CaseEvent.objects.get(pk=event.pk)
    assert stored.text == "" and stored.kind == "created"


def test_a_reference_collision_is_retried(world, case_make, monkeypatch):
    taken = case_make().reference
    fresh = iter([taken, taken, "XK7M-3QPD"])
    monkeypatch.setattr(services, "reference_make", lambda: next(fresh))
    case = case_make()
    assert case.reference == "XK7M-3QPD" and Case.objects.filter(reference=taken).count() == 1
    assert [e.kind for e in CaseEvent.objects.filter(case=case)] == ["created", "routed"]


def test_a_public_update_is_emailed_after_commit(world, case_in, django_capture_on_commit_callbacks):
    from core.models import OutboundEmail

    case = case_in(S.IN_PROGRESS)
    with django_capture_on_commit_callbacks() as callbacks:
        event = services.case_update_publish(case=case, by=world.officer_a, text="Booked for <Friday>")
    [email] = OutboundEmail.objects.all()
    assert email.to == "rita@example.org" and len(callbacks) == 1
    assert (event.kind, event.text, event.data) == ("public_update", "Booked for <Friday>", {"emailed": True})
    assert "&lt;Friday&gt;" in email.body_html and "<Friday>" not in email.body_html
    # A refused update queues nothing.
    closed = case_in(S.CLOSED)
    emails = OutboundEmail.objects.count()  # the update, and the survey sent when it was resolved
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(ValidationError):
        services.case_update_publish(case=closed, by=world.officer_a, text="Hello")
    assert OutboundEmail.objects.count() == emails and callbacks == []
