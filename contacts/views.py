"""The front door's pages: the "Contact us" start page and each online form (a question a page,
check your answers, confirmation), files uploaded with a form, tracking a case without an
account, and the managers' pages for the request types.

Thin: the answers in progress live in the session (contacts.drafts); sending calls
contacts.services.web_request_send, which makes everything in one transaction."""

import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import BadRequest, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cases import attachments
from cases import selectors as cases_selectors
from cases import services as cases_services
from cases.models import Case, Customer, Status
from cases.selectors import find_query_clean
from cases.tracking import tracking_token_read
from cases.views import _page, list_extras
from core.access import staff_permission_required
from core.changes import change_rows
from core.dates import govuk_date
from core.forms import posted
from directory.models import Officer, Partner, Topic
from directory.selectors import directory_search, search_query_clean
from standards.forms import apply_errors
from standards.models import Channel, Priority

from . import drafts, forms, selectors, services
from .abuse import limited_response, submission_limited, survey_limited, tracking_limited, upload_limited
from .forms import TrackForm
from .models import (
    LOG_CONTACTS,
    LOGGED_CHANNELS,
    RECEIVE_VISITORS,
    VIEW_ALL_CONTACTS,
    VIEW_AREA_CONTACTS,
    VIEW_SURVEY_ANSWERS,
    VIEW_TEAM_CONTACTS,
    Contact,
    Outcome,
    Question,
    QuestionValue,
    ReceptionVisit,
    RequestType,
)

# Who logs contacts sees their own; managers their scope's (visible_to), logging or not.
SEE_CONTACTS = (LOG_CONTACTS, VIEW_TEAM_CONTACTS, VIEW_AREA_CONTACTS, VIEW_ALL_CONTACTS)

# --- Residents: the start page and the forms (journey) --------------------------------------------

LOCATION, FILES, ABOUT_YOU, CHECK = "where", "files", "about-you", "check"
# Whether each form's acknowledgement email went, for its confirmation page (a re-post keeps the
# first answer: the repeat itself emails nobody).
EMAILED_KEY = "contact_emailed"


@require_safe
def contact_start(request):
    """ "Contact us": the forms residents can fill in online, under their groups, and what to
    phone about instead, and why."""
    request_types = selectors.request_types_for_start_page()
    groups = [
        (label, [rt for rt in request_types if rt.takes_online and rt.group == value])
        for value, label in RequestType.Group.choices
    ]
    return render(
        request,
        "contacts/start.html",
        {
            "groups": [(label, types) for label, types in groups if types],
            "phone_only": [rt for rt in request_types if not rt.takes_online],
        },
    )


def steps(request_type: RequestType) -> list[str]:
    """The steps of a form, in order: its questions (by `order`), where, files, about you and
    check your answers. Each is a page at step_url."""
    codes = [question.code for question in request_type.questions.all()]
    if request_type.asks_location:
        codes.append(LOCATION)
    if request_type.takes_attachments:
        codes.append(FILES)
    return [*codes, ABOUT_YOU, CHECK]


def step_url(request_type: RequestType, code: str) -> str:
    if code == FILES:
        return reverse("contacts:form-files", kwargs={"slug": request_type.slug})
    return reverse("contacts:form-step", kwargs={"slug": request_type.slug, "code": code})


def step_after(request_type: RequestType, current: str, *, change: bool = False) -> str:
    """Where a step goes once saved: the next step, or back to check your answers after a
    Change link (change=True)."""
    order = steps(request_type)
    if change or current == CHECK:
        return step_url(request_type, CHECK)
    return step_url(request_type, order[order.index(current) + 1])


def step_before(request_type: RequestType, current: str, *, change: bool = False) -> str:
    """A step's back link: the step before (the form's start page before the first), or check
    your answers when the resident came from its Change link."""
    if change:
        return step_url(request_type, CHECK)
    order = steps(request_type)
    index = order.index(current)
    if index == 0:
        return reverse("contacts:form-start", kwargs={"slug": request_type.slug})
    return step_url(request_type, order[index - 1])


def _form_context(request_type: RequestType, draft: drafts.Draft, **extra) -> dict:
    # What every page of a form shows: the form, how long answers are kept and, for the timeout
    # warning (static/portal/contact-timeout.js), how long this draft has left.
    return {
        "request_type": request_type,
        "draft_minutes": settings.CONTACT_DRAFT_MINUTES,
        "seconds_left": draft.seconds_left() if draft.saved_at else 0,
        **extra,
    }


def _start_page(request, request_type: RequestType, *, expired: bool = False, status: int = 200):
    return render(
        request,
        "contacts/form_start.html",
        {
            "request_type": request_type,
            "first_step": step_url(request_type, steps(request_type)[0]),
            "expired": expired,
            "draft_minutes": settings.CONTACT_DRAFT_MINUTES,
            "standard": selectors.web_form_standard(request_type),
        },
        status=status,
    )


def _expired(request, request_type: RequestType, *, status: int = 200):
    """The form's start page saying its answers ran out of time and were deleted."""
    return _start_page(request, request_type, expired=True, status=status)


@require_safe
def form_start(request, slug):
    """A form's GOV.UK start page: what it is for, what the resident needs, the published
    standard, and Start now; it says so when the answers of an earlier visit ran out of time."""
    request_type = selectors.request_type_get_public(slug=slug)
    return _start_page(request, request_type, expired=drafts.draft_get(request, slug).expired)


def _question(request_type: RequestType, code: str):
    return next((q for q in request_type.questions.all() if q.code == code), None)


