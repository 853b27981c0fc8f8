"""The tallies the dashboard counts from (contacts' and cases' summary tables, kept by
triggers) equal a recount of the rows after every kind of write: one contact or case at a time
through the services, bulk statements, updates of what is counted and of what is not, deletes,
a topic moving area, a customer's new postcode, a rolled-back transaction, TRUNCATE; months cut
on the council's clock (a contact late on 31 March in summer time is April's). The chaser's
escalations, the complaint stages and the survey invitations with their answers likewise."""

import datetime as dt
import importlib

import pytest
import time_machine
from django.conf import settings
from django.db import connection, transaction

from cases import services as case_services
from cases.models import (
    ESCALATE_KINDS,
    OPEN_STATUSES,
    UPHELD_OUTCOMES,
    Case,
    CaseTally,
    ChaseKind,
    ChaseStep,
    ComplaintDecisionTally,
    ComplaintStage,
    ComplaintStageTally,
    Customer,
    CustomerType,
    EscalationTally,
)
from cases.selectors import (
    CASE_TALLIES,
    COMPLAINT_TALLIES,
    ESCALATION_TALLY,
    CaseCountRule,
    case_tallies,
    complaint_counts,
    escalations_count,
)
from contacts import services as contact_services
from contacts.models import Contact, ContactAdviserTally, ContactTally, SurveyAnswer, SurveyInvitation, SurveyTally
from contacts.selectors import (
    CONTACT_TALLIES,
    SATISFIED_FROM,
    SURVEY_TALLY,
    ContactCountRule,
    contact_tallies,
    survey_results_each,
    survey_results_tallied,
)
from core.db import NONE_CHOSEN, pk_or_none_q
from core.tallies import Span, sql_constants, tally_groups, tally_rebuild
from directory.models import Officer, Topic
from standards.models import CaseType, Channel

from .dashboard_world import at, log

# Whole months (read from the tallies), parts of months (from the rows), and a span over both.
SPANS = [Span(dt.date(2027, 1, 1), dt.date(2027, 1, 31)), Span(dt.date(2027, 2, 1), dt.date(2027, 2, 28)),
         Span(dt.date(2027, 3, 1), dt.date(2027, 3, 31)), Span(dt.date(2027, 4, 1), dt.date(2027, 4, 30)),
         Span(dt.date(2027, 2, 10), dt.date(2027, 3, 5)), Span(dt.date(2027, 1, 1), dt.date(2027, 4, 30))]  # fmt: skip


def _nonzero(groups):
    # A tally row whose counts went back to nothing stays, as zeros; the rows have no such group.
    return {keys: {key: counts for key, counts in found.items() if any(counts.values())}
            for keys, found in groups.items()}  # fmt: skip


def assert_tallies_equal_rows(sources):
    for source in sources:
        if not source.table:
            continue
        sets = [tuple(source.keys), ("channel",) if "channel" in source.keys else (next(iter(source.keys)),)]
        tallied = tally_groups(source=source, spans=SPANS, sets=sets)
        counted = tally_groups(source=source, spans=SPANS, sets=sets, from_rows=True)
        assert _nonzero(tallied) == _nonzero(counted), source.table


def test_the_triggers_count_on_the_councils_clock_and_statuses():
    contacts = importlib.import_module("contacts.migrations.0004_contact_tallies_triggers")
    cases = importlib.import_module("cases.migrations.0008_case_tallies_triggers")
    escalations = importlib.import_module("cases.migrations.0014_escalation_tally_triggers")
    surveys = importlib.import_module("contacts.migrations.0007_survey_tally_triggers")
    complaints = importlib.import_module("cases.migrations.0016_complaint_tallies_triggers")
    assert contacts.ZONE == cases.ZONE == escalations.ZONE == surveys.ZONE == complaints.ZONE == settings.TIME_ZONE
    assert sql_constants(UPHELD_OUTCOMES) == complaints.UPHELD
    assert surveys.SATISFIED_FROM == SATISFIED_FROM
    assert sql_constants(OPEN_STATUSES) == cases.OPEN
    assert sql_constants(sorted(ESCALATE_KINDS)) == escalations.ESCALATIONS


