"""One submission, one case, whatever arrives at once; and the broker is never on the critical
path: with Redis stopped (a real redis-server of this test's own, stopped) the resident still gets
a reference and the case is saved, and the email goes out once Redis is back."""

import logging
import re
import shutil
import socket
import subprocess
import threading
import time
import uuid
from datetime import timedelta
from importlib import import_module

import pytest
import requests
from celery.contrib.testing.worker import start_worker
from django.conf import settings as django_settings
from django.core import mail
from django.db import connection
from django.urls import reverse

from cases.models import Case
from contacts.models import Contact
from core import tasks
from core.models import OutboundEmail
from portal.celery import app as celery_app
from standards.models import CaseType

from .conftest import bulky_ready

THREADS = 6
CHECK = reverse("contacts:form-step", kwargs={"slug": "bulky-waste", "code": "check"})
REFERENCE = re.compile(r"\b[A-Z0-9]{4}-[A-Z0-9]{4}\b")


def _together(count: int, work) -> list:
    """work() in `count` threads released at the same moment; their results (or exceptions).
    Each thread has its own database connection, closed when it is done."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = work()
        except Exception as error:  # noqa: BLE001 - reported by the test's assertions
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def _assert_one_case_one_email(references) -> Case:
    case = Case.objects.get()
    assert Contact.objects.count() == 1
    assert OutboundEmail.objects.count() == 1
    assert list(references) == [case.reference] * len(references)
    return case


def _draft_session() -> tuple[str, str]:
    # A new session holding a bulky waste form ready to send: its key and the draft's key.
    session = import_module(django_settings.SESSION_ENGINE).SessionStore()
    key = bulky_ready(session)
    return session.session_key, key


# --- One submission, one case --------------------------------------------------------------------


def test_the_same_form_sent_at_once_from_several_threads_makes_one_case(transactional_db, send_bulky):
    key = uuid.uuid4()
    results = _together(THREADS, lambda: send_bulky(key=key))
    assert not [result for result in results if isinstance(result, Exception)], results
    _assert_one_case_one_email([result.case.reference for result in results])
    assert sum(not result.repeated for result in results) == 1


def test_the_same_send_posted_at_once_gives_one_case_and_the_same_reference(live_server, request_types):
    session_key, key = _draft_session()
    cookies = {django_settings.SESSION_COOKIE_NAME: session_key}
    page = requests.get(live_server.url + CHECK, cookies=cookies, timeout=10)
    assert page.status_code == 200, page.text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]
    cookies |= {django_settings.CSRF_COOKIE_NAME: page.cookies[django_settings.CSRF_COOKIE_NAME]}

    def send():
        # A double click, or a re-post: the same session, the same form, the same moment.
        response = requests.post(live_server.url + CHECK, data={"csrfmiddlewaretoken": token, "key": key},
                                 cookies=cookies, timeout=30)  # fmt: skip
        assert response.status_code == 200, response.status_code
        assert response.url.endswith(reverse("contacts:form-sent", kwargs={"slug": "bulky-waste"}))
        return REFERENCE.findall(response.text)[0]

    results = _together(THREADS, send)
    assert not [result for result in results if isinstance(result, Exception)], results
    _assert_one_case_one_email(results)


# --- The broker is never on the critical path ---------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OwnRedis:
    """A redis-server of this test's own on a free port, which it may stop: never the shared one."""

    def __init__(self) -> None:
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [shutil.which("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


def _producers_forget() -> None:
    # The app keeps its producers' pools for the broker it first connected to.
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def broker(settings):
    """The Celery broker pointed at an own Redis (started), and a queue of this test's own."""
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    redis = OwnRedis()
    redis.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    previous = celery_app.conf.broker_url, celery_app.conf.task_default_queue
    celery_app.conf.broker_url = redis.url
    celery_app.conf.task_default_queue = f"test-{uuid.uuid4().hex}"
    _producers_forget()
    try:
        yield redis
    finally:
        redis.stop()
        celery_app.conf.broker_url, celery_app.conf.task_default_queue = previous
        _producers_forget()


def _wait_for(condition, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_with_redis_stopped_the_resident_gets_a_reference_and_the_email_goes_once_it_is_back(
    transactional_db, broker, request_types, client, caplog
):
    # An earlier in-process worker leaves the root logger at ERROR: ask for warnings explicitly.
    caplog.set_level(logging.WARNING, logger="core.services")
    broker.stop()
    session_key, key = _draft_session()
    client.cookies[django_settings.SESSION_COOKIE_NAME] = session_key
    started = time.monotonic()
    response = client.post(CHECK, {"key": key}, follow=True)
    assert time.monotonic() - started < 10  # a refused connection, not a hang
    assert response.status_code == 200
    case = Case.objects.get()
    assert case.reference in response.content.decode()
    email = OutboundEmail.objects.get()
    assert email.status == OutboundEmail.Status.PENDING and case.reference in email.subject
    assert "stays pending for the sweep" in caplog.text
    assert mail.outbox == []

    broker.start()
    # The outage lasted: the sweep re-queues what has waited more than a minute.
    OutboundEmail.objects.update(created_at=email.created_at - timedelta(minutes=2))
    with start_worker(celery_app, pool="solo", queues=[celery_app.conf.task_default_queue],
                      perform_ping_check=False, shutdown_timeout=10):  # fmt: skip
        tasks.email_flush_pending.delay()
        assert _wait_for(lambda: OutboundEmail.objects.get().status == OutboundEmail.Status.SENT)
    assert [message.to for message in mail.outbox] == [["ann@example.org"]]
    assert case.reference in mail.outbox[0].subject


def test_with_redis_stopped_an_adviser_still_logs_calls_and_reception_still_works(
    transactional_db, broker, client, world, rules, customer, caplog
):
    from .test_log import LOG, _fields

    caplog.set_level(logging.WARNING, logger="core.services")
    broker.stop()
    client.force_login(world.adviser)
    started = time.monotonic()
    # Resolved at first point for a customer with an email address: the survey waits in the outbox.
    resolved = client.post(LOG, _fields(customer=str(customer.pk)))
    raised = client.post(LOG, _fields(customer=str(customer.pk), outcome="case_raised",
                                      topic=world.directory["bulky"].slug, case_type=CaseType.SERVICE_REQUEST,
                                      priority="normal", description="The sofa by the gate."))  # fmt: skip
    assert resolved.status_code == raised.status_code == 302
    assert Contact.objects.count() == 2 and Case.objects.count() == 1
    found = client.get(reverse("contacts:log-customers"), {"q": "rita resdent"})
    assert found.status_code == 200 and "Rita Resident" in found.content.decode()
    check_in = client.post(reverse("contacts:reception-check-in"), {"reason": "Council tax", "key": str(uuid.uuid4())})
    assert check_in.status_code == 302
    assert time.monotonic() - started < 20  # refused connections, not hangs
    # The survey of the call resolved at first point (a case raised on a call is acknowledged on it).
    assert OutboundEmail.objects.filter(status=OutboundEmail.Status.PENDING).count() == 1
    assert "stays pending for the sweep" in caplog.text
