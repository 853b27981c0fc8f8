"""Django admin for the standards: read-only lists. Editing happens on the staff pages, whose
views call the services, so every change is validated alike, keeps the cached working calendars
fresh and is recorded in the history; admin offers no way around them."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin, ReadOnlyInline

from .models import Calendar, CalendarTeam, Closure, ResponseStandard, StandardsChange, Target, WorkingHours


class _HoursInline(ReadOnlyInline):
    model = WorkingHours


class _TeamsInline(ReadOnlyInline):
    model = CalendarTeam


@admin.register(Calendar)
class CalendarAdmin(ReadOnlyAdmin):
    list_display = ["name", "is_council", "service_area", "subdivision", "updated_at"]
    list_select_related = ["service_area"]
    inlines = [_HoursInline, _TeamsInline]


@admin.register(Closure)
class ClosureAdmin(ReadOnlyAdmin):
    list_display = ["reason", "calendar", "starts_at", "ends_at"]
    list_select_related = ["calendar"]
    list_filter = ["calendar"]


@admin.register(ResponseStandard)
class ResponseStandardAdmin(ReadOnlyAdmin):
    list_display = ["public_wording", "case_type", "channel", "priority", "service_area", "effective_from"]
    list_select_related = ["service_area"]
    list_filter = ["case_type", "channel"]


@admin.register(Target)
class TargetAdmin(ReadOnlyAdmin):
    list_display = ["metric", "percent", "effective_from", "effective_until"]


@admin.register(StandardsChange)
class StandardsChangeAdmin(ReadOnlyAdmin):
    list_display = ["changed_at", "changed_by", "action", "entry_type", "entry_label"]
    list_select_related = ["changed_by"]
    list_filter = ["action", "entry_type"]