@pytest.fixture
def contacts(world, customer):
    county = world.directory["county"]
    return [
        log(world.officer_a, at(1, 31, 23), customer=customer),
        log(world.officer_a, at(2, 1, 0), channel="email", topic=world.directory["homeless"]),
        log(world.adviser, at(2, 12), outcome="signposted", partner=county, topic=world.directory["potholes"]),
        log(world.adviser, at(2, 28, 23), outcome="passed_on", passed_to=world.directory["olive"], customer=customer),
        # 23:30 on 31 March in British Summer Time is 00:30 on 1 April: April's.
        log(world.officer_b, dt.datetime(2027, 3, 31, 23, 30, tzinfo=dt.UTC), channel="face_to_face"),
        log(world.officer_b, at(3, 3, 8), topic=world.directory["homeless"], customer=customer),
    ]


def test_contact_tallies_equal_the_rows_after_every_kind_of_write(world, contacts, customer):
    assert_tallies_equal_rows(CONTACT_TALLIES)
    april = tally_groups(source=CONTACT_TALLIES[1], spans=[SPANS[3]], sets=[("channel",)])
    assert april[("channel",)] == {(0, "face_to_face"): {"contacts": 1, "logged": 1, "resolved": 1,
                                                          "avoidable": 0, "signposted": 0}}  # fmt: skip
    # A bulk update of what is counted, and one of what is not (nothing to write).
    Contact.objects.filter(adviser=world.officer_a).update(
        outcome="signposted", partner=world.directory["county"], is_avoidable=True
    )
    Contact.objects.update(summary="Edited")
    assert_tallies_equal_rows(CONTACT_TALLIES)
    # Moving in time, and deleting.
    Contact.objects.filter(pk=contacts[0].pk).update(started_at=at(3, 15), ended_at=at(3, 15, 11))
    Contact.objects.filter(pk=contacts[2].pk).delete()
    assert_tallies_equal_rows(CONTACT_TALLIES)
    # A topic moves to another service area; a customer moves house.
    homeless = world.directory["homeless"]
    homeless.service_area = world.directory["waste"]
    homeless.save(update_fields=["service_area"])
    Customer.objects.filter(pk=customer.pk).update(postcode="WB9 9ZZ")
    assert_tallies_equal_rows(CONTACT_TALLIES)
    assert Topic.objects.get(pk=homeless.pk).service_area == world.directory["waste"]
    # A bulk insert in one statement, copying every contact.
    columns = ", ".join(field.column for field in Contact._meta.concrete_fields if field.column not in ("id", "key"))
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO contacts_contact ({columns}) SELECT {columns} FROM contacts_contact")  # noqa: S608
    assert Contact.objects.count() == 10
    assert_tallies_equal_rows(CONTACT_TALLIES)


def test_a_rolled_back_write_leaves_the_tallies_as_they_were(world, contacts):
    before = list(ContactTally.objects.order_by("pk").values())
    with pytest.raises(RuntimeError), transaction.atomic():
        log(world.officer_a, at(2, 3))
        raise RuntimeError("changed my mind")
    assert list(ContactTally.objects.order_by("pk").values()) == before
    assert_tallies_equal_rows(CONTACT_TALLIES)


@pytest.mark.django_db(transaction=True)
def test_truncating_contacts_and_cases_empties_their_tallies(world, contacts):
    assert ContactAdviserTally.objects.exists()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE contacts_contact CASCADE")
    assert not ContactTally.objects.exists() and not ContactAdviserTally.objects.exists()
    assert_tallies_equal_rows(CONTACT_TALLIES)


def test_a_team_managers_figures_are_their_teams_advisers_contacts(world, contacts):
    rule = ContactCountRule(team_id=world.team_a.pk)
    found = contact_tallies(spans=[SPANS[5]], sets=[("adviser_id",)], rule=rule)[("adviser_id",)]
    assert {key[1]: counts["contacts"] for key, counts in found.items()} == {world.officer_a.pk: 2}


