"""The cases pages: officers' case work (the queues, "my cases", raising a case, the case page with
its timeline, and one page or button for each thing done to a case), the customer pages,
councillors' ward enquiries, and the routing rules with "test this rule set".

Thin: fetch through the access-checked selectors (404 outside the user's scope), validate the
form, call the service, redirect with a message. The services' errors show on the form or, for
the case page's buttons, as a message; a change made from a stale page gets the service's
CaseConflict and nothing is saved."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from operator import attrgetter

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from core.access import staff_permission_required
from core.changes import change_rows
from core.forms import posted
from standards import forms as standards_forms
from standards import selectors as standards_selectors
from standards.forms import apply_errors
from standards.models import CaseType, Channel, ChasePolicy

from . import attachments, forms, routing, selectors, services
from .models import Case, CaseEvent, ChaseKind, ComplaintOutcome, Customer, EventKind, RootCause, RoutingRule, Status
from .selectors import EDIT_RULES

STAFF = "portal.access_staff_pages"
# How many of the latest events a form page shows after a conflict, to show what changed.
RECENT_EVENTS = 5


def _to_case(case: Case):
    return redirect("cases:case-detail", reference=case.reference)


def _name(user) -> str:
    return (user.get_full_name() or user.username) if user is not None else ""


def _workable(request, reference: str) -> selectors.CaseAccess:
    """The case for an action: 404 unless the user may work it (seeing it is not enough)."""
    access = selectors.case_get_for_user(reference=reference, user=request.user)
    if not access.can_work:
        raise Http404
    return access


# --- Due times -----------------------------------------------------------------------------------


def duration_words(delta: timedelta) -> str:
    """A length of time as people say it: "45 minutes", "3 hours", "2 days" (rounded down)."""
    minutes = int(abs(delta).total_seconds() // 60)
    if minutes < 60:
        count, unit = max(minutes, 1), "minute"
    elif minutes < 48 * 60:
        count, unit = minutes // 60, "hour"
    else:
        count, unit = minutes // (24 * 60), "day"
    return f"{count} {unit}{'' if count == 1 else 's'}"


@dataclass(frozen=True)
class Milestone:
    """One of a case's two due times (acknowledge, respond) and where the case stands on it."""

    label: str  # "Acknowledge by" or "Respond by"
    at: datetime | None
    done_at: datetime | None
    met: bool | None
    words: str = ""  # while due: "3 hours left", "Overdue by 2 days", "Paused with 1 day left"
    overdue: bool = False  # as the queue's overdue filter counts it (CaseQuerySet.overdue)


def milestones(case: Case, now: datetime) -> list[Milestone]:
    """The acknowledgement and the reply, each with the time left (wall-clock) while it is due.
    While the case waits on the customer the reply clock stands still, so its time left is as
    when the wait began."""
    result = []
    for label, at, done_at, met, paused_at, overdue in (
        ("Acknowledge by", case.acknowledge_by, case.acknowledged_at, case.acknowledge_met, None,
         case.acknowledge_overdue(now)),
        ("Respond by", case.respond_by, case.responded_at, case.respond_met, case.paused_at,
         case.respond_overdue(now)),
    ):  # fmt: skip
        words = ""
        if at is not None and done_at is None and case.is_open:
            left = at - (paused_at or now)
            # "Overdue" as the model says (the queue's filter too), so the words and the tag agree.
            if paused_at is not None:
                words = (
                    f"Paused, overdue by {duration_words(left)}"
                    if overdue
                    else f"Paused with {duration_words(left)} left"
                )
            else:
                words = f"Overdue by {duration_words(left)}" if overdue else f"{duration_words(left)} left"
        result.append(Milestone(label=label, at=at, done_at=done_at, met=met, words=words, overdue=overdue))
    return result


def due_next(case: Case, now: datetime) -> Milestone | None:
    """The next due time of an open case (the acknowledgement until it is sent, then the reply)."""
    pending = [milestone for milestone in milestones(case, now) if milestone.words]
    return min(pending, key=attrgetter("at")) if pending else None


@dataclass(frozen=True)
class Row:
    case: Case
    due: Milestone | None


def _page(request, queryset, per_page: int, *, count: int | None = None) -> dict:
    """The requested page of `queryset` (a page number that is not one gives the first page; one
    past the end, the last) and the page numbers to link to (cases/includes/pagination.html).
    `count`: how many rows there are, counted by the caller (None: counted here)."""
    paginator = Paginator(queryset, per_page)
    if count is not None:
        paginator.count = count  # type: ignore[misc]  # cached_property: the counted number, kept
    page = paginator.get_page(request.GET.get("page"))
    numbers = list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
    return {"page": page, "page_numbers": numbers}


def list_extras(request, form, count: int, one: str, many: str) -> dict:
    """A filtered list's form, its caption ("1 case" or "12 cases", newest first) and whether
    any filter is in use (any value but the page number: an empty filter form sends every name,
    blank)."""
    return {
        "form": form,
        "caption": f"{count:,} {one if count == 1 else many}, newest first",
        "filtered": any(value for key, value in request.GET.items() if key != "page"),
    }


