"""Reads for contacts and the online request types."""

import hmac
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Avg, Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet, prefetch_related_objects
from django.db.models.functions import ExtractHour, Lower
from django.http import Http404
from django.utils import timezone

from cases import selectors as cases_selectors
from cases.chase import promise
from cases.models import OPEN_STATUSES, Case, CaseEvent, Customer, CustomerType, reference_clean
from core.db import pk_or_none_q
from core.models import OutboundEmail
from core.tallies import Span, TallySource, council_local, tallies_read, tally_groups
from directory.models import Officer, Partner, ServiceArea, Team, Topic
from directory.selectors import AwayNotice, editor_area_ids, team_away_today
from standards.models import CaseType, Channel
from standards.selectors import NoStandard, calendar_for_team, due_times, standard_for, working_calendar

from .models import (
    LOG_CONTACTS,
    LOGGED_CHANNELS,
    RECEIVE_VISITORS,
    Contact,
    ContactsChange,
    ContactScope,
    Question,
    QuestionValue,
    ReceptionVisit,
    RequestType,
    SurveyInvitation,
    SurveyInvitationQuerySet,
    contact_scope,
)
from .surveys import survey_token_read

ACKNOWLEDGEMENT = "contacts.acknowledgement"
SURVEY = "contacts.survey"


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
    that, or the later date a holding update gave), on the team's working calendar."""

    wording: str
    reply_by: date | None


def reply_promise(case: Case) -> ReplyPromise:
    # After a holding update, the date it gave (cases.chase.promise).
    due = promise(case)
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
    "reference", "summary", "status", "received_at", "resolved_at", "acknowledge_by", "respond_by", "expected_by",
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


# --- Advisers: logging a contact -------------------------------------------------------------------


def usual_channel(user) -> str:
    """The channel of the adviser's most recently logged contact, phone when none: what the log
    screen starts on. One query, on contact_adviser_idx (adviser, started_at)."""
    last = Contact.objects.filter(adviser=user).order_by("-started_at").values_list("channel", flat=True).first()
    return last if last in LOGGED_CHANNELS else Channel.PHONE


def log_partners() -> list[Partner]:
    """The partners a contact can be signposted to, A to Z. One query."""
    return list(Partner.objects.order_by("name").only("name"))


def log_officers() -> list[Officer]:
    """The officers a contact can be passed to, by team then name. One query."""
    return list(
        Officer.objects.select_related("user", "team")
        .only("user__first_name", "user__last_name", "user__username", "team__name")
        .order_by("team__name", "user__first_name", "user__last_name", "id")
    )


def log_partner_get(*, pk: int) -> Partner | None:
    return Partner.objects.filter(pk=pk).first()


def log_officer_get(*, pk: int) -> Officer | None:
    return Officer.objects.select_related("user").filter(pk=pk).first()


def log_topic_get(*, slug: str) -> Topic | None:
    """The directory topic a contact is about, with its area, team and partner; None for a slug
    that names none (the form says so). One query."""
    return Topic.objects.select_related("service_area", "team", "partner").filter(slug=slug).first()


def customer_open_cases(*, customer: Customer, user, limit: int = 5) -> list[Case]:
    """The customer's open cases that `user` may see (cases.selectors' scope), newest first."""
    return list(
        cases_selectors.cases_visible_to(user)
        .filter(customer=customer, status__in=OPEN_STATUSES)
        .select_related("team")
        .order_by("-received_at")[:limit]
    )


def customer_recent_contacts(*, customer: Customer, user, limit: int = 5) -> list[Contact]:
    """The customer's latest contacts, whoever logged them: an adviser on a call needs to know the
    customer rang yesterday about the same thing even when a colleague took that call. Only for
    those who log contacts (what a contact list shows stays Contact.objects.visible_to). One
    query, on contact_customer_idx."""
    if not user.has_perm(LOG_CONTACTS):
        return []
    return list(
        Contact.objects.filter(customer=customer)
        .select_related("case", "topic")
        .only("channel", "started_at", "summary", "outcome", "case__reference", "topic__name")
        .order_by("-started_at")[:limit]
    )


def reply_promise_for(
    *, channel: str, case_type: str, team, service_area_id: int | None, received_at: datetime
) -> ReplyPromise | None:
    """What a caller would be promised for a case raised now: the published standard for it and
    the working day of its respond-by (acknowledge-by when the standard sets only that) on the
    team's working calendar; None when no standard applies. Three queries at most (the standard,
    the team's calendar; the calendar's hours are kept in memory once read)."""
    try:
        match = standard_for(
            channel=channel, case_type=case_type, service_area_id=service_area_id, received_at=received_at
        )
    except NoStandard:
        return None
    calendar = working_calendar(calendar_for_team(team))
    due = due_times(standard=match.standard, calendar=calendar, received_at=received_at)
    when = due.respond_by or due.acknowledge_by
    return ReplyPromise(wording=match.standard.public_wording, reply_by=timezone.localdate(when) if when else None)


