"""Complaints: stage 1 decided, escalated to stage 2 on the same case with its history kept, stage 2
never handled by the stage 1 handler (service and claim next), one extension per stage, a decision
needs its learning; compliments go to the named officer's team manager."""

import pytest
from django.core.exceptions import ValidationError

from cases import services
from cases.models import Case, CaseEvent, ComplaintStage, Status
from standards.models import CaseType

DECISION = services.ComplaintDecision(outcome="partly_upheld", root_cause="delay", action_taken="Crew retrained")


@pytest.fixture
def complaint(world, response_standards, case_make):
    """A stage 1 complaint about team A, claimed by officer A."""
    case = case_make(case_type=CaseType.COMPLAINT_STAGE_1, summary="Bins missed three times")
    assert case.team == world.team_a and case.standard == response_standards["stage_1"]
    return services.case_claim(case=case, by=world.officer_a)


@pytest.fixture
def stage_2(world, complaint):
    case = services.case_resolve(case=complaint, by=world.officer_a, resolution="Sorry", decision=DECISION)
    return services.complaint_escalate(case=case, by=world.adviser, reason="The customer is not satisfied")


def test_stage_1_decided_then_escalated_keeps_the_history(world, response_standards, complaint):
    stage_one = ComplaintStage.objects.get(case=complaint)
    assert (stage_one.stage, stage_one.handler, stage_one.decided_at) == (1, None, None)
    case = services.case_resolve(case=complaint, by=world.officer_a, resolution="Sorry", decision=DECISION)
    assert case.status == Status.RESOLVED
    stage_one.refresh_from_db()
    assert (stage_one.outcome, stage_one.root_cause, stage_one.action_taken, stage_one.handler) == (
        "partly_upheld", "delay", "Crew retrained", world.officer_a
    )  # fmt: skip
    decided = CaseEvent.objects.filter(case=case).latest("id")
    assert decided.kind == "decided" and decided.data["outcome"] == "partly_upheld" and decided.data["stage"] == 1
    history = list(CaseEvent.objects.filter(case=case).values_list("id", flat=True))

    case = services.complaint_escalate(case=case, by=world.adviser, reason="Not satisfied", version=case.version)
    assert Case.objects.filter(reference=case.reference).count() == 1
    assert (case.case_type, case.status, case.owner, case.team) == (
        CaseType.COMPLAINT_STAGE_2, Status.ROUTED, None, world.team_a
    )  # fmt: skip
    assert case.standard == response_standards["stage_2"] and case.extension_days == 0
    assert case.acknowledged_at is None and case.resolved_at is None and case.respond_met is None
    assert case.clock_started_at > case.received_at
    assert list(CaseEvent.objects.filter(case=case).values_list("id", flat=True))[: len(history)] == history
    escalated = CaseEvent.objects.filter(case=case).latest("id")
    assert (escalated.kind, escalated.text, escalated.data["stage_one_handler"]) == (
        "escalated", "Not satisfied", str(world.officer_a)
    )  # fmt: skip
    stages = list(ComplaintStage.objects.filter(case=case).values_list("stage", "outcome", "decided_at"))
    assert [(s, o, d is not None) for s, o, d in stages] == [(1, "partly_upheld", True), (2, "", False)]


def test_escalation_needs_a_decided_stage_1_and_a_reason(world, complaint):
    with pytest.raises(ValidationError) as raised:
        services.complaint_escalate(case=complaint, by=world.adviser, reason="Unhappy")
    assert raised.value.messages == ["Stage 1 has not been decided yet: resolve it first, then escalate"]
    with pytest.raises(ValidationError) as raised:
        services.complaint_escalate(case=complaint, by=world.adviser, reason="")
    assert raised.value.message_dict == {"reason": ["Enter why the customer wants the complaint escalated"]}


def test_only_stage_1_escalates(world, stage_2):
    with pytest.raises(ValidationError) as raised:
        services.complaint_escalate(case=stage_2, by=world.adviser, reason="Again")
    assert raised.value.messages == ["Only a stage 1 complaint can be escalated to stage 2"]


STAGE_1_HANDLER = "Owen Officer A handled stage 1 of this complaint: stage 2 must be handled by a different officer"


def test_stage_2_cannot_be_claimed_or_assigned_to_the_stage_1_handler(world, stage_2):
    for call in (
        lambda: services.case_claim(case=stage_2, by=world.officer_a),
        lambda: services.case_assign(case=stage_2, owner=world.officer_a, by=world.team_manager),
    ):
        with pytest.raises(ValidationError) as raised:
            call()
        assert raised.value.message_dict == {"owner": [STAGE_1_HANDLER]}
    assert Case.objects.get(pk=stage_2.pk).owner is None
    # Claim next passes it by for the stage 1 handler, and gives it to anyone else in the team.
    assert services.case_claim_next(team=world.team_a, by=world.officer_a) is None
    olive = world.directory["olive"].user
    assert services.case_claim_next(team=world.team_a, by=olive).pk == stage_2.pk


def test_stage_2_cannot_be_resolved_by_the_stage_1_handler(world, stage_2):
    olive = world.directory["olive"].user
    case = services.case_claim(case=stage_2, by=olive)
    with pytest.raises(ValidationError) as raised:
        services.case_resolve(case=case, by=world.officer_a, resolution="Upheld", decision=DECISION)
    assert raised.value.message_dict == {"owner": [STAGE_1_HANDLER]}
    assert Case.objects.get(pk=case.pk).status == Status.IN_PROGRESS
    case = services.case_resolve(case=case, by=olive, resolution="Upheld", decision=DECISION)
    assert ComplaintStage.objects.get(case=case, stage=2).handler == olive


