"""Other processes on this test's own database: a Celery worker or beat started as a deployment
starts them, which a test may kill."""

import os
import subprocess
import sys
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


def database_url() -> str:
    """The URL of the database this test is using (pytest's test database, not the configured one)."""
    db = connection.settings_dict
    host = db["HOST"] or "localhost"
    if host.startswith("/"):
        return f"postgres://{db['USER']}@/{db['NAME']}?host={host}"
    return f"postgres://{db['USER']}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


def environment(**extra: str) -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": database_url(), **extra}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def celery(*arguments: str, env: dict[str, str], log: Path) -> subprocess.Popen:
    """`celery -A portal <arguments>` in its own process, its output kept in `log`."""
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "portal", *arguments],
            env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
