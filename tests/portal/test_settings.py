"""The settings module fails fast on bad environment values."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _environment(**overrides):
    env = {**os.environ, **overrides}
    # Tests set this for Playwright; the deploy check rightly refuses it.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def _load(**overrides):
    env = _environment(**overrides)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'portal.settings'); django.setup()",
        ],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"DEBUG": "false", "SECRET_KEY": ""}, "SECRET_KEY must be set"),
        ({"DATABASE_URL": "sqlite:///db.sqlite3"}, "PostgreSQL only"),
        ({"DATABASE_URL": ""}, "DATABASE_URL is not set"),
        ({"REDIS_URL": "http://example.com"}, "REDIS_URL must be"),
        ({"DEBUG": "maybe"}, "DEBUG must be true or false"),
    ],
)
def test_bad_environment_fails_at_start(overrides, message):
    result = _load(**overrides)
    assert result.returncode != 0
    assert message in result.stderr


def test_deploy_check_is_clean_with_production_variables():
    env = _environment(
        DEBUG="false",
        SECRET_KEY="x" * 64 + "-production-like-key-for-checks",
        ALLOWED_HOSTS="portal.example.gov.uk",
        SECURE="true",
        STATICFILES_STORAGE="",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(("proxies", "header"), [("0", "None"), ("1", "('HTTP_X_FORWARDED_PROTO', 'https')")])
def test_only_a_trusted_proxy_may_say_the_request_was_https(proxies, header):
    # With no proxy in front, a client sending X-Forwarded-Proto: https would skip the HTTPS redirect.
    env = _environment(TRUSTED_PROXY_COUNT=proxies, DJANGO_SETTINGS_MODULE="portal.settings")
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.SECURE_PROXY_SSL_HEADER)"],
        env=env, cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.stdout.strip() == header, result.stderr