@require_http_methods(["GET", "POST"])
def form_step(request, slug, code):
    """One step of a form: a question, where or about you (check your answers: form_check).
    Saving one goes to the next step, or back to check your answers from its Change link; an
    answer that stops the form goes to its stop page, keeping the answers."""
    request_type = selectors.request_type_get_public(slug=slug)
    if code not in steps(request_type) or code == FILES:
        raise Http404("No such step")
    draft = drafts.draft_get(request, slug)
    if draft.expired:
        return _expired(request, request_type, status=200 if request.method == "GET" else 400)
    if code == CHECK:
        return _form_check(request, request_type, draft)
    change = request.GET.get("change") == "1"
    question = _question(request_type, code)
    data = posted(request)
    if question is not None:
        form = forms.QuestionForm(
            data,
            question=question,
            caption=request_type.name,
            initial=forms.question_initial(question, draft.answers.get(code)),
        )
        title = question.description
    elif code == LOCATION:
        form = forms.LocationForm(
            data, legend=request_type.location_label, caption=request_type.name, initial=draft.location
        )
        title = request_type.location_label
    else:
        if data is not None and forms.is_bot(data):
            # A robot filled in the honeypot: it is told what a person would be, and nothing is sent.
            drafts.draft_clear(request, slug)
            return render(request, "contacts/thanks.html", {"request_type": request_type})
        form = forms.DetailsForm(data, caption=request_type.name, initial=draft.details)
        title = forms.DetailsForm.heading
    if data is not None and form.is_valid():
        if question is not None:
            draft.answers[code] = form.stored()
        elif code == LOCATION:
            draft.location = form.cleaned_data
        else:
            draft.details = form.details()
        drafts.draft_save(request, slug, draft)
        stop = (
            forms.stopping_value(question, draft.answers[code]) if question is not None and question.is_list else None
        )
        if stop is not None:
            return redirect("contacts:form-stop", slug=slug, code=code)
        return redirect(step_after(request_type, code, change=change))
    return render(
        request,
        "contacts/step.html",
        _form_context(
            request_type,
            draft,
            form=form,
            title=title,
            question=question,
            back_url=step_before(request_type, code, change=change),
        ),
    )


@require_safe
def form_stop(request, slug, code):
    """The page an urgent answer leads to: what to do now and the number to phone. The answers
    are kept, so the resident can go back and change this one."""
    request_type = selectors.request_type_get_public(slug=slug)
    question = _question(request_type, code)
    if question is None or not question.is_list:
        raise Http404("No such question")
    draft = drafts.draft_get(request, slug)
    stop = forms.stopping_value(question, draft.answers.get(code, ""))
    if stop is None:
        return redirect("contacts:form-step", slug=slug, code=code)
    return render(
        request,
        "contacts/stop.html",
        {"request_type": request_type, "stop": stop, "back_url": step_url(request_type, code)},
    )


def _missing_step(request_type: RequestType, draft: drafts.Draft) -> str | None:
    # The first step a resident has still to do before check your answers (files are optional).
    for question in request_type.questions.all():
        if question.required and draft.answers.get(question.code) in (None, "", []):
            return question.code
    if request_type.asks_location and not draft.location:
        return LOCATION
    if not draft.details.get("name") or not (draft.details.get("email") or draft.details.get("phone")):
        return ABOUT_YOU
    return None


def _summary(request_type: RequestType, draft: drafts.Draft) -> tuple[list[dict], list[services.Answer]]:
    # The check answers page's rows (with their Change links) and what the service is sent.
    rows, answers = [], []
    for question in request_type.questions.all():
        stored = draft.answers.get(question.code, "")
        text = forms.answer_text(question, stored)
        if text:
            answers.append(services.Answer(code=question.code, question=question.description, value=stored, text=text))
        rows.append({"key": question.description, "lines": [text or "Not answered"], "code": question.code})
    if request_type.asks_location:
        lines = [draft.location.get(name, "") for name in ("line1", "line2", "town", "postcode")]
        rows.append({"key": request_type.location_label, "lines": [line for line in lines if line], "code": LOCATION})
    if request_type.takes_attachments:
        names = [file.original_name for file in cases_selectors.attachments_pending(key=draft.key)]
        rows.append({"key": "Photos and documents", "lines": names or ["None added"], "code": FILES})
    for name, label in (("name", "Full name"), ("email", "Email address"), ("phone", "UK phone number")):
        rows.append({"key": label, "lines": [draft.details.get(name) or "Not given"], "code": ABOUT_YOU})
    for row in rows:
        row["change_url"] = step_url(request_type, row["code"]) + "?change=1"
    return rows, answers


def _sent(request, slug: str, sent_contact, *, emailed: bool | None = None):
    drafts.sent_remember(request, slug, sent_contact.pk)
    if emailed is not None:
        request.session[EMAILED_KEY] = {**request.session.get(EMAILED_KEY, {}), slug: emailed}
    drafts.draft_clear(request, slug)
    return redirect("contacts:form-sent", slug=slug)


def _form_check(request, request_type: RequestType, draft: drafts.Draft):
    """Check your answers, and Send. A repeat of a Send (a double click, a re-post, a replay)
    finds the form it sent by its key and shows the same confirmation."""
    slug = request_type.slug
    send = forms.SendForm(request.POST if request.method == "POST" else None, initial={"key": draft.key})
    if request.method == "POST":
        key = send.cleaned_data["key"] if send.is_valid() else None
        # A Send whose draft is gone or another (sent already, from this page or a copy of it):
        # the form it sent, if any. With its draft, web_request_send itself finds a repeat.
        if key is not None and str(key) != draft.key:
            earlier = selectors.contact_sent_get(request_type=request_type, key=key)
            if earlier is not None:
                return _sent(request, slug, earlier)
        if not draft.saved_at:
            return render(
                request,
                "contacts/start_again.html",
                {"request_type": request_type, "draft_minutes": settings.CONTACT_DRAFT_MINUTES},
                status=400,
            )
        if key is None or str(key) != draft.key:
            send = forms.SendForm({"key": draft.key})
            send.is_valid()
            send.add_error(None, "This page was out of date. Check your answers again, then send them")
    missing = _missing_step(request_type, draft)
    if missing is not None:
        if not draft.saved_at and request.method == "GET":
            return redirect(step_url(request_type, steps(request_type)[0]))
        return redirect(step_url(request_type, missing))
    rows, answers = _summary(request_type, draft)
    if request.method == "POST" and not send.errors:
        if submission_limited(request, email=draft.details.get("email", "")):
            return limited_response(request, what="forms")
        try:
            sent = services.web_request_send(
                key=uuid.UUID(draft.key),
                request_type=request_type,
                answers=answers,
                details=draft.details,
                location=forms.location_for_service(draft.location),
            )
        except ValidationError as error:
            apply_errors(send, error)
        else:
            return _sent(request, slug, sent.contact, emailed=None if sent.repeated else sent.emailed)
    return render(
        request,
        "contacts/check.html",
        _form_context(request_type, draft, form=send, rows=rows, back_url=step_before(request_type, CHECK)),
    )


