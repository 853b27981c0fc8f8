"""Demo standards for `manage.py seed_demo`: the council calendar's Christmas closures, two team
calendars, the council's customer care standards and its targets. Everything goes through the
services, so it is validated and recorded like an administrator's edits.

Idempotent: calendars are matched by slug, closures by their time, standards by their cases and
start date and targets by their measure and dates; a second run changes nothing. Bank holidays
need no seeding: they come from the `holidays` package for the calendar's UK nation."""

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from directory.models import ServiceArea, Team

from . import selectors, services
from .models import Calendar, CaseType, Channel, Closure, RespondFrom, ResponseStandard, Target, TimeUnit

# The channel standards have applied since the 2025/26 financial year; the complaint standards
# follow the Local Government and Social Care Ombudsman's Complaint Handling Code from April 2026.
CHANNELS_FROM = date(2025, 4, 1)
COMPLAINTS_FROM = date(2026, 4, 1)
DAYS = TimeUnit.WORKING_DAYS

STANDARDS: list[dict[str, Any]] = [
    {"channel": Channel.PHONE, "respond_within": 1, "effective_from": CHANNELS_FROM,
     "public_wording": "If you leave us a phone message, we will call you back within 1 working day"},
    {"channel": Channel.EMAIL, "acknowledge_within": 1, "respond_within": 5, "effective_from": CHANNELS_FROM,
     "public_wording": "We will acknowledge your email within 1 working day and reply within 5 working days"},
    {"channel": Channel.WEB, "acknowledge_within": 1, "respond_within": 5, "effective_from": CHANNELS_FROM,
     "public_wording": "We will acknowledge your online form within 1 working day and reply within 5 working days"},
    {"channel": Channel.LETTER, "respond_within": 10, "effective_from": CHANNELS_FROM,
     "public_wording": "We will reply to your letter within 10 working days"},
    {"case_type": CaseType.COUNCILLOR_ENQUIRY, "respond_within": 5, "effective_from": CHANNELS_FROM,
     "public_wording": "We will answer an enquiry from your councillor within 5 working days"},
    {"case_type": CaseType.COMPLAINT_STAGE_1, "acknowledge_within": 5, "respond_within": 10,
     "respond_from": RespondFrom.ACKNOWLEDGEMENT, "extension_max_days": 10, "effective_from": COMPLAINTS_FROM,
     "public_wording": "We will acknowledge your complaint within 5 working days and answer it within 10 working "
                       "days of that. If we need longer we will tell you why, and it will be no more than 10 "
                       "working days more"},
    {"case_type": CaseType.COMPLAINT_STAGE_2, "acknowledge_within": 5, "respond_within": 20,
     "respond_from": RespondFrom.ACKNOWLEDGEMENT, "effective_from": COMPLAINTS_FROM,
     "public_wording": "If you ask us to look at your complaint again, we will acknowledge that within 5 working "
                       "days and give you our final answer within 20 working days of that"},
]  # fmt: skip

T = time
# slug, name, service area slug, team slugs, hours by weekday (0 = Monday)
TEAM_CALENDARS: list[tuple[str, str, str, list[str], dict[int, list[tuple[time, time]]]]] = [
    ("customer-contact-centre", "Customer contact centre", "customer-services", ["customer-contact-centre"],
     {**{day: [(T(8), T(18))] for day in range(5)}, 5: [(T(9), T(13))]}),
    ("bereavement-services", "Bereavement services", "bereavement-services", ["cemeteries-and-crematorium"],
     {**{day: [(T(9), T(17))] for day in range(5)}, 5: [(T(9), T(12))]}),
]  # fmt: skip
CHRISTMAS_REASON = "Christmas closure"


def _financial_year(today: date) -> date:
    return date(today.year if today.month >= 4 else today.year - 1, 4, 1)


def _targets(today: date) -> list[dict[str, Any]]:
    this, following = _financial_year(today), date(_financial_year(today).year + 1, 4, 1)
    metric = Target.Metric
    return [
        {"metric": metric.FIRST_POINT_RESOLUTION, "percent": Decimal(45), "effective_from": this,
         "effective_until": following},
        {"metric": metric.FIRST_POINT_RESOLUTION, "percent": Decimal(50), "effective_from": following},
        {"metric": metric.WITHIN_STANDARD, "percent": Decimal(90), "effective_from": this},
        {"metric": metric.DIGITAL_TAKE_UP, "percent": Decimal(40), "effective_from": this,
         "effective_until": following},
        {"metric": metric.DIGITAL_TAKE_UP, "percent": Decimal(45), "effective_from": following},
        {"metric": metric.SATISFACTION, "percent": Decimal(85), "effective_from": this},
    ]  # fmt: skip


def _christmas(calendar: Calendar, year: int) -> None:
    """Christmas Eve from midday to New Year's Day inclusive (the bank holidays inside are
    closed anyway); skipped when the calendar already has a closure then."""
    starts_at = timezone.make_aware(datetime(year, 12, 24, 12))
    ends_at = timezone.make_aware(datetime(year + 1, 1, 2))
    if Closure.objects.filter(calendar=calendar, starts_at__lt=ends_at, ends_at__gt=starts_at).exists():
        return
    services.closure_create(calendar=calendar, by=None, starts_at=starts_at, ends_at=ends_at, reason=CHRISTMAS_REASON)


def _team_calendars(today: date) -> None:
    for slug, name, area_slug, team_slugs, hours in TEAM_CALENDARS:
        area = ServiceArea.objects.filter(slug=area_slug).first()
        if area is None:
            continue  # a directory without that service area (not the demo's)
        calendar = Calendar.objects.filter(slug=slug).first()
        if calendar is None:
            calendar = services.calendar_create(
                by=None, name=name, slug=slug, subdivision="ENG", service_area=area, is_council=False
            )
        services.calendar_hours_set(calendar=calendar, by=None, hours=hours)
        teams = list(Team.objects.filter(slug__in=team_slugs, service_area=area))
        if teams:
            services.calendar_teams_set(calendar=calendar, by=None, teams=teams)
        for year in (today.year, today.year + 1):
            _christmas(calendar, year)


def _standards() -> None:
    for fields in STANDARDS:
        dimensions = {name: fields.get(name, "") for name in ("channel", "case_type", "priority")}
        if ResponseStandard.objects.filter(**dimensions, service_area__isnull=True).exists():
            continue  # already seeded, or since changed on the standards page: left as it is
        values = {"acknowledge_unit": DAYS, "respond_unit": DAYS, **fields}
        services.standard_create(by=None, fields=values)


def _seed_targets(today: date) -> None:
    for fields in _targets(today):
        until = fields.get("effective_until")
        overlapping = Target.objects.filter(metric=fields["metric"]).exclude(
            effective_until__lte=fields["effective_from"]
        )
        if until is not None:
            overlapping = overlapping.filter(effective_from__lt=until)
        if not overlapping.exists():
            services.target_create(by=None, fields=fields)


@transaction.atomic
def standards_seed(*, today: date) -> None:
    """The demo's calendars, closures, standards and targets, as of `today` (this year's and next
    year's Christmas closures; targets from 1 April of this financial year)."""
    council = selectors.council_calendar()
    for year in (today.year, today.year + 1):
        _christmas(council, year)
    _team_calendars(today)
    _standards()
    _seed_targets(today)
