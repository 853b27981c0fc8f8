"""Sign-in throttling: the staff sign-in and Django admin's login are locked per client address and
per account (django-axes, counted in PostgreSQL); the password reset is rate-limited per client
address, in Redis or, with Redis down, in PostgreSQL; behind the HTTPS proxy each client counts
on its own.

Redis "down" is a real address nothing listens on, never a mock."""

import logging
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.urls import reverse

from core.models import OutboundEmail
from tests.factories import PASSWORD, user_make

ROOT = Path(__file__).resolve().parents[2]
DOWN = "redis://127.0.0.1:1/0"  # port 1: connection refused at once
PROXY = "192.0.2.10"  # the documented HTTPS proxy's own address
SIGN_IN = "/staff/sign-in/"
ADMIN_LOGIN = "/admin/login/"


@pytest.fixture(autouse=True)
def _own_counts(settings):
    """A small failure limit, and rate-limit counts of this test's own (a fresh key prefix), so
    nothing counted by another test, another worker or an earlier run gets in the way."""
    settings.AXES_FAILURE_LIMIT = 3
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {alias: {**conf, "KEY_PREFIX": prefix} for alias, conf in settings.CACHES.items()}


@pytest.fixture
def redis_down(settings):
    """Every cache pointed at a Redis that refuses connections (the setting_changed hook resets
    django.core.cache.caches)."""
    settings.CACHES = {alias: {**conf, "LOCATION": DOWN} for alias, conf in settings.CACHES.items()}


def _sign_in(client, username, password, *, url=SIGN_IN, address="198.51.100.1", **extra):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address, **extra)


def _fail(client, username, times, **kwargs):
    return [_sign_in(client, username, "wrong-password", **kwargs).status_code for _ in range(times)]


@pytest.fixture
def superuser(make_user):
    """An administrator who may use Django admin (the world's administrator may not)."""
    return make_user("administrator", username="admin.user", is_staff=True, is_superuser=True)


def _main(response) -> str:
    """The page's <main>: what a visitor reads, without per-request tokens elsewhere on the page."""
    return re.search(r"<main.*?</main>", response.content.decode(), re.S).group(0)


# --- Locking out --------------------------------------------------------------------------------


def test_admin_login_is_locked_after_the_failure_limit(client, superuser):
    assert _fail(client, superuser.username, 3, url=ADMIN_LOGIN) == [200, 200, 429]
    # Locked: even the right password is refused.
    response = _sign_in(client, superuser.username, PASSWORD, url=ADMIN_LOGIN)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_admin_login_still_works(client, superuser):
    _fail(client, superuser.username, 2, url=ADMIN_LOGIN)
    response = _sign_in(client, superuser.username, PASSWORD, url=ADMIN_LOGIN)
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_staff_sign_in_is_locked_per_address(client, adviser, officer):
    # Guessing different accounts from one address...
    for username in ("someone", "someone-else", "a-third"):
        assert _sign_in(client, username, "wrong-password", address="198.51.100.7").status_code in (200, 429)
    # ...locks that address, whoever signs in from it,
    assert _sign_in(client, adviser.username, PASSWORD, address="198.51.100.7").status_code == 429
    # but not other addresses.
    assert _sign_in(client, officer.username, PASSWORD, address="198.51.100.8").status_code == 302


def test_staff_sign_in_is_locked_per_account(client, adviser, officer):
    # Guessing one account's password from many addresses...
    for n in range(3):
        _sign_in(client, adviser.username, "wrong-password", address=f"198.51.100.{10 + n}")
    # ...locks that account, from anywhere,
    assert _sign_in(client, adviser.username, PASSWORD, address="198.51.100.99").status_code == 429
    # but not other accounts.
    assert _sign_in(client, officer.username, PASSWORD, address="198.51.100.99").status_code == 302


