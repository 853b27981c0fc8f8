"""Reads for the portal: the state of the services the portal depends on, and the managers'
dashboard over the lower apps' rows."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import partial
from typing import Any
from urllib.parse import urlencode

import redis
from django.conf import settings
from django.db import connection
from django.db.models import (
    Avg,
    CharField,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay, Trim, TruncMonth, Upper
from django.urls import reverse
from django.utils import timezone

from cases.models import (
    Case,
    CaseEvent,
    CaseQuerySet,
    ChaseStep,
    ComplaintOutcome,
    ComplaintStage,
    EventKind,
    RootCause,
)
from cases.selectors import case_measure_filter, cases_visible_to
from cases.services import ESCALATE_KINDS
from contacts.models import (
    VIEW_ALL_CONTACTS,
    VIEW_AREA_CONTACTS,
    VIEW_TEAM_CONTACTS,
    Contact,
    ContactQuerySet,
    Outcome,
    ReceptionVisit,
    SurveyInvitation,
)
from contacts.selectors import SurveyResult, survey_results
from directory.models import Officer, ServiceArea, Team
from standards.models import CaseType, Channel, Target
from standards.selectors import channel_costs

from .celery import app as celery_app

VIEW_DASHBOARDS = "portal.view_dashboards"
VIEW_DASHBOARD_SUMMARY = "portal.view_dashboard_summary"


def _database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return {"status": "up"}
    except Exception as error:  # noqa: BLE001 - any failure means the database is down for us
        return {"status": "down", "error": error.__class__.__name__}


def _redis() -> dict:
    try:
        client = redis.Redis.from_url(settings.REDIS_CLIENT_URL, socket_connect_timeout=1, socket_timeout=1)
        client.ping()
        return {"status": "up"}
    except Exception as error:  # noqa: BLE001
        return {"status": "down", "error": error.__class__.__name__}


def _workers() -> dict:
    try:
        replies = celery_app.control.ping(timeout=1.0)
    except Exception as error:  # noqa: BLE001
        return {"status": "down", "error": error.__class__.__name__}
    if not replies:
        return {"status": "down", "error": "no worker answered"}
    return {"status": "up", "workers": len(replies)}


def health_get() -> tuple[bool, dict]:
    """(all up, per-component detail) for the database, Redis and the Celery workers."""
    checks = {"database": _database(), "redis": _redis()}
    # Asking workers goes through Redis: skip the one-second wait when Redis is already down.
    checks["worker"] = _workers() if checks["redis"]["status"] == "up" else {"status": "unknown"}
    return all(c["status"] == "up" for c in checks.values()), checks


# --- The managers' dashboard ---------------------------------------------------------------------
# Every figure is a count over the lower apps' rows, scoped by their own access stories
# (Contact.objects.visible_to, cases_visible_to) and narrowed to the viewer's dashboard scope, so
# a figure and the list behind it always agree. Definitions are written beside each table.

# A longer period is a typing mistake more often than a question (and the slowest to answer).
DASHBOARD_MAX_DAYS = 3 * 366
TREND_MONTHS = 12
DIGITAL_BASELINE_PERCENT = 40
# Open cases by age, in calendar days since receipt: (label, from, until), until exclusive.
AGE_BANDS = [
    ("Up to 5 days", 0, 6),
    ("6 to 10 days", 6, 11),
    ("11 to 20 days", 11, 21),
    ("21 to 40 days", 21, 41),
    ("Over 40 days", 41, None),
]


@dataclass(frozen=True)
class Period:
    """Whole days, `first` to `last` inclusive, on the council's clock."""

    first: date
    last: date

    @property
    def start(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.first, time.min))

    @property
    def end(self) -> datetime:
        """The first moment after the period (exclusive)."""
        return timezone.make_aware(datetime.combine(self.last + timedelta(days=1), time.min))

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def label(self) -> str:
        if self.first.day == 1 and self.first.month == self.last.month and self.first.year == self.last.year:
            return (
                f"{self.first:%B %Y}"
                if _month_end(self.last) == self.last
                else (f"1 to {self.last.day} {self.last:%B %Y}")
            )
        return f"{self.first.day} {self.first:%B %Y} to {self.last.day} {self.last:%B %Y}"

    def months(self) -> list[Period]:
        """The calendar months the period covers, each cut to the period."""
        spans = []
        first = self.first
        while first <= self.last:
            spans.append(Period(first, min(_month_end(first), self.last)))
            first = _month_end(first) + timedelta(days=1)
        return spans

    def previous(self) -> Period:
        """The period to compare with: the same number of whole months before one that starts on
        the 1st (this month so far against all of last month), else as many days just before."""
        if self.first.day == 1:
            count = len(self.months())
            first = _months_before(self.first, count)
            return Period(first, self.first - timedelta(days=1))
        return Period(self.first - timedelta(days=self.days), self.first - timedelta(days=1))