@require_safe
def form_sent(request, slug):
    """The confirmation: the case's reference in a panel (a comment has none), what happens
    next, the published standard and the date we will reply by. Only in the session that sent it."""
    request_type = selectors.request_type_get_public(slug=slug)
    contact = selectors.contact_sent_get(request_type=request_type, pk=drafts.sent_get(request, slug))
    if contact is None:
        return redirect("contacts:form-start", slug=slug)
    case = contact.case
    return render(
        request,
        "contacts/sent.html",
        {
            "request_type": request_type,
            "contact": contact,
            "case": case,
            "reply": selectors.reply_promise(case) if case is not None else None,
            "emailed": request.session.get(EMAILED_KEY, {}).get(slug, False),
            "email": contact.customer.email if contact.customer else "",
        },
    )


@require_POST
def form_keep(request, slug):
    """ "Keep my answers" (the timeout warning's button): the draft is saved again, so it is kept
    CONTACT_DRAFT_MINUTES more; JSON with the seconds it has left. 404 when there is none."""
    selectors.request_type_get_public(slug=slug)
    draft = drafts.draft_get(request, slug)
    if not draft.saved_at:
        return JsonResponse({"seconds_left": 0}, status=404)
    drafts.draft_save(request, slug, draft)
    return JsonResponse({"seconds_left": draft.seconds_left()})


# --- Residents: files uploaded with a form --------------------------------------------------------


@require_http_methods(["GET", "POST"])
def form_files(request, slug):
    """The files step of a form that takes them: add photos or documents one at a time, see what
    is added, remove one; Continue goes on (files are optional) and adds a file chosen but not
    yet added, so it is not lost. Each file is checked and kept under the draft's key until the
    form is sent (cases.services.attachment_add)."""
    request_type = selectors.request_type_get_public(slug=slug)
    if not request_type.takes_attachments:
        raise Http404("No such step")
    draft = drafts.draft_get(request, slug)
    if draft.expired:
        return _expired(request, request_type, status=200 if request.method == "GET" else 400)
    change = request.GET.get("change") == "1"
    form = forms.FileForm(required=False)
    if request.method == "POST":
        # The files are kept under the draft's key: the draft must keep it.
        drafts.draft_save(request, slug, draft)
        if "remove" in request.POST:
            return _file_remove(request, draft)
        going_on = request.POST.get("action") == "continue"
        form = forms.FileForm(request.POST, request.FILES, required=not going_on)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload is None:  # Continue, no file chosen
                return redirect(step_after(request_type, FILES, change=change))
            if upload_limited(request):
                return limited_response(request, what="files")
            try:
                added = cases_services.attachment_add(key=draft.key, upload=upload)
            except ValidationError as error:
                form.add_error("file", error)
            else:
                messages.success(request, f"{added.original_name} has been added")
                return redirect(step_after(request_type, FILES, change=change) if going_on else request.get_full_path())
    files = cases_selectors.attachments_pending(key=draft.key)
    return render(
        request,
        "contacts/files.html",
        _form_context(
            request_type,
            draft,
            form=form,
            files=files,
            files_max=settings.ATTACHMENTS_PER_FORM,
            size_max=attachments.size_limit(),
            back_url=step_before(request_type, FILES, change=change),
        ),
    )


def _file_remove(request, draft: drafts.Draft):
    remove = forms.RemoveFileForm(request.POST)
    if not remove.is_valid():
        raise BadRequest("Not a file of this form")
    removed = cases_services.attachment_remove(key=draft.key, attachment_id=remove.cleaned_data["remove"])
    if removed is not None:
        messages.success(request, f"{removed.original_name} has been removed")
    return redirect(request.get_full_path())


# --- Residents: tracking a case -------------------------------------------------------------------


