"""Reads for the portal: the state of the services the portal depends on, and the managers'
dashboard over the lower apps' rows."""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import partial
from typing import Any, NamedTuple
from urllib.parse import quote_plus

import redis
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import (
    Avg,
    Count,
    Max,
    Q,
    QuerySet,
)
from django.db.models.functions import ExtractHour
from django.urls import reverse
from django.utils import timezone

from cases.models import (
    UPHELD_OUTCOMES,
    Case,
    CaseQuerySet,
    ComplaintStage,
    RootCause,
    overdue_q,
)
from cases.selectors import (
    CASE_COUNTS,
    CaseCountRule,
    ComplaintCounts,
    case_tallies,
    complaint_counts,
    escalations_count,
    happening_rows,
)
from contacts.models import (
    VIEW_ALL_CONTACTS,
    VIEW_AREA_CONTACTS,
    VIEW_TEAM_CONTACTS,
    Outcome,
    ReceptionVisit,
    SurveyInvitation,
    contact_scope,
    survey_reach,
)
from contacts.selectors import (
    LOGGED_COUNTS,
    NO_DISTRICT,
    ContactCountRule,
    SurveyListFilters,
    SurveyResult,
    contact_tallies,
    survey_list_filter,
    survey_results_each,
    survey_results_tallied,
)
from core.tallies import Span
from directory.models import Officer, Partner, ServiceArea, Team
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
    # The cases list's filter that keeps a figure's list to the cases counted, as (name, value):
    # a manager may see more cases than their dashboard counts (triage's unrouted ones, every
    # case at summary level). cases.selectors.OWN_CASES: their teams', or their teams' areas'.
    cases_filter: tuple[str, str] | None = None


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
        return DashboardScope(
            label, scoped, mine, frozenset(team.pk for team in scoped), area_ids, cases_filter=("own", "areas")
        )
    team_ids = frozenset(own.values_list("team_id", flat=True))
    scoped = [team for team in teams if team.pk in team_ids]
    label = " and ".join(team.name for team in scoped) or "no team"
    area_ids = frozenset(team.service_area_id for team in scoped)
    return DashboardScope(
        label,
        scoped,
        [area for area in areas if area.pk in area_ids],
        team_ids,
        area_ids,
        cases_filter=("own", "teams"),
    )


@dataclass(frozen=True)
class DashboardFilters:
    period: Period
    area: ServiceArea | None = None
    team: Team | None = None
    channel: str = ""
    # DashboardScope.cases_filter, for the links to the cases behind the figures.
    cases_filter: tuple[str, str] | None = None


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


class Figure(NamedTuple):
    """A headline figure of a section: its label, its words, and the list behind it ("": none,
    as for a share whose lists are the tables' figures)."""

    label: str
    text: str
    href: str = ""


@dataclass
class Section:
    slug: str
    title: str
    definition: str
    headline: list[Figure]
    tables: list[Table]


def _percent(part: int, whole: int) -> Cell:
    if not whole:
        return Cell("", "No data")
    share = round(100 * part / whole, 1)
    return Cell(share, f"{share}%")


def _share_of(part: int, whole: int, what: str) -> str:
    """ "57.1% of 7 logged contacts", or "No logged contacts" when there are none."""
    return f"{_percent(part, whole).text} of {whole:,} {what}" if whole else f"No {what}"


def _count_of(part: int, whole: int, what: str) -> str:
    """ "41 of 1,167 contacts (3.5%)", or "No contacts" when there are none."""
    return f"{part:,} of {whole:,} {what} ({_percent(part, whole).text})" if whole else f"No {what}"


def _month_label(period: Period) -> str:
    return f"{period.first:%b %Y}"


def contact_rule(user, scope: DashboardScope, filters: DashboardFilters) -> ContactCountRule:
    """The contacts a dashboard counts: those the viewer may see (contact_scope: a team manager's
    team's advisers', a service manager's areas' advisers' and topics'; every one for the whole
    council's summary), about the filters' area (the topic's service area), taken by the filters'
    team (the adviser's team now) and on its channel."""
    return ContactCountRule(
        scope=None if scope.summary else contact_scope(user),
        area_id=filters.area.pk if filters.area is not None else None,
        team_id=filters.team.pk if filters.team is not None else None,
        channel=filters.channel,
    )


def case_rule(user, scope: DashboardScope, filters: DashboardFilters) -> CaseCountRule:
    """The cases a dashboard counts: the scope's teams (or, for a service manager, their areas'
    cases) and the filters' area, team and channel. The roles that have dashboards may see every
    case of their scope (portal.roles); the lists behind the figures apply cases_visible_to."""
    area_scope = scope.area_ids is not None and user.has_perm(VIEW_AREA_CONTACTS)
    return CaseCountRule(
        team_ids=scope.team_ids if scope.area_ids is not None and not area_scope else None,
        area_ids=scope.area_ids if area_scope else None,
        team_id=filters.team.pk if filters.team is not None else None,
        area_id=filters.area.pk if filters.area is not None else None,
        channel=filters.channel,
    )


def dashboard_cases(rule: CaseCountRule) -> CaseQuerySet:
    """The rows `rule` counts, for the figures no tally keeps (what depends on now, complaints'
    stages, the chaser's steps)."""
    return Case.objects.filter(rule.q()).order_by()


def _of_cases(queryset: QuerySet, rows: CaseQuerySet, narrowed: bool) -> QuerySet:
    """A case's rows (stages, steps, events) of the cases counted: all of them, unnarrowed (no
    semi-join over every case)."""
    return queryset.filter(case__in=rows) if narrowed else queryset


def _within(field: str, period: Period) -> Q:
    return Q(**{f"{field}__gte": period.start, f"{field}__lt": period.end})


def _in(queryset: QuerySet, field: str, period: Period) -> QuerySet:
    return queryset.filter(_within(field, period))


