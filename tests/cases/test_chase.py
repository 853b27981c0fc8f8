"""The chaser (cases.services.chase_run) in travelled time: warnings, each ladder step, the
holding update on the promised date, paused cases, absent-officer cover, exactly once.

The council calendar is 8:45 to 17:15 Monday to Thursday, to 16:45 on Friday. Every case here is
a bulky waste request by email (the "email" standard: acknowledge within 4 working hours, reply
within 5 working days), received at 10:00 on Tuesday 8 December 2026, routed to team A."""

import datetime as dt

import pytest
import time_machine

from cases import chase, services
from cases.models import Case, CaseEvent, ChaseKind, ChaseStep, EventKind, Status
from core.models import OutboundEmail
from standards.models import ChasePolicy, Priority

from .chasing import RECEIVED, at, run


def steps(case) -> list[tuple[str, int]]:
    return sorted(ChaseStep.objects.filter(case=case).values_list("kind", "level"))


def test_a_new_case_is_due_for_a_look_and_nothing_is_owed_yet(owned):
    assert owned.acknowledge_by == at(8, 14)
    report = run(at(8, 11))
    assert report.cases == 1 and report.total == 0
    owned.refresh_from_db()
    # The warning two working hours before acknowledge-by is the next thing owed.
    assert owned.chase_at == at(8, 12)
    assert run(at(8, 11, 30)).cases == 0  # not due: not even read


def test_the_owner_is_warned_before_the_acknowledgement_is_due_once(world, owned):
    run(at(8, 11))
    report = run(at(8, 12))
    assert report.steps == {ChaseKind.WARN_ACKNOWLEDGE: 1}
    step = ChaseStep.objects.get(case=owned)
    assert step.recipient_ids == [world.officer_a.pk] and step.notified_at is not None
    event = CaseEvent.objects.get(case=owned, kind=EventKind.CHASED)
    assert event.data["step"] == ChaseKind.WARN_ACKNOWLEDGE and event.data["to"] == ["Owen Officer A"]
    digest = OutboundEmail.objects.get(purpose="chase_digest")
    assert digest.to == world.officer_a.email
    assert owned.reference in digest.body_text and "is due by 2pm today" in digest.body_text
    # The same moment again, and again later: nothing more is sent for that warning.
    assert run(at(8, 12)).total == 0
    assert run(at(8, 13)).total == 0
    assert OutboundEmail.objects.filter(purpose="chase_digest").count() == 1


def test_a_missed_acknowledgement_goes_up_the_ladder_one_step_a_working_day(world, owned):
    run(at(8, 12))
    assert run(at(8, 14)).steps == {ChaseKind.ESCALATE_ACKNOWLEDGE: 1}
    # 8 working hours after 14:00 on Tuesday: 3h15 on Tuesday, 4h45 on Wednesday, so 13:30.
    assert run(at(9, 13, 29)).total == 0
    assert run(at(9, 13, 30)).steps == {ChaseKind.ESCALATE_ACKNOWLEDGE: 1}
    second = ChaseStep.objects.get(case=owned, kind=ChaseKind.ESCALATE_ACKNOWLEDGE, level=1)
    assert second.recipient_ids == [world.team_manager.pk]
    # Area A has no service manager: the third step reaches the administrators, and says why.
    assert run(at(10, 13)).steps == {ChaseKind.ESCALATE_ACKNOWLEDGE: 1}
    third = ChaseStep.objects.get(case=owned, kind=ChaseKind.ESCALATE_ACKNOWLEDGE, level=2)
    assert third.recipient_ids == [world.administrator.pk]
    assert "Nobody to tell as the service manager: told the administrators instead" in third.note
    assert run(at(11, 16)).total == 0  # the ladder has three steps
    owned.refresh_from_db()
    assert owned.chase_at is not None and owned.chase_at > at(11, 16)  # the reply's warning


def test_an_acknowledged_case_is_not_escalated(world, owned):
    run(at(8, 12))
    with time_machine.travel(at(8, 13), tick=False):
        services.case_update_publish(case=owned, by=world.officer_a, text="We have your request")
    assert run(at(8, 15)).total == 0
    assert not ChaseStep.objects.filter(kind=ChaseKind.ESCALATE_ACKNOWLEDGE).exists()


