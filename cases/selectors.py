"""Reads for customers, cases and routing rules, each behind one access story.

Who sees which case (docs/architecture.md, "Cases"):
- administrators (VIEW_ALL) see and work every case;
- officers work their team's cases and the ones they own; managers (TRIAGE) their service area's,
  and the triage queue's cases of their area or of none;
- advisers (VIEW_SUMMARIES) see any case's summary and public updates, to answer "where is my
  case?" on a call, and work none;
- councillors see only the enquiries they raised, at summary level.
Everything else is a 404, so a reference cannot be probed."""

import logging
import re
import threading
import unicodedata
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, Max, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from core.db import pk_or_none_q
from core.tallies import Branch, Span, TallySource, rows_branch, sql_constants, tallies_read, tally_groups
from directory.models import Absence, Officer, Team
from directory.phones import phone_normalise
from directory.selectors import editor_area_ids
from standards import selectors as standards
from standards.models import CaseType

from . import chase
from .models import (
    ESCALATE_KINDS,
    OPEN_STATUSES,
    REFERENCE_ALPHABET,
    REFERENCE_LENGTH,
    UPHELD_OUTCOMES,
    Attachment,
    Case,
    CaseEvent,
    CaseQuerySet,
    CasesChange,
    ChaseKind,
    ChaseStep,
    ComplaintStage,
    Customer,
    CustomerQuerySet,
    EventKind,
    RoutingRule,
    email_match,
    name_postcode_match,
    reference_clean,
)
from .routing import Decision, Facts, Rule, route_decide, words_pattern

logger = logging.getLogger(__name__)

# Permission names, by capability (granted in portal/roles.py).
WORK = "cases.work_cases"
RAISE = "cases.raise_cases"
TRIAGE = "cases.triage_cases"
VIEW_SUMMARIES = "cases.view_case_summaries"
VIEW_ALL = "cases.view_all_cases"
VIEW_CUSTOMERS = "cases.view_customer"
EDIT_CUSTOMERS = "cases.change_customer"
MERGE_CUSTOMERS = "cases.merge_customers"
RAISE_ENQUIRIES = "cases.raise_enquiries"
EDIT_RULES = "cases.change_routingrule"
# Compliments naming an officer go to the member of their team holding this (team managers).
RECEIVE_COMPLIMENTS = "cases.receive_compliments"

QUEUE_PAGE_SIZE = 25


def _own_team_ids(user) -> models.QuerySet:
    return Officer.objects.filter(user=user).values("team_id")


def _own_area_ids(user) -> models.QuerySet:
    return Officer.objects.filter(user=user).values("team__service_area_id")


def workable_filter(user) -> Q | None:
    """The cases `user` may work, as a filter (None: every case; Q(pk__in=[]): none). No query:
    the user's team and area are subqueries."""
    if not user.is_authenticated or not user.has_perm(WORK):
        return Q(pk__in=[])
    if user.has_perm(VIEW_ALL):
        return None
    scope = Q(owner=user)
    if user.has_perm(TRIAGE):
        area_ids = _own_area_ids(user)
        scope |= Q(service_area_id__in=area_ids) | Q(team__isnull=True, service_area__isnull=True)
    else:
        scope |= Q(team_id__in=_own_team_ids(user))
    return scope


def visible_filter(user) -> Q | None:
    """The cases `user` may see at all (summary level or more)."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    if user.has_perm(VIEW_ALL) or user.has_perm(VIEW_SUMMARIES):
        return None
    scope = workable_filter(user) or Q()
    if user.has_perm(RAISE_ENQUIRIES):
        scope |= Q(councillor=user)
    return scope


def cases_visible_to(user) -> CaseQuerySet:
    scope = visible_filter(user)
    return Case.objects.all() if scope is None else Case.objects.filter(scope)


def cases_workable_by(user) -> CaseQuerySet:
    scope = workable_filter(user)
    return Case.objects.all() if scope is None else Case.objects.filter(scope)


@dataclass(frozen=True)
class CaseAccess:
    case: Case
    can_work: bool


def case_get_for_user(*, reference: str, user) -> CaseAccess:
    """The one fetcher for every case page: the case and whether `user` may work it, or 404.
    One query (the work check is a CASE expression in the same SELECT).

    It joins what almost every case has. Each further join costs PostgreSQL about half a
    millisecond more to plan (eleven tables took 6 to 18 ms at council scale, for a 0.3 ms
    execution), so what few cases have (a councillor, a named officer, a partner, a merge) is
    left to load on use: no query at all when it is empty."""
    scope = workable_filter(user)
    can_work = models.Value(True) if scope is None else models.Case(models.When(scope, then=True), default=False)
    queryset = (
        cases_visible_to(user)
        .select_related("team__service_area", "topic", "owner", "customer", "standard", "routed_by")
        .annotate(can_work=can_work)
    )
    case = queryset.filter(reference=reference_clean(reference)).first()
    if case is None:
        raise Http404
    return CaseAccess(case=case, can_work=bool(case.can_work))


def case_raised_get_for_user(*, reference: str, user) -> Case:
    """A case `user` raised, for its confirmation page (they may not be able to see it otherwise:
    an officer raising a case for another team); 404 for a case anyone else raised."""
    case = (
        Case.objects.filter(reference=reference_clean(reference), events__kind=EventKind.CREATED, events__by=user)
        .select_related("team")
        .first()
    )
    if case is None:
        raise Http404
    return case


def timeline(*, case: Case, public_only: bool = False) -> list[CaseEvent]:
    """The case's events, oldest first, with who did each. One query."""
    events = case.events.select_related("by")
    return list(events.public() if public_only else events)


# --- Queues ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueFilters:
    status: str = ""
    case_type: str = ""
    priority: str = ""
    owner: str = ""  # "", "me", "none" or a user id
    overdue: bool = False


# Whose cases the cases list may be kept to: the user's teams', or their teams' service areas'.
OWN_CASES = {"teams": "My teams", "areas": "My teams' service areas"}
# The measures the dashboard's figures about cases count, as the cases list filters by them.
CASE_MEASURES = {
    "acknowledge_missed": "Acknowledgement missed",
    "reply_missed": "Reply missed",
    "handed_off": "Transferred more than once",
    "extended": "Extended",
    "overdue": "Overdue now",
    "open": "Open now",
}


