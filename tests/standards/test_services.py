"""The standards' writes: every service, each refusal with its GOV.UK message and code, the history
each records, the database's refusals in a race mapped to the same field errors, and the rule that
a standard in force is never changed in place."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone

from core.dates import govuk_datetime
from standards import selectors, services
from standards.models import (
    CONSTRAINT_ERRORS,
    Calendar,
    CalendarTeam,
    CaseType,
    Channel,
    Closure,
    RespondFrom,
    ResponseStandard,
    StandardsChange,
    Target,
    WorkingHours,
)

LONDON = ZoneInfo("Europe/London")
T = time


def at(*args) -> datetime:
    return datetime(*args, tzinfo=LONDON)


def refused(call, **kwargs) -> dict[str, list[tuple[str, str]]]:
    """The field errors a service raises: {field: [(message, code), ...]}."""
    with pytest.raises(ValidationError) as caught:
        call(**kwargs)
    return {
        name: [(error.message % error.params if error.params else error.message, error.code) for error in errors]
        for name, errors in caught.value.error_dict.items()
    }


def history(entry) -> list[StandardsChange]:
    return selectors.change_history(entry=entry)


def message(constraint: str) -> tuple[str, str]:
    _, text, code = CONSTRAINT_ERRORS[constraint]
    return (text, code)


@pytest.fixture
def team_calendar(world):
    """Area B's calendar, from the world."""
    return world.standards["calendar_b"]


# --- Calendars -------------------------------------------------------------------------------------


def test_calendar_create_starts_with_the_council_hours_and_is_recorded(world):
    calendar = services.calendar_create(
        by=world.service_manager, name="Housing repairs", slug="housing-repairs", subdivision="WLS",
        service_area=world.area_b,
    )  # fmt: skip
    assert list(calendar.hours.values_list("weekday", "opens", "closes")) == [
        (day, T(8, 45), T(16, 45) if day == 4 else T(17, 15)) for day in range(5)
    ]
    (change,) = history(calendar)
    assert (change.action, change.changed_by) == ("created", world.service_manager)
    assert change.entry_label == "Housing repairs"
    assert change.changes["subdivision"] == [None, "WLS"]
    assert change.changes["service_area"] == [None, "Housing"]
    assert change.changes["hours"] == [
        None,
        "Mon 08:45-17:15; Tue 08:45-17:15; Wed 08:45-17:15; Thu 08:45-17:15; Fri 08:45-16:45",
    ]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"is_council": True}, {"is_council": [message("calendar_one_council")]}),
        (
            {"slug": "c2", "name": "Other", "service_area": "area", "is_council": True},
            {"service_area": [message("calendar_council_has_no_area")]},
        ),
        ({"name": "Council calendar", "slug": "other"}, {"name": [message("standards_calendar_name_key")]}),
        ({"subdivision": "XX"}, {"subdivision": [("Value 'XX' is not a valid choice.", "invalid_choice")]}),
    ],
    ids=["second-council", "council-with-area", "name-taken", "unknown-nation"],
)
def test_calendar_create_refusals(world, council, fields, expected):
    values = {"name": "New", "slug": "new", "subdivision": "ENG", **fields}
    if values.get("service_area") == "area":
        values["service_area"] = world.area_a
    assert refused(services.calendar_create, by=world.administrator, **values) == expected
    assert not Calendar.objects.filter(slug="new").exists()


def test_subdivision_choices_are_the_nations_worktime_knows():
    from standards.models import Subdivision
    from standards.worktime import SUBDIVISIONS

    assert dict(Subdivision.choices) == SUBDIVISIONS