def test_an_unowned_case_warns_the_team(world, response_standards, case_make, policy):
    with time_machine.travel(RECEIVED, tick=False):
        case = case_make()
    run(at(8, 12))
    step = ChaseStep.objects.get(case=case)
    team_a = {world.officer_a.pk, world.team_manager.pk, world.directory["olive"].user_id,
              world.directory["hugo"].user_id}  # fmt: skip
    assert set(step.recipient_ids) == team_a
    assert OutboundEmail.objects.filter(purpose="chase_digest").count() == 4


def test_a_case_whose_owner_has_left_goes_to_the_team_and_says_so(world, owned):
    world.officer_a.is_active = False
    world.officer_a.save(update_fields=["is_active"])
    run(at(8, 12))
    step = ChaseStep.objects.get(case=owned)
    assert world.officer_a.pk not in step.recipient_ids and world.team_manager.pk in step.recipient_ids
    assert "the owner, who has left" in step.note


def _acknowledged(world, case):
    with time_machine.travel(at(8, 11), tick=False):
        return services.case_update_publish(case=case, by=world.officer_a, text="We have it")


def test_the_resident_gets_a_holding_update_on_the_promised_date(world, owned, customer):
    _acknowledged(world, owned)
    owned.refresh_from_db()
    promised = owned.respond_by
    assert promised == at(15, 17, 15)  # close of business on the 5th working day after receipt
    run(at(15, 17, 14))
    assert not ChaseStep.objects.filter(kind=ChaseKind.HOLDING_UPDATE).exists()
    report = run(at(15, 17, 15))
    assert report.steps[ChaseKind.HOLDING_UPDATE] == 1
    owned.refresh_from_db()
    # Five working days from the update (sent after Tuesday's close, so counted from Wednesday):
    # Wednesday 23 December, close of business.
    assert owned.expected_by == at(23, 17, 15)
    update = CaseEvent.objects.get(case=owned, kind=EventKind.PUBLIC_UPDATE, data__chaser=ChaseKind.HOLDING_UPDATE)
    assert "We now expect to reply by Wednesday 23 December." in update.text
    assert "an officer in our Waste collections team is still working on it" in update.text
    email = OutboundEmail.objects.get(purpose=ChaseKind.HOLDING_UPDATE)
    assert email.to == customer.email and "23 December" in email.body_text
    # Nothing more changes, and the new date arrives: another update, with another date.
    assert run(at(16, 10)).steps.get(ChaseKind.HOLDING_UPDATE) is None
    assert run(at(23, 17, 15)).steps[ChaseKind.HOLDING_UPDATE] == 1
    assert ChaseStep.objects.filter(case=owned, kind=ChaseKind.HOLDING_UPDATE).count() == 2


def test_a_resolved_case_is_no_longer_chased(world, owned):
    with time_machine.travel(at(8, 11), tick=False):
        services.case_resolve(case=owned, by=world.officer_a, resolution="Collected")
    owned.refresh_from_db()
    assert owned.chase_at is None
    assert run(at(20, 12)).cases == 0


def test_a_paused_case_reminds_the_customer_instead(world, owned, customer):
    _acknowledged(world, owned)
    with time_machine.travel(at(9, 10), tick=False):
        owned = services.case_status_set(case=owned, by=world.officer_a, action="start")
        services.case_status_set(case=owned, by=world.officer_a, action="pause", reason="Photos of the sofa")
    # Three working days after the pause: close of business on Monday 14 December.
    run(at(14, 17, 14))
    assert not ChaseStep.objects.filter(kind=ChaseKind.CUSTOMER_REMINDER).exists()
    assert run(at(14, 17, 15)).steps == {ChaseKind.CUSTOMER_REMINDER: 1}
    reminder = CaseEvent.objects.get(case=owned, kind=EventKind.PUBLIC_UPDATE, data__chaser=ChaseKind.CUSTOMER_REMINDER)
    assert "waiting for something from you before we can carry on: Photos of the sofa." in reminder.text
    # The promised date passes while paused: a reminder again, not a holding update, and no
    # escalation of the reply (its clock stands still).
    run(at(15, 17, 15))
    kinds = steps(owned)
    assert (ChaseKind.HOLDING_UPDATE, 0) not in kinds
    assert kinds.count((ChaseKind.CUSTOMER_REMINDER, 0)) == 2
    assert not ChaseStep.objects.filter(kind=ChaseKind.ESCALATE_RESPOND).exists()