# What happened to a case in a period, as the dashboard counts it: the rows, and their date.
CASE_HAPPENINGS = {
    "escalated": "Escalated by the chaser",
    "extended": "Given an extension",
    "stage_begun": "A complaint stage begun",
    "stage_decided": "A complaint stage decided",
}
# A complaint stage's decision, as the list filters by it.
STAGE_RESULTS = {"decided": "Decided", "upheld": "Upheld or partly upheld"}


@dataclass(frozen=True)
class CaseListFilters:
    """The cases list's filters (the dashboard's drill-downs): received from (local midnight) and
    before, the team, service area, channel, type, one of CASE_MEASURES, one of CASE_HAPPENINGS
    from and before a time, and the complaint stage's number, decision and root cause."""

    received_from: datetime | None = None
    received_before: datetime | None = None
    team_id: int | None = None
    area_id: int | None = None
    channel: str = ""
    case_type: str = ""
    measure: str = ""
    # OWN_CASES: only the cases of the user's own teams, or of their teams' service areas (what
    # a team or service manager's dashboard counts, however many teams they have).
    own: str = ""
    happened: str = ""
    happened_from: datetime | None = None
    happened_before: datetime | None = None
    stage: int | None = None
    stage_result: str = ""
    root_cause: str = ""


def happening_rows(happened: str, *, stages: models.QuerySet | None = None) -> tuple[models.QuerySet, str]:
    """The rows one of CASE_HAPPENINGS counts (of `stages`, for a complaint stage's), and the
    field saying when each happened."""
    stages = ComplaintStage.objects.all() if stages is None else stages
    return {
        "escalated": (ChaseStep.objects.filter(kind__in=ESCALATE_KINDS), "done_at"),
        "extended": (CaseEvent.objects.filter(kind=EventKind.EXTENDED), "at"),
        "stage_begun": (stages, "started_at"),
        "stage_decided": (stages.filter(decided_at__isnull=False), "decided_at"),
    }[happened]


def _happened_in(filters: CaseListFilters, *, stages: models.QuerySet | None = None) -> models.QuerySet:
    """The rows of what happened (filters.happened) from and before the filters' times."""
    rows, field = happening_rows(filters.happened, stages=stages)
    if filters.happened_from is not None:
        rows = rows.filter(**{f"{field}__gte": filters.happened_from})
    if filters.happened_before is not None:
        rows = rows.filter(**{f"{field}__lt": filters.happened_before})
    return rows


def case_happened_filter(filters: CaseListFilters, *, counting: bool = False) -> Q:
    """The cases `filters` keep by what happened to them and their complaint stages: the one
    row counted (an escalation, an extension or a stage, between the times) and, for a stage,
    its number, decision and root cause; with no stage happening, any stage of theirs matching
    those. `counting`: without the bound that only steers the newest-first page's plan."""
    stages = ComplaintStage.objects.all()
    if filters.stage is not None:
        stages = stages.filter(stage=filters.stage)
    if filters.stage_result == "decided":
        stages = stages.filter(decided_at__isnull=False)
    elif filters.stage_result == "upheld":
        stages = stages.filter(decided_at__isnull=False, outcome__in=UPHELD_OUTCOMES)
    if filters.root_cause:
        stages = stages.filter(decided_at__isnull=False, root_cause=filters.root_cause)
    staged = bool(filters.stage is not None or filters.stage_result or filters.root_cause)
    found = Q()
    if filters.happened in CASE_HAPPENINGS:
        rows = _happened_in(filters, stages=stages)
        # Nothing happens to a case before it is received: said outright, the newest-first page
        # walks the receipt index from the period's end, not from today (1.6 s for a month's
        # escalations at council scale, 7 ms with it). The count is left without it: it makes
        # PostgreSQL scan every case rather than look up the period's (190 ms, not 30).
        if filters.happened_before is not None and not counting:
            found &= Q(received_at__lt=filters.happened_before)
        found &= Q(pk__in=rows.values("case_id"))
        staged = staged and not filters.happened.startswith("stage_")
    if staged:
        found &= Q(pk__in=stages.values("case_id"))
    return found


def case_measure_filter(measure: str, *, now: datetime) -> Q:
    """The cases one of CASE_MEASURES counts, as the dashboard counts them: a due time missed
    counts as soon as it passes; the reply clock stands still while the case waits on the
    customer."""
    reply_running = Q(paused_at__isnull=True) | Q(paused_at__gte=F("respond_by"))
    return {
        "acknowledge_missed": Q(acknowledge_met=False) | Q(acknowledged_at__isnull=True, acknowledge_by__lt=now),
        "reply_missed": Q(respond_met=False)
        | (Q(responded_at__isnull=True, respond_by__lt=now, status__in=OPEN_STATUSES) & reply_running),
        "handed_off": Q(handoff_count__gt=1),
        "extended": Q(extension_days__gt=0),
        "overdue": Q(pk__in=Case.objects.overdue(now=now).values("pk")),
        "open": Q(status__in=OPEN_STATUSES),
    }[measure]


def cases_for_list(
    *, user, filters: CaseListFilters, now: datetime | None = None, counting: bool = False
) -> models.QuerySet[Case]:
    """The cases `user` may see (cases_visible_to), filtered, newest first, with what the list
    shows. No query until read. `counting`: the same cases in the query that counts them fastest
    (case_happened_filter)."""
    now = now or timezone.now()
    cases = cases_visible_to(user)
    if filters.received_from is not None:
        cases = cases.filter(received_at__gte=filters.received_from)
    if filters.received_before is not None:
        cases = cases.filter(received_at__lt=filters.received_before)
    if filters.team_id is not None:
        cases = cases.filter(pk_or_none_q("team_id", filters.team_id))
    if filters.area_id is not None:
        cases = cases.filter(pk_or_none_q("service_area_id", filters.area_id))
    if filters.channel:
        cases = cases.filter(channel=filters.channel)
    if filters.case_type:
        cases = cases.filter(case_type=filters.case_type)
    if filters.measure in CASE_MEASURES:
        cases = cases.filter(case_measure_filter(filters.measure, now=now))
    cases = cases.filter(case_happened_filter(filters, counting=counting))
    if filters.own == "teams":
        cases = cases.filter(team_id__in=_own_team_ids(user))
    elif filters.own == "areas":
        cases = cases.filter(service_area_id__in=_own_area_ids(user))
    return cases.for_list().order_by("-received_at", "-id")


