"""Django admin for the directory. Day-to-day editing happens on the staff pages, which keep the
search index and the change history in step; saves here are followed by a search index rebuild."""

from django.contrib import admin

from . import services
from .models import Absence, DirectoryChange, Officer, Partner, ServiceArea, Team, Topic


class _Indexed(admin.ModelAdmin):
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.search_index_rebuild()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        services.search_index_rebuild()


@admin.register(ServiceArea)
class ServiceAreaAdmin(_Indexed):
    list_display = ["name", "public_phone", "is_public", "last_reviewed"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Team)
class TeamAdmin(_Indexed):
    list_display = ["name", "service_area", "internal_phone", "public_phone", "last_reviewed"]
    list_select_related = ["service_area"]
    list_filter = ["service_area"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Officer)
class OfficerAdmin(_Indexed):
    list_display = ["__str__", "team", "job_title", "direct_line", "number_shareable"]
    list_select_related = ["user", "team"]
    raw_id_fields = ["user"]
    search_fields = ["user__first_name", "user__last_name", "job_title"]


@admin.register(Absence)
class AbsenceAdmin(admin.ModelAdmin):
    list_display = ["officer", "starts_at", "ends_at", "reason"]
    list_select_related = ["officer__user"]


@admin.register(Partner)
class PartnerAdmin(_Indexed):
    list_display = ["name", "phone", "last_reviewed"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Topic)
class TopicAdmin(_Indexed):
    list_display = ["name", "service_area", "team", "partner", "is_public", "last_reviewed"]
    list_select_related = ["service_area", "team", "partner"]
    list_filter = ["service_area", "is_public"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "synonyms", "keywords"]


@admin.register(DirectoryChange)
class DirectoryChangeAdmin(admin.ModelAdmin):
    list_display = ["changed_at", "changed_by", "action", "entry_type", "entry_label"]
    list_select_related = ["changed_by"]
    list_filter = ["action", "entry_type"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
