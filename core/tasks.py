from datetime import timedelta

from celery import Task, shared_task
from django.conf import settings

from . import services


class IdempotentTask(Task):
    """A task that may run twice with the effect of once (it takes ids, and its service checks
    what is done already): acknowledged only when it has finished, so a worker killed in the
    middle leaves it in the broker to run again. Every other task is acknowledged on receipt
    (CELERY_TASK_ACKS_LATE is off), so it can be lost but never repeated."""

    acks_late = True
    reject_on_worker_lost = True
    idempotent = True


@shared_task(base=IdempotentTask)
def email_send(email_id: int) -> None:
    # email_deliver locks the row and sends only a pending email.
    services.email_deliver(email_id=email_id)


@shared_task(base=IdempotentTask)
def email_send_batch(email_ids: list[int]) -> None:
    # The same at-most-once send, one email after another (core.services.emails_queue).
    for email_id in email_ids:
        services.email_deliver(email_id=email_id)


@shared_task(base=IdempotentTask)
def email_flush_pending() -> int:
    return services.email_flush_pending()


@shared_task(base=IdempotentTask)
def sign_in_records_purge() -> int:
    return services.sign_in_records_purge(older_than=timedelta(days=settings.SIGN_IN_RECORDS_DAYS))