def cases_count_for_list(*, user, filters: CaseListFilters, now: datetime | None = None) -> int:
    """How many cases cases_for_list lists. When what happened is all that narrows the list of
    someone who sees every case, the cases it happened to are counted from its rows alone (each
    row's case exists), as COUNT(DISTINCT), which sorts the month's 14,500 case ids: 5 ms at
    council scale, where counting a DISTINCT subquery (a hashed grouping) took 9 to 15 and
    looking each case up 30."""
    rest = replace(filters, happened="", happened_from=None, happened_before=None)
    if filters.happened in CASE_HAPPENINGS and rest == CaseListFilters() and visible_filter(user) is None:
        return _happened_in(filters).aggregate(cases=Count("case_id", distinct=True))["cases"]
    return cases_for_list(user=user, filters=filters, now=now, counting=True).count()


def queue_cases(
    *, team: Team | None, user, filters: QueueFilters, now: datetime | None = None
) -> models.QuerySet[Case]:
    """The open cases of `team` (None: the triage queue) that `user` may work, most urgent first
    (respond-by, then acknowledge-by; cases without a due time last)."""
    now = now or timezone.now()
    queryset = cases_workable_by(user).filter(status__in=OPEN_STATUSES)
    queryset = queryset.filter(team__isnull=True) if team is None else queryset.filter(team=team)
    if filters.status in OPEN_STATUSES:
        queryset = queryset.filter(status=filters.status)
    if filters.case_type in CaseType.values:
        queryset = queryset.filter(case_type=filters.case_type)
    if filters.priority:
        queryset = queryset.filter(priority=filters.priority)
    if filters.owner == "me":
        queryset = queryset.filter(owner=user)
    elif filters.owner == "none":
        queryset = queryset.filter(owner__isnull=True)
    elif filters.owner.isascii() and filters.owner.isdigit() and len(filters.owner) < 10:
        queryset = queryset.filter(owner_id=int(filters.owner))
    if filters.overdue:
        queryset = queryset.overdue(now=now)
    return (
        queryset.select_related("owner", "customer", "topic")
        .with_owner_away(now=now)
        .order_by(F("respond_by").asc(nulls_last=True), F("acknowledge_by").asc(nulls_last=True), "id")
    )


def queue_teams(user) -> models.QuerySet[Team]:
    """The teams whose queues `user` (who may work cases) opens: every team for administrators,
    their service area's for managers, their own team for officers."""
    teams = Team.objects.select_related("service_area")
    if user.has_perm(VIEW_ALL):
        return teams
    if user.has_perm(TRIAGE):
        return teams.filter(service_area_id__in=_own_area_ids(user))
    return teams.filter(id__in=_own_team_ids(user))


def queues_for_user(user) -> list[dict]:
    """The queues `user` may open, with their open and unclaimed counts: one query for the teams,
    one for the counts."""
    if not user.is_authenticated or not user.has_perm(WORK):
        return []
    teams_list = list(queue_teams(user).order_by("service_area__name", "name"))
    counts = {
        row["team_id"]: row
        for row in cases_workable_by(user)
        .filter(status__in=OPEN_STATUSES)
        .filter(Q(team__in=teams_list) | Q(team__isnull=True))
        .values("team_id")
        .annotate(open=Count("id"), unclaimed=Count("id", filter=Q(owner__isnull=True)))
    }
    rows = []
    if user.has_perm(TRIAGE):
        rows.append({"team": None, "name": "Triage", **counts.get(None, {"open": 0, "unclaimed": 0})})
    for team in teams_list:
        rows.append({"team": team, "name": team.name, **counts.get(team.id, {"open": 0, "unclaimed": 0})})
    return rows


def queue_team_get_for_user(*, slug: str, user) -> Team:
    """The team whose queue `user` may open, or 404."""
    if not user.is_authenticated or not user.has_perm(WORK):
        raise Http404
    team = queue_teams(user).filter(slug=slug).first()
    if team is None:
        raise Http404
    return team


def my_cases(*, user) -> models.QuerySet[Case]:
    return (
        Case.objects.filter(owner=user, status__in=OPEN_STATUSES)
        .select_related("team", "customer", "topic")
        .order_by(F("respond_by").asc(nulls_last=True), "id")
    )


def team_officers(*, team: Team) -> list:
    """The users who may own the team's cases (its officers), for the assign form."""
    return [
        officer.user
        for officer in Officer.objects.filter(team=team, user__is_active=True)
        .select_related("user")
        .order_by("user__first_name", "user__last_name")
    ]


# --- Customers -------------------------------------------------------------------------------------


def customers_for_user(user) -> CustomerQuerySet:
    """Every customer for staff who may see customers, none for anyone else. All or nothing:
    customer_find's name search (hand-written SQL) asks only whether this is empty."""
    if not user.is_authenticated or not user.has_perm(VIEW_CUSTOMERS):
        return Customer.objects.none()
    return Customer.objects.all()


def customer_get_for_user(*, pk: int, user) -> Customer:
    customer = customers_for_user(user).select_related("merged_into").filter(pk=pk).first()
    if customer is None:
        raise Http404
    return customer


# Find-as-you-type: at most this many customers, for a query of at most this many characters.
FIND_LIMIT = 8
FIND_QUERY_MAX = 100
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_WORDS = re.compile(r"[^\w]+|[\d_]+")
_PHONE_CHARACTERS = re.compile(r"^[+\d\s().-]+$")


@dataclass(frozen=True)
class CustomerMatch:
    customer: Customer
    # What the query matched: "name", "email", "phone", "postcode" or "reference".
    matched: str
    # Another customer found shares this one's email, phone, or name and postcode.
    possible_duplicate: bool


def find_query_clean(raw: str | None) -> str:
    """What an adviser typed, as a find query: no control characters (PostgreSQL refuses a NUL),
    single spaces, at most FIND_QUERY_MAX characters."""
    text = unicodedata.normalize("NFKC", raw or "")
    return " ".join(_CONTROL.sub(" ", text).split())[:FIND_QUERY_MAX]


def _find_kind(text: str) -> tuple[str, Q | None]:
    """What `text` looks like and the filter for it, each in the form one customer index answers
    (on with_lower_names()). Exact for emails, phones (any format), postcodes (any spacing) and
    case references; names by trigram word similarity, so misspellings and first letters match."""
    from .models import postcode_normalise

    if "@" in text:
        return "email", email_match(text)
    if _PHONE_CHARACTERS.match(text) and sum(ch.isdigit() for ch in text) >= 10:
        try:
            return "phone", Q(phone=phone_normalise(text))
        except ValidationError:
            return "phone", None
    compact = text.replace(" ", "")
    if 5 <= len(compact) <= 7 and any(ch.isdigit() for ch in compact) and any(ch.isalpha() for ch in compact):
        try:
            return "postcode", Q(postcode=postcode_normalise(compact))
        except ValidationError:
            pass
    reference = reference_clean(text)
    if len(reference) == REFERENCE_LENGTH + 1 and all(ch in REFERENCE_ALPHABET for ch in reference.replace("-", "")):
        # The customer of the case, found through the case's unique reference index.
        return "reference", Q(pk__in=Case.objects.filter(reference=reference).values("customer_id"))
    letters = sum(ch.isalpha() for ch in text)
    return "name", None if letters < 2 else Q()


