"""The rate-limit cache (core.cache): Redis while it answers, a counter in PostgreSQL when not.

Redis "down" is a real address nothing listens on, never a mock."""

import logging
import uuid
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.test import RequestFactory
from django.utils import timezone
from django_ratelimit.core import is_ratelimited

from core.models import RateLimitCounter

DOWN = "redis://127.0.0.1:1/0"  # port 1: connection refused at once


@pytest.fixture
def ratelimit_cache(settings):
    """A fresh "ratelimit" cache with its own key prefix, so counts never leak between tests."""

    def configure(location=None):
        conf = {**settings.CACHES["ratelimit"], "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
        if location:
            conf["LOCATION"] = location
        settings.CACHES = {**settings.CACHES, "ratelimit": conf}  # the setting_changed hook resets caches
        return caches["ratelimit"]

    return configure


def test_ratelimit_uses_its_own_cache_alias(settings):
    assert settings.RATELIMIT_USE_CACHE == "ratelimit"
    assert settings.CACHES["ratelimit"]["BACKEND"] == "core.cache.RateLimitCache"


@pytest.mark.django_db
def test_with_redis_up_counts_stay_in_redis(ratelimit_cache):
    cache = ratelimit_cache()
    assert cache.add("k", 1, 60)
    assert not cache.add("k", 1, 60)
    assert cache.incr("k") == 2
    assert cache.get("k") == 2
    assert not RateLimitCounter.objects.exists()


@pytest.mark.django_db
def test_with_redis_down_counts_in_the_database_and_warns(ratelimit_cache, caplog):
    cache = ratelimit_cache(DOWN)
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        assert cache.add("k", 1, 60)
        assert not cache.add("k", 1, 60)  # a live key is not replaced
        assert cache.incr("k") == 2
        assert cache.incr("k", 3) == 5
        assert cache.get("k") == 5
        assert cache.get("missing", 0) == 0
    row = RateLimitCounter.objects.get()
    assert row.count == 5
    assert timezone.now() + timedelta(seconds=55) < row.expires_at <= timezone.now() + timedelta(seconds=60)
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    # One warning when Redis goes away, not one per call.
    assert len(warnings) == 1
    assert "counting rate limits in the database" in warnings[0].getMessage()


@pytest.mark.django_db
def test_with_redis_down_incr_of_a_missing_key_raises_like_redis(ratelimit_cache):
    cache = ratelimit_cache(DOWN)
    with pytest.raises(ValueError, match="not found"):
        cache.incr("never-added")


@pytest.mark.django_db
def test_expired_counters_are_ignored_and_cleaned(ratelimit_cache):
    cache = ratelimit_cache(DOWN)
    cache.add("old", 7, 60)
    cache.add("other-old", 1, 60)
    RateLimitCounter.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert cache.get("old", 0) == 0
    with pytest.raises(ValueError):
        cache.incr("old")
    assert cache.add("old", 1, 60)  # an expired counter starts again
    assert cache.get("old") == 1
    # Adding a counter sweeps the expired ones.
    assert RateLimitCounter.objects.count() == 1


@pytest.mark.django_db
def test_django_ratelimit_limits_with_redis_down(ratelimit_cache):
    ratelimit_cache(DOWN)
    request = RequestFactory().post("/", REMOTE_ADDR="198.51.100.40")

    def limited():
        return is_ratelimited(request, group="test", key="ip", rate="3/m", method="POST", increment=True)

    assert [limited() for _ in range(5)] == [False, False, False, True, True]
    # Another client has its own count.
    other = RequestFactory().post("/", REMOTE_ADDR="198.51.100.41")
    assert not is_ratelimited(other, group="test", key="ip", rate="3/m", method="POST", increment=True)


@pytest.mark.django_db
def test_redis_is_tried_again_after_the_retry_interval(ratelimit_cache, settings):
    """Once Redis answers again, counting goes back to it."""
    cache = ratelimit_cache(DOWN)
    assert cache.add("k", 1, 60)
    assert RateLimitCounter.objects.count() == 1
    # Redis comes back (the same cache object, now pointed at the real server) and the retry
    # interval passes.
    cache._servers = [settings.REDIS_CLIENT_URL]
    del cache.__dict__["_cache"]
    cache._down_until = 0.0
    assert cache.add("fresh", 1, 60)
    assert cache.get("fresh") == 1
    assert RateLimitCounter.objects.count() == 1  # "fresh" went to Redis


def test_health_still_reports_redis_down(client, settings, db):
    """The fallback hides a down Redis from sign-in, not from /health/."""
    settings.REDIS_CLIENT_URL = DOWN
    body = client.get("/health/").json()
    assert body["checks"]["redis"]["status"] == "down"
