"""The chaser under faults, on real PostgreSQL and Redis: two runs at once take each step once, a
re-run takes nothing, a real worker runs the task (and beat schedules it), a worker killed with
SIGKILL in the middle of a batch or losing its database connection leaves nothing half done and
nothing to send twice, and with Redis stopped the run still completes and its emails wait in the
outbox until the sweep re-enqueues them."""

import threading
import time
from collections import Counter
from contextlib import contextmanager
from datetime import timedelta

import psycopg2
import pytest
import time_machine
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.db import connection
from django.utils import timezone

from cases import services
from cases.models import Case, CaseEvent, ChaseStep, EventKind
from core.models import OutboundEmail
from core.services import email_flush_pending
from portal.celery import app as celery_app

from ..contacts.test_resilience import _wait_for, broker  # noqa: F401 - the fixture
from ..processes import celery, database_url, environment
from .chasing import RECEIVED, at

CASES = 50


@pytest.fixture
def due(transactional_db, world, response_standards, case_make, policy, settings):
    """CASES unowned cases received at RECEIVED: each owes its team a warning at 12:00."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(RECEIVED, tick=False):
        return [case_make() for _ in range(CASES)]


def _assert_each_step_once(expected: int) -> None:
    keys = Counter(ChaseStep.objects.values_list("case_id", "kind", "due_at", "level"))
    assert len(keys) == expected and set(keys.values()) == {1}
    assert CaseEvent.objects.filter(kind=EventKind.CHASED).count() == expected


def test_two_runs_at_once_take_each_step_once_and_send_each_digest_once(due):
    barrier = threading.Barrier(2)
    results: list = [None, None]

    def work(index: int) -> None:
        try:
            barrier.wait()
            results[index] = services.chase_run(batch_size=5)
        except Exception as error:  # noqa: BLE001 - reported by the assertions
            results[index] = error
        finally:
            connection.close()

    with time_machine.travel(at(8, 12), tick=False):
        threads = [threading.Thread(target=work, args=(i,)) for i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    assert not [r for r in results if isinstance(r, Exception)], results
    assert sum(r.total for r in results) == CASES
    _assert_each_step_once(CASES)
    assert not ChaseStep.objects.filter(notified_at__isnull=True).exists()
    digests = Counter(OutboundEmail.objects.filter(purpose="chase_digest").values_list("to", flat=True))
    assert digests and set(digests.values()) == {1}, digests
    # The same instant again: nothing left to take.
    with time_machine.travel(at(8, 12), tick=False):
        again = services.chase_run(batch_size=5)
    assert again.total == 0 and again.digests == 0
    _assert_each_step_once(CASES)


def _due_now() -> None:
    """The cases' acknowledgement due an hour from now, in real time: a worker's clock cannot be
    travelled (a frozen clock stops the broker's timeouts), so the warning is due now instead."""
    now = timezone.now()
    received = now - timedelta(days=3)
    Case.objects.update(received_at=received, clock_started_at=received, acknowledge_by=now + timedelta(hours=1),
                        chase_at=now)  # fmt: skip


def test_a_real_worker_runs_the_task(due, broker):  # noqa: F811
    from cases import tasks

    _due_now()
    with start_worker(celery_app, pool="solo", queues=[celery_app.conf.task_default_queue],
                      perform_ping_check=False, shutdown_timeout=10):  # fmt: skip
        tasks.chase_run.delay()  # no result backend: its effect is watched in the database
        assert _wait_for(lambda: ChaseStep.objects.count() == CASES)
        digests = OutboundEmail.objects.filter(purpose="chase_digest")
        assert _wait_for(lambda: digests.exists() and not digests.exclude(status=OutboundEmail.Status.SENT).exists())
    _assert_each_step_once(CASES)
    assert set(OutboundEmail.objects.filter(purpose="chase_digest").values_list("status", "last_error")) == {
        ("sent", "")
    }
    assert mail.outbox


def test_with_redis_stopped_the_run_completes_and_the_emails_wait_for_the_sweep(due, broker):  # noqa: F811
    _due_now()
    broker.stop()
    report = services.chase_run(batch_size=5)
    assert report.total == CASES and report.digests
    _assert_each_step_once(CASES)
    pending = OutboundEmail.objects.filter(status=OutboundEmail.Status.PENDING)
    assert pending.count() == report.digests
    broker.start()
    with start_worker(celery_app, pool="solo", queues=[celery_app.conf.task_default_queue],
                      perform_ping_check=False, shutdown_timeout=10):  # fmt: skip
        assert email_flush_pending(older_than=timedelta(0)) == report.digests
        assert _wait_for(lambda: not pending.exists())
    assert OutboundEmail.objects.filter(status=OutboundEmail.Status.SENT).count() == report.digests


def _digests_once() -> None:
    digests = OutboundEmail.objects.filter(purpose="chase_digest")
    assert _wait_for(lambda: digests.exists() and not digests.exclude(status=OutboundEmail.Status.SENT).exists())
    counts = Counter(digests.values_list("to", flat=True))
    assert set(counts.values()) == {1}, counts


@contextmanager
def _steps_held():
    """Another session holds a SHARE lock on the steps' table: a run can select and lock its batch
    but its INSERT of the steps waits, so the run is caught in the middle of a batch."""
    other = psycopg2.connect(database_url())
    try:
        with other.cursor() as cursor:
            cursor.execute("LOCK TABLE cases_chasestep IN SHARE MODE")
        yield
    finally:
        other.rollback()
        other.close()


def _blocked_backend() -> int | None:
    """The process id of the PostgreSQL backend waiting to insert steps, if any."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            " AND query ILIKE '%%cases_chasestep%%' AND pid <> pg_backend_pid()"
        )
        row = cursor.fetchone()
    return row[0] if row else None


def _backend_alive(pid: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid])
        return cursor.fetchone() is not None


def _worker(broker, tmp_path, **env: str):  # noqa: F811 - the fixture's value
    """A worker started as a deployment starts it, in its own process, on this test's own Redis:
    the queue this process sends to, and the default one that process's own tasks go to."""
    queues = f"{celery_app.conf.task_default_queue},celery"
    return celery(
        "worker", "--pool", "solo", "-Q", queues, "--without-mingle", "--without-gossip", "--without-heartbeat",
        "-l", "info",
        env=environment(REDIS_URL=broker.url, EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend", **env),
        log=tmp_path / "celery.log",
    )  # fmt: skip


def _stop(*processes) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        process.wait(timeout=20)


def test_a_worker_killed_mid_batch_loses_nothing_and_its_restart_repeats_nothing(due, broker, tmp_path):  # noqa: F811
    from cases import tasks

    _due_now()
    # Its task comes back to the queue seconds after the worker dies, not after the hour a
    # deployment allows.
    env = {"TASK_VISIBILITY_SECONDS": "3"}
    with _steps_held():
        worker = _worker(broker, tmp_path, **env)
        try:
            tasks.chase_run.delay()
            assert _wait_for(lambda: _blocked_backend() is not None, timeout=60), (tmp_path / "celery.log").read_text()
            # The worker took the task before its batch blocked: the task's unacknowledged time
            # is earlier than this.
            delivered = time.monotonic()
            blocked = _blocked_backend()
        finally:
            worker.kill()  # SIGKILL: no clean-up, no acknowledgement
            worker.wait(timeout=20)
    # Its backend finds the client gone and rolls the open batch back: nothing of it was kept.
    assert _wait_for(lambda: not _backend_alive(blocked))
    assert not ChaseStep.objects.exists() and not CaseEvent.objects.filter(kind=EventKind.CHASED).exists()
    assert not OutboundEmail.objects.filter(purpose="chase_digest").exists()
    # The restarted worker takes the unacknowledged task back (once it is older than the
    # visibility timeout) and runs it to the end, once.
    time.sleep(max(0.0, delivered + 4.5 - time.monotonic()))
    restarted = _worker(broker, tmp_path, **env)
    try:
        assert _wait_for(lambda: ChaseStep.objects.count() == CASES, timeout=60), (tmp_path / "celery.log").read_text()
        _digests_once()
    finally:
        _stop(restarted)
    _assert_each_step_once(CASES)


def test_a_run_that_loses_its_database_connection_retries_and_takes_each_step_once(due, broker, tmp_path):  # noqa: F811
    """What a PostgreSQL restart does to a worker: its connection is terminated in the middle of
    a batch. The task fails, retries seconds later on a new connection, and completes."""
    from cases import tasks

    _due_now()
    worker = _worker(broker, tmp_path)
    try:
        with _steps_held():
            tasks.chase_run.delay()
            assert _wait_for(lambda: _blocked_backend() is not None, timeout=60), (tmp_path / "celery.log").read_text()
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_terminate_backend(%s)", [_blocked_backend()])
        assert _wait_for(lambda: ChaseStep.objects.count() == CASES, timeout=60), (tmp_path / "celery.log").read_text()
        _digests_once()
    finally:
        _stop(worker)
    log = (tmp_path / "celery.log").read_text()
    assert "Retry in" in log and "succeeded" in log, log
    _assert_each_step_once(CASES)


def test_beat_schedules_the_run_and_a_worker_runs_it(due, broker, tmp_path):  # noqa: F811
    _due_now()
    # Beat and the worker on this test's own Redis, on the default queue; a run every second.
    env = environment(REDIS_URL=broker.url, CHASE_EVERY_SECONDS="1",
                      EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")  # fmt: skip
    log = tmp_path / "celery.log"
    beat = celery("beat", "-S", "celery.beat:PersistentScheduler", "-s", str(tmp_path / "schedule"),
                  "--max-interval", "1", "-l", "info", env=env, log=log)  # fmt: skip
    worker = celery("worker", "--pool", "solo", "--without-mingle", "--without-gossip", "--without-heartbeat",
                    "-l", "info", env=env, log=log)  # fmt: skip
    try:
        assert _wait_for(lambda: ChaseStep.objects.count() == CASES, timeout=60), log.read_text()
        _digests_once()
        # Later runs find nothing more to do.
        assert _wait_for(lambda: log.read_text().count("cases.tasks.chase_run") >= 6, timeout=30), log.read_text()
    finally:
        _stop(beat, worker)
    _assert_each_step_once(CASES)
