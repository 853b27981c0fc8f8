"""The rate-limit cache: Redis while it answers, a counter table in PostgreSQL while it does not.

django-ratelimit fails closed on a cache error (a 500, or every request limited), so with Redis
down nobody could reset a password. This backend is the CACHES["ratelimit"] alias
(RATELIMIT_USE_CACHE): on a Redis connection error or timeout it counts in
core.RateLimitCounter instead, logs one warning, and tries Redis again after RETRY_SECONDS
(a CACHES entry key, default 10), so a Redis that is down costs one failed connection per
process per interval rather than one per request.

Only what django-ratelimit calls falls back (add, incr, get: see django_ratelimit/core.py), and
only for integer counts; everything else behaves as Django's RedisCache. Counts made in Redis are
not copied to the database or back: for the one window in which Redis goes away or returns, a
client may get up to twice its limit.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from .models import RateLimitCounter

logger = logging.getLogger(__name__)

_REDIS_DOWN = (RedisConnectionError, RedisTimeoutError)
# A counter with no expiry would outlive any rate window; keep it a year at most.
_NEVER_SECONDS = 365 * 24 * 3600
_TABLE = RateLimitCounter._meta.db_table

# Each statement below is the whole change, so concurrent requests never lose a count. Expiry is
# PostgreSQL's clock, the same for every web process. Adding a counter also sweeps (at most 100)
# expired ones, never the row being added (one statement may not both delete and upsert a row)
# and never rows another request holds (SKIP LOCKED: sweeping must not make anyone wait).
_ADD_SQL = f"""
WITH swept AS (
    DELETE FROM {_TABLE} WHERE key IN (
        SELECT key FROM {_TABLE} WHERE expires_at <= now() AND key <> %(key)s
        LIMIT 100 FOR UPDATE SKIP LOCKED
    )
)
INSERT INTO {_TABLE} AS counter (key, count, expires_at)
VALUES (%(key)s, %(value)s, now() + make_interval(secs => %(seconds)s))
ON CONFLICT (key) DO UPDATE SET count = EXCLUDED.count, expires_at = EXCLUDED.expires_at
    WHERE counter.expires_at <= now()
RETURNING 1
"""  # noqa: S608 - the table name is ours; every value is a parameter
_INCR_SQL = f"UPDATE {_TABLE} SET count = count + %s WHERE key = %s AND expires_at > now() RETURNING count"  # noqa: S608
_GET_SQL = f"SELECT count FROM {_TABLE} WHERE key = %s AND expires_at > now()"  # noqa: S608


class RateLimitCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._retry_seconds = float(params.get("RETRY_SECONDS", 10))
        self._down_until = 0.0  # time.monotonic() before which Redis is not tried

    def _redis_or_database(self, redis_call, database_call):
        """redis_call(), or database_call() when Redis is unreachable or was a moment ago."""
        if time.monotonic() >= self._down_until:
            try:
                return redis_call()
            except _REDIS_DOWN as error:
                self._down_until = time.monotonic() + self._retry_seconds
                logger.warning(
                    "Redis is unreachable (%s: %s): counting rate limits in the database for the next %g s.",
                    error.__class__.__name__,
                    error,
                    self._retry_seconds,
                )
        return database_call()

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._redis_or_database(
            lambda: super(RateLimitCache, self).add(key, value, timeout, version),
            lambda: self._database_add(key, value, timeout, version),
        )

    def incr(self, key, delta=1, version=None):
        return self._redis_or_database(
            lambda: super(RateLimitCache, self).incr(key, delta, version),
            lambda: self._database_incr(key, delta, version),
        )

    def get(self, key, default=None, version=None):
        return self._redis_or_database(
            lambda: super(RateLimitCache, self).get(key, default, version),
            lambda: self._database_get(key, default, version),
        )

    def _database_add(self, key, value, timeout, version) -> bool:
        if not isinstance(value, int):
            raise TypeError("The database fallback of the rate-limit cache holds only integer counts.")
        seconds = self.get_backend_timeout(timeout)
        params: dict[str, str | int] = {
            "key": self.make_and_validate_key(key, version=version),
            "value": value,
            "seconds": _NEVER_SECONDS if seconds is None else int(seconds),
        }
        with connection.cursor() as cursor:
            cursor.execute(_ADD_SQL, params)
            return cursor.fetchone() is not None

    def _database_incr(self, key, delta, version) -> int:
        made_key = self.make_and_validate_key(key, version=version)
        with connection.cursor() as cursor:
            cursor.execute(_INCR_SQL, [delta, made_key])
            row = cursor.fetchone()
        if row is None:
            # As Django's RedisCache does: django-ratelimit then counts the request as limited.
            raise ValueError(f"Key '{made_key}' not found.")
        return row[0]

    def _database_get(self, key, default, version):
        with connection.cursor() as cursor:
            cursor.execute(_GET_SQL, [self.make_and_validate_key(key, version=version)])
            row = cursor.fetchone()
        return default if row is None else row[0]
