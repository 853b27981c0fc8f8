"""The chaser under faults, on real PostgreSQL and Redis: two runs at once take each step once, a
re-run takes nothing, a real worker runs the task, and with Redis stopped the run still completes
and its emails wait in the outbox until the sweep re-enqueues them."""

import threading
from collections import Counter
from datetime import timedelta

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
