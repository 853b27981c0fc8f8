"""The service and phone directory: who deals with what, and how to reach them."""

from collections.abc import Callable
from datetime import date, datetime

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import ArrayField, RangeOperators
from django.contrib.postgres.indexes import GinIndex, GistIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Func, Q
from django.utils import timezone

from core.calendar import next_open_day
from core.dates import govuk_datetime, govuk_day
from core.models import ChangeRecord

from .phones import phone_normalise

# The GOV.UK messages of the rules clean() checks (codes on the errors: see each clean()).
ABSENCE_ORDER_MESSAGE = "The end of the absence must be after the start"
TOPIC_OWNER_MESSAGE = "Choose the team that deals with this, or a partner organisation to send people to"
TOPIC_TEAM_AREA_MESSAGE = "Choose a team in {area}, or change the service area"
TEAM_NAME_TAKEN_MESSAGE = "{area} already has a team with this name. Enter a different name"


class Reviewed(models.Model):
    """Every directory entry carries when it was last checked: the guide must stay current."""

    last_reviewed = models.DateField(default=timezone.localdate)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class PhoneNumbers(models.Model):
    """Phone fields kept in one national format ("01632 960001"). `phone_fields` names them, each
    with whether short numbers such as 101 and 111 are allowed.

    They are normalised in clean_fields, before Django's own field checks, as a field's to_python
    would: a number typed with spaces and brackets that is longer than the column then still fits
    once formatted, and a bad one gets the GOV.UK phone message rather than a length error."""

    phone_fields: dict[str, bool] = {}

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None):
        exclude = set(exclude or ())
        errors: dict[str, list[ValidationError]] = {}
        for name, allow_short in self.phone_fields.items():
            if name in exclude:
                continue
            try:
                setattr(self, name, phone_normalise(getattr(self, name), allow_short=allow_short))
            except ValidationError as error:
                errors[name] = error.error_list
        try:
            super().clean_fields(exclude=exclude | set(errors))
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)


class ServiceAreaQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)


class ServiceArea(PhoneNumbers, Reviewed):
    phone_fields = {"public_phone": False}

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    summary = models.CharField(max_length=300, help_text="One sentence for the A to Z.")
    handles = models.TextField(blank=True, help_text="What this service deals with.")
    public_phone = models.CharField(max_length=20, blank=True)
    public_email = models.EmailField(blank=True)
    opening_hours = models.CharField(max_length=200, blank=True)
    web_url = models.URLField(blank=True)
    is_public = models.BooleanField(default=True)

    objects = ServiceAreaQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        permissions = [
            ("view_phone_guide", "Can view the staff phone guide"),
            ("import_directory", "Can import the directory from CSV"),
        ]

    def __str__(self) -> str:
        return self.name


class Team(PhoneNumbers, Reviewed):
    """A team in a service area. A team is also a case queue."""

    phone_fields = {"internal_phone": False, "public_phone": False}

    service_area = models.ForeignKey(ServiceArea, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    email = models.EmailField(blank=True)
    internal_phone = models.CharField(max_length=20, blank=True)
    public_phone = models.CharField(max_length=20, blank=True)
    out_of_hours = models.TextField(blank=True, help_text="What callers do outside office hours.")

    class Meta:
        ordering = ["service_area__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["service_area", "name"], name="team_name_unique_in_area"),
        ]

    def __str__(self) -> str:
        return self.name

    def unique_error_message(self, model_class, unique_check):
        # Django's wording is "Team with this Service area and Name already exists."
        if tuple(unique_check) == ("service_area", "name"):
            message = TEAM_NAME_TAKEN_MESSAGE.format(area=self.service_area)
            return ValidationError(message, code="unique_together")
        return super().unique_error_message(model_class, unique_check)


class Officer(PhoneNumbers, Reviewed):
    """The directory profile of a staff user."""

    phone_fields = {"direct_line": False}

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="officer")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="officers")
    job_title = models.CharField(max_length=120)
    direct_line = models.CharField(max_length=20, blank=True)
    email = models.EmailField(blank=True)
    number_shareable = models.BooleanField(default=False, help_text="Callers may be given this officer's direct line.")

    class Meta:
        ordering = ["user__last_name", "user__first_name"]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()