def customer_find(*, user, query: str, limit: int = FIND_LIMIT) -> list[CustomerMatch]:
    """Current customers matching what was typed: one query, whatever the query (none for one too
    short or of punctuation only). Names best match first; the rest by name."""
    text = find_query_clean(query)
    kind, match = _find_kind(text)
    visible = customers_for_user(user)
    if match is None or visible.query.is_empty():
        return []
    if kind == "name":
        customers = _customers_by_name(text, limit)
    else:
        found = visible.current().with_lower_names().filter(match)
        customers = list(found.order_by("name", "id")[:limit])
    # Possible duplicates among the matches: the same email, phone, or name and postcode.
    keys: dict[tuple, int] = {}
    for customer in customers:
        for key in _duplicate_keys(customer):
            keys[key] = keys.get(key, 0) + 1
    return [
        CustomerMatch(
            customer=customer,
            matched=kind,
            possible_duplicate=any(keys[key] > 1 for key in _duplicate_keys(customer)),
        )
        for customer in customers
    ]


# Name words as customer_name_words splits them (migration 0003): runs of letters, lower case.
_NAME_WORD = re.compile(r"[^\W\d_]+")
# A typed word stands for at most this many vocabulary words of each kind (spelt like it, sounding
# like it), and for this many that it begins (a first letter begins hundreds).
_CLOSE_WORDS, _PREFIXED_WORDS = 20, 50
_NAME_WORDS_MAX = 4

# The vocabulary words a typed word may stand for, best first: itself, the words it begins
# (shortest first), the words spelt like it (trigram similarity of 0.4 or more: `%` at pg_trgm's
# 0.3 finds them in name_word_trgm_idx, the stricter test sorts them out) and the words that sound
# like it (name_word_sounds_idx), the last two for words of three letters or more.
_WORD_CANDIDATES_SQL = """
    SELECT word, min(rank) AS rank, bool_or(rank = 3) AS sounds_alike, max(closeness) AS closeness FROM (
        (SELECT word, CASE WHEN word = %(w)s THEN 0 ELSE 1 END AS rank, 1.0::real AS closeness
         FROM cases_customernameword WHERE word LIKE %(prefix)s ORDER BY length(word), word LIMIT %(prefixed)s)
        UNION ALL
        (SELECT word, 2, similarity(word, %(w)s) FROM cases_customernameword
         WHERE length(%(w)s) >= 3 AND word %% %(w)s AND similarity(word, %(w)s) >= 0.4
         ORDER BY similarity(word, %(w)s) DESC, word LIMIT %(close)s)
        UNION ALL
        (SELECT word, 3, similarity(word, %(w)s) FROM cases_customernameword
         WHERE length(%(w)s) >= 3 AND sounds = dmetaphone(%(w)s)
         ORDER BY similarity(word, %(w)s) DESC, word LIMIT %(close)s)
    ) AS candidates GROUP BY word
"""


def _customers_by_name(text: str, limit: int) -> list[Customer]:
    """Current customers whose names have, for each word typed, a word it may stand for: one
    statement that corrects the spelling against the vocabulary (CustomerNameWord, a few thousand
    rows) and then looks customers up by exact words (customer_name_words_idx), so its cost follows
    the few rows it returns, never the 500,000 customers.

    One word typed ("thornwik", "tho") matches thousands: the candidates are taken best first and
    the customers of each looked up in turn, and the statement stops as soon as it has enough (a
    nested loop in the candidates' order under LIMIT), so an exact "smith" lists Smiths before
    Smithsons. Two words or more: only the customers having a candidate of every word, which are
    few; first those whose words are as typed or begin so, then by how close their words are to
    the words typed."""
    words = list(dict.fromkeys(_NAME_WORD.findall(text.lower())))[:_NAME_WORDS_MAX]
    if not words:
        return []
    fixed = {"prefixed": _PREFIXED_WORDS, "close": _CLOSE_WORDS}
    if len(words) == 1:
        params = {"w": words[0], "prefix": words[0] + "%", "limit": limit * 2, **fixed}
        sql = f"""
            WITH candidate AS MATERIALIZED (
                SELECT word, row_number() OVER (
                    ORDER BY rank, sounds_alike DESC, closeness DESC, length(word), word
                ) AS position
                FROM ({_WORD_CANDIDATES_SQL}) AS ranked
            )
            SELECT customer.*, candidate.position AS closeness
            FROM candidate CROSS JOIN LATERAL (
                SELECT * FROM cases_customer
                WHERE merged_into_id IS NULL AND name_words @> ARRAY[candidate.word] LIMIT %(limit)s
            ) AS customer
            LIMIT %(limit)s
        """  # noqa: S608 - constant SQL joined; every value is a parameter
        # Best candidate first (its position, the raw query's `closeness`); the same customer
        # under two candidates ("Thomas Thompson") once.
        best: dict[int, tuple[int, Customer]] = {}
        for customer in Customer.objects.raw(sql, params):
            position = getattr(customer, "closeness")  # noqa: B009 - a raw query's extra column
            if customer.pk not in best or position < best[customer.pk][0]:
                best[customer.pk] = (position, customer)
        ranked = sorted(best.values(), key=lambda pair: (pair[0], pair[1].name, pair[1].pk))
        return [customer for _position, customer in ranked][:limit]
    # Two words or more. Words of one or two letters ("j smith", "ltd") narrow the list only when
    # nothing longer was typed: otherwise they count towards the order alone, so a slip in one
    # ("foxworth builders ld") still finds the name.
    params = {"typed": " ".join(words), "limit": limit, **fixed}
    long_words = [index for index, word in enumerate(words) if len(word) >= 3] or list(range(len(words)))
    ctes, required, score, closeness = [], [], [], []
    for index, word in enumerate(words):
        params |= {f"w{index}": word, f"prefix{index}": word + "%"}
        candidates = _WORD_CANDIDATES_SQL.replace("%(w)s", f"%(w{index})s").replace("%(prefix)s", f"%(prefix{index})s")
        ctes.append(f"word_{index} AS MATERIALIZED ({candidates})")
        if index in long_words:
            required.append(f"name_words && ARRAY(SELECT word FROM word_{index})")  # noqa: S608
        # A word as typed or begun counts most, then one spelt or sounding like it; then how close
        # the name's nearest word is to each typed word.
        strong, any_candidate = (
            f"ARRAY(SELECT word FROM word_{index} WHERE rank <= 1)",  # noqa: S608
            f"ARRAY(SELECT word FROM word_{index})",  # noqa: S608
        )
        score.append(f"CASE WHEN name_words && {strong} THEN 2 WHEN name_words && {any_candidate} THEN 1 ELSE 0 END")
        nearest = f"(SELECT max(similarity(name_word, %(w{index})s)) FROM unnest(name_words) AS name_word)"  # noqa: S608
        closeness.append(nearest)
    sql = f"""
        WITH {", ".join(ctes)}
        SELECT *, {" + ".join(score)} AS score, {" + ".join(closeness)} AS closeness
        FROM cases_customer
        WHERE merged_into_id IS NULL AND {" AND ".join(required)}
        ORDER BY score DESC, closeness DESC, name, id LIMIT %(limit)s
    """  # noqa: S608 - constant SQL joined; every value is a parameter
    return list(Customer.objects.raw(sql, params))