def _paginated(request, queryset, now: datetime, *, count: int | None = None) -> dict:
    """A page of a queue of cases, each case with its due time."""
    context = _page(request, queryset, selectors.QUEUE_PAGE_SIZE, count=count)
    page = context["page"]
    page.object_list = [Row(case=case, due=due_next(case, now)) for case in page.object_list]
    return context


# --- Queues --------------------------------------------------------------------------------------


@require_safe
@staff_permission_required(selectors.WORK)
def queues(request):
    return render(request, "cases/queues.html", {"queues": selectors.queues_for_user(request.user)})


@require_safe
@staff_permission_required(selectors.WORK)
def my_cases(request):
    """ "My work": the chaser's warnings, escalations and residents to phone, then the cases the
    user owns."""
    context = _paginated(request, selectors.my_cases(user=request.user), timezone.now())
    notices = selectors.chase_notices(user=request.user)
    context["calls"] = [step for step in notices if step.needs_call and step.called_at is None]
    context["notices"] = [step for step in notices if not step.needs_call]
    return render(request, "cases/my_cases.html", context)


@require_POST
@staff_permission_required(selectors.WORK)
def chase_called(request, pk: int):
    step = selectors.chase_call_get_for_user(pk=pk, user=request.user)
    services.chase_call_record(step=step, by=request.user)
    messages.success(request, f"Recorded that you phoned the resident about {step.case.reference}.")
    return redirect("cases:my-cases")


@require_safe
# Who works cases, and who sees every case without working them (senior managers).
@staff_permission_required(selectors.WORK, selectors.VIEW_ALL, any_of=True)
def case_list(request):
    """Every case the user may see, newest first, a page at a time, filtered (the dashboard's
    figures link here): a filter in error is shown on its field and left out."""
    form = forms.CaseListFilterForm(request.GET)
    form.is_valid()
    now, filters = timezone.now(), form.filters()
    count = selectors.cases_count_for_list(user=request.user, filters=filters, now=now)
    cases = selectors.cases_for_list(user=request.user, filters=filters, now=now)
    context = _paginated(request, cases, now, count=count)
    return render(request, "cases/case_list.html", {**context, **list_extras(request, form, count, "case", "cases")})


@require_safe
@staff_permission_required(selectors.WORK, selectors.TRIAGE)
def triage(request):
    return _queue_page(request, team=None)


@require_safe
@staff_permission_required(selectors.WORK)
def queue(request, slug: str):
    return _queue_page(request, team=selectors.queue_team_get_for_user(slug=slug, user=request.user))


def _queue_page(request, *, team):
    officers = selectors.team_officers(team=team) if team is not None else []
    # Always bound: no filters is a valid, empty filter form.
    form = forms.QueueFilterForm(request.GET, officers=officers)
    form.is_valid()
    now = timezone.now()
    cases = selectors.queue_cases(team=team, user=request.user, filters=form.filters(), now=now)
    paginated = _paginated(request, cases, now)
    count = paginated["page"].paginator.count
    context = {
        **paginated,
        "team": team,
        "form": form,
        "caption": f"{count} open case{'' if count == 1 else 's'}, most urgent first",
        # Any value but the page number (an empty filter form sends every name, blank).
        "filtered": any(value for key, value in request.GET.items() if key != "page"),
    }
    return render(request, "cases/queue.html", context)


@require_POST
@staff_permission_required(selectors.WORK)
def claim_next(request, slug: str):
    team = selectors.queue_team_get_for_user(slug=slug, user=request.user)
    try:
        case = services.case_claim_next(team=team, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("cases:queue", slug=team.slug)
    if case is None:
        messages.info(request, "There are no unclaimed cases in this queue")
        return redirect("cases:queue", slug=team.slug)
    messages.success(request, f"You have claimed {case.reference}: {case.summary}")
    return _to_case(case)


# --- Raising a case ------------------------------------------------------------------------------


def _customer_chosen(request) -> Customer | None:
    """The customer the case is for: ?customer=<id> from the customer page, then the form's
    hidden field. One the user may not see is a 404."""
    raw = (request.POST if request.method == "POST" else request.GET).get("customer", "")
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit()):
        raise Http404
    return selectors.customer_get_for_user(pk=int(raw), user=request.user)


@staff_permission_required(selectors.RAISE)
def case_create(request):
    customer = _customer_chosen(request)
    form = forms.CaseCreateForm(posted(request), initial={"customer": customer.pk if customer else None})
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_create(by=request.user, fields={**form.service_fields(), "customer": customer})
        except ValidationError as error:
            apply_errors(form, error)
        else:
            try:
                access = selectors.case_get_for_user(reference=case.reference, user=request.user)
            except Http404:
                access = None
            if access is not None and access.can_work:
                messages.success(request, f"Case {case.reference} has been raised")
                return _to_case(case)
            # Advisers read the reference back to the caller; they cannot work the case. A page of
            # its own, so that refreshing it does not raise the case again.
            return redirect("cases:case-raised", reference=case.reference)
    return render(request, "cases/case_create.html", {"form": form, "customer": customer})