def test_a_customer_without_email_is_flagged_for_a_phone_call(world, owned, customer):
    services.customer_update(customer=customer, by=world.adviser, fields={"email": ""})
    _acknowledged(world, owned)
    run(at(15, 17, 15))
    step = ChaseStep.objects.get(case=owned, kind=ChaseKind.HOLDING_UPDATE)
    assert step.needs_call and step.recipient_ids == [world.officer_a.pk]
    assert not OutboundEmail.objects.filter(purpose=ChaseKind.HOLDING_UPDATE).exists()
    digest = OutboundEmail.objects.filter(to=world.officer_a.email, purpose="chase_digest").latest("id")
    assert "Residents to phone" in digest.body_text and customer.phone in digest.body_text
    update = CaseEvent.objects.get(case=owned, kind=EventKind.PUBLIC_UPDATE, data__chaser=ChaseKind.HOLDING_UPDATE)
    assert update.data["emailed"] is False
    services.chase_call_record(step=step, by=world.officer_a)
    step.refresh_from_db()
    assert step.called_at is not None


def _away(officer_user, since: dt.datetime):
    from directory import services as directory_services
    from directory.models import Absence

    return directory_services.entry_create(model=Absence, by=None, fields={
        "officer": officer_user.officer, "starts_at": since, "ends_at": since + dt.timedelta(days=5),
        "reason": Absence.Reason.SICKNESS,
    })  # fmt: skip


def test_an_absent_owners_urgent_case_goes_back_to_the_team_queue(world, owned):
    with time_machine.travel(RECEIVED, tick=False):
        owned = services.case_edit(case=owned, by=world.team_manager, fields={"priority": Priority.HIGH})
    _acknowledged(world, owned)
    _away(world.officer_a, at(9, 8, 45))
    run(at(9, 12))  # 3h15 of working time away: not yet
    owned.refresh_from_db()
    assert owned.owner == world.officer_a
    run(at(9, 12, 45))  # four working hours
    owned.refresh_from_db()
    assert owned.owner is None and owned.status == Status.ROUTED
    event = CaseEvent.objects.get(case=owned, kind=EventKind.HANDED_BACK)
    assert "has been away since" in event.text and "Sickness" not in event.text and "sick" not in event.text
    step = ChaseStep.objects.get(case=owned, kind=ChaseKind.HANDED_BACK)
    assert world.team_manager.pk in step.recipient_ids
    # Once per absence, however often the chaser runs.
    run(at(9, 15))
    assert ChaseStep.objects.filter(case=owned, kind=ChaseKind.HANDED_BACK).count() == 1


def test_a_normal_priority_case_stays_with_its_absent_owner(world, owned):
    _acknowledged(world, owned)
    _away(world.officer_a, at(9, 8, 45))
    run(at(10, 12))
    owned.refresh_from_db()
    assert owned.owner == world.officer_a


def test_a_lead_time_longer_than_the_standard_warns_halfway(world, owned, policy):
    ChasePolicy.objects.filter(pk=policy.pk).update(warn_lead_hours=40)
    run(at(8, 11, 59))
    assert run(at(8, 12)).steps == {ChaseKind.WARN_ACKNOWLEDGE: 1}
    assert chase.HALFWAY_NOTE in ChaseStep.objects.get(case=owned).note


def test_a_worker_down_for_days_catches_up_each_step_once(world, owned):
    # Nothing ran for a week: every step whose time has come is taken in the one run.
    report = run(at(15, 17, 16))
    assert report.steps[ChaseKind.ESCALATE_ACKNOWLEDGE] == 3
    assert report.steps[ChaseKind.ESCALATE_RESPOND] == 1
    assert ChaseKind.WARN_ACKNOWLEDGE not in report.steps  # its due time had passed
    assert run(at(15, 17, 16)).total == 0


def test_chase_steps_are_unique_in_the_database(owned):
    from django.db import IntegrityError, transaction

    ChaseStep.objects.create(case=owned, kind=ChaseKind.WARN_RESPOND, due_at=owned.respond_by, level=0)
    with pytest.raises(IntegrityError, match="chase_step_once"), transaction.atomic():
        ChaseStep.objects.create(case=owned, kind=ChaseKind.WARN_RESPOND, due_at=owned.respond_by, level=0)


def test_a_changed_rule_sends_the_covered_cases_back_to_the_chaser(owned):
    Case.objects.filter(pk=owned.pk).update(chase_at=None)
    assert services.chase_recheck(service_area_id=None) == 1
    owned.refresh_from_db()
    assert owned.chase_at is not None
