"""Writes for contacts and the online request types.

A web form sent is one transaction: the resident's customer record, the case (routed by the rules,
with its due times, through cases.services), the Contact, the files uploaded with it and the
acknowledgement email in the outbox. The broker is not in it: the email is sent after commit, or
by the outbox's sweep once Redis is back."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Count
from django.utils import timezone

from cases import services as cases
from cases.models import Case, ContactMethod, Customer, CustomerType, email_match
from cases.tracking import tracking_token_make
from core.changes import field_changes, snapshot
from core.db import constraint_name, save_checked
from core.services import email_queue
from standards.models import Channel

from . import selectors
from .models import LIST_DATATYPES, Contact, ContactsChange, Outcome, Question, QuestionValue, RequestType
from .selectors import ACKNOWLEDGEMENT


@dataclass(frozen=True)
class Answer:
    """One answer of a web form: the question's code and text, the stored value (a string, a
    list of value keys, an ISO date and time) and the answer in words."""

    code: str
    question: str
    value: Any
    text: str


@dataclass(frozen=True)
class Sent:
    """What the confirmation page needs: the contact, its case (None for a comment), whether the
    acknowledgement email was queued, and whether this was a repeat of a submission already made."""

    contact: Contact
    case: Case | None
    emailed: bool
    repeated: bool


RESIDENT_FIELDS = ["name", "email", "phone"]
LOCATION_FIELDS = ["address", "postcode"]


def _answers_check(request_type: RequestType, answers: list[Answer]) -> None:
    """The answers are those of the type's questions: each required one answered, none unknown,
    and no answer that stops the form (those are phoned in, not sent)."""
    questions = {q.code: q for q in request_type.questions.all()}
    given = {a.code: a for a in answers}
    unknown = set(given) - set(questions)
    if unknown:
        raise ValidationError(f"These answers are not questions of this form: {', '.join(sorted(unknown))}")
    stops = {(v.question_id, v.key): v for q in questions.values() for v in q.values.all() if v.stops}
    for code, question in questions.items():
        answer = given.get(code)
        empty = answer is None or answer.value in ("", None, [])
        if question.required and empty:
            raise ValidationError({code: f"Answer “{question.description}”"})
        keys = answer.value if answer is not None and isinstance(answer.value, list) else [getattr(answer, "value", "")]
        for key in keys:
            stop = stops.get((question.id, key))
            if stop is not None:
                raise ValidationError({code: stop.stop_message})


def _description(request_type: RequestType, answers: list[Answer], location: dict) -> str:
    lines = [f"{a.question}\n{a.text}" for a in answers if a.text]
    if location.get("address") or location.get("postcode"):
        where = ", ".join(part for part in (location.get("address", ""), location.get("postcode", "")) if part)
        lines.append(f"{request_type.location_label}\n{where}")
    return "\n\n".join(lines) or request_type.name


def _resident(details: dict, postcode: str) -> Customer:
    """The resident's customer record: the one current record with the same email address and
    name, or a new one. A web form proves neither, so an existing record is never changed by it."""
    email = details.get("email", "")
    if email:
        name = " ".join(details["name"].split()).lower()
        same_email = Customer.objects.current().with_lower_names().filter(email_match(email))[:20]
        same = [customer for customer in same_email if customer.name_lower == name]
        if len(same) == 1:
            return same[0]
    preferred = ContactMethod.EMAIL if email else ContactMethod.PHONE
    return cases.customer_create(
        by=None,
        fields={
            "name": details["name"],
            "email": email,
            "phone": details.get("phone", ""),
            "postcode": postcode,
            "customer_type": CustomerType.INDIVIDUAL,
            "preferred_contact": preferred,
        },
    )


def _acknowledge(contact: Contact, case: Case | None, email: str) -> bool:
    """Queue the acknowledgement email unless the address had its share today: the form must not
    be a way to flood someone's inbox. Returns whether it was queued."""
    if not email or selectors.acknowledgements_sent(email) >= settings.CONTACT_ACKNOWLEDGEMENTS_PER_DAY:
        return False
    context = {
        "contact": contact,
        "case": case,
        "reply": selectors.reply_promise(case) if case is not None else None,
        "tracking_token": tracking_token_make(case.reference) if case is not None else "",
        "site_url": settings.SITE_URL,
        "council_name": settings.COUNCIL_NAME,
    }
    email_queue(to=email, template="contacts/emails/acknowledgement", context=context, purpose=ACKNOWLEDGEMENT)
    return True


