"""Django admin for cases: read-only. Every change to a case goes through cases.services, which
checks the life cycle and writes the timeline event in the same transaction; admin offers no way
around them (and the database refuses edits to events anyway)."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin, ReadOnlyInline

from .models import Attachment, Case, CaseEvent, CasesChange, ComplaintStage, Customer, RoutingRule


class _EventsInline(ReadOnlyInline):
    model = CaseEvent
    fields = ["at", "kind", "by", "text", "data"]


class _StagesInline(ReadOnlyInline):
    model = ComplaintStage


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ["reference", "summary", "case_type", "status", "team", "owner", "received_at", "respond_by"]
    list_select_related = ["team", "owner"]
    list_filter = ["status", "case_type", "channel"]
    search_fields = ["reference"]
    show_full_result_count = False
    inlines = [_StagesInline, _EventsInline]


@admin.register(Customer)
class CustomerAdmin(ReadOnlyAdmin):
    list_display = ["name", "customer_type", "email", "phone", "postcode", "merged_into"]
    list_select_related = ["merged_into"]
    search_fields = ["name", "email", "postcode"]
    show_full_result_count = False


@admin.register(RoutingRule)
class RoutingRuleAdmin(ReadOnlyAdmin):
    list_display = ["position", "name", "team", "priority", "is_active"]
    list_select_related = ["team"]


@admin.register(CasesChange)
class ChangeAdmin(ReadOnlyAdmin):
    list_display = ["changed_at", "action", "entry_label", "changed_by"]
    list_select_related = ["changed_by"]


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdmin):
    # The file itself is only downloaded from the case page, by staff who can see the case.
    list_display = ["uploaded_at", "original_name", "content_type", "size", "case"]
    list_select_related = ["case"]