@require_safe
@staff_permission_required(selectors.RAISE)
def case_raised(request, reference: str):
    case = selectors.case_raised_get_for_user(reference=reference, user=request.user)
    can_see = selectors.cases_visible_to(request.user).filter(pk=case.pk).exists()
    return render(request, "cases/case_created.html", {"case": case, "can_see": can_see})


# --- The case page -------------------------------------------------------------------------------


def _label(choices, value) -> str:
    """A stored choice in words, lower case ("service request"); the value itself if unknown."""
    try:
        return str(choices(value).label).lower()
    except ValueError:
        return str(value)


def _status_sentence(data: dict, by: str) -> str:
    before, after = data.get("from"), data.get("to")
    if after == Status.IN_PROGRESS:
        if before == Status.AWAITING_CUSTOMER:
            return f"Resumed{by} after waiting for the customer"
        if before in (Status.RESOLVED, Status.CLOSED):
            return f"Reopened{by}"
        return f"Work started{by}"
    if after == Status.AWAITING_CUSTOMER:
        return f"Set{by} to wait for the customer: the reply clock stopped"
    if after == Status.RESOLVED:
        met = data.get("respond_met")
        return f"Resolved{by}" + ("" if met is None else ", on time" if met else ", after the respond-by time")
    if after == Status.CLOSED:
        return f"Closed{by}"
    return f"Status changed{by} from {_label(Status, before)} to {_label(Status, after)}"


def _changed_sentence(data: dict, by: str, *, due: bool) -> str:
    names = ", ".join(name.replace("_", " ") for name in data.get("changes", {}))
    return f"Changed{by}: {names}" + ("; the due times were recalculated" if due else "")


def _routed_sentence(data: dict, by: str) -> str:
    if data.get("rule"):
        return f"Routed to {data.get('to')} by rule {data['rule']}"
    return f"Sent to {data.get('to')}"


_CHASE_WHAT = {
    ChaseKind.WARN_ACKNOWLEDGE: "Warning: the acknowledgement is due soon",
    ChaseKind.WARN_RESPOND: "Warning: the reply is due soon",
    ChaseKind.ESCALATE_ACKNOWLEDGE: "Escalated: the acknowledgement is late",
    ChaseKind.ESCALATE_RESPOND: "Escalated: the reply is late",
}


def _chased_sentence(data: dict, by: str) -> str:
    what = _CHASE_WHAT.get(data.get("step", ""), "Chased")
    level = f" (step {data['level'] + 1})" if str(data.get("step", "")).startswith("escalate") else ""
    told = ", ".join(data.get("to") or []) or "nobody"
    return f"{what}{level}: the chaser told {told}"


def _public_update_sentence(data: dict, by: str) -> str:
    if data.get("chaser"):
        what = "Holding update" if data["chaser"] == ChaseKind.HOLDING_UPDATE else "Reminder"
        how = "emailed to the customer" if data.get("emailed") else "no email address: phone the customer"
        return f"{what} to the customer by the chaser, {how}"
    return f"Update to the customer{by}" + (", emailed to them" if data.get("emailed") else "")


# kind -> (the event's data, " by <name>" or "") -> the sentence.
_SENTENCES: dict[str, Callable[[dict, str], str]] = {
    EventKind.CREATED: lambda d, by: (
        f"Raised{by}: {_label(CaseType, d.get('case_type'))}, received by {_label(Channel, d.get('channel'))}"
    ),
    EventKind.ROUTED: _routed_sentence,
    EventKind.ASSIGNED: lambda d, by: f"Assigned to {d['to']}{by}" if d.get("to") else f"Put back in the queue{by}",
    EventKind.CLAIMED: lambda d, by: f"Claimed{by}",
    EventKind.TRANSFERRED: lambda d, by: f"Transferred from {d.get('from')} to {d.get('to')}{by}",
    EventKind.NOTE: lambda d, by: f"Internal note{by}",
    EventKind.PUBLIC_UPDATE: _public_update_sentence,
    EventKind.CHASED: _chased_sentence,
    EventKind.HANDED_BACK: lambda d, by: f"Returned to the team queue by the chaser: {d.get('from')} is away",
    EventKind.STATUS_CHANGED: _status_sentence,
    EventKind.DUE_CHANGED: lambda d, by: _changed_sentence(d, by, due=True),
    EventKind.DETAILS_CHANGED: lambda d, by: _changed_sentence(d, by, due=False),
    EventKind.EXTENDED: lambda d, by: f"Respond-by time extended by {d.get('days')} working days{by}",
    EventKind.ESCALATED: lambda d, by: f"Escalated to stage 2{by}",
    EventKind.DECIDED: lambda d, by: (
        f"Stage {d.get('stage')} of the complaint decided{by}: {_label(ComplaintOutcome, d.get('outcome'))}, "
        f"root cause {_label(RootCause, d.get('root_cause'))}"
    ),
    EventKind.LINKED: lambda d, by: f"Linked to {d.get('reference')}{by}",
    EventKind.MERGED: lambda d, by: (
        f"Merged into {d['into']} as a duplicate{by}"
        if d.get("into")
        else f"{d.get('duplicate')} merged into this case{by}"
    ),
    EventKind.CUSTOMER_CHANGED: lambda d, by: f"Customer record {d.get('from')} merged into {d.get('to')}{by}",
    EventKind.CONTACTED: lambda d, by: (
        f"{'Customer chased progress' if d.get('chasing') else 'Customer contacted us'} by "
        f"{_label(Channel, d.get('channel')).lower()}, logged{by}"
    ),
}


