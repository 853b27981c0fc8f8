from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Infrastructure shared by every app: the email outbox and access-check helpers."""

    name = "core"
    verbose_name = "Core"