def test_calendar_update_records_what_changed_and_never_switches_the_council(world, council, team_calendar):
    services.calendar_update(calendar=team_calendar, by=world.administrator, fields={"name": "Housing hours"})
    team_calendar.refresh_from_db()
    assert team_calendar.name == "Housing hours"
    assert history(team_calendar)[0].changes == {"name": ["Housing calendar", "Housing hours"]}
    # Nothing changed: nothing recorded.
    recorded = len(history(team_calendar))
    services.calendar_update(calendar=team_calendar, by=world.administrator, fields={"name": "Housing hours"})
    assert len(history(team_calendar)) == recorded
    assert refused(
        services.calendar_update, calendar=council, by=world.administrator, fields={"is_council": False}
    ) == {"is_council": [(services.COUNCIL_SWITCH_MESSAGE, "council_switch")]}


def test_calendar_update_keeps_the_teams_in_the_calendars_area(world, team_calendar):
    services.calendar_teams_set(calendar=team_calendar, by=world.administrator, teams=[world.team_b])
    errors = refused(
        services.calendar_update, calendar=team_calendar, by=world.administrator, fields={"service_area": world.area_a}
    )
    assert errors == {
        "service_area": [
            ("Housing options work to this calendar and are not in Waste and recycling. "
             "Take them off the calendar first", "teams_outside")
        ]
    }  # fmt: skip


def test_calendar_hours_set_replaces_the_week_and_records_it_as_text(world, council):
    stamp = council.updated_at
    hours = {day: [(T(9), T(12, 30)), (T(13, 30), T(17))] for day in range(4)} | {4: [(T(9), T(16))]}
    services.calendar_hours_set(calendar=council, by=world.administrator, hours=hours)
    council.refresh_from_db()
    assert council.updated_at > stamp
    assert WorkingHours.objects.filter(calendar=council).count() == 9
    (change,) = history(council)
    assert change.changes == {
        "hours": [
            "Mon 08:45-17:15; Tue 08:45-17:15; Wed 08:45-17:15; Thu 08:45-17:15; Fri 08:45-16:45",
            "Mon 09:00-12:30, 13:30-17:00; Tue 09:00-12:30, 13:30-17:00; Wed 09:00-12:30, 13:30-17:00; "
            "Thu 09:00-12:30, 13:30-17:00; Fri 09:00-16:00",
        ]
    }
    # The same week again changes nothing, not even the time stamp.
    services.calendar_hours_set(calendar=council, by=world.administrator, hours=hours)
    assert len(history(council)) == 1


@pytest.mark.parametrize(
    ("hours", "expected"),
    [
        ({0: [(T(17), T(9))]}, {"monday": [("The closing time on Monday must be after the opening time",
                                             "closes_before_opens")]}),
        ({2: [(T(9), T(9))]}, {"wednesday": [("The closing time on Wednesday must be after the opening time",
                                               "closes_before_opens")]}),
        ({1: [(T(9), T(13)), (T(12), T(17))]}, {"tuesday": [(services.HOURS_OVERLAP_MESSAGE.format(day="Tuesday"),
                                                             "overlap")]}),
        ({1: [(T(9), T(13)), (T(9), T(17))]}, {"tuesday": [(services.HOURS_OVERLAP_MESSAGE.format(day="Tuesday"),
                                                             "overlap")]}),
        ({}, {"hours": [(services.HOURS_NONE_MESSAGE, "no_hours")]}),
        ({0: [], 6: []}, {"hours": [(services.HOURS_NONE_MESSAGE, "no_hours")]}),
    ],
    ids=["ends-before-start", "ends-as-it-starts", "overlap", "same-start", "no-days", "empty-days"],
)  # fmt: skip
def test_calendar_hours_set_refusals(world, council, hours, expected):
    assert refused(services.calendar_hours_set, calendar=council, by=world.administrator, hours=hours) == expected
    assert council.hours.count() == 5


def test_calendar_hours_set_reports_every_bad_day_at_once(world, council):
    errors = refused(
        services.calendar_hours_set, calendar=council, by=world.administrator,
        hours={0: [(T(17), T(9))], 4: [(T(9), T(13)), (T(12), T(17))]},
    )  # fmt: skip
    assert set(errors) == {"monday", "friday"}


