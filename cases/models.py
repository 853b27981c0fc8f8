"""The back office's records: customers, cases, their timeline, complaint stages and routing rules.

A case is whatever could not be resolved at the first point of contact. Its status moves through
the life cycle below (django-fsm-2 transitions, called only by cases.services); every change to a
case writes exactly one CaseEvent in the same transaction, and the database refuses to change or
delete an event once written (a pgtrigger trigger)."""

import datetime as dt
import re
import secrets

import pgtrigger
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django_fsm import FSMField, transition

from core.models import ChangeRecord
from directory.models import Absence, Officer, Partner, ServiceArea, Team, Topic
from directory.phones import phone_normalise
from standards.models import CaseType, Channel, Priority, ResponseStandard

# Case references are read over the phone: no 0/O, 1/I/L, 2/Z, 5/S or 8/B to mishear, grouped
# 4-4. 25 symbols ** 8 is about 1.5 * 10**11, so a guessed reference hits a real case about once in
# 150,000 tries at a million cases; the fetchers 404 anything outside the user's scope besides.
REFERENCE_ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
REFERENCE_LENGTH = 8


def reference_make() -> str:
    """A new random case reference such as "KX7M-3QPD" (the service retries on a collision)."""
    raw = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


def reference_clean(value: str) -> str:
    """What a person typed or read out ("kx7m 3qpd", "KX7M3QPD") as a stored reference."""
    raw = "".join(ch for ch in (value or "").upper() if ch.isalnum())
    return f"{raw[:4]}-{raw[4:]}" if len(raw) == REFERENCE_LENGTH else raw


def postcode_normalise(value: str) -> str:
    """ "sw1a1aa" -> "SW1A 1AA"; "" stays "". Raises ValidationError for what is not a UK postcode."""
    from localflavor.gb.forms import GBPostcodeField

    value = (value or "").strip()
    if not value:
        return ""
    field = GBPostcodeField(required=False)
    field.error_messages["invalid"] = "Enter a real postcode, like SW1A 1AA"
    return str(field.clean(value))


def postcode_district(postcode: str) -> str:
    """The outward code: "SW1A 1AA" -> "SW1A"."""
    return postcode.split(" ")[0] if postcode else ""


# --- Customers -------------------------------------------------------------------------------------


class CustomerType(models.TextChoices):
    INDIVIDUAL = "individual", "Individual"
    BUSINESS = "business", "Business"
    VOLUNTARY = "voluntary", "Voluntary organisation"
    COUNCILLOR = "councillor", "Councillor acting for a resident"


class ContactMethod(models.TextChoices):
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone"
    LETTER = "letter", "Letter"


class CustomerNameWord(models.Model):
    """A word of some customer's name, lower case: the vocabulary find-as-you-type corrects a
    misspelt word against ("thornwik" is close to thornwick, "smyth" sounds like smith) before
    looking the customers up by exact words. A few thousand rows where customers are hundreds of
    thousands, so the fuzzy part is cheap. Kept by the database (Customer's triggers); a word no
    customer has any more is harmless: it finds nobody."""

    word = models.TextField(primary_key=True)
    # Its Double Metaphone code (fuzzystrmatch's dmetaphone): the words that sound alike.
    sounds = models.GeneratedField(
        expression=models.Func(models.F("word"), function="dmetaphone"),
        output_field=models.TextField(),
        db_persist=True,
    )

    class Meta:
        indexes = [
            models.Index(OpClass("word", name="text_pattern_ops"), name="name_word_prefix_idx"),
            GinIndex(OpClass("word", name="gin_trgm_ops"), name="name_word_trgm_idx"),
            models.Index(fields=["sounds"], name="name_word_sounds_idx"),
        ]

    def __str__(self) -> str:
        return self.word


class CustomerQuerySet(models.QuerySet):
    def current(self):
        """Customers not merged into another record."""
        return self.filter(merged_into__isnull=True)

    def with_lower_names(self):
        """Annotated with `email_lower` and `name_lower`, the expressions the customer indexes
        hold: `email__iexact` compares UPPER(email), which no index answers (a scan of every
        customer), where email_match and name_match use them."""
        return self.annotate(email_lower=Lower("email"), name_lower=Lower("name"))


def email_match(email: str) -> Q:
    """Customers with this email address in any letter case (on with_lower_names(): the partial
    index customer_email_idx)."""
    return Q(email_lower=email.lower()) & ~Q(email="")


def name_postcode_match(name: str, postcode: str) -> Q:
    """Customers with this name in any letter case and this postcode (on with_lower_names():
    customer_name_postcode_idx)."""
    return Q(name_lower=name.lower(), postcode=postcode)


