"""Standards pages: the public "Our customer care standards", the staff preview ("when will they
hear back?"), and editing calendars, closures, standards and targets, with their history.

Thin: validate the form, fetch with the access check (404 outside the user's scope), call the
service, respond. The rules are the models' and the services'; their errors show on the form."""

import copy
import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from core.access import staff_permission_required
from core.changes import change_rows
from core.dates import govuk_date
from core.forms import posted
from directory.models import Team

from . import forms, selectors, services
from .models import Calendar, CalendarTeam, ChasePolicy, Closure, ResponseStandard, Target, Weekday

PREVIEW = "standards.preview_standards"


# --- Public ---------------------------------------------------------------------------------------


@require_safe
def public(request):
    return render(request, "standards/public.html", {"public": selectors.public_standards(today=timezone.localdate())})


# --- Preview --------------------------------------------------------------------------------------


@require_safe
@staff_permission_required(PREVIEW)
def preview(request):
    # A GET form: the page opens with the time now filled in, and results come back on it.
    submitted = "channel" in request.GET
    form = forms.PreviewForm(request.GET if submitted else None, initial=forms.PreviewForm.initial_now())
    result = None
    if submitted and form.is_valid():
        try:
            result = selectors.preview(**form.service_fields())
        except selectors.NoStandard as problem:
            form.add_error("case_type", str(problem))
    return render(request, "standards/preview.html", {"form": form, "result": result})


# --- Editing home -----------------------------------------------------------------------------------


@require_safe
@staff_permission_required("standards.change_responsestandard")
def edit_home(request):
    return render(request, "standards/edit_home.html", _edit_home_context(request.user))


def _edit_home_context(user) -> dict:
    """What the editing home lists: the calendars (hours, teams, closures ahead) and standards
    the user may edit, plus, for a service manager, the council-wide ones read-only; standards in
    force and future ones (superseded versions only in their history); targets.

    The selectors scope what a user may *edit*; this page also shows what they may only read, so
    it widens their querysets by the council-wide rows."""
    area_ids = selectors.editable_area_ids(user)
    today = timezone.localdate()
    midnight = timezone.make_aware(dt.datetime.combine(today, dt.time()))
    calendars = Calendar.objects.select_related("service_area").prefetch_related(
        "hours",
        Prefetch("team_links", CalendarTeam.objects.select_related("team").order_by("team__name")),
        Prefetch("closures", Closure.objects.filter(ends_at__gt=midnight).order_by("starts_at")),
    )
    standards = ResponseStandard.objects.select_related("service_area")
    if area_ids is not None:
        calendars = calendars.filter(Q(service_area_id__in=area_ids) | Q(is_council=True))
        standards = standards.filter(Q(service_area_id__in=area_ids) | Q(service_area__isnull=True))
    current, future, seen = [], [], set()
    for standard in standards.order_by("-effective_from"):
        if standard.effective_from > today:
            future.append(standard)
        elif standard.dimensions not in seen:  # the latest in force of each set of cases
            seen.add(standard.dimensions)
            current.append(standard)
    rows = [
        {"standard": standard, "editable": area_ids is None or standard.service_area_id in area_ids}
        for standard in sorted(current, key=_standard_order) + sorted(future, key=_standard_order)
    ]
    return {
        "council_wide": area_ids is None,
        "calendars": [
            {
                "calendar": calendar,
                "editable": area_ids is None or calendar.service_area_id in area_ids,
                "week": _week(calendar.hours.all()),
            }
            for calendar in calendars
        ],
        "standards": rows,
        "today": today,
        "targets": list(Target.objects.order_by("metric", "effective_from")),
        "costs": sorted(selectors.channel_costs().values(), key=lambda cost: cost.get_channel_display()),
    }


def _standard_order(standard: ResponseStandard) -> tuple:
    return (
        standard.case_type,
        standard.channel,
        standard.priority,
        standard.service_area_id or 0,
        standard.effective_from,
    )


