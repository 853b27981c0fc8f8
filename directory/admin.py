"""Django admin for the directory. Day-to-day editing happens on the staff pages; saves and
deletes here go through the same services, so they are validated alike, keep the search index in
step and appear in each entry's change history under the administrator's name."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models

from core.admin import ReadOnlyAdmin

from . import services
from .models import Absence, DirectoryChange, Officer, Partner, ServiceArea, Team, Topic


class _ServiceRulesForm(forms.ModelForm):
    """The model's own rules (phone numbers, a team in the topic's area, dates in order) are
    checked by Django's model validation, as in any ModelForm. The service's rules across rows (no
    overlapping absences) are checked here too, because admin cannot show an error raised by
    save_model: it would be a server error instead."""

    def _post_clean(self):
        super()._post_clean()
        if self._errors:
            return  # the rows are compared only once the entry's own fields are right
        try:
            services.entry_rows_validate(entry=self.instance)
        except ValidationError as error:
            self._update_errors(error)


class _ThroughServices(admin.ModelAdmin):
    form = _ServiceRulesForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    # Bulk "delete selected" would bypass the services (no history, stale search entries).
    actions = None

    def save_model(self, request, obj, form, change):
        if change:
            # obj already holds the posted values; the service reads "before" from the database.
            fields = {name: form.cleaned_data[name] for name in form.changed_data}
            services.entry_update(entry=obj, by=request.user, fields=fields)
        else:
            entry = services.entry_create(model=type(obj), by=request.user, fields=form.cleaned_data)
            obj.pk = entry.pk

    def delete_model(self, request, obj):
        services.entry_delete(entry=obj, by=request.user)


@admin.register(ServiceArea)
class ServiceAreaAdmin(_ThroughServices):
    list_display = ["name", "public_phone", "is_public", "last_reviewed"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Team)
class TeamAdmin(_ThroughServices):
    list_display = ["name", "service_area", "internal_phone", "public_phone", "last_reviewed"]
    list_select_related = ["service_area"]
    list_filter = ["service_area"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Officer)
class OfficerAdmin(_ThroughServices):
    list_display = ["__str__", "team", "job_title", "direct_line", "number_shareable"]
    list_select_related = ["user", "team"]
    raw_id_fields = ["user"]
    search_fields = ["user__first_name", "user__last_name", "job_title"]


@admin.register(Absence)
class AbsenceAdmin(_ThroughServices):
    list_display = ["officer", "starts_at", "ends_at", "reason"]
    list_select_related = ["officer__user"]


@admin.register(Partner)
class PartnerAdmin(_ThroughServices):
    list_display = ["name", "phone", "last_reviewed"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Topic)
class TopicAdmin(_ThroughServices):
    list_display = ["name", "service_area", "team", "partner", "is_public", "last_reviewed"]
    list_select_related = ["service_area", "team", "partner"]
    list_filter = ["service_area", "is_public"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "synonyms", "keywords"]


@admin.register(DirectoryChange)
class DirectoryChangeAdmin(ReadOnlyAdmin):
    list_display = ["changed_at", "changed_by", "action", "entry_type", "entry_label"]
    list_select_related = ["changed_by"]
    list_filter = ["action", "entry_type"]