def web_request_send(
    *,
    key: uuid.UUID,
    request_type: RequestType,
    answers: list[Answer],
    details: dict,
    location: dict | None = None,
    received_at: datetime | None = None,
) -> Sent:
    """Send a resident's web form, once: in one transaction their customer record, the case
    (routed, with due times; none for a comment), the Contact (channel web) with the answers,
    the files uploaded under `key`, and the acknowledgement email after commit.

    `key` is the form's token: sending the same form again (a double click, a re-post, a replay,
    two requests at the same moment) returns the first submission (repeated=True) and makes no
    second case or email. `details`: the resident's RESIDENT_FIELDS; `location`: LOCATION_FIELDS
    when the form asks where."""
    earlier = Contact.objects.select_related("case").filter(key=key).first()
    if earlier is not None:
        return Sent(contact=earlier, case=earlier.case, emailed=False, repeated=True)
    location = {name: (location or {}).get(name, "") for name in LOCATION_FIELDS}
    details = {name: (details.get(name) or "").strip() for name in RESIDENT_FIELDS}
    received_at = received_at or timezone.now()
    _answers_check(request_type, answers)
    if not details["name"]:
        raise ValidationError({"name": "Enter your name"})
    if not (details["email"] or details["phone"]):
        raise ValidationError({"email": "Enter your email address or phone number, so we can reply"})
    try:
        with transaction.atomic():
            customer = _resident(details, location["postcode"])
            case = None
            if not request_type.is_comment:
                topic = request_type.topic
                case = cases.case_create(
                    by=None,
                    received_at=received_at,
                    fields={
                        "case_type": request_type.case_type,
                        "channel": Channel.WEB,
                        "topic": topic,
                        "service_area": topic.service_area if topic is not None else None,
                        "customer": customer,
                        "summary": request_type.name,
                        "description": _description(request_type, answers, location),
                        "location_address": location["address"],
                        "location_postcode": location["postcode"],
                    },
                )
                cases.attachments_claim(key=key, case=case)
            contact = Contact(
                key=key,
                channel=Channel.WEB,
                started_at=received_at,
                ended_at=received_at,
                customer=customer,
                case=case,
                topic=request_type.topic,
                request_type=request_type,
                summary=request_type.name,
                outcome=Outcome.RECORDED if case is None else Outcome.CASE_RAISED,
                answers=[{"code": a.code, "question": a.question, "value": a.value, "text": a.text} for a in answers],
            )
            # Contact.clean() words each check constraint, so Django need not query for them.
            contact.full_clean(exclude=["customer", "case", "topic", "request_type", "key"], validate_constraints=False)
            contact.save()
            emailed = _acknowledge(contact, case, details["email"])
    except IntegrityError as error:
        if constraint_name(error) != "contacts_contact_key_key":
            raise
        # The same form sent twice at once: the other request's transaction won.
        earlier = Contact.objects.select_related("case").get(key=key)
        return Sent(contact=earlier, case=earlier.case, emailed=False, repeated=True)
    return Sent(contact=contact, case=case, emailed=emailed, repeated=False)


# --- Request types and their questions (edited by managers) -----------------------------------------

