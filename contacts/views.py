"""The front door's pages: the "Contact us" start page and each online form (a question a page,
check your answers, confirmation), files uploaded with a form, tracking a case without an
account, and the managers' pages for the request types.

Thin: the answers in progress live in the session (contacts.drafts); sending calls
contacts.services.web_request_send, which makes everything in one transaction."""

import json
import uuid
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import BadRequest, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cases import attachments
from cases import selectors as cases_selectors
from cases import services as cases_services
from cases.models import Status
from cases.tracking import tracking_token_read
from core.access import staff_permission_required
from core.changes import change_rows
from core.forms import posted
from standards.forms import apply_errors

from . import drafts, forms, selectors, services
from .abuse import limited_response, submission_limited, tracking_limited, upload_limited
from .forms import TrackForm
from .models import Question, QuestionValue, RequestType

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