def test_case_tallies_equal_the_rows_through_a_cases_life(world, raise_case):
    a, b = raise_case(at(2, 1, 9)), raise_case(at(2, 26, 16), channel=Channel.PHONE)
    raise_case(at(3, 31, 23), case_type=CaseType.COMPLAINT_STAGE_1)
    assert_tallies_equal_rows(CASE_TALLIES)
    with time_machine.travel(at(2, 1, 10), tick=False):
        a = case_services.case_claim(case=a, by=world.officer_a)
        a = case_services.case_transfer(case=a, team=world.team_b, by=world.officer_a, reason="Housing's")
        a = case_services.case_transfer(case=a, team=world.team_a, by=world.officer_b, reason="Back to bins")
    assert_tallies_equal_rows(CASE_TALLIES)
    with time_machine.travel(at(2, 2, 10), tick=False):
        a = case_services.case_claim(case=a, by=world.officer_a)
        a = case_services.case_resolve(case=a, by=world.officer_a, resolution="Collected")
    assert_tallies_equal_rows(CASE_TALLIES)
    Case.objects.filter(pk=b.pk).update(service_area=None, team=None)
    Case.objects.update(summary="Edited")
    assert_tallies_equal_rows(CASE_TALLIES)
    assert CaseTally.objects.filter(team_id=0).exists()


def test_a_due_time_still_to_come_is_not_missed_until_it_passes(world, raise_case):
    case = raise_case(at(2, 22, 11))
    rule = CaseCountRule()

    def missed(now):
        found = case_tallies(spans=[SPANS[1]], sets=[("channel",)], rule=rule, now=now)[("channel",)]
        counts = found[(0, Channel.EMAIL)]
        return counts["acknowledge_missed"], counts["reply_missed"]

    assert missed(at(2, 22, 12)) == (0, 0)
    assert missed(case.acknowledge_by + dt.timedelta(minutes=1)) == (1, 0)
    assert missed(case.respond_by + dt.timedelta(minutes=1)) == (1, 1)


def test_a_complaint_stage_keeps_its_cases_service_area(world, raise_case):
    case = raise_case(at(2, 1, 9), case_type=CaseType.COMPLAINT_STAGE_1)
    stage = ComplaintStage.objects.get(case=case)
    assert stage.service_area_id == case.service_area_id is not None
    Case.objects.filter(pk=case.pk).update(service_area=world.directory["housing"])
    assert ComplaintStage.objects.get(pk=stage.pk).service_area == world.directory["housing"]
    # A write of the stage from a stale copy keeps the case's area.
    stage.save()
    assert ComplaintStage.objects.get(pk=stage.pk).service_area == world.directory["housing"]


LATE_ON_31_MARCH_UTC = dt.datetime(2027, 3, 31, 23, 30, tzinfo=dt.UTC)  # 00:30 on 1 April in London


def test_the_complaint_tallies_equal_the_stages_through_their_lives_and_bulk_writes(world, raise_case):
    decision = case_services.ComplaintDecision(outcome="upheld", root_cause="delay", action_taken="Crew retrained")
    first = raise_case(at(2, 1, 9), case_type=CaseType.COMPLAINT_STAGE_1)
    raise_case(at(2, 20, 9), case_type=CaseType.COMPLAINT_STAGE_1, topic=world.directory["homeless"])
    assert_tallies_equal_rows(COMPLAINT_TALLIES)
    # Decided in March, escalated to stage 2 in April, whose stage follows the case to another area.
    with time_machine.travel(at(3, 2, 10), tick=False):
        first = case_services.case_claim(case=first, by=world.officer_a)
        first = case_services.case_resolve(case=first, by=world.officer_a, resolution="Sorry", decision=decision)
    with time_machine.travel(at(4, 2, 10), tick=False):
        first = case_services.complaint_escalate(case=first, by=world.adviser, reason="Not satisfied")
    assert_tallies_equal_rows(COMPLAINT_TALLIES)
    Case.objects.filter(pk=first.pk).update(service_area=world.directory["housing"])
    assert_tallies_equal_rows(COMPLAINT_TALLIES)
    counted = complaint_counts(span=SPANS[5])
    assert counted.begun == {
        (1, world.directory["housing"].pk): {"begun": 2, "decided": 1, "upheld": 1},
        (2, world.directory["housing"].pk): {"begun": 1, "decided": 0, "upheld": 0},
    }
    assert counted.decided == {"delay": {"decided": 1, "upheld": 1}}
    # Bulk: a decision changed, a stage moved late on 31 March (UTC: April's), one deleted, an
    # update of nothing counted, and a copy of every stage onto another case.
    ComplaintStage.objects.filter(stage=1, decided_at__isnull=False).update(outcome="not_upheld", root_cause="policy")
    ComplaintStage.objects.filter(stage=2).update(started_at=LATE_ON_31_MARCH_UTC)
    ComplaintStage.objects.update(extension_reason="")
    assert_tallies_equal_rows(COMPLAINT_TALLIES)
    assert complaint_counts(span=SPANS[3]).begun == {(2, world.directory["housing"].pk): {"begun": 1, "decided": 0,
                                                                                          "upheld": 0}}  # fmt: skip
    other = raise_case(at(2, 3, 9))
    columns = ", ".join(f.column for f in ComplaintStage._meta.concrete_fields if f.column not in ("id", "case_id"))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO cases_complaintstage (case_id, {columns}) SELECT %s, {columns}"  # noqa: S608
            " FROM cases_complaintstage WHERE stage = 1 AND case_id = %s",
            [other.pk, first.pk],
        )
    ComplaintStage.objects.filter(case=first, stage=2).delete()
    assert_tallies_equal_rows(COMPLAINT_TALLIES)


