"""Reads for customers, cases and routing rules, each behind one access story.

Who sees which case (docs/architecture.md, "Cases"):
- administrators (VIEW_ALL) see and work every case;
- officers work their team's cases and the ones they own; managers (TRIAGE) their service area's,
  and the triage queue's cases of their area or of none;
- advisers (VIEW_SUMMARIES) see any case's summary and public updates, to answer "where is my
  case?" on a call, and work none;
- councillors see only the enquiries they raised, at summary level.
Everything else is a 404, so a reference cannot be probed."""

import threading
from dataclasses import dataclass
from datetime import datetime

from django.db import models
from django.db.models import Count, F, Max, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from directory.models import Officer, Team
from directory.selectors import editor_area_ids
from standards.models import CaseType

from .models import (
    OPEN_STATUSES,
    Attachment,
    Case,
    CaseEvent,
    CaseQuerySet,
    CasesChange,
    Customer,
    CustomerQuerySet,
    EventKind,
    RoutingRule,
    email_match,
    name_postcode_match,
    reference_clean,
)
from .routing import Decision, Facts, Rule, route_decide, words_pattern

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
    return queryset.select_related("owner", "customer", "topic").order_by(
        F("respond_by").asc(nulls_last=True), F("acknowledge_by").asc(nulls_last=True), "id"
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
    if not user.is_authenticated or not user.has_perm(VIEW_CUSTOMERS):
        return Customer.objects.none()
    return Customer.objects.all()


def customer_get_for_user(*, pk: int, user) -> Customer:
    customer = customers_for_user(user).select_related("merged_into").filter(pk=pk).first()
    if customer is None:
        raise Http404
    return customer


def customer_search(*, user, query: str, limit: int = 20) -> list[Customer]:
    """Current customers whose name, email, phone or postcode match `query`, or who have a case
    with that reference. One query."""
    from .models import postcode_normalise

    # Control characters dropped: PostgreSQL refuses a NUL in a query parameter.
    text = " ".join("".join(ch for ch in query or "" if ch.isprintable() or ch.isspace()).split())[:200]
    if not text:
        return []
    match = Q(name__icontains=text) | Q(email__iexact=text)
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) >= 6:
        match |= Q(phone__contains=digits[-6:])
    try:
        postcode = postcode_normalise(text)
    except Exception:  # noqa: BLE001 - not a postcode: nothing to add
        postcode = ""
    if postcode:
        match |= Q(postcode=postcode)
    reference = reference_clean(text)
    if len(reference) == 9:
        match |= Q(cases__reference=reference)
    return list(customers_for_user(user).current().filter(match).distinct().order_by("name", "id")[:limit])


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