def _duplicate_keys(customer: Customer) -> list[tuple]:
    keys: list[tuple] = [("name", customer.name.lower(), customer.postcode)] if customer.postcode else []
    if customer.email:
        keys.append(("email", customer.email.lower()))
    if customer.phone:
        keys.append(("phone", customer.phone))
    return keys


def customer_duplicates(*, customer: Customer) -> list[Customer]:
    """Other current customers with the same email, phone, or name and postcode. One query."""
    # Each branch in the form one of the customer indexes answers.
    match = name_postcode_match(customer.name, customer.postcode) if customer.postcode else Q(pk__in=[])
    if customer.email:
        match |= email_match(customer.email)
    if customer.phone:
        match |= Q(phone=customer.phone) & ~Q(phone="")
    found = Customer.objects.current().with_lower_names().filter(match).exclude(pk=customer.pk)
    return list(found.order_by("name", "id")[:20])


def customer_cases(*, customer: Customer, user) -> list[Case]:
    """Every case of the customer (and of records merged into it) that `user` may see."""
    return list(
        cases_visible_to(user).filter(customer=customer).select_related("team", "topic").order_by("-received_at")
    )


def customer_history(*, customer: Customer) -> list[CasesChange]:
    return list(
        CasesChange.objects.filter(entry_type="customer", entry_id=customer.pk)
        .select_related("changed_by")
        .order_by("-changed_at", "-id")
    )


# --- Routing rules ---------------------------------------------------------------------------------


def rule_compile(rule: RoutingRule) -> Rule:
    words = tuple(rule.words)
    return Rule(
        id=rule.pk,
        position=rule.position,
        name=rule.name,
        team_id=rule.team_id,
        team_name=rule.team.name,
        priority=rule.priority,
        case_types=frozenset(rule.case_types),
        channels=frozenset(rule.channels),
        service_area_id=rule.service_area_id,
        service_area_name=rule.service_area.name if rule.service_area else "",
        topic_id=rule.topic_id,
        topic_name=rule.topic.name if rule.topic else "",
        words=words,
        postcodes=tuple(rule.postcodes),
        wards=frozenset(rule.wards),
        needs=rule.needs,
        words_re=words_pattern(words),
    )


def routing_preview(*, facts: Facts) -> Decision:
    """Which rule a sample case would hit and why (the "test this rule set" page)."""
    return route_decide(routing_rules(), facts)


_RULES: dict[str, tuple[tuple, list[Rule]]] = {}
_RULES_LOCK = threading.Lock()


def routing_rules() -> list[Rule]:
    """The active rules in order, compiled. Every new case asks, so the compiled rules are kept in
    this process and read again only when the rule set has changed: one small query compares the
    rules' count, highest id and latest updated_at (every rule service saves the rule, so each
    change moves one of them), a second loads them when it has. The team, area and topic names in
    the rules' sentences are as they were when a rule last changed."""
    version = RoutingRule.objects.aggregate(count=Count("id"), last_id=Max("id"), changed=Max("updated_at"))
    key = (version["count"], version["last_id"], version["changed"])
    cached = _RULES.get("active")
    if cached is not None and cached[0] == key:
        return cached[1]
    queryset = RoutingRule.objects.filter(is_active=True).select_related("team", "service_area", "topic")
    rules = [rule_compile(rule) for rule in queryset.order_by("position")]
    with _RULES_LOCK:
        _RULES["active"] = (key, rules)
    return rules


def rules_for_user(user) -> models.QuerySet[RoutingRule]:
    """Every rule, for reading; `editable` says which `user` may change (their area's teams)."""
    area_ids = editor_area_ids(user) if user.has_perm(EDIT_RULES) else set()
    editable = (
        models.Value(True)
        if area_ids is None
        else models.Case(models.When(team__service_area_id__in=area_ids, then=True), default=False)
    )
    return RoutingRule.objects.select_related("team__service_area", "service_area", "topic").annotate(editable=editable)


def rule_get_for_user(*, pk: int, user) -> RoutingRule:
    """A rule `user` may edit, or 404."""
    if not user.is_authenticated or not user.has_perm(EDIT_RULES):
        raise Http404
    rule = rules_for_user(user).filter(pk=pk).first()
    if rule is None or not rule.editable:  # type: ignore[attr-defined]
        raise Http404
    return rule


def rule_teams_for_user(user) -> models.QuerySet[Team]:
    """The teams `user` may route cases to in a rule."""
    area_ids = editor_area_ids(user)
    teams = Team.objects.select_related("service_area").order_by("service_area__name", "name")
    return teams if area_ids is None else teams.filter(service_area_id__in=area_ids)


def rule_history(*, rule: RoutingRule) -> list[CasesChange]:
    return list(
        CasesChange.objects.filter(entry_type="routingrule", entry_id=rule.pk)
        .select_related("changed_by")
        .order_by("-changed_at", "-id")
    )


# --- Councillors ---------------------------------------------------------------------------------


def enquiries_for_councillor(*, user) -> models.QuerySet[Case]:
    """The councillor's own enquiries, newest first, each with its public updates prefetched (a
    queryset, so a page of them prefetches only that page's updates)."""
    return (
        Case.objects.filter(councillor=user)
        .select_related("team", "customer")
        .prefetch_related(
            Prefetch("events", queryset=CaseEvent.objects.public().order_by("-at", "-id"), to_attr="public_updates")
        )
        .order_by("-received_at", "-id")
    )