@dataclass(frozen=True)
class TopicPanel:
    """What the log screen shows beside a chosen topic: the topic (with its team or partner), who
    in its team is away today and what to tell callers, the online form that takes it (if one is
    published) and what the caller would be promised."""

    topic: Topic
    away: list[AwayNotice]
    request_type: RequestType | None
    promise: ReplyPromise | None


def topic_panel(*, topic: Topic, user, channel: str) -> TopicPanel:
    """The panel for `topic` (from log_topic_get) as `user` sees it, for a contact on `channel`.
    A topic another body deals with has no team, so no absences and no standard of ours."""
    request_type = RequestType.objects.published().filter(topic=topic).order_by("-takes_online", "position").first()
    if topic.team_id is None:
        return TopicPanel(topic=topic, away=[], request_type=request_type, promise=None)
    return TopicPanel(
        topic=topic,
        away=team_away_today(team_id=topic.team_id, user=user),
        request_type=request_type,
        promise=reply_promise_for(
            channel=channel,
            case_type=request_type.case_type if request_type is not None else CaseType.SERVICE_REQUEST,
            team=topic.team,
            service_area_id=topic.service_area_id,
            received_at=timezone.now(),
        ),
    )


def contact_logged_get_for_user(*, pk: int | None = None, key=None, user) -> Contact:
    """A contact `user` logged, for its confirmation page (by id) or for a form saved again (by
    key), with its case, customer and the rest the page names; 404 for anyone else's."""
    contacts = Contact.objects.filter(adviser=user).select_related(
        "case__standard", "customer", "topic", "partner", "passed_to__user"
    )
    contact = contacts.filter(pk=pk).first() if pk is not None else contacts.filter(key=key).first()
    if contact is None:
        raise Http404("No such contact")
    return contact


# --- Staff: the contacts list and a contact's page -------------------------------------------------

CONTACTS_PAGE_SIZE = 25
# The contacts list's district filter for contacts with no postcode district.
NO_DISTRICT = "none"


@dataclass(frozen=True)
class ContactFilters:
    """The contacts list's filters. The dates are the council's days: `started_from` is the local
    midnight the first day begins at, `started_before` the one after the last day ends."""

    adviser_id: int | None = None
    channel: str = ""
    outcome: str = ""
    started_from: datetime | None = None
    started_before: datetime | None = None
    avoidable: bool = False
    # The dashboard's drill-downs: the adviser's team, the topic's service area, the partner, and
    # only what advisers logged (not online forms).
    team_id: int | None = None
    area_id: int | None = None
    partner_id: int | None = None
    logged: bool = False
    # The customer's postcode district ("WY1" of "WY1 2AB"), as the dashboard counts them;
    # NO_DISTRICT: anonymous contacts and customers with no postcode.
    district: str = ""
    # The ISO weekday (1 Monday) and hour it started, on the council's clock (the busiest times).
    weekday: int | None = None
    hour: int | None = None


def contact_filter_choices() -> dict[str, list[tuple[int, str]]]:
    """The teams, service areas and partners the contacts list may be filtered by (the
    directory's names, public already; the list itself stays within visible_to). Three queries."""
    return {
        "team": list(Team.objects.order_by("name").values_list("pk", "name")),
        "area": list(ServiceArea.objects.order_by("name").values_list("pk", "name")),
        "partner": list(Partner.objects.order_by("name").values_list("pk", "name")),
    }


def contact_advisers_for_user(user) -> list:
    """Whom `user` may filter the contacts list by, by name: the people whose contacts
    Contact.objects.visible_to shows them because of who logged them (their teams' for team
    managers, their areas' for service managers, with themselves) or what about (for service
    managers, whoever logged a contact about their areas' topics); everyone who has logged a
    contact for administrators. [] for someone who sees only their own: no filter to show.
    One query. Only the choices: the list itself is always within visible_to."""
    scope = contact_scope(user)
    users = get_user_model().objects.all()
    if scope is None:
        users = users.filter(Exists(Contact.objects.filter(adviser=OuterRef("pk"))))
    elif scope.nothing or scope.advisers is None:
        return []
    else:
        rule = Q(pk=scope.adviser) | Q(pk__in=scope.advisers)
        if scope.areas is not None:
            about = Contact.objects.filter(adviser=OuterRef("pk"), topic__service_area_id__in=scope.areas)
            rule |= Q(Exists(about))
        users = users.filter(rule)
    return list(users.only("first_name", "last_name", "username").order_by("first_name", "last_name", "username"))