def test_an_unowned_stage_2_resolved_by_the_stage_1_handler_is_refused(world, stage_2):
    with pytest.raises(ValidationError) as raised:
        services.case_resolve(case=stage_2, by=world.officer_a, resolution="Upheld", decision=DECISION)
    assert raised.value.message_dict == {"owner": [STAGE_1_HANDLER]}


def test_one_extension_per_stage(world, complaint):
    case = services.case_extend(case=complaint, by=world.officer_a, days=5, reason="Waiting for the crew")
    with pytest.raises(ValidationError) as raised:
        services.case_extend(case=case, by=world.officer_a, days=2, reason="More")
    assert raised.value.messages == [
        "An extension was already recorded for stage 1 of this complaint: only one is allowed"
    ]
    case = services.case_resolve(case=case, by=world.officer_a, resolution="Sorry", decision=DECISION)
    case = services.complaint_escalate(case=case, by=world.adviser, reason="Unhappy")
    case = services.case_extend(case=case, by=world.team_manager, days=10, reason="Independent review")
    with pytest.raises(ValidationError) as raised:
        services.case_extend(case=case, by=world.team_manager, days=1, reason="More")
    assert raised.value.messages == [
        "An extension was already recorded for stage 2 of this complaint: only one is allowed"
    ]
    reasons = dict(ComplaintStage.objects.filter(case=case).values_list("stage", "extension_reason"))
    assert reasons == {1: "Waiting for the crew", 2: "Independent review"}
    assert CaseEvent.objects.filter(case=case, kind="extended").count() == 2


@pytest.mark.parametrize(
    "decision, errors",
    [
        (None, None),
        (services.ComplaintDecision(outcome="", root_cause="", action_taken=" "), {
            "outcome": ["Select whether the complaint was upheld"],
            "root_cause": ["Select the root cause of the complaint"],
            "action_taken": ["Enter the action taken"],
        }),
        (services.ComplaintDecision(outcome="upheld", root_cause="delay", action_taken=""),
         {"action_taken": ["Enter the action taken"]}),
        (services.ComplaintDecision(outcome="maybe", root_cause="delay", action_taken="Apologised"),
         {"outcome": ["Value 'maybe' is not a valid choice."]}),
    ],
)  # fmt: skip
def test_a_decision_needs_outcome_root_cause_and_action(world, complaint, decision, errors):
    with pytest.raises(ValidationError) as raised:
        services.case_resolve(case=complaint, by=world.officer_a, resolution="Sorry", decision=decision)
    if errors is None:
        assert raised.value.messages == ["Record whether the complaint was upheld, its root cause and the action taken"]
    else:
        assert raised.value.message_dict == errors
    assert Case.objects.get(pk=complaint.pk).status == Status.IN_PROGRESS
    assert ComplaintStage.objects.get(case=complaint).decided_at is None


def test_reopening_a_decided_complaint_needs_a_new_decision(world, complaint):
    case = services.case_resolve(case=complaint, by=world.officer_a, resolution="Sorry", decision=DECISION)
    case = services.case_close(case=case, by=world.officer_a)
    case = services.case_reopen(case=case, by=world.officer_a, reason="New evidence")
    assert ComplaintStage.objects.get(case=case).decided_at is None
    with pytest.raises(ValidationError):
        services.case_resolve(case=case, by=world.officer_a, resolution="Again")
    case = services.case_resolve(case=case, by=world.officer_a, resolution="Again", decision=DECISION)
    assert ComplaintStage.objects.get(case=case).decided_at is not None


def test_a_compliment_goes_to_the_named_officers_team_manager(world, rules, case_make):
    olive = world.directory["olive"]
    case = case_make(case_type=CaseType.COMPLIMENT, named_officer=olive, topic=None, summary="Olive was lovely")
    assert (case.team, case.owner, case.status) == (world.team_a, world.team_manager, Status.ROUTED)
    routed = CaseEvent.objects.get(case=case, kind="routed")
    assert routed.data == {
        "rule": None, "reason": "A compliment for Olive Shareable: sent to their team manager", "to": world.team_a.name
    }  # fmt: skip


def test_a_compliment_for_a_team_without_a_manager_waits_in_its_queue(world, rules, case_make):
    case = case_make(case_type=CaseType.COMPLIMENT, named_officer=world.officer_b.officer, topic=None)
    assert (case.team, case.owner) == (world.team_b, None)


def test_claim_next_passes_by_only_the_stage_1_handler(world, stage_2):
    """A reopened stage 2 back in the queue: its own handler may claim it again, stage 1's may not."""
    olive = world.directory["olive"].user
    case = services.case_claim(case=stage_2, by=olive)
    case = services.case_resolve(case=case, by=olive, resolution="Upheld", decision=DECISION)
    case = services.case_reopen(case=case, by=olive, reason="More to do")
    services.case_assign(case=case, owner=None, by=world.team_manager)
    assert services.case_claim_next(team=world.team_a, by=world.officer_a) is None
    assert services.case_claim_next(team=world.team_a, by=olive).pk == case.pk