def _span(period: Period) -> Span:
    return Span(period.first, period.last)


def _spans(*periods: Period) -> list[Span]:
    """Each period once."""
    return list(dict.fromkeys(_span(period) for period in periods))


class Tallied:
    """A tally's counts by span (core.tallies.tally_groups), read by the period they count."""

    def __init__(self, spans: list[Span], groups: dict[tuple[str, ...], dict[tuple, dict[str, int]]], names):
        self.index = {span: index for index, span in enumerate(spans)}
        self.groups = groups
        self.names = list(names)
        # {keys: {span: {key: counts}}}
        self.by_span: dict[tuple[str, ...], dict[int, dict[Any, dict[str, int]]]] = {}
        for keys, rows in groups.items():
            spans_of = self.by_span.setdefault(keys, {})
            for (span, *key), counts in rows.items():
                spans_of.setdefault(span, {})[key[0] if len(key) == 1 else tuple(key)] = counts

    def by(self, period: Period, keys: tuple[str, ...]) -> dict[Any, dict[str, int]]:
        """{key (a value, or a tuple for several keys): counts} in the period (one of the spans)."""
        return self.by_span.get(keys, {}).get(self.index[_span(period)], {})

    def total(self, period: Period, keys: tuple[str, ...]) -> dict[str, int]:
        total = dict.fromkeys(self.names, 0)
        for counts in self.by(period, keys).values():
            for name, value in counts.items():
                total[name] += value
        return total


# A list filter's value for the rows with none recorded (no team, no service area): a figure's
# row of them links to them.
NONE = "none"
# The lists a figure links to: their URL and their date filter's field names.
_LISTS = {
    "contacts": ("contacts:contact-list", "started"),
    "cases": ("cases:case-list", "received"),
    "surveys": ("contacts:survey-list", "sent"),
}


def _days_query(prefix: str, first: date | None, last: date | None) -> dict[str, int]:
    """A list's date filter from `first` to `last` (None: no bound that side), as its date inputs."""
    query = {}
    for bound, day in (("from", first), ("to", last)):
        if day is not None:
            query.update({f"{prefix}_{bound}_0": day.day, f"{prefix}_{bound}_1": day.month,
                          f"{prefix}_{bound}_2": day.year})  # fmt: skip
    return query


# What quote_plus leaves as it is: a dashboard's 1,500 links are nearly all numbers and slugs,
# written here without its work for each character.
_PLAIN = re.compile(r"[A-Za-z0-9_.~-]*").fullmatch


def _quoted(value: Any) -> str:
    text = str(value)
    return text if _PLAIN(text) else quote_plus(text)


def _query(params: dict[str, Any]) -> str:
    """`params` as urlencode writes them."""
    return "&".join(f"{_quoted(key)}={_quoted(value)}" for key, value in params.items())


@functools.lru_cache(maxsize=256)
def _list_base(
    rows: str, filters: DashboardFilters, first: date | None, last: date | None, shared: tuple, left_out: frozenset
) -> str:
    """A list's path and the query its figures share (dates, filters and the `shared` pairs, but
    `left_out`): a dashboard links about 1,500 figures, a few dozen periods."""
    url, prefix = _LISTS[rows]
    query: dict[str, Any] = {**_days_query(prefix, first, last), **dict(shared)}
    if filters.area is not None:
        query["area"] = filters.area.pk
    if filters.team is not None:
        query["team"] = filters.team.pk
    if filters.channel:
        query["channel"] = filters.channel
    if rows == "cases" and filters.cases_filter is not None:
        name, value = filters.cases_filter
        query[name] = value
    return f"{reverse(url)}?{_query({key: value for key, value in query.items() if key not in left_out})}"


def _list_link(
    rows: str, filters: DashboardFilters, first: date | None, last: date | None, shared: tuple = (), **extra: Any
) -> str:
    """The list of `rows` ("contacts" or "cases") behind a figure: from `first` to `last` (None:
    no bound that side), in the filters' area, team and channel, with the `shared` (name, value)
    pairs its neighbours have too, and `extra` filters (an empty one left out)."""
    extra = {key: value for key, value in extra.items() if value not in (None, "")}
    base = _list_base(rows, filters, first, last, shared, frozenset(extra))
    if not extra:
        return base
    return f"{base}{'' if base.endswith('?') else '&'}{_query(extra)}"


def _contact_link(filters: DashboardFilters, period: Period, **extra: Any) -> str:
    return _list_link("contacts", filters, period.first, period.last, **extra)


def _case_link(filters: DashboardFilters, period: Period, **extra: Any) -> str:
    return _list_link("cases", filters, period.first, period.last, **extra)


def _happened_link(filters: DashboardFilters, period: Period, happened: str, **extra: Any) -> str:
    """The cases to which `happened` (one of cases.selectors.CASE_HAPPENINGS) happened in the
    period, whenever they were received."""
    shared = (("happened", happened), *_days_query("happened", period.first, period.last).items())
    return _list_link("cases", filters, None, None, shared, **extra)


def _visits_link(period: Period, hour: int) -> str:
    """The visitors seen at reception in the period who arrived in the hour (the desk serves the
    whole council: no area, team or channel)."""
    query = {**_days_query("arrived", period.first, period.last), "hour": hour, "state": "seen"}
    return f"{reverse('contacts:reception-visits')}?{_query(query)}"


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


def _fpr_row(name: str, counts: dict[str, int], link: Callable[[str], str]) -> list[Cell]:
    return [
        Cell(name),
        Cell(counts["logged"], href=link("")),
        Cell(counts["resolved"], href=link(Outcome.RESOLVED)),
        _percent(counts["resolved"], counts["logged"]),
    ]


def _none_last(label: str | None) -> tuple[bool, str]:
    return (label is None, label or "")