def test_calendar_teams_set_links_and_unlinks_and_records_the_teams(world, council):
    calendar = services.calendar_create(by=world.administrator, name="Shared", slug="shared", subdivision="ENG")
    stamp = calendar.updated_at
    services.calendar_teams_set(calendar=calendar, by=world.administrator, teams=[world.team_a, world.team_b])
    calendar.refresh_from_db()
    assert calendar.updated_at > stamp
    assert set(CalendarTeam.objects.values_list("team_id", flat=True)) == {world.team_a.pk, world.team_b.pk}
    assert history(calendar)[0].changes == {"teams": [[], ["Housing options", "Waste collections"]]}
    services.calendar_teams_set(calendar=calendar, by=world.administrator, teams=[world.team_b])
    assert history(calendar)[0].changes == {"teams": [["Housing options", "Waste collections"], ["Housing options"]]}
    assert selectors.calendar_for_team(world.team_a) == council
    assert selectors.calendar_for_team(world.team_b) == calendar


def test_calendar_teams_set_refusals(world, council, team_calendar):
    shared = services.calendar_create(by=world.administrator, name="Shared", slug="shared", subdivision="ENG")
    services.calendar_teams_set(calendar=shared, by=world.administrator, teams=[world.team_b])
    assert refused(
        services.calendar_teams_set, calendar=team_calendar, by=world.administrator, teams=[world.team_b]
    ) == {"teams": [("Housing options already works to the Shared calendar. Take it off that calendar first", "taken")]}
    assert refused(
        services.calendar_teams_set, calendar=team_calendar, by=world.administrator, teams=[world.team_a]
    ) == {
        "teams": [
            ("Waste collections is not in Housing. Choose teams from Housing, or change the calendar's service area",
             "other_area")
        ]
    }  # fmt: skip
    assert refused(services.calendar_teams_set, calendar=council, by=world.administrator, teams=[world.team_a]) == {
        "teams": [(services.COUNCIL_TEAMS_MESSAGE, "council_calendar")]
    }


def test_calendar_teams_set_race_is_mapped_by_constraint_name(world, team_calendar, monkeypatch):
    other = services.calendar_create(by=world.administrator, name="Shared", slug="shared", subdivision="ENG")
    services.calendar_teams_set(calendar=other, by=world.administrator, teams=[world.team_b])
    # As if the other link was made between our check and our insert.
    monkeypatch.setattr(CalendarTeam.objects, "filter", lambda **kw: CalendarTeam.objects.none())
    errors = refused(services.calendar_teams_set, calendar=team_calendar, by=world.administrator, teams=[world.team_b])
    assert errors == {"teams": [message("standards_calendarteam_team_id_key")]}


# --- Closures --------------------------------------------------------------------------------------


def test_closure_create_and_delete_are_recorded_and_touch_the_calendar(world, council):
    stamp = council.updated_at
    closure = services.closure_create(
        calendar=council, by=world.administrator, starts_at=at(2026, 12, 24, 12), ends_at=at(2027, 1, 2),
        reason="Christmas closure",
    )  # fmt: skip
    council.refresh_from_db()
    assert council.updated_at > stamp
    # On the calendar's history, which managers read (a closure has no page of its own).
    created = history(council)[0]
    closure_text = "Christmas closure, midday on Thursday 24 December 2026 to midnight on Saturday 2 January 2027"
    assert (created.action, created.changes) == ("updated", {"closures": [None, closure_text]})
    stamp = council.updated_at
    services.closure_delete(closure=closure, by=world.administrator)
    council.refresh_from_db()
    assert council.updated_at > stamp
    assert not Closure.objects.filter(calendar=council).exists()
    deleted = history(council)[0]
    assert (deleted.action, deleted.changes) == ("updated", {"closures": [closure_text, None]})


