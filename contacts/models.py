"""The front door's records: each contact with the council, and the online request types.

A Contact is one interaction on one channel (a web form sent, a call taken, a letter opened), with
its outcome. A web form is a RequestType: a directory topic, the case type it raises and its extra
questions, which use the Open311 GeoReport v2 attribute model (datatype, required, order,
description, values) so a request type can be served unchanged as an Open311 service definition.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from cases.models import Case, Customer, CustomerType
from core.models import ChangeRecord
from directory.models import Officer, Partner, ServiceArea, Topic
from standards.models import CaseType, Channel

# --- Contacts ------------------------------------------------------------------------------------


class Outcome(models.TextChoices):
    RESOLVED = "resolved", "Resolved at first point"
    SIGNPOSTED = "signposted", "Signposted to a partner"
    CASE_RAISED = "case_raised", "Case raised"
    EXISTING_CASE = "existing_case", "About an existing case"
    PASSED_ON = "passed_on", "Passed to another officer"
    # A comment sent online needs no reply and raises no case: it is recorded, and counted.
    RECORDED = "recorded", "Comment recorded"


# The channels an adviser logs a contact on (a web form logs itself).
LOGGED_CHANNELS = [choice for choice in Channel if choice != Channel.WEB]


# Permission names, by capability (granted in portal/roles.py).
LOG_CONTACTS = "contacts.log_contacts"
VIEW_TEAM_CONTACTS = "contacts.view_team_contacts"
VIEW_AREA_CONTACTS = "contacts.view_area_contacts"
VIEW_ALL_CONTACTS = "contacts.view_all_contacts"
RECEIVE_VISITORS = "contacts.receive_visitors"


@dataclass(frozen=True)
class ContactScope:
    """The contacts someone may see, as rules over a contact's adviser and its topic's service
    area, so that the rows (visible_to) and the tallies (contacts.selectors) are scoped alike:
    their own (`adviser`), their teams' or areas' advisers' (`advisers`, a subquery of user ids)
    and their areas' topics' (`areas`, a subquery of area ids). `nothing`: none at all."""

    adviser: int | None = None
    advisers: models.QuerySet | None = None
    areas: models.QuerySet | None = None
    nothing: bool = False

    def q(self, *, adviser: str, area: str) -> Q:
        """The rule as a filter, on fields named `adviser` and `area`."""
        if self.nothing:
            return Q(pk__in=[])
        rule = Q(**{adviser: self.adviser})
        if self.advisers is not None:
            rule |= Q(**{f"{adviser}__in": self.advisers})
        if self.areas is not None:
            rule |= Q(**{f"{area}__in": self.areas})
        return rule


def contact_scope(user) -> ContactScope | None:
    """Who may see which contacts (None: every one): everyone who logs contacts their own; team
    managers also their teams' advisers'; service managers their areas' advisers' and every
    contact about a topic of their areas (web forms included); administrators every one. No query:
    the teams are subqueries."""
    if not user.is_authenticated:
        return ContactScope(nothing=True)
    if user.has_perm(VIEW_ALL_CONTACTS):
        return None
    if not (user.has_perm(LOG_CONTACTS) or user.has_perm(VIEW_TEAM_CONTACTS) or user.has_perm(VIEW_AREA_CONTACTS)):
        return ContactScope(nothing=True)
    mine = Officer.objects.filter(user=user)
    if user.has_perm(VIEW_AREA_CONTACTS):
        areas = mine.values("team__service_area_id")
        advisers = Officer.objects.filter(team__service_area_id__in=areas, user__isnull=False).values("user_id")
        return ContactScope(adviser=user.pk, advisers=advisers, areas=areas)
    if user.has_perm(VIEW_TEAM_CONTACTS):
        advisers = Officer.objects.filter(team_id__in=mine.values("team_id"), user__isnull=False).values("user_id")
        return ContactScope(adviser=user.pk, advisers=advisers)
    return ContactScope(adviser=user.pk)


class ContactQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The contacts `user` may see (contact_scope), for lists, pages, exports and dashboards
        alike. No query until read."""
        scope = contact_scope(user)
        if scope is None:
            return self
        if scope.nothing:
            return self.none()
        return self.filter(scope.q(adviser="adviser_id", area="topic__service_area_id"))

    def web(self):
        return self.filter(channel=Channel.WEB)

    def logged(self):
        """Contacts an adviser logged (every channel but the web form)."""
        return self.filter(adviser__isnull=False)

    def first_point(self):
        return self.filter(outcome=Outcome.RESOLVED)


