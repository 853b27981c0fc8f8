"""The cases' side of `make bench`: who the case rows sign in as, what they request, and two
measurements beside the HTTP rows (bench/batch.py reports them):

- claim next with 8 concurrent claimers, each a thread with its own database connection calling
  cases.services.case_claim_next until 1,000 cases are claimed: cases per second, and how many
  were claimed twice (must be 0);
- routing one case against the rule set (200 rules at council scale) in process:
  cases.routing.route_decide over the compiled rules, for the facts of real generated cases and
  for a case no rule matches (every rule tried).

Claiming changes the data the hot paths read, so the bench officer's team's claim pool is put
back (claims_release) before the rows run and after the concurrent claimers: the generated data
stays reusable run after run."""

from __future__ import annotations

import secrets
import statistics
import threading
import time
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.db.models import Count
from django.utils import timezone

from .batch import BatchResult
from .generate.cases import bench_officer

CLAIMERS = 8
CLAIMS = 1000
ROUTING_SAMPLES = 2000


@dataclass(frozen=True)
class CaseFixtures:
    officer: object  # the bench officer (a User), signed in for the case rows
    queue_slug: str  # their team, whose queue is full
    case_reference: str  # their case with a TIMELINE_EVENTS-event timeline
    unclaimed: int  # unclaimed cases in their queue now


def _team_claimers(team_id: int, officer_id: int) -> list[int]:
    """The concurrent claimers: the bench officer and the next officers of their team by id (only
    a team's officers may claim its cases)."""
    from directory.models import Officer

    mates = Officer.objects.filter(team_id=team_id).exclude(user_id=officer_id).order_by("user_id")
    return [officer_id, *mates.values_list("user_id", flat=True)][:CLAIMERS]


def claims_release() -> int:
    """Put back the bench officer's team's cases the bench's claimers claimed (generated cases
    have version 1; a claim raises it). Their claimed events stay: the timeline is append-only."""
    bench = bench_officer()
    if bench is None:
        return 0
    user_id, team_id = bench
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE cases_case SET owner_id = NULL, status = 'routed' WHERE team_id = %s AND owner_id = ANY(%s) "
            "AND status = 'in_progress' AND version > 1",
            [team_id, _team_claimers(team_id, user_id)],
        )
        return cursor.rowcount


def fixtures() -> CaseFixtures | None:
    """The case rows' user and URLs (None: the data has no cases)."""
    from cases.models import Case
    from directory.models import Team

    from .generate.cases import TIMELINE_EVENTS

    bench = bench_officer()
    if bench is None or not Case.objects.exists():
        return None
    user_id, team_id = bench
    claims_release()
    long = (
        Case.objects.filter(owner_id=user_id, team_id=team_id)
        .annotate(events_count=Count("events"))
        .filter(events_count=TIMELINE_EVENTS)
        .order_by("id")
        .values_list("reference", flat=True)
        .first()
    )
    return CaseFixtures(
        officer=get_user_model().objects.get(pk=user_id),
        queue_slug=Team.objects.get(pk=team_id).slug,
        case_reference=long or "",
        unclaimed=Case.objects.unclaimed().filter(team_id=team_id).count(),
    )


def csrf_token() -> str:
    """A CSRF secret for the POST rows: sent as the csrftoken cookie and as the form's token
    (Django accepts the unmasked secret in the form)."""
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    return "".join(secrets.choice(alphabet) for _ in range(32))


def claim_concurrently() -> list[BatchResult]:
    """CLAIMERS threads, each on its own connection, claim CLAIMS cases of the bench team's queue
    between them. Committed (the claimers cannot share a transaction), then put back."""
    from cases.models import Case, CaseEvent, EventKind
    from cases.services import case_claim_next
    from directory.models import Team

    bench = bench_officer()
    if bench is None:
        return []
    user_id, team_id = bench
    claims_release()
    team = Team.objects.get(pk=team_id)
    users = list(get_user_model().objects.filter(pk__in=_team_claimers(team_id, user_id)))
    available = Case.objects.unclaimed().filter(team=team).count()
    target = min(CLAIMS, available)
    claimed: list[int] = []
    refused: list[str] = []
    lock = threading.Lock()

    def claimer(user) -> None:
        try:
            while True:
                with lock:
                    if len(claimed) >= target:
                        return
                    claimed.append(0)  # a place, filled in below
                    slot = len(claimed) - 1
                try:
                    case = case_claim_next(team=team, by=user)
                except ValidationError as error:
                    refused.append(" ".join(error.messages))
                    return
                with lock:
                    claimed[slot] = case.pk if case else 0
                if case is None:
                    return
        finally:
            connections.close_all()

    since = timezone.now()
    started_at = time.perf_counter()
    threads = [threading.Thread(target=claimer, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started_at
    ids = [pk for pk in claimed if pk]
    twice = len(ids) - len(set(ids))
    # The database's own record: each claimed case has exactly one claim since the start.
    events = CaseEvent.objects.filter(case_id__in=ids, kind=EventKind.CLAIMED, at__gte=since)
    twice_recorded = events.values("case_id").annotate(n=Count("id")).filter(n__gt=1).count()
    released = claims_release()
    detail = (
        f"{len(ids):,} of {available:,} unclaimed, {len(users)} claimers: {len(ids) / seconds:,.0f} cases/s; "
        f"claimed twice: {twice + twice_recorded}; {released:,} put back"
        + (f"; refused: {refused[0]}" if refused else "")
    )
    return [BatchResult(f"claim next, {len(users)} concurrent claimers (committed)", seconds, detail)]


def route_timing() -> list[BatchResult]:
    """route_decide over the compiled rule set, for ROUTING_SAMPLES generated cases and for a
    case no rule matches. Facts are built before the clock starts."""
    from cases.models import Case
    from cases.routing import Facts, route_decide
    from cases.selectors import routing_rules

    rules = routing_rules()
    if not rules:
        return []
    sample = Case.objects.select_related("customer").order_by("?")[:ROUTING_SAMPLES]
    facts = [
        Facts(
            case_type=case.case_type,
            channel=case.channel,
            service_area_id=case.service_area_id,
            topic_id=case.topic_id,
            text=f"{case.summary}\n{case.description}",
            postcode=case.location_postcode,
            ward=case.ward,
            has_needs=bool(case.customer and case.customer.has_needs),
            vulnerable=bool(case.customer and case.customer.vulnerability),
        )
        for case in sample
    ]
    nothing = Facts(case_type="comment", channel="letter", text="Nothing any rule names.", postcode="ZZ1 1ZZ")

    def timed(cases: list[Facts]) -> list[float]:
        spent = []
        for one in cases:
            began = time.perf_counter()
            route_decide(rules, one)
            spent.append((time.perf_counter() - began) * 1000)
        return spent

    sampled = timed(facts)
    worst = timed([nothing] * ROUTING_SAMPLES)

    def ms(values: list[float]) -> str:
        ordered = sorted(values)
        p95 = ordered[int(len(ordered) * 0.95)]
        return f"mean {statistics.fmean(values):.3f} ms, p95 {p95:.3f} ms"

    return [
        BatchResult(
            f"route one case against {len(rules)} rules (in process, {len(facts):,} generated cases)",
            sum(sampled) / 1000,
            ms(sampled),
        ),
        BatchResult(
            f"route one case no rule matches ({len(rules)} rules tried, {ROUTING_SAMPLES:,} times)",
            sum(worst) / 1000,
            ms(worst),
        ),
    ]