@dataclass(frozen=True)
class Entry:
    """A timeline entry: the event, what happened as a sentence ("Transferred from Waste
    collections to Housing options by Owen Officer"), and what someone wrote (the reason, the
    note) or, for routing, why the rule matched."""

    event: CaseEvent
    sentence: str
    text: str


def event_entry(event: CaseEvent) -> Entry:
    data = event.data or {}
    by = f" by {_name(event.by)}" if event.by_id else ""
    sentence = _SENTENCES[event.kind](data, by) if event.kind in _SENTENCES else str(event.get_kind_display())
    text = data.get("reason", "") if event.kind == EventKind.ROUTED else event.text
    return Entry(event=event, sentence=sentence, text=text)


def _entries(events) -> list[Entry]:
    return [event_entry(event) for event in events]


def _actions(case: Case, stages: list) -> dict[str, bool]:
    """Which actions the case's state allows (the services refuse the rest anyway)."""
    status = case.status
    merged = case.merged_into_id is not None
    stage_one = next((stage for stage in stages if stage.stage == 1), None)
    extension = case.standard.extension_max_days if case.standard else 0
    return {
        "claim": case.is_open and case.owner_id is None and case.team_id is not None,
        "assign": case.is_open and case.team_id is not None,
        "transfer": case.is_open,
        "start": status in (Status.NEW, Status.ROUTED),
        "pause": status == Status.IN_PROGRESS,
        "resume": status == Status.AWAITING_CUSTOMER,
        "resolve": status in (Status.ROUTED, Status.IN_PROGRESS, Status.AWAITING_CUSTOMER),
        "close": status == Status.RESOLVED,
        "reopen": status in (Status.RESOLVED, Status.CLOSED) and not merged,
        "edit": case.is_open,
        "extend": case.is_open and not case.extension_days and bool(extension),
        "escalate": case.case_type == CaseType.COMPLAINT_STAGE_1
        and stage_one is not None
        and stage_one.decided_at is not None,
        "link": not merged,
        "merge": (case.is_open or status == Status.RESOLVED) and not merged,
        "update": status != Status.CLOSED,
    }


@require_safe
@staff_permission_required(STAFF)
def case_detail(request, reference: str):
    return _case_page(request, selectors.case_get_for_user(reference=reference, user=request.user))


def _case_page(request, access: selectors.CaseAccess, *, note_form=None, update_form=None):
    """The full page for those who may work the case; for the rest (advisers, a councillor's own
    enquiry) its summary and the updates sent to the customer, nothing internal."""
    case, now = access.case, timezone.now()
    if not access.can_work:
        updates = selectors.timeline(case=case, public_only=True)[::-1]
        context = {"case": case, "updates": updates, "milestones": milestones(case, now)}
        return render(request, "cases/case_summary.html", context)
    stages = list(case.complaint_stages.select_related("handler")) if case.is_complaint else []
    related = list(case.related.only("reference", "summary", "status").order_by("reference"))
    failed = note_form if note_form is not None and note_form.errors else update_form
    context = {
        "case": case,
        "due": due_next(case, now),
        "milestones": milestones(case, now),
        "stages": stages,
        "related": related,
        "attachments": selectors.case_attachments(case=case),
        "entries": _entries(selectors.timeline(case=case)[::-1]),
        "actions": _actions(case, stages),
        "note_form": note_form or forms.NoteForm(prefix="note"),
        "update_form": update_form or forms.UpdateForm(prefix="update"),
        # The page title says "Error:" when either form came back with errors.
        "form": failed,
    }
    return render(request, "cases/case_detail.html", context)


@require_safe
@staff_permission_required(selectors.WORK)
def attachment_download(request, reference: str, pk: int):
    """A file the customer sent, for those who may work the case: always a download, never shown
    in the browser (it could be a page of someone else's making), with the type found when it
    was checked."""
    attachment = selectors.attachment_get_for_user(reference=reference, pk=pk, user=request.user)
    try:
        file = attachments.file_open(attachment.stored_name)
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        file, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Opened in a tab all the same, it could run nothing and reach nothing of the site.
    response["Content-Security-Policy"] = "sandbox"
    return response


