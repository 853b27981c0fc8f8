"""Response-time standards as data: working calendars, the standards themselves and targets.

The vocabulary every later app uses for channels, case types and priorities lives here, the
lowest app that needs it: cases, contacts and the dashboards import it from `standards`, never
the other way round. A calendar points at the directory's teams (not a team at its calendar),
because `standards` sits above `directory` and a foreign key must point down the stack.
"""

from datetime import date, datetime, time
from decimal import Decimal

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import ArrayField, RangeOperators
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Func, Q
from django.db.models.lookups import Range
from django.utils import timezone

from core.models import ChangeRecord
from directory.models import Team

# Constraint name -> (field, GOV.UK message, error code). One table for the two places a rule the
# database holds can be broken: each model's clean() raises these messages for its single-row
# rules, and a service that loses a race maps the database's refusal (core.db.constraint_name) to
# the same field error. The rules across rows (overlaps, one standard a day per set of cases) are
# the services' own checks, with messages naming the other row; these are their fallbacks.
CONSTRAINT_ERRORS: dict[str, tuple[str, str, str]] = {
    "calendar_one_council": (
        "is_council", "There is already a council calendar. A new calendar can only be a team calendar", "duplicate"
    ),
    "calendar_council_has_no_area": (
        "service_area", "The council calendar covers the whole council. Leave the service area empty", "council_area"
    ),
    "standards_calendar_name_key": ("name", "There is already a calendar with this name. Enter a different name",
                                    "unique"),
    "standards_calendar_slug_key": ("slug", "There is already a calendar with this slug. Enter a different slug",
                                    "unique"),
    "standards_calendarteam_team_id_key": ("teams", "A team can only work to one calendar", "taken"),
    "hours_close_after_open": ("closes", "The closing time must be after the opening time", "closes_before_opens"),
    "hours_unique_start": ("hours", "Two working periods on the same day cannot start at the same time", "overlap"),
    "closure_ends_after_start": ("ends_at", "The end of the closure must be after its start", "ends_before_start"),
    "closure_no_overlap": (
        "starts_at", "This closure overlaps another one. Change the dates or delete the other closure", "overlap"
    ),
    "standard_has_a_time": ("acknowledge_within", "Enter how long to acknowledge or respond, or both", "no_time"),
    "standard_acknowledge_positive": (
        "acknowledge_within", "The time to acknowledge must be at least 1", "not_positive"
    ),
    "standard_respond_positive": ("respond_within", "The time to respond must be at least 1", "not_positive"),
    "standard_acknowledged_before_respond": (
        "acknowledge_within",
        "Enter how long to acknowledge: the reply is counted from the acknowledgement",
        "no_acknowledgement",
    ),
    "standard_unique_dimensions": (
        "effective_from",
        "Another standard for the same cases starts on this date. Change the date or edit that standard",
        "duplicate",
    ),
    "target_percent_range": ("percent", "Enter a percentage between 0 and 100", "out_of_range"),
    "channel_cost_range": ("cost", "Enter a cost from £0 to £1,000", "out_of_range"),
    "target_period_in_order": ("effective_until", "The end date must be after the start date", "ends_before_start"),
    "chase_policy_one_per_area": (
        "service_area", "This service area already has its own chasing rules. Edit those instead", "duplicate"
    ),
    "chase_lead_range": ("warn_lead_hours", "Enter a warning time from 1 to 40 working hours", "out_of_range"),
    "chase_every_range": (
        "escalate_every_hours", "Enter a time between escalation steps from 1 to 80 working hours", "out_of_range"
    ),
    "chase_ladder_steps": ("ladder", "Choose who is told at each step: at least one, at most three", "no_steps"),
    "chase_update_days_range": (
        "update_after_days", "Enter a number of working days from 1 to 20 for the new expected date", "out_of_range"
    ),
    "chase_remind_days_range": (
        "remind_after_days", "Enter a number of working days from 1 to 20 for the reminder", "out_of_range"
    ),
    "chase_away_hours_range": (
        "away_handback_hours", "Enter a time from 1 to 80 working hours for an officer's absence", "out_of_range"
    ),
    "target_no_overlap": (
        "effective_from", "Another target for this measure covers some of these dates. Change the dates", "overlap"
    ),
}  # fmt: skip
EXTENSION_MESSAGE = "The longest extension must be at least 1 working day, or leave it empty"
EXTENSION_WITHOUT_RESPOND_MESSAGE = "Enter how long to respond: an extension adds to the time to respond"


