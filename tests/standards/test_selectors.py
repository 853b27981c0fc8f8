"""The standards' reads: which standard applies (table-driven, with effective dates), due times for
every seeded standard on known dates, the preview's skipped days, the cached working calendar,
the public page's query count, and who may edit what."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.http import Http404
from django.utils import timezone

from standards import selectors, services
from standards.models import CaseType, Channel, Priority, ResponseStandard, Target
from standards.selectors import NoStandard

LONDON = ZoneInfo("Europe/London")


def at(*args) -> datetime:
    return datetime(*args, tzinfo=LONDON)


def seeded(**dimensions) -> ResponseStandard:
    values = {"channel": "", "case_type": "", "priority": "", "service_area": None, **dimensions}
    return ResponseStandard.objects.get(**values)


# --- Which standard applies ----------------------------------------------------------------------

# channel, case type, priority, the standard that applies (its dimensions), its specificity, the reason
RESOLUTION = [
    (Channel.EMAIL, CaseType.SERVICE_REQUEST, "", {"channel": Channel.EMAIL}, 1,
     "The email standard: the only standard that covers a service request by email"),
    (Channel.EMAIL, CaseType.COMPLAINT_STAGE_1, "", {"case_type": CaseType.COMPLAINT_STAGE_1}, 8,
     "The complaint (stage 1) standard: it names the case type, which outweighs a channel standard"),
    (Channel.WEB, CaseType.COMPLAINT_STAGE_2, Priority.HIGH, {"case_type": CaseType.COMPLAINT_STAGE_2}, 8,
     "The complaint (stage 2) standard: it names the case type, which outweighs a channel standard"),
    (Channel.FACE_TO_FACE, CaseType.COMPLAINT_STAGE_1, "", {"case_type": CaseType.COMPLAINT_STAGE_1}, 8,
     "The complaint (stage 1) standard: the only standard that covers a complaint (stage 1) face to face"),
    (Channel.EMAIL, CaseType.COUNCILLOR_ENQUIRY, "", {"case_type": CaseType.COUNCILLOR_ENQUIRY}, 8,
     "The councillor enquiry standard: it names the case type, which outweighs a channel standard"),
    (Channel.COUNCILLOR, CaseType.COUNCILLOR_ENQUIRY, "", {"case_type": CaseType.COUNCILLOR_ENQUIRY}, 8,
     "The councillor enquiry standard: the only standard that covers a councillor enquiry through a councillor"),
    (Channel.PHONE, CaseType.PROBLEM_REPORT, Priority.URGENT, {"channel": Channel.PHONE}, 1,
     "The phone call standard: the only standard that covers an urgent priority problem report by phone"),
    (Channel.WEB, CaseType.PROBLEM_REPORT, "", {"channel": Channel.WEB}, 1,
     "The web form standard: the only standard that covers a problem report by web form"),
    (Channel.LETTER, CaseType.COMPLIMENT, "", {"channel": Channel.LETTER}, 1,
     "The letter standard: the only standard that covers a compliment by letter"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("channel", "case_type", "priority", "dimensions", "weight", "reason"),
    RESOLUTION,
    ids=[f"{row[1]}-by-{row[0]}" for row in RESOLUTION],
)
def test_standard_for(standards_seeded, channel, case_type, priority, dimensions, weight, reason):
    match = selectors.standard_for(
        channel=channel, case_type=case_type, priority=priority, received_at=at(2026, 6, 1, 10)
    )
    assert match.standard == seeded(**dimensions)
    assert (match.specificity, match.reason) == (weight, reason)


@pytest.mark.parametrize(
    ("channel", "case_type", "message"),
    [
        (Channel.FACE_TO_FACE, CaseType.COMPLIMENT, "No standard covers a compliment face to face. "
                                                    "Add one on the standards page"),
        (Channel.SOCIAL_MEDIA, CaseType.SERVICE_REQUEST, "No standard covers a service request on social media. "
                                                         "Add one on the standards page"),
    ],
)  # fmt: skip
def test_no_standard_says_which_case(standards_seeded, channel, case_type, message):
    with pytest.raises(NoStandard) as caught:
        selectors.standard_for(channel=channel, case_type=case_type, received_at=at(2026, 6, 1, 10))
    assert str(caught.value) == message
    assert isinstance(caught.value, ValueError)


def test_standard_for_is_one_query(standards_seeded, django_assert_num_queries):
    with django_assert_num_queries(1):
        selectors.standard_for(channel=Channel.EMAIL, case_type=CaseType.COMPLAINT_STAGE_1, received_at=at(2026, 6, 1))


def test_a_case_received_before_a_standard_starts_takes_the_one_in_force(standards_seeded):
    # The complaint standards start on 1 April 2026: a complaint by email the day before is an email.
    before = selectors.standard_for(
        channel=Channel.EMAIL, case_type=CaseType.COMPLAINT_STAGE_1, received_at=at(2026, 3, 31, 23, 59)
    )
    on_the_day = selectors.standard_for(
        channel=Channel.EMAIL, case_type=CaseType.COMPLAINT_STAGE_1, received_at=at(2026, 4, 1, 0, 1)
    )
    assert before.standard == seeded(channel=Channel.EMAIL)
    assert on_the_day.standard == seeded(case_type=CaseType.COMPLAINT_STAGE_1)


def test_a_changed_standard_keeps_its_promise_to_cases_already_received(standards_seeded):
    old = seeded(channel=Channel.LETTER)
    new = services.standard_update(standard=old, by=None, fields={"respond_within": 15})
    today = timezone.localdate()
    received_today = timezone.make_aware(datetime.combine(today, datetime.min.time())) + timedelta(hours=10)
    after = received_today + timedelta(days=2)
    assert selectors.standard_for(channel=Channel.LETTER, case_type="", received_at=received_today).standard == old
    assert selectors.standard_for(channel=Channel.LETTER, case_type="", received_at=after).standard == new


def test_a_service_area_standard_outweighs_the_channel_one(standards_seeded, world):
    # The world's housing email standard starts 60 days ahead.
    standard_b = world.standards["standard_b"]
    received = timezone.make_aware(datetime.combine(standard_b.effective_from, datetime.min.time())) + timedelta(
        hours=10
    )
    match = selectors.standard_for(
        channel=Channel.EMAIL, case_type=CaseType.SERVICE_REQUEST, service_area_id=world.area_b.pk, received_at=received
    )
    assert match.standard == standard_b
    assert match.specificity == 5
    assert match.reason == (
        "The email standard in Housing: it names the service area, which outweighs a channel standard"
    )
    elsewhere = selectors.standard_for(
        channel=Channel.EMAIL, case_type=CaseType.SERVICE_REQUEST, service_area_id=world.area_a.pk, received_at=received
    )
    assert elsewhere.standard == seeded(channel=Channel.EMAIL)


# --- Due times --------------------------------------------------------------------------------------

MONDAY = at(2026, 6, 1, 10)  # no bank holiday in June 2026
CLOSE = (17, 15)

# the standard (its dimensions), acknowledge by, respond by: received Monday 1 June 2026 at 10am
DUE = [
    ({"channel": Channel.PHONE}, None, at(2026, 6, 2, *CLOSE)),
    ({"channel": Channel.EMAIL}, at(2026, 6, 2, *CLOSE), at(2026, 6, 8, *CLOSE)),
    ({"channel": Channel.WEB}, at(2026, 6, 2, *CLOSE), at(2026, 6, 8, *CLOSE)),
    ({"channel": Channel.LETTER}, None, at(2026, 6, 15, *CLOSE)),
    ({"case_type": CaseType.COUNCILLOR_ENQUIRY}, None, at(2026, 6, 8, *CLOSE)),
    # 5 working days to acknowledge, then 10 counted from the day the acknowledgement is due.
    ({"case_type": CaseType.COMPLAINT_STAGE_1}, at(2026, 6, 8, *CLOSE), at(2026, 6, 22, *CLOSE)),
    ({"case_type": CaseType.COMPLAINT_STAGE_2}, at(2026, 6, 8, *CLOSE), at(2026, 7, 6, *CLOSE)),
]


@pytest.mark.parametrize(("dimensions", "acknowledge_by", "respond_by"), DUE, ids=[str(row[0]) for row in DUE])
def test_due_times_of_each_seeded_standard(standards_seeded, dimensions, acknowledge_by, respond_by):
    calendar = selectors.working_calendar(standards_seeded)
    due = selectors.due_times(standard=seeded(**dimensions), calendar=calendar, received_at=MONDAY)
    assert (due.acknowledge_by, due.respond_by) == (acknowledge_by, respond_by)


def test_complaint_reply_counts_from_the_actual_acknowledgement(standards_seeded):
    calendar = selectors.working_calendar(standards_seeded)
    complaint = seeded(case_type=CaseType.COMPLAINT_STAGE_1)
    due = selectors.due_times(
        standard=complaint, calendar=calendar, received_at=MONDAY, acknowledged_at=at(2026, 6, 3, 11)
    )
    # Acknowledged on Wednesday 3 June: 10 working days from then.
    assert due.respond_by == at(2026, 6, 17, *CLOSE)
    assert due.acknowledge_by == at(2026, 6, 8, *CLOSE)


def test_complaint_extension_of_at_most_10_working_days(standards_seeded):
    calendar = selectors.working_calendar(standards_seeded)
    complaint = seeded(case_type=CaseType.COMPLAINT_STAGE_1)
    extended = selectors.due_times(standard=complaint, calendar=calendar, received_at=MONDAY, extension_days=10)
    assert extended.respond_by == at(2026, 7, 6, *CLOSE)  # 22 June + 10 working days
    with pytest.raises(ValueError, match="at most 10 working days, not 11"):
        selectors.due_times(standard=complaint, calendar=calendar, received_at=MONDAY, extension_days=11)
    with pytest.raises(ValueError, match="allows no extension"):
        selectors.due_times(standard=seeded(channel=Channel.EMAIL), calendar=calendar, received_at=MONDAY,
                            extension_days=1)  # fmt: skip


def test_pauses_stop_the_respond_clock_only(standards_seeded):
    calendar = selectors.working_calendar(standards_seeded)
    email = seeded(channel=Channel.EMAIL)
    # Awaiting the customer for all of Tuesday's working time (8.5 hours).
    due = selectors.due_times(
        standard=email, calendar=calendar, received_at=MONDAY, pauses=[(at(2026, 6, 2, 8, 45), at(2026, 6, 3, 8, 45))]
    )
    assert due.acknowledge_by == at(2026, 6, 2, *CLOSE)
    assert due.respond_by == at(2026, 6, 9, *CLOSE)


# --- The preview -------------------------------------------------------------------------------------


def test_preview_across_the_late_may_bank_holiday(standards_seeded):
    result = selectors.preview(
        received_at=at(2026, 5, 22, 23, 30), channel=Channel.EMAIL, case_type=CaseType.COMPLAINT_STAGE_1
    )
    assert result.match.standard == seeded(case_type=CaseType.COMPLAINT_STAGE_1)
    assert result.calendar == standards_seeded
    assert result.clock_starts_at == at(2026, 5, 26, 8, 45)
    assert result.start_rule == (
        "Received at 11:30pm on Friday: the clock starts at 8:45am on Tuesday 26 May, the next working time"
    )
    assert (result.due.acknowledge_by, result.due.respond_by) == (at(2026, 6, 2, *CLOSE), at(2026, 6, 16, *CLOSE))
    assert result.skipped == [(date(2026, 5, 25), "Bank holiday: Spring Bank Holiday")]
    assert result.days_without_hours == 8  # four weekends, 23 May to 14 June
    assert result.part_closures == []


def test_preview_across_the_christmas_closure(standards_seeded):
    result = selectors.preview(
        received_at=at(2026, 12, 22, 10, 30), channel=Channel.EMAIL, case_type=CaseType.SERVICE_REQUEST
    )
    assert result.start_rule == ""
    assert (result.due.acknowledge_by, result.due.respond_by) == (at(2026, 12, 23, *CLOSE), at(2027, 1, 6, *CLOSE))
    assert result.skipped == [
        (date(2026, 12, 25), "Bank holiday: Christmas Day"),
        (date(2026, 12, 28), "Bank holiday: Boxing Day (observed)"),
        (date(2026, 12, 29), "Christmas closure"),
        (date(2026, 12, 30), "Christmas closure"),
        (date(2026, 12, 31), "Christmas closure"),
        (date(2027, 1, 1), "Bank holiday: New Year's Day"),
    ]
    assert result.part_closures == [(date(2026, 12, 24), "Christmas closure: closed from midday")]
    assert result.days_without_hours == 4  # 26, 27 December (Boxing Day is a Saturday), 2, 3 January


def test_preview_uses_the_teams_calendar(standards_seeded, world):
    calendar_b = world.standards["calendar_b"]
    services.calendar_teams_set(calendar=calendar_b, by=None, teams=[world.team_b])
    result = selectors.preview(
        received_at=at(2026, 6, 1, 10), channel=Channel.EMAIL, case_type=CaseType.SERVICE_REQUEST, team=world.team_b
    )
    assert result.calendar == calendar_b


def test_preview_without_a_standard_raises_no_standard(standards_seeded):
    with pytest.raises(NoStandard, match="No standard covers a compliment face to face"):
        selectors.preview(received_at=MONDAY, channel=Channel.FACE_TO_FACE, case_type=CaseType.COMPLIMENT)


# --- Calendars -----------------------------------------------------------------------------------------


def test_working_calendar_is_cached_until_the_calendar_changes(council, django_assert_num_queries):
    from datetime import time

    with django_assert_num_queries(2):  # its hours, its closures
        first = selectors.working_calendar(council)
    with django_assert_num_queries(0):
        assert selectors.working_calendar(council) is first
    services.calendar_hours_set(calendar=council, by=None, hours={day: [(time(9), time(17))] for day in range(5)})
    council.refresh_from_db()
    rebuilt = selectors.working_calendar(council)
    assert rebuilt is not first
    assert rebuilt.hours[4] == ((time(9), time(17)),)


def test_calendar_for_team(world, council):
    calendar_a = world.standards["calendar_a"]
    services.calendar_teams_set(calendar=calendar_a, by=None, teams=[world.team_a])
    assert selectors.calendar_for_team(world.team_a) == calendar_a
    assert selectors.calendar_for_team(world.team_b) == council
    assert selectors.calendar_for_team(None) == council


def test_no_council_calendar_is_a_clear_error(council):
    from standards.models import Calendar

    Calendar.objects.filter(is_council=True).delete()  # what migration 0002 prevents
    with pytest.raises(selectors.NoCouncilCalendar, match="There is no council calendar"):
        selectors.council_calendar()


# --- The public page -----------------------------------------------------------------------------------


def test_public_standards(standards_seeded, django_assert_num_queries):
    # 4 queries: the standards in force, the council calendar, its hours, its closures.
    with django_assert_num_queries(4):
        page = selectors.public_standards(today=date(2026, 12, 1))
    assert [group.title for group in page.groups] == [
        "When you contact us", "Complaint (stage 1)", "Complaint (stage 2)", "Councillor enquiry",
    ]  # fmt: skip
    assert [s.channel for s in page.groups[0].standards] == [Channel.PHONE, Channel.EMAIL, Channel.WEB, Channel.LETTER]
    assert page.hours[0][0] == "Monday" and page.hours[4][1] == [
        (datetime.min.time().replace(hour=8, minute=45), datetime.min.time().replace(hour=16, minute=45))
    ]
    assert page.hours[5] == ("Saturday", [])
    closed = page.closed_days
    # The next 12 months: the Christmas closure, then the bank holidays outside it (Good Friday to
    # the late summer one); Christmas Day, Boxing Day and New Year's Day fall inside the closure.
    assert len(closed) == 6 <= selectors.PUBLIC_CLOSED_DAYS
    assert (closed[0].name, closed[0].first, closed[0].last) == ("Christmas closure", date(2026, 12, 24),
                                                                 date(2027, 1, 1))  # fmt: skip
    assert [day.name for day in closed[1:3]] == ["Good Friday", "Easter Monday"]
    assert not any(closed[0].first <= day.first <= closed[0].last for day in closed[1:])


def test_public_standards_shows_only_what_is_in_force(standards_seeded):
    page = selectors.public_standards(today=date(2026, 3, 1))
    assert "Complaint (stage 1)" not in [group.title for group in page.groups]


# --- Access ---------------------------------------------------------------------------------------------


def test_editable_area_ids(world):
    assert selectors.editable_area_ids(world.administrator) is None
    assert selectors.editable_area_ids(world.service_manager) == {world.area_b.pk}
    for user in (world.team_manager, world.adviser, world.councillor, world.no_role):
        assert selectors.editable_area_ids(user) == set()


def test_fetchers_give_404_outside_scope(world):
    standards = world.standards
    manager, admin = world.service_manager, world.administrator
    assert set(selectors.calendars_for_user(manager)) == {standards["calendar_b"]}
    assert set(selectors.calendars_for_user(admin)) == {standards["council"], standards["calendar_a"],
                                                        standards["calendar_b"]}  # fmt: skip
    assert selectors.calendar_get_for_user(pk=standards["calendar_b"].pk, user=manager) == standards["calendar_b"]
    for pk in (standards["council"].pk, standards["calendar_a"].pk, 0, "x"):
        with pytest.raises(Http404):
            selectors.calendar_get_for_user(pk=pk, user=manager)
    assert selectors.closure_get_for_user(pk=standards["closure_b"].pk, user=manager) == standards["closure_b"]
    assert selectors.standard_get_for_user(pk=standards["standard_b"].pk, user=manager) == standards["standard_b"]
    with pytest.raises(Http404):
        selectors.standard_get_for_user(pk=standards["standard_b"].pk, user=world.team_manager)
    with pytest.raises(Http404):
        selectors.closure_get_for_user(pk=standards["closure_b"].pk, user=world.adviser)
    # Targets are council-wide: administrators only.
    target = standards["target"]
    assert selectors.target_get_for_user(pk=target.pk, user=admin) == target
    with pytest.raises(Http404):
        selectors.target_get_for_user(pk=target.pk, user=manager)
    assert isinstance(target, Target)


def test_change_history_newest_first(world):
    calendar = world.standards["calendar_b"]
    services.calendar_update(calendar=calendar, by=world.service_manager, fields={"name": "Housing hours"})
    changes = selectors.change_history(entry=calendar)
    # The rename, the world's closure added (recorded on its calendar), the calendar made.
    assert [(c.action, c.changed_by) for c in changes] == [
        ("updated", world.service_manager), ("updated", None), ("created", None),
    ]  # fmt: skip
    assert list(changes[1].changes) == ["closures"]
