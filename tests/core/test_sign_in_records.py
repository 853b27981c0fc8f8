"""Sign-in records (django-axes' access log) are personal data, deleted when no longer useful."""

from datetime import timedelta

from axes.models import AccessLog
from django.utils import timezone

from core import services, tasks


def test_records_older_than_the_retention_go_and_newer_stay(db, settings):
    settings.SIGN_IN_RECORDS_DAYS = 90
    old = AccessLog.objects.create(username="adviser", ip_address="192.0.2.1", user_agent="x")
    AccessLog.objects.filter(pk=old.pk).update(attempt_time=timezone.now() - timedelta(days=91))
    recent = AccessLog.objects.create(username="adviser", ip_address="192.0.2.1", user_agent="x")
    assert tasks.sign_in_records_purge() == 1
    assert list(AccessLog.objects.values_list("pk", flat=True)) == [recent.pk]


def test_a_sign_in_is_recorded(client, adviser, password):
    client.post("/staff/sign-in/", {"username": adviser.username, "password": password})
    assert AccessLog.objects.filter(username=adviser.username).exists()
    assert services.sign_in_records_purge(older_than=timedelta(days=0)) == 1