def _tracking_page(request, case):
    # Only what the resident may see: contacts.selectors loads nothing else.
    return render(
        request,
        "contacts/track_case.html",
        {
            "case": case,
            "resolved": case.status in (Status.RESOLVED, Status.CLOSED),
            "reply": selectors.reply_promise(case),
            "updates": case.public_updates,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def track(request):
    """A case's tracking page for its reference and the email address or postcode given with it.
    Every refusal is the same page, an empty form and one message, whatever was wrong."""
    form = TrackForm(posted(request))
    if not form.is_valid():
        return render(request, "contacts/track.html", {"form": form})
    reference = form.cleaned_data["reference"]
    if tracking_limited(request, reference=reference):
        return limited_response(request, what="tracking")
    case = selectors.tracking_find(reference=reference, proof=form.cleaned_data["proof"])
    if case is None:
        return render(request, "contacts/track.html", {"form": TrackForm(), "refused": True})
    return _tracking_page(request, case)


@never_cache
@require_safe
def track_link(request, token):
    """The tracking page from the signed link in a resident's email; a forged, damaged or expired
    link says so (404) and offers the form."""
    reference = tracking_token_read(token)
    case = selectors.tracking_case(reference) if reference else None
    if case is None:
        return render(request, "contacts/track_link_broken.html", status=404)
    return _tracking_page(request, case)


# --- Managers: request types ----------------------------------------------------------------------
# Request types as data: managers add and change the online forms, their questions and answers, on
# these pages. Everything is fetched through contacts.selectors' access-checked getters (404
# outside the manager's service areas); the services validate, write and keep the history.

MANAGE = selectors.EDIT_REQUEST_TYPES
# The history shows a change's fields as the edit forms label them.
_HISTORY_MODELS: dict[str, tuple[type, type]] = {
    "requesttype": (RequestType, forms.RequestTypeEditForm),
    "question": (Question, forms.QuestionEditForm),
    "questionvalue": (QuestionValue, forms.QuestionValueEditForm),
}


def _labels(form_class) -> dict[str, str]:
    return {name: str(field.label).removesuffix(" (optional)") for name, field in form_class.base_fields.items()}


def _to_request_type(request_type_id: int, anchor: str = ""):
    url = reverse("contacts:request-type-detail", args=[request_type_id])
    return redirect(f"{url}#{anchor}" if anchor else url)


def _type_form(request, request_type: RequestType | None = None) -> forms.RequestTypeEditForm:
    return forms.RequestTypeEditForm(
        posted(request),
        topics=selectors.request_type_topics_for_user(request.user),
        general=request.user.has_perm(selectors.EDIT_GENERAL_REQUEST_TYPES),
        request_type=request_type,
    )


def _saved(request, form, save: Callable[[dict], object], done: Callable[[object], HttpResponse], message: str):
    """Call the service with the form's fields: its errors show on the form, else `done`."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        entry = save(form.service_fields())
    except ValidationError as error:
        apply_errors(form, error)
        return None
    messages.success(request, message.format(entry=entry))
    return done(entry)


@require_safe
@staff_permission_required(MANAGE)
def request_type_list(request):
    request_types = selectors.request_types_listed_for_user(request.user)
    groups = [
        (label, [entry for entry in request_types if entry.group == value])
        for value, label in RequestType.Group.choices
    ]
    return render(request, "contacts/manage/list.html", {"groups": [group for group in groups if group[1]]})


@require_http_methods(["GET", "POST"])
@staff_permission_required(MANAGE)
def request_type_create(request):
    form = _type_form(request)
    response = _saved(
        request,
        form,
        lambda fields: services.request_type_create(by=request.user, fields=fields),
        lambda entry: _to_request_type(entry.pk),
        "The form “{entry.name}” has been added. Now add its questions.",
    )
    return response or render(request, "contacts/manage/form.html", {"form": form, "request_type": None})


@require_safe
@staff_permission_required(MANAGE)
def request_type_detail(request, pk: int):
    request_type = selectors.request_type_get_for_user(pk=pk, user=request.user)
    questions = selectors.request_type_questions(request_type)
    definition = selectors.open311_definition(request_type)
    context = {
        "request_type": request_type,
        "questions": questions,
        "answers_min": services.LIST_ANSWERS_MIN,
        # Escaped by the template, like every word a manager typed.
        "definition": json.dumps(definition, indent=2, ensure_ascii=False),
    }
    return render(request, "contacts/manage/detail.html", context)


@require_http_methods(["GET", "POST"])
@staff_permission_required(MANAGE)
def request_type_update(request, pk: int):
    request_type = selectors.request_type_get_for_user(pk=pk, user=request.user)
    form = _type_form(request, request_type)
    response = _saved(
        request,
        form,
        lambda fields: services.request_type_update(request_type=request_type, by=request.user, fields=fields),
        lambda entry: _to_request_type(entry.pk),
        "The form “{entry.name}” has been saved.",
    )
    return response or render(request, "contacts/manage/form.html", {"form": form, "request_type": request_type})


@require_http_methods(["GET", "POST"])
@staff_permission_required(MANAGE)
def request_type_delete(request, pk: int):
    request_type = selectors.request_type_get_for_user(pk=pk, user=request.user)
    error = None
    if request.method == "POST":
        try:
            services.request_type_delete(request_type=request_type, by=request.user)
        except ValidationError as refused:
            error = refused.messages[0]
        else:
            messages.success(request, f"The form “{request_type.name}” has been deleted.")
            return redirect("contacts:request-type-list")
    context = {"request_type": request_type, "error": error}
    return render(request, "contacts/manage/delete.html", context)


@require_safe
@staff_permission_required(MANAGE)
def request_type_history(request, pk: int):
    request_type = selectors.request_type_get_for_user(pk=pk, user=request.user)
    rows = []
    for change in selectors.request_type_history(request_type=request_type):
        model, form_class = _HISTORY_MODELS[change.entry_type]
        rows.extend(change_rows([change], model=model, labels=_labels(form_class)))
    return render(request, "contacts/manage/history.html", {"entry": request_type, "changes": rows})


@require_http_methods(["GET", "POST"])
@staff_permission_required(MANAGE)
def question_create(request, pk: int):
    request_type = selectors.request_type_get_for_user(pk=pk, user=request.user)
    form = forms.QuestionEditForm(posted(request))
    response = _saved(
        request,
        form,
        lambda fields: services.question_create(
            request_type=request_type,
            by=request.user,
            fields={**fields, "order": selectors.question_order_next(request_type)},
        ),
        lambda entry: _to_request_type(request_type.pk, f"question-{entry.pk}"),
        "The question “{entry.description}” has been added.",
    )
    context = {"form": form, "request_type": request_type, "question": None}
    return response or render(request, "contacts/manage/question_form.html", context)


@require_http_methods(["GET", "POST"])
@staff_permission_required(MANAGE)
def question_update(request, pk: int):
    question = selectors.question_get_for_user(pk=pk, user=request.user)
    form = forms.QuestionEditForm(posted(request), question=question)
    response = _saved(
        request,
        form,
        lambda fields: services.question_update(question=question, by=request.user, fields=fields),
        lambda entry: _to_request_type(question.request_type_id, f"question-{entry.pk}"),
        "The question “{entry.description}” has been saved.",
    )
    context = {"form": form, "request_type": question.request_type, "question": question}
    return response or render(request, "contacts/manage/question_form.html", context)


@require_http_methods(["GET", "POST"])
@staff_permission_required(MANAGE)
def question_delete(request, pk: int):
    question = selectors.question_get_for_user(pk=pk, user=request.user)
    if request.method == "POST":
        services.question_delete(question=question, by=request.user)
        messages.success(request, f"The question “{question.description}” has been deleted.")
        return _to_request_type(question.request_type_id, "questions")
    return render(request, "contacts/manage/question_delete.html", {"question": question})


@require_POST
@staff_permission_required(MANAGE)
def question_move(request, pk: int, up: bool):
    question = selectors.question_get_for_user(pk=pk, user=request.user)
    services.question_move(question=question, by=request.user, up=up)
    where = "up" if up else "down"
    messages.success(request, f"The question “{question.description}” has been moved {where}.")
    return _to_request_type(question.request_type_id, f"question-{question.pk}")


@require_http_methods(["GET", "POST"])
@staff_permission_required(MANAGE)
def question_value_create(request, pk: int):
    question = selectors.question_get_for_user(pk=pk, user=request.user)
    form = forms.QuestionValueEditForm(posted(request))
    response = _saved(
        request,
        form,
        lambda fields: services.question_value_create(
            question=question,
            by=request.user,
            fields={**fields, "order": selectors.question_value_order_next(question)},
        ),
        lambda entry: _to_request_type(question.request_type_id, f"question-{question.pk}"),
        "The answer “{entry.name}” has been added.",
    )
    context = {"form": form, "question": question, "value": None}
    return response or render(request, "contacts/manage/value_form.html", context)


@require_http_methods(["GET", "POST"])
@staff_permission_required(MANAGE)
def question_value_update(request, pk: int):
    value = selectors.question_value_get_for_user(pk=pk, user=request.user)
    form = forms.QuestionValueEditForm(posted(request), value=value)
    response = _saved(
        request,
        form,
        lambda fields: services.question_value_update(value=value, by=request.user, fields=fields),
        lambda entry: _to_request_type(value.question.request_type_id, f"question-{value.question_id}"),
        "The answer “{entry.name}” has been saved.",
    )
    context = {"form": form, "question": value.question, "value": value}
    return response or render(request, "contacts/manage/value_form.html", context)


@require_http_methods(["GET", "POST"])
@staff_permission_required(MANAGE)
def question_value_delete(request, pk: int):
    value = selectors.question_value_get_for_user(pk=pk, user=request.user)
    error = None
    if request.method == "POST":
        try:
            services.question_value_delete(value=value, by=request.user)
        except ValidationError as refused:
            error = refused.messages[0]
        else:
            messages.success(request, f"The answer “{value.name}” has been deleted.")
            return _to_request_type(value.question.request_type_id, f"question-{value.question_id}")
    return render(request, "contacts/manage/value_delete.html", {"value": value, "error": error})


# --- Residents: satisfaction surveys ---------------------------------------------------------------


# The survey's first question ends with what it is about: "how we dealt with your phone call".
_CONTACT_WORDS = {
    Channel.PHONE: "your phone call",
    Channel.EMAIL: "your email",
    Channel.WEB: "your online form",
    Channel.LETTER: "your letter",
    Channel.FACE_TO_FACE: "your visit to our offices",
    Channel.WEB_CHAT: "your web chat",
    Channel.SOCIAL_MEDIA: "your message on social media",
    Channel.COUNCILLOR: "your enquiry through your councillor",
}


def _survey_broken(request):
    return render(request, "contacts/survey/broken.html", status=404)


def _survey_about(invitation) -> str:
    if invitation.case is not None:
        return "your request"
    contact = invitation.contact
    return f"{_CONTACT_WORDS[contact.channel]} on {govuk_date(contact.started_at)}"


@never_cache
@require_http_methods(["GET", "POST"])
def survey(request, token: str):
    """The satisfaction survey from the signed link in a resident's email: three questions, one
    answer. A forged or damaged link is a 404, an expired one a 410 and an answered one says so;
    every answer sent counts towards the address's limit, whatever becomes of it."""
    if request.method == "POST" and survey_limited(request):
        return limited_response(request, what="surveys")
    invitation = selectors.survey_invitation_from_token(token)
    if invitation is None:
        return _survey_broken(request)
    if hasattr(invitation, "answer"):
        return render(request, "contacts/survey/answered.html")
    if invitation.expires_at <= timezone.now():
        return render(request, "contacts/survey/expired.html", {"invitation": invitation}, status=410)
    about = _survey_about(invitation)
    form = forms.SurveyForm(posted(request), about=about)
    if form.is_valid():
        try:
            services.survey_answer(invitation=invitation, **form.cleaned_data)
        except ValidationError as refused:
            # Answered from another tab, or the link ran out, since the page was read.
            if refused.code == "answered":
                return render(request, "contacts/survey/answered.html")
            if refused.code == "expired":
                return render(request, "contacts/survey/expired.html", {"invitation": invitation}, status=410)
            apply_errors(form, refused)
        else:
            return redirect("contacts:survey-done", token=token)
    return render(request, "contacts/survey/survey.html", {"form": form, "invitation": invitation, "about": about})


@never_cache
@require_safe
def survey_done(request, token: str):
    """The thank-you page after an answer (its own address, so a reload sends nothing again)."""
    invitation = selectors.survey_invitation_from_token(token)
    if invitation is None:
        return _survey_broken(request)
    if not hasattr(invitation, "answer"):
        return redirect("contacts:survey", token=token)
    return render(request, "contacts/survey/done.html")


# --- Advisers: logging a contact -------------------------------------------------------------------
# One screen (contacts:log) that works as a plain form: its Find and Search buttons post it back
# with everything typed kept; contact-log.js fetches the same pieces (the fragments below) as the
# adviser types. Saving is contacts.services.contact_log, then a redirect to the confirmation.

# The buttons of the screen (name="action"); a POST without one saves, one with another value
# only shows the screen again.
LOG_SAVE, LOG_FIND, LOG_SEARCH, LOG_TOPIC = "save", "find", "directory", "topic"
# The service's and the models' field names, as the screen calls them.
_LOG_FIELD_NAMES = {"name": "new_name", "email": "new_email", "phone": "new_phone", "postcode": "new_postcode",
                    "started_at": "start_time", "ended_at": "end_time", "case": "reference"}  # fmt: skip


@dataclass
class _LogFound:
    """What the screen's ids name, fetched within what the adviser may see."""

    customer: Customer | None = None
    topic: Topic | None = None
    partner: Partner | None = None
    passed_to: Officer | None = None
    case: Case | None = None
    visit: ReceptionVisit | None = None


def _log_channel(value) -> str:
    return value if value in LOGGED_CHANNELS else Channel.PHONE


def _log_customer(user, value) -> Customer | None:
    """The customer a radio names (the current record of one merged since), None when it is not
    one the user may see."""
    pk = forms.positive_id(str(value or ""))
    if pk is None:
        return None
    try:
        customer = cases_selectors.customer_get_for_user(pk=pk, user=user)
    except Http404:
        return None
    return customer.merged_into or customer


def _customer_keep(matches: list, customer: Customer | None) -> None:
    """The chosen customer stays among the matches when a new search no longer finds them, so
    searching again never undoes the choice."""
    if customer is not None and all(match.customer.pk != customer.pk for match in matches):
        matches.insert(0, cases_selectors.CustomerMatch(customer=customer, matched="chosen", possible_duplicate=False))


def _log_topic(value) -> Topic | None:
    slug = str(value or "")
    return selectors.log_topic_get(slug=slug) if re.fullmatch(r"[-a-zA-Z0-9_]{1,120}", slug) else None


def _topic_choices(results: list, topic: Topic | None) -> list[dict]:
    """The directory's topic results as the screen's radios, the chosen topic first when the
    search no longer finds it (so choosing it is never undone by searching again)."""
    choices = [{"slug": result.slug, "title": result.title, "summary": result.summary} for result in results
               if result.kind == "topic"]  # fmt: skip
    if topic is not None and all(choice["slug"] != topic.slug for choice in choices):
        choices.insert(0, {"slug": topic.slug, "title": topic.name, "summary": ""})
    return choices


def _log_initial(request) -> dict:
    """A fresh screen: opened now, on the adviser's usual channel, for an anonymous caller; or for
    the customer of ?customer=, or the reception visitor of ?visit= (face to face). A bad or
    unknown id in either is a 404, as for any record the adviser may not see."""
    user, now = request.user, timezone.now()
    initial = {"key": uuid.uuid4(), "started": forms.log_started_sign(now),
               "start_time": f"{timezone.localtime(now):%H:%M}", "channel": selectors.usual_channel(user),
               "customer": forms.ANONYMOUS, "priority": Priority.NORMAL}  # fmt: skip
    if "visit" in request.GET:
        pk = forms.positive_id(request.GET["visit"])
        if pk is None:
            raise Http404("No such visitor")
        visit = selectors.visit_get_for_user(pk=pk, user=user)
        initial.update(visit=visit.pk, channel=Channel.FACE_TO_FACE, summary=visit.reason[:200])
        if visit.customer is not None:
            initial["customer"] = (visit.customer.merged_into or visit.customer).pk
        elif visit.name:
            initial.update(customer=forms.NEW_CUSTOMER, new_name=visit.name)
    if "customer" in request.GET:
        customer = _log_customer(user, request.GET["customer"])
        if customer is None:
            raise Http404("No such customer")
        initial["customer"] = customer.pk
    return initial


def _log_screen(request, form: forms.ContactLogForm, *, errors_shown: bool):
    """The screen for `form` (unbound: a fresh one), with the customers found, the chosen
    customer's cases and contacts, the directory's topics and the chosen topic's panel."""
    user = request.user
    value = {name: form[name].value() for name in ("customer", "topic", "channel", "partner")}
    query = find_query_clean(str(form["q"].value() or ""))
    matches = cases_selectors.customer_find(user=user, query=query) if query else []
    customer = _log_customer(user, value["customer"])
    _customer_keep(matches, customer)
    directory_query = search_query_clean(str(form["dq"].value() or "")).text
    topic = _log_topic(value["topic"])
    topics = _topic_choices(directory_search(query=directory_query, staff=True) if directory_query else [], topic)
    channel = _log_channel(value["channel"])
    panel = selectors.topic_panel(topic=topic, user=user, channel=channel) if topic is not None else None
    partner = str(value["partner"] or "") or (str(topic.partner_id) if topic is not None and topic.partner_id else "")
    errors = form.errors if errors_shown else {}
    context = {
        "log": form, "form": form if errors_shown else None, "errors": errors,
        "details_open": bool({"start_time", "end_time"} & set(errors)),
        "query": query, "matches": matches, "chosen_customer": str(value["customer"] or forms.ANONYMOUS),
        "customer": customer, "can_add_customer": user.has_perm("cases.add_customer"),
        "open_cases": selectors.customer_open_cases(customer=customer, user=user) if customer else [],
        "recent_contacts": selectors.customer_recent_contacts(customer=customer, user=user) if customer else [],
        "directory_query": directory_query, "topic_choices": topics, "topic": topic, "panel": panel,
        "site_url": settings.SITE_URL,
        "chosen_topic": topic.slug if topic is not None else "", "channel": channel,
        "partners": selectors.log_partners(), "chosen_partner": partner, "officers": selectors.log_officers(),
        "chosen_officer": str(form["passed_to"].value() or ""), "case_types": forms.LOG_CASE_TYPES,
        "priorities": Priority.choices, "chosen_priority": str(form["priority"].value() or Priority.NORMAL),
        "outcomes": forms.LOG_OUTCOMES, "channels": [(choice.value, choice.label) for choice in LOGGED_CHANNELS],
    }  # fmt: skip
    return render(request, "contacts/log/screen.html", context)


def _log_fetch(request, form: forms.ContactLogForm) -> _LogFound:
    """Fetch what the valid ids name, each within the adviser's scope; an id that names nothing
    they may see is an error on its field (a case outside it reads as one that does not exist)."""
    user, data, found = request.user, form.cleaned_data, _LogFound()
    if isinstance(data.get("customer"), int):
        found.customer = _log_customer(user, data["customer"])
        if found.customer is None:
            form.add_error("customer", "Select a customer from the list, Anonymous caller or New customer")
    if data.get("topic"):
        found.topic = selectors.log_topic_get(slug=data["topic"])
        if found.topic is None:
            form.add_error("topic", "Select a topic from the directory")
    if data.get("partner_id"):
        found.partner = selectors.log_partner_get(pk=data["partner_id"])
        if found.partner is None:
            form.add_error("partner", "Select the partner they were sent to from the list")
    if data.get("passed_to_id"):
        found.passed_to = selectors.log_officer_get(pk=data["passed_to_id"])
        if found.passed_to is None:
            form.add_error("passed_to", "Select the officer they were passed to from the list")
    if data.get("case_reference"):
        try:
            found.case = cases_selectors.case_get_for_user(reference=data["case_reference"], user=user).case
        except Http404:
            form.add_error("reference", forms.REFERENCE_NOT_FOUND)
    if data.get("visit"):
        try:
            found.visit = selectors.visit_get_for_user(pk=data["visit"], user=user)
        except Http404:
            form.add_error(None, "This visitor has already been seen or has left: start a new contact for them")
    return found


def _log_model_check(form: forms.ContactLogForm, found: _LogFound) -> None:
    """The contact's own rules (Contact.clean: an end after the start, a partner for signposting,
    an officer for passing on, a case), checked before saving so the screen shows every problem
    at once; the service checks them again as it saves."""
    data = form.cleaned_data if hasattr(form, "cleaned_data") else {}
    outcome = data.get("outcome", "")
    if not outcome:
        return
    started_at = data.get("started_at")
    contact = Contact(outcome=outcome, partner=found.partner, passed_to=found.passed_to, case=found.case,
                      started_at=started_at, ended_at=data.get("ended_at") or started_at)  # fmt: skip
    try:
        contact.clean()
    except ValidationError as error:
        for name, messages_ in error.message_dict.items():
            if name == "case" and outcome == Outcome.CASE_RAISED:
                continue  # the service raises it
            target = _LOG_FIELD_NAMES.get(name, name)
            if target not in form.errors and (target != "end_time" or "start_time" not in form.errors):
                form.add_error(target, messages_[0])


def _log_save(request, form: forms.ContactLogForm, found: _LogFound) -> services.Logged:
    data = form.cleaned_data
    fields = {"channel": data["channel"], "summary": data["summary"], "outcome": data["outcome"],
              "topic": found.topic, "partner": found.partner, "passed_to": found.passed_to,
              "started_at": data["started_at"]}  # fmt: skip
    if data.get("ended_at") is not None:
        fields["ended_at"] = data["ended_at"]
    return services.contact_log(
        by=request.user,
        key=data["key"],
        fields=fields,
        customer=found.customer,
        new_customer=data.get("new_customer"),
        case=found.case,
        chasing=data.get("chasing", False),
        new_case=data.get("new_case"),
        visit=found.visit,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@staff_permission_required(LOG_CONTACTS)
def contact_log(request):
    if request.method != "POST":
        # Back to a visitor's screen after their contact was saved: that contact, not a dead end.
        logged = selectors.visit_contact_for_user(pk=forms.positive_id(request.GET.get("visit", "")), user=request.user)
        if logged is not None:
            return redirect("contacts:log-logged", pk=logged.pk)
        return _log_screen(request, forms.ContactLogForm(initial=_log_initial(request)), errors_shown=False)
    form = forms.ContactLogForm(request.POST)
    if request.POST.get("action", LOG_SAVE) != LOG_SAVE:
        return _log_screen(request, form, errors_shown=False)
    form.is_valid()
    found = _log_fetch(request, form)
    if found.visit is None and form.cleaned_data.get("visit"):
        # A second save of a visitor's contact: the visit is linked to the first one already.
        earlier = Contact.objects.filter(adviser=request.user, key=form.cleaned_data["key"]).first()
        if earlier is not None:
            return redirect("contacts:log-logged", pk=earlier.pk)
    _log_model_check(form, found)
    if not form.errors:
        try:
            logged = _log_save(request, form, found)
        except ValidationError as error:
            apply_errors(form, error, field_names=_LOG_FIELD_NAMES)
        else:
            return redirect("contacts:log-logged", pk=logged.contact.pk)
    return _log_screen(request, form, errors_shown=True)


@require_safe
@staff_permission_required(LOG_CONTACTS)
def contact_logged(request, pk: int):
    contact = selectors.contact_logged_get_for_user(pk=pk, user=request.user)
    raised = contact.outcome == Outcome.CASE_RAISED and contact.case is not None
    context = {"contact": contact, "reply": selectors.reply_promise(contact.case) if raised else None}
    return render(request, "contacts/log/logged.html", context)


@require_safe
@staff_permission_required(LOG_CONTACTS)
def log_customers(request):
    """The customers found for ?q= (find-as-you-type), as the screen's radios."""
    query = find_query_clean(request.GET.get("q", ""))
    matches = cases_selectors.customer_find(user=request.user, query=query) if query else []
    chosen = request.GET.get("customer", "")
    _customer_keep(matches, _log_customer(request.user, chosen))
    context = {"query": query, "matches": matches, "chosen_customer": chosen}
    return render(request, "contacts/includes/log_customer_matches.html", context)


@require_safe
@staff_permission_required(LOG_CONTACTS)
def log_customer(request, pk: int):
    """A chosen customer's open cases and latest contacts."""
    customer = _log_customer(request.user, pk)
    if customer is None:
        raise Http404("No such customer")
    user = request.user
    context = {"customer": customer, "open_cases": selectors.customer_open_cases(customer=customer, user=user),
               "recent_contacts": selectors.customer_recent_contacts(customer=customer, user=user)}  # fmt: skip
    return render(request, "contacts/includes/log_customer_glance.html", context)


@require_safe
@staff_permission_required(LOG_CONTACTS)
def log_directory(request):
    """The directory's topics for ?q=, as the screen's radios."""
    query = search_query_clean(request.GET.get("q", "")).text
    topic = _log_topic(request.GET.get("topic"))
    topics = _topic_choices(directory_search(query=query, staff=True) if query else [], topic)
    context = {"directory_query": query, "topic_choices": topics, "chosen_topic": topic.slug if topic else ""}
    return render(request, "contacts/includes/log_topic_choices.html", context)


@require_safe
@staff_permission_required(LOG_CONTACTS)
def log_topic(request, slug: str):
    """A topic's panel: its script, owner, who is away, the online form and the promise."""
    topic = selectors.log_topic_get(slug=slug)
    if topic is None:
        raise Http404("No such topic")
    channel = _log_channel(request.GET.get("channel"))
    panel = selectors.topic_panel(topic=topic, user=request.user, channel=channel)
    return render(request, "contacts/includes/log_topic_panel.html", {"panel": panel, "site_url": settings.SITE_URL})


# --- Staff: the contacts list and a contact's page -------------------------------------------------


def _seconds_words(seconds: float) -> str:
    """A call's length or a visitor's wait to the second, as people say it: "40 seconds",
    "4 minutes 5 seconds", "1 hour 2 minutes" (past an hour the seconds do not matter)."""
    hours, rest = divmod(max(int(seconds), 0), 3600)
    minutes, rest = divmod(rest, 60)
    parts = [(hours, "hour"), (minutes, "minute"), (0 if hours else rest, "second")]
    return " ".join(f"{count} {unit}{'' if count == 1 else 's'}" for count, unit in parts if count) or "0 seconds"


@require_safe
@staff_permission_required(*SEE_CONTACTS, any_of=True)
def contact_list(request):
    """The contacts the user may see, newest first, a page at a time, with their filters (a
    filter in error is shown on its field and left out)."""
    # Always bound: no filters is a valid, empty filter form.
    form = forms.ContactFilterForm(
        request.GET,
        advisers=selectors.contact_advisers_for_user(request.user),
        choices=selectors.contact_filter_choices(),
    )
    form.is_valid()
    contacts = selectors.contacts_for_user(user=request.user, filters=form.filters())
    context = _page(request, contacts, selectors.CONTACTS_PAGE_SIZE)
    extras = list_extras(request, form, context["page"].paginator.count, "contact", "contacts")
    return render(request, "contacts/contact_list.html", {**context, **extras})


@require_safe
@staff_permission_required(VIEW_SURVEY_ANSWERS)
def survey_list(request):
    """The satisfaction survey invitations and answers the user may read, newest first, a page at
    a time, filtered (the dashboard's satisfaction figures link here): what customers said, beside
    those who did not answer."""
    form = forms.SurveyFilterForm(request.GET, choices=selectors.contact_filter_choices())
    form.is_valid()
    invitations = selectors.surveys_for_list(user=request.user, filters=form.filters())
    context = _page(request, invitations, selectors.SURVEYS_PAGE_SIZE)
    extras = list_extras(request, form, context["page"].paginator.count, "survey sent", "surveys sent")
    return render(request, "contacts/survey_list.html", {**context, **extras})


@require_safe
@staff_permission_required(*SEE_CONTACTS, any_of=True)
def contact_detail(request, pk: int):
    """Everything about one contact: who, when, how long, what came of it, the reception wait and
    the survey. 404 outside what the user may see."""
    contact = selectors.contact_get_for_user(pk=pk, user=request.user)
    # Loaded with the contact: a contact with no visit or survey has None cached, not a query.
    visit = getattr(contact, "visit", None)
    survey = getattr(contact, "survey", None)
    context = {
        "contact": contact,
        "duration": _seconds_words((contact.ended_at - contact.started_at).total_seconds()),
        "visit": visit,
        "wait": _seconds_words(visit.wait_seconds) if visit is not None and visit.wait_seconds is not None else "",
        "survey": survey,
        "survey_answer": getattr(survey, "answer", None) if survey is not None else None,
    }
    return render(request, "contacts/contact_detail.html", context)


# --- Reception: the waiting list -------------------------------------------------------------------
# A floor-walker checks visitors in on a tablet; advisers call them from the list to their desk,
# which opens the log-a-contact screen as a face-to-face contact (contacts:log ?visit=<pk>). The
# list keeps itself current with static/portal/reception.js, and without it by its "Refresh the
# list" link: never a meta refresh (WCAG 2.2.1).

DESKS = {"general": False, "specialist": True}


def _called(request, visit) -> HttpResponse:
    waited = selectors.wait_words(timedelta(seconds=visit.wait_seconds))
    messages.success(request, f"{selectors.visit_who(visit)} has been called to your desk. They waited {waited}.")
    return redirect(f"{reverse('contacts:log')}?visit={visit.pk}")


def _refused(request, error: ValidationError) -> HttpResponse:
    messages.error(request, " ".join(error.messages))
    return redirect("contacts:reception")


@never_cache
@require_safe
@staff_permission_required(RECEIVE_VISITORS)
def reception(request):
    rows = selectors.waiting_list()
    context = {
        "rows": rows,
        "specialist_count": sum(row.visit.needs_specialist for row in rows),
        "waits": selectors.reception_waits(),
        "updated_at": timezone.now(),
    }
    return render(request, "contacts/reception/waiting_list.html", context)


@require_safe
@staff_permission_required(RECEIVE_VISITORS, VIEW_ALL_CONTACTS, any_of=True)
def reception_visits(request):
    """Every visit to the desk, newest first, a page at a time, filtered (the dashboard's waits
    by hour link here): whoever receives visitors, and whoever sees every contact."""
    form = forms.VisitFilterForm(request.GET)
    form.is_valid()
    context = _page(request, selectors.visits_for_list(filters=form.filters()), selectors.VISITS_PAGE_SIZE)
    extras = list_extras(request, form, context["page"].paginator.count, "visit", "visits")
    return render(request, "contacts/reception/visit_list.html", {**context, **extras})


@require_http_methods(["GET", "POST"])
@staff_permission_required(RECEIVE_VISITORS)
def reception_check_in(request):
    form = forms.CheckInForm(posted(request), initial={"key": uuid.uuid4()})
    if request.method == "POST" and form.is_valid():
        try:
            visit = services.visit_check_in(by=request.user, fields=form.service_fields(), key=form.cleaned_data["key"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            desk = "the specialist desk" if visit.needs_specialist else "the general desk"
            messages.success(request, f"{selectors.visit_who(visit)} has been checked in for {desk}.")
            # The floor-walker's next visitor: the form again, empty.
            return redirect("contacts:reception-check-in")
    return render(request, "contacts/reception/check_in.html", {"form": form})


@require_POST
@staff_permission_required(RECEIVE_VISITORS)
def reception_call(request, pk: int):
    visit = selectors.visit_get(pk=pk)
    try:
        visit = services.visit_call(visit=visit, by=request.user)
    except ValidationError as error:
        return _refused(request, error)
    return _called(request, visit)


@require_POST
@staff_permission_required(RECEIVE_VISITORS)
def reception_call_next(request):
    desk = request.POST.get("desk", "")
    if desk not in DESKS:
        messages.error(request, "Choose the desk to call the next visitor to")
        return redirect("contacts:reception")
    visit = services.visit_call_next(by=request.user, specialist=DESKS[desk])
    if visit is None:
        messages.info(request, f"No one is waiting for the {desk} desk")
        return redirect("contacts:reception")
    return _called(request, visit)


@require_POST
@staff_permission_required(RECEIVE_VISITORS)
def reception_left(request, pk: int):
    visit = selectors.visit_get(pk=pk)
    try:
        services.visit_leave(visit=visit, by=request.user)
    except ValidationError as error:
        return _refused(request, error)
    messages.success(request, f"{selectors.visit_who(visit)} has been taken off the list: left without being seen.")
    return redirect("contacts:reception")
