"""Staff search results carry what a transfer needs (issue #11): the team's numbers, a topic's
owner and its internal number (or the partner's number to give), an officer's direct line or the
number to transfer to instead, who is away and until when, and a warning when a whole team is
away. Also the closed-day wording of return dates (core.calendar, answered by standards)."""

from datetime import date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core import calendar as council_days
from core.dates import govuk_day
from directory import selectors, services
from directory.models import Absence
from standards import selectors as standards_selectors
from standards import services as standards_services
from standards.selectors import council_calendar
from tests.factories import user_make

SEARCH = reverse("directory:phone-guide-search")


def _page(client, user, query: str) -> str:
    client.force_login(user)
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    return " ".join(response.content.decode().split())  # one space between words, as read


def _result(page: str, title: str) -> str:
    """The markup of the one result titled `title`."""
    start = page.index(f">{title}</a>")
    return page[start : page.index("</li>", start)]


def _away(officer, *, reason=Absence.Reason.LEAVE, starts=None, ends=None, note=""):
    now = timezone.now()
    return services.entry_create(model=Absence, by=None, fields={
        "officer": officer, "starts_at": starts or now - timedelta(hours=1), "ends_at": ends or now + timedelta(days=2),
        "reason": reason, "caller_note": note,
    })  # fmt: skip


@pytest.fixture(autouse=True)
def _council_days_forgotten():
    """Tests here add closures to the council calendar: the kept copy goes with their transaction."""
    yield
    standards_selectors.closed_days_forget()


# --- Who sees it ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["adviser", "officer", "councillor", "team_manager", "administrator"])
def test_staff_see_transfer_details(client, role_user, role):
    page = _page(client, role_user(role), "bulky")
    assert 'Transfer the call to <strong>Waste collections</strong> on <strong class="app-phone">01632 960200' in page


def test_anonymous_are_sent_to_sign_in_and_other_accounts_refused(client, no_role_user, small_directory):
    response = client.get(SEARCH, {"q": "bulky"})
    assert response.status_code == 302 and "/staff/sign-in/" in response["Location"]
    client.force_login(no_role_user)
    assert client.get(SEARCH, {"q": "bulky"}).status_code == 403


# --- What a result says ----------------------------------------------------------------------------


def test_a_topic_names_its_team_and_the_internal_number(client, adviser):
    bulky = _result(_page(client, adviser, "bulky"), "Bulky waste collection")
    assert 'Transfer the call to <strong>Waste collections</strong> on <strong class="app-phone">01632 960200' in bulky
    assert "Public number (can be given to callers): 01632 960011" in bulky
    assert "What to say: Book online; £35." in bulky
    assert "Matched: " in bulky  # the reason line stays: it helps advisers


def test_a_partner_topic_gives_the_partners_number(client, adviser):
    potholes = _result(_page(client, adviser, "potholes"), "Potholes")
    assert "give the caller the number for <strong>Wyeshire County Council</strong>" in potholes
    assert "01632 960900" in potholes
    assert "Report potholes to the County Council online or by phone." in potholes
    assert "Transfer the call" not in potholes


def test_a_team_gives_both_numbers_and_out_of_hours(client, adviser):
    team = _result(_page(client, adviser, "waste collections"), "Waste collections")
    assert "Internal number (staff only)" in team and "01632 960200" in team
    assert "Public number" in team and "01632 960011" in team
    assert "Log it for the next working day." in team


def test_an_officer_whose_line_is_private_says_which_number_to_transfer_to(client, adviser):
    hugo = _result(_page(client, adviser, "Hugo Private"), "Hugo Private")
    assert "01632 960202" not in hugo  # his direct line is not to be given
    assert (
        "Direct line not to be given to callers: transfer the call to <strong>Waste collections</strong> on "
        '<strong class="app-phone">01632 960200</strong>'
    ) in hugo
    assert "Not recorded as away today." in hugo


def test_an_officer_whose_line_may_be_given(client, adviser):
    olive = _result(_page(client, adviser, "Olive Shareable"), "Olive Shareable")
    assert "01632 960201" in olive and "Can be given to callers" in olive
    assert "Transfer the call" not in olive


def test_an_officer_away_says_until_when_and_never_the_sickness_to_an_adviser(
    client, adviser, team_manager, small_directory
):
    absence = _away(small_directory["hugo"], reason=Absence.Reason.SICKNESS, note="Ask for the duty officer")
    hugo = _result(_page(client, adviser, "Hugo Private"), "Hugo Private")
    assert "Away today" in hugo
    assert absence.tell_callers(is_closed=council_days.is_closed) in hugo
    assert "Sickness" not in hugo and "Reason:" not in hugo
    # His team manager (team A) is among the few who see why.
    assert "Sickness" in _result(_page(client, team_manager, "Hugo Private"), "Hugo Private")


def test_everyone_in_a_team_away_is_a_warning_with_what_to_do(client, adviser, small_directory):
    bins = small_directory["bins"]
    officers = list(bins.officers.all())
    assert len(officers) > 2
    for officer in officers[:-1]:
        _away(officer)
    assert "Everyone in" not in _page(client, adviser, "bulky")  # one is still in
    later = timezone.now() + timedelta(minutes=30)
    _away(officers[-1], starts=later, ends=later + timedelta(hours=1))
    assert "Everyone in" not in _page(client, adviser, "bulky")  # away later today: still in now
    Absence.objects.filter(officer=officers[-1]).delete()
    _away(officers[-1])
    page = _page(client, adviser, "bulky")
    warning = _result(page, "Bulky waste collection")
    assert '<div class="govuk-warning-text' in warning
    assert "Everyone in Waste collections is away today." in warning
    assert "Give the caller the Waste and recycling number, 01632 960010 (Monday to Friday, 8am to 5pm)." in warning
    assert "Out of hours: Log it for the next working day." in warning
    # The team's own result, and its officers' results, warn too.
    assert "Everyone in Waste collections is away today." in _result(_page(client, adviser, "Olive"), "Olive Shareable")


