from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


def _sync_roles(sender, using="default", **kwargs) -> None:
    from django.contrib.auth.management import create_permissions

    from .roles import roles_sync

    # post_migrate reaches portal before the apps below it, so make sure every app's
    # permissions exist before the groups are given them.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    roles_sync()


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self) -> None:
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="portal_roles_sync")
