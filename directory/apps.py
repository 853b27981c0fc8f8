from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_save

# The fields of a staff account that an officer's search entry shows.
_NAME_FIELDS = {"first_name", "last_name", "username"}


def _account_saved(sender, instance, created, update_fields=None, **kwargs) -> None:
    # Accounts are edited outside this app (Django admin's user pages); signing in saves
    # last_login only, which needs nothing here.
    if created or (update_fields is not None and not _NAME_FIELDS & set(update_fields)):
        return
    from .services import officer_search_refresh

    officer_search_refresh(user_id=instance.pk)


class DirectoryConfig(AppConfig):
    name = "directory"

    def ready(self) -> None:
        post_save.connect(_account_saved, sender=settings.AUTH_USER_MODEL, dispatch_uid="directory_account_saved")
