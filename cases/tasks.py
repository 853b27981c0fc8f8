from datetime import timedelta

from celery import shared_task
from django.db import InterfaceError, OperationalError

from core.tasks import IdempotentTask

from . import services

# A form's draft lasts CONTACT_DRAFT_MINUTES after the resident's last step: a day on, its files
# can never be sent.
ABANDONED_AFTER = timedelta(days=1)


@shared_task(base=IdempotentTask)
def attachments_pending_purge() -> int:
    return services.attachments_pending_purge(older_than=ABANDONED_AFTER)


# A run that loses PostgreSQL (a restart, a failover) tries again a few times, seconds apart, then
# fails and is logged; beat starts the next one minutes later in any case. Nothing is lost in
# between: the due steps wait in the cases' chase times.
@shared_task(
    base=IdempotentTask,
    autoretry_for=(OperationalError, InterfaceError),
    max_retries=3,
    retry_backoff=5,
    retry_backoff_max=60,
)
def chase_run() -> dict:
    report = services.chase_run()
    return {"cases": report.cases, "steps": dict(report.steps), "digests": report.digests, "failed": report.failed}