def constraint_error(name: str) -> ValidationError:
    """The field error a broken constraint means (a key of CONSTRAINT_ERRORS)."""
    field, message, code = CONSTRAINT_ERRORS[name]
    return ValidationError({field: ValidationError(message, code=code)})


def _errors_raise(names: list[str], extra: dict[str, ValidationError] | None = None) -> None:
    errors: dict[str, list[ValidationError]] = {}
    for name in names:
        field, message, code = CONSTRAINT_ERRORS[name]
        errors.setdefault(field, []).append(ValidationError(message, code=code))
    for field, error in (extra or {}).items():
        errors.setdefault(field, []).append(error)
    if errors:
        raise ValidationError(errors)


def _check_constraints_only(model_constraints):
    # full_clean checks only the single-row rules (check constraints, which each clean() words
    # first); the unique and exclusion constraints span rows and are the services' checks, whose
    # messages name the other row, where Django could only say "Constraint ... is violated".
    return [
        (model, [c for c in constraints if isinstance(c, models.CheckConstraint)])
        for model, constraints in model_constraints
    ]


class Channel(models.TextChoices):
    PHONE = "phone", "Phone call"
    EMAIL = "email", "Email"
    WEB = "web", "Web form"
    LETTER = "letter", "Letter"
    FACE_TO_FACE = "face_to_face", "Face to face"
    WEB_CHAT = "web_chat", "Web chat"
    SOCIAL_MEDIA = "social_media", "Social media"
    COUNCILLOR = "councillor", "Through a councillor"


class CaseType(models.TextChoices):
    SERVICE_REQUEST = "service_request", "Service request"
    PROBLEM_REPORT = "problem_report", "Problem report"
    COMPLAINT_STAGE_1 = "complaint_1", "Complaint (stage 1)"
    COMPLAINT_STAGE_2 = "complaint_2", "Complaint (stage 2)"
    COMPLIMENT = "compliment", "Compliment"
    COMMENT = "comment", "Comment"
    COUNCILLOR_ENQUIRY = "councillor_enquiry", "Councillor enquiry"


class Priority(models.TextChoices):
    NORMAL = "normal", "Normal"
    HIGH = "high", "High"
    URGENT = "urgent", "Urgent"


