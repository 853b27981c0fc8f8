"""Writes for contacts and the online request types.

A web form sent is one transaction: the resident's customer record, the case (routed by the rules,
with its due times, through cases.services), the Contact, the files uploaded with it and the
acknowledgement email in the outbox. The broker is not in it: the email is sent after commit, or
by the outbox's sweep once Redis is back."""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from cases import services as cases
from cases.models import Case, ContactMethod, Customer, CustomerType, email_match
from cases.tracking import tracking_token_make
from core.changes import field_changes, snapshot
from core.dates import govuk_time
from core.db import constraint_name, save_checked
from core.services import email_queue
from standards.models import Channel

from . import selectors
from .models import (
    LIST_DATATYPES,
    LOGGED_CHANNELS,
    Contact,
    ContactsChange,
    Outcome,
    Question,
    QuestionValue,
    ReceptionVisit,
    RequestType,
    SurveyAnswer,
    SurveyInvitation,
)
from .selectors import ACKNOWLEDGEMENT, SURVEY
from .surveys import survey_token_make


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


# --- Contacts logged by advisers -------------------------------------------------------------------

CONTACT_LOG_FIELDS = ["channel", "started_at", "ended_at", "topic", "partner", "passed_to", "summary", "outcome"]
# The case fields an adviser gives when a contact raises a case; the rest come from the contact.
CONTACT_CASE_FIELDS = ["case_type", "priority", "description", "location_address", "location_postcode"]


# What full_clean leaves out: the key (the unique index decides), and the related rows, which
# the caller fetched or this transaction made: checking that each exists would be a query apiece.
_CONTACT_ROWS = ["key", "adviser", "customer", "case", "topic", "partner", "passed_to"]


@dataclass(frozen=True)
class Logged:
    """The contact logged, the case it raised or was about, and whether this was a repeat of a
    submission already logged (a double click on Save)."""

    contact: Contact
    case: Case | None
    repeated: bool


def _earlier(key: uuid.UUID) -> Logged | None:
    earlier = Contact.objects.select_related("case", "customer").filter(key=key).first()
    return None if earlier is None else Logged(contact=earlier, case=earlier.case, repeated=True)


