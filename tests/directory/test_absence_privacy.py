"""Why an officer is away can be health data (UK GDPR special category): callers are told only
when the officer is back, and the reason is shown to the officer's managers (team and service
managers whose editing scope covers the officer's service area) and administrators alone."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from core.dates import govuk_date, govuk_datetime, govuk_time
from directory import selectors
from directory.forms import AbsenceForm
from directory.models import Absence
from directory.services import entry_create

LONDON = ZoneInfo("Europe/London")
NOTE = "Ask for the duty officer"
# Who may see the reason of an absence of an officer in team A (area A, waste).
SEES_REASON = {
    "adviser": False,
    "officer": False,  # an officer in team A itself: the same area, but no manager
    "team_manager": True,  # of team A
    "service_manager": False,  # of area B
    "councillor": False,
    "administrator": True,
}


@pytest.fixture
def sick(world) -> Absence:
    """An officer of team A off sick since an hour ago, for two days."""
    now = timezone.now()
    return entry_create(
        model=Absence,
        by=None,
        fields={"officer": world.directory["hugo"], "starts_at": now - timedelta(hours=1),
                "ends_at": now + timedelta(days=2), "reason": Absence.Reason.SICKNESS, "caller_note": NOTE},
    )  # fmt: skip


def _page(client, user, url, **params) -> str:
    client.force_login(user)
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


STAFF_VIEWS = {
    "phone guide index": (reverse("directory:phone-guide"), {}),
    "area page": (reverse("directory:phone-guide-area", args=["waste"]), {}),
    "staff API teams": ("/api/directory/teams/", {}),
    "staff search": (reverse("directory:phone-guide-search"), {"q": "Hugo Private"}),
}


@pytest.mark.parametrize("where", STAFF_VIEWS)
@pytest.mark.parametrize("role", SEES_REASON)
def test_the_reason_is_shown_to_the_officers_managers_alone(client, role_user, sick, role, where):
    url, params = STAFF_VIEWS[where]
    page = _page(client, role_user(role), url, **params)
    assert "Not available until" in page and NOTE in page  # every role can tell callers
    assert ("Sickness" in page) is SEES_REASON[role], f"{role} on the {where}"


@pytest.mark.parametrize("role", SEES_REASON)
def test_the_print_view_shows_no_absences(client, role_user, sick, role):
    # Paper is read on later days: who is away is for the online guide alone, reason and all.
    page = _page(client, role_user(role), reverse("directory:phone-guide-print"))
    assert "Hugo Private" in page
    assert "Not available" not in page and NOTE not in page and "Sickness" not in page


@pytest.mark.parametrize("role", SEES_REASON)
def test_only_the_officers_managers_reach_the_absence_and_its_history(client, role_user, sick, role):
    client.force_login(role_user(role))
    edit = client.get(reverse("directory:entry-update", args=["absence", sick.pk]))
    history = client.get(reverse("directory:entry-history", args=["absence", sick.pk]))
    home = client.get(reverse("directory:edit-home"))
    if SEES_REASON[role]:
        assert edit.status_code == history.status_code == 200
        assert edit.context["form"].initial["reason"] == Absence.Reason.SICKNESS
        assert str(sick) in home.content.decode()
    else:
        assert edit.status_code in (403, 404) and history.status_code in (403, 404)
        assert home.status_code == 403 or str(sick) not in home.content.decode()


def test_the_rule_is_the_managers_editing_scope(world, role_user):
    areas = {role: selectors.absence_reason_area_ids(role_user(role)) for role in SEES_REASON}
    # An officer's own area is their editing scope only when they may edit absences.
    assert areas == {"adviser": set(), "officer": set(), "team_manager": {world.area_a.pk},
                     "service_manager": {world.area_b.pk}, "councillor": set(), "administrator": None}  # fmt: skip
    assert selectors.absence_reason_area_ids(None) == set()


def test_the_label_of_an_absence_never_names_the_reason(sick):
    # Labels go into messages, the change history and the admin.
    assert "Sickness" not in str(sick) and str(sick).startswith("Hugo Private: away until ")


def test_the_form_asks_only_who_to_contact_instead(world):
    form = AbsenceForm(user=world.administrator, area_ids=None)
    assert list(form.fields) == ["officer", "starts_at", "ends_at", "reason", "caller_note"]
    assert not form.fields["caller_note"].required
    assert "Do not give the reason" in form.fields["caller_note"].help_text


# --- The caller sentence --------------------------------------------------------------------------


def _london(*args) -> datetime:
    return datetime(*args, tzinfo=LONDON)


def _sentence(ends: datetime, *, now: datetime, starts: datetime | None = None, relative: bool = True) -> str:
    absence = Absence(starts_at=starts or now - timedelta(hours=1), ends_at=ends, reason=Absence.Reason.SICKNESS)
    return absence.caller_sentence(now=now, relative=relative)


WEDNESDAY_10AM = _london(2026, 12, 2, 10, 0)


@pytest.mark.parametrize(
    ("ends", "expected"),
    [
        (_london(2026, 12, 7, 9, 0), "Not available until 9am on Monday 7 December."),
        (_london(2026, 12, 2, 12, 0), "Not available until midday today."),
        (_london(2026, 12, 2, 13, 30), "Not available until 1:30pm today."),
        (_london(2026, 12, 3, 17, 30), "Not available until 5:30pm tomorrow."),
        (_london(2026, 12, 7, 12, 5), "Not available until 12:05pm on Monday 7 December."),
        # Back from midnight: worded by the day, since "midnight on Tuesday" is read both ways.
        (_london(2026, 12, 8, 0, 0), "Not available until Tuesday 8 December."),
        (_london(2026, 12, 3, 0, 0), "Not available until tomorrow."),
        (_london(2026, 12, 8, 0, 30), "Not available until 12:30am on Tuesday 8 December."),
        (_london(2027, 1, 4, 9, 0), "Not available until 9am on Monday 4 January 2027."),
    ],
)
def test_caller_sentence(ends, expected):
    assert _sentence(ends, now=WEDNESDAY_10AM) == expected


def test_caller_sentence_in_full_and_for_an_absence_later_today():
    assert _sentence(_london(2026, 12, 2, 17, 30), now=WEDNESDAY_10AM, relative=False) == (
        "Not available until 5:30pm on Wednesday 2 December."
    )
    later = _sentence(_london(2026, 12, 2, 17, 30), now=WEDNESDAY_10AM, starts=_london(2026, 12, 2, 14, 0))
    assert later == "Not available from 2pm today until 5:30pm today."


@pytest.mark.parametrize(
    ("now", "ends", "expected"),
    [
        # Clocks go forward at 1am GMT on Sunday 29 March 2026: 8:00 UTC is then 9am.
        (
            datetime(2026, 3, 28, 12, 0, tzinfo=UTC),
            datetime(2026, 3, 29, 8, 0, tzinfo=UTC),
            "Not available until 9am tomorrow.",
        ),
        (
            datetime(2026, 3, 28, 12, 0, tzinfo=UTC),
            datetime(2026, 3, 30, 8, 0, tzinfo=UTC),
            "Not available until 9am on Monday 30 March.",
        ),
        # 11pm UTC on the Sunday is already Monday in London.
        (
            datetime(2026, 3, 28, 12, 0, tzinfo=UTC),
            datetime(2026, 3, 29, 23, 0, tzinfo=UTC),
            "Not available until Monday 30 March.",
        ),
        (
            datetime(2026, 3, 28, 12, 0, tzinfo=UTC),
            datetime(2026, 3, 29, 23, 30, tzinfo=UTC),
            "Not available until 12:30am on Monday 30 March.",
        ),
        # Clocks go back at 2am BST on Sunday 25 October 2026: 9:00 UTC is then 9am again.
        (
            datetime(2026, 10, 23, 12, 0, tzinfo=UTC),
            datetime(2026, 10, 26, 9, 0, tzinfo=UTC),
            "Not available until 9am on Monday 26 October.",
        ),
        (
            datetime(2026, 10, 23, 12, 0, tzinfo=UTC),
            datetime(2026, 10, 23, 16, 30, tzinfo=UTC),
            "Not available until 5:30pm today.",
        ),
    ],
)
def test_caller_sentence_across_the_clock_change(now, ends, expected):
    assert _sentence(ends, now=now) == expected


def test_tell_callers_adds_the_note():
    absence = Absence(starts_at=WEDNESDAY_10AM, ends_at=_london(2026, 12, 3, 9, 0), caller_note=NOTE)
    assert absence.tell_callers(now=WEDNESDAY_10AM) == "Not available until 9am tomorrow. Ask for the duty officer."
    absence.caller_note = "Ring 01632 960200!"
    assert absence.tell_callers(now=WEDNESDAY_10AM) == "Not available until 9am tomorrow. Ring 01632 960200!"


@pytest.mark.parametrize("reason", Absence.Reason)
def test_caller_sentence_never_names_the_reason(reason):
    absence = Absence(starts_at=WEDNESDAY_10AM, ends_at=WEDNESDAY_10AM + timedelta(days=1), reason=reason)
    assert reason.label not in absence.caller_sentence(now=WEDNESDAY_10AM)


# --- GOV.UK dates and times (core.dates) --------------------------------------------------------


@pytest.mark.parametrize(
    ("hour", "minute", "expected"),
    [(9, 0, "9am"), (12, 0, "midday"), (0, 0, "midnight"), (17, 30, "5:30pm"), (0, 15, "12:15am"),
     (12, 45, "12:45pm"), (23, 59, "11:59pm")],
)  # fmt: skip
def test_govuk_time(hour, minute, expected):
    assert govuk_time(_london(2026, 12, 7, hour, minute)) == expected


def test_govuk_dates():
    today = WEDNESDAY_10AM.date()
    assert govuk_date(_london(2026, 12, 7, 9, 0), today=today) == "Monday 7 December"
    assert govuk_date(_london(2027, 1, 4, 9, 0), today=today) == "Monday 4 January 2027"
    # Midnight is the first minute of its day (GOV.UK style).
    assert govuk_datetime(_london(2026, 12, 8, 0, 0), now=WEDNESDAY_10AM) == "midnight on Tuesday 8 December"
    assert govuk_datetime(_london(2026, 12, 2, 19, 30), now=WEDNESDAY_10AM) == "7:30pm today"
    assert govuk_datetime(_london(2026, 12, 3, 8, 0), now=WEDNESDAY_10AM) == "8am tomorrow"
    assert govuk_datetime(_london(2026, 12, 3, 8, 0), now=WEDNESDAY_10AM, relative=False) == (
        "8am on Thursday 3 December"
    )