class Subdivision(models.TextChoices):
    """The UK nations whose bank holidays the `holidays` package knows (standards.worktime)."""

    ENGLAND = "ENG", "England"
    WALES = "WLS", "Wales"
    SCOTLAND = "SCT", "Scotland"
    NORTHERN_IRELAND = "NIR", "Northern Ireland"


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class Calendar(models.Model):
    """The council's working calendar, or a team's own. Exactly one is the council calendar: it
    applies to every team no other calendar claims. A calendar of a service area is edited by
    that area's service managers; the council calendar (no area) by administrators."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    subdivision = models.CharField(max_length=3, choices=Subdivision.choices, default=Subdivision.ENGLAND)
    is_council = models.BooleanField(default=False)
    service_area = models.ForeignKey(
        "directory.ServiceArea", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    teams: "models.ManyToManyField[Team, CalendarTeam]" = models.ManyToManyField(
        "directory.Team", through="CalendarTeam", related_name="+", blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-is_council", "name"]
        permissions = [("preview_standards", "Can preview which standard applies and its due dates")]
        constraints = [
            models.UniqueConstraint(fields=["is_council"], condition=Q(is_council=True), name="calendar_one_council"),
            # The council calendar is council-wide: it belongs to no service area.
            models.CheckConstraint(
                condition=Q(is_council=False) | Q(service_area__isnull=True), name="calendar_council_has_no_area"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        if self.is_council and self.service_area_id is not None:
            _errors_raise(["calendar_council_has_no_area"])

    def get_constraints(self):
        return _check_constraints_only(super().get_constraints())

    def unique_error_message(self, model_class, unique_check):
        if tuple(unique_check) in (("name",), ("slug",)):
            _, message, code = CONSTRAINT_ERRORS[f"standards_calendar_{unique_check[0]}_key"]
            return ValidationError(message, code=code)
        return super().unique_error_message(model_class, unique_check)


class CalendarTeam(models.Model):
    """A team that works to a calendar other than the council's (at most one)."""

    calendar = models.ForeignKey(Calendar, on_delete=models.CASCADE, related_name="team_links")
    team = models.OneToOneField("directory.Team", on_delete=models.CASCADE, related_name="+")

    def __str__(self) -> str:
        return f"{self.team} → {self.calendar}"


class WorkingHours(models.Model):
    """One working period of a weekday: a calendar has none, one or several a day (a lunch break
    splits a day into two)."""

    calendar = models.ForeignKey(Calendar, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    opens = models.TimeField()
    closes = models.TimeField()

    class Meta:
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(condition=Q(closes__gt=F("opens")), name="hours_close_after_open"),
            models.UniqueConstraint(fields=["calendar", "weekday", "opens"], name="hours_unique_start"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}-{self.closes:%H:%M}"

    def clean(self):
        super().clean()
        if isinstance(self.opens, time) and isinstance(self.closes, time) and self.closes <= self.opens:
            _errors_raise(["hours_close_after_open"])

    def get_constraints(self):
        return _check_constraints_only(super().get_constraints())


class Closure(models.Model):
    """A time the offices of a calendar are shut besides bank holidays: the Christmas shutdown
    (whole days), a training afternoon (part of a day)."""

    calendar = models.ForeignKey(Calendar, on_delete=models.CASCADE, related_name="closures")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    reason = models.CharField(max_length=120, help_text="Shown to the public, like “Christmas closure”.")

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="closure_ends_after_start"),
            ExclusionConstraint(
                name="closure_no_overlap",
                expressions=[
                    ("calendar", RangeOperators.EQUAL),
                    (Func(F("starts_at"), F("ends_at"), function="TSTZRANGE"), RangeOperators.OVERLAPS),
                ],
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reason} ({timezone.localtime(self.starts_at):%d %b %Y})"

    def clean(self):
        super().clean()
        if (
            isinstance(self.starts_at, datetime)
            and isinstance(self.ends_at, datetime)
            and self.ends_at <= self.starts_at
        ):
            _errors_raise(["closure_ends_after_start"])

    def get_constraints(self):
        return _check_constraints_only(super().get_constraints())


class TimeUnit(models.TextChoices):
    WORKING_HOURS = "hours", "working hours"
    WORKING_DAYS = "days", "working days"


class RespondFrom(models.TextChoices):
    RECEIPT = "receipt", "When it is received"
    ACKNOWLEDGEMENT = "acknowledgement", "When it is acknowledged"