def enquiry_get_for_councillor(*, reference: str, user) -> Case:
    case = (
        Case.objects.filter(councillor=user, reference=reference_clean(reference))
        .select_related("team", "customer", "service_area")
        .first()
    )
    if case is None:
        raise Http404
    return case


# --- (more reads are added below by section) ---------------------------------------------------


# --- Attachments ---------------------------------------------------------------------------------


def attachments_pending(*, key) -> list[Attachment]:
    """The files sent with the form whose key is `key`, not sent yet, oldest first."""
    return list(Attachment.objects.pending().filter(upload_key=key))


def case_attachments(*, case: Case) -> list[Attachment]:
    return list(case.attachments.all())


def attachment_get_for_user(*, reference: str, pk: int, user) -> Attachment:
    """A file of case `reference` for `user` to download, or 404. Only those who may work the
    case get its files: those who see its summary only (advisers, a councillor's own enquiry)
    do not see what the customer sent, as they do not see the description. One query."""
    attachment = Attachment.objects.filter(
        pk=pk, case__reference=reference_clean(reference), case__in=cases_workable_by(user)
    ).first()
    if attachment is None:
        raise Http404
    return attachment


# --- The chaser ------------------------------------------------------------------------------------

CHASE_POLICY_EDIT = "standards.change_chase_policy"


@dataclass
class ChasePeople:
    """Who the chaser can tell, read once per run: the active officers by team and area, the team
    managers (who receive their team's compliments), the service managers (who edit their area's
    chasing rules) and the administrators (who see every case), with each user's name and email."""

    users: dict[int, Any]
    team_members: dict[int, list[int]]
    team_managers: dict[int, list[int]]
    area_managers: dict[int, list[int]]
    administrators: list[int]

    def chain(self, case: Case, rung: str) -> list[tuple[str, list[int]]]:
        """The people for `rung` of the ladder, then whoever stands above them, in order: the
        chaser tells the first non-empty group, so a case whose owner has left, or a team with
        no manager, still reaches someone."""
        owner = [case.owner_id] if case.owner_id in self.users else []
        team = self.team_members.get(case.team_id, []) if case.team_id else []
        team_managers = self.team_managers.get(case.team_id, []) if case.team_id else []
        area = self.area_managers.get(case.service_area_id, []) if case.service_area_id else []
        groups = [
            ("owner", owner),
            ("team", team),
            ("team_manager", team_managers),
            ("service_manager", area),
            ("administrator", self.administrators),
        ]
        start = {"owner": 0, "team": 1, "team_manager": 2, "service_manager": 3}.get(rung, 0)
        return groups[start:]

    def recipients(self, case: Case, rung: str) -> tuple[list[int], str]:
        """(user ids, a note when the chaser had to go past `rung`), e.g. an owner who has left."""
        chain = self.chain(case, rung)
        for position, (group, ids) in enumerate(chain):
            if ids:
                if position == 0:
                    return ids, ""
                wanted = _RUNG_WORDS.get(chain[0][0], chain[0][0])
                if chain[0][0] == "owner" and case.owner_id is not None:
                    wanted = "the owner, who has left"
                return ids, f"Nobody to tell as {wanted}: told {_RUNG_WORDS[group]} instead"
        return [], "Nobody could be told: no active officer, manager or administrator"

    def names(self, ids: list[int]) -> list[str]:
        return [self.users[i].get_full_name() or self.users[i].get_username() for i in ids if i in self.users]


_RUNG_WORDS = {
    "owner": "the owner",
    "team": "the team",
    "team_manager": "the team manager",
    "service_manager": "the service manager",
    "administrator": "the administrators",
}


def _holders(codename_perm: str) -> set[int]:
    app_label, codename = codename_perm.split(".")
    by_group = Q(groups__permissions__content_type__app_label=app_label, groups__permissions__codename=codename)
    by_user = Q(user_permissions__content_type__app_label=app_label, user_permissions__codename=codename)
    return set(
        get_user_model().objects.filter(is_active=True).filter(by_group | by_user).values_list("id", flat=True)
    ) | set(get_user_model().objects.filter(is_active=True, is_superuser=True).values_list("id", flat=True))


def chase_people() -> ChasePeople:
    """Everyone the chaser may tell, in five queries, whatever the number of cases."""
    officers = list(Officer.objects.filter(user__is_active=True).select_related("user", "team").order_by("user_id"))
    managers, area_editors, admins = _holders(RECEIVE_COMPLIMENTS), _holders(CHASE_POLICY_EDIT), _holders(VIEW_ALL)
    people = ChasePeople(users={}, team_members={}, team_managers={}, area_managers={}, administrators=[])
    for officer in officers:
        user_id = officer.user_id
        people.users[user_id] = officer.user
        people.team_members.setdefault(officer.team_id, []).append(user_id)
        if user_id in managers:
            people.team_managers.setdefault(officer.team_id, []).append(user_id)
        # A service manager tells apart from an administrator by not seeing every case.
        if user_id in area_editors and user_id not in admins:
            people.area_managers.setdefault(officer.team.service_area_id, []).append(user_id)
    for user in get_user_model().objects.filter(id__in=admins).order_by("id"):
        people.users.setdefault(user.id, user)
        people.administrators.append(user.id)
    return people


def owners_away(*, user_ids, now: datetime) -> dict[int, datetime]:
    """{user id: when their current absence began} for those of `user_ids` away at `now`. Back to
    back absences (leave, then sickness) count from the first, so a week away is a week."""
    absences = (
        Absence.objects.filter(officer__user_id__in=user_ids, starts_at__lte=now, ends_at__gt=now)
        .values_list("officer__user_id", "starts_at")
        .order_by("starts_at")
    )
    away: dict[int, datetime] = {}
    for user_id, starts_at in absences:
        away.setdefault(user_id, starts_at)
    return away


def chase_steps_done(*, case_ids) -> dict[int, set[tuple[str, datetime, int]]]:
    done: dict[int, set[tuple[str, datetime, int]]] = {}
    for case_id, kind, due_at, level in ChaseStep.objects.filter(case_id__in=case_ids).values_list(
        "case_id", "kind", "due_at", "level"
    ):
        done.setdefault(case_id, set()).add((kind, due_at, level))
    return done