class Contact(models.Model):
    """One interaction with the council on one channel, and what came of it."""

    channel = models.CharField(max_length=20, choices=Channel.choices)
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(default=timezone.now)
    # Who took it; none for a web form the resident sent themselves.
    # The three foreign keys the indexes below lead with need no index of their own.
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contacts",
        db_index=False,
    )
    # None: an anonymous caller.
    customer = models.ForeignKey(
        Customer, on_delete=models.PROTECT, null=True, blank=True, related_name="contacts", db_index=False
    )
    # The case it raised, or the existing case it was about.
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="contacts", db_index=False
    )
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # Passed to another officer: who (not first-point resolution).
    passed_to = models.ForeignKey(Officer, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    request_type = models.ForeignKey(
        "RequestType", on_delete=models.PROTECT, null=True, blank=True, related_name="contacts"
    )
    summary = models.CharField(max_length=200)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    # The customer was chasing progress on an existing case: a contact better updates would avoid.
    is_avoidable = models.BooleanField(default=False)
    # What a web form asked and what the resident answered, in order: [{"code", "question", "answer"}].
    answers = models.JSONField(default=list, blank=True)
    # The submission's key (the form's token): a double click, re-post or replay of the same
    # submission finds this contact instead of making a second one (the unique constraint decides).
    key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-id"]
        permissions = [
            ("log_contacts", "Log contacts with customers"),
            ("view_team_contacts", "See the contacts of their team's advisers"),
            ("view_area_contacts", "See the contacts of their service area"),
            ("view_all_contacts", "See every contact"),
        ]
        indexes = [
            models.Index(fields=["started_at"], name="contact_started_idx"),
            # With what the dashboard's drill-downs filter on, so that counting a month's phone
            # calls resolved at first point is an index-only scan.
            models.Index(fields=["channel", "started_at"], include=["outcome", "adviser"], name="contact_channel_idx"),
            models.Index(
                fields=["adviser", "started_at"], name="contact_adviser_idx", condition=Q(adviser__isnull=False)
            ),
            models.Index(fields=["customer", "-started_at"], name="contact_customer_idx"),
            models.Index(fields=["case"], name="contact_case_idx", condition=Q(case__isnull=False)),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(ended_at__gte=models.F("started_at")), name="contact_ends_after_start"),
            models.CheckConstraint(
                condition=~Q(outcome=Outcome.SIGNPOSTED) | Q(partner__isnull=False), name="contact_signposted_partner"
            ),
            models.CheckConstraint(
                condition=~Q(outcome__in=[Outcome.CASE_RAISED, Outcome.EXISTING_CASE]) | Q(case__isnull=False),
                name="contact_case_outcome_has_case",
            ),
            models.CheckConstraint(
                condition=~Q(outcome=Outcome.PASSED_ON) | Q(passed_to__isnull=False), name="contact_passed_on_officer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {timezone.localtime(self.started_at):%Y-%m-%d %H:%M}: {self.summary}"

    def clean(self):
        errors = {}
        if self.started_at and self.ended_at and self.ended_at < self.started_at:
            errors["ended_at"] = "The end of the contact must be after its start"
        if self.outcome == Outcome.SIGNPOSTED and self.partner_id is None:
            errors["partner"] = "Select the partner the customer was sent to"
        if self.outcome in (Outcome.CASE_RAISED, Outcome.EXISTING_CASE) and self.case_id is None:
            errors["case"] = "Enter the case reference"
        if self.outcome == Outcome.PASSED_ON and self.passed_to_id is None:
            errors["passed_to"] = "Select the officer the customer was passed to"
        if errors:
            raise ValidationError(errors)


# --- Tallies: the dashboard's counts by month ----------------------------------------------------
# Kept exact inside every transaction by PostgreSQL triggers on contacts (and on a topic's move
# to another area, a customer's new postcode), from migration 0004; read by
# contacts.selectors.contact_tallies. Keys are plain integers, 0 for none, so that each row is
# one unique key (NULLs would never conflict) and a deleted partner cannot take its counts away.
# The month is the contact's start on the council's clock.


class ContactTallyBase(models.Model):
    month = models.DateField()
    channel = models.CharField(max_length=20)
    contacts = models.IntegerField(default=0)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.month:%B %Y}"


class ContactLoggedCounts(ContactTallyBase):
    # Logged: an adviser took it. Resolved and signposted count logged contacts only.
    logged = models.IntegerField(default=0)
    resolved = models.IntegerField(default=0)
    avoidable = models.IntegerField(default=0)
    signposted = models.IntegerField(default=0)

    class Meta:
        abstract = True


class ContactTally(ContactLoggedCounts):
    """Every key at once, for a dashboard narrowed to advisers or areas."""

    adviser_id = models.IntegerField()
    area_id = models.IntegerField()
    partner_id = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "channel", "adviser_id", "area_id", "partner_id"], name="contacttally_key"
            )
        ]