class Absence(models.Model):
    """An officer away for a while. Callers are told only when the officer is back (caller_sentence)
    and, optionally, who to contact instead (caller_note): the reason can be health data (UK GDPR
    special category), which only the officer's managers may see (selectors.absence_reason_area_ids)."""

    class Reason(models.TextChoices):
        LEAVE = "leave", "Annual leave"
        SICKNESS = "sickness", "Sickness"
        TRAINING = "training", "Training"
        OFF_SITE = "off_site", "Working off site"
        OTHER = "other", "Other"

    officer = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="absences")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    reason = models.CharField(max_length=20, choices=Reason.choices)
    caller_note = models.CharField(
        max_length=150,
        blank=True,
        default="",
        help_text="Who callers should contact instead, like “Ask for the duty officer”. Never give the reason.",
    )

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="absence_ends_after_start"),
            # One officer cannot be away twice at the same moment.
            ExclusionConstraint(
                name="absence_no_overlap",
                expressions=[
                    ("officer", RangeOperators.EQUAL),
                    (Func(F("starts_at"), F("ends_at"), function="TSTZRANGE"), RangeOperators.OVERLAPS),
                ],
            ),
        ]

    def __str__(self) -> str:
        # No reason here: labels end up in messages, the change history and the admin.
        if self.ends_at is None:
            return f"{self.officer}: away"
        return f"{self.officer}: away until {self._when(self.ends_at, now=timezone.now(), relative=False)}"

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": ValidationError(ABSENCE_ORDER_MESSAGE, code="ends_before_start")})

    def get_constraints(self):
        # absence_no_overlap is a rule across rows: the service checks it, with its message on the
        # start field, and maps the database's refusal in a race to the same error. Django's own
        # check of it in full_clean could only say "Constraint ... is violated", to no field.
        return [
            (model, [c for c in constraints if c.name != "absence_no_overlap"])
            for model, constraints in super().get_constraints()
        ]

    def caller_sentence(
        self, *, now: datetime | None = None, relative: bool = True, is_closed: Callable[[date], bool] | None = None
    ) -> str:
        """What callers are told, from the dates alone and never the reason: "Not available until
        9am on Monday 7 December." ("... until 1:30pm today."; relative=False always gives the date,
        for pages read on later days). An absence ending at midnight is worded by its day ("until
        Tuesday 8 December"), since GOV.UK warns "midnight on Tuesday" is read as either end of it.

        With `is_closed` (core.calendar.is_closed: the phone guide passes it), a return on a day the
        council is closed says so and names the next open day: "Not available until Saturday 5
        December, when the council is closed: back on Monday 7 December." Without it, the dates
        alone (no calendar to ask, as in the model's own uses)."""
        now = now or timezone.now()
        until = self._when(self.ends_at, now=now, relative=relative)
        back = ""
        if is_closed is not None:
            returns = timezone.localtime(self.ends_at).date()
            if is_closed(returns):
                opens = next_open_day(returns, closed=is_closed)  # `returns` itself if none is near
                back = ", when the council is closed"
                if opens != returns:
                    back += f": back on {govuk_day(opens, now=now, relative=relative)}"
        if self.starts_at > now:
            return f"Not available from {self._when(self.starts_at, now=now, relative=relative)} until {until}{back}."
        return f"Not available until {until}{back}."

    def tell_callers(
        self, *, now: datetime | None = None, relative: bool = True, is_closed: Callable[[date], bool] | None = None
    ) -> str:
        """The sentence and the note together: "Not available until 9am tomorrow. Ask for the duty
        officer." (the note gets a full stop if it has none)."""
        sentence = self.caller_sentence(now=now, relative=relative, is_closed=is_closed)
        note = self.caller_note.strip()
        if not note:
            return sentence
        return f"{sentence} {note}" if note.endswith((".", "!", "?")) else f"{sentence} {note}."

    @staticmethod
    def _when(value: datetime, *, now: datetime, relative: bool) -> str:
        local = timezone.localtime(value)
        if (local.hour, local.minute) == (0, 0):
            return govuk_day(value, now=now, relative=relative)
        return govuk_datetime(value, now=now, relative=relative)


class Partner(PhoneNumbers, Reviewed):
    """Another body that deals with things the council does not."""

    # Partners include the police (101) and the NHS (111).
    phone_fields = {"phone": True}

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    handles = models.TextField(help_text="What they deal with.")
    phone = models.CharField(max_length=20, blank=True)
    email = models.EmailField(blank=True)
    web_url = models.URLField(blank=True)
    opening_hours = models.CharField(max_length=200, blank=True)
    how_to_refer = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TopicQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True, service_area__is_public=True)