def test_closure_refusals(world, council):
    services.closure_create(
        calendar=council, by=None, starts_at=at(2026, 12, 24, 12), ends_at=at(2027, 1, 2), reason="Christmas closure"
    )
    assert refused(
        services.closure_create, calendar=council, by=None, starts_at=at(2026, 3, 2, 13), ends_at=at(2026, 3, 2, 9),
        reason="Training",
    ) == {"ends_at": [message("closure_ends_after_start")]}  # fmt: skip
    assert refused(
        services.closure_create, calendar=council, by=None, starts_at=at(2026, 12, 31, 13), ends_at=at(2027, 1, 4),
        reason="Stocktake",
    ) == {
        "starts_at": [
            (f"This closure overlaps “Christmas closure” ({govuk_datetime(at(2026, 12, 24, 12), relative=False)} to "
             f"{govuk_datetime(at(2027, 1, 2), relative=False)}). Change the dates or delete that closure", "overlap")
        ]
    }  # fmt: skip
    # As GOV.UK writes them (the year only when it is not this year's).
    assert govuk_datetime(at(2027, 1, 2), relative=False).startswith("midnight on Saturday 2 January")
    # Touching is not overlapping: the next closure may start as the last one ends.
    services.closure_create(
        calendar=council, by=None, starts_at=at(2027, 1, 2), ends_at=at(2027, 1, 4, 13), reason="Stocktake"
    )


def test_closure_overlap_race_is_mapped_by_constraint_name(world, council, monkeypatch):
    services.closure_create(calendar=council, by=None, starts_at=at(2026, 3, 2, 13), ends_at=at(2026, 3, 2, 17),
                            reason="Training")  # fmt: skip
    monkeypatch.setattr(services, "_closure_overlap_check", lambda closure: None)
    errors = refused(services.closure_create, calendar=council, by=None, starts_at=at(2026, 3, 2, 14),
                     ends_at=at(2026, 3, 2, 15), reason="Again")  # fmt: skip
    assert errors == {"starts_at": [message("closure_no_overlap")]}


# --- Response standards ------------------------------------------------------------------------------


def _standard(**fields) -> dict:
    return {"channel": Channel.EMAIL, "acknowledge_within": 1, "respond_within": 5,
            "public_wording": "We will reply within 5 working days", "effective_from": date(2025, 4, 1),
            **fields}  # fmt: skip


def test_standard_create_is_recorded(world):
    standard = services.standard_create(by=world.administrator, fields=_standard())
    (change,) = history(standard)
    assert change.action == "created"
    assert change.changes["respond_within"] == [None, 5]
    assert change.changes["effective_from"] == [None, "2025-04-01"]
    assert change.entry_label == "We will reply within 5 working days"


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"acknowledge_within": None, "respond_within": None},
         {"acknowledge_within": [("Enter how long to acknowledge or respond, or both", "no_time")]}),
        ({"acknowledge_within": 0, "respond_within": 0},
         {"acknowledge_within": [("Enter how long to acknowledge or respond, or both", "no_time")],
          "respond_within": [message("standard_respond_positive")]}),
        ({"acknowledge_within": 0}, {"acknowledge_within": [message("standard_acknowledge_positive")]}),
        ({"respond_within": 0}, {"respond_within": [message("standard_respond_positive")]}),
        ({"acknowledge_within": None, "respond_from": RespondFrom.ACKNOWLEDGEMENT},
         {"acknowledge_within": [message("standard_acknowledged_before_respond")]}),
        ({"extension_max_days": 0}, {"extension_max_days": [("The longest extension must be at least 1 working day, "
                                                             "or leave it empty", "not_positive")]}),
        ({"respond_within": None, "extension_max_days": 10},
         {"respond_within": [("Enter how long to respond: an extension adds to the time to respond", "no_respond")]}),
        ({"channel": "pigeon"}, {"channel": [("Value 'pigeon' is not a valid choice.", "invalid_choice")]}),
    ],
    ids=["no-time", "zero-times", "zero-acknowledge", "zero-respond", "from-missing-acknowledgement",
         "zero-extension", "extension-without-respond", "unknown-channel"],
)  # fmt: skip
def test_standard_create_refusals(world, fields, expected):
    assert refused(services.standard_create, by=None, fields=_standard(**fields)) == expected
    assert not ResponseStandard.objects.filter(channel=Channel.EMAIL, service_area=None).exists()