class ContactAdviserTally(ContactLoggedCounts):
    """By adviser only: the whole council's figures by channel, team and adviser."""

    adviser_id = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["month", "channel", "adviser_id"], name="contactadvisertally_key")
        ]


class ContactAreaTally(ContactLoggedCounts):
    """By the topic's area and the partner: the whole council's figures by service and partner."""

    area_id = models.IntegerField()
    partner_id = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["month", "channel", "area_id", "partner_id"], name="contactareatally_key")
        ]


class ContactHourTally(ContactTallyBase):
    """By ISO weekday (1 Monday) and hour of the start: the whole council's busiest times."""

    weekday = models.SmallIntegerField()
    hour = models.SmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["month", "channel", "weekday", "hour"], name="contacthourtally_key")
        ]


class ContactDistrictTally(ContactTallyBase):
    """By the customer's postcode district ("" when not known): the whole council's take-up map."""

    district = models.CharField(max_length=8)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["month", "channel", "district"], name="contactdistricttally_key")
        ]


# --- Reception (face to face) --------------------------------------------------------------------


class ReceptionVisitQuerySet(models.QuerySet):
    def waiting(self):
        """Checked in, not yet called and not gone: the waiting list, longest wait first."""
        return self.filter(called_at__isnull=True, left_at__isnull=True).order_by("arrived_at", "id")


