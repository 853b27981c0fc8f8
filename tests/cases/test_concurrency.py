"""Claim next and stale edits under real concurrency: every worker is a thread with its own database
connection (closed when it ends), in a transactional test, so the row locks are PostgreSQL's own."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from cases import services
from cases.models import Case, CaseEvent, Status, reference_make
from portal import roles
from standards.models import CaseType, Channel
from tests.factories import user_make

pytestmark = pytest.mark.django_db(transaction=True)

WAIT = 10  # seconds: a bound for a hung test, never reached when the code is right


def _own_connection(fn):
    """fn run in a worker thread: it gets its own connection, closed when it is done."""

    def run(*args):
        try:
            return fn(*args)
        finally:
            connections.close_all()

    return run


def _officers(world, count):
    return [user_make(roles.OFFICER, team=world.team_a) for _ in range(count)]


def _unclaimed(world, count):
    """`count` unclaimed cases in team A's queue, most urgent first by respond-by (bulk: the claim
    service needs only the Case rows)."""
    now = timezone.now()
    references: set[str] = set()
    while len(references) < count:
        references.add(reference_make())
    return Case.objects.bulk_create(
        Case(reference=reference, case_type=CaseType.SERVICE_REQUEST, channel=Channel.WEB, status=Status.ROUTED,
             team=world.team_a, service_area=world.area_a, summary=f"Request {i}", description="Bulk",
             respond_by=now + timezone.timedelta(minutes=i))
        for i, reference in enumerate(sorted(references))
    )  # fmt: skip


def _waiting_on_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


def _until(condition):
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_two_officers_pressing_claim_next_at_once_get_different_cases(world, case_make):
    officers = [world.officer_a, world.directory["olive"].user]
    for _round in range(3):
        made = {case_make().pk, case_make().pk}
        start = threading.Barrier(2)

        @_own_connection
        def press(officer, start):
            start.wait(WAIT)
            return services.case_claim_next(team=world.team_a, by=officer)

        with ThreadPoolExecutor(2) as pool:
            claimed = list(pool.map(press, officers, [start] * 2))
        assert {case.pk for case in claimed} == made
        assert {case.owner_id for case in claimed} == {officer.pk for officer in officers}


def test_claim_next_skips_the_case_another_claimer_holds(world, case_make):
    """While one claimer's transaction holds the most urgent case, the next claimer gets the next
    case at once instead of waiting, and a third finds nothing left."""
    first, second = case_make(), case_make()
    held, release = threading.Event(), threading.Event()

    @_own_connection
    def hold():
        with transaction.atomic():
            case = services.case_claim_next(team=world.team_a, by=world.officer_a)
            held.set()
            release.wait(WAIT)
        return case

    with ThreadPoolExecutor(1) as pool:
        holding = pool.submit(hold)
        assert held.wait(WAIT)
        started = time.monotonic()
        other = services.case_claim_next(team=world.team_a, by=world.directory["olive"].user)
        nothing = services.case_claim_next(team=world.team_a, by=world.directory["hugo"].user)
        assert time.monotonic() - started < 2  # skipped, not waited for
        release.set()
        mine = holding.result(WAIT)
    urgent = min([first, second], key=lambda c: (c.respond_by is None, c.respond_by, c.pk))
    assert mine.pk == urgent.pk and other.pk != mine.pk and nothing is None
    assert Case.objects.get(pk=mine.pk).owner == world.officer_a
    assert Case.objects.get(pk=other.pk).owner == world.directory["olive"].user


def test_eight_claimers_over_a_thousand_cases_claim_each_once(world, case_make):
    made = [case_make().pk for _ in range(3)] + [case.pk for case in _unclaimed(world, 997)]
    officers = _officers(world, 8)
    start = threading.Barrier(len(officers))

    @_own_connection
    def claim_all(officer):
        start.wait(WAIT)
        claimed = []
        while (case := services.case_claim_next(team=world.team_a, by=officer)) is not None:
            claimed.append(case.pk)
        return officer.pk, claimed

    with ThreadPoolExecutor(len(officers)) as pool:
        results = dict(pool.map(claim_all, officers))
    claims = [pk for claimed in results.values() for pk in claimed]
    assert len(claims) == len(set(claims)) == 1000
    assert set(claims) == set(made)
    owners = dict(Case.objects.values_list("pk", "owner_id"))
    assert all(owners[pk] == officer for officer, claimed in results.items() for pk in claimed)
    assert CaseEvent.objects.filter(kind="claimed").count() == 1000
    assert not Case.objects.unclaimed().exists()


def test_a_stale_edit_is_refused_and_overwrites_nothing(world, case_make):
    case = case_make()
    seen = case.version  # both officers opened the case page at this version
    services.case_transfer(case=case, team=world.team_b, by=world.officer_a, reason="Housing", version=seen)
    events = CaseEvent.objects.filter(case=case).count()
    with pytest.raises(services.CaseConflict) as raised:
        services.case_edit(case=case, by=world.team_manager, fields={"summary": "A bed"}, version=seen)
    [message] = raised.value.messages
    assert message.startswith("This case was changed at ")
    assert message.endswith("after you opened this page, so nothing was saved. Check the timeline and try again.")
    stored = Case.objects.get(pk=case.pk)
    assert (stored.summary, stored.team, stored.version) == ("Collect a sofa", world.team_b, seen + 1)
    assert CaseEvent.objects.filter(case=case).count() == events


@pytest.mark.parametrize("second_call", ["edit", "transfer", "resolve"])
def test_overlapping_edits_on_two_connections(world, case_make, second_call):
    """The first officer's edit holds the row lock in an open transaction; the second, from the
    same version, waits for it and then gets CaseConflict: nothing of the first is overwritten."""
    case = services.case_claim(case=case_make(), by=world.officer_a)
    seen = case.version
    locked, release = threading.Event(), threading.Event()

    @_own_connection
    def first():
        with transaction.atomic():
            services.case_edit(case=case, by=world.officer_a, fields={"summary": "From the first"}, version=seen)
            locked.set()
            release.wait(WAIT)

    @_own_connection
    def second():
        by = world.team_manager
        try:
            if second_call == "edit":
                services.case_edit(case=case, by=by, fields={"summary": "From the second"}, version=seen)
            elif second_call == "transfer":
                services.case_transfer(case=case, team=world.team_b, by=by, reason="Housing", version=seen)
            else:
                services.case_resolve(case=case, by=by, resolution="Done", version=seen)
        except services.CaseConflict as conflict:
            return conflict
        return None

    with ThreadPoolExecutor(2) as pool:
        holding = pool.submit(first)
        assert locked.wait(WAIT)
        waiting = pool.submit(second)
        _until(_waiting_on_a_lock)  # the second really waits on the first's row lock
        assert not waiting.done()
        release.set()
        holding.result(WAIT)
        conflict = waiting.result(WAIT)
    assert isinstance(conflict, services.CaseConflict)
    stored = Case.objects.get(pk=case.pk)
    assert (stored.summary, stored.team, stored.status, stored.version) == (
        "From the first", world.team_a, Status.IN_PROGRESS, seen + 1
    )  # fmt: skip
    assert list(CaseEvent.objects.filter(case=case).values_list("kind", flat=True)) == [
        "created", "routed", "claimed", "details_changed"
    ]  # fmt: skip


def test_two_officers_claiming_the_same_case(world, case_make):
    """Without a version (the claim button of the queue): the second waits and is told who has it."""
    case = case_make()
    locked, release = threading.Event(), threading.Event()

    @_own_connection
    def first():
        with transaction.atomic():
            services.case_claim(case=case, by=world.officer_a)
            locked.set()
            release.wait(WAIT)

    @_own_connection
    def second():
        try:
            services.case_claim(case=case, by=world.directory["olive"].user)
        except services.ValidationError as error:
            return error.messages
        return None

    with ThreadPoolExecutor(2) as pool:
        holding = pool.submit(first)
        assert locked.wait(WAIT)
        waiting = pool.submit(second)
        _until(_waiting_on_a_lock)
        release.set()
        holding.result(WAIT)
        messages = waiting.result(WAIT)
    assert messages == [f"{world.officer_a} already owns this case: ask a manager to reassign it"]
    assert Case.objects.get(pk=case.pk).owner == world.officer_a
