"""Reads for contacts and the online request types."""

import hmac
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Max, Prefetch, Q, QuerySet, prefetch_related_objects
from django.db.models.functions import Lower
from django.http import Http404
from django.utils import timezone

from cases.models import Case, CaseEvent, reference_clean
from core.models import OutboundEmail
from directory.models import Topic
from directory.selectors import editor_area_ids
from standards.models import Channel
from standards.selectors import NoStandard, standard_for

from .models import Contact, ContactsChange, Question, QuestionValue, RequestType

ACKNOWLEDGEMENT = "contacts.acknowledgement"


def acknowledgements_sent(email: str) -> int:
    """Acknowledgement emails queued to `email` in the last 24 hours (any letter case). One query,
    on the outbox's purpose index."""
    since = timezone.now() - timedelta(days=1)
    return (
        OutboundEmail.objects.annotate(to_lower=Lower("to"))
        .filter(purpose=ACKNOWLEDGEMENT, to_lower=email.lower(), created_at__gte=since)
        .count()
    )


@dataclass(frozen=True)
class ReplyPromise:
    """What the resident is promised: the published standard's words and the working day by which
    the council will reply (the case's respond-by, or acknowledge-by when the standard sets only
    that), on the team's working calendar."""

    wording: str
    reply_by: date | None


def reply_promise(case: Case) -> ReplyPromise:
    due = case.respond_by or case.acknowledge_by
    wording = case.standard.public_wording if case.standard_id is not None and case.standard else ""
    return ReplyPromise(wording=wording, reply_by=timezone.localdate(due) if due else None)


def request_types_for_start_page() -> list[RequestType]:
    """Every published request type, online or phone-only, with its topic's area. One query."""
    return list(RequestType.objects.published().select_related("topic__service_area"))


def request_type_get_public(*, slug: str) -> RequestType:
    """A published request type that takes requests online, with its questions and their answers
    (three queries); 404 otherwise."""
    request_type = (
        RequestType.objects.online()
        .select_related("topic__service_area")
        .prefetch_related(
            Prefetch(
                "questions",
                Question.objects.order_by("order", "id").prefetch_related(
                    Prefetch("values", QuestionValue.objects.order_by("order", "id"))
                ),
            )
        )
        .filter(slug=slug)
        .first()
    )
    if request_type is None:
        raise Http404("No such form")
    return request_type


def web_form_standard(request_type: RequestType) -> str:
    """The published standard's words for this form sent online ("We will reply within 10
    working days"), as a case it raises would get it today; "" when none applies. One query."""
    topic = request_type.topic
    try:
        match = standard_for(
            channel=Channel.WEB,
            case_type=request_type.case_type,
            service_area_id=topic.service_area_id if topic is not None else None,
            received_at=timezone.now(),
        )
    except NoStandard:
        return ""
    return match.standard.public_wording


def contact_sent_get(*, request_type: RequestType, key=None, pk: int | None = None) -> Contact | None:
    """The web form of `request_type` sent with this key (its idempotency key) or id, with its
    case, the case's standard and the customer, for the confirmation page; None otherwise."""
    contacts = Contact.objects.select_related("case__standard", "customer").filter(request_type=request_type)
    if key is not None:
        return contacts.filter(key=key).first()
    return contacts.filter(pk=pk).first() if pk is not None else None


# --- Residents: tracking a case -------------------------------------------------------------------

# What the tracking page shows and what proves the case is the resident's: nothing more is read.
_TRACKING_FIELDS = (
    "reference", "summary", "status", "received_at", "resolved_at", "acknowledge_by", "respond_by",
    "location_postcode", "standard__public_wording", "customer__email", "customer__postcode",
)  # fmt: skip
# Compared with when no case has the reference, so a wrong reference costs what a wrong email does.
_NOBODY = ("nobody@example.invalid", "ZZ99ZZ", "ZZ99ZZ")


def _tracking_cases() -> QuerySet[Case]:
    return Case.objects.select_related("standard", "customer").only(*_TRACKING_FIELDS)


def _public_updates_load(case: Case) -> Case:
    # One query, newest first, as case.public_updates.
    updates = Prefetch("events", CaseEvent.objects.public().order_by("-at", "-id"), to_attr="public_updates")
    prefetch_related_objects([case], updates)
    return case


def _compact(postcode: str) -> bytes:
    return "".join(postcode.upper().split()).encode()


def _same(given: bytes, stored: bytes) -> bool:
    # Constant time, and a blank on the case (no email, no postcode) never matches.
    return hmac.compare_digest(given, stored) and bool(stored)


def tracking_find(*, reference: str, proof: str) -> Case | None:
    """The case with this reference when `proof` is its customer's email address (in any letter
    case) or its location's or customer's postcode (with any spacing), with its public updates;
    else None, whether no case has the reference or the proof is wrong. Both refusals do the
    same work, one query and three constant-time comparisons, so neither answer nor timing tells a
    guesser which it was; a match adds the query for the updates."""
    case = _tracking_cases().filter(reference=reference_clean(reference)).first()
    if case is None:
        email, location, home = _NOBODY
    else:
        customer = case.customer
        email, location, home = (
            customer.email if customer else "",
            case.location_postcode,
            customer.postcode if customer else "",
        )
    given = proof.strip()
    matches = [
        _same(given.lower().encode(), email.lower().encode()),
        _same(_compact(given), _compact(location)),
        _same(_compact(given), _compact(home)),
    ]
    if case is None or not any(matches):
        return None
    return _public_updates_load(case)