def test_results_without_details_are_unchanged(small_directory, adviser):
    results = selectors.directory_search(query="waste and recycling", staff=True)
    staff = selectors.phone_guide_search_results(results, user=adviser)
    service = next(result for result in staff if result.kind == "service")
    assert service.team is None and service.partner is None and service.phone == "01632 960010"


def test_query_count_is_fixed_whatever_the_number_of_results(
    client, adviser, small_directory, django_assert_num_queries
):
    client.force_login(adviser)
    bins = small_directory["bins"]
    for officer in bins.officers.all():
        _away(officer)
    counts = []
    for extra in (0, 6):
        for n in range(extra):
            _away(user_make("Officer", team=bins, username=f"waste-{extra}-{n}", last_name="Waste").officer)
        # 1 session, 1 user, 2 permission look-ups (then cached), 1 search, 1 for the details of every
        # team, topic, officer and partner found (_STAFF_DETAILS_SQL), 1 for today's absences in
        # their teams. Not one more per result, officer away or warning.
        with django_assert_num_queries(7):
            response = client.get(SEARCH, {"q": "waste"})
        counts.append(len(response.context["results"]))
    assert counts[1] > counts[0]


def test_a_search_that_finds_nothing_runs_no_detail_queries(adviser, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert selectors.phone_guide_search_results([], user=adviser) == []


# --- Return dates on closed days -----------------------------------------------------------------


def _next(weekday: int, *, after: date) -> date:
    return after + timedelta(days=(weekday - after.weekday()) % 7 or 7)


def test_core_calendar_without_a_checker_closes_weekends():
    saved = list(council_days._checkers)
    council_days._checkers.clear()
    try:
        assert council_days.is_closed(date(2026, 12, 5)) and council_days.is_closed(date(2026, 12, 6))
        assert not council_days.is_closed(date(2026, 12, 25))  # bank holidays need the standards calendar
        assert council_days.next_open_day(date(2026, 12, 5)) == date(2026, 12, 7)
        # A registered checker answers alone (it knows its own weekends).
        council_days.register(lambda day: council_days.weekend(day) or day == date(2026, 12, 7))
        assert council_days.next_open_day(date(2026, 12, 5)) == date(2026, 12, 8)
    finally:
        council_days._checkers[:] = saved


def test_standards_answers_from_the_council_calendar(db, django_assert_num_queries):
    assert standards_selectors.council_closed in council_days._checkers  # registered in StandardsConfig.ready
    council_days.is_closed(date(2026, 12, 1))  # read once ...
    with django_assert_num_queries(0):  # ... then kept: no query per absence shown
        assert council_days.is_closed(date(2026, 12, 25))  # Christmas Day
        assert council_days.is_closed(date(2026, 12, 28))  # Boxing Day's substitute bank holiday
        assert not council_days.is_closed(date(2026, 12, 29))
    midnight = timezone.make_aware(datetime.combine(date(2026, 12, 29), time()))
    standards_services.closure_create(calendar=council_calendar(), by=None, starts_at=midnight,
                                      ends_at=midnight + timedelta(days=1), reason="Stock take")  # fmt: skip
    assert council_days.is_closed(date(2026, 12, 29))  # a change in this process is seen at once


def test_a_return_on_a_closed_day_names_the_next_open_day(db):
    now = timezone.make_aware(datetime(2026, 12, 2, 10, 0))  # a Wednesday
    boxing_day = timezone.make_aware(datetime(2026, 12, 26, 9, 0))
    absence = Absence(starts_at=now - timedelta(hours=1), ends_at=boxing_day, reason=Absence.Reason.LEAVE)
    assert absence.caller_sentence(now=now, is_closed=council_days.is_closed) == (
        "Not available until 9am on Saturday 26 December, when the council is closed: back on Tuesday 29 December."
    )
    assert absence.caller_sentence(now=now) == "Not available until 9am on Saturday 26 December."  # no calendar
    friday = timezone.make_aware(datetime(2026, 12, 4, 17, 0))
    absence.ends_at = friday
    assert absence.caller_sentence(now=now, is_closed=council_days.is_closed) == (
        "Not available until 5pm on Friday 4 December."
    )


def test_the_search_result_says_when_an_officer_is_back_after_a_closed_day(client, adviser, small_directory):
    saturday = _next(5, after=timezone.localdate())
    back = council_days.next_open_day(saturday)
    _away(small_directory["hugo"], ends=timezone.make_aware(datetime.combine(saturday, time())))
    hugo = _result(_page(client, adviser, "Hugo Private"), "Hugo Private")
    assert f"when the council is closed: back on {govuk_day(back)}." in hugo


@pytest.mark.parametrize("query", ["officer-1", "#team-waste-collections", "' OR 1=1 --", "x" * 500, "\x00bins", "٣"])
def test_odd_queries_are_answered(client, adviser, query):
    client.force_login(adviser)
    assert client.get(SEARCH, {"q": query}).status_code == 200


def test_a_calendar_closed_for_months_says_only_that():
    absence = Absence(starts_at=timezone.now() - timedelta(hours=1), ends_at=timezone.now() + timedelta(days=1))
    assert absence.caller_sentence(is_closed=lambda day: True).endswith(", when the council is closed.")