class Topic(Reviewed):
    """One entry of "who deals with what": owned by a council team, or signposted to a partner."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    synonyms = ArrayField(models.CharField(max_length=80), default=list, blank=True)
    keywords = ArrayField(models.CharField(max_length=80), default=list, blank=True)
    service_area = models.ForeignKey(ServiceArea, on_delete=models.PROTECT, related_name="topics")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="topics", null=True, blank=True)
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="topics", null=True, blank=True)
    # The topic's public page ("a page per task"): what it is, what it costs, and for a topic
    # another body deals with, what residents are told about contacting them.
    description = models.TextField(blank=True, help_text="What it is, in plain words, for the public page.")
    cost = models.CharField(max_length=200, blank=True, help_text="What it costs, like “£35 for up to 3 items”.")
    referral = models.TextField(blank=True, help_text="For another body's topics: how residents contact them.")
    adviser_script = models.TextField(blank=True, help_text="What an adviser says or does.")
    online_url = models.URLField(blank=True, help_text="Where a resident can do this online.")
    # Not public until a manager says so: a new topic is checked before residents see it.
    is_public = models.BooleanField(default=False)

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(team__isnull=False) | Q(partner__isnull=False),
                name="topic_has_owner_or_partner",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        # The check constraint's case, with a message that says what to do (and on a field).
        if self.team_id is None and self.partner_id is None:
            raise ValidationError({"team": ValidationError(TOPIC_OWNER_MESSAGE, code="no_owner")})
        if self.team is not None and self.service_area_id and self.team.service_area_id != self.service_area_id:
            message = TOPIC_TEAM_AREA_MESSAGE.format(area=self.service_area)
            raise ValidationError({"team": ValidationError(message, code="team_not_in_area")})


class ContactDetails(PhoneNumbers):
    """How to reach the council's customer services: one row, edited by administrators, shown on
    the home page, the no-results page, the footer and the accessibility statement."""

    name = models.CharField(max_length=120, default="Customer services")
    phone = models.CharField(max_length=20, blank=True)
    email = models.EmailField(blank=True)
    address = models.TextField(blank=True, help_text="Where to write to or visit, one line a line.")
    opening_hours = models.TextField(
        blank=True, help_text="One line a day or group of days, like “Monday to Friday, 8:30am to 5pm”."
    )
    updated_at = models.DateTimeField(auto_now=True)

    phone_fields = {"phone": False}

    class Meta:
        verbose_name = "council contact details"
        verbose_name_plural = "council contact details"
        constraints = [models.CheckConstraint(condition=Q(id=1), name="contact_details_one_row")]

    def __str__(self) -> str:
        return "Council contact details"

    @property
    def address_lines(self) -> list[str]:
        return [line.strip() for line in self.address.splitlines() if line.strip()]

    @property
    def hours_lines(self) -> list[str]:
        return [line.strip() for line in self.opening_hours.splitlines() if line.strip()]


class SearchEntry(models.Model):
    """One row per searchable thing (topic, service area, team, partner, officer), kept in step by
    the directory services so that "who deals with X" is one indexed query over one table."""

    class Kind(models.TextChoices):
        TOPIC = "topic", "Topic"
        SERVICE = "service", "Service"
        TEAM = "team", "Team"
        PARTNER = "partner", "Partner organisation"
        OFFICER = "officer", "Officer"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.BigIntegerField()
    # The object's slug (officers: "officer-<id>"), for the link and the page anchor.
    slug = models.CharField(max_length=120, blank=True)
    title = models.CharField(max_length=200)
    # Synonyms and keywords are stored " | "-separated so the reason for a match can name the one that matched.
    synonyms = models.TextField(blank=True)
    keywords = models.TextField(blank=True)
    body = models.TextField(blank=True)
    # What a result shows under its title: public-safe text and the public phone number.
    summary = models.CharField(max_length=300, blank=True)
    phone = models.CharField(max_length=20, blank=True)
    # Title, synonyms and keywords, lower-cased and " | "-separated: the source of the spelling word
    # list, and what a result's closeness to the query is measured against.
    terms = models.TextField()
    document = SearchVectorField()
    is_public = models.BooleanField()
    service_area = models.ForeignKey(ServiceArea, on_delete=models.CASCADE, null=True, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique"),
        ]
        indexes = [
            # Searches far outnumber edits, so new entries go straight into the index rather than
            # a pending list that every search would scan until the next vacuum.
            GinIndex(fields=["document"], name="search_entry_document_gin", fastupdate=False),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"


class SearchWord(models.Model):
    """Every distinct word of the search entries' terms: the dictionary that a misspelt query word
    is corrected against (pg_trgm's recommended pattern: a few hundred words to compare, not
    thousands of entries). Rebuilt from SearchEntry whenever the index changes."""

    word = models.TextField(primary_key=True)
    # True when the word occurs in an entry the public can see: public searches correct only to those.
    is_public = models.BooleanField()

    class Meta:
        indexes = [GistIndex(OpClass("word", name="gist_trgm_ops"), name="search_word_trgm_idx")]

    def __str__(self) -> str:
        return self.word


class DirectoryChange(ChangeRecord):
    """Who changed which directory entry, when, and what changed (field: [before, after])."""

    class Action(models.TextChoices):
        CREATED = "created", "Created"
        UPDATED = "updated", "Updated"
        DELETED = "deleted", "Deleted"
        REVIEWED = "reviewed", "Marked as reviewed"
        IMPORTED = "imported", "Imported"

    action = models.CharField(max_length=10, choices=Action.choices)

    class Meta(ChangeRecord.Meta):
        indexes = [models.Index(fields=["entry_type", "entry_id"], name="directory_change_entry_idx")]
