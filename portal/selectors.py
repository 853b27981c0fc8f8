"""Reads for the portal: the state of the services the portal depends on."""

import redis
from django.conf import settings
from django.db import connection

from .celery import app as celery_app


def _database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return {"status": "up"}
    except Exception as error:  # noqa: BLE001 - any failure means the database is down for us
        return {"status": "down", "error": error.__class__.__name__}


def _redis() -> dict:
    try:
        client = redis.Redis.from_url(settings.REDIS_CLIENT_URL, socket_connect_timeout=1, socket_timeout=1)
        client.ping()
        return {"status": "up"}
    except Exception as error:  # noqa: BLE001
        return {"status": "down", "error": error.__class__.__name__}


def _workers() -> dict:
    try:
        replies = celery_app.control.ping(timeout=1.0)
    except Exception as error:  # noqa: BLE001
        return {"status": "down", "error": error.__class__.__name__}
    if not replies:
        return {"status": "down", "error": "no worker answered"}
    return {"status": "up", "workers": len(replies)}


def health_get() -> tuple[bool, dict]:
    """(all up, per-component detail) for the database, Redis and the Celery workers."""
    checks = {"database": _database(), "redis": _redis()}
    # Asking workers goes through Redis: skip the one-second wait when Redis is already down.
    checks["worker"] = _workers() if checks["redis"]["status"] == "up" else {"status": "unknown"}
    return all(c["status"] == "up" for c in checks.values()), checks