def _text_action(request, reference: str, *, form_class, prefix: str, add: Callable, success: str):
    """A note or an update from the case page: added, or the case page again with the error."""
    access = _workable(request, reference)
    form = form_class(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            add(case=access.case, by=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, success)
            return _to_case(access.case)
    return _case_page(request, access, **{f"{prefix}_form": form})


@require_POST
@staff_permission_required(selectors.WORK)
def case_note(request, reference: str):
    return _text_action(
        request, reference, form_class=forms.NoteForm, prefix="note", add=services.case_note_add,
        success="Your note has been added",
    )  # fmt: skip


@require_POST
@staff_permission_required(selectors.WORK)
def case_update(request, reference: str):
    return _text_action(
        request, reference, form_class=forms.UpdateForm, prefix="update", add=services.case_update_publish,
        success="Your update has been sent to the customer",
    )  # fmt: skip


def _button(request, case: Case, act: Callable[[int], object], success: str):
    """A button on the case page (claim, close, start, resume): done, or why not, as a message."""
    form = forms.CaseActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, forms.STALE_PAGE)
        return _to_case(case)
    try:
        act(form.cleaned_data["version"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return _to_case(case)


@require_POST
@staff_permission_required(selectors.WORK)
def case_claim(request, reference: str):
    case = _workable(request, reference).case
    return _button(
        request, case, lambda version: services.case_claim(case=case, by=request.user, version=version),
        "You now own this case",
    )  # fmt: skip


@require_POST
@staff_permission_required(selectors.WORK)
def case_close(request, reference: str):
    case = _workable(request, reference).case
    return _button(
        request, case, lambda version: services.case_close(case=case, by=request.user, version=version),
        "The case has been closed",
    )  # fmt: skip


# --- One page per action -------------------------------------------------------------------------


def _form_page(request, case: Case, form, *, template: str, act: Callable[[dict], str], done=None, context=None):
    """GET: the form. POST: `act(cleaned_data)` (a service call, returning what to tell the user),
    then back to the case page (or `done()`) with that message; the service's errors on the form. After a
    conflict the form keeps what was typed, shows what changed since the page was loaded, and
    carries the current version, so sending it again is a decision made knowing the change."""
    recent = None
    if request.method == "POST" and form.is_valid():
        try:
            success = act(form.cleaned_data)
        except services.CaseConflict as error:
            apply_errors(form, error)
            form.data = form.data.copy()
            form.data["version"] = Case.objects.values_list("version", flat=True).get(pk=case.pk)
            recent = _entries(list(case.events.select_related("by").order_by("-at", "-id")[:RECENT_EVENTS]))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, success)
            return done() if done is not None else _to_case(case)
    return render(request, template, {"case": case, "form": form, "recent": recent, **(context or {})})


def _initial(case: Case, **values) -> dict:
    return {"version": case.version, **values}


@staff_permission_required(selectors.WORK)
def case_assign(request, reference: str):
    case = _workable(request, reference).case
    officers = selectors.team_officers(team=case.team) if case.team is not None else []
    owner = str(case.owner_id) if case.owner_id else forms.QUEUE
    form = forms.AssignForm(posted(request), officers=officers, initial=_initial(case, owner=owner))

    def act(data):
        owner = form.chosen_owner()
        services.case_assign(case=case, owner=owner, by=request.user, version=data["version"])
        return f"The case has been assigned to {_name(owner)}" if owner else "The case is back in the queue"

    return _form_page(request, case, form, template="cases/case_assign.html", act=act)


@staff_permission_required(selectors.WORK)
def case_transfer(request, reference: str):
    case = _workable(request, reference).case
    form = forms.TransferForm(posted(request), exclude_team_id=case.team_id, initial=_initial(case))

    def act(data):
        services.case_transfer(
            case=case, team=data["team"], by=request.user, reason=data["reason"], version=data["version"]
        )
        return f"The case has been transferred to {data['team'].name}"

    came_from = case.team

    def done():
        if selectors.cases_visible_to(request.user).filter(pk=case.pk).exists():
            return _to_case(case)
        # Now another team's, out of the user's sight: back to the queue it came from.
        return redirect("cases:queue", slug=came_from.slug) if came_from else redirect("cases:triage")

    return _form_page(request, case, form, template="cases/case_transfer.html", act=act, done=done)


_STATUS_SUCCESS = {
    "start": "You have started work on the case",
    "pause": "The case is waiting for the customer: the reply clock has stopped",
    "resume": "Work has resumed: the respond-by time allows for the wait",
}


@staff_permission_required(selectors.WORK)
def case_status(request, reference: str):
    """This page asks what the case waits for; starting and resuming are buttons on the case page."""
    case = _workable(request, reference).case
    action = request.POST.get("action") if request.method == "POST" else "pause"
    if action in ("start", "resume"):
        return _button(
            request, case,
            lambda version: services.case_status_set(case=case, by=request.user, action=action, version=version),
            _STATUS_SUCCESS[action],
        )  # fmt: skip
    form = forms.StatusForm(posted(request), initial=_initial(case, action="pause"))

    def act(data):
        services.case_status_set(
            case=case, by=request.user, action=data["action"], reason=data["reason"], version=data["version"]
        )
        return _STATUS_SUCCESS[data["action"]]

    return _form_page(request, case, form, template="cases/case_status.html", act=act)


@staff_permission_required(selectors.WORK)
def case_resolve(request, reference: str):
    case = _workable(request, reference).case
    form = forms.ResolveForm(posted(request), complaint=case.is_complaint, initial=_initial(case))

    def act(data):
        decision = form.decision_fields()
        services.case_resolve(
            case=case,
            by=request.user,
            resolution=data["resolution"],
            decision=services.ComplaintDecision(**decision) if decision else None,
            version=data["version"],
        )
        return "The case has been resolved"

    return _form_page(request, case, form, template="cases/case_resolve.html", act=act)


@staff_permission_required(selectors.WORK)
def case_reopen(request, reference: str):
    case = _workable(request, reference).case
    form = forms.ReasonForm(
        posted(request),
        label="Why is the case being reopened?",
        submit_label="Reopen the case",
        initial=_initial(case),
    )

    def act(data):
        services.case_reopen(case=case, by=request.user, reason=data["reason"], version=data["version"])
        return "The case has been reopened"

    return _form_page(request, case, form, template="cases/case_reopen.html", act=act)


@staff_permission_required(selectors.WORK)
def case_edit(request, reference: str):
    case = _workable(request, reference).case
    initial = _initial(case, **{name: getattr(case, name) for name in services.EDITABLE_FIELDS if name != "topic"})
    initial["topic"] = str(case.topic_id) if case.topic_id else ""
    form = forms.EditForm(posted(request), complaint=case.is_complaint, initial=initial)

    def act(data):
        services.case_edit(case=case, by=request.user, fields=form.service_fields(), version=data["version"])
        return "The case has been changed"

    return _form_page(request, case, form, template="cases/case_edit.html", act=act)


@staff_permission_required(selectors.WORK)
def case_extend(request, reference: str):
    case = _workable(request, reference).case
    form = forms.ExtendForm(posted(request), initial=_initial(case))

    def act(data):
        services.case_extend(
            case=case, by=request.user, days=data["days"], reason=data["reason"], version=data["version"]
        )
        return "The respond-by time has been extended"

    allowed = case.standard.extension_max_days if case.standard else 0
    return _form_page(request, case, form, template="cases/case_extend.html", act=act, context={"allowed": allowed})


@staff_permission_required(selectors.WORK)
def case_escalate(request, reference: str):
    case = _workable(request, reference).case
    form = forms.ReasonForm(
        posted(request),
        label="Why does the customer want the complaint escalated?",
        help_text="Stage 2 starts a new reply clock and must be handled by a different officer from stage 1.",
        submit_label="Escalate to stage 2",
        initial=_initial(case),
    )

    def act(data):
        services.complaint_escalate(case=case, by=request.user, reason=data["reason"], version=data["version"])
        return "The complaint has been escalated to stage 2 and is back in its team's queue"

    return _form_page(request, case, form, template="cases/case_escalate.html", act=act)


NOT_SEEN = "Enter the reference of a case you can see"


def _other_case(queryset, form) -> Case | None:
    """The case the form's reference names, among `queryset` (the user's scope); otherwise a form
    error that does not say whether such a case exists."""
    other = queryset.filter(reference=form.cleaned_data["reference"]).first()
    if other is None:
        form.add_error("reference", NOT_SEEN)
    return other


@staff_permission_required(selectors.WORK)
def case_link(request, reference: str):
    case = _workable(request, reference).case
    form = forms.ReferenceForm(
        posted(request), label="Reference of the related case", submit_label="Link the cases", initial=_initial(case)
    )
    if request.method == "POST" and form.is_valid():
        other = _other_case(selectors.cases_visible_to(request.user), form)
        if other is not None:
            try:
                services.case_link(case=case, other=other, by=request.user)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, f"The case has been linked to {other.reference}")
                return _to_case(case)
    return render(request, "cases/case_link.html", {"case": case, "form": form})