def tracking_case(reference: str) -> Case | None:
    """The case a signed tracking link names, with its public updates (two queries), or None."""
    case = _tracking_cases().filter(reference=reference).first()
    return _public_updates_load(case) if case is not None else None


# --- Managers: request types ----------------------------------------------------------------------

EDIT_REQUEST_TYPES = "contacts.edit_request_types"
# The general forms (no topic: complaints, compliments, comments) are council-wide.
EDIT_GENERAL_REQUEST_TYPES = "contacts.edit_general_request_types"


def request_types_for_user(user) -> QuerySet[RequestType]:
    """The request types `user` may edit, each with its topic's area and its number of questions:
    administrators every one; managers those whose topic is in a service area they edit
    (directory.selectors.editor_area_ids), and the general ones (no topic) only with
    EDIT_GENERAL_REQUEST_TYPES (service managers). No query until read: the area is a subquery."""
    if not user.is_authenticated or not user.has_perm(EDIT_REQUEST_TYPES):
        return RequestType.objects.none()
    types = RequestType.objects.select_related("topic__service_area").order_by("group", "position", "name")
    area_ids = editor_area_ids(user)
    if area_ids is None:
        return types
    scope = Q(topic__service_area_id__in=area_ids)
    if user.has_perm(EDIT_GENERAL_REQUEST_TYPES):
        scope |= Q(topic__isnull=True)
    return types.filter(scope)


def request_types_listed_for_user(user) -> list[RequestType]:
    """The managers' list: request_types_for_user with `question_count`. One query."""
    return list(request_types_for_user(user).annotate(question_count=Count("questions")))


def request_type_get_for_user(*, pk: int, user) -> RequestType:
    """A request type `user` may edit, or 404."""
    request_type = request_types_for_user(user).filter(pk=pk).first()
    if request_type is None:
        raise Http404("No such request type")
    return request_type


def request_type_questions(request_type: RequestType) -> list[Question]:
    """The type's questions in order, each with its answers in order (two queries); also left on
    `request_type`, so open311_definition reads them without asking again."""
    prefetch_related_objects(
        [request_type],
        Prefetch(
            "questions",
            Question.objects.order_by("order", "id").prefetch_related(
                Prefetch("values", QuestionValue.objects.order_by("order", "id"))
            ),
        ),
    )
    return list(request_type.questions.all())


def question_get_for_user(*, pk: int, user) -> Question:
    """A question of a request type `user` may edit, with its type, or 404."""
    question = (
        Question.objects.select_related("request_type")
        .filter(pk=pk, request_type__in=request_types_for_user(user))
        .first()
    )
    if question is None:
        raise Http404("No such question")
    return question


def question_value_get_for_user(*, pk: int, user) -> QuestionValue:
    """An answer of a question of a request type `user` may edit, with both, or 404."""
    value = (
        QuestionValue.objects.select_related("question__request_type")
        .filter(pk=pk, question__request_type__in=request_types_for_user(user))
        .first()
    )
    if value is None:
        raise Http404("No such answer")
    return value


def request_type_topics_for_user(user) -> QuerySet[Topic]:
    """The topics `user` may link a request type to: those of the areas they edit."""
    topics = Topic.objects.select_related("service_area").order_by("service_area__name", "name")
    area_ids = editor_area_ids(user)
    return topics if area_ids is None else topics.filter(service_area_id__in=area_ids)


def request_type_history(*, request_type: RequestType) -> list[ContactsChange]:
    """Every recorded change of the type and of its questions and answers (deleted ones too),
    newest first. One query, on the history's request type index."""
    return list(
        ContactsChange.objects.filter(request_type_pk=request_type.pk)
        .select_related("changed_by")
        .order_by("-changed_at", "-id")
    )


def open311_definition(request_type: RequestType) -> dict:
    """The type as an Open311 GeoReport v2 service definition (GET /services/{service_code}): its
    questions are the attributes, in order; only list questions have values. Served unchanged,
    as JSON or XML, by an Open311 endpoint. Reads the questions prefetched by
    request_type_questions, when they are."""
    attributes = []
    for question in request_type.questions.all():
        attribute = {
            "variable": True,
            "code": question.code,
            "datatype": question.datatype,
            "required": question.required,
            "datatype_description": question.datatype_description,
            "order": question.order,
            "description": question.description,
        }
        if question.is_list:
            attribute["values"] = [{"key": value.key, "name": value.name} for value in question.values.all()]
        attributes.append(attribute)
    return {"service_code": request_type.slug, "attributes": attributes}


def question_order_next(request_type: RequestType) -> int:
    """The order of a question added at the end of the form."""
    last = request_type.questions.aggregate(last=Max("order"))["last"]
    return (last or 0) + 1


def question_value_order_next(question: Question) -> int:
    """The order of an answer added at the end of the question's list."""
    last = question.values.aggregate(last=Max("order"))["last"]
    return (last or 0) + 1