class ChaseContext:
    """One chase's reads, made once: the chasing rules, the people, each team's calendar. The run
    (services.chase_run) and the dry run (chase_preview) plan through it alike."""

    def __init__(self, now: datetime, *, policies: standards.ChasePolicies | None = None) -> None:
        self.now = now
        self.policies = policies or standards.chase_policies()
        self.people = chase_people()
        self._calendars: dict[int | None, Any] = {}

    def calendar(self, team_id: int | None):
        if team_id not in self._calendars:
            self._calendars[team_id] = standards.working_calendar(standards.calendar_for_team(team_id))
        return self._calendars[team_id]

    def plans(self, cases: list[Case]) -> tuple[list[tuple[Case, chase.Step]], list[Case]]:
        """The steps due now on `cases` (each case's `chase_at` set to its next step's time), and
        the cases no plan could be made for (a calendar beyond its years, say)."""
        done = chase_steps_done(case_ids=[case.id for case in cases])
        away = owners_away(user_ids={case.owner_id for case in cases if case.owner_id}, now=self.now)
        due: list[tuple[Case, chase.Step]] = []
        failed: list[Case] = []
        for case in cases:
            try:
                plan = chase.plan(
                    case,
                    policy=self.policies.for_area(case.service_area_id),
                    calendar=self.calendar(case.team_id),
                    done=done.get(case.id, set()),
                    away_since=away.get(case.owner_id) if case.owner_id else None,
                    now=self.now,
                )
            except ValueError:
                logger.exception("Chaser: no plan for case %s", case.reference)
                failed.append(case)
                continue
            case.chase_at = plan.next_at
            due += [(case, step) for step in plan.due]
        return due, failed


def chase_notices(*, user, days: int = 14) -> list[ChaseStep]:
    """The chaser's warnings, escalations and hand-backs sent to `user` in the last `days`, on
    cases still open, and the residents to phone (no email address) on cases they own: the top
    of their "my work" page. Two queries at most (steps with their cases, teams, customers)."""
    since = timezone.now() - timedelta(days=days)
    told = Q(recipient_ids__contains=[user.pk], done_at__gte=since)
    calls = Q(needs_call=True, called_at__isnull=True, case__owner=user)
    return list(
        ChaseStep.objects.filter(told | calls, case__status__in=OPEN_STATUSES)
        .select_related("case__team", "case__customer")
        .order_by("-done_at", "-id")[:100]
    )


def chase_call_get_for_user(*, pk: int, user) -> ChaseStep:
    """A resident to phone, on a case `user` owns; 404 otherwise (or once phoned)."""
    step = (
        ChaseStep.objects.filter(pk=pk, needs_call=True, called_at__isnull=True, case__owner=user)
        .select_related("case")
        .first()
    )
    if step is None:
        raise Http404
    return step


# The dry run plans every open case the rules cover; past this many it says it stopped.
CHASE_PREVIEW_LIMIT = 5000


@dataclass(frozen=True)
class PreviewRow:
    case: Case
    step: chase.Step
    to: str
    note: str


@dataclass(frozen=True)
class ChasePreview:
    rows: list[PreviewRow]
    looked_at: int
    truncated: bool
    at: datetime


def chase_preview(*, area_id: int | None, policy, now: datetime) -> ChasePreview:
    """What the chaser would do at its next run (`now`) to the open cases that `policy` covers,
    were it in force: an area's own cases, or for the council's rules every case of an area
    without rules of its own. Nothing is written; steps already taken are not repeated."""
    policies = standards.chase_policies()
    cases = Case.objects.filter(status__in=OPEN_STATUSES)
    if area_id is None:
        cases = cases.exclude(service_area_id__in=list(policies.areas))
        policies = standards.ChasePolicies(council=policy, areas=policies.areas)
    else:
        cases = cases.filter(service_area_id=area_id)
        policies = standards.ChasePolicies(council=policies.council, areas={**policies.areas, area_id: policy})
    context = ChaseContext(now, policies=policies)
    found = list(cases.select_related("team", "customer", "owner").order_by("id")[: CHASE_PREVIEW_LIMIT + 1])
    due, _failed = context.plans(found[:CHASE_PREVIEW_LIMIT])
    rows = []
    for case, step in due:
        if step.kind in (ChaseKind.HOLDING_UPDATE, ChaseKind.CUSTOMER_REMINDER):
            email = case.customer.email if case.customer else ""
            to, note = (f"The resident, by email ({email})", "") if email else ("The owner, to phone the resident", "")
        else:
            ids, note = context.people.recipients(case, step.rung)
            to = ", ".join(context.people.names(ids)) or "Nobody"
        rows.append(PreviewRow(case=case, step=step, to=to, note=" ".join(p for p in (note, step.note) if p)))
    rows.sort(key=lambda row: (row.step.at, row.case.reference))
    return ChasePreview(rows=rows, looked_at=min(len(found), CHASE_PREVIEW_LIMIT),
                        truncated=len(found) > CHASE_PREVIEW_LIMIT, at=now)  # fmt: skip


# --- The dashboard's counts (tallies) ------------------------------------------------------------
# The tallies' keys and counts over the rows, as the triggers of migration 0008 count them.
_OPEN_SQL = sql_constants(OPEN_STATUSES)
_KEYS = {
    "team_id": "coalesce(r.team_id, 0)",
    "area_id": "coalesce(r.service_area_id, 0)",
    "channel": "r.channel",
    "case_type": "r.case_type",
}
_REPLY_WAITING = (
    f"r.respond_met IS NOT FALSE AND r.responded_at IS NULL AND r.respond_by IS NOT NULL AND r.status IN {_OPEN_SQL}"
    " AND (r.paused_at IS NULL OR r.paused_at >= r.respond_by)"
)
_ACKNOWLEDGE_WAITING = "r.acknowledge_met IS NOT FALSE AND r.acknowledged_at IS NULL AND r.acknowledge_by IS NOT NULL"
CASE_COUNTS = {
    "received": "1",
    "acknowledge_met": "(r.acknowledge_met IS TRUE)::int",
    # Waiting on a due time counts as missed; case_tallies takes back those not yet due.
    "acknowledge_missed": f"(r.acknowledge_met IS FALSE OR ({_ACKNOWLEDGE_WAITING}))::int",
    "reply_met": "(r.respond_met IS TRUE)::int",
    "reply_missed": f"(r.respond_met IS FALSE OR ({_REPLY_WAITING}))::int",
    "handed_off": "(r.handoff_count > 1)::int",
}


