"""The outbox services: queue, deliver at most once, retry, sweep."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from core import services
from core.models import OutboundEmail

CONTEXT = {"user": None, "protocol": "https", "domain": "example.com", "uid": "MQ", "token": "t", "site_name": "W"}


@pytest.fixture
def pending(db):
    return services.email_queue(to="a@example.com", template="portal/emails/password_reset", context=CONTEXT)


def test_deliver_sends_once(pending):
    services.email_deliver(email_id=pending.id)
    assert services.email_deliver(email_id=pending.id) is None  # a duplicate task does nothing
    assert len(mail.outbox) == 1
    assert mail.outbox[0].alternatives[0].mimetype == "text/html"
    pending.refresh_from_db()
    assert pending.status == OutboundEmail.Status.SENT


def test_failed_delivery_is_recorded_then_given_up(pending, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1  # nothing listens
    for _ in range(services.MAX_ATTEMPTS):
        services.email_deliver(email_id=pending.id)
    pending.refresh_from_db()
    assert pending.status == OutboundEmail.Status.FAILED
    assert pending.attempts == services.MAX_ATTEMPTS
    assert pending.last_error


def test_sweep_queues_only_old_pending_emails(pending, db):
    assert services.email_flush_pending() == 0  # too new: its own on-commit send is still due
    OutboundEmail.objects.filter(id=pending.id).update(created_at=timezone.now() - timedelta(minutes=5))
    assert services.email_flush_pending() == 1


def test_invalid_address_is_refused(db):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.email_queue(to="not an address", template="portal/emails/password_reset", context=CONTEXT)
    assert not OutboundEmail.objects.exists()