def _week(hours) -> list[tuple[str, list[tuple[dt.time, dt.time]]]]:
    """Working hours rows as (weekday name, periods), Monday first: the public page's shape."""
    week: list[list[tuple[dt.time, dt.time]]] = [[] for _ in Weekday]
    for row in hours:
        week[row.weekday].append((row.opens, row.closes))
    return [(Weekday(day).label, periods) for day, periods in enumerate(week)]


# --- Calendars ------------------------------------------------------------------------------------


@staff_permission_required("standards.add_calendar")
def calendar_create(request):
    form = forms.CalendarForm(posted(request), area_ids=selectors.editable_area_ids(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            calendar = services.calendar_create(by=request.user, **form.service_fields())
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, f"{calendar} has been added. Now set its working hours.")
            return redirect("standards:calendar-hours", pk=calendar.pk)
    return render(request, "standards/calendar_form.html", {"form": form})


@staff_permission_required("standards.change_calendar")
def calendar_update(request, pk: int):
    calendar = selectors.calendar_get_for_user(pk=pk, user=request.user)
    initial = {"name": calendar.name, "slug": calendar.slug, "subdivision": calendar.subdivision,
               "service_area": calendar.service_area}  # fmt: skip
    form = forms.CalendarForm(
        posted(request), initial=initial, area_ids=selectors.editable_area_ids(request.user), editing=calendar
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.calendar_update(calendar=calendar, by=request.user, fields=form.service_fields())
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, f"{calendar} has been saved.")
            return redirect("standards:edit-home")
    return render(request, "standards/calendar_form.html", {"form": form, "calendar": calendar})


@staff_permission_required("standards.change_workinghours")
def calendar_hours(request, pk: int):
    calendar = selectors.calendar_get_for_user(pk=pk, user=request.user)
    hours: dict[int, list] = {}
    for row in calendar.hours.order_by("weekday", "opens"):
        hours.setdefault(row.weekday, []).append((row.opens, row.closes))
    form = forms.HoursForm(posted(request), hours=hours)
    if request.method == "POST" and form.is_valid():
        try:
            services.calendar_hours_set(calendar=calendar, by=request.user, hours=form.hours())
        except ValidationError as error:
            forms.apply_errors(form, error, field_names=_hours_error_fields())
        else:
            messages.success(request, f"The working hours of {calendar} have been saved.")
            return redirect("standards:edit-home")
    return render(request, "standards/calendar_hours.html", {"form": form, "calendar": calendar})


def _hours_error_fields() -> dict[str, str]:
    """The service names a period's fields by weekday and period; the form's fields are the same
    names (forms.hours_field_name), so only a whole day's error needs pointing at its first box."""
    return {Weekday(day).label.lower(): forms.hours_field_name(day, 1, "opens") for day in Weekday}


@staff_permission_required("standards.change_calendar")
def calendar_teams(request, pk: int):
    calendar = selectors.calendar_get_for_user(pk=pk, user=request.user)
    # An area's calendar is for that area's teams; one without an area (administrators') for any.
    teams = Team.objects.select_related("service_area").order_by("name")
    if calendar.service_area_id is not None:
        teams = teams.filter(service_area_id=calendar.service_area_id)
    form = forms.TeamsForm(
        posted(request),
        queryset=teams,
        initial={"teams": list(calendar.team_links.values_list("team_id", flat=True))},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.calendar_teams_set(calendar=calendar, by=request.user, teams=list(form.cleaned_data["teams"]))
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, f"The teams of {calendar} have been saved.")
            return redirect("standards:edit-home")
    return render(request, "standards/calendar_teams.html", {"form": form, "calendar": calendar})


@require_safe
@staff_permission_required("standards.view_standardschange")
def calendar_history(request, pk: int):
    calendar = selectors.calendar_get_for_user(pk=pk, user=request.user)
    return _history(request, entry=calendar, kind="Calendars")


# --- Closures -------------------------------------------------------------------------------------


@staff_permission_required("standards.add_closure")
def closure_create(request, pk: int):
    calendar = selectors.calendar_get_for_user(pk=pk, user=request.user)
    form = forms.ClosureForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            closure = services.closure_create(calendar=calendar, by=request.user, **form.service_fields())
        except ValidationError as error:
            # The service names the closure's start and end; the form asks for days and times.
            forms.apply_errors(form, error, field_names=form.service_error_fields())
        else:
            messages.success(request, f"{closure.reason} has been added to {calendar}.")
            return redirect("standards:edit-home")
    return render(request, "standards/closure_form.html", {"form": form, "calendar": calendar})


@staff_permission_required("standards.delete_closure")
def closure_delete(request, pk: int):
    closure = selectors.closure_get_for_user(pk=pk, user=request.user)
    error = None
    if request.method == "POST":
        label = str(closure)
        try:
            services.closure_delete(closure=closure, by=request.user)
        except ValidationError as problem:
            error = problem.messages[0]
        else:
            messages.success(request, f"{label} has been deleted.")
            return redirect("standards:edit-home")
    return render(request, "standards/closure_delete.html", {"closure": closure, "error": error})


# --- Standards ------------------------------------------------------------------------------------


@staff_permission_required("standards.add_responsestandard")
def standard_create(request):
    form = forms.StandardForm(posted(request), area_ids=selectors.editable_area_ids(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            standard = services.standard_create(by=request.user, fields=form.service_fields())
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, f"The standard “{standard}” has been added.")
            return redirect("standards:edit-home")
    return render(request, "standards/standard_form.html", {"form": form, "standard": None})


@staff_permission_required("standards.change_responsestandard")
def standard_update(request, pk: int):
    standard = selectors.standard_get_for_user(pk=pk, user=request.user)
    in_force = standard.effective_from <= timezone.localdate()
    form = forms.StandardForm(
        posted(request), area_ids=selectors.editable_area_ids(request.user), standard=standard, in_force=in_force
    )
    if request.method == "POST" and form.is_valid():
        try:
            # A copy: the service reads "before" from the stored row and may make a successor.
            updated = services.standard_update(
                standard=copy.copy(standard), by=request.user, fields=form.service_fields()
            )
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            if updated.pk != standard.pk:
                when = govuk_date(updated.effective_from)
                messages.success(request, f"The change applies to cases received from {when}.")
            elif in_force:
                messages.info(
                    request, "Nothing was changed: the new version would be the same as the standard in force."
                )
            else:
                messages.success(request, f"The standard “{updated}” has been updated.")
            return redirect("standards:edit-home")
    return render(request, "standards/standard_form.html", {"form": form, "standard": standard, "in_force": in_force})


@staff_permission_required("standards.delete_responsestandard")
def standard_delete(request, pk: int):
    standard = selectors.standard_get_for_user(pk=pk, user=request.user)
    error = None
    if request.method == "POST":
        label = str(standard)
        try:
            services.standard_delete(standard=standard, by=request.user)
        except ValidationError as problem:
            error = problem.messages[0]
        else:
            messages.success(request, f"The standard “{label}” has been deleted.")
            return redirect("standards:edit-home")
    return render(request, "standards/standard_delete.html", {"standard": standard, "error": error})


@require_safe
@staff_permission_required("standards.view_standardschange")
def standard_history(request, pk: int):
    standard = selectors.standard_get_for_user(pk=pk, user=request.user)
    return _history(request, entry=standard, kind="Standards")


# --- The cost of a contact on each channel ---------------------------------------------------------


@staff_permission_required("standards.change_channelcost")
def channel_cost_update(request, channel: str):
    cost = selectors.channel_cost_get(channel=channel)
    form = forms.ChannelCostForm(posted(request), cost=cost)
    if request.method == "POST" and form.is_valid():
        try:
            updated = services.channel_cost_update(cost=copy.copy(cost), by=request.user, fields=form.service_fields())
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            channel = updated.get_channel_display().lower()
            messages.success(request, f"The cost of a contact by {channel} has been saved.")
            return redirect(f"{reverse('standards:edit-home')}#costs")
    return render(request, "standards/channel_cost_form.html", {"form": form, "cost": cost})


@require_safe
@staff_permission_required("standards.view_standardschange")
def channel_cost_history(request, channel: str):
    cost = selectors.channel_cost_get(channel=channel)
    return _history(request, entry=cost, kind="Costs of a contact")


# --- Targets --------------------------------------------------------------------------------------


@staff_permission_required("standards.add_target")
def target_create(request):
    form = forms.TargetForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            target = services.target_create(by=request.user, fields=form.service_fields())
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, f"The target “{target}” has been added.")
            return redirect("standards:edit-home")
    return render(request, "standards/target_form.html", {"form": form, "target": None})


@staff_permission_required("standards.change_target")
def target_update(request, pk: int):
    target = selectors.target_get_for_user(pk=pk, user=request.user)
    form = forms.TargetForm(posted(request), target=target)
    if request.method == "POST" and form.is_valid():
        try:
            updated = services.target_update(target=copy.copy(target), by=request.user, fields=form.service_fields())
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, f"The target “{updated}” has been updated.")
            return redirect("standards:edit-home")
    return render(request, "standards/target_form.html", {"form": form, "target": target})


