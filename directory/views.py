"""Directory pages: public A to Z and search, the staff phone guide, and editing."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.access import staff_permission_required

from . import csv_io, forms, selectors, services
from .models import Absence, Officer, Partner, ServiceArea, Team, Topic

VIEW_GUIDE = "directory.view_phone_guide"


def _search_context(request, *, staff: bool) -> dict:
    cleaned = selectors.search_query_clean(request.GET.get("q", ""))
    results = selectors.directory_search(query=cleaned.text, staff=staff) if cleaned.text else []
    return {"query": cleaned.text, "shortened": cleaned.shortened, "results": results,
            "max_length": selectors.QUERY_MAX_LENGTH}  # fmt: skip


# --- Public -------------------------------------------------------------------------------------


def service_list(request):
    areas = selectors.service_area_list_public()
    letters: dict[str, list] = {}
    for area in areas:
        letters.setdefault(area.name[:1].upper(), []).append(area)
    return render(request, "directory/service_list.html", {"letters": letters, "partners": selectors.partner_list()})


def service_search(request):
    return render(request, "directory/search.html", {**_search_context(request, staff=False), "staff": False})


def service_detail(request, slug: str):
    area, topics = selectors.service_area_get_public(slug=slug)
    teams = [team for team in area.teams.all() if team.public_phone]
    return render(request, "directory/service_detail.html", {"area": area, "teams": teams, "topics": topics})


# --- Staff phone guide --------------------------------------------------------------------------


@staff_permission_required(VIEW_GUIDE)
def phone_guide(request):
    return render(request, "directory/phone_guide.html", selectors.phone_guide_index())


@staff_permission_required(VIEW_GUIDE)
def phone_guide_search(request):
    return render(request, "directory/search.html", {**_search_context(request, staff=True), "staff": True})


@staff_permission_required(VIEW_GUIDE)
def phone_guide_area(request, slug: str):
    (area,) = selectors.phone_guide_areas(slug=slug)
    return render(request, "directory/phone_guide_area.html", {"area": area, "now": timezone.now()})


@staff_permission_required(VIEW_GUIDE)
def phone_guide_print(request):
    return render(
        request,
        "directory/phone_guide_print.html",
        {"areas": selectors.phone_guide_areas(), "partners": selectors.partner_list(), "now": timezone.now()},
    )


# --- Editing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Resource:
    """One kind of directory entry as the edit pages see it."""

    kind: str  # in the URL
    model: type[models.Model]
    form: type
    label: str
    plural: str
    create: object
    update: object
    delete: object
    arg: str  # the keyword the update and delete services take

    @property
    def change_perm(self) -> str:
        return f"directory.change_{self.model._meta.model_name}"


RESOURCES = {
    r.kind: r
    for r in [
        Resource("service-area", ServiceArea, forms.ServiceAreaForm, "service area", "Service areas",
                 services.service_area_create, services.service_area_update, services.service_area_delete,
                 "service_area"),
        Resource("team", Team, forms.TeamForm, "team", "Teams", services.team_create, services.team_update,
                 services.team_delete, "team"),
        Resource("officer", Officer, forms.OfficerForm, "officer profile", "Officers", services.officer_create,
                 services.officer_update, services.officer_delete, "officer"),
        Resource("absence", Absence, forms.AbsenceForm, "absence", "Absences", services.absence_create,
                 services.absence_update, services.absence_delete, "absence"),
        Resource("partner", Partner, forms.PartnerForm, "partner organisation", "Partner organisations",
                 services.partner_create, services.partner_update, services.partner_delete, "partner"),
        Resource("topic", Topic, forms.TopicForm, "topic", "Topics", services.topic_create, services.topic_update,
                 services.topic_delete, "topic"),
    ]
}  # fmt: skip
KIND_OF_MODEL = {r.model: r.kind for r in RESOURCES.values()}


def _resource(kind: str) -> Resource:
    try:
        return RESOURCES[kind]
    except KeyError:
        raise Http404 from None


def _apply_errors(form, error: ValidationError) -> None:
    """Show the service's validation errors on the form, in the form's own GOV.UK wording where
    it has one for that kind of error (a slug already in use, say)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        field = form.fields.get(name)
        if field is None:
            form.add_error(None, errors)
            continue
        messages_ = [field.error_messages.get(e.code, e.messages[0]) if e.code else e.messages[0] for e in errors]
        form.add_error(name, messages_)


@staff_permission_required("directory.change_topic")
def edit_home(request):
    area_ids = selectors.editor_area_ids(request.user)
    sections = []
    for resource in RESOURCES.values():
        queryset = selectors.entries_for_user(resource.model, request.user, area_ids=area_ids)
        if resource.model is Officer:
            queryset = queryset.select_related("user", "team")
        elif resource.model is Absence:
            queryset = queryset.select_related("officer__user").filter(ends_at__gt=timezone.now())
        elif resource.model in (Team, Topic):
            queryset = queryset.select_related("service_area")
        can_add = resource.model is not ServiceArea or area_ids is None
        sections.append({"resource": resource, "entries": list(queryset), "can_add": can_add})
    return render(request, "directory/edit_home.html", {"sections": sections, "council_wide": area_ids is None})