def _case_source(table: str, keys: list[str]) -> TallySource:
    return TallySource(table, "cases_case r", "r.received_at", {key: _KEYS[key] for key in keys}, CASE_COUNTS)


CASE_TALLIES = [
    _case_source("cases_casetally", ["team_id", "area_id", "channel", "case_type"]),
    _case_source("cases_caseteamtally", ["team_id", "case_type"]),
    _case_source("cases_casechanneltally", ["channel", "area_id"]),
]


# The chaser's escalations by when they were made (cases.models.EscalationTally's triggers).
ESCALATION_TALLY = TallySource(
    "cases_escalationtally",
    f"(SELECT * FROM cases_chasestep WHERE kind IN {sql_constants(sorted(ESCALATE_KINDS))}) r",  # noqa: S608
    "r.done_at",
    {"kind": "r.kind"},
    {"escalations": "1"},
)


def escalations_count(*, span: Span) -> int:
    """How many escalations the chaser made across the council in `span`: its whole months from
    the tally, any parts of months from the steps. One statement; a dashboard narrowed to some
    cases counts their steps instead (happening_rows)."""
    found = tally_groups(source=ESCALATION_TALLY, spans=[span], sets=[("kind",)])
    return sum(counts["escalations"] for counts in found[("kind",)].values())


# The complaint stages by when they began, and those decided by when (the triggers of migration
# 0016): the whole council's complaints by stage, service and root cause.
_UPHELD_SQL = f"r.outcome IN {sql_constants(UPHELD_OUTCOMES)}"
COMPLAINT_STAGE_TALLY = TallySource(
    "cases_complaintstagetally",
    "cases_complaintstage r",
    "r.started_at",
    {"stage": "r.stage", "area_id": "coalesce(r.service_area_id, 0)"},
    {
        "begun": "1",
        "decided": "(r.decided_at IS NOT NULL)::int",
        "upheld": f"(r.decided_at IS NOT NULL AND {_UPHELD_SQL})::int",
    },
)
COMPLAINT_DECISION_TALLY = TallySource(
    "cases_complaintdecisiontally",
    "(SELECT * FROM cases_complaintstage WHERE decided_at IS NOT NULL) r",
    "r.decided_at",
    {"root_cause": "r.root_cause"},
    {"decided": "1", "upheld": f"({_UPHELD_SQL})::int"},
)
COMPLAINT_TALLIES = [COMPLAINT_STAGE_TALLY, COMPLAINT_DECISION_TALLY]


@dataclass(frozen=True)
class ComplaintCounts:
    """The complaint stages begun in a span, {(stage, service area id or None): {"begun",
    "decided", "upheld"}}, and those decided in it, {root cause: {"decided", "upheld"}}: groups
    with nothing counted left out."""

    begun: dict[tuple[int, int | None], dict[str, int]]
    decided: dict[str, dict[str, int]]


def complaint_counts(*, span: Span) -> ComplaintCounts:
    """The whole council's complaint stages begun and decided in `span`: whole months from the
    complaint tallies, parts of months from the stages; two statements. A dashboard narrowed to
    some cases counts their stages instead."""
    begun = tally_groups(source=COMPLAINT_STAGE_TALLY, spans=[span], sets=[("stage", "area_id")])
    decided = tally_groups(source=COMPLAINT_DECISION_TALLY, spans=[span], sets=[("root_cause",)])
    return ComplaintCounts(
        begun={(stage, area or None): counts
               for (_, stage, area), counts in begun[("stage", "area_id")].items() if counts["begun"]},
        decided={cause: counts for (_, cause), counts in decided[("root_cause",)].items() if counts["decided"]},
    )  # fmt: skip


@dataclass(frozen=True)
class CaseCountRule:
    """Which cases a dashboard counts: in the teams `team_ids` or the service areas `area_ids`
    (None: any), the team `team_id`, the area `area_id`, on `channel` (each: any when empty)."""

    team_ids: frozenset[int] | None = None
    area_ids: frozenset[int] | None = None
    team_id: int | None = None
    area_id: int | None = None
    channel: str = ""

    @property
    def narrowed(self) -> bool:
        return any(value not in (None, "") for value in vars(self).values())

    def _parts(self) -> list[tuple[str, str, bool, Any]]:
        """(tally column, case field, a set of values?, value) for each narrowing in force."""
        parts = [("team_id", "team_id", True, self.team_ids), ("area_id", "service_area_id", True, self.area_ids),
                 ("team_id", "team_id", False, self.team_id), ("area_id", "service_area_id", False, self.area_id),
                 ("channel", "channel", False, self.channel or None)]  # fmt: skip
        return [part for part in parts if part[3] is not None]

    def where(self) -> tuple[list[str], list[Any]]:
        """The rule over a tally's columns (core.tallies' `src`)."""
        parts = self._parts()
        conditions = [f"src.{column} = {'ANY(%s)' if many else '%s'}" for column, _, many, _ in parts]
        return conditions, [sorted(value) if many else value for _, _, many, value in parts]

    def q(self) -> Q:
        """The same rule over the cases themselves."""
        return Q(*(Q(**{f"{field}__in" if many else field: value}) for _, field, many, value in self._parts()))


def case_tallies(
    *,
    spans: list[Span],
    sets: list[tuple[str, ...]],
    rule: CaseCountRule,
    now: datetime,
    only: dict[tuple[str, ...], list[int]] | None = None,
) -> dict[tuple[str, ...], dict[tuple, dict[str, int]]]:
    """The cases received in each span that `rule` counts, grouped by each of `sets` (of
    "team_id", "area_id", "channel", "case_type"): core.tallies.tally_groups, with the due times
    still to come at `now` taken back from the missed (case_measure_filter's definition). One
    statement a tally."""
    if rule.narrowed:
        candidates = [CASE_TALLIES[0]]
    else:
        candidates = [*sorted(CASE_TALLIES[1:], key=lambda source: len(source.keys)), CASE_TALLIES[0]]
    where, params = rule.where()

    def not_yet(source: TallySource) -> list[Branch]:
        return [
            rows_branch(source, counts={"acknowledge_missed": "-1"},
                        condition=f"{_ACKNOWLEDGE_WAITING} AND r.acknowledge_by >= %s", params=(now,)),
            rows_branch(source, counts={"reply_missed": "-1"},
                        condition=f"{_REPLY_WAITING} AND r.respond_by >= %s", params=(now,)),
        ]  # fmt: skip

    return tallies_read(
        candidates=candidates, spans=spans, sets=sets, only=only, where=where, params=params, branches=not_yet
    )