def fpr_section(*, filters: DashboardFilters, contacts: Tallied, names: Names, advisers: bool) -> Section:
    period = filters.period
    now = contacts.total(period, ("channel",))
    before = contacts.total(period.previous(), ("channel",))
    headers = ["Logged contacts", "Resolved at first point", "First-point resolution"]

    def link(**extra: Any) -> Callable[[str], str]:
        return lambda outcome: _contact_link(filters, period, logged="on", outcome=outcome, **extra)

    channel_names = dict(Channel.choices)
    by_channel = Table(
        "fpr-channel",
        f"First-point resolution by channel, {period.label}",
        ["Channel", *headers],
        [
            _fpr_row(channel_names.get(channel, channel), counts, link(channel=channel))
            for channel, counts in sorted(contacts.by(period, ("channel",)).items())
            if counts["logged"]
        ],
    )
    teams = [(names.team(key), key, counts) for key, counts in contacts.by(period, ("team_id",)).items()
             if counts["logged"]]  # fmt: skip
    by_team = Table(
        "fpr-team",
        f"First-point resolution by the adviser's team, {period.label}",
        ["Team", *headers],
        [
            _fpr_row(name or "No team recorded", counts, link(team=key or NONE))
            for name, key, counts in sorted(teams, key=lambda row: _none_last(row[0]))
        ],
    )
    tables = [by_channel, by_team]
    if advisers:
        rows = [(names.adviser(key), key, counts) for key, counts in contacts.by(period, ("adviser_id",)).items()
                if key and counts["logged"]]  # fmt: skip
        tables.append(
            Table(
                "fpr-adviser",
                f"First-point resolution by adviser, {period.label}",
                ["Adviser", *headers],
                [
                    _fpr_row(name[1], counts, link(adviser=key))
                    for name, key, counts in sorted(rows, key=lambda row: row[0])
                ],
            )
        )
    trend = trend_period(period.last)
    months = trend.months()
    targets = _targets(Target.Metric.FIRST_POINT_RESOLUTION, months)
    # The trend ends with the period's last day: its last month's target is the period's.
    target = targets[months[-1].first]
    trend_rows = []
    for month in months:
        row = contacts.total(month, ("channel",))
        trend_rows.append(
            [
                Cell(_month_label(month)),
                Cell(row["logged"], href=_contact_link(filters, month, logged="on")),
                Cell(row["resolved"], href=_contact_link(filters, month, logged="on", outcome=Outcome.RESOLVED)),
                _percent(row["resolved"], row["logged"]),
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
            Figure(
                period.label,
                _share_of(now["resolved"], now["logged"], "logged contacts"),
                _contact_link(filters, period, logged="on"),
            ),
            Figure(
                period.previous().label,
                _share_of(before["resolved"], before["logged"], "logged contacts"),
                _contact_link(filters, period.previous(), logged="on"),
            ),
            Figure("Target", _target_text(target)),
        ],
        tables,
    )


DEMAND_DEFINITION = (
    "Demand: every contact in the period on every channel, online forms included. Digital take-up: "
    "contacts made online (web forms) as a share of all contacts, against the strategy's baseline of "
    f"{DIGITAL_BASELINE_PERCENT}%. By postcode district means the district of the customer's postcode "
    "(\u201cWB1\u201d of \u201cWB1 2AA\u201d); anonymous contacts and customers with no postcode are counted as "
    "\u201cNot known\u201d (the contacts list's district \u201cnone\u201d). Busiest times are on the council's "
    "clock. A team's figures are its advisers' contacts, and online forms have no adviser: a team's take-up "
    "is always 0%, and the service's or the council's is the one to read."
)
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def demand_section(*, filters: DashboardFilters, contacts: Tallied, times: Tallied) -> Section:
    period = filters.period
    trend = trend_period(period.last)
    months = trend.months()
    shown = list(Channel)
    targets = _targets(Target.Metric.DIGITAL_TAKE_UP, months)
    rows = []
    for month in months:
        by_channel = contacts.by(month, ("channel",))
        count = {channel.value: by_channel.get(channel.value, {}).get("contacts", 0) for channel in shown}
        total = sum(count.values())
        rows.append(
            [
                Cell(_month_label(month)),
                *[
                    Cell(count[channel.value], href=_contact_link(filters, month, channel=channel.value))
                    for channel in shown
                ],
                Cell(total, href=_contact_link(filters, month)),
                _percent(count[Channel.WEB.value], total),
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
    districts: dict[str, list[int]] = {}
    for (district, channel), counts in times.by(period, ("district", "channel")).items():
        found = districts.setdefault(district or "Not known", [0, 0])
        found[0] += counts["contacts"]
        found[1] += counts["contacts"] if channel == Channel.WEB else 0
    district_rows = sorted(
        ((name, total, online) for name, (total, online) in districts.items() if total),
        key=lambda row: (row[1] and row[2] / row[1], row[0]),
    )

    def district_link(name: str, **extra: Any) -> str:
        return _contact_link(filters, period, district=NO_DISTRICT if name == "Not known" else name, **extra)

    by_district = Table(
        "demand-district",
        f"Digital take-up by postcode district, lowest first, {period.label}",
        ["Postcode district", "All contacts", "Made online", "Digital take-up"],
        [
            [Cell(name), Cell(total, href=district_link(name)),
             Cell(online, href=district_link(name, channel=Channel.WEB.value)), _percent(online, total)]
            for name, total, online in district_rows
        ],
    )  # fmt: skip
    grid = {
        key: counts["contacts"] for key, counts in times.by(period, ("weekday", "hour")).items() if counts["contacts"]
    }
    hours = sorted({hour for _, hour in grid})
    by_hour = Table(
        "demand-hours",
        f"Contacts by hour and weekday, {period.label}",
        ["Hour", *WEEKDAYS],
        [
            [
                Cell(f"{hour:02d}:00 to {hour + 1:02d}:00" if hour < 23 else "23:00 to midnight"),
                *[
                    Cell(count, href=_contact_link(filters, period, weekday=day, hour=hour) if count else "")
                    for day, count in ((day, grid.get((day, hour), 0)) for day in range(1, 8))
                ],
            ]
            for hour in hours
        ],
    )
    tz = timezone.get_current_timezone()
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
                Cell(row["visits"], href=_visits_link(period, row["hour"])),
                Cell(round(row["average"] / 60, 1)),
                Cell(round(row["longest"] / 60, 1)),
            ]
            for row in waits
        ],
    )
    headline = {"total": contacts.total(period, ("channel",))["contacts"],
                "online": contacts.by(period, ("channel",)).get(Channel.WEB.value, {}).get("contacts", 0)}  # fmt: skip
    return Section(
        "demand",
        "Demand and channel shift",
        DEMAND_DEFINITION,
        [
            Figure(period.label, f"{headline['total']:,} contacts", _contact_link(filters, period)),
            Figure(
                "Digital take-up",
                # The figure the link's list counts is in the words.
                f"{headline['online']:,} made online, {_percent(headline['online'], headline['total']).text} "
                f"(baseline {DIGITAL_BASELINE_PERCENT}%)",
                _contact_link(filters, period, channel=Channel.WEB.value),
            ),
        ],
        [by_month, by_district, by_hour, by_wait],
    )