def test_lockout_does_not_reveal_whether_the_account_exists(client, adviser):
    real = _fail(client, adviser.username, 3, address="198.51.100.21")
    unknown = _fail(client, "no-such-user", 3, address="198.51.100.22")
    assert real == unknown == [200, 200, 429]
    after_real = _sign_in(client, adviser.username, "wrong-password", address="198.51.100.21")
    after_unknown = _sign_in(client, "no-such-user", "wrong-password", address="198.51.100.22")
    assert after_real.status_code == after_unknown.status_code == 429
    assert _main(after_real) == _main(after_unknown)
    assert after_real["Retry-After"] == after_unknown["Retry-After"]
    assert adviser.username not in after_real.content.decode()


def test_lockout_page_is_a_govuk_page_saying_when_to_try_again(client, adviser, settings):
    from datetime import timedelta

    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)
    _fail(client, adviser.username, 3)
    response = _sign_in(client, adviser.username, PASSWORD)
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert "portal/locked_out.html" in [t.name for t in response.templates]
    main = _main(response)
    assert '<h1 class="govuk-heading-xl">' in main
    assert "Wait 15 minutes" in main
    assert reverse("portal:password-reset") in main


def test_sign_in_below_the_limit_still_works(client, adviser):
    assert _fail(client, adviser.username, 2) == [200, 200]
    response = _sign_in(client, adviser.username, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:staff-home")


def test_test_client_sign_ins_keep_working(client, adviser):
    """force_login and client.login (which calls authenticate() without a request) both work."""
    client.force_login(adviser)
    assert client.get(reverse("portal:staff-home")).status_code == 200
    client.logout()
    assert client.login(username=adviser.username, password=PASSWORD)
    assert client.get(reverse("portal:staff-home")).status_code == 200
    client.logout()
    assert not client.login(username=adviser.username, password="wrong-password")


def test_test_client_login_respects_an_account_lockout(client, adviser):
    _fail(client, adviser.username, 3)
    assert not client.login(username=adviser.username, password=PASSWORD)


def test_limit_and_cool_off_come_from_the_environment():
    env = {**os.environ, "LOGIN_FAILURE_LIMIT": "7", "LOGIN_COOL_OFF_MINUTES": "30", "TRUSTED_PROXY_COUNT": "2"}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    script = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'portal.settings'); django.setup()\n"
        "from django.conf import settings as s\n"
        "print(s.AXES_FAILURE_LIMIT, int(s.AXES_COOLOFF_TIME.total_seconds()), s.TRUSTED_PROXY_COUNT,"
        " s.AUTHENTICATION_BACKENDS[0], s.MIDDLEWARE[-1])\n"
    )
    result = subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True,
                            check=False)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "7",
        "1800",
        "2",
        "core.auth_backends.LockoutBackend",
        "axes.middleware.AxesMiddleware",
    ]


@pytest.mark.parametrize(
    ("name", "value", "minimum"),
    [("TRUSTED_PROXY_COUNT", "-1", 0), ("LOGIN_FAILURE_LIMIT", "0", 1), ("LOGIN_COOL_OFF_MINUTES", "soon", 1)],
)
def test_bad_limits_stop_the_start(monkeypatch, name, value, minimum):
    from django.core.exceptions import ImproperlyConfigured

    from portal.settings import env_int_at_least

    monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured, match=name):
        env_int_at_least(name, default=5, minimum=minimum)


# --- Behind the proxy ---------------------------------------------------------------------------