@staff_permission_required(selectors.WORK)
def case_merge(request, reference: str):
    """Two steps: name the case to merge this duplicate into, then confirm having seen it."""
    case = _workable(request, reference).case
    form = forms.CaseMergeForm(
        posted(request),
        label="Reference of the case to merge this one into",
        submit_label="Continue",
        initial=_initial(case),
    )
    if request.method == "POST" and form.is_valid():
        into = _other_case(selectors.cases_workable_by(request.user), form)
        if into is not None and into.pk == case.pk:
            # Said before the confirmation page, which would otherwise ask to merge it into itself.
            form.add_error("reference", "A case cannot be merged into itself")
            into = None
        if into is not None and not form.cleaned_data["confirm"]:
            return render(request, "cases/case_merge_confirm.html", {"case": case, "into": into, "form": form})
        if into is not None:

            def act(data):
                services.case_merge(duplicate=case, into=into, by=request.user, version=data["version"])
                return f"This case has been merged into {into.reference}"

            return _form_page(request, case, form, template="cases/case_merge.html", act=act)
    return render(request, "cases/case_merge.html", {"case": case, "form": form})


SEARCH_LIMIT = 20
ENQUIRIES_PAGE_SIZE = 25


# --- Customers ---------------------------------------------------------------------------------


@require_safe
@staff_permission_required(selectors.VIEW_CUSTOMERS)
def customer_list(request):
    query = selectors.find_query_clean(request.GET.get("q", ""))
    # One more than is shown, to know whether to ask for a narrower search.
    found = selectors.customer_find(user=request.user, query=query, limit=SEARCH_LIMIT + 1) if query else []
    return render(
        request,
        "cases/customers/list.html",
        {"query": query, "matches": found[:SEARCH_LIMIT], "more": len(found) > SEARCH_LIMIT},
    )


