"""Directory pages: public A to Z and search, the staff phone guide, and editing."""

import copy
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from core.access import staff_permission_required
from core.changes import change_rows
from core.forms import with_article

from . import csv_io, forms, selectors, services
from .models import Absence, ContactDetails, Officer, Partner, ServiceArea, Team, Topic

VIEW_GUIDE = "directory.view_phone_guide"


def _search_context(request, *, staff: bool) -> dict:
    """The search page's context, public or staff: one page of results (20), with pagination."""
    cleaned = selectors.search_query_clean(request.GET.get("q", ""))
    context = {"query": cleaned.text, "shortened": cleaned.shortened, "max_length": selectors.QUERY_MAX_LENGTH,
               "staff": staff, "results": []}  # fmt: skip
    if cleaned.text:
        # Anything but a whole number from 1 is page 1; a page past the last is a 404.
        raw = request.GET.get("page", "")
        number = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 6 else 1
        page = selectors.directory_search_page(query=cleaned.text, number=number, staff=staff)
        base = reverse("directory:phone-guide-search" if staff else "directory:service-search")
        context.update(results=page.results, search_page=page, pagination=_pagination(page, cleaned.text, base=base),
                       results_start=(number - 1) * selectors.SEARCH_PAGE_SIZE + 1,
                       shown_max=selectors.SEARCH_RESULTS_MAX)  # fmt: skip
    return context


# --- Public -------------------------------------------------------------------------------------


@require_safe
def service_list(request):
    areas = selectors.service_area_list_public()
    letters: dict[str, list] = {}
    for area in areas:
        letters.setdefault(area.name[:1].upper(), []).append(area)
    # Things we help with, one letter at a time (?letter=B): the first letter unless one is chosen.
    topic_letters = selectors.topic_letters_public()
    chosen = request.GET.get("letter", "").strip().upper()
    letter = chosen if chosen in topic_letters else (topic_letters[0] if topic_letters else "")
    topics = selectors.topic_list_public(letter=letter) if letter else []
    return render(
        request,
        "directory/service_list.html",
        {"letters": letters, "topic_letters": topic_letters, "letter": letter, "topics": topics,
         "partners": selectors.partner_list()},
    )  # fmt: skip


@require_safe
def service_search(request):
    context = _search_context(request, staff=False)
    context["partners_url"] = reverse("directory:service-list") + "#other-organisations"
    return render(request, "directory/search.html", context)


def _pagination(page, query: str, *, base: str) -> dict | None:
    """What the GOV.UK pagination component needs: previous, next and each page's link."""
    if page.pages <= 1:
        return None

    def href(number: int) -> str:
        return f"{base}?{urlencode({'q': query, 'page': number})}"

    return {
        "previous": href(page.number - 1) if page.number > 1 else "",
        "next": href(page.number + 1) if page.number < page.pages else "",
        "items": [{"number": n, "href": href(n), "current": n == page.number} for n in range(1, page.pages + 1)],
    }


@require_safe
def topic_detail(request, area_slug: str, slug: str):
    found = selectors.topic_get_public(area_slug=area_slug, slug=slug)
    topic = found.topic
    return render(
        request,
        "directory/topic_detail.html",
        {"topic": topic, "area": topic.service_area, "related": found.related,
         "phone": (topic.team.public_phone if topic.team else "") or topic.service_area.public_phone},
    )  # fmt: skip


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
    return render(request, "directory/search.html", context)


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
    context = {"areas": areas, "partners": selectors.partner_list(), "now": timezone.now(),
               "topics": selectors.phone_guide_topic_index(areas)}  # fmt: skip
    return render(request, "directory/phone_guide_print.html", context)


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

    @property
    def a_label(self) -> str:
        """'an absence', 'a team': for "Add an absence"."""
        return with_article(self.label)


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
            _shared_number_warn(request, entry, resource.kind)
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
            _shared_number_warn(request, updated, resource.kind)
            return redirect("directory:edit-home")
    context = {"form": form, "resource": resource, "entry": entry, "next": _review_next(request.GET.get("next"))}
    return render(request, "directory/entry_form.html", context)


def _shared_number_warn(request, entry: models.Model, kind: str) -> None:
    """Saving succeeds, but a number another entry also uses is pointed out (a typing slip often
    gives a team another team's number)."""
    sentences = selectors.shared_number_warnings(entry=entry, kind=kind)
    if sentences:  # one banner: several would be landmarks with the same name ("Important")
        messages.warning(request, ". ".join(sentences))


def _review_next(value: str | None) -> str:
    """Where "Mark as reviewed" returns to besides the entry itself: only the review list."""
    return value if value == reverse("directory:review") else ""


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
    # Back to the entry, or to the review list if that is where they came from.
    back = _review_next(request.POST.get("next"))
    return redirect(back or reverse("directory:entry-update", args=[resource.kind, pk]))


@require_safe
def entry_history(request, kind: str, pk: int):
    resource = _resource(kind)
    return _guarded("directory.view_directorychange", _entry_history)(request, resource, pk)


def _entry_history(request, resource: Resource, pk: int):
    entry = selectors.entry_get_for_user(resource.model, pk=pk, user=request.user)
    labels = history_labels(resource.form)
    changes = change_rows(selectors.change_history(entry=entry), model=resource.model, labels=labels)
    return render(request, "directory/entry_history.html", {"entry": entry, "resource": resource, "changes": changes})


def history_labels(form_class) -> dict[str, str]:
    """The change history names each field as the edit form labels it (a checkbox by its
    history_labels: its label is a sentence)."""
    labels = {name: str(field.label) for name, field in form_class.base_fields.items() if field.label}
    if "slug" in labels:
        labels["slug"] = forms.SLUG_LABEL
    return {**labels, **getattr(form_class, "history_labels", {})}


@require_safe
@staff_permission_required("directory.change_topic")
def review_list(request):
    groups = [
        {"resource": RESOURCES[KIND_OF_MODEL[model]], "entries": rows}
        for model, rows in selectors.review_due_list(user=request.user)
    ]
    shared = selectors.shared_number_list()
    return render(request, "directory/review_list.html", {"groups": groups, "shared_numbers": shared})


CONTACT_DETAILS_PERM = "directory.change_contactdetails"


@staff_permission_required(CONTACT_DETAILS_PERM)
def contact_details_edit(request):
    stored = selectors.contact_details_stored()
    form = forms.ContactDetailsForm(request.POST if request.method == "POST" else None,
                                    instance=copy.copy(stored) if stored else ContactDetails(pk=1))  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            details = services.contact_details_update(by=request.user, fields=form.service_fields())
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, "The council's contact details have been updated.")
            _shared_number_warn(request, details, "contact-details")
            return redirect("directory:contact-details")
    return render(request, "directory/contact_details_form.html", {"form": form, "stored": stored})


@require_safe
@staff_permission_required(CONTACT_DETAILS_PERM)
def contact_details_history(request):
    stored = selectors.contact_details_stored()
    changes = selectors.change_history(entry=stored) if stored else []
    labels = history_labels(forms.ContactDetailsForm)
    return render(request, "directory/contact_details_history.html",
                  {"changes": change_rows(changes, model=ContactDetails, labels=labels)})  # fmt: skip


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