@pytest.mark.django_db(transaction=True)
def test_truncating_the_complaint_stages_empties_their_tallies(world, raise_case):
    raise_case(at(2, 1, 9), case_type=CaseType.COMPLAINT_STAGE_1)
    assert ComplaintStageTally.objects.exists()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE cases_complaintstage")
    assert not ComplaintStageTally.objects.exists() and not ComplaintDecisionTally.objects.exists()


def test_the_escalation_tally_equals_the_steps_through_the_chaser_and_bulk_writes(world, raise_case):
    # Never acknowledged (due by 1pm under the email standard): the chaser escalates it at 2pm and
    # up its ladder two days later; late on 31 March in summer time is April on the council's clock.
    late = raise_case(at(2, 1, 9))
    for when in (at(2, 1, 14), at(2, 3, 12)):
        with time_machine.travel(when, tick=False):
            case_services.chase_run()
    assert EscalationTally.objects.exists()
    assert_tallies_equal_rows([ESCALATION_TALLY])
    warned = ChaseStep.objects.create(case=late, kind=ChaseKind.WARN_RESPOND, due_at=late.respond_by, done_at=at(2, 3))
    ChaseStep.objects.bulk_create(
        ChaseStep(case=late, kind=ChaseKind.ESCALATE_RESPOND, due_at=late.respond_by, level=level, done_at=when)
        for level, when in ((5, LATE_ON_31_MARCH_UTC), (6, at(4, 1, 0)), (7, at(2, 20)))
    )
    assert_tallies_equal_rows([ESCALATION_TALLY])
    # A warning that becomes an escalation, an escalation moved to another month, one deleted, and
    # an update that changes nothing counted.
    ChaseStep.objects.filter(pk=warned.pk).update(kind=ChaseKind.ESCALATE_ACKNOWLEDGE)
    ChaseStep.objects.filter(level=7).update(done_at=at(3, 2))
    ChaseStep.objects.filter(level=6).delete()
    ChaseStep.objects.update(note="Seen")
    assert_tallies_equal_rows([ESCALATION_TALLY])
    counted = ChaseStep.objects.filter(kind__in=ESCALATE_KINDS)
    for span in SPANS:
        assert (
            escalations_count(span=span)
            == counted.filter(
                done_at__gte=at(span.first.month, span.first.day, 0),
                done_at__lt=at(span.last.month, span.last.day, 0) + dt.timedelta(days=1),
            ).count()
        )
    assert escalations_count(span=SPANS[3]) == 1  # the step late on 31 March (UTC) is April's
    assert escalations_count(span=SPANS[2]) == 1  # the step moved in from February


@pytest.mark.django_db(transaction=True)
def test_truncating_the_chase_steps_empties_the_escalation_tally(world, raise_case):
    late = raise_case(at(2, 1, 9))
    ChaseStep.objects.create(case=late, kind=ChaseKind.ESCALATE_RESPOND, due_at=late.respond_by, done_at=at(2, 3))
    assert EscalationTally.objects.exists()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE cases_chasestep")
    assert not EscalationTally.objects.exists()


# --- Satisfaction surveys ------------------------------------------------------------------------