def contact_log(
    *,
    by,
    key: uuid.UUID,
    fields: dict,
    customer: Customer | None = None,
    new_customer: dict | None = None,
    case: Case | None = None,
    chasing: bool = False,
    new_case: dict | None = None,
    visit: ReceptionVisit | None = None,
    survey: bool = True,
) -> Logged:
    """Log one contact an adviser took, once, in one transaction with what its outcome does:
    - a new customer (`new_customer`: the customer fields) is created with it;
    - "case raised" raises the case through cases.services (routed by the rules, due times), from
      `new_case` (CONTACT_CASE_FIELDS) and the contact's topic, summary and customer;
    - "about an existing case" links `case` (the caller fetched it within the adviser's scope) and
      writes the contact on its timeline; `chasing` (they were chasing progress) makes it an
      avoidable contact;
    - resolved at first point, for a customer with an email address, invites them to a survey
      (not with `survey=False`: a contact recorded for history, whose invitation the caller
      records with survey_invite(sent_at=...), as the demo data does);
    - a reception `visit` is linked to it.
    `key` is the form's token: saving the same form twice returns the first contact and creates
    no second customer or case."""
    unknown = set(fields) - set(CONTACT_LOG_FIELDS)
    if unknown:
        raise TypeError(f"Not contact fields: {sorted(unknown)}")
    earlier = _earlier(key)
    if earlier is not None:
        return earlier
    outcome = fields.get("outcome") or ""
    if outcome not in Outcome.values or outcome == Outcome.RECORDED:
        raise ValidationError({"outcome": "Select what happened: the outcome of the contact"})
    if fields.get("channel") not in LOGGED_CHANNELS:
        raise ValidationError({"channel": "Select how the customer contacted us"})
    if customer is not None and new_customer is not None:
        raise TypeError("Give an existing customer or a new one, not both")
    # What does not belong to the outcome chosen is dropped (a partner picked, then the outcome
    # changed), so the contact records only what happened.
    fields = {
        **fields,
        "partner": fields.get("partner") if outcome == Outcome.SIGNPOSTED else None,
        "passed_to": fields.get("passed_to") if outcome == Outcome.PASSED_ON else None,
    }
    if outcome != Outcome.EXISTING_CASE:
        case, chasing = None, False
    now = timezone.now()
    try:
        with transaction.atomic():
            if new_customer is not None:
                customer = cases.customer_create(by=by, fields=new_customer)
            contact = Contact(
                key=key,
                adviser=by,
                customer=customer,
                case=case,
                is_avoidable=chasing,
                **{"started_at": now, "ended_at": now, **fields},
            )
            if outcome == Outcome.CASE_RAISED:
                # The contact's own rules are checked first (all but "a case is needed", which
                # the case below meets): a case is not raised for a contact that cannot be saved.
                try:
                    contact.full_clean(exclude=_CONTACT_ROWS, validate_constraints=False)
                except ValidationError as error:
                    errors = {name: messages for name, messages in error.message_dict.items() if name != "case"}
                    if errors:
                        raise ValidationError(errors) from None
                case_fields = {name: (new_case or {}).get(name) for name in CONTACT_CASE_FIELDS}
                topic = fields.get("topic")
                contact.case = case = cases.case_create(
                    by=by,
                    received_at=contact.started_at,
                    fields={
                        **{name: value for name, value in case_fields.items() if value not in (None, "")},
                        "channel": contact.channel,
                        "topic": topic,
                        "service_area": topic.service_area if topic is not None else None,
                        "customer": customer,
                        "summary": contact.summary,
                    },
                )
            # Contact.clean() words each check constraint, so Django need not query for them.
            contact.full_clean(exclude=_CONTACT_ROWS, validate_constraints=False)
            contact.save()
            if outcome == Outcome.EXISTING_CASE and case is not None:
                cases.case_contact_record(
                    case=case, by=by, channel=contact.channel, chasing=chasing, summary=contact.summary
                )
            if visit is not None:
                visit_contact_link(visit=visit, contact=contact)
            if outcome == Outcome.RESOLVED and survey:
                survey_invite(contact=contact)
    except IntegrityError as error:
        if constraint_name(error) != "contacts_contact_key_key":
            raise
        # The same form saved twice at once: the other request's transaction won.
        earlier = _earlier(key)
        assert earlier is not None
        return earlier
    return Logged(contact=contact, case=case, repeated=False)


# --- Reception -------------------------------------------------------------------------------------


def visit_contact_link(*, visit: ReceptionVisit, contact: Contact) -> ReceptionVisit:
    """The face-to-face contact logged when a called visitor was seen. The row is locked and read
    again, so two advisers logging the same visitor at once cannot both link theirs (the second is
    refused and its transaction, contact_log's, saves nothing)."""
    visit = ReceptionVisit.objects.select_for_update().get(pk=visit.pk)
    if visit.called_at is None:
        raise ValidationError("Call the visitor to a desk before logging their contact")
    if visit.contact_id is not None and visit.contact_id != contact.pk:
        raise ValidationError("A contact has already been logged for this visitor")
    visit.contact = contact
    visit.save(update_fields=["contact"])
    return visit


# The fields a floor-walker gives when checking a visitor in.
VISIT_FIELDS = ["name", "customer", "reason", "needs_specialist"]