def _case_visible(user) -> Exists:
    # Whether `user` may open the contact's case page: the cases' own scope as a subquery, so a
    # page of contacts costs no query a row.
    return Exists(cases_selectors.cases_visible_to(user).filter(pk=OuterRef("case_id")))


# What the contacts list shows of each contact.
LIST_COLUMNS = (
    "started_at", "channel", "outcome", "is_avoidable", "customer__name", "topic__name",
    "adviser__first_name", "adviser__last_name", "adviser__username", "case__reference",
)  # fmt: skip


def contacts_for_user(*, user, filters: ContactFilters) -> QuerySet[Contact]:
    """The contacts `user` may see (Contact.objects.visible_to), filtered, newest first, with
    what the list shows and `case_visible`. No query until read. Each filter is on the column an
    index leads with (adviser, channel, started_at), and the order is the started_at index's."""
    contacts = Contact.objects.visible_to(user)
    if filters.adviser_id is not None:
        contacts = contacts.filter(adviser_id=filters.adviser_id)
    if filters.channel:
        contacts = contacts.filter(channel=filters.channel)
    if filters.outcome:
        contacts = contacts.filter(outcome=filters.outcome)
    if filters.started_from is not None:
        contacts = contacts.filter(started_at__gte=filters.started_from)
    if filters.started_before is not None:
        contacts = contacts.filter(started_at__lt=filters.started_before)
    if filters.avoidable:
        contacts = contacts.filter(is_avoidable=True)
    if filters.team_id is not None:
        contacts = contacts.filter(pk_or_none_q("adviser__officer__team_id", filters.team_id))
    if filters.area_id is not None:
        contacts = contacts.filter(pk_or_none_q("topic__service_area_id", filters.area_id))
    if filters.partner_id is not None:
        contacts = contacts.filter(partner_id=filters.partner_id)
    if filters.logged:
        contacts = contacts.logged()
    if filters.weekday is not None:
        contacts = contacts.filter(started_at__iso_week_day=filters.weekday)
    if filters.hour is not None:
        contacts = contacts.filter(started_at__hour=filters.hour)
    if filters.district == NO_DISTRICT:
        contacts = contacts.filter(Q(customer__isnull=True) | Q(customer__postcode=""))
    elif filters.district:
        # Postcodes are stored normalised ("WY1 2AB"): the district is what comes before the space.
        district = filters.district
        contacts = contacts.filter(Q(customer__postcode=district) | Q(customer__postcode__startswith=f"{district} "))
    return (
        contacts.select_related("adviser", "customer", "topic", "case")
        # The columns the list shows: the related rows' other columns (a case has forty) cost
        # a third of the page's query and of building its rows.
        .only(*LIST_COLUMNS)
        .annotate(case_visible=_case_visible(user))
        .order_by("-started_at", "-id")
    )


def contact_get_for_user(*, pk: int, user) -> Contact:
    """A contact `user` may see, with everything its page shows (its reception visit and survey
    answer too) and `case_visible`, in one query; 404 outside visible_to, the same as for one
    that does not exist, so ids cannot be probed."""
    contact = (
        Contact.objects.visible_to(user)
        .select_related(
            "adviser", "customer", "case", "topic__service_area", "partner", "passed_to__user", "request_type",
            "visit", "survey__answer",
        )
        .annotate(case_visible=_case_visible(user))
        .filter(pk=pk)
        .first()
    )  # fmt: skip
    if contact is None:
        raise Http404("No such contact")
    return contact


# --- Reception ------------------------------------------------------------------------------------
# The Civic Offices' waiting area: visitors checked in today and not yet called, and the day's
# waits. A visitor checked in on an earlier day and never called or marked as gone is no longer
# waiting: each day's list starts empty, and a stale entry cannot be called with a wait of hours.


def reception_day_start() -> datetime:
    """The first moment of today on the council's clock (Europe/London), whatever UTC says."""
    return timezone.make_aware(datetime.combine(timezone.localdate(), time.min))


def visits_waiting_today() -> QuerySet[ReceptionVisit]:
    """Today's visitors not yet called and not gone, longest wait first (the partial index
    visit_waiting_idx). No query until read; the services lock rows of it to call one."""
    return ReceptionVisit.objects.waiting().filter(arrived_at__gte=reception_day_start())