@staff_permission_required(selectors.EDIT_CUSTOMERS)
def customer_create(request):
    form = forms.CustomerForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            customer = services.customer_create(by=request.user, fields=form.service_fields())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"{customer} has been added.")
            return redirect("cases:customer-detail", pk=customer.pk)
    return render(request, "cases/customers/form.html", {"form": form, "customer": None})


@staff_permission_required(selectors.EDIT_CUSTOMERS)
def customer_update(request, pk: int):
    customer = selectors.customer_get_for_user(pk=pk, user=request.user)
    if customer.merged_into_id is not None:
        return redirect("cases:customer-detail", pk=customer.pk)  # which says where it went
    form = forms.CustomerForm(posted(request), customer=customer)
    if request.method == "POST" and form.is_valid():
        try:
            services.customer_update(customer=customer, by=request.user, fields=form.service_fields())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"{customer} has been updated.")
            return redirect("cases:customer-detail", pk=customer.pk)
    return render(request, "cases/customers/form.html", {"form": form, "customer": customer})


@require_safe
@staff_permission_required(selectors.VIEW_CUSTOMERS)
def customer_detail(request, pk: int):
    customer = selectors.customer_get_for_user(pk=pk, user=request.user)
    context: dict = {"customer": customer}
    if customer.merged_into_id is None:
        context["duplicates"] = selectors.customer_duplicates(customer=customer)
        context["cases"] = selectors.customer_cases(customer=customer, user=request.user)
    return render(request, "cases/customers/detail.html", context)


def _merge_partner(request, customer):
    """The other record, named by ?into= and fetched with the same access check; None when not
    given (or this record itself)."""
    into = request.GET.get("into", "")
    if not into:
        return None
    # The same bounds as the <int:pk> of the URL: ASCII digits, within a bigint.
    if not (into.isascii() and into.isdigit() and len(into) <= 18):
        raise Http404
    if int(into) == customer.pk:
        return None
    return selectors.customer_get_for_user(pk=int(into), user=request.user)


@staff_permission_required(selectors.MERGE_CUSTOMERS)
def customer_merge(request, pk: int):
    customer = selectors.customer_get_for_user(pk=pk, user=request.user)
    if customer.merged_into_id is not None:
        return redirect("cases:customer-detail", pk=customer.pk)
    other = _merge_partner(request, customer)
    if other is None:
        if request.method == "POST":
            raise Http404
        # First choose the duplicate; then confirm which record to keep.
        duplicates = selectors.customer_duplicates(customer=customer)
        return render(request, "cases/customers/merge_choose.html", {"customer": customer, "duplicates": duplicates})
    form = forms.CustomerMergeForm(posted(request), records=(customer, other))
    if request.method == "POST" and form.is_valid():
        kept, merged = form.kept_and_merged()
        try:
            services.customer_merge(source=merged, target=kept, by=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"{merged} (record {merged.pk}) has been merged into this record.")
            return redirect("cases:customer-detail", pk=kept.pk)
    return render(request, "cases/customers/merge.html", {"customer": customer, "other": other, "form": form})


@require_safe
@staff_permission_required(selectors.VIEW_CUSTOMERS)
def customer_history(request, pk: int):
    customer = selectors.customer_get_for_user(pk=pk, user=request.user)
    return render(
        request,
        "cases/customers/history.html",
        {"entry": customer, "changes": change_rows(selectors.customer_history(customer=customer), model=Customer)},
    )


# --- Councillors' enquiries --------------------------------------------------------------------


@require_safe
@staff_permission_required(selectors.RAISE_ENQUIRIES)
def enquiry_list(request):
    enquiries = selectors.enquiries_for_councillor(user=request.user)
    return render(request, "cases/enquiries/list.html", _page(request, enquiries, ENQUIRIES_PAGE_SIZE))


