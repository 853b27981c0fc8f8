from datetime import timedelta

from celery import shared_task

from core.tasks import IdempotentTask

from . import services

# A form's draft lasts CONTACT_DRAFT_MINUTES after the resident's last step: a day on, its files
# can never be sent.
ABANDONED_AFTER = timedelta(days=1)


@shared_task(base=IdempotentTask)
def attachments_pending_purge() -> int:
    return services.attachments_pending_purge(older_than=ABANDONED_AFTER)