@pytest.fixture
def surveyed(world):
    """Four contacts by four customers (one a business), each invited an hour after, two answered:
    in February, March, late on 31 March in summer time (April's), and April."""
    moments = [at(2, 2), at(3, 3), LATE_ON_31_MARCH_UTC, at(4, 20)]
    invitations = []
    for index, when in enumerate(moments):
        customer = case_services.customer_create(
            by=world.adviser,
            fields={"name": f"Customer {index}", "email": f"customer{index}@example.org",
                    "customer_type": CustomerType.BUSINESS if index == 1 else CustomerType.INDIVIDUAL},
        )  # fmt: skip
        topic = world.directory["homeless" if index % 2 else "bulky"]
        contact = log(world.officer_a, when, customer=customer, topic=topic, channel="email" if index else "phone")
        invitations.append(contact_services.survey_invite(contact=contact, sent_at=when + dt.timedelta(hours=1)))
    for invitation, score in ((invitations[0], 5), (invitations[2], 2)):
        contact_services.survey_answer(
            invitation=invitation, satisfaction=score, resolved=score > 3, comment="",
            answered_at=invitation.sent_at + dt.timedelta(days=1),
        )  # fmt: skip
    return invitations


def _results(each):
    return {by: [(row.key, row.label, row.invitations, row.answers, row.score_total, row.satisfied, row.resolved)
                 for row in [*results.rows, results.total]] for by, results in each.items()}  # fmt: skip


def assert_tallied_results_equal_the_rows(**narrowing):
    groupings = ["customer_type", "channel", "service_area"]
    invitations = SurveyInvitation.objects.all()
    if narrowing.get("area_id") is not None:
        invitations = invitations.filter(pk_or_none_q("service_area_id", narrowing["area_id"]))
    if narrowing.get("channel"):
        invitations = invitations.filter(channel=narrowing["channel"])
    for span in SPANS:
        counted = survey_results_each(
            since=at(span.first.month, span.first.day, 0),
            until=at(span.last.month, span.last.day, 0) + dt.timedelta(days=1),
            groupings=groupings,
            invitations=invitations,
        )
        assert _results(survey_results_tallied(span=span, groupings=groupings, **narrowing)) == _results(counted)


def test_the_survey_tally_equals_the_invitations_and_answers_after_every_kind_of_write(world, surveyed):
    assert_tallies_equal_rows([SURVEY_TALLY])
    assert_tallied_results_equal_the_rows()
    april = survey_results_tallied(span=SPANS[3], groupings=["channel"])["channel"].total
    assert (april.invitations, april.answers, april.score_total, april.satisfied) == (2, 1, 2, 0)
    # An answer changed, an invitation's keys changed, an answer deleted, an update of nothing counted.
    SurveyAnswer.objects.filter(invitation=surveyed[2]).update(satisfaction=4, resolved=True)
    SurveyInvitation.objects.filter(pk=surveyed[0].pk).update(service_area=world.directory["waste"], channel="web")
    SurveyAnswer.objects.filter(invitation=surveyed[0]).delete()
    SurveyInvitation.objects.update(email="changed@example.org")
    assert_tallies_equal_rows([SURVEY_TALLY])
    assert_tallied_results_equal_the_rows()
    # An invitation moved to another month with its answer, and an answer to it given late.
    SurveyInvitation.objects.filter(pk=surveyed[2].pk).update(sent_at=at(2, 20), expires_at=at(5, 1))
    contact_services.survey_answer(invitation=surveyed[1], satisfaction=3, resolved=False, comment="",
                                   answered_at=surveyed[1].sent_at + dt.timedelta(days=1))  # fmt: skip
    assert_tallies_equal_rows([SURVEY_TALLY])
    assert_tallied_results_equal_the_rows()
    assert_tallied_results_equal_the_rows(area_id=world.directory["waste"].pk)
    # About no service: the dashboard's "none recorded".
    nobody = case_services.customer_create(by=world.adviser, fields={"name": "No Topic", "email": "nt@example.org"})
    contact_services.survey_invite(contact=log(world.officer_a, at(2, 9), customer=nobody), sent_at=at(2, 9, 11))
    assert_tallies_equal_rows([SURVEY_TALLY])
    assert_tallied_results_equal_the_rows(area_id=NONE_CHOSEN)
    assert_tallied_results_equal_the_rows(channel="email")