@staff_permission_required(selectors.RAISE_ENQUIRIES)
def enquiry_create(request):
    form = forms.EnquiryForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            case = services.enquiry_create(councillor=request.user, **form.service_fields())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"Your enquiry has been sent. Its reference is {case.reference}.")
            return redirect("cases:enquiry-detail", reference=case.reference)
    return render(request, "cases/enquiries/form.html", {"form": form})


@require_safe
@staff_permission_required(selectors.RAISE_ENQUIRIES)
def enquiry_detail(request, reference: str):
    case = selectors.enquiry_get_for_councillor(reference=reference, user=request.user)
    updates = selectors.timeline(case=case, public_only=True)
    return render(request, "cases/enquiries/detail.html", {"case": case, "updates": updates})


# --- Routing rules -----------------------------------------------------------------------------

ADD_RULES = "cases.add_routingrule"
DELETE_RULES = "cases.delete_routingrule"


@require_safe
@staff_permission_required(EDIT_RULES)
def rule_list(request):
    rules = selectors.rules_for_user(request.user).order_by("position")
    rows = [{"rule": rule, "conditions": routing.rule_describe(selectors.rule_compile(rule))} for rule in rules]
    return render(request, "cases/rules/list.html", {"rows": rows})


@staff_permission_required(ADD_RULES)
def rule_create(request):
    form = forms.RuleForm(posted(request), teams=selectors.rule_teams_for_user(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            rule = services.routing_rule_create(by=request.user, fields=form.service_fields())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"Rule {rule.position}, “{rule.name}”, has been added.")
            return redirect("cases:rule-list")
    return render(request, "cases/rules/form.html", {"form": form, "rule": None})


@staff_permission_required(EDIT_RULES)
def rule_update(request, pk: int):
    rule = selectors.rule_get_for_user(pk=pk, user=request.user)
    form = forms.RuleForm(posted(request), teams=selectors.rule_teams_for_user(request.user), rule=rule)
    if request.method == "POST" and form.is_valid():
        try:
            rule = services.routing_rule_update(rule=rule, by=request.user, fields=form.service_fields())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"Rule {rule.position}, “{rule.name}”, has been saved.")
            return redirect("cases:rule-list")
    return render(request, "cases/rules/form.html", {"form": form, "rule": rule})


@staff_permission_required(DELETE_RULES)
def rule_delete(request, pk: int):
    rule = selectors.rule_get_for_user(pk=pk, user=request.user)
    if request.method == "POST":
        label = f"Rule {rule.position}, “{rule.name}”,"
        services.routing_rule_delete(rule=rule, by=request.user)
        messages.success(request, f"{label} has been deleted.")
        return redirect("cases:rule-list")
    return render(request, "cases/rules/delete.html", {"rule": rule})


@require_safe
@staff_permission_required(EDIT_RULES)
def rule_history(request, pk: int):
    rule = selectors.rule_get_for_user(pk=pk, user=request.user)
    changes = change_rows(selectors.rule_history(rule=rule), model=RoutingRule)
    return render(request, "cases/rules/history.html", {"entry": rule, "changes": changes})


@require_safe
@staff_permission_required(EDIT_RULES)
def rule_test(request):
    # A GET form: the sample is in the address, so a result can be shared or bookmarked.
    submitted = "case_type" in request.GET
    form = forms.RuleTestForm(request.GET if submitted else None)
    decision = selectors.routing_preview(facts=form.facts()) if submitted and form.is_valid() else None
    return render(request, "cases/rules/test.html", {"form": form, "decision": decision})


# --- The chaser's dry run ------------------------------------------------------------------------


@require_safe
@staff_permission_required(selectors.CHASE_POLICY_EDIT)
def chase_preview(request):
    """What the next chase run would do to the cases of an area (or, for administrators, those
    the council's rules cover), under the rules in force or under changed ones typed into the
    form below the list: nothing is saved or sent."""
    rules = standards_selectors.chase_rules_get_for_user(
        area_pk=_int_or_404(request.GET.get("area")), user=request.user
    )
    trying = "warn_lead_hours" in request.GET
    form = standards_forms.ChasePolicyForm(
        request.GET if trying else None, policy=rules.rules, submit_label="Show what the next run would do"
    )
    proposed, changed = rules.rules, False
    if trying and form.is_valid():
        candidate = ChasePolicy(service_area=rules.area, **form.service_fields())
        try:
            candidate.full_clean(exclude=["service_area"], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            apply_errors(form, error, field_names=standards_forms.POLICY_ERROR_FIELDS)
        else:
            proposed, changed = candidate, True
    now = timezone.now() + timedelta(seconds=settings.CHASE_EVERY_SECONDS)
    preview = selectors.chase_preview(area_id=rules.area.pk if rules.area else None, policy=proposed, now=now)
    return render(
        request, "cases/chase_preview.html", {"area": rules.area, "form": form, "preview": preview, "changed": changed}
    )


def _int_or_404(value: str | None) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except ValueError:
        raise Http404 from None
    if not 0 < number < 2**31:
        raise Http404
    return number
