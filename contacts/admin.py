"""Django admin for contacts: read-only. Contacts are written by contacts.services (in one
transaction with their case), and the request types are edited on the managers' pages, which
keep their history; admin offers no way around either."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin, ReadOnlyInline

from .models import Contact, ContactsChange, Question, RequestType


@admin.register(Contact)
class ContactAdmin(ReadOnlyAdmin):
    list_display = ["started_at", "channel", "outcome", "summary", "case", "adviser"]
    list_select_related = ["case", "adviser"]
    list_filter = ["channel", "outcome"]
    show_full_result_count = False


class _QuestionsInline(ReadOnlyInline):
    model = Question
    fields = ["order", "code", "datatype", "required", "description"]


@admin.register(RequestType)
class RequestTypeAdmin(ReadOnlyAdmin):
    list_display = ["name", "slug", "group", "case_type", "is_published", "takes_online"]
    list_filter = ["group", "is_published"]
    inlines = [_QuestionsInline]


@admin.register(ContactsChange)
class ChangeAdmin(ReadOnlyAdmin):
    list_display = ["changed_at", "action", "entry_label", "changed_by"]
    list_select_related = ["changed_by"]
