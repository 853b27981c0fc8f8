"""Transfers (a reason, a handoff counted except for the first routing out of triage, no owner, due
times on the new team's calendar), merging a duplicate case into another, and linking cases."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cases import services
from cases.models import Case, CaseEvent, CasePause, Status
from standards import selectors as standards
from standards import services as standards_services


def _events(case):
    return list(CaseEvent.objects.filter(case=case).values_list("kind", flat=True))


def test_a_transfer_needs_a_reason(world, case_in):
    case = services.case_claim(case=case_in(Status.ROUTED), by=world.officer_a)
    for reason in ("", "   "):
        with pytest.raises(ValidationError) as raised:
            services.case_transfer(case=case, team=world.team_b, by=world.officer_a, reason=reason)
        assert raised.value.message_dict == {"reason": ["Enter why the case is being transferred"]}
    stored = Case.objects.get(pk=case.pk)
    assert (stored.team, stored.owner, stored.handoff_count) == (world.team_a, world.officer_a, 0)


def test_a_transfer_to_the_same_team_is_refused(world, case_in):
    case = case_in(Status.ROUTED)
    with pytest.raises(ValidationError) as raised:
        services.case_transfer(case=case, team=world.team_a, by=world.officer_a, reason="Again")
    assert raised.value.message_dict == {"team": ["The case is already with Waste collections"]}


def test_the_first_routing_from_triage_is_not_a_handoff(world, case_in):
    case = case_in(Status.NEW)
    assert case.team is None
    case = services.case_transfer(case=case, team=world.team_a, by=world.team_manager, reason="Bins")
    assert (case.status, case.team, case.handoff_count) == (Status.ROUTED, world.team_a, 0)
    event = CaseEvent.objects.filter(case=case).latest("id")
    assert (event.kind, event.text, event.data["from"], event.data["handoff"]) == (
        "transferred",
        "Bins",
        "Triage",
        False,
    )
    case = services.case_transfer(case=case, team=world.team_b, by=world.team_manager, reason="Housing")
    case = services.case_transfer(case=case, team=world.team_a, by=world.service_manager, reason="Bins after all")
    assert case.handoff_count == 2 == Case.objects.get(pk=case.pk).handoff_count


def test_a_transfer_resets_the_owner_and_counts_a_handoff(world, case_in):
    case = services.case_claim(case=case_in(Status.ROUTED), by=world.officer_a)
    assert case.owner == world.officer_a
    case = services.case_transfer(case=case, team=world.team_b, by=world.officer_a, reason="A housing matter",
                                  version=case.version)  # fmt: skip
    stored = Case.objects.get(pk=case.pk)
    assert (stored.team, stored.service_area, stored.owner, stored.status, stored.handoff_count) == (
        world.team_b, world.area_b, None, Status.ROUTED, 1
    )  # fmt: skip
    event = CaseEvent.objects.filter(case=case).latest("id")
    assert event.data["from"] == "Waste collections" and event.data["to"] == "Housing options"
    assert event.data["handoff"] is True and event.text == "A housing matter"
    # Now team B's: officer B may claim it, officer A no longer works it.
    assert services.case_claim(case=case, by=world.officer_b).owner == world.officer_b


def test_a_transfer_recomputes_the_due_times_on_the_new_teams_calendar(world, response_standards, case_make):
    """Team B works only mornings, so the same case falls due at other times there."""
    calendar = world.standards["calendar_b"]
    mornings = [(dt.time(9), dt.time(12, 30))]
    standards_services.calendar_hours_set(calendar=calendar, by=None, hours=dict.fromkeys(range(5), mornings))
    standards_services.calendar_teams_set(calendar=calendar, by=None, teams=[world.team_b])
    case = case_make()
    before = (case.acknowledge_by, case.respond_by)
    case = services.case_transfer(case=case, team=world.team_b, by=world.officer_a, reason="Housing")
    assert standards.calendar_for_team(case.team) == calendar
    due = standards.due_times(
        standard=case.standard, calendar=standards.working_calendar(calendar), received_at=case.received_at
    )
    assert (case.acknowledge_by, case.respond_by) == (due.acknowledge_by, due.respond_by)
    assert case.acknowledge_by != before[0] and case.respond_by != before[1]
    assert timezone.localtime(case.respond_by).time() == dt.time(12, 30)  # close of business there
    event = CaseEvent.objects.filter(case=case).latest("id")
    assert event.data["due"]["to"]["respond_by"] != event.data["due"]["from"]["respond_by"]


def test_a_transfer_ends_the_wait_on_the_customer(world, case_in):
    case = case_in(Status.AWAITING_CUSTOMER)
    case = services.case_transfer(case=case, team=world.team_b, by=world.officer_a, reason="Housing")
    assert (case.status, case.paused_at) == (Status.ROUTED, None)
    assert not CasePause.objects.filter(case=case, ended_at__isnull=True).exists()


def test_merging_a_duplicate(world, case_in):
    duplicate, survivor = case_in(Status.AWAITING_CUSTOMER), case_in(Status.IN_PROGRESS)
    other = case_in(Status.ROUTED)
    services.case_link(case=duplicate, other=other, by=world.officer_a)
    history = {case.pk: _events(case) for case in (duplicate, survivor)}
    into = services.case_merge(duplicate=duplicate, into=survivor, by=world.officer_a, version=None)
    assert into.pk == survivor.pk and into.status == Status.IN_PROGRESS
    duplicate.refresh_from_db()
    assert (duplicate.status, duplicate.merged_into, duplicate.paused_at) == (Status.CLOSED, survivor, None)
    assert duplicate.resolution == f"Merged into {survivor.reference}" and duplicate.closed_at is not None
    assert not CasePause.objects.filter(case=duplicate, ended_at__isnull=True).exists()
    # Both timelines say so; the events and links of both are kept.
    assert _events(duplicate) == [*history[duplicate.pk], "merged"]
    assert _events(survivor) == [*history[survivor.pk], "merged"]
    assert CaseEvent.objects.filter(case=duplicate).latest("id").data["into"] == survivor.reference
    assert CaseEvent.objects.filter(case=survivor).latest("id").data["duplicate"] == duplicate.reference
    assert set(duplicate.related.values_list("pk", flat=True)) == {survivor.pk, other.pk}
    assert set(survivor.related.values_list("pk", flat=True)) == {duplicate.pk}
    assert set(other.related.values_list("pk", flat=True)) == {duplicate.pk}


def test_merge_refusals(world, case_in):
    one, two = case_in(Status.ROUTED), case_in(Status.IN_PROGRESS)
    closed = case_in(Status.CLOSED)
    cases = [
        (one, one, {"reference": ["A case cannot be merged into itself"]}),
        (one, closed, {"reference": [f"{closed.reference} is closed: reopen it first"]}),
    ]
    for duplicate, into, errors in cases:
        with pytest.raises(ValidationError) as raised:
            services.case_merge(duplicate=duplicate, into=into, by=world.officer_a)
        assert raised.value.message_dict == errors
    stale = one.version
    services.case_note_add(case=one, by=world.officer_a, text="Notes do not make a page stale")
    services.case_edit(case=one, by=world.officer_a, fields={"summary": "Sofa and chair"})
    with pytest.raises(services.CaseConflict):
        services.case_merge(duplicate=one, into=two, by=world.officer_a, version=stale)
    services.case_merge(duplicate=one, into=two, by=world.officer_a)
    with pytest.raises(ValidationError) as raised:
        services.case_merge(duplicate=one, into=two, by=world.officer_a)
    assert raised.value.messages == ["You cannot merge a case that is closed"]
    with pytest.raises(ValidationError) as raised:
        services.case_merge(duplicate=two, into=one, by=world.officer_a)
    assert raised.value.message_dict == {"reference": [f"{one.reference} was itself merged into another case"]}


def test_a_merged_duplicate_cannot_be_reopened(world, case_in):
    duplicate, survivor = case_in(Status.IN_PROGRESS), case_in(Status.IN_PROGRESS)
    services.case_merge(duplicate=duplicate, into=survivor, by=world.officer_a)
    with pytest.raises(ValidationError) as raised:
        services.case_reopen(case=duplicate, by=world.officer_a, reason="Oops")
    assert raised.value.messages == [
        f"This case was merged into {survivor.reference}: work on that case, or link a new one to it"
    ]
    assert Case.objects.get(pk=duplicate.pk).status == Status.CLOSED


def test_linking_cases_both_ways(world, case_in):
    one, two = case_in(Status.ROUTED), case_in(Status.RESOLVED)
    returned = services.case_link(case=one, other=two, by=world.officer_a)
    assert returned.pk == one.pk
    assert list(one.related.values_list("pk", flat=True)) == [two.pk]
    assert list(two.related.values_list("pk", flat=True)) == [one.pk]
    assert CaseEvent.objects.filter(case=one).latest("id").data == {"reference": two.reference}
    assert CaseEvent.objects.filter(case=two).latest("id").data == {"reference": one.reference}
    for other, case, message in ((two, one, f"{one.reference} is already linked to this case"),
                                 (one, two, f"{two.reference} is already linked to this case"),
                                 (one, one, "A case cannot be linked to itself")):  # fmt: skip
        with pytest.raises(ValidationError) as raised:
            services.case_link(case=other, other=case, by=world.officer_a)
        assert raised.value.message_dict == {"reference": [message]}
    assert CaseEvent.objects.filter(kind="linked").count() == 2
