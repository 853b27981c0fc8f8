"""Standards pages: the public page, the staff preview, editing calendars, closures, standards and
targets with GOV.UK errors, scope by service area, history, and query counts.

Who may open which page is in tests/portal/test_permissions.py; here, what each page shows."""

import datetime as dt

import holidays
import pytest
from django.urls import reverse
from django.utils import timezone

from core.dates import govuk_date
from standards import services
from standards.models import Channel, Closure, ResponseStandard, StandardsChange, Target

# Every staff page costs the same four queries before its own: session, user, and the user's and
# groups' permissions (looked up once, then cached on the user).
STAFF_OVERHEAD = 4
TODAY = timezone.localdate


def _text(response) -> str:
    return response.content.decode()


def _date(prefix: str, day: dt.date) -> dict:
    """The three boxes of a GOV.UK date input."""
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def _local(day: dt.date, hour: int = 0, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


@pytest.fixture
def email_standard(world):
    """The council-wide email standard, in force today."""
    return services.standard_create(by=None, fields={
        "channel": Channel.EMAIL, "acknowledge_within": 1, "respond_within": 5, "effective_from": TODAY(),
        "public_wording": "We will reply to your email within 5 working days",
    })  # fmt: skip


# --- Public page ---------------------------------------------------------------------------------


def _thursday_before_an_ordinary_tuesday() -> tuple[dt.date, dt.date]:
    """A Thursday at least a week ahead whose following Tuesday is not a bank holiday (so a
    closure from that Thursday to the end of Monday reopens on the Tuesday at 8:45am)."""
    bank = holidays.country_holidays("GB", subdiv="ENG", years=range(TODAY().year, TODAY().year + 2))
    day = TODAY() + dt.timedelta(days=7)
    while (
        day.weekday() != 3
        or (day + dt.timedelta(days=5)) in bank
        or any((day + dt.timedelta(days=n)) in bank for n in range(5))
    ):
        day += dt.timedelta(days=1)
    return day, day + dt.timedelta(days=5)


def test_public_page_from_the_data(client, world, email_standard, django_assert_num_queries):
    council = world.standards["council"]
    thursday, tuesday = _thursday_before_an_ordinary_tuesday()
    services.closure_create(calendar=council, by=None, starts_at=_local(thursday, 12),
                            ends_at=_local(tuesday), reason="Christmas closure")  # fmt: skip
    # 1 standards in force, 1 the council calendar, 1 its hours, 1 its closures ahead.
    with django_assert_num_queries(4):
        response = client.get(reverse("standards:public"))
    page = _text(response)
    assert '<h1 class="govuk-heading-xl">Our customer care standards</h1>' in page
    assert "We will reply to your email within 5 working days" in page
    # The world's area B standard starts later: not promised yet.
    assert "housing email" not in page
    assert "Monday to Thursday: 8:45am to 5:15pm" in page
    assert "Friday: 8:45am to 4:45pm" in page
    assert "Saturday and Sunday: closed" in page
    expected = f"Closed from midday on {govuk_date(thursday)} to 8:45am on {govuk_date(tuesday)} (Christmas closure)"
    assert expected in page
    # Area B's training day is its own calendar's, not the council's.
    assert "Staff training" not in page
    assert "bank holiday" in page.lower() or "Day" in page  # the next bank holidays are listed
    assert 'href="/services/search/?q=complaint"' in page


def test_public_page_lists_the_next_bank_holidays(client, world):
    bank = holidays.country_holidays("GB", subdiv="ENG", years=range(TODAY().year, TODAY().year + 2))
    day, name = next((d, n) for d, n in sorted(bank.items()) if d >= TODAY() and d.weekday() < 5)
    assert f"Closed on {govuk_date(day)} ({name})" in _text(client.get(reverse("standards:public")))


def test_footer_links_to_the_public_page(client, world):
    page = _text(client.get(reverse("portal:home")))
    assert f'href="{reverse("standards:public")}">Our customer care standards</a>' in page


def test_public_page_takes_only_safe_methods(client, world):
    assert client.post(reverse("standards:public")).status_code == 405


# --- Preview -------------------------------------------------------------------------------------


def _preview(client, **params):
    return client.get(reverse("standards:preview"), params)


def _params(day: dt.date, time: str, **extra) -> dict:
    return {**_date("received_on", day), "received_time": time, "channel": "email",
            "case_type": "service_request", **extra}  # fmt: skip


@pytest.mark.parametrize("role", ["adviser", "officer_a", "team_manager", "councillor", "administrator"])
def test_preview_opens_with_the_time_now(client, world, role):
    client.force_login(world.users[role])
    page = _text(_preview(client))
    today = timezone.localdate()
    assert "When will they hear back?" in page
    assert f'name="received_on_2" value="{today.year}"' in page
    assert 'name="received_time" value="' in page
    assert "There is a problem" not in page


def test_preview_shows_the_standard_dates_and_skipped_bank_holiday(client, world, email_standard):
    client.force_login(world.adviser)
    # Friday 28 May 2027, 10am; Monday 31 May is the spring bank holiday.
    page = _text(_preview(client, **_params(dt.date(2027, 5, 28), "10am")))
    assert "There is a problem" not in page
    assert "We will reply to your email within 5 working days" in page
    assert "The email standard" in page  # why it applies
    assert "Acknowledge by 5:15pm on Tuesday 1 June 2027" in page
    assert "Respond by 5:15pm on Monday 7 June 2027" in page
    assert "Monday 31 May 2027: Bank holiday: Spring Bank Holiday" in page
    assert "When it was received, in working time" in page


def test_preview_says_when_the_clock_starts_outside_working_time(client, world, email_standard):
    client.force_login(world.adviser)
    # Saturday 5 June 2027 at 11:30pm: the clock starts on Monday morning.
    page = _text(_preview(client, **_params(dt.date(2027, 6, 5), "23:30")))
    assert "Received at 11:30pm on Saturday: the clock starts at 8:45am on Monday 7 June 2027" in page


def test_preview_uses_the_teams_calendar_and_area_standard(client, world, email_standard):
    calendar_b = world.standards["calendar_b"]
    services.calendar_teams_set(calendar=calendar_b, by=None, teams=[world.team_b])
    client.force_login(world.service_manager)
    start = world.standards["standard_b"].effective_from
    while start.weekday() != 2:  # a Wednesday
        start += dt.timedelta(days=1)
    page = _text(_preview(client, **_params(start, "10:00", team=world.team_b.pk)))
    assert "We will reply to your housing email within 5 working days" in page
    assert "Housing calendar" in page


def test_preview_without_a_standard_is_an_error_not_a_500(client, world, email_standard):
    client.force_login(world.adviser)
    response = _preview(client, **_params(dt.date(2027, 6, 2), "10am", channel="letter", case_type="compliment"))
    page = _text(response)
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "No standard covers a compliment by letter" in page
    assert "<title>Error: " in page


def test_preview_input_errors_are_govuk_messages(client, world):
    client.force_login(world.adviser)
    page = _text(_preview(client, received_on_0="31", received_on_1="2", received_on_2="2027", received_time="25:00",
                          channel="", case_type="service_request"))  # fmt: skip
    assert "The date it was received must be a real date" in page
    assert "The time it was received must be a time, like 8:45am or 17:15" in page
    assert "Select how it came in" in page


@pytest.mark.parametrize(
    ("day", "year", "message"),
    [
        ("99999999999999999999", "2026", "The date it was received must be a real date"),  # overflowed int()
        ("1", "9999", "The date it was received must be in a year from 2000 to 2099"),  # ran off Python's dates
        ("1", "0001", "The date it was received must be in a year from 2000 to 2099"),
    ],
)
def test_preview_refuses_dates_out_of_range(client, world, email_standard, day, year, message):
    client.force_login(world.adviser)
    response = _preview(client, received_on_0=day, received_on_1="1", received_on_2=year, received_time="9am",
                        channel="email", case_type="service_request")  # fmt: skip
    assert response.status_code == 200
    assert message in _text(response)


# --- Editing home and scope ----------------------------------------------------------------------


def test_edit_home_for_a_service_manager(client, world, email_standard, django_assert_num_queries):
    client.force_login(world.service_manager)
    # 1 the manager's directory profile (their area), 1 calendars, 3 their hours, teams and
    # closures ahead, 1 standards, 1 targets, 1 the costs of a contact.
    with django_assert_num_queries(STAFF_OVERHEAD + 8):
        response = client.get(reverse("standards:edit-home"))
    page = _text(response)
    b, a = world.standards["calendar_b"], world.standards["calendar_a"]
    assert "Housing calendar" in page and reverse("standards:calendar-hours", args=[b.pk]) in page
    assert "Waste calendar" not in page and reverse("standards:calendar-hours", args=[a.pk]) not in page
    # The council calendar and the council-wide standard, read only.
    council = world.standards["council"]
    assert "Council calendar" in page and reverse("standards:calendar-hours", args=[council.pk]) not in page
    assert "We will reply to your email within 5 working days" in page
    assert reverse("standards:standard-update", args=[email_standard.pk]) not in page
    assert reverse("standards:standard-update", args=[world.standards["standard_b"].pk]) in page
    assert "Staff training" in page
    assert reverse("standards:target-create") not in page


def test_edit_home_for_an_administrator(client, world, email_standard, django_assert_num_queries):
    client.force_login(world.administrator)
    # No query for the scope (administrators edit everything), 1 calendars, 3 their hours, teams
    # and closures ahead, 1 standards, 1 targets, 1 the costs of a contact.
    with django_assert_num_queries(STAFF_OVERHEAD + 7):
        page = _text(client.get(reverse("standards:edit-home")))
    for calendar in ("council", "calendar_a", "calendar_b"):
        assert reverse("standards:calendar-hours", args=[world.standards[calendar].pk]) in page
    assert reverse("standards:standard-update", args=[email_standard.pk]) in page
    assert reverse("standards:target-update", args=[world.standards["target"].pk]) in page
    assert "First-point resolution" in page and "45%" in page


def test_service_manager_gets_404_on_another_areas_calendar(client, world):
    client.force_login(world.service_manager)
    calendar_a = world.standards["calendar_a"]
    for name in ("standards:calendar-hours", "standards:calendar-teams", "standards:closure-create",
                 "standards:calendar-history"):  # fmt: skip
        assert client.get(reverse(name, args=[calendar_a.pk])).status_code == 404, name
    council = world.standards["council"]
    assert client.get(reverse("standards:calendar-hours", args=[council.pk])).status_code == 404


def test_navigation(client, world):
    client.force_login(world.adviser)
    page = _text(client.get(reverse("portal:staff-home")))
    assert "When will they hear back?" in page and f'href="{reverse("standards:edit-home")}"' not in page
    client.force_login(world.service_manager)
    page = _text(client.get(reverse("portal:staff-home")))
    assert f'href="{reverse("standards:edit-home")}"' in page


# --- Calendars -----------------------------------------------------------------------------------


def _hours_post(**times) -> dict:
    """Every box empty except those given, as monday_opens_1="8:45am"."""
    return dict(times)


def test_hours_form_shows_the_current_hours(client, world):
    client.force_login(world.service_manager)
    page = _text(client.get(reverse("standards:calendar-hours", args=[world.standards["calendar_b"].pk])))
    assert 'name="monday_opens_1" value="8:45am"' in page
    assert 'name="friday_closes_1" value="4:45pm"' in page
    assert 'name="saturday_opens_1" ' in page and 'name="monday_opens_2" ' in page


def test_hours_that_end_before_they_start(client, world):
    client.force_login(world.service_manager)
    calendar = world.standards["calendar_b"]
    response = client.post(reverse("standards:calendar-hours", args=[calendar.pk]),
                           _hours_post(monday_opens_1="5pm", monday_closes_1="9am"))  # fmt: skip
    page = _text(response)
    assert response.status_code == 200
    assert "There is a problem" in page
    assert '<a href="#id_monday_opens_1">The closing time on Monday must be after the opening time</a>' in page
    assert "govuk-form-group--error" in page


def test_hours_input_errors(client, world):
    client.force_login(world.service_manager)
    calendar = world.standards["calendar_b"]
    data = _hours_post(monday_opens_1="25:00", monday_closes_1="5pm", tuesday_opens_1="9am")
    page = _text(client.post(reverse("standards:calendar-hours", args=[calendar.pk]), data))
    assert "The time Monday opens must be a time, like 8:45am or 17:15" in page
    assert "Enter the time Tuesday closes" in page


def test_hours_saved_and_recorded(client, world):
    client.force_login(world.service_manager)
    calendar = world.standards["calendar_b"]
    data = {}
    for day in ("monday", "tuesday", "wednesday", "thursday", "friday"):
        data |= {f"{day}_opens_1": "9am", f"{day}_closes_1": "12:30pm", f"{day}_opens_2": "13:30",
                 f"{day}_closes_2": "5pm"}  # fmt: skip
    response = client.post(reverse("standards:calendar-hours", args=[calendar.pk]), data)
    assert response.status_code == 302
    hours = list(calendar.hours.filter(weekday=0).values_list("opens", "closes"))
    assert hours == [(dt.time(9), dt.time(12, 30)), (dt.time(13, 30), dt.time(17))]
    page = _text(client.get(reverse("standards:calendar-history", args=[calendar.pk])))
    assert "Sanjay" in page and "Mon 09:00-12:30, 13:30-17:00" in page and "Mon 08:45-17:15" in page
    page = _text(client.get(reverse("standards:edit-home")))
    assert "Monday to Friday: 9am to 12:30pm and 1:30pm to 5pm" in page


def test_calendar_teams(client, world):
    client.force_login(world.service_manager)
    calendar = world.standards["calendar_b"]
    page = _text(client.get(reverse("standards:calendar-teams", args=[calendar.pk])))
    assert "Housing options" in page and "Waste collections" not in page  # only area B's teams
    response = client.post(reverse("standards:calendar-teams", args=[calendar.pk]), {"teams": [world.team_b.pk]})
    assert response.status_code == 302
    assert list(calendar.team_links.values_list("team_id", flat=True)) == [world.team_b.pk]
    # Another area's team is not a choice.
    page = _text(client.post(reverse("standards:calendar-teams", args=[calendar.pk]), {"teams": [world.team_a.pk]}))
    assert "Select teams from the list" in page


def test_add_a_calendar(client, world):
    client.force_login(world.service_manager)
    response = client.post(reverse("standards:calendar-create"),
                           {"name": "Housing repairs", "slug": "housing-repairs", "subdivision": "ENG",
                            "service_area": world.area_b.pk})  # fmt: skip
    assert response.status_code == 302
    page = _text(client.post(reverse("standards:calendar-create"), {"name": "Housing repairs", "slug": "x",
                                                                     "subdivision": "ENG",
                                                                     "service_area": world.area_b.pk}))  # fmt: skip
    assert "There is already a calendar with this name" in page


def test_change_a_calendar(client, world):
    client.force_login(world.service_manager)
    calendar = world.standards["calendar_b"]
    url, old_name = reverse("standards:calendar-update", args=[calendar.pk]), calendar.name
    assert f'value="{old_name}"' in _text(client.get(url))
    response = client.post(url, {"name": "Housing hours", "slug": calendar.slug, "subdivision": "WLS",
                                 "service_area": world.area_b.pk})  # fmt: skip
    assert response.status_code == 302
    calendar.refresh_from_db()
    assert (calendar.name, calendar.subdivision) == ("Housing hours", "WLS")
    change = StandardsChange.objects.filter(entry_type="calendar", entry_id=calendar.pk).first()
    assert change.changed_by == world.service_manager
    assert change.changes["name"] == [old_name, "Housing hours"]
    # Another area's calendar does not exist for this manager; the council's is read-only.
    for other in (world.standards["calendar_a"], world.standards["council"]):
        assert client.get(reverse("standards:calendar-update", args=[other.pk])).status_code == 404


def test_the_council_calendar_has_no_area_to_choose(client, world):
    client.force_login(world.administrator)
    page = _text(client.get(reverse("standards:calendar-update", args=[world.standards["council"].pk])))
    assert 'name="service_area"' not in page and "Save calendar" in page


# --- Closures ------------------------------------------------------------------------------------


def test_closure_whole_days_part_days_and_overlap(client, world):
    client.force_login(world.service_manager)
    calendar = world.standards["calendar_b"]
    url = reverse("standards:closure-create", args=[calendar.pk])
    day = world.standards["closure_b"].starts_at.date() + dt.timedelta(days=7)
    response = client.post(url, {"reason": "Christmas", **_date("first_day", day),
                                 **_date("last_day", day + dt.timedelta(days=2))})  # fmt: skip
    assert response.status_code == 302
    christmas = Closure.objects.get(reason="Christmas")
    assert (christmas.starts_at, christmas.ends_at) == (_local(day), _local(day + dt.timedelta(days=3)))
    later = day + dt.timedelta(days=10)
    response = client.post(url, {"reason": "Training", **_date("first_day", later), "closes_at": "2pm"})
    assert response.status_code == 302
    training = Closure.objects.get(reason="Training")
    assert (training.starts_at, training.ends_at) == (_local(later, 14), _local(later + dt.timedelta(days=1)))
    # Overlapping the world's training day.
    page = _text(client.post(url, {"reason": "Overlap", **_date("first_day", world.standards["closure_b"]
                                                                .starts_at.date())}))  # fmt: skip
    assert "There is a problem" in page
    assert "This closure overlaps “Staff training”" in page
    assert not Closure.objects.filter(reason="Overlap").exists()


def test_closure_input_errors(client, world):
    client.force_login(world.service_manager)
    url = reverse("standards:closure-create", args=[world.standards["calendar_b"].pk])
    day = TODAY() + dt.timedelta(days=100)
    page = _text(client.post(url, {"reason": "", "first_day_0": "12", "first_day_1": "", "first_day_2": "2027"}))
    assert "Enter the reason for the closure" in page
    assert "The first day of the closure must include a month" in page
    page = _text(client.post(url, {"reason": "Training", **_date("first_day", day), "closes_at": "3pm",
                                   "opens_at": "1pm"}))  # fmt: skip
    assert "The end of the closure must be after its start" in page


def test_delete_closure(client, world):
    client.force_login(world.service_manager)
    closure = world.standards["closure_b"]
    url = reverse("standards:closure-delete", args=[closure.pk])
    assert "Are you sure you want to delete Staff training?" in _text(client.get(url))
    assert client.post(url).status_code == 302
    assert not Closure.objects.filter(pk=closure.pk).exists()
    # Recorded on the calendar's history page, where managers look.
    record = StandardsChange.objects.filter(entry_type="calendar", entry_id=closure.calendar_id).first()
    assert record.changed_by == world.service_manager and record.changes["closures"][1] is None
    assert "Staff training" in _text(client.get(reverse("standards:calendar-history", args=[closure.calendar_id])))


# --- Standards -----------------------------------------------------------------------------------


def _standard_post(**fields) -> dict:
    data = {"channel": "", "case_type": "", "priority": "", "acknowledge_within": "", "acknowledge_unit": "days",
            "respond_within": "", "respond_unit": "days", "respond_from": "receipt", "extension_max_days": "",
            "public_wording": "We will reply within 10 working days", **_date("effective_from", TODAY())}  # fmt: skip
    data.update(fields)
    return data


def test_standard_with_no_time(client, world):
    client.force_login(world.administrator)
    page = _text(client.post(reverse("standards:standard-create"), _standard_post()))
    assert "There is a problem" in page
    assert '<a href="#id_acknowledge_within">Enter how long to acknowledge or respond, or both</a>' in page


def test_duplicate_standard(client, world):
    client.force_login(world.service_manager)
    standard = world.standards["standard_b"]
    data = _standard_post(channel="email", service_area=world.area_b.pk, respond_within="3",
                          **_date("effective_from", standard.effective_from))  # fmt: skip
    page = _text(client.post(reverse("standards:standard-create"), data))
    assert "Another standard for the same cases starts on" in page
    assert ResponseStandard.objects.filter(channel="email", service_area=world.area_b).count() == 1


def test_service_manager_adds_a_standard_for_their_area_only(client, world):
    client.force_login(world.service_manager)
    page = _text(client.get(reverse("standards:standard-create")))
    assert "Housing" in page and "Waste and recycling" not in page and "Every service area" not in page
    data = _standard_post(case_type="complaint_1", service_area=world.area_b.pk, respond_within="10")
    assert client.post(reverse("standards:standard-create"), data).status_code == 302
    data = _standard_post(case_type="comment", service_area=world.area_a.pk, respond_within="1")
    page = _text(client.post(reverse("standards:standard-create"), data))
    assert "Select the service area" in page


def test_editing_a_standard_in_force_asks_from_when(client, world, email_standard):
    client.force_login(world.administrator)
    url = reverse("standards:standard-update", args=[email_standard.pk])
    page = _text(client.get(url))
    assert "From which date does the change apply?" in page
    assert 'name="channel"' not in page  # which cases it covers cannot change
    page = _text(client.post(url, _standard_post(respond_within="3", **_date("effective_from", TODAY()))))
    assert "must start after today" in page
    later = TODAY() + dt.timedelta(days=30)
    data = _standard_post(respond_within="3", public_wording="We will reply to your email within 3 working days",
                          **_date("effective_from", later))  # fmt: skip
    del data["channel"], data["case_type"], data["priority"]
    response = client.post(url, data)
    assert response.status_code == 302
    successor = ResponseStandard.objects.get(effective_from=later, channel="email")
    assert successor.respond_within == 3 and successor.pk != email_standard.pk
    email_standard.refresh_from_db()
    assert email_standard.respond_within == 5  # promises already made are kept
    page = _text(client.get(reverse("standards:standard-history", args=[successor.pk])))
    assert "Alex" in page and "Respond within: 3" in page  # the new version, created with the change


def test_delete_a_standard_not_yet_in_force(client, world):
    client.force_login(world.service_manager)
    standard = world.standards["standard_b"]
    url = reverse("standards:standard-delete", args=[standard.pk])
    assert "Are you sure you want to delete this standard?" in _text(client.get(url))
    assert client.post(url).status_code == 302
    assert not ResponseStandard.objects.filter(pk=standard.pk).exists()


def test_a_standard_in_force_cannot_be_deleted(client, world, email_standard):
    client.force_login(world.administrator)
    response = client.post(reverse("standards:standard-delete", args=[email_standard.pk]))
    assert response.status_code == 200
    assert "You cannot delete a standard in force" in _text(response)


# --- Targets -------------------------------------------------------------------------------------


def test_targets(client, world):
    client.force_login(world.administrator)
    start = world.standards["target"].effective_from
    data = {"metric": "fpr", "percent": "50", **_date("effective_from", start + dt.timedelta(days=10))}
    page = _text(client.post(reverse("standards:target-create"), data))
    assert "covers some of these dates" in page
    page = _text(client.post(reverse("standards:target-create"), {"metric": "", "percent": "120",
                                                                   **_date("effective_from", start)}))  # fmt: skip
    assert "Select the measure" in page
    data = {"metric": "satisfaction", "percent": "80", **_date("effective_from", start)}
    assert client.post(reverse("standards:target-create"), data).status_code == 302
    target = world.standards["target"]
    data = {"metric": "fpr", "percent": "47.5", **_date("effective_from", start)}
    assert client.post(reverse("standards:target-update", args=[target.pk]), data).status_code == 302
    target.refresh_from_db()
    assert str(target.percent) == "47.50"
    assert Target.objects.count() == 2
    page = _text(client.get(reverse("standards:target-history", args=[target.pk])))
    assert "Percent" in page and "47.5" in page


def test_preview_query_count(client, world, email_standard, django_assert_num_queries):
    client.force_login(world.adviser)
    params = _params(dt.date(2027, 5, 28), "10am", team=world.team_a.pk)
    _preview(client, **params)  # the council's working calendar is built once, then kept in the process
    # 1 the team (the form's choice), 1 its calendar (its own, else the council's), 1 the standard,
    # 1 the closures in the time, 1 the teams for the form's list.
    with django_assert_num_queries(STAFF_OVERHEAD + 5):
        response = _preview(client, **params)
    assert "Respond by 5:15pm on Monday 7 June 2027" in _text(response)