REQUEST_TYPE_FIELDS = [
    "name",
    "slug",
    "group",
    "description",
    "topic",
    "case_type",
    "asks_location",
    "location_label",
    "takes_attachments",
    "takes_online",
    "phone_reason",
    "is_published",
    "position",
]
QUESTION_FIELDS = ["code", "datatype", "required", "order", "description", "datatype_description"]
VALUE_FIELDS = ["key", "name", "order", "stop_message", "stop_phone"]
_FIELDS: dict[type[models.Model], list[str]] = {
    RequestType: REQUEST_TYPE_FIELDS,
    Question: QUESTION_FIELDS,
    QuestionValue: VALUE_FIELDS,
}
# The unique rules, worded for the field a manager typed into.
_UNIQUE_ERRORS = {
    "contacts_requesttype_slug_key": ValidationError({"slug": "Another request type has this web address"}),
    "question_code_unique": ValidationError({"code": "Another question of this form has this code"}),
    "question_value_key_unique": ValidationError({"key": "Another answer of this question has this code"}),
}


def _entry_save(entry: models.Model, *, by, before: dict | None) -> models.Model:
    fields = _FIELDS[type(entry)]
    entry.full_clean(validate_unique=False, validate_constraints=False)
    after = snapshot(entry, fields)
    changes = field_changes(before, after)
    if before is not None and not changes:
        return entry
    save_checked(entry, errors=_UNIQUE_ERRORS)
    action = ContactsChange.Action.CREATED if before is None else ContactsChange.Action.UPDATED
    ContactsChange.record(entry=entry, by=by, action=action, changes=changes, request_type_pk=_request_type_pk(entry))
    return entry


def _request_type_pk(entry: models.Model) -> int:
    """The request type `entry` is part of, which its history rows name (a type's history page
    shows its questions and answers, deleted ones too)."""
    if isinstance(entry, RequestType):
        return entry.pk
    if isinstance(entry, Question):
        return entry.request_type_id
    assert isinstance(entry, QuestionValue)
    return entry.question.request_type_id


def _create(model: type[models.Model], *, by, fields: dict, **parent: models.Model) -> Any:
    unknown = set(fields) - set(_FIELDS[model])
    if unknown:
        raise TypeError(f"Not {model._meta.verbose_name} fields: {sorted(unknown)}")
    with transaction.atomic():
        return _entry_save(model(**fields, **parent), by=by, before=None)


def _update(entry: models.Model, *, by, fields: dict) -> Any:
    model = type(entry)
    unknown = set(fields) - set(_FIELDS[model])
    if unknown:
        raise TypeError(f"Not {model._meta.verbose_name} fields: {sorted(unknown)}")
    with transaction.atomic():
        locked = model._default_manager.select_for_update().get(pk=entry.pk)
        before = snapshot(locked, _FIELDS[model])
        for name, value in fields.items():
            setattr(locked, name, value)
        return _entry_save(locked, by=by, before=before)


def _delete(entry: models.Model, *, by) -> None:
    with transaction.atomic():
        changes = {name: [value, None] for name, value in snapshot(entry, _FIELDS[type(entry)]).items()}
        ContactsChange.record(
            entry=entry,
            by=by,
            action=ContactsChange.Action.DELETED,
            changes=changes,
            request_type_pk=_request_type_pk(entry),
        )
        entry.delete()


# A list question offers a choice: one answer, or none, is no choice.
LIST_ANSWERS_MIN = 2


def _publishable_check(request_type: RequestType) -> None:
    """A published form that takes requests online must be answerable: each of its list
    questions needs at least LIST_ANSWERS_MIN answers to choose from. One query."""
    if not (request_type.is_published and request_type.takes_online):
        return
    short = list(
        request_type.questions.filter(datatype__in=LIST_DATATYPES)
        .annotate(answers=Count("values"))
        .filter(answers__lt=LIST_ANSWERS_MIN)
        .order_by("order", "id")
    )
    if short:
        names = ", ".join(f"“{question.description}”" for question in short)
        raise ValidationError(
            {"is_published": f"Add at least {LIST_ANSWERS_MIN} answers to {names} before the form is published"}
        )