def test_the_survey_tally_is_right_whichever_of_invitation_and_answer_is_written_first(world, surveyed):
    # The foreign key is checked at commit: an answer may be written before its invitation, and
    # an invitation deleted before its answer, within one transaction.
    columns = [f.column for f in SurveyInvitation._meta.concrete_fields if f.column not in ("id", "contact_id")]
    listed = ", ".join(columns)
    contact = log(world.officer_b, at(4, 21))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT max(id) + 100 FROM contacts_surveyinvitation")
        (new_id,) = cursor.fetchone()
        cursor.execute(
            "INSERT INTO contacts_surveyanswer (invitation_id, satisfaction, resolved, comment, answered_at)"
            " VALUES (%s, 5, true, '', now())",
            [new_id],
        )
        cursor.execute(
            f"INSERT INTO contacts_surveyinvitation (id, contact_id, {listed})"  # noqa: S608
            f" SELECT %s, %s, {listed} FROM contacts_surveyinvitation WHERE id = %s",
            [new_id, contact.pk, surveyed[3].pk],
        )
    assert_tallies_equal_rows([SURVEY_TALLY])
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM contacts_surveyinvitation WHERE id = %s", [surveyed[0].pk])
        cursor.execute("DELETE FROM contacts_surveyanswer WHERE invitation_id = %s", [surveyed[0].pk])
    assert_tallies_equal_rows([SURVEY_TALLY])
    assert_tallied_results_equal_the_rows()


def test_a_service_managers_survey_results_are_their_areas(world, surveyed):
    areas = Officer.objects.filter(user=world.service_manager).values("team__service_area_id")
    found = survey_results_tallied(span=SPANS[5], groupings=["service_area"], area_ids=areas)["service_area"]
    mine = SurveyInvitation.objects.visible_to(world.service_manager)
    assert found.total.invitations == mine.count() > 0
    assert {row.key for row in found.rows} == set(mine.values_list("service_area_id", flat=True))


@pytest.mark.django_db(transaction=True)
def test_truncating_the_answers_and_the_invitations_empties_the_survey_tally(world, surveyed):
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE contacts_surveyanswer")
    assert_tallies_equal_rows([SURVEY_TALLY])
    assert SurveyTally.objects.filter(invitations__gt=0).exists()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE contacts_surveyinvitation CASCADE")
    assert not SurveyTally.objects.exists()


def test_a_tally_counted_again_from_the_rows_equals_the_one_the_triggers_kept(world, contacts, surveyed, raise_case):
    # What a load with the triggers off (the bench's) counts afterwards: core.tallies.tally_rebuild.
    raise_case(at(2, 1, 9), case_type=CaseType.COMPLAINT_STAGE_1)
    sources = [*CONTACT_TALLIES, *CASE_TALLIES, ESCALATION_TALLY, *COMPLAINT_TALLIES, SURVEY_TALLY]
    for source in [source for source in sources if source.table]:
        sets = [tuple(source.keys)]
        kept = _nonzero(tally_groups(source=source, spans=SPANS, sets=sets))
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {source.table} SET month = month - interval '1 year'")  # noqa: S608
        assert _nonzero(tally_groups(source=source, spans=SPANS, sets=sets)) != kept or not kept[sets[0]]
        tally_rebuild(source)
        assert _nonzero(tally_groups(source=source, spans=SPANS, sets=sets)) == kept, source.table


def test_sets_limited_to_some_spans_read_those_alone_and_count_as_over_them_all(world, contacts):
    sets = [("adviser_id",), ("team_id",)]
    full = contact_tallies(spans=SPANS, sets=sets, rule=ContactCountRule())
    limited = contact_tallies(spans=SPANS, sets=sets, rule=ContactCountRule(),
                              only={("adviser_id",): [4], ("team_id",): [1, 4]})  # fmt: skip
    assert limited[("adviser_id",)] == {key: counts for key, counts in full[("adviser_id",)].items() if key[0] == 4}
    assert limited[("team_id",)] == {key: counts for key, counts in full[("team_id",)].items() if key[0] in (1, 4)}
    assert limited[("adviser_id",)] and {key[0] for key in limited[("team_id",)]} == {1, 4}