def visit_check_in(*, by, fields: dict, key: uuid.UUID | None = None) -> ReceptionVisit:
    """Check a visitor in at reception (VISIT_FIELDS): a blank name is a visitor who would rather
    not say; `needs_specialist` (they are vulnerable) sends them to the specialist desk. They are
    on the waiting list from now. `key` is the check-in form's token: the same form sent twice
    (a double tap on the tablet, a resend) returns the first visit."""
    unknown = set(fields) - set(VISIT_FIELDS)
    if unknown:
        raise TypeError(f"Not visit fields: {sorted(unknown)}")
    if key is not None:
        earlier = ReceptionVisit.objects.filter(key=key).first()
        if earlier is not None:
            return earlier
    reason = (fields.get("reason") or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter why they have come in"})
    visit = ReceptionVisit(
        name=(fields.get("name") or "").strip(),
        customer=fields.get("customer"),
        reason=reason,
        needs_specialist=bool(fields.get("needs_specialist")),
        checked_in_by=by,
        key=key,
    )
    visit.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            visit.save()
    except IntegrityError as error:
        # The same form sent twice at once: the first one's visit.
        if key is None or constraint_name(error) != "contacts_receptionvisit_key_key":
            raise
        return ReceptionVisit.objects.get(key=key)
    return visit


def _still_waiting(visit: ReceptionVisit) -> None:
    """Refuse, in words the desk can act on, a visitor who is no longer waiting."""
    who = selectors.visit_who(visit)
    if visit.called_at is not None:
        caller = visit.called_by.get_full_name() or visit.called_by.get_username()  # type: ignore[union-attr]
        raise ValidationError(f"{who} has already been called to a desk, by {caller} at {govuk_time(visit.called_at)}")
    if visit.left_at is not None:
        raise ValidationError(f"{who} left without being seen at {govuk_time(visit.left_at)}")
    if visit.arrived_at < selectors.reception_day_start():
        raise ValidationError(f"{who} checked in on an earlier day and is no longer on the waiting list")


def _locked(visit: ReceptionVisit) -> ReceptionVisit:
    """The visit's row, locked until the transaction ends, as it is now (another desk may have
    called the visitor since the page was drawn)."""
    return (
        ReceptionVisit.objects.select_for_update(of=("self",)).select_related("customer", "called_by").get(pk=visit.pk)
    )


def _call(visit: ReceptionVisit, by) -> None:
    # Never before the check-in, even if this server's clock is behind the one that checked them
    # in: the wait is then 0, not negative (visit_called_with_wait).
    visit.called_at = max(timezone.now(), visit.arrived_at)
    visit.called_by = by
    visit.wait_seconds = int((visit.called_at - visit.arrived_at).total_seconds())
    # The row is locked and still waiting, so the check constraints hold: no query for them.
    visit.full_clean(validate_constraints=False)
    visit.save(update_fields=["called_at", "called_by", "wait_seconds"])


def visit_call(*, visit: ReceptionVisit, by) -> ReceptionVisit:
    """Call this visitor to `by`'s desk, storing their wait (check-in to now, in whole seconds)
    for the dashboards. A visitor another desk has called, who has left, or who checked in on an
    earlier day is refused with a ValidationError saying so: of two advisers pressing "Call" at
    once, the first to lock the row wins and the other is told who did."""
    with transaction.atomic():
        visit = _locked(visit)
        _still_waiting(visit)
        _call(visit, by)
    return visit


def visit_call_next(*, by, specialist: bool) -> ReceptionVisit | None:
    """Call the visitor who has waited longest for `by`'s desk, or None when no one waits for it.

    The general desk takes visitors who do not need the specialist desk, and never one who does:
    they are vulnerable and are seen by the specialist. The specialist desk takes the specialist
    visitors first and, when none is waiting, the longest-waiting general visitor, so a specialist
    adviser is never idle while the general queue grows (the council's target is the wait).

    Rows another desk is calling at this moment are skipped (FOR UPDATE SKIP LOCKED), so two desks
    pressing "Call next visitor" together never call the same visitor."""
    with transaction.atomic():
        waiting = selectors.visits_waiting_today().select_for_update(skip_locked=True)
        visit = waiting.filter(needs_specialist=specialist).first()
        if visit is None and specialist:
            visit = waiting.first()
        if visit is None:
            return None
        _call(visit, by)
    return visit


def visit_leave(*, visit: ReceptionVisit, by) -> ReceptionVisit:
    """The visitor left before being called (`by` saw them go; the visit records when, not who).
    They leave the waiting list and count as left without being seen. A visitor already called or
    gone is refused with a ValidationError, as for visit_call."""
    with transaction.atomic():
        visit = _locked(visit)
        _still_waiting(visit)
        visit.left_at = max(timezone.now(), visit.arrived_at)
        visit.save(update_fields=["left_at"])
    return visit


# --- Satisfaction surveys -------------------------------------------------------------------------


def survey_invite(
    *, case: Case | None = None, contact: Contact | None = None, sent_at: datetime | None = None
) -> SurveyInvitation | None:
    """Invite the customer of a resolved case or contact to the survey, through the outbox, with a
    signed single-use link. None (no invitation) when there is no customer or email address, or
    the customer was invited within SURVEY_QUIET_DAYS: a survey after every call would go unread.
    What it was about is stored with the invitation, so the response rate is always known.

    `sent_at`: an invitation sent in the past, recorded for history (the demo's 18 months): stamped
    then, the quiet period counted either side of then, and no email queued, as it went then."""
    about = case or contact
    if about is None or (case is None) == (contact is None):
        raise TypeError("Give a case or a contact")
    customer = about.customer
    if customer is None or not customer.email:
        return None
    now = sent_at or timezone.now()
    quiet = timedelta(days=settings.SURVEY_QUIET_DAYS)
    # Either side: a historic invitation is recorded among others already there, later ones too.
    recent = SurveyInvitation.objects.filter(customer=customer, sent_at__gte=now - quiet, sent_at__lt=now + quiet)
    if recent.exists():
        return None
    if case is not None:
        service_area = case.service_area
    else:
        service_area = contact.topic.service_area if contact.topic is not None else None  # type: ignore[union-attr]
    invitation = SurveyInvitation(
        case=case,
        contact=contact,
        customer=customer,
        email=customer.email,
        channel=about.channel,
        service_area=service_area,
        customer_type=customer.customer_type,
        sent_at=now,
        expires_at=now + timedelta(days=settings.SURVEY_LINK_DAYS),
    )
    # The related rows are the caller's, already saved: checking them would only cost queries.
    invitation.full_clean(
        exclude=["case", "contact", "customer", "service_area"], validate_unique=False, validate_constraints=False
    )
    invitation.save()
    if sent_at is not None:
        return invitation
    email_queue(
        to=invitation.email,
        template="contacts/emails/survey",
        context={
            "invitation": invitation,
            "customer": customer,
            "case": case,
            "link": f"{settings.SITE_URL}{reverse('contacts:survey', args=[survey_token_make(invitation)])}",
            "council_name": settings.COUNCIL_NAME,
        },
        purpose=SURVEY,
    )
    return invitation


# --- Satisfaction surveys: answers ---------------------------------------------------------------

SURVEY_EXPIRED = "This survey has closed"
SURVEY_ANSWERED = "You have already answered this survey"
# The one-to-one key, which keeps one answer per invitation however many are sent at once.
_ONE_ANSWER = {"contacts_surveyanswer_invitation_id_key": ValidationError(SURVEY_ANSWERED, code="answered")}


def survey_answer(
    *,
    invitation: SurveyInvitation,
    satisfaction: int,
    resolved: bool,
    comment: str,
    answered_at: datetime | None = None,
) -> SurveyAnswer:
    """Store the one answer to a survey invitation, its comment trimmed. Refused with code
    "expired" once the link's time is up, and "answered" when the invitation has an answer
    already: the database's one-to-one key decides, so of two answers sent at once one is kept.
    `answered_at`: an answer given in the past, recorded for history (the demo data's), stamped then."""
    answered_at = answered_at or timezone.now()
    if invitation.expires_at <= answered_at:
        raise ValidationError(SURVEY_EXPIRED, code="expired")
    comment = comment.strip()
    limit = cast(models.TextField, SurveyAnswer._meta.get_field("comment")).max_length
    # A TextField's max_length is not checked by full_clean, and PostgreSQL refuses NUL in text.
    if limit is not None and len(comment) > limit:
        raise ValidationError({"comment": f"Your comment must be {limit:,} characters or fewer"})
    if "\x00" in comment:
        raise ValidationError({"comment": "Your comment must not contain null characters"})
    answer = SurveyAnswer(
        invitation=invitation, satisfaction=satisfaction, resolved=resolved, comment=comment, answered_at=answered_at
    )
    # clean() words the score's check constraint; the one-answer rule is the save's.
    answer.full_clean(exclude=["invitation"], validate_unique=False, validate_constraints=False)
    save_checked(answer, errors=_ONE_ANSWER)
    return answer
