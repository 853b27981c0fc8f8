"""Writes for the email outbox."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .models import OutboundEmail

logger = logging.getLogger(__name__)

# After this many failed deliveries an email is marked failed and left for a person to look at.
MAX_ATTEMPTS = 5


def _enqueue_send(email_id: int) -> None:
    from .tasks import email_send

    try:
        email_send.delay(email_id)
    except Exception:
        logger.warning("Broker unavailable; email %s stays pending for the sweep", email_id, exc_info=True)


def _email_render(*, to: str, template: str, context: dict, purpose: str) -> OutboundEmail:
    subject = " ".join(render_to_string(f"{template}/subject.txt", context).split())
    email = OutboundEmail(
        to=to,
        subject=subject,
        body_text=render_to_string(f"{template}/body.txt", context),
        body_html=render_to_string(f"{template}/body.html", context),
        purpose=purpose,
    )
    # Its one check constraint is about sent emails; a new one is pending (no query to check it).
    email.full_clean(validate_constraints=False)
    return email


def email_queue(*, to: str, template: str, context: dict, purpose: str = "") -> OutboundEmail:
    """Render `templates/<template>/subject.txt`, `body.txt` and `body.html` and keep the
    email in the outbox; the worker is asked to send it once the surrounding transaction
    commits. Never raises because Redis is down. `purpose` names the kind of email where a
    limit counts them (contacts.selectors.acknowledgements_sent)."""
    email = _email_render(to=to, template=template, context=context, purpose=purpose)
    email.save()
    transaction.on_commit(lambda: _enqueue_send(email.id))
    return email


def emails_queue(*, messages: list[dict]) -> list[OutboundEmail]:
    """email_queue for many emails at once (each a dict of its arguments): one INSERT, and one
    task after commit that sends them all (core.tasks.email_send_batch), so a run of the chaser
    costs one broker message, not one an email."""
    emails = OutboundEmail.objects.bulk_create([_email_render(**{"purpose": "", **message}) for message in messages])
    ids = [email.id for email in emails]
    if ids:
        transaction.on_commit(lambda: _enqueue_batch(ids))
    return emails


def _enqueue_batch(email_ids: list[int]) -> None:
    from .tasks import email_send_batch

    try:
        email_send_batch.delay(email_ids)
    except Exception:
        logger.warning("Broker unavailable; %d emails stay pending for the sweep", len(email_ids), exc_info=True)


def email_deliver(*, email_id: int) -> OutboundEmail | None:
    """Send one pending email, at most once: the row is locked while it is sent, and an email
    already sent (a task delivered twice, or re-queued by the sweep) is left alone."""
    with transaction.atomic():
        email = (
            OutboundEmail.objects.select_for_update(skip_locked=True)
            .filter(id=email_id, status=OutboundEmail.Status.PENDING)
            .first()
        )
        if email is None:
            return None
        message = EmailMultiAlternatives(email.subject, email.body_text, settings.DEFAULT_FROM_EMAIL, [email.to])
        if email.body_html:
            message.attach_alternative(email.body_html, "text/html")
        email.attempts += 1
        try:
            message.send()
        except Exception as error:  # noqa: BLE001 - any transport error is recorded and retried
            email.last_error = str(error)[:2000]
            if email.attempts >= MAX_ATTEMPTS:
                email.status = OutboundEmail.Status.FAILED
            email.save(update_fields=["attempts", "last_error", "status"])
            return email
        email.status = OutboundEmail.Status.SENT
        email.sent_at = timezone.now()
        email.last_error = ""
        email.save(update_fields=["attempts", "last_error", "status", "sent_at"])
        return email


def email_flush_pending(*, older_than: timedelta = timedelta(minutes=1)) -> int:
    """Queue again every pending email older than `older_than` (its first send was lost or
    failed); return how many were queued."""
    cutoff = timezone.now() - older_than
    ids = list(
        OutboundEmail.objects.filter(status=OutboundEmail.Status.PENDING, created_at__lt=cutoff)
        .order_by("created_at")
        .values_list("id", flat=True)[:1000]
    )
    for email_id in ids:
        _enqueue_send(email_id)
    return len(ids)


def sign_in_records_purge(*, older_than: timedelta) -> int:
    """Delete the sign-in records (django-axes' access log: username, address, browser) older
    than `older_than`; return how many went. Personal data is kept no longer than it is useful."""
    from axes.handlers.proxy import AxesProxyHandler

    return AxesProxyHandler.reset_logs(age_days=older_than.days)