AVOIDABLE_DEFINITION = (
    "Avoidable contact: contacts from customers chasing progress on a case they already have, as a share "
    "of all contacts in the period (online forms included). Fewer means the regular updates are working. "
    "By service means the service area of the contact's topic."
)


def avoidable_section(*, filters: DashboardFilters, contacts: Tallied, names: Names) -> Section:
    period = filters.period
    trend = trend_period(period.last)
    month_rows = []
    for month in trend.months():
        row = contacts.total(month, ("channel",))
        month_rows.append(
            [
                Cell(_month_label(month)),
                Cell(row["contacts"], href=_contact_link(filters, month)),
                Cell(row["avoidable"], href=_contact_link(filters, month, avoidable="on")),
                _percent(row["avoidable"], row["contacts"]),
            ]
        )
    services = sorted(
        (
            (names.area(key), key, counts)
            for key, counts in contacts.by(period, ("area_id",)).items()
            if counts["contacts"]
        ),
        key=lambda row: _none_last(row[0]),
    )
    service_rows = [
        [
            Cell(name or "No topic recorded"),
            Cell(counts["contacts"], href=_contact_link(filters, period, area=key or NONE)),
            Cell(counts["avoidable"], href=_contact_link(filters, period, avoidable="on", area=key or NONE)),
            _percent(counts["avoidable"], counts["contacts"]),
        ]
        for name, key, counts in services
    ]
    now = contacts.total(period, ("channel",))
    headers = ["All contacts", "Avoidable", "Share avoidable"]
    return Section(
        "avoidable",
        "Avoidable contact",
        AVOIDABLE_DEFINITION,
        [
            Figure(
                period.label,
                _count_of(now["avoidable"], now["contacts"], "contacts"),
                _contact_link(filters, period, avoidable="on"),
            )
        ],
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


def signposting_section(*, filters: DashboardFilters, contacts: Tallied, names: Names) -> Section:
    period = filters.period
    total = contacts.total(period, ("channel",))["logged"]
    partners = sorted(
        ((counts["signposted"], names.partner(key), key) for key, counts in contacts.by(period, ("partner_id",)).items()
         if key and counts["signposted"]),
        key=lambda row: (-row[0], row[1]),
    )  # fmt: skip
    rows = [
        [
            Cell(name),
            Cell(count, href=_contact_link(filters, period, outcome=Outcome.SIGNPOSTED, partner=key)),
            _percent(count, total),
        ]
        for count, name, key in partners
    ]
    signposted = sum(row[1].value for row in rows)
    return Section(
        "signposting",
        "Signposting",
        SIGNPOSTING_DEFINITION,
        [
            Figure(
                f"Signposted, {period.label}",
                _count_of(signposted, total, "logged contacts"),
                _contact_link(filters, period, logged="on", outcome=Outcome.SIGNPOSTED),
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
    "since receipt. Escalations and extensions are counted by when they happened, whenever the case was "
    "received; each links to the cases they happened to, a case escalated twice listed once."
)


def _standard_row(label: str, row: dict[str, int], link: Callable[..., str]) -> list[Cell]:
    """A row of the standards tables; `link(**filters)` the cases behind a figure."""
    return [
        Cell(label),
        Cell(row["received"], href=link()),
        _percent(row["acknowledge_met"], row["acknowledge_met"] + row["acknowledge_missed"]),
        _percent(row["reply_met"], row["reply_met"] + row["reply_missed"]),
        Cell(row["reply_missed"], href=link(measure="reply_missed")),
    ]


def _summed(rows: dict[Any, dict[str, int]], key: Callable[[Any], Any]) -> dict[Any, dict[str, int]]:
    """Counts keyed by several keys, summed by `key(keys)`."""
    found: dict[Any, dict[str, int]] = {}
    for keys, counts in rows.items():
        total = found.setdefault(key(keys), dict.fromkeys(counts, 0))
        for name, value in counts.items():
            total[name] += value
    return found


def standards_section(
    *, filters: DashboardFilters, cases: Tallied, rows: CaseQuerySet, narrowed: bool, names: Names, now: datetime
) -> Section:
    period = filters.period
    by_team_type = cases.by(period, ("team_id", "case_type"))
    headers = ["Cases received", "Acknowledged within standard", "Answered within standard", "Replies missed"]
    tables = []
    groups = (
        ("team", "team", _summed(by_team_type, lambda keys: keys[0]), names.team),
        ("channel", "channel", cases.by(period, ("channel",)), dict(Channel.choices).get),
        ("type", "case_type", _summed(by_team_type, lambda keys: keys[1]), dict(CaseType.choices).get),
    )
    for slug, param, grouped, name in groups:
        labelled = sorted(
            ((name(key) if key else None, key, counts) for key, counts in grouped.items() if counts["received"]),
            key=lambda row: _none_last(row[0]),
        )
        tables.append(
            Table(
                f"standards-{slug}",
                f"Cases within standard by {slug.replace('type', 'case type')}, {period.label}",
                [slug.replace("type", "case type").capitalize(), *headers],
                [
                    _standard_row(
                        label or "Not yet routed",
                        counts,
                        partial(_case_link, filters, period, **{param: key or NONE}),
                    )
                    for label, key, counts in labelled
                ],
            )
        )
    open_cases = rows.open()
    today = timezone.localtime(now).date()

    def band_days(low: int, high: int | None) -> tuple[date | None, date]:
        # Calendar days since receipt: received `low` to `high - 1` days ago (no `high`: or earlier).
        return (today - timedelta(days=high - 1) if high is not None else None), today - timedelta(days=low)

    def band_q(low: int, high: int | None) -> Q:
        oldest, newest = band_days(low, high)
        received = Q(received_at__lt=Period(newest, newest).end)
        return received & Q(received_at__gte=Period(oldest, oldest).start) if oldest is not None else received

    bands = open_cases.aggregate(
        **{f"band{index}": Count("id", filter=band_q(low, high)) for index, (_, low, high) in enumerate(AGE_BANDS)},
        # Over the open cases the bands read anyway, not a second look-up of the overdue ones.
        overdue=Count("id", filter=overdue_q(now)),
    )
    age_rows = [
        [
            Cell(label),
            Cell(bands[f"band{index}"], href=_list_link("cases", filters, *band_days(low, high), measure="open")),
        ]
        for index, (label, low, high) in enumerate(AGE_BANDS)
    ]
    tables.append(Table("standards-age", "Open cases by age, now", ["Age", "Open cases"], age_rows))
    happened = []
    for happening, label, what in (
        ("escalated", "Escalations by the chaser", "escalation"),
        ("extended", "Extensions granted", "extension"),
    ):
        kept, field = happening_rows(happening)
        # Counted by when they happened; the list is of the cases they happened to, each once.
        # Not "of 130,084 cases" here: counting those apart is a sort of every one (70 ms for a
        # year's escalations at council scale, more for three years). The whole council's
        # escalations come from their tally: reading a year's 180,000 steps took 29 ms.
        if happening == "escalated" and not narrowed:
            events = escalations_count(span=_span(period))
        else:
            events = _in(_of_cases(kept, rows, narrowed), field, period).count()
        words = f"{events:,} {what}{'' if events == 1 else 's'}" if events else f"No {what}s"
        happened.append(Figure(label, words, _happened_link(filters, period, happening)))
    total = cases.total(period, ("channel",))
    return Section(
        "standards",
        "Response-time standards",
        STANDARDS_DEFINITION,
        [
            Figure(
                "Acknowledged within standard",
                _percent(total["acknowledge_met"], total["acknowledge_met"] + total["acknowledge_missed"]).text,
            ),
            Figure(
                "Answered within standard",
                _percent(total["reply_met"], total["reply_met"] + total["reply_missed"]).text,
            ),
            Figure(
                "Open now",
                f"{sum(bands[f'band{index}'] for index in range(len(AGE_BANDS))):,}",
                _list_link("cases", filters, None, None, measure="open"),
            ),
            Figure("Overdue now", f"{bands['overdue']:,}", _list_link("cases", filters, None, None, measure="overdue")),
            *happened,
        ],
        tables,
    )


HANDOFF_DEFINITION = (
    "Handoffs: cases received in the period that were transferred from one team to another more than "
    "once (the \u201cpassed from officer to officer\u201d measure), as a share of the cases received. By team "
    "means the team holding the case now; by service its service area."
)


def handoffs_section(*, filters: DashboardFilters, cases: Tallied, names: Names) -> Section:
    period = filters.period
    tables = []
    for slug, grouped, param, name, title in (
        ("team", _summed(cases.by(period, ("team_id", "case_type")), lambda keys: keys[0]), "team", names.team, "Team"),
        ("service", cases.by(period, ("area_id",)), "area", names.area, "Service"),
    ):
        labelled = sorted(
            ((name(key), key, counts) for key, counts in grouped.items() if counts["received"]),
            key=lambda row: _none_last(row[0]),
        )
        tables.append(
            Table(
                f"handoffs-{slug}",
                f"Cases transferred more than once by {title.lower()}, {period.label}",
                [title, "Cases received", "Transferred more than once", "Share"],
                [
                    [
                        Cell(label or "Not yet routed"),
                        Cell(counts["received"], href=_case_link(filters, period, **{param: key or NONE})),
                        Cell(
                            counts["handed_off"],
                            href=_case_link(filters, period, measure="handed_off", **{param: key or NONE}),
                        ),
                        _percent(counts["handed_off"], counts["received"]),
                    ]
                    for label, key, counts in labelled
                ],
            )
        )
    total = cases.total(period, ("channel",))
    return Section(
        "handoffs",
        "Handoffs",
        HANDOFF_DEFINITION,
        [
            Figure(
                period.label,
                _count_of(total["handed_off"], total["received"], "cases"),
                _case_link(filters, period, measure="handed_off"),
            )
        ],
        tables,
    )


COST_DEFINITION = (
    "Cost to serve: each channel's contacts in the period, online forms included, times what one contact on it "
    "costs (the council's own figures, under Standards, \u201cCosts of a contact\u201d, each with its source; a "
    "channel with no cost is counted but not priced). The saving from channel shift compares the period with the "
    "same days a year earlier: what this period's costed contacts would have cost at last year's mix of channels "
    "(its average cost of a contact), less what they cost at this year's mix. A period longer than a year "
    "overlaps its year earlier: the saving is then that of the whole period's mix against the earlier one's."
)


def _year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _pounds(amount: Decimal) -> Cell:
    return Cell(round(amount, 2), f"\u00a3{amount:,.2f}")


def year_before(period: Period) -> Period:
    """The same days a year earlier; a period ending with a month's last day ends with that
    month's a year earlier (February 2025's year before ends on the 29th of February 2024)."""
    last = _year_before(period.last)
    return Period(_year_before(period.first), _month_end(last) if period.last == _month_end(period.last) else last)


def cost_section(*, filters: DashboardFilters, contacts: Tallied) -> Section:
    period = filters.period
    before = year_before(period)

    def by_channel(span: Period) -> dict[str, int]:
        return {channel: counts["contacts"] for channel, counts in contacts.by(span, ("channel",)).items()}

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
        # The contacts behind each count, on the channel, now and a year earlier.
        counted = Cell(count, href=_contact_link(filters, period, channel=channel.value))
        counted_then = Cell(earlier, href=_contact_link(filters, before, channel=channel.value))
        if unit is None:
            uncosted += count
            rows.append([Cell(channel.label), counted, Cell("", "Not costed"), Cell("", "Not costed"),
                         counted_then, Cell("", "Not costed")])  # fmt: skip
            continue
        cost_now += unit * count
        cost_then += unit * earlier
        costed_now += count
        costed_then += earlier
        rows.append([Cell(channel.label), counted, _pounds(unit), _pounds(unit * count), counted_then,
                     _pounds(unit * earlier)])  # fmt: skip
    if costed_then and costed_now:
        amount = cost_then / costed_then * costed_now - cost_now
        saved = f"\u00a3{amount:,.2f}" if amount >= 0 else f"Nothing: the channel mix cost \u00a3{-amount:,.2f} more"
    else:
        saved = "Nothing to compare: no costed contacts in one of the periods"
    return Section(
        "cost",
        "Cost to serve",
        COST_DEFINITION,
        [
            Figure(period.label, f"\u00a3{cost_now:,.2f} for {costed_now:,} costed contacts"
                                 f" ({uncosted:,} on channels not costed)"),
            Figure(before.label, f"\u00a3{cost_then:,.2f} for {costed_then:,} costed contacts"),
            Figure("Saved by the change in channel mix", saved),
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
    """The survey invitations a dashboard counts: those the viewer may read (a team manager's
    teams', a service manager's areas'), every one for the whole council's summary, in the
    filters' area, team and channel as the survey list filters them."""
    invitations = SurveyInvitation.objects.all() if scope.summary else SurveyInvitation.objects.visible_to(user)
    return survey_list_filter(
        invitations,
        SurveyListFilters(
            area_id=filters.area.pk if filters.area is not None else None,
            team_id=filters.team.pk if filters.team is not None else None,
            channel=filters.channel,
        ),
    ).order_by()


def _survey_row(result: SurveyResult, link: Callable[[str], str]) -> list[Cell]:
    """A row of the satisfaction tables; `link(answers)` the surveys behind a count."""

    def share(value: float | None) -> Cell:
        return Cell("", "No answers") if value is None else Cell(round(100 * value, 1), f"{100 * value:.1f}%")

    return [
        Cell(result.label),
        Cell(result.invitations, href=link("")),
        Cell(result.answers, href=link("answered")),
        Cell("", "No invitations") if result.response_rate is None else share(result.response_rate),
        # Two places in the CSV as on the page ("4.00", not "4.0" beside "3.55").
        Cell("", "No answers") if result.average is None else Cell(f"{result.average:.2f}"),
        share(result.satisfied_share),
        share(result.resolved_share),
    ]


def satisfaction_section(*, user, scope: DashboardScope, filters: DashboardFilters, names: Names) -> Section:
    period = filters.period
    headers = ["Invited", "Answered", "Response rate", "Average score (1 to 5)", "Satisfied", "Said it was resolved"]
    tables = []
    total = None

    def link(**extra: Any) -> Callable[[str], str]:
        return lambda answers: _list_link("surveys", filters, period.first, period.last, answers=answers, **extra)

    groupings = (
        ("customer_type", "customer_type", "Customer type"),
        ("channel", "channel", "Channel"),
        ("service_area", "area", "Service"),
    )
    reach, area_ids = ("all", None) if scope.summary else survey_reach(user)
    if filters.team is None and reach in ("all", "areas"):
        # The whole council's or the areas' invitations: from the tally.
        each = survey_results_tallied(
            span=Span(period.first, period.last),
            groupings=[by for by, _, _ in groupings],
            area_ids=area_ids,
            area_id=filters.area.pk if filters.area is not None else None,
            channel=filters.channel,
            area_names=names.areas,
        )
    else:
        each = survey_results_each(
            since=period.start,
            until=period.end,
            groupings=[by for by, _, _ in groupings],
            invitations=dashboard_surveys(user, scope, filters),
        )
    for by, param, title in groupings:
        results = each[by]
        total = results.total
        tables.append(
            Table(
                f"satisfaction-{by.replace('_', '-')}",
                f"Satisfaction by {title.lower()}, {period.label}",
                [title, *headers],
                [_survey_row(result, link(**{param: result.key or NONE})) for result in results.rows],
            )
        )
    assert total is not None
    target = _targets(Target.Metric.SATISFACTION, [Period(period.last, period.last)])[period.last]
    satisfied = _survey_row(total, link())
    return Section(
        "satisfaction",
        "Satisfaction",
        SATISFACTION_DEFINITION,
        [
            Figure(
                period.label,
                f"{satisfied[5].text} satisfied, of {total.answers:,} answers" if total.answers else "No answers yet",
                satisfied[2].href,
            ),
            Figure(
                "Response rate",
                f"{satisfied[3].text} of {total.invitations:,} invited" if total.invitations else "No invitations",
                satisfied[1].href,
            ),
            Figure("Target", _target_text(target)),
        ],
        tables,
    )


COMPLAINTS_DEFINITION = (
    "Complaints: the stages of complaints begun in the period, by stage and service. Upheld counts complaints "
    "upheld or partly upheld, as a share of those decided. The stage 2 escalation rate is the share of the "
    "period's stage 1 complaints that have gone on to stage 2 so far. Root causes and actions are those of the "
    "stages decided in the period. Compliments are the compliment cases received, by the team holding them. "
    "Each figure links to the cases its stages belong to: a case with both its stages in a figure is listed once."
)
ACTIONS_SHOWN = 20


def _complaints_counted(stages: QuerySet[ComplaintStage], period: Period) -> ComplaintCounts:
    """complaint_counts over `stages` (a narrowed dashboard's): one reading of the stages by all
    three keys, summed here, since two readings of a year's stages cost a council-scale page 25 ms
    more."""
    was_begun, was_decided = _within("started_at", period), _within("decided_at", period)
    upheld = Q(outcome__in=UPHELD_OUTCOMES)
    counts = ("begun", "decided", "upheld")
    cells = (
        stages.filter(was_begun | was_decided)
        .values("stage", "service_area_id", "root_cause")
        .annotate(
            begun=Count("id", filter=was_begun),
            decided=Count("id", filter=was_begun & Q(decided_at__isnull=False)),
            upheld=Count("id", filter=was_begun & Q(decided_at__isnull=False) & upheld),
            cause_decided=Count("id", filter=was_decided),
            cause_upheld=Count("id", filter=was_decided & upheld),
        )
        .order_by()
    )
    found = ComplaintCounts(begun={}, decided={})
    for cell in cells:
        if cell["begun"]:
            counted = found.begun.setdefault((cell["stage"], cell["service_area_id"]), dict.fromkeys(counts, 0))
            for name in counts:
                counted[name] += cell[name]
        if cell["cause_decided"]:
            cause = found.decided.setdefault(cell["root_cause"], {"decided": 0, "upheld": 0})
            cause["decided"] += cell["cause_decided"]
            cause["upheld"] += cell["cause_upheld"]
    return found


def complaints_section(
    *, filters: DashboardFilters, cases: Tallied, rows: CaseQuerySet, narrowed: bool, names: Names
) -> Section:
    period = filters.period
    stages = _of_cases(ComplaintStage.objects.all(), rows, narrowed)
    begun = _in(stages, "started_at", period)
    decided = _in(stages.filter(decided_at__isnull=False), "decided_at", period)
    # The whole council's from the complaint tallies, a narrowed dashboard's from its stages.
    whole = Span(period.first, period.last)
    counted = _complaints_counted(stages, period) if narrowed else complaint_counts(span=whole)
    # A stage's service area is its case's, kept by the database: no join with the cases.
    grouped = sorted(
        ((stage, names.area(area), area, row) for (stage, area), row in counted.begun.items()),
        key=lambda row: (row[0], *_none_last(row[1])),
    )

    def begun_link(stage: int, area: int | None) -> Callable[[str], str]:
        return lambda result: _happened_link(
            filters, period, "stage_begun", stage=stage, area=area or NONE, stage_result=result
        )

    stage_rows = []
    for stage, area_name, area, row in grouped:
        link = begun_link(stage, area)
        stage_rows.append([
            Cell(f"Stage {stage}: {area_name or 'No service recorded'}"),
            Cell(row["begun"], href=link("")),
            Cell(row["decided"], href=link("decided")),
            Cell(row["upheld"], href=link("upheld")),
            _percent(row["upheld"], row["decided"]),
        ])  # fmt: skip
    all_stages = {name: sum(row[name] for _, _, _, row in grouped) for name in ("begun", "decided", "upheld")}
    # The stage 2s of the period's stage 1s: one semi-join, not a lookup for each stage 1.
    escalated = stages.filter(stage=2, case__in=begun.filter(stage=1).values("case_id")).count()
    first = {"total": sum(row["begun"] for stage, _, _, row in grouped if stage == 1), "escalated": escalated}
    cause_names = dict(RootCause.choices)

    def cause_link(cause: str, result: str = "") -> str:
        return _happened_link(filters, period, "stage_decided", root_cause=cause, stage_result=result)

    cause_rows = sorted(
        ([Cell(cause_names.get(cause, cause)),
          Cell(row["decided"], href=cause_link(cause)),
          Cell(row["upheld"], href=cause_link(cause, "upheld"))] for cause, row in counted.decided.items()),
        key=lambda row: (-row[1].value, row[0].value),
    )  # fmt: skip
    actions = decided.select_related("case").order_by("-decided_at")[:ACTIONS_SHOWN]
    action_rows = [
        [
            Cell(
                f"{stage.case.reference}, stage {stage.stage}",
                href=reverse("cases:case-detail", kwargs={"reference": stage.case.reference}),
            ),
            Cell(stage.get_root_cause_display()),
            Cell(stage.get_outcome_display()),
            Cell(stage.action_taken),
        ]
        for stage in actions
    ]
    compliments = sorted(
        ((counts["received"], names.team(team) or "Not yet routed", team)
         for (team, case_type), counts in cases.by(period, ("team_id", "case_type")).items()
         if case_type == CaseType.COMPLIMENT and counts["received"]),
        key=lambda row: (-row[0], row[1]),
    )  # fmt: skip
    compliment_rows = [
        [
            Cell(name),
            Cell(count, href=_case_link(filters, period, team=team or NONE, case_type=CaseType.COMPLIMENT.value)),
        ]
        for count, name, team in compliments
    ]
    return Section(
        "complaints",
        "Complaints and learning",
        COMPLAINTS_DEFINITION,
        [
            # Stages are counted by when they began: their lists are of the cases they are stages of.
            Figure(
                period.label,
                f"{all_stages['begun']:,} complaint stages begun, {all_stages['decided']:,} of them decided so far",
                _happened_link(filters, period, "stage_begun"),
            ),
            Figure("Upheld", _percent(all_stages["upheld"], all_stages["decided"]).text),
            Figure(
                "Stage 2 escalation rate",
                f"{_percent(first['escalated'], first['total']).text} of {first['total']:,} stage 1 complaints",
                _happened_link(filters, period, "stage_begun", stage=1),
            ),
            Figure(
                "Compliments",
                f"{sum(row[1].value for row in compliment_rows):,}",
                _case_link(filters, period, case_type=CaseType.COMPLIMENT.value),
            ),
        ],
        [
            Table(
                "complaints-stage",
                f"Complaint stages begun by stage and service, {period.label}",
                ["Stage and service", "Begun", "Decided so far", "Upheld", "Share upheld"],
                stage_rows,
            ),
            Table(
                "complaints-cause",
                f"Root causes of the complaint stages decided in the period (whenever begun), {period.label}",
                ["Root cause", "Decided", "Upheld"],
                cause_rows,
            ),
            Table(
                "complaints-actions",
                f"Actions taken, the latest {ACTIONS_SHOWN} decided, {period.label}",
                ["Case and stage", "Root cause", "Outcome", "Action taken"],
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


@dataclass
class Names:
    """The names of the teams, advisers, areas and partners a dashboard's figures are keyed by."""

    teams: dict[int, str]
    advisers: dict[int, tuple[tuple[str, str, str], str]]
    areas: dict[int, str]
    partners: dict[int, str]

    def team(self, pk: int | None) -> str | None:
        return self.teams.get(pk) if pk else None

    def adviser(self, pk: int) -> tuple[tuple[str, str, str], str]:
        return self.advisers.get(pk, (("", "", ""), f"Adviser {pk}"))

    def area(self, pk: int | None) -> str | None:
        return self.areas.get(pk) if pk else None

    def partner(self, pk: int) -> str:
        return self.partners.get(pk, f"Partner {pk}")


def _names(contacts: Tallied) -> Names:
    """One query for each kind of name: every team, area and partner (a council has a few
    hundred at most), the advisers the figures name (none when none is needed)."""
    adviser_ids = {key[1] for key in contacts.groups.get(("adviser_id",), {}) if key[1]}
    people = (
        get_user_model().objects.filter(pk__in=adviser_ids).values_list("pk", "first_name", "last_name", "username")
    )
    return Names(
        teams=dict(Team.objects.values_list("pk", "name")),
        advisers={
            pk: ((first, last, username), f"{first} {last}".strip() or username) for pk, first, last, username in people
        }
        if adviser_ids
        else {},
        areas=dict(ServiceArea.objects.values_list("pk", "name")),
        partners=dict(Partner.objects.values_list("pk", "name")),
    )


def dashboard_get(*, user, scope: DashboardScope, filters: DashboardFilters, now: datetime | None = None) -> Dashboard:
    """Every section of the managers' dashboard for `user` (whose dashboard_scope is `scope`),
    under `filters`. Contacts and cases are counted from their tallies: a handful of statements
    whatever the period (docs/decisions/0014-tallies-kept-by-triggers.md)."""
    now = now or timezone.now()
    period = filters.period
    advisers = not scope.summary and (
        user.has_perm(VIEW_TEAM_CONTACTS) or user.has_perm(VIEW_AREA_CONTACTS) or user.has_perm(VIEW_ALL_CONTACTS)
    )
    contact_spans = _spans(period, period.previous(), year_before(period), *trend_period(period.last).months())
    # By channel for every span; the breakdowns for the period alone.
    breakdowns = [("team_id",), ("area_id",), ("partner_id",), *([("adviser_id",)] if advisers else [])]
    rule = contact_rule(user, scope, filters)
    contacts = Tallied(
        contact_spans,
        contact_tallies(
            spans=contact_spans, sets=[("channel",), *breakdowns], rule=rule, only={keys: [0] for keys in breakdowns}
        ),
        LOGGED_COUNTS,
    )
    time_spans = _spans(period)
    times = Tallied(
        time_spans,
        contact_tallies(spans=time_spans, sets=[("weekday", "hour"), ("district", "channel")], rule=rule),
        ["contacts"],
    )
    cases_rule = case_rule(user, scope, filters)
    case_spans = _spans(period)
    cases = Tallied(
        case_spans,
        case_tallies(spans=case_spans, sets=[("team_id", "case_type"), ("channel",), ("area_id",)], rule=cases_rule,
                     now=now),
        CASE_COUNTS,
    )  # fmt: skip
    rows, narrowed = dashboard_cases(cases_rule), cases_rule.narrowed
    names = _names(contacts)
    board = Dashboard(
        scope,
        filters,
        [
            fpr_section(filters=filters, contacts=contacts, names=names, advisers=advisers),
            standards_section(filters=filters, cases=cases, rows=rows, narrowed=narrowed, names=names, now=now),
            demand_section(filters=filters, contacts=contacts, times=times),
            cost_section(filters=filters, contacts=contacts),
            avoidable_section(filters=filters, contacts=contacts, names=names),
            signposting_section(filters=filters, contacts=contacts, names=names),
            handoffs_section(filters=filters, cases=cases, names=names),
            satisfaction_section(user=user, scope=scope, filters=filters, names=names),
            complaints_section(filters=filters, cases=cases, rows=rows, narrowed=narrowed, names=names),
        ],
    )
    if scope.summary:
        for section in board.sections:
            section.headline = [figure._replace(href="") for figure in section.headline]
            section.tables = [table for table in section.tables if table.slug not in SUMMARY_LEFT_OUT]
            for table in section.tables:
                for row in table.rows:
                    for cell in row:
                        cell.href = ""
    return board


# What a councillor's summary leaves out: the actions' words may name people.
SUMMARY_LEFT_OUT = {"complaints-actions"}