def test_two_standards_for_the_same_cases_cannot_start_the_same_day(world):
    tomorrow = timezone.localdate() + timedelta(days=1)
    services.standard_create(by=None, fields=_standard(effective_from=tomorrow))
    errors = refused(services.standard_create, by=None, fields=_standard(effective_from=tomorrow, respond_within=3))
    day = f"{tomorrow.day} {tomorrow:%B %Y}"
    assert errors == {"effective_from": [(services.SAME_DAY_MESSAGE.format(day=day), "duplicate")]}


def test_a_new_standard_cannot_take_over_promises_already_made(world):
    services.standard_create(by=None, fields=_standard())
    errors = refused(services.standard_create, by=None, fields=_standard(effective_from=timezone.localdate()))
    assert errors == {"effective_from": [(services.ALREADY_COVERED_MESSAGE, "already_covered")]}
    # A standard for other cases, or one for the same cases from tomorrow, is fine.
    services.standard_create(by=None, fields=_standard(case_type=CaseType.COMPLIMENT))
    services.standard_create(by=None, fields=_standard(effective_from=timezone.localdate() + timedelta(days=1)))


def test_unique_dimensions_race_is_mapped_by_constraint_name(world, monkeypatch):
    services.standard_create(by=None, fields=_standard())
    monkeypatch.setattr(services, "_standard_rows_check", lambda standard, new: None)
    errors = refused(services.standard_create, by=None, fields=_standard(respond_within=3))
    assert errors == {"effective_from": [message("standard_unique_dimensions")]}


def test_a_standard_in_force_changes_through_its_successor(world):
    old = services.standard_create(by=world.administrator, fields=_standard())
    tomorrow = timezone.localdate() + timedelta(days=1)
    new = services.standard_update(
        standard=old, by=world.administrator, fields={"respond_within": 3, "public_wording": "Within 3 days"}
    )
    old.refresh_from_db()
    assert new.pk != old.pk
    assert (old.respond_within, old.effective_from) == (5, date(2025, 4, 1))  # what was promised stays promised
    assert (new.respond_within, new.effective_from, new.channel) == (3, tomorrow, Channel.EMAIL)
    (change,) = history(new)
    assert change.action == "created"
    assert change.changes == {
        "respond_within": [5, 3],
        "public_wording": ["We will reply within 5 working days", "Within 3 days"],
        "effective_from": ["2025-04-01", tomorrow.isoformat()],
        "replaces": ["We will reply within 5 working days (from 1 April 2025)", None],
    }
    assert len(history(old)) == 1  # the old standard itself is untouched


def test_a_successor_may_start_later_but_never_today(world):
    old = services.standard_create(by=None, fields=_standard())
    later = timezone.localdate() + timedelta(days=30)
    new = services.standard_update(standard=old, by=None, fields={"respond_within": 4, "effective_from": later})
    assert new.effective_from == later
    today = timezone.localdate()
    tomorrow = today + timedelta(days=1)
    errors = refused(services.standard_update, standard=old, by=None,
                     fields={"respond_within": 2, "effective_from": today})  # fmt: skip
    expected = services.IN_FORCE_DATE_MESSAGE.format(tomorrow=f"{tomorrow.day} {tomorrow:%B %Y}")
    assert errors == {"effective_from": [(expected, "in_force")]}


def test_a_standard_in_force_keeps_its_cases(world):
    old = services.standard_create(by=None, fields=_standard())
    errors = refused(services.standard_update, standard=old, by=None,
                     fields={"channel": Channel.WEB, "service_area": world.area_a})  # fmt: skip
    assert errors == {
        "channel": [(services.IN_FORCE_DIMENSION_MESSAGE, "in_force")],
        "service_area": [(services.IN_FORCE_DIMENSION_MESSAGE, "in_force")],
    }


