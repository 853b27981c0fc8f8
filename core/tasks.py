from celery import shared_task

from . import services


@shared_task(acks_late=True)
def email_send(email_id: int) -> None:
    services.email_deliver(email_id=email_id)


@shared_task
def email_flush_pending() -> int:
    return services.email_flush_pending()