def _form_kwargs(request, resource: Resource) -> dict:
    return {"user": request.user, "area_ids": selectors.editor_area_ids(request.user)}


def entry_create(request, kind: str):
    resource = _resource(kind)
    return _guarded(f"directory.add_{resource.model._meta.model_name}", _entry_create)(request, resource)


def _guarded(perm: str, view):
    return staff_permission_required(perm)(view)


def _entry_create(request, resource: Resource):
    kwargs = _form_kwargs(request, resource)
    if resource.model is ServiceArea and kwargs["area_ids"] is not None:
        raise PermissionDenied  # a new service area is council-wide: administrators only
    form = resource.form(request.POST if request.method == "POST" else None, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            entry = resource.create(by=request.user, **form.service_fields())
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, f"{entry} has been added.")
            return redirect("directory:edit-home")
    return render(request, "directory/entry_form.html", {"form": form, "resource": resource, "entry": None})


def entry_update(request, kind: str, pk: int):
    resource = _resource(kind)
    return _guarded(resource.change_perm, _entry_update)(request, resource, pk)


def _entry_update(request, resource: Resource, pk: int):
    entry = selectors.entry_get_for_user(resource.model, pk=pk, user=request.user)
    form = resource.form(
        request.POST if request.method == "POST" else None, instance=entry, **_form_kwargs(request, resource)
    )
    if request.method == "POST" and form.is_valid():
        try:
            resource.update(**{resource.arg: entry}, by=request.user, **form.service_fields())
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, f"{entry} has been updated.")
            return redirect("directory:edit-home")
    return render(request, "directory/entry_form.html", {"form": form, "resource": resource, "entry": entry})


def entry_delete(request, kind: str, pk: int):
    resource = _resource(kind)
    return _guarded(f"directory.delete_{resource.model._meta.model_name}", _entry_delete)(request, resource, pk)


def _entry_delete(request, resource: Resource, pk: int):
    entry = selectors.entry_get_for_user(resource.model, pk=pk, user=request.user)
    error = None
    if request.method == "POST":
        label = str(entry)
        try:
            resource.delete(**{resource.arg: entry}, by=request.user)
        except ValidationError as problem:
            error = problem.messages[0]
        else:
            messages.success(request, f"{label} has been deleted.")
            return redirect("directory:edit-home")
    return render(request, "directory/entry_delete.html", {"entry": entry, "resource": resource, "error": error})


@require_POST
def entry_reviewed(request, kind: str, pk: int):
    resource = _resource(kind)
    return _guarded(resource.change_perm, _entry_reviewed)(request, resource, pk)


def _entry_reviewed(request, resource: Resource, pk: int):
    if not hasattr(resource.model, "last_reviewed"):
        raise Http404  # absences come and go; they are not reviewed
    entry = selectors.entry_get_for_user(resource.model, pk=pk, user=request.user)
    services.entry_mark_reviewed(entry=entry, by=request.user)
    messages.success(request, f"{entry} has been marked as reviewed today.")
    return redirect(
        request.POST.get("next") if request.POST.get("next") == reverse("directory:review") else "directory:edit-home"
    )


def entry_history(request, kind: str, pk: int):
    resource = _resource(kind)
    return _guarded("directory.view_directorychange", _entry_history)(request, resource, pk)


def _entry_history(request, resource: Resource, pk: int):
    entry = selectors.entry_get_for_user(resource.model, pk=pk, user=request.user)
    return render(
        request,
        "directory/entry_history.html",
        {"entry": entry, "resource": resource, "changes": selectors.change_history(entry=entry)},
    )


@staff_permission_required("directory.change_topic")
def review_list(request):
    groups = [
        {"resource": RESOURCES[KIND_OF_MODEL[model]], "entries": rows}
        for model, rows in selectors.review_due_list(user=request.user)
    ]
    return render(request, "directory/review_list.html", {"groups": groups})


# --- CSV export and import ------------------------------------------------------------------------


@staff_permission_required("directory.change_topic")
def directory_export(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="directory-{timezone.localdate():%Y-%m-%d}.csv"'
    csv_io.directory_export(response, officers=selectors.entries_for_user(Officer, request.user))
    return response


@staff_permission_required("directory.import_directory")
def directory_import(request):
    posted = request.method == "POST"
    form = forms.ImportForm(request.POST if posted else None, request.FILES if posted else None)
    report = None
    if request.method == "POST" and form.is_valid():
        result = services.directory_import(rows=form.cleaned_data["rows"], by=request.user)
        if result.ok:
            messages.success(request, f"Directory imported: {result.summary}.")
            return redirect("directory:import")
        report = result
    return render(request, "directory/import.html", {"form": form, "report": report, "columns": csv_io.COLUMN_DOCS})