def test_updating_a_standard_in_force_with_nothing_new_writes_nothing(world):
    old = services.standard_create(by=None, fields=_standard())
    same = services.standard_update(standard=old, by=None, fields={"respond_within": 5, "channel": Channel.EMAIL})
    assert same == old
    assert ResponseStandard.objects.filter(service_area=None).count() == 1
    assert len(history(old)) == 1


def test_a_future_standard_is_edited_in_place(world):
    later = timezone.localdate() + timedelta(days=10)
    future = services.standard_create(by=None, fields=_standard(effective_from=later))
    services.standard_update(standard=future, by=world.administrator, fields={"channel": Channel.WEB})
    future.refresh_from_db()
    assert future.channel == Channel.WEB
    assert history(future)[0].changes == {"channel": ["email", "web"]}
    errors = refused(
        services.standard_update, standard=future, by=None, fields={"effective_from": timezone.localdate()}
    )
    assert [code for _, code in errors["effective_from"]] == ["not_future"]


def test_standard_delete_only_before_it_is_in_force(world):
    in_force = services.standard_create(by=None, fields=_standard())
    with pytest.raises(ValidationError) as caught:
        services.standard_delete(standard=in_force, by=None)
    assert caught.value.error_dict[NON_FIELD_ERRORS][0].message == services.IN_FORCE_DELETE_MESSAGE
    future = services.standard_create(by=None, fields=_standard(effective_from=timezone.localdate() + timedelta(1)))
    pk = future.pk
    services.standard_delete(standard=future, by=world.administrator)
    assert not ResponseStandard.objects.filter(pk=pk).exists()
    (deleted,) = StandardsChange.objects.filter(entry_id=pk, action="deleted")
    assert deleted.changes["respond_within"] == [5, None]


# --- Targets ------------------------------------------------------------------------------------------


def _target(**fields) -> dict:
    # Satisfaction: the world's only target is for first-point resolution.
    return {"metric": Target.Metric.SATISFACTION, "percent": Decimal(45),
            "effective_from": date(2026, 4, 1), "effective_until": date(2027, 4, 1), **fields}  # fmt: skip


def test_target_create_and_update_are_recorded(world):
    target = services.target_create(by=world.administrator, fields=_target())
    assert history(target)[0].changes["percent"] == [None, "45"]
    services.target_update(target=target, by=world.administrator, fields={"percent": Decimal("47.5")})
    target.refresh_from_db()
    assert target.percent == Decimal("47.5")
    assert history(target)[0].changes == {"percent": ["45.00", "47.5"]}
    # The next period may start the day this one ends (effective_until is the first day it no longer applies).
    services.target_create(by=None, fields=_target(percent=Decimal(50), effective_from=date(2027, 4, 1),
                                                   effective_until=None))  # fmt: skip


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"percent": Decimal(101)}, {"percent": [message("target_percent_range")]}),
        ({"percent": Decimal(-1)}, {"percent": [message("target_percent_range")]}),
        ({"effective_until": date(2026, 4, 1)}, {"effective_until": [message("target_period_in_order")]}),
        ({"effective_from": date(2027, 3, 1), "effective_until": None},
         {"effective_from": [("The customers satisfied target of 45% from 1 April 2026 covers some of these "
                              "dates. Change the dates or edit that target", "overlap")]}),
    ],
    ids=["over-100", "negative", "period-backwards", "overlap"],
)  # fmt: skip
def test_target_refusals(world, fields, expected):
    if "effective_from" in fields:
        services.target_create(by=None, fields=_target())
    assert refused(services.target_create, by=None, fields=_target(**fields)) == expected


def test_target_overlap_race_is_mapped_by_constraint_name(world, monkeypatch):
    services.target_create(by=None, fields=_target())
    monkeypatch.setattr(services, "_target_overlap_check", lambda target: None)
    errors = refused(services.target_create, by=None, fields=_target(effective_from=date(2026, 5, 1)))
    assert errors == {"effective_from": [message("target_no_overlap")]}