class Customer(models.Model):
    """A person or organisation the council deals with. Needs (vulnerability, accessibility,
    interpreter) are kept only with the customer's consent and a date to review them by."""

    is_organisation = models.BooleanField(default=False)
    customer_type = models.CharField(max_length=12, choices=CustomerType.choices, default=CustomerType.INDIVIDUAL)
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=20, blank=True)
    address = models.TextField(blank=True, max_length=500)
    postcode = models.CharField(max_length=8, blank=True)
    preferred_contact = models.CharField(max_length=10, choices=ContactMethod.choices, blank=True)
    needs_consent = models.BooleanField(default=False, help_text="The customer agreed that we record their needs.")
    vulnerability = models.TextField(blank=True, max_length=1000)
    accessibility = models.TextField(blank=True, max_length=1000)
    interpreter_language = models.CharField(max_length=60, blank=True)
    needs_review_on = models.DateField(null=True, blank=True)
    merged_into = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_from")
    # The name's words in lower case, split on anything not a letter ("O'Neill": o, neill), computed
    # by PostgreSQL (customer_name_words, migration 0003): what find-as-you-type matches, word by
    # word, through customer_name_words_idx.
    name_words = models.GeneratedField(
        expression=models.Func(models.F("name"), function="customer_name_words"),
        output_field=ArrayField(models.TextField()),
        db_persist=True,
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CustomerQuerySet.as_manager()

    class Meta:
        permissions = [("merge_customers", "Merge duplicate customer records")]
        indexes = [
            # Possible duplicates: the same email, phone, or name and postcode.
            models.Index(Lower("email"), name="customer_email_idx", condition=~Q(email="")),
            models.Index(fields=["phone"], name="customer_phone_idx", condition=~Q(phone="")),
            models.Index(Lower("name"), "postcode", name="customer_name_postcode_idx"),
            # Find-as-you-type: exact postcodes, and names by their words.
            models.Index(fields=["postcode"], name="customer_postcode_idx", condition=~Q(postcode="")),
            GinIndex(fields=["name_words"], name="customer_name_words_idx"),
        ]
        # Every word of every name goes into the vocabulary (CustomerNameWord), in the statement
        # that writes the name: a bulk load learns its words as one row saved does.
        triggers = [
            pgtrigger.Trigger(
                name=f"customer_name_words_{event}",
                operation=operation,
                when=pgtrigger.After,
                level=pgtrigger.Statement,
                referencing=pgtrigger.Referencing(new="written"),
                func=(
                    "INSERT INTO cases_customernameword (word)"
                    " SELECT DISTINCT unnest(name_words) FROM written ON CONFLICT DO NOTHING; RETURN NULL;"
                ),
            )
            # PostgreSQL allows a transition table on a trigger of one event only.
            for event, operation in (("insert", pgtrigger.Insert), ("update", pgtrigger.Update))
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(needs_consent=True, needs_review_on__isnull=False)
                | Q(vulnerability="", accessibility="", interpreter_language=""),
                name="customer_needs_need_consent",
            ),
            models.CheckConstraint(condition=~Q(merged_into=models.F("id")), name="customer_not_merged_into_self"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def has_needs(self) -> bool:
        return bool(self.vulnerability or self.accessibility or self.interpreter_language)

    @property
    def needs_review_due(self) -> bool:
        return self.has_needs and self.needs_review_on is not None and self.needs_review_on <= timezone.localdate()

    def clean_fields(self, exclude=None):
        exclude = set(exclude or ())
        errors: dict[str, list] = {}
        for name, normalise in (("phone", phone_normalise), ("postcode", postcode_normalise)):
            if name not in exclude:
                try:
                    setattr(self, name, normalise(getattr(self, name)))
                except ValidationError as error:
                    errors[name] = error.messages
                    exclude.add(name)
        self.name = " ".join((self.name or "").split())
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors.update(error.message_dict)
        if errors:
            raise ValidationError(errors)

    def clean(self):
        errors = {}
        if self.has_needs and not self.needs_consent:
            errors["needs_consent"] = "Needs can only be recorded with the customer's consent"
        if self.has_needs and self.needs_review_on is None:
            errors["needs_review_on"] = "Enter a date to review the customer's needs by"
        if self.preferred_contact == ContactMethod.EMAIL and not self.email:
            errors["email"] = "Enter an email address, or choose another way to contact them"
        if self.preferred_contact == ContactMethod.PHONE and not self.phone:
            errors["phone"] = "Enter a phone number, or choose another way to contact them"
        if self.preferred_contact == ContactMethod.LETTER and not self.address:
            errors["address"] = "Enter an address, or choose another way to contact them"
        if errors:
            raise ValidationError(errors)


class CasesChange(ChangeRecord):
    """The history of the app's edited records, customers and routing rules, by `entry_type`
    (the case timeline is CaseEvent)."""

    class Action(models.TextChoices):
        CREATED = "created", "Created"
        UPDATED = "updated", "Updated"
        MERGED = "merged", "Merged"
        DELETED = "deleted", "Deleted"

    action = models.CharField(max_length=10, choices=Action.choices)

    class Meta(ChangeRecord.Meta):
        indexes = [models.Index(fields=["entry_type", "entry_id"], name="caseschange_entry_idx")]


# --- Routing rules -------------------------------------------------------------------------------


class NeedsCondition(models.TextChoices):
    ANY = "", "Any customer"
    HAS_NEEDS = "has_needs", "Customer has recorded needs"
    VULNERABLE = "vulnerable", "Customer is recorded as vulnerable"


# A postcode area ("WY"), district ("WY3", "WY31") or London sub-district ("SW1A").
POSTCODE_PREFIX = re.compile(r"^[A-Z]{1,2}(?:[0-9]{1,2}[A-Z]?)?$")


class RoutingRule(models.Model):
    """One ordered rule: conditions (blank means any) -> a team and, optionally, a priority.
    The first active rule whose every condition holds routes the case; none: the triage queue."""

    position = models.PositiveIntegerField(unique=True, help_text="Rules are tried in this order.")
    name = models.CharField(max_length=120)
    is_active = models.BooleanField(default=True)
    case_types = ArrayField(models.CharField(max_length=20, choices=CaseType.choices), default=list, blank=True)
    channels = ArrayField(models.CharField(max_length=20, choices=Channel.choices), default=list, blank=True)
    service_area = models.ForeignKey(ServiceArea, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    words = ArrayField(models.CharField(max_length=60), default=list, blank=True)
    postcodes = ArrayField(models.CharField(max_length=8), default=list, blank=True)
    wards = ArrayField(models.CharField(max_length=80), default=list, blank=True)
    needs = models.CharField(max_length=12, choices=NeedsCondition.choices, blank=True)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+")
    priority = models.CharField(max_length=10, choices=Priority.choices, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"

    @property
    def is_catch_all(self) -> bool:
        return not (
            self.case_types
            or self.channels
            or self.service_area_id
            or self.topic_id
            or self.words
            or self.postcodes
            or self.wards
            or self.needs
        )

    def clean_fields(self, exclude=None):
        # Words, postcodes and wards are compared case-insensitively; stored trimmed, distinct.
        self.words = sorted({" ".join(w.lower().split()) for w in self.words or [] if w.strip()})
        self.postcodes = sorted({"".join(p.upper().split()) for p in self.postcodes or [] if p.strip()})
        self.wards = sorted({" ".join(w.split()) for w in self.wards or [] if w.strip()})
        self.case_types = sorted(set(self.case_types or []))
        self.channels = sorted(set(self.channels or []))
        super().clean_fields(exclude=exclude)

    def clean(self):
        errors = {}
        topic = self.topic if self.topic_id else None
        if topic is not None and self.service_area_id and topic.service_area_id != self.service_area_id:
            errors["topic"] = (
                f"{topic.name} belongs to {topic.service_area}, not the service area chosen: the rule could never match"
            )
        for code in self.postcodes:
            if not POSTCODE_PREFIX.match(code):
                errors["postcodes"] = (
                    f"“{code}” is not a postcode area or district: enter the first part, like WY3 or WY"
                )
                break
        if errors:
            raise ValidationError(errors)


# --- Cases ---------------------------------------------------------------------------------------


class Status(models.TextChoices):
    NEW = "new", "New"
    ROUTED = "routed", "Routed"
    IN_PROGRESS = "in_progress", "In progress"
    AWAITING_CUSTOMER = "awaiting_customer", "Awaiting customer"
    RESOLVED = "resolved", "Resolved"
    CLOSED = "closed", "Closed"


# The UK and its waters, roughly: a point outside is a typing slip (a swapped sign, the wrong field).
LATITUDE_MESSAGE = "Enter a latitude in the UK, from 49 to 61"
LONGITUDE_MESSAGE = "Enter a longitude in the UK, from -9 to 2"

PUBLIC_STATUS = {
    Status.NEW: "Received",
    Status.ROUTED: "Received",
    Status.IN_PROGRESS: "Being dealt with",
    Status.AWAITING_CUSTOMER: "Waiting for the resident",
    Status.RESOLVED: "Resolved",
    Status.CLOSED: "Closed",
}

OPEN_STATUSES = [Status.NEW, Status.ROUTED, Status.IN_PROGRESS, Status.AWAITING_CUSTOMER]
COMPLAINT_TYPES = [CaseType.COMPLAINT_STAGE_1, CaseType.COMPLAINT_STAGE_2]


# What a list of cases shows of each case (CaseQuerySet.for_list).
LIST_COLUMNS = (
    "reference", "summary", "case_type", "channel", "priority", "status", "received_at", "acknowledge_by",
    "acknowledged_at", "acknowledge_met", "respond_by", "responded_at", "respond_met", "paused_at",
    "team__name", "owner__first_name", "owner__last_name", "owner__username", "customer__name",
    "customer__vulnerability", "customer__accessibility", "customer__interpreter_language",
    "customer__needs_review_on",
)  # fmt: skip


def overdue_q(now) -> Q:
    """An open case past a due time not yet met at `now`, as a condition (CaseQuerySet.overdue,
    or a count's filter over cases already read). The reply clock stands still while the case
    waits on the customer, so a wait that began before respond-by is not late on the reply."""
    reply_running = Q(paused_at__isnull=True) | Q(paused_at__gte=models.F("respond_by"))
    return Q(status__in=OPEN_STATUSES) & (
        (Q(respond_by__lt=now, responded_at__isnull=True) & reply_running)
        | Q(acknowledge_by__lt=now, acknowledged_at__isnull=True)
    )


class CaseQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, *, now=None):
        """Open cases past a due time not yet met (Case.acknowledge_overdue or Case.respond_overdue,
        in SQL): overdue_q."""
        return self.filter(overdue_q(now or timezone.now()))

    def unclaimed(self):
        return self.open().filter(owner__isnull=True)

    def for_list(self):
        """With what a list of cases shows (cases/includes/case_table.html, cases.views.milestones)
        and no more: a case has forty columns, and making 25 rows of every column of six tables
        (each join also costs PostgreSQL time to plan) was most of a page's time."""
        return self.select_related("team", "owner", "customer").only(*LIST_COLUMNS)

    def with_owner_away(self, *, now=None):
        """Annotated with `owner_away_until`: when the owner's absence (the directory's) that
        covers `now` ends, or None when they are in. A subquery in the list's own query; the
        reason is never read."""
        now = now or timezone.now()
        away = Absence.objects.filter(officer__user=models.OuterRef("owner"), starts_at__lte=now, ends_at__gt=now)
        return self.annotate(owner_away_until=models.Subquery(away.order_by("-ends_at").values("ends_at")[:1]))


class Case(models.Model):
    """One matter the council owes someone an answer on, from receipt to closure."""

    # Set by the service (reference_make), which retries on the rare collision with the constraint.
    reference = models.CharField(max_length=9, unique=True, editable=False)
    case_type = models.CharField(max_length=20, choices=CaseType.choices)
    channel = models.CharField(max_length=20, choices=Channel.choices)
    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.NORMAL)
    status = FSMField(max_length=20, choices=Status.choices, default=Status.NEW)
    service_area = models.ForeignKey(ServiceArea, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # No team: the case waits in the triage queue.
    team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, blank=True, related_name="cases")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="owned_cases"
    )
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, null=True, blank=True, related_name="cases")
    summary = models.CharField(max_length=200)
    description = models.TextField(max_length=10000)
    location_address = models.CharField(max_length=300, blank=True)
    location_postcode = models.CharField(max_length=8, blank=True)
    latitude = models.DecimalField(
        max_digits=8,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(49, LATITUDE_MESSAGE), MaxValueValidator(61, LATITUDE_MESSAGE)],
    )
    longitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-9, LONGITUDE_MESSAGE), MaxValueValidator(2, LONGITUDE_MESSAGE)],
    )
    ward = models.CharField(max_length=80, blank=True)
    # Who raised it for whom: the councillor of a ward enquiry; the officer a compliment names.
    councillor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="enquiries"
    )
    named_officer = models.ForeignKey(Officer, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    routed_by = models.ForeignKey(RoutingRule, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # The response clock. clock_started_at is receipt, or the escalation to stage 2 of a complaint.
    received_at = models.DateTimeField(default=timezone.now)
    clock_started_at = models.DateTimeField(default=timezone.now)
    standard = models.ForeignKey(ResponseStandard, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    acknowledge_by = models.DateTimeField(null=True, blank=True)
    respond_by = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledge_met = models.BooleanField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    respond_met = models.BooleanField(null=True, blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField(default=0)
    # The chaser (services.chase_run). chase_at: when it next has something to do for the case,
    # or to look again; every change a step depends on sets it to now. expected_by: the date a
    # holding update last gave the resident (before one, the reply-by time is the promise).
    chase_at = models.DateTimeField(null=True, blank=True)
    expected_by = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution = models.TextField(blank=True, max_length=5000)
    closed_at = models.DateTimeField(null=True, blank=True)
    handoff_count = models.PositiveSmallIntegerField(default=0)
    related = models.ManyToManyField("self", blank=True, symmetrical=True)
    merged_into = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_from")
    # Optimistic locking: every change adds one, and a change made from a stale page is refused.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        # Named for the capability; portal.roles grants them (see cases.selectors for the scopes).
        permissions = [
            ("work_cases", "Work the cases of their team's queue"),
            ("raise_cases", "Raise cases"),
            ("triage_cases", "Work the triage queue and every case of their service area"),
            ("view_case_summaries", "See any case's summary and updates to the customer"),
            ("view_all_cases", "See and work every case"),
            ("raise_enquiries", "Raise ward enquiries for residents"),
            ("receive_compliments", "Receive the compliments naming an officer of their team"),
        ]
        indexes = [
            # Team queues and claim-next: a team's open cases by due time.
            models.Index("team", "respond_by", "id", name="case_open_queue_idx", condition=Q(status__in=OPEN_STATUSES)),
            models.Index(
                "team",
                "respond_by",
                "id",
                name="case_unclaimed_idx",
                condition=Q(status__in=OPEN_STATUSES, owner__isnull=True),
            ),
            models.Index(fields=["owner"], name="case_owner_idx", condition=Q(owner__isnull=False)),
            # The dashboard's open cases by age and overdue now, under any narrowing: an
            # index-only scan of the open ones (reading them from the table was 25 ms at council
            # scale, most of it picking the due times out of forty columns; the index, 11).
            models.Index(
                fields=["received_at"],
                include=[
                    "id",
                    "status",
                    "team",
                    "service_area",
                    "channel",
                    "acknowledge_by",
                    "acknowledged_at",
                    "respond_by",
                    "responded_at",
                    "paused_at",
                ],
                name="case_open_received_idx",
                condition=Q(status__in=OPEN_STATUSES),
            ),
            # The dashboard's read-time correction of its tallies: cases whose due time may not
            # have passed yet (case_tallies), found by when they were received, the period's own
            # range. Keyed by the due time, a year ending last month scanned every case due from
            # now on, 14,000 at council scale, to keep 400 (8 ms a tally, 1 now).
            models.Index(
                fields=["received_at"],
                # Everything the correction reads: an index-only scan.
                include=[
                    "acknowledge_by",
                    "team",
                    "service_area",
                    "channel",
                    "case_type",
                    "acknowledge_met",
                    "respond_met",
                    "paused_at",
                    "status",
                ],
                name="case_ack_waiting_idx",
                condition=Q(acknowledged_at__isnull=True, acknowledge_by__isnull=False),
            ),
            models.Index(
                fields=["received_at"],
                include=[
                    "respond_by",
                    "team",
                    "service_area",
                    "channel",
                    "case_type",
                    "acknowledge_met",
                    "respond_met",
                    "paused_at",
                    "status",
                ],
                name="case_reply_waiting_idx",
                condition=Q(responded_at__isnull=True, respond_by__isnull=False, status__in=OPEN_STATUSES),
            ),
            # "All cases", newest first, and its filters' counts (the dashboard's drill-downs):
            # a range of receipt times read from the index alone, whatever the channel, type,
            # team, area or measure (cases.selectors.case_measure_filter's columns).
            models.Index(
                fields=["received_at", "id"],
                include=[
                    "channel",
                    "case_type",
                    "team",
                    "service_area",
                    "status",
                    "handoff_count",
                    "extension_days",
                    "acknowledge_met",
                    "respond_met",
                    "acknowledged_at",
                    "acknowledge_by",
                    "responded_at",
                    "respond_by",
                    "paused_at",
                ],
                name="case_received_idx",
            ),
            models.Index(fields=["customer", "-received_at"], name="case_customer_idx"),
            models.Index(
                fields=["councillor", "-received_at"],
                name="case_councillor_idx",
                condition=Q(councillor__isnull=False),
            ),
            models.Index(fields=["service_area", "-received_at"], name="case_area_idx"),
            # The chase run's one query: open cases whose next step is due, earliest first. Its
            # size is the open cases, and the run reads only the due end of it.
            models.Index(
                "chase_at", "id", name="case_chase_idx", condition=Q(status__in=OPEN_STATUSES, chase_at__isnull=False)
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="case_location_both_or_neither",
            ),
            models.CheckConstraint(
                condition=Q(status=Status.AWAITING_CUSTOMER, paused_at__isnull=False)
                | (~Q(status=Status.AWAITING_CUSTOMER) & Q(paused_at__isnull=True)),
                name="case_paused_only_awaiting",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[Status.RESOLVED, Status.CLOSED]) | Q(resolved_at__isnull=False),
                name="case_resolved_has_time",
            ),
            models.CheckConstraint(condition=~Q(merged_into=models.F("id")), name="case_not_merged_into_self"),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.summary}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def public_status(self) -> str:
        """The status in words for someone outside the council (a councillor, later the resident):
        "routed" and "awaiting customer" are office words."""
        return PUBLIC_STATUS.get(self.status, self.get_status_display())

    @property
    def is_complaint(self) -> bool:
        return self.case_type in COMPLAINT_TYPES

    @property
    def stage(self) -> int | None:
        return {CaseType.COMPLAINT_STAGE_1: 1, CaseType.COMPLAINT_STAGE_2: 2}.get(CaseType(self.case_type))

    # Whether the case is late on each due time: CaseQuerySet.overdue asks the same in SQL.

    def acknowledge_overdue(self, now: dt.datetime) -> bool:
        return (
            self.is_open
            and self.acknowledge_by is not None
            and self.acknowledge_by < now
            and self.acknowledged_at is None
        )

    def respond_overdue(self, now: dt.datetime) -> bool:
        """The reply clock stands still while the case waits on the customer, so a wait that began
        before respond-by is not late on the reply (one that began after it still is)."""
        return (
            self.is_open
            and self.respond_by is not None
            and self.respond_by < now
            and self.responded_at is None
            and (self.paused_at is None or self.paused_at >= self.respond_by)
        )

    def clean_fields(self, exclude=None):
        exclude = set(exclude or ())
        errors: dict[str, list] = {}
        if "location_postcode" not in exclude:
            try:
                self.location_postcode = postcode_normalise(self.location_postcode)
            except ValidationError as error:
                errors["location_postcode"] = error.messages
                exclude.add("location_postcode")
        self.summary = " ".join((self.summary or "").split())
        self.ward = " ".join((self.ward or "").split())
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors.update(error.message_dict)
        if errors:
            raise ValidationError(errors)

    def clean(self):
        errors = {}
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude" if self.longitude is None else "latitude"] = (
                "Enter both the latitude and the longitude, or neither"
            )
        topic = self.topic if self.topic_id else None
        if topic is not None and self.service_area_id and topic.service_area_id != self.service_area_id:
            errors["topic"] = f"{topic.name} is not a topic of {self.service_area}"
        if errors:
            raise ValidationError(errors)

    # The life cycle. Only cases.services calls these, inside its transaction, with the event.

    @transition(field=status, source=Status.NEW, target=Status.ROUTED)
    def route(self):
        pass

    @transition(field=status, source=[Status.NEW, Status.ROUTED], target=Status.IN_PROGRESS)
    def start(self):
        pass

    @transition(field=status, source=Status.IN_PROGRESS, target=Status.AWAITING_CUSTOMER)
    def pause(self):
        pass

    @transition(field=status, source=Status.AWAITING_CUSTOMER, target=Status.IN_PROGRESS)
    def resume(self):
        pass

    @transition(
        field=status, source=[Status.ROUTED, Status.IN_PROGRESS, Status.AWAITING_CUSTOMER], target=Status.RESOLVED
    )
    def resolve(self):
        pass

    @transition(field=status, source=Status.RESOLVED, target=Status.CLOSED)
    def close(self):
        pass

    @transition(field=status, source=[Status.RESOLVED, Status.CLOSED], target=Status.IN_PROGRESS)
    def reopen(self):
        pass

    # A transfer puts the case back in a queue; a merged duplicate is closed.
    @transition(field=status, source=OPEN_STATUSES, target=Status.ROUTED)
    def requeue(self):
        pass

    @transition(field=status, source=[*OPEN_STATUSES, Status.RESOLVED], target=Status.CLOSED)
    def close_as_duplicate(self):
        pass


# --- Tallies: the dashboard's counts by month ----------------------------------------------------
# Kept exact inside every transaction by PostgreSQL triggers on cases (migration 0008), read by
# cases.selectors.case_tallies; as contacts' tallies, keys are integers with 0 for none. The month
# is the case's receipt on the council's clock. A due time not yet passed is counted as missed
# here and taken back at read time, from the few cases still waiting on one (the only counts that
# depend on the time of reading).


class CaseTallyBase(models.Model):
    month = models.DateField()
    received = models.IntegerField(default=0)
    acknowledge_met = models.IntegerField(default=0)
    acknowledge_missed = models.IntegerField(default=0)
    reply_met = models.IntegerField(default=0)
    reply_missed = models.IntegerField(default=0)
    handed_off = models.IntegerField(default=0)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.month:%B %Y}"


class CaseTally(CaseTallyBase):
    """Every key at once, for a dashboard narrowed to teams, areas, channels or case types."""

    team_id = models.IntegerField()
    area_id = models.IntegerField()
    channel = models.CharField(max_length=20)
    case_type = models.CharField(max_length=20)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "team_id", "area_id", "channel", "case_type"], name="casetally_key"
            )
        ]


