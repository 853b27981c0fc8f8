"""Due times: set from the standard on the team's calendar, recomputed by a type or priority change,
stopped while waiting on the customer, met or missed at the first response and the resolution, a
complaint's reply counted from its acknowledgement, and one extension within the standard's
maximum. Expected times come from standards.selectors.due_times, the one place the arithmetic lives,
plus a few written out by hand."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cases import services
from cases.models import Case, CaseEvent, CasePause, ComplaintStage, Status
from core.changes import value_as_json
from standards import selectors as standards
from standards import services as standards_services
from standards.models import CaseType, Channel
from standards.worktime import working_time_between

# A Monday afternoon with no bank holiday near it (the standards started a year before today).
MONDAY_3PM = timezone.make_aware(dt.datetime(2026, 11, 16, 15, 0))


def _local(value):
    return timezone.localtime(value).replace(tzinfo=None)


def _calendar(case):
    return standards.working_calendar(standards.calendar_for_team(case.team))


def _expected(case, standard, **kwargs):
    return standards.due_times(standard=standard, calendar=_calendar(case), received_at=case.clock_started_at, **kwargs)


def _raise(world, received_at=None, **fields):
    values = {"case_type": CaseType.SERVICE_REQUEST, "channel": Channel.EMAIL, "topic": world.directory["bulky"],
              "summary": "Collect a sofa", "description": "By the door."}  # fmt: skip
    values.update(fields)
    return services.case_create(by=world.adviser, fields=values, received_at=received_at)


@pytest.fixture
def team_a_calendar(world):
    """Team A works 9am to 5pm, Monday to Friday, on its own calendar (the council's is 8:45 to 5:15)."""
    calendar = world.standards["calendar_a"]
    nine_to_five = [(dt.time(9), dt.time(17))]
    standards_services.calendar_hours_set(calendar=calendar, by=None, hours=dict.fromkeys(range(5), nine_to_five))
    standards_services.calendar_teams_set(calendar=calendar, by=None, teams=[world.team_a])
    return calendar


def test_creation_sets_due_times_on_the_teams_calendar(world, rules, response_standards, team_a_calendar):
    case = _raise(world, received_at=MONDAY_3PM)
    assert case.team == world.team_a and case.standard == response_standards["email"]
    # 4 working hours: 3pm to 5pm on Monday, then 9am to 11am on Tuesday (10:30 on the council's).
    assert _local(case.acknowledge_by) == dt.datetime(2026, 11, 17, 11, 0)
    due = _expected(case, response_standards["email"])
    assert (case.acknowledge_by, case.respond_by) == (due.acknowledge_by, due.respond_by)
    council = standards.due_times(
        standard=response_standards["email"],
        calendar=standards.working_calendar(standards.council_calendar()),
        received_at=MONDAY_3PM,
    )
    assert council.acknowledge_by != case.acknowledge_by


def test_no_standard_no_due_times(world, rules):
    case = _raise(world)
    assert (case.standard, case.acknowledge_by, case.respond_by) == (None, None, None)


def test_a_priority_change_recomputes_the_due_times(world, rules, response_standards):
    case = _raise(world, received_at=MONDAY_3PM)
    before = (case.acknowledge_by, case.respond_by)
    last = CaseEvent.objects.filter(case=case).latest("id").id
    case = services.case_edit(case=case, by=world.officer_a, fields={"priority": "high"}, version=case.version)
    assert case.standard == response_standards["high"]
    due = _expected(case, response_standards["high"])
    assert (case.acknowledge_by, case.respond_by) == (due.acknowledge_by, due.respond_by)
    stored = Case.objects.get(pk=case.pk)
    assert (stored.standard_id, stored.acknowledge_by, stored.respond_by) == (
        response_standards["high"].pk, due.acknowledge_by, due.respond_by
    )  # fmt: skip
    [event] = CaseEvent.objects.filter(case=case, id__gt=last)
    assert event.kind == "due_changed"
    assert event.data["changes"] == {"priority": ["normal", "high"]}
    assert event.data["due"] == {
        "from": {"acknowledge_by": value_as_json(before[0]), "respond_by": value_as_json(before[1])},
        "to": {"acknowledge_by": value_as_json(due.acknowledge_by), "respond_by": value_as_json(due.respond_by)},
    }


def test_a_type_change_recomputes_the_due_times(world, rules, response_standards):
    enquiries = standards_services.standard_create(by=None, fields={
        "case_type": CaseType.COUNCILLOR_ENQUIRY, "acknowledge_within": 3, "respond_within": 15,
        "effective_from": response_standards["general"].effective_from, "public_wording": "15 days",
    })  # fmt: skip
    case = _raise(world, received_at=MONDAY_3PM)
    case = services.case_edit(case=case, by=world.officer_a, fields={"case_type": CaseType.COUNCILLOR_ENQUIRY})
    due = _expected(case, enquiries)
    assert (case.standard, case.acknowledge_by, case.respond_by) == (enquiries, due.acknowledge_by, due.respond_by)
    assert CaseEvent.objects.filter(case=case).latest("id").kind == "due_changed"


def test_a_change_that_moves_no_time_is_a_details_change(world, rules, response_standards):
    case = _raise(world, received_at=MONDAY_3PM)
    before = (case.acknowledge_by, case.respond_by)
    case = services.case_edit(case=case, by=world.officer_a, fields={"case_type": CaseType.PROBLEM_REPORT})
    assert (case.acknowledge_by, case.respond_by) == before
    assert CaseEvent.objects.filter(case=case).latest("id").kind == "details_changed"


@pytest.fixture
def paused_case(world, rules, response_standards):
    """A phone request (the general standard: reply in 10 working days) received a week ago and
    waiting on the customer for the last three days."""
    now = timezone.now()
    case = _raise(world, received_at=now - dt.timedelta(days=7), channel=Channel.PHONE)
    assert case.standard == response_standards["general"]
    case = services.case_status_set(case=case, by=world.officer_a, action="start")
    case = services.case_status_set(case=case, by=world.officer_a, action="pause", reason="Photos of the sofa")
    assert (case.status, case.paused_at is not None) == (Status.AWAITING_CUSTOMER, True)
    paused_from = now - dt.timedelta(days=3)
    CasePause.objects.filter(case=case).update(started_at=paused_from)
    Case.objects.filter(pk=case.pk).update(paused_at=paused_from)
    return case


@pytest.mark.parametrize("how", ["resume", "resolve"])
def test_the_paused_working_time_is_added_back(world, response_standards, paused_case, how):
    before = paused_case.respond_by
    if how == "resume":
        case = services.case_status_set(case=paused_case, by=world.officer_a, action="resume")
        assert case.status == Status.IN_PROGRESS
    else:
        case = services.case_resolve(case=paused_case, by=world.officer_a, resolution="Collected")
        assert case.status == Status.RESOLVED and case.respond_met is True
    pause = CasePause.objects.get(case=case)
    assert pause.ended_at is not None and case.paused_at is None
    due = _expected(case, response_standards["general"], pauses=[(pause.started_at, pause.ended_at)])
    assert case.respond_by == due.respond_by == Case.objects.get(pk=case.pk).respond_by
    # Later by exactly the working time the pause covered; the acknowledge-by time does not move.
    calendar = _calendar(case)
    paused = working_time_between(calendar, pause.started_at, pause.ended_at)
    assert paused > dt.timedelta(0)
    assert working_time_between(calendar, before, case.respond_by) == paused
    assert case.acknowledge_by == paused_case.acknowledge_by


def test_an_update_while_paused_is_accepted(world, paused_case):
    """The open pause counts to now: the first update (the acknowledgement) does not fail on it."""
    services.case_update_publish(case=paused_case, by=world.officer_a, text="We are waiting for your photos")
    case = Case.objects.get(pk=paused_case.pk)
    assert case.acknowledged_at is not None and case.respond_by >= paused_case.respond_by


@pytest.mark.parametrize("days_ago, met", [(0, True), (30, False)])
def test_first_response_met_or_missed(world, rules, response_standards, days_ago, met):
    case = _raise(world, received_at=timezone.now() - dt.timedelta(days=days_ago))
    services.case_update_publish(case=case, by=world.officer_a, text="Booked for Friday")
    case.refresh_from_db()
    first = case.acknowledged_at
    assert first is not None and case.acknowledge_met is met
    services.case_update_publish(case=case, by=world.officer_a, text="The crew is on its way")
    case.refresh_from_db()
    assert case.acknowledged_at == first and case.acknowledge_met is met
    case = services.case_resolve(case=case, by=world.officer_a, resolution="Collected")
    assert case.respond_met is met and case.responded_at == case.resolved_at
    assert CaseEvent.objects.filter(case=case).latest("id").data["respond_met"] is met


@pytest.mark.parametrize("days_ago, met", [(0, True), (30, False)])
def test_resolution_without_an_update_is_both_responses(world, rules, response_standards, days_ago, met):
    case = _raise(world, received_at=timezone.now() - dt.timedelta(days=days_ago))
    case = services.case_resolve(case=case, by=world.officer_a, resolution="Collected")
    assert case.acknowledged_at == case.responded_at == case.resolved_at
    assert (case.acknowledge_met, case.respond_met) == (met, met)


def _complaint(world, received_at):
    return _raise(world, received_at=received_at, case_type=CaseType.COMPLAINT_STAGE_1, summary="Missed bins")


def test_a_complaints_reply_is_counted_from_its_acknowledgement(world, rules, response_standards):
    stage_1 = response_standards["stage_1"]
    case = _complaint(world, timezone.now() - dt.timedelta(days=2))
    unacknowledged = _expected(case, stage_1)
    assert (case.acknowledge_by, case.respond_by) == (unacknowledged.acknowledge_by, unacknowledged.respond_by)
    services.case_update_publish(case=case, by=world.officer_a, text="We have your complaint")
    case.refresh_from_db()
    assert case.acknowledge_met is True
    due = _expected(case, stage_1, acknowledged_at=case.acknowledged_at)
    assert (case.acknowledge_by, case.respond_by) == (due.acknowledge_by, due.respond_by)
    # Acknowledged before it was due, so the reply falls due earlier than the latest it could.
    assert case.respond_by < unacknowledged.respond_by


def test_a_late_complaint_answered_at_once_is_late_twice(world, rules, response_standards):
    """The resolution is the acknowledgement and the reply: the reply clock does not restart at it."""
    case = _complaint(world, timezone.now() - dt.timedelta(days=60))
    case = services.case_claim(case=case, by=world.officer_a)
    decision = services.ComplaintDecision(outcome="upheld", root_cause="delay", action_taken="Apologised")
    case = services.case_resolve(case=case, by=world.officer_a, resolution="Sorry", decision=decision)
    assert (case.acknowledge_met, case.respond_met) == (False, False)


def test_an_extension_within_the_maximum_once(world, rules, response_standards):
    case = _complaint(world, MONDAY_3PM)
    for days, message in ((0, "Enter a number of working days from 1 to 10"),
                          (11, "Enter a number of working days from 1 to 10")):  # fmt: skip
        with pytest.raises(ValidationError) as raised:
            services.case_extend(case=case, by=world.officer_a, days=days, reason="Site visit")
        assert raised.value.message_dict == {"days": [message]}
    with pytest.raises(ValidationError) as raised:
        services.case_extend(case=case, by=world.officer_a, days=5, reason=" ")
    assert raised.value.message_dict == {"reason": ["Enter why more time is needed"]}
    case = services.case_extend(case=case, by=world.officer_a, days=10, reason="Site visit", version=case.version)
    due = _expected(case, response_standards["stage_1"], extension_days=10)
    assert (case.extension_days, case.respond_by) == (10, due.respond_by)
    stage = ComplaintStage.objects.get(case=case, stage=1)
    assert stage.extension_reason == "Site visit" and stage.extended_at is not None
    event = CaseEvent.objects.filter(case=case).latest("id")
    assert (event.kind, event.text, event.data["days"]) == ("extended", "Site visit", 10)
    with pytest.raises(ValidationError) as raised:
        services.case_extend(case=case, by=world.officer_a, days=1, reason="More")
    assert raised.value.messages == [
        "An extension was already recorded for stage 1 of this complaint: only one is allowed"
    ]


def test_no_extension_where_the_standard_allows_none(world, rules, response_standards):
    case = _raise(world)
    with pytest.raises(ValidationError) as raised:
        services.case_extend(case=case, by=world.officer_a, days=1, reason="Busy")
    assert raised.value.messages == ["The standard for this case allows no extension"]


def test_a_case_waiting_on_the_customer_is_not_late_on_its_reply(world, paused_case):
    now = timezone.now()
    overdue = Case.objects.overdue
    services.case_update_publish(case=paused_case, by=world.officer_a, text="Waiting for your photos")
    Case.objects.filter(pk=paused_case.pk).update(respond_by=now - dt.timedelta(hours=1))
    assert not overdue(now=now).filter(pk=paused_case.pk).exists()
    # Already late when the wait began: still late.
    Case.objects.filter(pk=paused_case.pk).update(respond_by=now - dt.timedelta(days=4))
    assert overdue(now=now).filter(pk=paused_case.pk).exists()
    case = services.case_status_set(case=paused_case, by=world.officer_a, action="resume")
    Case.objects.filter(pk=case.pk).update(respond_by=now - dt.timedelta(hours=1))
    assert overdue(now=now).filter(pk=case.pk).exists()
