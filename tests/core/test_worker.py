"""A real Celery worker, consuming from the real Redis, runs what the portal queues."""

import time
import uuid

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.db import transaction
from django.urls import reverse

from core.models import OutboundEmail
from core.services import email_queue
from portal.celery import app as celery_app


def _wait_for(condition, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def worker(transactional_db, settings):
    """A worker in this process on a queue of its own, so parallel test runs sharing one Redis
    never take each other's tasks. It shares the test database and the locmem mailbox."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    queue = f"test-{uuid.uuid4().hex}"
    previous = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = queue
    try:
        with start_worker(celery_app, pool="solo", queues=[queue], perform_ping_check=False, shutdown_timeout=10):
            yield
    finally:
        celery_app.conf.task_default_queue = previous


def test_task_enqueued_on_commit_is_executed_by_the_worker(worker):
    with transaction.atomic():
        email = email_queue(
            to="resident@example.com",
            template="portal/emails/password_reset",
            context={
                "user": None,
                "protocol": "https",
                "domain": "example.com",
                "uid": "MQ",
                "token": "t-1",
                "site_name": "Wyebridge",
            },
        )
        # Inside the transaction nothing has been handed to the worker yet.
        assert OutboundEmail.objects.get(id=email.id).status == OutboundEmail.Status.PENDING
    assert _wait_for(lambda: OutboundEmail.objects.get(id=email.id).status == OutboundEmail.Status.SENT)
    sent = OutboundEmail.objects.get(id=email.id)
    assert sent.attempts == 1
    assert sent.sent_at is not None
    assert [m.to for m in mail.outbox] == [["resident@example.com"]]


def test_health_reports_everything_up_with_a_worker(worker, client):
    response = client.get(reverse("portal:health"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "up"
    assert body["checks"]["database"]["status"] == "up"
    assert body["checks"]["redis"]["status"] == "up"
    assert body["checks"]["worker"]["workers"] >= 1


def test_queueing_never_fails_when_redis_is_down(transactional_db, settings, tmp_path):
    """Another process, whose broker is unreachable, queues an email: its transaction commits,
    and the email waits in the outbox for the sweep."""
    import subprocess
    import sys

    from ..processes import ROOT, environment

    # The same (test) database, but a Redis socket nothing listens on.
    env = environment(REDIS_URL=f"redis+socket://{tmp_path}/nothing.sock")
    script = (
        "import django; django.setup()\n"
        "from django.db import transaction\n"
        "from core.services import email_queue\n"
        "with transaction.atomic():\n"
        "    email_queue(to='resident@example.com', template='portal/emails/password_reset', context={\n"
        "        'protocol': 'https', 'domain': 'example.com', 'uid': 'MQ', 'token': 't', 'site_name': 'W'})\n"
        "print('committed')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "committed" in result.stdout
    assert "stays pending for the sweep" in result.stderr
    assert OutboundEmail.objects.get().status == OutboundEmail.Status.PENDING