def wait_words(waited: timedelta) -> str:
    """A wait as the desk says it: "less than a minute", "1 minute", "14 minutes" (rounded down;
    waits are minutes, and a wait of over an hour reads better as 75 minutes than as 1 hour)."""
    minutes = int(waited.total_seconds() // 60)
    if minutes < 1:
        return "less than a minute"
    return f"{minutes} minute{'' if minutes == 1 else 's'}"


def visit_who(visit: ReceptionVisit) -> str:
    """The visitor as staff see them: the name given, else their customer's, else that none was."""
    if visit.name:
        return visit.name
    if visit.customer is not None:
        return visit.customer.name
    return "Visitor (no name given)"


@dataclass(frozen=True)
class Waiting:
    """A visitor on the waiting list and how long they have waited so far."""

    visit: ReceptionVisit
    waited: timedelta

    @property
    def who(self) -> str:
        return visit_who(self.visit)

    @property
    def wait_words(self) -> str:
        return wait_words(self.waited)


def waiting_list(*, now: datetime | None = None) -> list[Waiting]:
    """Today's waiting visitors with their wait so far, longest first; a specialist one is marked
    by its visit's needs_specialist. One query."""
    now = now or timezone.now()
    visits = visits_waiting_today().select_related("customer")
    return [Waiting(visit=visit, waited=max(now - visit.arrived_at, timedelta(0))) for visit in visits]


@dataclass(frozen=True)
class ReceptionWaits:
    """Today at reception: how many were called to a desk, their average and longest wait (None
    before the first is called), and how many left without being seen."""

    seen: int
    left: int
    average: timedelta | None
    longest: timedelta | None

    @property
    def average_words(self) -> str:
        return "" if self.average is None else wait_words(self.average)

    @property
    def longest_words(self) -> str:
        return "" if self.longest is None else wait_words(self.longest)


def reception_waits() -> ReceptionWaits:
    """The waits of today's visitors, for the waiting list's header. One query (the arrival
    index)."""
    called = Q(called_at__isnull=False)
    day = ReceptionVisit.objects.filter(arrived_at__gte=reception_day_start()).aggregate(
        seen=Count("pk", filter=called),
        left=Count("pk", filter=Q(left_at__isnull=False)),
        average=Avg("wait_seconds", filter=called),
        longest=Max("wait_seconds", filter=called),
    )
    return ReceptionWaits(
        seen=day["seen"],
        left=day["left"],
        average=None if day["average"] is None else timedelta(seconds=round(day["average"])),
        longest=None if day["longest"] is None else timedelta(seconds=day["longest"]),
    )


# The visits list's states: what the dashboard's reception waits count, and who left unseen.
VISIT_STATES = {"seen": "Called to a desk", "left": "Left before being called"}
VISITS_PAGE_SIZE = 50


@dataclass(frozen=True)
class VisitListFilters:
    """The reception visits list's filters (the dashboard's waits by hour link to it): arrived
    from and before, the hour of arrival on the council's clock, and one of VISIT_STATES."""

    arrived_from: datetime | None = None
    arrived_before: datetime | None = None
    hour: int | None = None
    state: str = ""


def visits_for_list(*, filters: VisitListFilters) -> QuerySet[ReceptionVisit]:
    """The reception desk's visits, newest first, filtered, with their customer: one
    waiting area serves the whole council, so whoever receives visitors sees every visit, as the
    waiting list does. No query until read."""
    visits = ReceptionVisit.objects.all()
    if filters.arrived_from is not None:
        visits = visits.filter(arrived_at__gte=filters.arrived_from)
    if filters.arrived_before is not None:
        visits = visits.filter(arrived_at__lt=filters.arrived_before)
    if filters.hour is not None:
        visits = visits.annotate(hour=ExtractHour("arrived_at", tzinfo=timezone.get_current_timezone())).filter(
            hour=filters.hour
        )
    if filters.state == "seen":
        # As the dashboard counts a visitor seen: their wait is recorded when they are called.
        visits = visits.filter(wait_seconds__isnull=False)
    elif filters.state == "left":
        visits = visits.filter(left_at__isnull=False)
    return visits.select_related("customer").order_by("-arrived_at", "-id")


def visit_get(*, pk: int) -> ReceptionVisit:
    """Any visitor, with their customer, for the reception desk (one waiting area: whoever
    receives visitors may call any of them), or 404. The services say why one cannot be called
    or marked as gone."""
    visit = ReceptionVisit.objects.select_related("customer").filter(pk=pk).first()
    if visit is None:
        raise Http404("No such visitor")
    return visit


def visit_contact_for_user(*, pk: int | None, user) -> Contact | None:
    """The contact already logged for reception visit `pk`, when `user` may see it."""
    if pk is None:
        return None
    return Contact.objects.visible_to(user).filter(visit__pk=pk).first()


def visit_get_for_user(*, pk: int, user) -> ReceptionVisit:
    """A visitor called to a desk whose contact is not logged yet, with their customer, for the
    log-a-contact screen (?visit=<pk>); 404 for anyone who neither receives visitors nor logs
    contacts, and for a visitor not called, gone, or already logged (a second log of one visit)."""
    if not user.is_authenticated or not (user.has_perm(RECEIVE_VISITORS) or user.has_perm(LOG_CONTACTS)):
        raise Http404("No such visitor")
    visit = (
        ReceptionVisit.objects.select_related("customer")
        .filter(pk=pk, called_at__isnull=False, contact__isnull=True)
        .first()
    )
    if visit is None:
        raise Http404("No such visitor")
    return visit


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


# --- Satisfaction surveys ---------------------------------------------------------------------------

# What the public survey page shows, and what tells it whether the link still works: nothing more
# is read (the link may have been forwarded, so the customer's name and the case's details stay out).
_SURVEY_FIELDS = (
    "expires_at", "case__reference", "case__summary", "contact__channel", "contact__started_at",
    "answer__invitation",
)  # fmt: skip


def survey_invitation_from_token(token: str) -> SurveyInvitation | None:
    """The invitation a survey link names, with what it was about and its answer if it has one;
    None for a forged or damaged link. One query (none for a forged one)."""
    pk = survey_token_read(token)
    if pk is None:
        return None
    return (
        SurveyInvitation.objects.select_related("case", "contact", "answer").only(*_SURVEY_FIELDS).filter(pk=pk).first()
    )


# A satisfied customer answered 4 (satisfied) or 5 (very satisfied).
SATISFIED_FROM = 4
# survey_results' groupings: the invitation's column for each.
SURVEY_GROUPINGS = {"channel": "channel", "service_area": "service_area_id", "customer_type": "customer_type"}


@dataclass(frozen=True)
class SurveyResult:
    """The survey results of one group (or of them all): how many were invited and answered
    beside the scores, so a score from a few respondents never stands alone. The rates and shares
    are fractions from 0 to 1; None where there is nothing to divide by (no invitations, or no
    answers for the scores)."""

    key: str | int | None
    label: str
    invitations: int
    answers: int
    # The sum of the satisfaction scores answered (1 to 5 each).
    score_total: int
    satisfied: int
    resolved: int

    @property
    def response_rate(self) -> float | None:
        return self.answers / self.invitations if self.invitations else None

    @property
    def average(self) -> float | None:
        return self.score_total / self.answers if self.answers else None

    @property
    def satisfied_share(self) -> float | None:
        return self.satisfied / self.answers if self.answers else None

    @property
    def resolved_share(self) -> float | None:
        return self.resolved / self.answers if self.answers else None


@dataclass(frozen=True)
class SurveyResults:
    rows: list[SurveyResult]
    total: SurveyResult


def _survey_label(by: str, key, area_name: str | None) -> str:
    if by == "service_area":
        return area_name or "No service area"
    choices = Channel if by == "channel" else CustomerType
    return str(choices(key).label)


def survey_results(
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    by: str,
    invitations: QuerySet[SurveyInvitation] | None = None,
) -> SurveyResults:
    """The survey results of the invitations sent from `since` until before `until`, grouped `by`
    "channel", "service_area" or "customer_type": survey_results_each for one grouping."""
    return survey_results_each(since=since, until=until, groupings=[by], invitations=invitations)[by]


def survey_results_each(
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    groupings: list[str],
    invitations: QuerySet[SurveyInvitation] | None = None,
) -> dict[str, SurveyResults]:
    """The survey results of the invitations sent from `since` until before `until`, for each of
    `groupings` ("channel", "service_area" or "customer_type": what was copied on each invitation
    when it was sent), in the order of their labels, and in total. An answer counts with its
    invitation, whenever it came, so the response rate is of those invited in the period. One
    statement for every grouping (GROUPING SETS: a year's invitations at council scale read once,
    not once a grouping), sums rather than averages, so the total's average is exact.
    `invitations`: only these (a dashboard's scope); every invitation when not given."""
    wrong = [by for by in groupings if by not in SURVEY_GROUPINGS]
    if wrong or not groupings:
        raise ValueError(f"Group survey results by one of {sorted(SURVEY_GROUPINGS)}, not {wrong or groupings!r}")
    if invitations is None:
        invitations = SurveyInvitation.objects.all()
    if since is not None:
        invitations = invitations.filter(sent_at__gte=since)
    if until is not None:
        invitations = invitations.filter(sent_at__lt=until)
    inner, params = invitations.order_by().values("id", *SURVEY_GROUPINGS.values()).query.sql_with_params()
    columns = [SURVEY_GROUPINGS[by] for by in groupings]
    # Counted first by every grouping's column together (a few hundred cells), then the cells
    # summed for each grouping: a year's invitations go through one grouping, not three (36 ms,
    # not 55, at council scale).
    keys = ", ".join(f"i.{column}" for column in columns)
    flags = ", ".join(f"GROUPING(c.{column})" for column in columns)
    sets = ", ".join(f"(c.{column})" for column in columns)
    name = "min(a_name.name)" if "service_area_id" in columns else "NULL"
    names = "LEFT JOIN directory_servicearea a_name ON a_name.id = c.service_area_id" if name != "NULL" else ""
    sql = f"""
        WITH cell AS (
            SELECT {keys}, count(*) AS invitations, count(a.id) AS answers,
                coalesce(sum(a.satisfaction), 0) AS score_total,
                count(a.id) FILTER (WHERE a.satisfaction >= %s) AS satisfied,
                count(a.id) FILTER (WHERE a.resolved) AS resolved
            FROM ({inner}) i
            LEFT JOIN contacts_surveyanswer a ON a.invitation_id = i.id
            GROUP BY {keys}
        )
        SELECT {flags}, {", ".join(f"c.{column}" for column in columns)}, {name},
            sum(c.invitations)::bigint, sum(c.answers)::bigint, sum(c.score_total)::bigint,
            sum(c.satisfied)::bigint, sum(c.resolved)::bigint
        FROM cell c {names}
        GROUP BY GROUPING SETS ({sets})
    """  # noqa: S608 - the names are SURVEY_GROUPINGS' columns, the values parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [SATISFIED_FROM, *params])
        found = cursor.fetchall()
    results = {}
    width = len(columns)
    for index, by in enumerate(groupings):
        # A row of this grouping: GROUPING() is 0 for its column alone.
        mine = [row for row in found if [flag == 0 for flag in row[:width]] == [i == index for i in range(width)]]
        results[by] = _survey_results(by, [(row[width + index], row[2 * width], row[2 * width + 1 :]) for row in mine])
    return results


_SURVEY_COUNTS = ("invitations", "answers", "score_total", "satisfied", "resolved")


def _survey_results(by: str, cells: list[tuple[Any, str | None, Any]]) -> SurveyResults:
    """One grouping's results from its cells, (key, the area's name, the counts in _SURVEY_COUNTS'
    order), in the order of their labels, and their total."""
    rows = sorted(
        (
            SurveyResult(
                key=key, label=_survey_label(by, key, area_name), **dict(zip(_SURVEY_COUNTS, counts, strict=True))
            )
            for key, area_name, counts in cells
        ),
        key=lambda result: result.label,
    )
    total = SurveyResult(
        key=None, label="All", **{name: sum(getattr(r, name) for r in rows) for name in _SURVEY_COUNTS}
    )
    return SurveyResults(rows=rows, total=total)


# contacts.models.SurveyTally's keys and counts over the invitations and their answers, as the
# triggers of migration 0007 count them.
SURVEY_TALLY = TallySource(
    "contacts_surveytally",
    "contacts_surveyinvitation r LEFT JOIN contacts_surveyanswer a ON a.invitation_id = r.id",
    "r.sent_at",
    {"channel": "r.channel", "area_id": "coalesce(r.service_area_id, 0)", "customer_type": "r.customer_type"},
    {
        "invitations": "1",
        "answers": "(a.id IS NOT NULL)::int",
        "score_total": "coalesce(a.satisfaction, 0)",
        "satisfied": f"(coalesce(a.satisfaction, 0) >= {SATISFIED_FROM})::int",
        "resolved": "(a.resolved IS TRUE)::int",
    },
)
_TALLY_KEYS = {"channel": "channel", "service_area": "area_id", "customer_type": "customer_type"}


def survey_results_tallied(
    *,
    span: Span,
    groupings: list[str],
    area_ids: QuerySet | None = None,
    area_id: int | None = None,
    channel: str = "",
    area_names: dict[int, str] | None = None,
) -> dict[str, SurveyResults]:
    """survey_results_each for the invitations sent in the whole days of `span`, read from the
    survey tally (whole months) and the rows (parts of months) in one statement: every
    invitation's, or those of the service areas `area_ids` (a subquery of ids: a service manager's
    reach), of the service area `area_id` (core.db.NONE_CHOSEN: none recorded) and on `channel`. Nothing here
    narrows to teams: an invitation's team is its case's or adviser's, which the tally cannot know.
    `area_names`: the areas' names by id, when the caller has them (else one query more)."""
    wrong = [by for by in groupings if by not in _TALLY_KEYS]
    if wrong or not groupings:
        raise ValueError(f"Group survey results by one of {sorted(_TALLY_KEYS)}, not {wrong or groupings!r}")
    where: list[str] = []
    params: list[Any] = []
    if area_ids is not None:
        inner, inner_params = area_ids.query.sql_with_params()
        where.append(f"src.area_id IN ({inner})")
        params += list(inner_params)
    if area_id is not None:
        where.append("src.area_id = %s")
        params.append(area_id)  # NONE_CHOSEN is 0, as the tally keeps "no service area"
    if channel:
        where.append("src.channel = %s")
        params.append(channel)
    sets: list[tuple[str, ...]] = [(_TALLY_KEYS[by],) for by in groupings]
    found = tally_groups(source=SURVEY_TALLY, spans=[span], sets=sets, where=where, params=params)
    if area_names is None and "service_area" in groupings:
        area_names = dict(ServiceArea.objects.values_list("pk", "name"))
    results = {}
    for by, keys in zip(groupings, sets, strict=True):
        cells = []
        for (_, key), counts in found[keys].items():
            if not any(counts.values()):  # a tally row whose invitations have all gone
                continue
            name = None
            if by == "service_area":
                name = (area_names or {}).get(key)
                key = key or None
            cells.append((key, name, [counts[count] for count in _SURVEY_COUNTS]))
        results[by] = _survey_results(by, cells)
    return results


# The survey list's answers filter: what the dashboard's figures link to, and the unhappy ones.
SURVEY_ANSWERS = {
    "answered": "Answered",
    "unanswered": "Not answered",
    "satisfied": "Satisfied (4 or 5)",
    "dissatisfied": "Not satisfied (1 to 3)",
}
SURVEYS_PAGE_SIZE = 25


@dataclass(frozen=True)
class SurveyListFilters:
    """The survey list's filters (the dashboard's satisfaction figures link to it): sent from and
    before, the customer type, channel, service area and team (of the case, or of the adviser who
    took the contact) copied or kept on the invitation, and one of SURVEY_ANSWERS."""

    sent_from: datetime | None = None
    sent_before: datetime | None = None
    customer_type: str = ""
    channel: str = ""
    area_id: int | None = None
    team_id: int | None = None
    answers: str = ""


def survey_list_filter(invitations: SurveyInvitationQuerySet, filters: SurveyListFilters) -> SurveyInvitationQuerySet:
    """`invitations` kept to `filters`, as the list and the dashboard's figures keep them."""
    if filters.sent_from is not None:
        invitations = invitations.filter(sent_at__gte=filters.sent_from)
    if filters.sent_before is not None:
        invitations = invitations.filter(sent_at__lt=filters.sent_before)
    if filters.customer_type:
        invitations = invitations.filter(customer_type=filters.customer_type)
    if filters.channel:
        invitations = invitations.filter(channel=filters.channel)
    if filters.area_id is not None:
        invitations = invitations.filter(pk_or_none_q("service_area_id", filters.area_id))
    if filters.team_id is not None:
        invitations = invitations.of_teams([filters.team_id])
    answers = {
        "answered": Q(answer__isnull=False),
        "unanswered": Q(answer__isnull=True),
        "satisfied": Q(answer__satisfaction__gte=SATISFIED_FROM),
        "dissatisfied": Q(answer__satisfaction__lt=SATISFIED_FROM),
    }
    if filters.answers in answers:
        invitations = invitations.filter(answers[filters.answers])
    return invitations


def surveys_for_list(*, user, filters: SurveyListFilters) -> QuerySet[SurveyInvitation]:
    """The survey invitations `user` may read (SurveyInvitation.objects.visible_to), filtered,
    newest first, each with its answer, its case or contact and its service. No query until read."""
    return (
        survey_list_filter(SurveyInvitation.objects.visible_to(user), filters)
        .select_related("answer", "case", "contact", "service_area")
        .order_by("-sent_at", "-id")
    )


# --- The dashboard's counts (tallies) ------------------------------------------------------------
# The tallies' keys and counts over the rows, as the triggers of migration 0004 count them.
_LOCAL = council_local("r.started_at")
_ROWS = "contacts_contact r LEFT JOIN directory_topic tp ON tp.id = r.topic_id"
_KEYS = {
    "channel": "r.channel",
    "adviser_id": "coalesce(r.adviser_id, 0)",
    "area_id": "coalesce(tp.service_area_id, 0)",
    "partner_id": "coalesce(r.partner_id, 0)",
    "weekday": f"extract(isodow FROM {_LOCAL})::smallint",
    "hour": f"extract(hour FROM {_LOCAL})::smallint",
    "district": "split_part(upper(trim(coalesce(cu.postcode, ''))), ' ', 1)",
}
LOGGED_COUNTS = {
    "contacts": "1",
    "logged": "(r.adviser_id IS NOT NULL)::int",
    "resolved": "(r.adviser_id IS NOT NULL AND r.outcome = 'resolved')::int",
    "avoidable": "r.is_avoidable::int",
    "signposted": "(r.adviser_id IS NOT NULL AND r.outcome = 'signposted')::int",
}
# The adviser's current team, as visible_to and the contacts list filter by it.
_TEAM: dict[str, Any] = {
    "joins": "LEFT JOIN directory_officer o ON o.user_id = src.adviser_id",
    "derived": {"team_id": "o.team_id"},
}


def _source(table: str, keys: list[str], counts: dict[str, str], rows: str = _ROWS, **extra: Any) -> TallySource:
    return TallySource(table, rows, "r.started_at", {key: _KEYS[key] for key in keys}, counts, **extra)


_ONE = {"contacts": "1"}
_WITH_CUSTOMER = f"{_ROWS} LEFT JOIN cases_customer cu ON cu.id = r.customer_id"
CONTACT_TALLIES = [
    _source("contacts_contacttally", ["channel", "adviser_id", "area_id", "partner_id"], LOGGED_COUNTS, **_TEAM),
    _source("contacts_contactadvisertally", ["channel", "adviser_id"], LOGGED_COUNTS, **_TEAM),
    _source("contacts_contactareatally", ["channel", "area_id", "partner_id"], LOGGED_COUNTS),
    _source("contacts_contacthourtally", ["channel", "weekday", "hour"], _ONE),
    _source("contacts_contactdistricttally", ["channel", "district"], _ONE, rows=_WITH_CUSTOMER),
]
# Busiest times and districts narrowed to advisers or areas: from the rows (a tally with both
# would be as long as the rows themselves).
_TIMES_FROM_ROWS = _source(
    "", ["channel", "adviser_id", "area_id", "weekday", "hour", "district"], _ONE, rows=_WITH_CUSTOMER, **_TEAM
)


@dataclass(frozen=True)
class ContactCountRule:
    """Which contacts a dashboard counts: those in `scope` (contact_scope; None: every one), about
    a topic of the service area `area_id`, taken by an adviser now in team `team_id`, on
    `channel` (each: any when empty)."""

    scope: ContactScope | None = None
    area_id: int | None = None
    team_id: int | None = None
    channel: str = ""

    @property
    def narrowed(self) -> bool:
        return self.scope is not None or self.area_id is not None or self.team_id is not None

    def where(self) -> tuple[list[str], list[Any]]:
        conditions: list[str] = []
        params: list[Any] = []
        if self.scope is not None:
            if self.scope.nothing:
                return ["FALSE"], []
            parts, params = ["src.adviser_id = %s"], [self.scope.adviser]
            for column, subquery in (("src.adviser_id", self.scope.advisers), ("src.area_id", self.scope.areas)):
                if subquery is not None:
                    sql, sub = subquery.query.sql_with_params()
                    parts.append(f"{column} IN ({sql})")
                    params += list(sub)
            conditions.append(" OR ".join(parts))
        for condition, value in (("src.area_id = %s", self.area_id), ("o.team_id = %s", self.team_id),
                                 ("src.channel = %s", self.channel or None)):  # fmt: skip
            if value is not None:
                conditions.append(condition)
                params.append(value)
        return conditions, params


def contact_tallies(
    *,
    spans: list[Span],
    sets: list[tuple[str, ...]],
    rule: ContactCountRule,
    only: dict[tuple[str, ...], list[int]] | None = None,
) -> dict[tuple[str, ...], dict[tuple, dict[str, int]]]:
    """The contacts `rule` counts in each span, grouped by each of `sets` (of "channel",
    "team_id", "adviser_id", "area_id", "partner_id", "weekday", "hour", "district"): see
    core.tallies.tally_groups. Unnarrowed, each set is read from the smallest tally with its keys;
    narrowed, from the tally with every key (busiest times and districts from the rows). One
    statement a tally."""
    if rule.narrowed:
        candidates = [CONTACT_TALLIES[0], _TIMES_FROM_ROWS]
    else:
        # The smallest first that has a set's keys and the logged counts where they are asked for:
        # by area and partner (a few rows a month), by adviser (one for each adviser), by hour,
        # by district (the contacts alone), then every key.
        candidates = [*(CONTACT_TALLIES[index] for index in (2, 1, 3, 4)), CONTACT_TALLIES[0]]
    where, params = rule.where()
    return tallies_read(candidates=candidates, spans=spans, sets=sets, only=only, where=where, params=params)
