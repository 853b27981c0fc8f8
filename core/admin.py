"""Django admin helpers shared by every app. Registers nothing itself."""

from django.contrib import admin


class ReadOnlyPermissions:
    """No add, change or delete in Django admin: for tables written only through an app's
    services (histories, and entries edited on the staff pages)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ReadOnlyPermissions, admin.ModelAdmin):
    actions = None


class ReadOnlyInline(ReadOnlyPermissions, admin.TabularInline):
    extra = 0