def test_behind_the_proxy_each_client_is_locked_on_its_own(client, settings, adviser, officer):
    settings.TRUSTED_PROXY_COUNT = 1
    for username in ("x1", "x2", "x3"):
        _sign_in(client, username, "wrong-password", address=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.50")
    locked = _sign_in(client, adviser.username, PASSWORD, address=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.50")
    assert locked.status_code == 429
    # Another client behind the same proxy is not locked out by the first one's guesses.
    other = _sign_in(client, officer.username, PASSWORD, address=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.51")
    assert other.status_code == 302


def test_without_a_trusted_proxy_a_forged_header_does_not_escape_the_lockout(client, settings, adviser):
    settings.TRUSTED_PROXY_COUNT = 0
    for n, username in enumerate(("y1", "y2", "y3")):
        _sign_in(client, username, "wrong-password", address="198.51.100.60", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    again = _sign_in(client, adviser.username, PASSWORD, address="198.51.100.60", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert again.status_code == 429


def test_behind_the_proxy_password_resets_are_limited_per_client(client, settings, adviser):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.PASSWORD_RESET_RATE = "2/m"
    statuses = [
        client.post(reverse("portal:password-reset"), {"email": adviser.email}, REMOTE_ADDR=PROXY,
                    HTTP_X_FORWARDED_FOR="198.51.100.70").status_code
        for _ in range(3)
    ]  # fmt: skip
    assert statuses == [302, 302, 429]
    other = client.post(
        reverse("portal:password-reset"),
        {"email": adviser.email},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="198.51.100.71",
    )
    assert other.status_code == 302


# --- Redis down ---------------------------------------------------------------------------------


def test_sign_in_works_with_redis_down(client, adviser, redis_down):
    response = _sign_in(client, adviser.username, PASSWORD)
    assert response.status_code == 302
    assert client.get(reverse("portal:staff-home")).status_code == 200


def test_lockout_works_with_redis_down(client, adviser, redis_down):
    assert _fail(client, adviser.username, 3) == [200, 200, 429]


def test_password_reset_works_and_is_limited_with_redis_down(client, adviser, redis_down, settings, caplog):
    settings.PASSWORD_RESET_RATE = "3/m"
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        response = client.post(reverse("portal:password-reset"), {"email": adviser.email})
        assert response.status_code == 302
        assert response["Location"] == reverse("portal:password-reset-done")
        email = OutboundEmail.objects.get()
        assert email.to == adviser.email
        assert email.status == OutboundEmail.Status.PENDING
        # Further resets are counted in the database and limited there.
        statuses = [client.post(reverse("portal:password-reset"), {"email": adviser.email}).status_code
                    for _ in range(3)]  # fmt: skip
    assert statuses == [302, 302, 429]
    assert (
        "Too many attempts" in client.post(reverse("portal:password-reset"), {"email": adviser.email}).content.decode()
    )
    assert any("counting rate limits in the database" in r.getMessage() for r in caplog.records)


def test_everything_works_in_a_process_whose_redis_is_down(transactional_db, tmp_path):
    """End to end in another process whose REDIS_URL (cache and broker) nothing listens on: sign-in
    succeeds, a reset is accepted and its email waits in the outbox, repeated resets are limited."""
    from django.db import connection

    user = user_make("adviser", username="down.test", email="down@example.com")
    db = connection.settings_dict
    host = db["HOST"] or "localhost"
    database_url = (
        f"postgres://{db['USER']}@/{db['NAME']}?host={host}"
        if host.startswith("/")
        else f"postgres://{db['USER']}@{host}:{db['PORT'] or 5432}/{db['NAME']}"
    )
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": f"redis+socket://{tmp_path}/nothing.sock",
        "PASSWORD_RESET_RATE": "2/m",
        "ALLOWED_HOSTS": "testserver",
        "DEBUG": "false",
        "SECURE": "false",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    script = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'portal.settings'); django.setup()\n"
        "from django.conf import settings\n"
        "settings.PASSWORD_HASHERS = ['django.contrib.auth.hashers.MD5PasswordHasher']  # as the test users'\n"
        "from django.test import Client\n"
        "c = Client()\n"
        f"r = c.post('/staff/sign-in/', {{'username': 'down.test', 'password': {PASSWORD!r}}})\n"
        "print('sign-in', r.status_code, c.get('/staff/').status_code)\n"
        "c = Client()\n"
        "print('reset', *[c.post('/staff/password-reset/', {'email': 'down@example.com'}).status_code"
        " for _ in range(3)])\n"
    )
    result = subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True,
                            timeout=120, check=False)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "sign-in 302 200" in result.stdout
    assert "reset 302 302 429" in result.stdout
    assert "counting rate limits in the database" in result.stderr
    assert "stays pending for the sweep" in result.stderr  # the broker was down too
    emails = OutboundEmail.objects.filter(to=user.email)
    assert emails.count() == 2
    assert {e.status for e in emails} == {OutboundEmail.Status.PENDING}