def request_type_create(*, by, fields: dict) -> RequestType:
    """Add a request type, with its history entry. Published or not, as `fields` say; a new type
    has no questions yet, so nothing stops it being published."""
    with transaction.atomic():
        request_type = _create(RequestType, by=by, fields=fields)
        _publishable_check(request_type)
    return request_type


def request_type_update(*, request_type: RequestType, by, fields: dict) -> RequestType:
    """Change a request type; the history keeps what changed. A published online form must be
    answerable (_publishable_check): nothing is saved otherwise."""
    with transaction.atomic():
        request_type = _update(request_type, by=by, fields=fields)
        _publishable_check(request_type)
    return request_type


def request_type_delete(*, request_type: RequestType, by) -> None:
    """Delete a request type no resident has sent; one that has contacts is unpublished instead,
    as its contacts keep pointing at it."""
    if request_type.contacts.exists():
        raise ValidationError(
            "Residents have sent this form, so it cannot be deleted. "
            "Unpublish it instead, so residents no longer see it"
        )
    _delete(request_type, by=by)


def question_create(*, request_type: RequestType, by, fields: dict) -> Question:
    """Add a question to a request type."""
    return _create(Question, by=by, fields=fields, request_type=request_type)


def question_update(*, question: Question, by, fields: dict) -> Question:
    """Change a question. Answers already sent keep their own copy of the question's words. A
    list question with answers stays a list: its answers would be left with nothing to belong to."""
    with transaction.atomic():
        question = _update(question, by=by, fields=fields)
        if not question.is_list and question.values.exists():
            raise ValidationError(
                {"datatype": "This question has answers to choose from. Delete its answers first, "
                 "or keep it as “choose one” or “choose one or more”"}
            )  # fmt: skip
    return question


def question_move(*, question: Question, by, up: bool) -> None:
    """Move a question one place up (or down) its form. The form's questions are numbered 1, 2,
    3 in their order, through question_update, so each move is in the history; a question already
    first (or last) stays where it is."""
    with transaction.atomic():
        questions = list(
            Question.objects.select_for_update()
            .filter(request_type_id=question.request_type_id)
            .order_by("order", "id")
        )
        index = next(i for i, entry in enumerate(questions) if entry.pk == question.pk)
        other = index - 1 if up else index + 1
        if 0 <= other < len(questions):
            questions[index], questions[other] = questions[other], questions[index]
        for order, entry in enumerate(questions, start=1):
            if entry.order != order:
                question_update(question=entry, by=by, fields={"order": order})


def question_delete(*, question: Question, by) -> None:
    """Delete a question and its answers (contacts already sent keep their copy of the answer)."""
    _delete(question, by=by)


def question_value_create(*, question: Question, by, fields: dict) -> QuestionValue:
    """Add an answer to a list question; one with a stop message ends the form there."""
    if not question.is_list:
        raise ValidationError("Only a “choose one” or “choose one or more” question has answers to choose from")
    return _create(QuestionValue, by=by, fields=fields, question=question)


def question_value_update(*, value: QuestionValue, by, fields: dict) -> QuestionValue:
    """Change an answer of a list question."""
    return _update(value, by=by, fields=fields)


def question_value_delete(*, value: QuestionValue, by) -> None:
    """Delete an answer of a list question, unless the question would be left with fewer than
    LIST_ANSWERS_MIN while its form is published online (the rule _publishable_check applies
    when a form is published). The question is locked, so two deletes at once cannot both pass."""
    with transaction.atomic():
        question = Question.objects.select_for_update().select_related("request_type").get(pk=value.question_id)
        _delete(value, by=by)
        live = question.request_type.is_published and question.request_type.takes_online
        if live and question.values.count() < LIST_ANSWERS_MIN:
            raise ValidationError(
                f"“{question.description}” needs at least {LIST_ANSWERS_MIN} answers while the form is published. "
                "Add another answer first, or unpublish the form"
            )