def _month_end(day: date) -> date:
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def _months_before(day: date, count: int) -> date:
    """The 1st of the month `count` months before `day`'s."""
    index = day.year * 12 + day.month - 1 - count
    return date(index // 12, index % 12 + 1, 1)


def period_default(day: date) -> Period:
    """`day`'s month up to `day`: with today, this month so far."""
    return Period(day.replace(day=1), day)


def trend_period(last: date) -> Period:
    """The TREND_MONTHS whole months ending with `last`'s month (cut at `last`)."""
    return Period(_months_before(last.replace(day=1), TREND_MONTHS - 1), last)


@dataclass(frozen=True)
class DashboardScope:
    """What a viewer's dashboard counts: every team, their areas' teams, or their own teams."""

    label: str
    teams: list[Team]
    areas: list[ServiceArea]
    # None: no narrowing beyond the apps' own scopes (administrators see everything).
    team_ids: frozenset[int] | None
    area_ids: frozenset[int] | None
    # Councillors: the whole council's figures, counted over every row but shown without names,
    # without the actions' words and without links to rows they may not open.
    summary: bool = False


def dashboard_scope(user) -> DashboardScope:
    """Administrators count everything; service managers their areas (every team in them, and
    every contact about their topics); team managers their own teams; anyone else allowed the
    summary (councillors) the whole council, as a summary."""
    areas = ServiceArea.objects.order_by("name")
    teams = Team.objects.select_related("service_area").order_by("service_area__name", "name")
    if user.has_perm(VIEW_ALL_CONTACTS):
        return DashboardScope("the whole council", list(teams), list(areas), None, None)
    if not user.has_perm(VIEW_DASHBOARDS):
        return DashboardScope("the whole council", list(teams), list(areas), None, None, summary=True)
    own = Officer.objects.filter(user=user)
    if user.has_perm(VIEW_AREA_CONTACTS):
        area_ids = frozenset(own.values_list("team__service_area_id", flat=True))
        mine = [area for area in areas if area.pk in area_ids]
        scoped = [team for team in teams if team.service_area_id in area_ids]
        label = " and ".join(area.name for area in mine) or "no service area"
        return DashboardScope(label, scoped, mine, frozenset(team.pk for team in scoped), area_ids)
    team_ids = frozenset(own.values_list("team_id", flat=True))
    scoped = [team for team in teams if team.pk in team_ids]
    label = " and ".join(team.name for team in scoped) or "no team"
    area_ids = frozenset(team.service_area_id for team in scoped)
    return DashboardScope(label, scoped, [area for area in areas if area.pk in area_ids], team_ids, area_ids)


@dataclass(frozen=True)
class DashboardFilters:
    period: Period
    area: ServiceArea | None = None
    team: Team | None = None
    channel: str = ""


@dataclass
class Cell:
    """One figure or label: `value` goes into the CSV, `text` onto the page, `href` to the list
    of rows behind it."""

    value: Any
    text: str = ""
    href: str = ""

    def __post_init__(self) -> None:
        if not self.text:
            self.text = f"{self.value:,}" if isinstance(self.value, int) else str(self.value)


@dataclass
class Chart:
    """One series as bars (portal/templatetags/dashboard_charts.py draws it): (label, value) with
    None for no data, percentages on a scale of 100, and a target line."""

    title: str
    caption: str
    bars: list[tuple[str, float | None]]
    percent: bool = True
    target: float | None = None


@dataclass
class Table:
    slug: str
    caption: str
    headers: list[str]
    # The first cell of each row labels it; the template right-aligns the others (numbers).
    rows: list[list[Cell]]
    empty: str = "Nothing to count in this period."
    chart: Chart | None = None


def _share_chart(title: str, rows: list[list[Cell]], column: int, target: Decimal | None, what: str) -> Chart:
    """A chart of one percentage column of a table by month."""
    bars = [(row[0].text, row[column].value if row[column].value != "" else None) for row in rows]
    line = f" The dashed line is the target, {_target_text(target)}." if target is not None else ""
    return Chart(title, f"{what} by month.{line}", bars, target=float(target) if target is not None else None)


@dataclass
class Section:
    slug: str
    title: str
    definition: str
    headline: list[tuple[str, str]]
    tables: list[Table]


def _percent(part: int, whole: int) -> Cell:
    if not whole:
        return Cell("", "No data")
    share = round(100 * part / whole, 1)
    return Cell(share, f"{share}%")


def _month_label(period: Period) -> str:
    return f"{period.first:%b %Y}"


def dashboard_contacts(user, scope: DashboardScope, filters: DashboardFilters) -> ContactQuerySet:
    """The contacts a dashboard counts, of any period (the callers filter by time): those the
    viewer may see, narrowed to the scope and to the filters' area (the topic's service area),
    team (the adviser's team) and channel."""
    # visible_to is already the dashboard's scope for contacts: a team manager's team's advisers',
    # a service manager's areas' advisers' and topics'.
    contacts = Contact.objects.all() if scope.summary else Contact.objects.visible_to(user)
    if filters.area is not None:
        contacts = contacts.filter(topic__service_area=filters.area)
    if filters.team is not None:
        contacts = contacts.filter(adviser__officer__team=filters.team)
    if filters.channel:
        contacts = contacts.filter(channel=filters.channel)
    return contacts.order_by()


def dashboard_cases(user, scope: DashboardScope, filters: DashboardFilters) -> CaseQuerySet:
    """The cases a dashboard counts: those the viewer may see, in the scope's teams (or, for an
    area scope, its areas) and the filters' area, team and channel."""
    cases = Case.objects.all() if scope.summary else cases_visible_to(user)
    if scope.area_ids is not None:
        if user.has_perm(VIEW_AREA_CONTACTS):
            cases = cases.filter(service_area_id__in=scope.area_ids)
        else:
            cases = cases.filter(team_id__in=scope.team_ids or [])
    if filters.area is not None:
        cases = cases.filter(service_area=filters.area)
    if filters.team is not None:
        cases = cases.filter(team=filters.team)
    if filters.channel:
        cases = cases.filter(channel=filters.channel)
    return cases.order_by()


def _in(queryset: QuerySet, field: str, period: Period) -> QuerySet:
    return queryset.filter(**{f"{field}__gte": period.start, f"{field}__lt": period.end})


# The lists a figure links to: their URL and their date filter's field names.
_LISTS = {"contacts": ("contacts:contact-list", "started"), "cases": ("cases:case-list", "received")}


def _list_link(rows: str, filters: DashboardFilters, first: date | None, last: date | None, **extra: Any) -> str:
    """The list of `rows` ("contacts" or "cases") behind a figure: from `first` to `last` (None:
    no bound that side), in the filters' area, team and channel, with `extra` filters (an empty
    one left out)."""
    url, prefix = _LISTS[rows]
    query: dict[str, Any] = {}
    for bound, day in (("from", first), ("to", last)):
        if day is not None:
            query.update({f"{prefix}_{bound}_0": day.day, f"{prefix}_{bound}_1": day.month,
                          f"{prefix}_{bound}_2": day.year})  # fmt: skip
    if filters.area is not None:
        query["area"] = filters.area.pk
    if filters.team is not None:
        query["team"] = filters.team.pk
    if filters.channel:
        query["channel"] = filters.channel
    query.update({key: value for key, value in extra.items() if value not in (None, "")})
    return f"{reverse(url)}?{urlencode(query)}"


def _contact_link(filters: DashboardFilters, period: Period, **extra: Any) -> str:
    return _list_link("contacts", filters, period.first, period.last, **extra)


def _case_link(filters: DashboardFilters, period: Period, **extra: Any) -> str:
    return _list_link("cases", filters, period.first, period.last, **extra)


def _by_month(queryset: QuerySet, field: str, **counts: Any) -> dict[date, dict[str, int]]:
    """{first day of month: {name: count}} on the council's clock."""
    rows = (
        queryset.annotate(month=TruncMonth(field, tzinfo=timezone.get_current_timezone()))
        .values("month")
        .annotate(**counts)
    )
    return {timezone.localtime(row.pop("month")).date(): row for row in rows}


def _targets(metric: str, months: list[Period]) -> dict[date, Decimal | None]:
    """The target in force on each month's last day (targets are data: standards.Target)."""
    targets = list(Target.objects.filter(metric=metric))
    found: dict[date, Decimal | None] = {}
    for month in months:
        found[month.first] = next(
            (
                target.percent
                for target in targets
                if target.effective_from <= month.last
                and (target.effective_until is None or target.effective_until > month.last)
            ),
            None,
        )
    return found


def _target_text(percent: Decimal | None) -> str:
    return f"{percent.normalize():f}%" if percent is not None else "No target set"


FPR_DEFINITION = (
    "First-point resolution: contacts an adviser logged whose outcome is \u201cresolved at first point\u201d, "
    "divided by all contacts advisers logged in the period, on every channel. Online forms are left out: "
    "nobody answered them at the first point of contact. A contact signposted to a partner, passed to an "
    "officer, raising a case or about an existing case is not resolved at first point. By team means the "
    "adviser's team; by service means the service area of the contact's topic."
)


def _fpr_rows(grouped, link) -> list[list[Cell]]:
    rows = []
    for key, name, total, resolved in grouped:
        rows.append(
            [
                Cell(name),
                Cell(total, href=link(key, "")),
                Cell(resolved, href=link(key, Outcome.RESOLVED)),
                _percent(resolved, total),
            ]
        )
    return rows


def fpr_section(*, user, scope: DashboardScope, filters: DashboardFilters, names: bool) -> Section:
    period = filters.period
    logged = dashboard_contacts(user, scope, filters).logged()
    counts = {"total": Count("id"), "resolved": Count("id", filter=Q(outcome=Outcome.RESOLVED))}
    now = _in(logged, "started_at", period).aggregate(**counts)
    before = _in(logged, "started_at", period.previous()).aggregate(**counts)
    headers = ["Logged contacts", "Resolved at first point", "First-point resolution"]

    def link(extra: Callable[[Any], dict[str, Any]]) -> Callable[[Any, str], str]:
        return lambda key, outcome: _contact_link(filters, period, logged="on", outcome=outcome, **extra(key))

    channels = _in(logged, "started_at", period).values("channel").annotate(**counts).order_by("channel")
    channel_names = dict(Channel.choices)
    by_channel = Table(
        "fpr-channel",
        f"First-point resolution by channel, {period.label}",
        ["Channel", *headers],
        _fpr_rows(
            [
                (row["channel"], channel_names.get(row["channel"], row["channel"]), row["total"], row["resolved"])
                for row in channels
            ],
            link(lambda key: {"channel": key}),
        ),
    )
    teams = (
        _in(logged, "started_at", period)
        .values("adviser__officer__team_id", "adviser__officer__team__name")
        .annotate(**counts)
        .order_by("adviser__officer__team__name")
    )
    by_team = Table(
        "fpr-team",
        f"First-point resolution by the adviser's team, {period.label}",
        ["Team", *headers],
        _fpr_rows(
            [
                (
                    row["adviser__officer__team_id"],
                    row["adviser__officer__team__name"] or "No team recorded",
                    row["total"],
                    row["resolved"],
                )
                for row in teams
            ],
            link(lambda key: {"team": key}),
        ),
    )
    tables = [by_channel, by_team]
    if names:
        advisers = (
            _in(logged, "started_at", period)
            .values("adviser_id", "adviser__first_name", "adviser__last_name", "adviser__username")
            .annotate(**counts)
            .order_by("adviser__first_name", "adviser__last_name", "adviser__username")
        )
        tables.append(
            Table(
                "fpr-adviser",
                f"First-point resolution by adviser, {period.label}",
                ["Adviser", *headers],
                _fpr_rows(
                    [
                        (
                            row["adviser_id"],
                            f"{row['adviser__first_name']} {row['adviser__last_name']}".strip()
                            or row["adviser__username"],
                            row["total"],
                            row["resolved"],
                        )
                        for row in advisers
                    ],
                    link(lambda key: {"adviser": key}),
                ),
            )
        )
    trend = trend_period(period.last)
    months = trend.months()
    monthly = _by_month(_in(logged, "started_at", trend), "started_at", **counts)
    targets = _targets(Target.Metric.FIRST_POINT_RESOLUTION, months)
    # The trend ends with the period's last day: its last month's target is the period's.
    target = targets[months[-1].first]
    trend_rows = []
    for month in months:
        row = monthly.get(month.first, {"total": 0, "resolved": 0})
        trend_rows.append(
            [
                Cell(_month_label(month)),
                Cell(row["total"], href=_contact_link(filters, month, logged="on")),
                Cell(row["resolved"], href=_contact_link(filters, month, logged="on", outcome=Outcome.RESOLVED)),
                _percent(row["resolved"], row["total"]),
                Cell(
                    targets[month.first] if targets[month.first] is not None else "", _target_text(targets[month.first])
                ),
            ]
        )
    tables.append(
        Table(
            "fpr-trend",
            f"First-point resolution by month, {trend.label}",
            ["Month", *headers, "Target"],
            trend_rows,
            chart=_share_chart(
                f"Chart of first-point resolution by month, {trend.label}",
                trend_rows,
                3,
                target,
                "First-point resolution",
            ),
        )
    )
    return Section(
        "fpr",
        "First-point resolution",
        FPR_DEFINITION,
        [
            (period.label, f"{_percent(now['resolved'], now['total']).text} of {now['total']:,} logged contacts"),
            (
                period.previous().label,
                f"{_percent(before['resolved'], before['total']).text} of {before['total']:,} logged contacts",
            ),
            ("Target", _target_text(target)),
        ],
        tables,
    )


DEMAND_DEFINITION = (
    "Demand: every contact in the period on every channel, online forms included. Digital take-up: "
    "contacts made online (web forms) as a share of all contacts, against the strategy's baseline of "
    f"{DIGITAL_BASELINE_PERCENT}%. By postcode district means the district of the customer's postcode "
    "(\u201cWB1\u201d of \u201cWB1 2AA\u201d); anonymous contacts and customers with no postcode are counted as "
    "\u201cNot known\u201d. Busiest times are on the council's clock."
)
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def demand_section(*, user, scope: DashboardScope, filters: DashboardFilters) -> Section:
    period = filters.period
    contacts = dashboard_contacts(user, scope, filters)
    trend = trend_period(period.last)
    months = trend.months()
    shown = list(Channel)
    counts: dict[str, Any] = {channel.value: Count("id", filter=Q(channel=channel)) for channel in shown}
    counts["total"] = Count("id")
    monthly = _by_month(_in(contacts, "started_at", trend), "started_at", **counts)
    targets = _targets(Target.Metric.DIGITAL_TAKE_UP, months)
    rows = []
    for month in months:
        row = monthly.get(month.first, dict.fromkeys(counts, 0))
        rows.append(
            [
                Cell(_month_label(month)),
                *[
                    Cell(row[channel.value], href=_contact_link(filters, month, channel=channel.value))
                    for channel in shown
                ],
                Cell(row["total"], href=_contact_link(filters, month)),
                _percent(row[Channel.WEB.value], row["total"]),
                Cell(
                    targets[month.first] if targets[month.first] is not None else "", _target_text(targets[month.first])
                ),
            ]
        )
    by_month = Table(
        "demand-month",
        f"Contacts by channel and month, {trend.label}",
        ["Month", *[channel.label for channel in shown], "All contacts", "Digital take-up", "Target"],
        rows,
        chart=_share_chart(
            f"Chart of digital take-up by month, {trend.label}",
            rows,
            len(shown) + 2,
            targets[months[-1].first],
            "Digital take-up (contacts made online)",
        ),
    )
    district = Func(
        Upper(Trim(F("customer__postcode"))), Value(" "), Value(1), function="split_part", output_field=CharField()
    )
    districts = (
        _in(contacts, "started_at", period)
        .annotate(district=district)
        .values("district")
        .annotate(total=Count("id"), online=Count("id", filter=Q(channel=Channel.WEB)))
    )
    district_rows = sorted(
        ([row["district"] or "Not known", row["total"], row["online"]] for row in districts),
        key=lambda row: (row[1] and row[2] / row[1], row[0]),
    )
    by_district = Table(
        "demand-district",
        f"Digital take-up by postcode district, lowest first, {period.label}",
        ["Postcode district", "All contacts", "Made online", "Digital take-up"],
        [[Cell(name), Cell(total), Cell(online), _percent(online, total)] for name, total, online in district_rows],
    )
    tz = timezone.get_current_timezone()
    busy = (
        _in(contacts, "started_at", period)
        .annotate(weekday=ExtractIsoWeekDay("started_at", tzinfo=tz), hour=ExtractHour("started_at", tzinfo=tz))
        .values("weekday", "hour")
        .annotate(total=Count("id"))
    )
    grid = {(row["weekday"], row["hour"]): row["total"] for row in busy}
    hours = sorted({hour for _, hour in grid}) or []
    by_hour = Table(
        "demand-hours",
        f"Contacts by hour and weekday, {period.label}",
        ["Hour", *WEEKDAYS],
        [
            [
                Cell(f"{hour:02d}:00 to {hour + 1:02d}:00" if hour < 23 else "23:00 to midnight"),
                *[Cell(grid.get((day, hour), 0)) for day in range(1, 8)],
            ]
            for hour in hours
        ],
    )
    # The reception desk serves the whole council: its waits are counted whatever the area or team
    # (no names, no personal data), and only for face-to-face contact.
    seen = ReceptionVisit.objects.filter(wait_seconds__isnull=False)
    if filters.channel not in ("", Channel.FACE_TO_FACE):
        seen = seen.none()
    waits = (
        _in(seen, "arrived_at", period)
        .annotate(hour=ExtractHour("arrived_at", tzinfo=tz))
        .values("hour")
        .annotate(visits=Count("id"), average=Avg("wait_seconds"), longest=Max("wait_seconds"))
        .order_by("hour")
    )
    by_wait = Table(
        "demand-reception",
        f"Reception waits by hour of arrival (the whole council's desk), {period.label}",
        ["Hour", "Visitors seen", "Average wait (minutes)", "Longest wait (minutes)"],
        [
            [
                Cell(f"{row['hour']:02d}:00"),
                Cell(row["visits"]),
                Cell(round(row["average"] / 60, 1)),
                Cell(round(row["longest"] / 60, 1)),
            ]
            for row in waits
        ],
    )
    total = _in(contacts, "started_at", period).aggregate(
        total=Count("id"), online=Count("id", filter=Q(channel=Channel.WEB))
    )
    return Section(
        "demand",
        "Demand and channel shift",
        DEMAND_DEFINITION,
        [
            (period.label, f"{total['total']:,} contacts"),
            (
                "Digital take-up",
                f"{_percent(total['online'], total['total']).text} (baseline {DIGITAL_BASELINE_PERCENT}%)",
            ),
        ],
        [by_month, by_district, by_hour, by_wait],
    )


AVOIDABLE_DEFINITION = (
    "Avoidable contact: contacts from customers chasing progress on a case they already have, as a share "
    "of all contacts in the period (online forms included). Fewer means the regular updates are working. "
    "By service means the service area of the contact's topic."
)


def avoidable_section(*, user, scope: DashboardScope, filters: DashboardFilters) -> Section:
    period = filters.period
    contacts = dashboard_contacts(user, scope, filters)
    counts = {"total": Count("id"), "avoidable": Count("id", filter=Q(is_avoidable=True))}
    trend = trend_period(period.last)
    monthly = _by_month(_in(contacts, "started_at", trend), "started_at", **counts)
    month_rows = []
    for month in trend.months():
        row = monthly.get(month.first, {"total": 0, "avoidable": 0})
        month_rows.append(
            [
                Cell(_month_label(month)),
                Cell(row["total"], href=_contact_link(filters, month)),
                Cell(row["avoidable"], href=_contact_link(filters, month, avoidable="on")),
                _percent(row["avoidable"], row["total"]),
            ]
        )
    services = (
        _in(contacts, "started_at", period)
        .values("topic__service_area_id", "topic__service_area__name")
        .annotate(**counts)
        .order_by("topic__service_area__name")
    )
    service_rows = [
        [
            Cell(row["topic__service_area__name"] or "No topic recorded"),
            Cell(row["total"]),
            Cell(
                row["avoidable"],
                href=_contact_link(filters, period, avoidable="on", area=row["topic__service_area_id"])
                if row["topic__service_area_id"]
                else "",
            ),
            _percent(row["avoidable"], row["total"]),
        ]
        for row in services
    ]
    now = _in(contacts, "started_at", period).aggregate(**counts)
    headers = ["All contacts", "Avoidable", "Share avoidable"]
    return Section(
        "avoidable",
        "Avoidable contact",
        AVOIDABLE_DEFINITION,
        [(period.label, f"{_percent(now['avoidable'], now['total']).text} of {now['total']:,} contacts")],
        [
            Table(
                "avoidable-month",
                f"Avoidable contact by month, {trend.label}",
                ["Month", *headers],
                month_rows,
                chart=_share_chart(
                    f"Chart of avoidable contact by month, {trend.label}", month_rows, 3, None, "Avoidable contact"
                ),
            ),
            Table(
                "avoidable-service",
                f"Avoidable contact by service, {period.label}",
                ["Service", *headers],
                service_rows,
            ),
        ],
    )


SIGNPOSTING_DEFINITION = (
    "Signposting: contacts an adviser logged as \u201csignposted to a partner\u201d (the query belongs to "
    "another body), by the partner named, as a share of all logged contacts in the period."
)


def signposting_section(*, user, scope: DashboardScope, filters: DashboardFilters) -> Section:
    period = filters.period
    logged = _in(dashboard_contacts(user, scope, filters).logged(), "started_at", period)
    total = logged.count()
    partners = (
        logged.filter(outcome=Outcome.SIGNPOSTED)
        .values("partner_id", "partner__name")
        .annotate(total=Count("id"))
        .order_by("-total", "partner__name")
    )
    rows = [
        [
            Cell(row["partner__name"]),
            Cell(
                row["total"], href=_contact_link(filters, period, outcome=Outcome.SIGNPOSTED, partner=row["partner_id"])
            ),
            _percent(row["total"], total),
        ]
        for row in partners
    ]
    signposted = sum(row[1].value for row in rows)
    return Section(
        "signposting",
        "Signposting",
        SIGNPOSTING_DEFINITION,
        [
            (
                period.label,
                f"{signposted:,} of {total:,} logged contacts signposted ({_percent(signposted, total).text})",
            )
        ],
        [
            Table(
                "signposting-partner",
                f"Contacts signposted by partner, {period.label}",
                ["Partner", "Contacts signposted", "Share of logged contacts"],
                rows,
            )
        ],
    )


STANDARDS_DEFINITION = (
    "Within standard: of the cases received in the period whose acknowledgement (or reply) is due, the "
    "share acknowledged (or answered) by its due time under the published standard. A case still waiting "
    "past its due time counts as missed at once, not only when the late answer is sent; one whose time has "
    "not come yet is left out (\u201cnot due yet\u201d). The reply clock stands still while a case waits on "
    "the customer, and an extension moves the due time. Open cases by age are counted now, in calendar days "
    "since receipt."
)


def _standard_counts(now: datetime) -> dict[str, Any]:
    """Met and missed, as the cases list's measures count them (cases.selectors.case_measure_filter)."""
    return {
        "received": Count("id"),
        "ack_met": Count("id", filter=Q(acknowledge_met=True)),
        "ack_missed": Count("id", filter=case_measure_filter("acknowledge_missed", now=now)),
        "reply_met": Count("id", filter=Q(respond_met=True)),
        "reply_missed": Count("id", filter=case_measure_filter("reply_missed", now=now)),
    }


def _standard_row(label: str, row: dict[str, int], link: Callable[..., str] | None) -> list[Cell]:
    """A row of the standards tables; `link(**filters)` the cases behind a figure (None: none)."""
    return [
        Cell(label),
        Cell(row["received"], href=link() if link else ""),
        _percent(row["ack_met"], row["ack_met"] + row["ack_missed"]),
        _percent(row["reply_met"], row["reply_met"] + row["reply_missed"]),
        Cell(row["reply_missed"], href=link(measure="reply_missed") if link else ""),
    ]


def standards_section(*, user, scope: DashboardScope, filters: DashboardFilters, now: datetime) -> Section:
    period = filters.period
    cases = dashboard_cases(user, scope, filters)
    received = _in(cases, "received_at", period)
    counts = _standard_counts(now)
    headers = ["Cases received", "Acknowledged within standard", "Answered within standard", "Replies missed"]
    tables = []
    for slug, field, key, param, title, names in (
        ("team", "team__name", "team_id", "team", "team", None),
        ("channel", "channel", "channel", "channel", "channel", dict(Channel.choices)),
        ("type", "case_type", "case_type", "case_type", "case type", dict(CaseType.choices)),
    ):
        grouped = received.values(key, field).annotate(**counts).order_by(field)
        rows = [
            _standard_row(
                (names.get(row[field], row[field]) if names else row[field]) or "Not yet routed",
                row,
                # A case not yet routed has no team to filter by: its figures link to nothing.
                partial(_case_link, filters, period, **{param: row[key]}) if row[key] is not None else None,
            )
            for row in grouped
        ]
        tables.append(
            Table(
                f"standards-{slug}",
                f"Cases within standard by {title}, {period.label}",
                [title.capitalize(), *headers],
                rows,
            )
        )
    open_cases = cases.open()
    age = ExpressionWrapper(Value(now) - F("received_at"), output_field=DurationField())
    bands = open_cases.annotate(age=age).aggregate(
        **{
            f"band{index}": Count(
                "id",
                filter=Q(age__gte=timedelta(days=low)) & (Q(age__lt=timedelta(days=high)) if high else Q()),
            )
            for index, (_, low, high) in enumerate(AGE_BANDS)
        },
        overdue=Count("id", filter=Q(pk__in=open_cases.overdue(now=now).values("pk"))),
    )
    today = timezone.localtime(now).date()

    def band_link(low: int, high: int | None) -> str:
        # Calendar days since receipt: received `low` to `high - 1` days ago (no `high`: or earlier).
        newest = today - timedelta(days=low)
        oldest = today - timedelta(days=high - 1) if high is not None else None
        return _list_link("cases", filters, oldest, newest, measure="open")

    age_rows = [
        [Cell(label), Cell(bands[f"band{index}"], href=band_link(low, high))]
        for index, (label, low, high) in enumerate(AGE_BANDS)
    ]
    tables.append(Table("standards-age", "Open cases by age, now", ["Age", "Open cases"], age_rows))
    chased = ChaseStep.objects.filter(case__in=cases, kind__in=ESCALATE_KINDS)
    escalations = _in(chased, "due_at", period).count()
    extended = _in(CaseEvent.objects.filter(case__in=cases, kind=EventKind.EXTENDED), "at", period).count()
    total = received.aggregate(**counts)
    return Section(
        "standards",
        "Response-time standards",
        STANDARDS_DEFINITION,
        [
            ("Acknowledged within standard", _percent(total["ack_met"], total["ack_met"] + total["ack_missed"]).text),
            ("Answered within standard", _percent(total["reply_met"], total["reply_met"] + total["reply_missed"]).text),
            ("Open now", f"{sum(bands[f'band{index}'] for index in range(len(AGE_BANDS))):,}"),
            ("Overdue now", f"{bands['overdue']:,}"),
            ("Escalations by the chaser", f"{escalations:,}"),
            ("Extensions granted", f"{extended:,}"),
        ],
        tables,
    )


HANDOFF_DEFINITION = (
    "Handoffs: cases received in the period that were transferred from one team to another more than "
    "once (the \u201cpassed from officer to officer\u201d measure), as a share of the cases received. By team "
    "means the team holding the case now; by service its service area."
)


def handoffs_section(*, user, scope: DashboardScope, filters: DashboardFilters) -> Section:
    period = filters.period
    received = _in(dashboard_cases(user, scope, filters), "received_at", period)
    counts = {"total": Count("id"), "passed": Count("id", filter=Q(handoff_count__gt=1))}
    tables = []
    for slug, field, key, name, title in (
        ("team", "team__name", "team_id", "team", "Team"),
        ("service", "service_area__name", "service_area_id", "area", "Service"),
    ):
        grouped = received.values(key, field).annotate(**counts).order_by(field)
        rows = [
            [
                Cell(row[field] or "Not yet routed"),
                Cell(row["total"], href=_case_link(filters, period, **{name: row[key]}) if row[key] else ""),
                Cell(
                    row["passed"],
                    href=_case_link(filters, period, measure="handed_off", **{name: row[key]}) if row[key] else "",
                ),
                _percent(row["passed"], row["total"]),
            ]
            for row in grouped
        ]
        tables.append(
            Table(
                f"handoffs-{slug}",
                f"Cases transferred more than once by {title.lower()}, {period.label}",
                [title, "Cases received", "Transferred more than once", "Share"],
                rows,
            )
        )
    total = received.aggregate(**counts)
    return Section(
        "handoffs",
        "Handoffs",
        HANDOFF_DEFINITION,
        [
            (
                period.label,
                f"{total['passed']:,} of {total['total']:,} cases ({_percent(total['passed'], total['total']).text})",
            )
        ],
        tables,
    )


COST_DEFINITION = (
    "Cost to serve: each channel's contacts in the period, online forms included, times what one contact on it "
    "costs (the council's own figures, under Standards, \u201cCosts of a contact\u201d, each with its source; a "
    "channel with no cost is counted but not priced). The saving from channel shift compares the period with the "
    "same days a year earlier: what this period's costed contacts would have cost at last year's mix of channels "
    "(its average cost of a contact), less what they cost at this year's mix."
)


def _year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _pounds(amount: Decimal) -> Cell:
    return Cell(round(amount, 2), f"\u00a3{amount:,.2f}")


def cost_section(*, user, scope: DashboardScope, filters: DashboardFilters) -> Section:
    period = filters.period
    before = Period(_year_before(period.first), _year_before(period.last))
    contacts = dashboard_contacts(user, scope, filters)

    def by_channel(span: Period) -> dict[str, int]:
        grouped = _in(contacts, "started_at", span).values("channel").annotate(total=Count("id"))
        return {row["channel"]: row["total"] for row in grouped}

    now, then = by_channel(period), by_channel(before)
    costs = channel_costs()
    rows = []
    cost_now = cost_then = Decimal(0)
    costed_now = costed_then = uncosted = 0
    for channel in Channel:
        unit = costs[channel.value].cost if channel.value in costs else None
        count, earlier = now.get(channel.value, 0), then.get(channel.value, 0)
        if not (count or earlier):
            continue
        if unit is None:
            uncosted += count
            rows.append([Cell(channel.label), Cell(count), Cell("", "Not costed"), Cell("", "Not costed"),
                         Cell(earlier), Cell("", "Not costed")])  # fmt: skip
            continue
        cost_now += unit * count
        cost_then += unit * earlier
        costed_now += count
        costed_then += earlier
        rows.append([Cell(channel.label), Cell(count), _pounds(unit), _pounds(unit * count), Cell(earlier),
                     _pounds(unit * earlier)])  # fmt: skip
    if costed_then and costed_now:
        saved = f"\u00a3{cost_then / costed_then * costed_now - cost_now:,.2f}"
    else:
        saved = "Nothing to compare: no costed contacts in one of the periods"
    return Section(
        "cost",
        "Cost to serve",
        COST_DEFINITION,
        [
            (period.label, f"\u00a3{cost_now:,.2f} for {costed_now:,} costed contacts"
                           f" ({uncosted:,} on channels not costed)"),
            (before.label, f"\u00a3{cost_then:,.2f} for {costed_then:,} costed contacts"),
            ("Saved by the change in channel mix", saved),
        ],
        [
            Table(
                "cost-channel", f"Cost to serve by channel, {period.label}, and the same days a year earlier",
                ["Channel", "Contacts", "Cost of one contact", "Cost", "Contacts a year earlier",
                 "Cost a year earlier"], rows,
            )
        ],
    )  # fmt: skip


SATISFACTION_DEFINITION = (
    "Satisfaction: the answers to the survey sent after a resolved case or contact, for the invitations "
    "sent in the period, whenever they were answered. Satisfied means 4 or 5 on the scale of 1 to 5; "
    "resolved means the customer said yes to \u201cwas it resolved?\u201d. Shares are of the answers, and "
    "each sits beside the number invited and the response rate, because a share of few answers says little "
    "and the people who did not answer are not counted in it. Customer type, channel and service are as "
    "they were when the survey was sent."
)


def dashboard_surveys(user, scope: DashboardScope, filters: DashboardFilters) -> QuerySet[SurveyInvitation]:
    """The survey invitations a dashboard counts: every one for the whole council; those about
    the scope's areas; for a team scope, those about its cases or its advisers' contacts."""
    invitations = SurveyInvitation.objects.all()

    def of_teams(team_ids) -> Q:
        return Q(case__team_id__in=team_ids) | Q(contact__adviser__officer__team_id__in=team_ids)

    if scope.area_ids is not None:
        if user.has_perm(VIEW_AREA_CONTACTS):
            invitations = invitations.filter(service_area_id__in=scope.area_ids)
        else:
            invitations = invitations.filter(of_teams(scope.team_ids or []))
    if filters.area is not None:
        invitations = invitations.filter(service_area=filters.area)
    if filters.team is not None:
        invitations = invitations.filter(of_teams([filters.team.pk]))
    if filters.channel:
        invitations = invitations.filter(channel=filters.channel)
    return invitations.order_by()


def _survey_row(result: SurveyResult) -> list[Cell]:
    def share(value: float | None) -> Cell:
        return Cell("", "No answers") if value is None else Cell(round(100 * value, 1), f"{100 * value:.1f}%")

    return [
        Cell(result.label),
        Cell(result.invitations),
        Cell(result.answers),
        Cell("", "No invitations") if result.response_rate is None else share(result.response_rate),
        Cell("", "No answers") if result.average is None else Cell(round(result.average, 2), f"{result.average:.2f}"),
        share(result.satisfied_share),
        share(result.resolved_share),
    ]


def satisfaction_section(*, user, scope: DashboardScope, filters: DashboardFilters) -> Section:
    period = filters.period
    invitations = dashboard_surveys(user, scope, filters)
    headers = ["Invited", "Answered", "Response rate", "Average score (1 to 5)", "Satisfied", "Said it was resolved"]
    tables = []
    total = None
    for by, title in (("customer_type", "Customer type"), ("channel", "Channel"), ("service_area", "Service")):
        results = survey_results(since=period.start, until=period.end, by=by, invitations=invitations)
        total = results.total
        tables.append(
            Table(
                f"satisfaction-{by.replace('_', '-')}",
                f"Satisfaction by {title.lower()}, {period.label}",
                [title, *headers],
                [_survey_row(result) for result in results.rows],
            )
        )
    assert total is not None
    target = _targets(Target.Metric.SATISFACTION, [Period(period.last, period.last)])[period.last]
    satisfied = _survey_row(total)
    return Section(
        "satisfaction",
        "Satisfaction",
        SATISFACTION_DEFINITION,
        [
            (period.label, f"{satisfied[5].text} satisfied, of {total.answers:,} answers"),
            ("Response rate", f"{satisfied[3].text} of {total.invitations:,} invited"),
            ("Target", _target_text(target)),
        ],
        tables,
    )


COMPLAINTS_DEFINITION = (
    "Complaints: the stages of complaints begun in the period, by stage and service. Upheld counts complaints "
    "upheld or partly upheld, as a share of those decided. The stage 2 escalation rate is the share of the "
    "period's stage 1 complaints that have gone on to stage 2 so far. Root causes and actions are those of the "
    "stages decided in the period. Compliments are the compliment cases received, by the team holding them."
)
UPHELD = [ComplaintOutcome.UPHELD, ComplaintOutcome.PARTLY_UPHELD]
ACTIONS_SHOWN = 20


def complaints_section(*, user, scope: DashboardScope, filters: DashboardFilters) -> Section:
    period = filters.period
    cases = dashboard_cases(user, scope, filters)
    stages = ComplaintStage.objects.filter(case__in=cases)
    begun = _in(stages, "started_at", period)
    counts = {
        "total": Count("id"),
        "decided": Count("id", filter=Q(decided_at__isnull=False)),
        "upheld": Count("id", filter=Q(decided_at__isnull=False, outcome__in=UPHELD)),
    }
    grouped = (
        begun.values("stage", "case__service_area__name")
        .annotate(**counts)
        .order_by("stage", "case__service_area__name")
    )
    stage_rows = [
        [
            Cell(f"Stage {row['stage']}: {row['case__service_area__name'] or 'No service recorded'}"),
            Cell(row["total"]),
            Cell(row["decided"]),
            Cell(row["upheld"]),
            _percent(row["upheld"], row["decided"]),
        ]
        for row in grouped
    ]
    first = begun.filter(stage=1).aggregate(
        total=Count("id"),
        escalated=Count("id", filter=Q(Exists(ComplaintStage.objects.filter(case=OuterRef("case"), stage=2)))),
    )
    decided = _in(stages.filter(decided_at__isnull=False), "decided_at", period)
    causes = decided.values("root_cause").annotate(total=Count("id"), upheld=Count("id", filter=Q(outcome__in=UPHELD)))
    cause_names = dict(RootCause.choices)
    cause_rows = sorted(
        ([Cell(cause_names.get(row["root_cause"], row["root_cause"])), Cell(row["total"]), Cell(row["upheld"])]
         for row in causes),
        key=lambda row: (-row[1].value, row[0].value),
    )  # fmt: skip
    actions = decided.select_related("case").order_by("-decided_at")[:ACTIONS_SHOWN]
    action_rows = [
        [
            Cell(stage.case.reference, href=reverse("cases:case-detail", kwargs={"reference": stage.case.reference})),
            Cell(stage.get_root_cause_display()),
            Cell(stage.get_outcome_display()),
            Cell(stage.action_taken),
        ]
        for stage in actions
    ]
    compliments = (
        _in(cases.filter(case_type=CaseType.COMPLIMENT), "received_at", period)
        .values("team__name")
        .annotate(total=Count("id"))
        .order_by("-total", "team__name")
    )
    compliment_rows = [[Cell(row["team__name"] or "Not yet routed"), Cell(row["total"])] for row in compliments]
    all_stages = begun.aggregate(**counts)
    return Section(
        "complaints",
        "Complaints and learning",
        COMPLAINTS_DEFINITION,
        [
            (period.label, f"{all_stages['total']:,} complaint stages begun, {all_stages['decided']:,} decided"),
            ("Upheld", _percent(all_stages["upheld"], all_stages["decided"]).text),
            (
                "Stage 2 escalation rate",
                f"{_percent(first['escalated'], first['total']).text} of {first['total']:,} stage 1 complaints",
            ),
            ("Compliments", f"{sum(row[1].value for row in compliment_rows):,}"),
        ],
        [
            Table(
                "complaints-stage",
                f"Complaints by stage and service, {period.label}",
                ["Stage and service", "Begun", "Decided", "Upheld", "Share upheld"],
                stage_rows,
            ),
            Table(
                "complaints-cause",
                f"Root causes of the complaints decided, {period.label}",
                ["Root cause", "Decided", "Upheld"],
                cause_rows,
            ),
            Table(
                "complaints-actions",
                f"Actions taken, the latest {ACTIONS_SHOWN} decided, {period.label}",
                ["Case", "Root cause", "Outcome", "Action taken"],
                action_rows,
            ),
            Table("compliments-team", f"Compliments by team, {period.label}", ["Team", "Compliments"], compliment_rows),
        ],
    )


@dataclass
class Dashboard:
    scope: DashboardScope
    filters: DashboardFilters
    sections: list[Section]

    def table(self, slug: str) -> Table | None:
        return next((table for section in self.sections for table in section.tables if table.slug == slug), None)


def dashboard_get(*, user, scope: DashboardScope, filters: DashboardFilters, now: datetime | None = None) -> Dashboard:
    """Every section of the managers' dashboard for `user` (whose dashboard_scope is `scope`),
    under `filters`."""
    now = now or timezone.now()
    names = not scope.summary and (
        user.has_perm(VIEW_TEAM_CONTACTS) or user.has_perm(VIEW_AREA_CONTACTS) or user.has_perm(VIEW_ALL_CONTACTS)
    )
    board = Dashboard(
        scope,
        filters,
        [
            fpr_section(user=user, scope=scope, filters=filters, names=names),
            standards_section(user=user, scope=scope, filters=filters, now=now),
            demand_section(user=user, scope=scope, filters=filters),
            cost_section(user=user, scope=scope, filters=filters),
            avoidable_section(user=user, scope=scope, filters=filters),
            signposting_section(user=user, scope=scope, filters=filters),
            handoffs_section(user=user, scope=scope, filters=filters),
            satisfaction_section(user=user, scope=scope, filters=filters),
            complaints_section(user=user, scope=scope, filters=filters),
        ],
    )
    if scope.summary:
        for section in board.sections:
            section.tables = [table for table in section.tables if table.slug not in SUMMARY_LEFT_OUT]
            for table in section.tables:
                for row in table.rows:
                    for cell in row:
                        cell.href = ""
    return board


# What a councillor's summary leaves out: the actions' words may name people.
SUMMARY_LEFT_OUT = {"complaints-actions"}
