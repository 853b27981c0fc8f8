from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class StandardsConfig(AppConfig):
    name = "standards"

    def ready(self) -> None:
        from core import calendar

        from .models import Calendar, Closure
        from .selectors import closed_days_forget, council_closed

        # The phone guide (directory, below us) words return dates by the council calendar.
        calendar.register(council_closed)
        post_save.connect(closed_days_forget, sender=Calendar, dispatch_uid="standards_closed_days_calendar")
        post_delete.connect(closed_days_forget, sender=Closure, dispatch_uid="standards_closed_days_closure")