class CaseTeamTally(CaseTallyBase):
    """By team and case type: the whole council's figures by team and type."""

    team_id = models.IntegerField()
    case_type = models.CharField(max_length=20)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["month", "team_id", "case_type"], name="caseteamtally_key")]


class CaseChannelTally(CaseTallyBase):
    """By channel and service area: the whole council's figures by channel and service."""

    channel = models.CharField(max_length=20)
    area_id = models.IntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["month", "channel", "area_id"], name="casechanneltally_key")]


class CasePause(models.Model):
    """A time the case waited on the customer: the respond clock stood still."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="pauses")
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(ended_at__isnull=True), name="one_open_pause_per_case"
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=models.F("started_at")),
                name="pause_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.started_at:%Y-%m-%d %H:%M} to {self.ended_at or 'now'}"


class ComplaintOutcome(models.TextChoices):
    UPHELD = "upheld", "Upheld"
    PARTLY_UPHELD = "partly_upheld", "Partly upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"


# What counts as upheld, for the dashboard and its lists.
UPHELD_OUTCOMES = [ComplaintOutcome.UPHELD, ComplaintOutcome.PARTLY_UPHELD]


class RootCause(models.TextChoices):
    COMMUNICATION = "communication", "Poor communication"
    DELAY = "delay", "Delay"
    POLICY = "policy", "Policy or procedure"
    STAFF_CONDUCT = "staff_conduct", "Staff conduct"
    SERVICE_FAILURE = "service_failure", "Service not delivered"
    WRONG_INFORMATION = "wrong_information", "Wrong information given"
    OTHER = "other", "Other"


class ComplaintStage(models.Model):
    """One stage of a complaint: who handled it and, once decided, the learning the council wants
    from complaints (upheld or not, the root cause, the action taken)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="complaint_stages")
    stage = models.PositiveSmallIntegerField(choices=[(1, "Stage 1"), (2, "Stage 2")])
    started_at = models.DateTimeField(default=timezone.now)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    extension_reason = models.TextField(blank=True, max_length=2000)
    extended_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=15, choices=ComplaintOutcome.choices, blank=True)
    root_cause = models.CharField(max_length=20, choices=RootCause.choices, blank=True)
    action_taken = models.TextField(blank=True, max_length=5000)
    decided_at = models.DateTimeField(null=True, blank=True)
    # The case's service area, kept by the database (migration 0010: set on every write of a
    # stage, followed when the case moves area), so the dashboard counts complaints by service
    # without joining every case. Not for the application to set.
    service_area = models.ForeignKey(
        ServiceArea, on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="+", db_index=False
    )

    class Meta:
        ordering = ["stage"]
        # The dashboard's complaints by when they began and were decided.
        indexes = [
            models.Index(
                fields=["started_at"],
                include=["case", "stage", "decided_at", "outcome", "service_area"],
                name="complaint_started_idx",
            ),
            models.Index(
                fields=["decided_at"],
                include=["case", "root_cause", "outcome"],
                name="complaint_decided_idx",
                condition=Q(decided_at__isnull=False),
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["case", "stage"], name="one_complaint_stage_each"),
            models.CheckConstraint(
                condition=Q(decided_at__isnull=True) | (~Q(outcome="") & ~Q(root_cause="") & ~Q(action_taken="")),
                name="complaint_decision_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} stage {self.stage}"


class EventKind(models.TextChoices):
    CREATED = "created", "Created"
    ROUTED = "routed", "Routed"
    ASSIGNED = "assigned", "Assigned"
    CLAIMED = "claimed", "Claimed"
    TRANSFERRED = "transferred", "Transferred"
    NOTE = "note", "Internal note"
    PUBLIC_UPDATE = "public_update", "Update to the customer"
    STATUS_CHANGED = "status_changed", "Status changed"
    DUE_CHANGED = "due_changed", "Due times changed"
    DETAILS_CHANGED = "details_changed", "Details changed"
    EXTENDED = "extended", "Extension"
    ESCALATED = "escalated", "Escalated to stage 2"
    DECIDED = "decided", "Complaint decided"
    LINKED = "linked", "Linked"
    MERGED = "merged", "Merged"
    CUSTOMER_CHANGED = "customer_changed", "Customer record merged"
    # The customer contacted us about the case (data: channel, chasing: whether they were chasing
    # progress, an avoidable contact).
    CONTACTED = "contacted", "Customer contact"
    # The chaser: a warning, an escalation step or a reminder (data: step, level, to), and an
    # absent owner's urgent case returned to the team queue.
    CHASED = "chased", "Chased"
    HANDED_BACK = "handed_back", "Returned to the team queue"


class CaseEventQuerySet(models.QuerySet):
    def public(self):
        return self.filter(kind=EventKind.PUBLIC_UPDATE)


class CaseEvent(models.Model):
    """One entry of a case's timeline. Append-only: the database refuses UPDATE and DELETE."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # What a person wrote: the note, the update, the reason for a transfer or extension.
    text = models.TextField(blank=True, max_length=10000)
    # What changed, for the timeline's sentence: {"from": ..., "to": ..., "rule": ...}.
    data = models.JSONField(default=dict, blank=True)

    objects = CaseEventQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["case", "at", "id"], name="caseevent_timeline_idx"),
            # The dashboard's extensions granted in a period, among millions of events.
            models.Index(fields=["at"], condition=models.Q(kind="extended"), name="caseevent_extended_idx"),
        ]
        triggers = [
            pgtrigger.Protect(name="caseevent_append_only", operation=pgtrigger.Update | pgtrigger.Delete),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"


class AttachmentQuerySet(models.QuerySet):
    def pending(self):
        """Uploaded with a form not sent yet."""
        return self.filter(case__isnull=True)


class Attachment(models.Model):
    """A photo or document sent with a case: checked by its content, images re-encoded without
    their metadata, and kept outside the web root under a generated name (cases.attachments).
    Uploaded during a form, it waits under the form's key until the form is sent, then belongs to
    the case; only staff who can see the case may download it."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, null=True, blank=True, related_name="attachments")
    # The form's key while the case does not exist yet.
    upload_key = models.UUIDField(null=True, blank=True)
    stored_name = models.CharField(max_length=80, unique=True, editable=False)
    # As the resident named it, cleaned: shown to staff, never used as a path.
    original_name = models.CharField(max_length=120)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(default=timezone.now)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["uploaded_at", "id"]
        indexes = [
            models.Index(fields=["upload_key"], name="attachment_pending_idx", condition=Q(case__isnull=True)),
            models.Index(fields=["case"], name="attachment_case_idx", condition=Q(case__isnull=False)),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(case__isnull=False) | Q(upload_key__isnull=False), name="attachment_has_owner"
            ),
        ]

    def __str__(self) -> str:
        return self.original_name


class ChaseKind(models.TextChoices):
    WARN_ACKNOWLEDGE = "warn_acknowledge", "Acknowledgement due soon"
    WARN_RESPOND = "warn_respond", "Reply due soon"
    ESCALATE_ACKNOWLEDGE = "escalate_acknowledge", "Acknowledgement missed"
    ESCALATE_RESPOND = "escalate_respond", "Reply missed"
    HOLDING_UPDATE = "holding_update", "Holding update to the resident"
    CUSTOMER_REMINDER = "customer_reminder", "Reminder to the resident"
    HANDED_BACK = "handed_back", "Owner away: returned to the team"


# The chaser's escalations (the dashboard counts them).
ESCALATE_KINDS = {ChaseKind.ESCALATE_ACKNOWLEDGE, ChaseKind.ESCALATE_RESPOND}

# Steps that tell staff (collected into one digest per person per run); the others tell the resident.
STAFF_CHASE_KINDS = [
    ChaseKind.WARN_ACKNOWLEDGE,
    ChaseKind.WARN_RESPOND,
    ChaseKind.ESCALATE_ACKNOWLEDGE,
    ChaseKind.ESCALATE_RESPOND,
    ChaseKind.HANDED_BACK,
]


class ChaseStep(models.Model):
    """One thing the chaser did for a case: at most one per case, kind, due time and ladder step,
    which the database holds (chase_step_once), so a re-run, two runs at once or a run killed
    half-way and started again never sends a step twice. `due_at` is the time the step is about
    (the acknowledge-by or reply-by time, the promised date, the start of a pause or absence).

    Staff steps name their recipients (user ids) and are emailed as one digest per person, by
    the part of the run that takes the steps not yet notified: a run that dies between the two
    leaves them for the next. A resident's step is emailed in the step's own transaction, or,
    with no email address, marked for a phone call (`needs_call`) on the owner's "my work" page."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="chase_steps")
    kind = models.CharField(max_length=24, choices=ChaseKind.choices)
    due_at = models.DateTimeField()
    level = models.PositiveSmallIntegerField(default=0)
    done_at = models.DateTimeField(default=timezone.now)
    rung = models.CharField(max_length=20, blank=True)
    recipient_ids = ArrayField(models.IntegerField(), default=list, blank=True)
    # The staff digest: None until it is queued (recipients with no email address count as told).
    notified_at = models.DateTimeField(null=True, blank=True)
    needs_call = models.BooleanField(default=False)
    called_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-done_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "kind", "due_at", "level"], name="chase_step_once"),
        ]
        indexes = [
            models.Index(fields=["case"], name="chase_step_case_idx"),
            models.Index(fields=["id"], name="chase_step_unnotified_idx", condition=Q(notified_at__isnull=True)),
            GinIndex(fields=["recipient_ids"], name="chase_step_recipients_idx"),
            # The dashboard's escalations by when they were made, and the cases list's.
            models.Index(
                fields=["done_at"],
                include=["case"],
                condition=Q(kind__in=sorted(ESCALATE_KINDS)),
                name="chase_step_escalated_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.due_at:%Y-%m-%d %H:%M} #{self.level}"


class EscalationTally(models.Model):
    """The chaser's escalations (ESCALATE_KINDS steps) by calendar month of when they were made,
    on the council's clock, and kind: kept by triggers on the steps (migration 0014), so the whole
    council's escalations over a year are a dozen rows, not 180,000 steps. A dashboard narrowed
    to teams, areas or a channel counts its cases' steps instead (a case moves between teams)."""

    month = models.DateField()
    kind = models.CharField(max_length=24)
    escalations = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["month", "kind"], name="escalationtally_key")]

    def __str__(self) -> str:
        return f"{self.kind} {self.month:%B %Y}"


class ComplaintStageTally(models.Model):
    """Complaint stages by the calendar month they began (on the council's clock), stage and
    service area (0: none): how many began, how many of them are decided so far and how many
    upheld (UPHELD_OUTCOMES). Kept by triggers on the stages (migration 0016), which also see a
    stage follow its case to another area (0010). The whole council's complaints by stage and
    service; a dashboard narrowed to some cases counts their stages."""

    month = models.DateField()
    stage = models.SmallIntegerField()
    area_id = models.IntegerField()
    begun = models.IntegerField(default=0)
    decided = models.IntegerField(default=0)
    upheld = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["month", "stage", "area_id"], name="complaintstagetally_key")]

    def __str__(self) -> str:
        return f"Stage {self.stage} {self.month:%B %Y}"


class ComplaintDecisionTally(models.Model):
    """Complaint stages decided, by the calendar month of the decision and root cause, and how
    many upheld: the whole council's root causes. Kept by the same triggers (migration 0016)."""

    month = models.DateField()
    root_cause = models.CharField(max_length=20)
    decided = models.IntegerField(default=0)
    upheld = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["month", "root_cause"], name="complaintdecisiontally_key")]

    def __str__(self) -> str:
        return f"{self.root_cause} {self.month:%B %Y}"