@require_safe
@staff_permission_required("standards.view_standardschange")
def target_history(request, pk: int):
    target = selectors.target_get_for_user(pk=pk, user=request.user)
    return _history(request, entry=target, kind="Targets")


def _history(request, *, entry, kind: str):
    return render(
        request,
        "standards/history.html",
        {
            "entry": entry,
            "kind": kind,
            "changes": change_rows(selectors.change_history(entry=entry), model=type(entry)),
        },
    )


# --- Chasing rules -------------------------------------------------------------------------------

CHASE = selectors.CHASE_EDIT_PERMISSION


@require_safe
@staff_permission_required(CHASE)
def chase_index(request):
    return render(request, "standards/chase_index.html", {"rows": selectors.chase_rules_for_user(request.user)})


@staff_permission_required(CHASE)
def chase_edit(request, area_pk: int | None = None):
    rules = selectors.chase_rules_get_for_user(area_pk=area_pk, user=request.user)
    form = forms.ChasePolicyForm(posted(request), policy=rules.rules)
    if request.method == "POST" and form.is_valid():
        try:
            services.chase_policy_save(area=rules.area, by=request.user, fields=form.service_fields())
        except ValidationError as error:
            forms.apply_errors(form, error, field_names=forms.POLICY_ERROR_FIELDS)
        else:
            whose = rules.area.name if rules.area else "the council"
            messages.success(request, f"The chasing rules for {whose} have been saved. The next run uses them.")
            return redirect("standards:chase-index")
    return render(request, "standards/chase_form.html", {"form": form, "rules": rules})


@staff_permission_required(CHASE)
def chase_reset(request, area_pk: int):
    rules = selectors.chase_rules_get_for_user(area_pk=area_pk, user=request.user)
    if rules.own is None:
        messages.info(request, f"{rules.area.name} already follows the council's chasing rules.")
        return redirect("standards:chase-index")
    if request.method == "POST":
        services.chase_policy_reset(policy=rules.own, by=request.user)
        messages.success(request, f"{rules.area.name} now follows the council's chasing rules.")
        return redirect("standards:chase-index")
    return render(request, "standards/chase_reset.html", {"rules": rules})


@require_safe
@staff_permission_required(CHASE)
def chase_history(request, area_pk: int | None = None):
    rules = selectors.chase_rules_get_for_user(area_pk=area_pk, user=request.user)
    return render(
        request,
        "standards/chase_history.html",
        {"rules": rules, "changes": change_rows(selectors.chase_history(rules=rules), model=ChasePolicy)},
    )