class ResponseStandard(models.Model):
    """channel x case type x priority (x service area) -> acknowledge within, respond within.

    A blank dimension matches anything. The most specific matching standard applies, with the
    dimensions weighed case type > service area > priority > channel (selectors.SPECIFICITY), so
    "a complaint by email" takes the complaint standard over the email one. Standards with the
    same dimensions succeed one another by `effective_from`: a case takes the standard in force
    on the day it was received, so a change never breaks a promise already made."""

    channel = models.CharField(max_length=20, choices=Channel.choices, blank=True)
    case_type = models.CharField(max_length=20, choices=CaseType.choices, blank=True)
    priority = models.CharField(max_length=10, choices=Priority.choices, blank=True)
    service_area = models.ForeignKey(
        "directory.ServiceArea", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acknowledge_within = models.PositiveSmallIntegerField(null=True, blank=True)
    acknowledge_unit = models.CharField(max_length=5, choices=TimeUnit.choices, default=TimeUnit.WORKING_DAYS)
    respond_within = models.PositiveSmallIntegerField(null=True, blank=True)
    respond_unit = models.CharField(max_length=5, choices=TimeUnit.choices, default=TimeUnit.WORKING_DAYS)
    respond_from = models.CharField(max_length=15, choices=RespondFrom.choices, default=RespondFrom.RECEIPT)
    # Complaints: one extension of at most this many working days (reason recorded, complainant told).
    extension_max_days = models.PositiveSmallIntegerField(null=True, blank=True)
    effective_from = models.DateField(default=timezone.localdate)
    public_wording = models.CharField(
        max_length=300, help_text="What the public page says, like “We will reply to your email within 5 working days”."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["case_type", "channel", "priority", "-effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(acknowledge_within__gt=0) | Q(respond_within__gt=0), name="standard_has_a_time"
            ),
            models.CheckConstraint(
                condition=Q(acknowledge_within__isnull=True) | Q(acknowledge_within__gt=0),
                name="standard_acknowledge_positive",
            ),
            models.CheckConstraint(
                condition=Q(respond_within__isnull=True) | Q(respond_within__gt=0), name="standard_respond_positive"
            ),
            # The respond clock cannot start at an acknowledgement that is never due.
            models.CheckConstraint(
                condition=~Q(respond_from="acknowledgement") | Q(acknowledge_within__isnull=False),
                name="standard_acknowledged_before_respond",
            ),
            # Two standards with the same dimensions from the same day would both apply.
            models.UniqueConstraint(
                fields=["channel", "case_type", "priority", "service_area", "effective_from"],
                nulls_distinct=False,
                name="standard_unique_dimensions",
            ),
        ]
        indexes = [models.Index(fields=["case_type", "channel"], name="standard_lookup_idx")]

    def __str__(self) -> str:
        return self.public_wording

    def clean(self):
        super().clean()
        names: list[str] = []
        extra: dict[str, ValidationError] = {}
        acknowledge = self.acknowledge_within if isinstance(self.acknowledge_within, int) else None
        respond = self.respond_within if isinstance(self.respond_within, int) else None
        if not acknowledge and not respond:
            # Both empty, or 0 where nothing else is given: there is no promise to keep.
            names.append("standard_has_a_time")
            if respond is not None:
                names.append("standard_respond_positive")
        else:
            if acknowledge is not None and acknowledge <= 0:
                names.append("standard_acknowledge_positive")
            if respond is not None and respond <= 0:
                names.append("standard_respond_positive")
        if self.respond_from == RespondFrom.ACKNOWLEDGEMENT and acknowledge is None and names == []:
            names.append("standard_acknowledged_before_respond")
        if isinstance(self.extension_max_days, int):
            if self.extension_max_days <= 0:
                extra["extension_max_days"] = ValidationError(EXTENSION_MESSAGE, code="not_positive")
            elif not respond:
                extra["respond_within"] = ValidationError(EXTENSION_WITHOUT_RESPOND_MESSAGE, code="no_respond")
        _errors_raise(names, extra)

    def get_constraints(self):
        return _check_constraints_only(super().get_constraints())

    @property
    def dimensions(self) -> tuple[str, str, str, int | None]:
        """(channel, case type, priority, service area id): the cases the standard is for."""
        return (self.channel, self.case_type, self.priority, self.service_area_id)


class Target(models.Model):
    """A number the council has promised itself, for a period: first-point resolution 45% in
    year one, digital take-up, share within standard, satisfaction. Dashboards read these; no
    code hard-codes a target."""

    class Metric(models.TextChoices):
        FIRST_POINT_RESOLUTION = "fpr", "First-point resolution"
        WITHIN_STANDARD = "within_standard", "Cases answered within standard"
        DIGITAL_TAKE_UP = "digital_take_up", "Digital take-up"
        SATISFACTION = "satisfaction", "Customers satisfied"

    metric = models.CharField(max_length=20, choices=Metric.choices)
    percent = models.DecimalField(max_digits=5, decimal_places=2)
    effective_from = models.DateField()
    effective_until = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["metric", "effective_from"]
        constraints = [
            models.CheckConstraint(condition=Q(percent__gte=0, percent__lte=100), name="target_percent_range"),
            models.CheckConstraint(
                condition=Q(effective_until__isnull=True) | Q(effective_until__gt=F("effective_from")),
                name="target_period_in_order",
            ),
            ExclusionConstraint(
                name="target_no_overlap",
                expressions=[
                    ("metric", RangeOperators.EQUAL),
                    (
                        Func(F("effective_from"), F("effective_until"), function="DATERANGE"),
                        RangeOperators.OVERLAPS,
                    ),
                ],
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_metric_display()}: {self.percent}% from {self.effective_from:%d %b %Y}"

    def clean(self):
        super().clean()
        names = []
        # Values a field check refused are left as typed, so each rule looks at well-typed ones only.
        if isinstance(self.percent, Decimal | int) and not 0 <= self.percent <= 100:
            names.append("target_percent_range")
        if (
            isinstance(self.effective_from, date)
            and isinstance(self.effective_until, date)
            and self.effective_until <= self.effective_from
        ):
            names.append("target_period_in_order")
        _errors_raise(names)

    def get_constraints(self):
        return _check_constraints_only(super().get_constraints())


class ChannelCost(models.Model):
    """What one contact on a channel costs the council, as the council estimates it, with where
    the figure comes from: the dashboard's cost to serve. One row per channel; no cost means the
    channel is not costed (its contacts are counted, not priced)."""

    channel = models.CharField(max_length=20, choices=Channel.choices, unique=True)
    cost = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    source = models.CharField(max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["channel"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cost__isnull=True) | Q(cost__gte=0, cost__lte=1000), name="channel_cost_range"
            ),
        ]

    def __str__(self) -> str:
        cost = f"£{self.cost}" if self.cost is not None else "not costed"
        return f"{self.get_channel_display()}: {cost}"

    def clean(self):
        super().clean()
        if isinstance(self.cost, Decimal | int) and not 0 <= self.cost <= 1000:
            _errors_raise(["channel_cost_range"])

    def get_constraints(self):
        return _check_constraints_only(super().get_constraints())


class LadderRung(models.TextChoices):
    OWNER = "owner", "The case's owner (its team when unowned)"
    TEAM_MANAGER = "team_manager", "The team manager"
    SERVICE_MANAGER = "service_manager", "The service manager"


def ladder_default() -> list[str]:
    return list(LadderRung.values)


LADDER_LOOP_MESSAGE = "{who} is on the ladder twice. Choose each person once, so the case goes up the ladder"


class ChasePolicy(models.Model):
    """How the chaser keeps the standards: when it warns before a due time, who it tells when one
    is missed and how often it goes up the ladder, the resident's holding update and reminder,
    and when an absent officer's urgent cases go back to their team. One row for the council
    (no service area) and, optionally, one per service area, which then applies to its cases.
    Times are working time on the case's team calendar."""

    service_area = models.ForeignKey(
        "directory.ServiceArea", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    warn_lead_hours = models.PositiveSmallIntegerField(
        default=4, help_text="How many working hours before a due time the owner is warned."
    )
    ladder = ArrayField(
        models.CharField(max_length=20, choices=LadderRung.choices),
        default=list,
        help_text="Who is told when a due time is missed, one step at a time.",
    )
    escalate_every_hours = models.PositiveSmallIntegerField(
        default=8, help_text="Working hours between one step of the ladder and the next."
    )
    update_after_days = models.PositiveSmallIntegerField(
        default=5, help_text="The new expected date a holding update gives, in working days from the update."
    )
    remind_after_days = models.PositiveSmallIntegerField(
        default=5, help_text="Working days a case waits on the resident before they are reminded."
    )
    away_handback_hours = models.PositiveSmallIntegerField(
        default=8, help_text="Working hours an owner is away before their urgent cases go back to the team queue."
    )
    handback_priority = models.CharField(
        max_length=10,
        choices=[(Priority.HIGH, "High and urgent cases"), (Priority.URGENT, "Urgent cases only")],
        default=Priority.HIGH,
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = [models.F("service_area__name").asc(nulls_first=True)]
        permissions = [("change_chase_policy", "Edit the chasing rules of their service area")]
        constraints = [
            models.UniqueConstraint(fields=["service_area"], nulls_distinct=False, name="chase_policy_one_per_area"),
            models.CheckConstraint(condition=Q(warn_lead_hours__range=(1, 40)), name="chase_lead_range"),
            models.CheckConstraint(condition=Q(escalate_every_hours__range=(1, 80)), name="chase_every_range"),
            # cardinality, not array_length: the length of an empty array is NULL, which passes a check.
            models.CheckConstraint(
                condition=Range(Func(F("ladder"), function="CARDINALITY", output_field=models.IntegerField()), (1, 3)),
                name="chase_ladder_steps",
            ),
            models.CheckConstraint(condition=Q(update_after_days__range=(1, 20)), name="chase_update_days_range"),
            models.CheckConstraint(condition=Q(remind_after_days__range=(1, 20)), name="chase_remind_days_range"),
            models.CheckConstraint(condition=Q(away_handback_hours__range=(1, 80)), name="chase_away_hours_range"),
        ]

    def __str__(self) -> str:
        return f"Chasing rules for {self.service_area or 'the council'}"

    def clean(self):
        super().clean()
        names = []
        ranges = {
            "warn_lead_hours": ("chase_lead_range", 40),
            "escalate_every_hours": ("chase_every_range", 80),
            "update_after_days": ("chase_update_days_range", 20),
            "remind_after_days": ("chase_remind_days_range", 20),
            "away_handback_hours": ("chase_away_hours_range", 80),
        }
        for field, (name, most) in ranges.items():
            value = getattr(self, field)
            if isinstance(value, int) and not 1 <= value <= most:
                names.append(name)
        extra: dict[str, ValidationError] = {}
        ladder = self.ladder if isinstance(self.ladder, list) else []
        if not 1 <= len(ladder) <= 3:
            names.append("chase_ladder_steps")
        else:
            seen: set[str] = set()
            for rung in ladder:
                if rung in seen:
                    who = LadderRung(rung).label if rung in LadderRung.values else rung
                    extra["ladder"] = ValidationError(LADDER_LOOP_MESSAGE.format(who=who), code="loop")
                    break
                seen.add(rung)
        _errors_raise(names, extra)

    def get_constraints(self):
        return _check_constraints_only(super().get_constraints())


class StandardsChange(ChangeRecord):
    """Who changed which calendar, closure, standard or target, when, and each changed field as
    [before, after]: the standards' history, like the directory's."""

    class Action(models.TextChoices):
        CREATED = "created", "Created"
        UPDATED = "updated", "Updated"
        DELETED = "deleted", "Deleted"

    action = models.CharField(max_length=10, choices=Action.choices)

    class Meta(ChangeRecord.Meta):
        indexes = [models.Index(fields=["entry_type", "entry_id"], name="standards_change_entry_idx")]
