"""Directory pages: public A to Z and search, the staff phone guide, and editing."""

import copy
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

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


@require_safe
def service_list(request):
    areas = selectors.service_area_list_public()
    letters: dict[str, list] = {}
    for area in areas:
        letters.setdefault(area.name[:1].upper(), []).append(area)
    return render(request, "directory/service_list.html", {"letters": letters, "partners": selectors.partner_list()})


@require_safe
def service_search(request):
    return render(request, "directory/search.html", {**_search_context(request, staff=False), "staff": False})


@require_safe
def service_detail(request, slug: str):
    area, topics = selectors.service_area_get_public(slug=slug)
    teams = [team for team in area.teams.all() if team.public_phone]
    return render(request, "directory/service_detail.html", {"area": area, "teams": teams, "topics": topics})


# --- Staff phone guide --------------------------------------------------------------------------


@require_safe
@staff_permission_required(VIEW_GUIDE)
def phone_guide(request):
    return render(request, "directory/phone_guide.html", selectors.phone_guide_index(user=request.user))


@require_safe
@staff_permission_required(VIEW_GUIDE)
def phone_guide_search(request):
    context = _search_context(request, staff=True)
    context["results"] = selectors.phone_guide_search_results(context["results"], user=request.user)
    return render(request, "directory/search.html", {**context, "staff": True})


@require_safe
@staff_permission_required(VIEW_GUIDE)
def phone_guide_area(request, slug: str):
    (area,) = selectors.phone_guide_areas(user=request.user, slug=slug)
    return render(request, "directory/phone_guide_area.html", {"area": area})


@require_safe
@staff_permission_required(VIEW_GUIDE)
def phone_guide_print(request):
    # A print-out is read on later days, so no "today" or "tomorrow" in it.
    areas = selectors.phone_guide_areas(user=request.user, relative=False)
    return render(
        request,
        "directory/phone_guide_print.html",
        {"areas": areas, "partners": selectors.partner_list(), "now": timezone.now()},
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

    @property
    def change_perm(self) -> str:
        return f"directory.change_{self.model._meta.model_name}"


RESOURCES = {
    r.kind: r
    for r in [
        Resource("service-area", ServiceArea, forms.ServiceAreaForm, "service area", "Service areas"),
        Resource("team", Team, forms.TeamForm, "team", "Teams"),
        Resource("officer", Officer, forms.OfficerForm, "officer profile", "Officers"),
        Resource("absence", Absence, forms.AbsenceForm, "absence", "Absences"),
        Resource("partner", Partner, forms.PartnerForm, "partner organisation", "Partner organisations"),
        Resource("topic", Topic, forms.TopicForm, "topic", "Topics"),
    ]
}
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


@require_safe
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
            entry = services.entry_create(model=resource.model, by=request.user, fields=form.service_fields())
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
    # The form validates a copy (ModelForm sets the posted values on its instance), so a page
    # with errors still shows the entry as stored in its title and links.
    form = resource.form(
        request.POST if request.method == "POST" else None, instance=copy.copy(entry), **_form_kwargs(request, resource)
    )
    if request.method == "POST" and form.is_valid():
        try:
            updated = services.entry_update(entry=form.instance, by=request.user, fields=form.service_fields())
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, f"{updated} has been updated.")
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
            services.entry_delete(entry=entry, by=request.user)
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


@require_safe
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


@require_safe
@staff_permission_required("directory.change_topic")
def review_list(request):
    groups = [
        {"resource": RESOURCES[KIND_OF_MODEL[model]], "entries": rows}
        for model, rows in selectors.review_due_list(user=request.user)
    ]
    return render(request, "directory/review_list.html", {"groups": groups})


# --- CSV export and import ------------------------------------------------------------------------


@require_safe
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