class ReceptionVisit(models.Model):
    """A visitor to the Civic Offices, from check-in by a floor-walker to being called to a desk.
    The wait (check-in to call) is stored when they are called, for the dashboards."""

    # Blank: the visitor did not give a name.
    name = models.CharField(max_length=200, blank=True)
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, null=True, blank=True, related_name="visits")
    reason = models.CharField(max_length=200)
    # A vulnerable visitor is seen at the specialist desk, ahead of the general queue.
    needs_specialist = models.BooleanField(default=False)
    arrived_at = models.DateTimeField(default=timezone.now)
    checked_in_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    called_at = models.DateTimeField(null=True, blank=True)
    called_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    wait_seconds = models.PositiveIntegerField(null=True, blank=True)
    # Left before being called.
    left_at = models.DateTimeField(null=True, blank=True)
    # The face-to-face contact logged when they were seen.
    contact = models.OneToOneField(Contact, on_delete=models.PROTECT, null=True, blank=True, related_name="visit")
    # The check-in form's token: the same form sent twice checks the visitor in once.
    key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = ReceptionVisitQuerySet.as_manager()

    class Meta:
        permissions = [("receive_visitors", "Check visitors in at reception and call them to a desk")]
        indexes = [
            models.Index(
                fields=["arrived_at"],
                name="visit_waiting_idx",
                condition=Q(called_at__isnull=True, left_at__isnull=True),
            ),
            models.Index(fields=["arrived_at"], name="visit_arrived_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(called_at__isnull=True, wait_seconds__isnull=True)
                | Q(called_at__gte=models.F("arrived_at"), wait_seconds__isnull=False),
                name="visit_called_with_wait",
            ),
            models.CheckConstraint(
                condition=Q(called_at__isnull=True) | Q(left_at__isnull=True), name="visit_called_or_left"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name or 'Visitor'} at {timezone.localtime(self.arrived_at):%H:%M}: {self.reason}"


# --- Satisfaction surveys ------------------------------------------------------------------------


# Who may read the survey answers behind the dashboards' satisfaction figures (portal.roles):
# the managers with dashboards, each within SurveyInvitationQuerySet.visible_to.
VIEW_SURVEY_ANSWERS = "contacts.view_surveyanswer"


class SurveyInvitationQuerySet(models.QuerySet):
    def of_teams(self, team_ids):
        """The invitations about a case of the teams (`team_ids`: ids or a subquery) or a contact
        one of their advisers took."""
        return self.filter(Q(case__team_id__in=team_ids) | Q(contact__adviser__officer__team_id__in=team_ids))

    def visible_to(self, user):
        """The invitations (and answers) `user` may read, for the survey list and the dashboards
        alike (survey_reach). No query until read."""
        reach, ids = survey_reach(user)
        if reach == "none":
            return self.none()
        if reach == "areas":
            return self.filter(service_area_id__in=ids)
        return self.of_teams(ids) if reach == "teams" else self


def survey_reach(user) -> tuple[str, models.QuerySet | None]:
    """Which survey invitations `user` may read, as ("all" | "areas" | "teams" | "none", the ids
    of those areas or teams as a subquery): every one for whoever sees every contact; a service
    manager's areas'; a team manager's teams' cases' and advisers' contacts'; none without
    VIEW_SURVEY_ANSWERS. The whole council's and the areas' results can be read from the tally."""
    if not user.is_authenticated or not user.has_perm(VIEW_SURVEY_ANSWERS):
        return "none", None
    if user.has_perm(VIEW_ALL_CONTACTS):
        return "all", None
    mine = Officer.objects.filter(user=user)
    if user.has_perm(VIEW_AREA_CONTACTS):
        return "areas", mine.values("team__service_area_id")
    return "teams", mine.values("team_id")


class SurveyInvitation(models.Model):
    """One survey sent to a customer after a resolved case or contact. What it was about
    (channel, service, customer type) is copied here when it is sent, so the response rate can be
    given for any slice: every invitation counts, answered or not."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, null=True, blank=True, related_name="survey")
    contact = models.OneToOneField(Contact, on_delete=models.PROTECT, null=True, blank=True, related_name="survey")
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="surveys", db_index=False)
    email = models.EmailField()
    channel = models.CharField(max_length=20, choices=Channel.choices)
    service_area = models.ForeignKey(ServiceArea, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    customer_type = models.CharField(max_length=12, choices=CustomerType.choices)
    sent_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    objects = SurveyInvitationQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["sent_at"], name="survey_sent_idx"),
            models.Index(fields=["customer"], name="survey_customer_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(case__isnull=True, contact__isnull=False) | Q(case__isnull=False, contact__isnull=True),
                name="survey_case_or_contact",
            ),
            models.CheckConstraint(condition=Q(expires_at__gt=models.F("sent_at")), name="survey_expires_after_sent"),
        ]

    def __str__(self) -> str:
        return f"Survey {self.pk} to {self.email}"


class SurveyAnswer(models.Model):
    """The one answer to an invitation (the one-to-one key makes a second answer impossible)."""

    invitation = models.OneToOneField(SurveyInvitation, on_delete=models.PROTECT, related_name="answer")
    satisfaction = models.PositiveSmallIntegerField()
    resolved = models.BooleanField()
    comment = models.TextField(blank=True, max_length=2000)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(satisfaction__gte=1, satisfaction__lte=5), name="survey_satisfaction_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"Answer to survey {self.invitation_id}: {self.satisfaction}"

    def clean(self):
        if self.satisfaction is not None and not 1 <= self.satisfaction <= 5:
            raise ValidationError({"satisfaction": "Select how satisfied you are, from 1 to 5"})


class SurveyTally(models.Model):
    """Survey invitations by the calendar month they were sent in (on the council's clock) and
    what was copied on them, with their answers' counts whenever the answers came: the whole
    council's and the service areas' satisfaction. Kept by the triggers of migration 0007 on the
    invitations and the answers alike; contacts.selectors.SURVEY_TALLY counts the same."""

    month = models.DateField()
    channel = models.CharField(max_length=20)
    area_id = models.IntegerField()  # 0: no service area
    customer_type = models.CharField(max_length=12)
    invitations = models.IntegerField(default=0)
    answers = models.IntegerField(default=0)
    score_total = models.IntegerField(default=0)
    satisfied = models.IntegerField(default=0)
    resolved = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["month", "channel", "area_id", "customer_type"], name="surveytally_key")
        ]

    def __str__(self) -> str:
        return f"SurveyTally {self.month:%B %Y}"


# --- Online request types ------------------------------------------------------------------------

# The case types a web form may raise (stage 2 complaints are escalations, not new forms; a
# councillor's enquiry is raised by the councillor).
FORM_CASE_TYPES = [
    CaseType.SERVICE_REQUEST,
    CaseType.PROBLEM_REPORT,
    CaseType.COMPLAINT_STAGE_1,
    CaseType.COMPLIMENT,
    CaseType.COMMENT,
]

code_validator = RegexValidator(
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
    "Use lowercase letters, numbers and hyphens only, like bin-type",
)


class RequestTypeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def online(self):
        return self.published().filter(takes_online=True)


class RequestType(models.Model):
    """One thing residents can ask for or tell the council online (an Open311 service), or, when
    it does not take requests online, a thing the start page says to phone about and why."""

    class Group(models.TextChoices):
        REPORT = "report", "Report a problem"
        REQUEST = "request", "Request a service"
        ASK = "ask", "Ask a question"
        FEEDBACK = "feedback", "Complaints, compliments and comments"

    name = models.CharField(
        max_length=120, help_text="What the resident wants, like “Request a bulky waste collection”."
    )
    # The Open311 service_code, and the form's web address.
    slug = models.SlugField(max_length=80, unique=True)
    group = models.CharField(max_length=10, choices=Group.choices)
    description = models.TextField(
        blank=True,
        max_length=2000,
        help_text="What the form is for and what the resident needs, shown before they start.",
    )
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, null=True, blank=True, related_name="request_types")
    case_type = models.CharField(max_length=20, choices=[(t.value, t.label) for t in FORM_CASE_TYPES])
    # Where: asked on its own page (the address pattern); photos and documents: their own page.
    asks_location = models.BooleanField(default=False)
    location_label = models.CharField(
        max_length=120, blank=True, help_text="The location question, like “Where should we collect the items from?”."
    )
    takes_attachments = models.BooleanField(default=False)
    # False: the start page lists it under "Phone us", with `phone_reason`.
    takes_online = models.BooleanField(default=True)
    phone_reason = models.CharField(max_length=300, blank=True, help_text="Why it needs a phone call.")
    is_published = models.BooleanField(default=False, help_text="Residents see only published request types.")
    position = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RequestTypeQuerySet.as_manager()

    class Meta:
        ordering = ["group", "position", "name"]
        permissions = [
            ("edit_request_types", "Edit the online request types and their questions"),
            # The general forms (complaints, compliments, comments) belong to no service area.
            ("edit_general_request_types", "Edit the request types that have no topic"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(takes_online=True) | ~Q(phone_reason=""), name="request_type_phone_reason"
            ),
            models.CheckConstraint(
                condition=Q(asks_location=False) | ~Q(location_label=""), name="request_type_location_label"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_comment(self) -> bool:
        """A comment is recorded as a contact and raises no case."""
        return self.case_type == CaseType.COMMENT

    def clean(self):
        errors = {}
        if not self.takes_online and not self.phone_reason.strip():
            errors["phone_reason"] = "Say why residents need to phone about this"
        if self.asks_location and not self.location_label.strip():
            errors["location_label"] = "Enter the location question, like “Where is the problem?”"
        if errors:
            raise ValidationError(errors)


class Datatype(models.TextChoices):
    """Open311 GeoReport v2 attribute datatypes."""

    STRING = "string", "Short answer"
    NUMBER = "number", "Number"
    DATETIME = "datetime", "Date and time"
    TEXT = "text", "Long answer"
    SINGLE = "singlevaluelist", "Choose one"
    MULTI = "multivaluelist", "Choose one or more"


LIST_DATATYPES = [Datatype.SINGLE, Datatype.MULTI]
# The form's own steps share the web addresses of its questions (/contact/<type>/<code>/).
RESERVED_CODES = {"where", "files", "about-you", "check", "stop", "sent", "keep", "start"}


class Question(models.Model):
    """One extra question of a request type (an Open311 attribute with variable=true)."""

    request_type = models.ForeignKey(RequestType, on_delete=models.CASCADE, related_name="questions")
    code = models.CharField(max_length=50, validators=[code_validator])
    datatype = models.CharField(max_length=20, choices=Datatype.choices)
    required = models.BooleanField(default=True)
    order = models.PositiveIntegerField(default=0)
    # Open311 names the question text "description" and the hint "datatype_description".
    description = models.CharField(max_length=200, help_text="The question, like “What type of bin was missed?”.")
    datatype_description = models.CharField(max_length=300, blank=True, help_text="Hint text under the question.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["request_type", "code"], name="question_code_unique"),
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def is_list(self) -> bool:
        return self.datatype in LIST_DATATYPES

    def clean(self):
        if self.code in RESERVED_CODES:
            names = ", ".join(sorted(RESERVED_CODES))
            raise ValidationError({"code": f"“{self.code}” is a step of every form. Use another code (not {names})"})


class QuestionValue(models.Model):
    """One answer of a list question. An answer with a stop message ends the form there: urgent
    matters are phoned in, not queued ("If you can smell gas, phone 0800 111 999 now")."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="values")
    key = models.CharField(max_length=50, validators=[code_validator])
    name = models.CharField(max_length=120)
    order = models.PositiveIntegerField(default=0)
    stop_message = models.CharField(max_length=300, blank=True, help_text="Stops the form with this message.")
    stop_phone = models.CharField(max_length=20, blank=True, help_text="The number to phone instead.")

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["question", "key"], name="question_value_key_unique"),
            models.CheckConstraint(condition=Q(stop_phone="") | ~Q(stop_message=""), name="value_stop_phone_message"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def stops(self) -> bool:
        return bool(self.stop_message)

    def clean(self):
        if self.stop_phone and not self.stop_message.strip():
            raise ValidationError({"stop_message": "Enter what to tell the resident, or remove the phone number"})


class ContactsChange(ChangeRecord):
    """The history of the request types and their questions (ChangeRecord, by `entry_type`)."""

    class Action(models.TextChoices):
        CREATED = "created", "Created"
        UPDATED = "updated", "Updated"
        DELETED = "deleted", "Deleted"

    action = models.CharField(max_length=10, choices=Action.choices)
    # The request type the entry is (or was) part of, kept when either is deleted: a type's
    # history shows its questions and answers too, the deleted ones included.
    request_type_pk = models.BigIntegerField(null=True, blank=True)

    class Meta(ChangeRecord.Meta):
        indexes = [
            models.Index(fields=["entry_type", "entry_id"], name="contactschange_entry_idx"),
            models.Index(fields=["request_type_pk", "-changed_at"], name="contactschange_type_idx"),
        ]
