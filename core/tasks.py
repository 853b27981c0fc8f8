from datetime import timedelta

from celery import shared_task
from django.conf import settings

from . import services


@shared_task(acks_late=True)
def email_send(email_id: int) -> None:
    services.email_deliver(email_id=email_id)


@shared_task
def email_flush_pending() -> int:
    return services.email_flush_pending()


@shared_task
def sign_in_records_purge() -> int:
    return services.sign_in_records_purge(older_than=timedelta(days=settings.SIGN_IN_RECORDS_DAYS))
