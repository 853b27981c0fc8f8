"""GOV.UK forms for the standards pages: the preview, working hours, teams, closures, standards
and targets.

Forms only clean and convert (a typed "8:45am" to a time, a day, month and year to a date, two
dates and two times to a closure's start and end); every rule about the values (hours that end
before they start, overlapping closures, a standard with no time) is the model's or the
service's, shown on the form by `apply_errors`."""

import datetime as dt

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Button, Div, Field, Fieldset, Layout, Size
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import RegexValidator
from django.utils import timezone

from core.dates import govuk_time
from core.forms import GovukDate, GovukFormMixin, GovukSelect, optional_choice_field, time_parse
from directory.models import ServiceArea, Team

from .models import (
    Calendar,
    CaseType,
    Channel,
    ChannelCost,
    ChasePolicy,
    LadderRung,
    Priority,
    RespondFrom,
    ResponseStandard,
    Subdivision,
    Target,
    TimeUnit,
    Weekday,
)

# At most two working periods a day: a lunch break splits a day in two.
PERIODS = (1, 2)
TIME_HINT = "For example, 8:45am or 17:15"


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- Fields --------------------------------------------------------------------------------------


class TimeField(forms.Field):
    """A time typed as people write it. GOV.UK has no time component: a short text input with a
    hint, accepting the 12-hour and the 24-hour clock."""

    def __init__(self, *, what: str, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", TIME_HINT)
        messages = {
            "required": f"Enter {what}",
            "invalid": f"{_capitalised(what)} must be a time, like 8:45am or 17:15",
        }
        messages.update(kwargs.pop("error_messages", {}))
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"class": "govuk-input govuk-input--width-5", "autocomplete": "off", "spellcheck": "false"}
            ),
        )
        super().__init__(error_messages=messages, **kwargs)

    def prepare_value(self, value):
        return govuk_time(value) if isinstance(value, dt.time) else value

    def to_python(self, value):
        text = str(value or "").strip()
        if not text:
            return None
        parsed = time_parse(text[:20])
        if parsed is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed


class DateField(DateInputField):
    """The GOV.UK date input (day, month and year boxes) with GOV.UK messages naming the date:
    "Enter the date it was received", "The date it was received must include a month"."""

    def __init__(self, *, what: str, required: bool = True, **kwargs):
        what_cap = _capitalised(what)
        self.missing_message = what_cap + " must include a {parts}"
        number = RegexValidator(r"^\s*\d+\s*$", f"{what_cap} must be a real date")
        year = RegexValidator(r"^\s*\d{4}\s*$", "Year must include 4 numbers")
        fields = (
            forms.CharField(
                label="Day", error_messages={"incomplete": f"{what_cap} must include a day"}, validators=[number]
            ),
            forms.CharField(
                label="Month", error_messages={"incomplete": f"{what_cap} must include a month"}, validators=[number]
            ),
            forms.CharField(
                label="Year", error_messages={"incomplete": f"{what_cap} must include a year"}, validators=[year]
            ),
        )
        messages = {
            "required": f"Enter {what}",
            "incomplete": f"Enter {what}",
            "invalid": f"{what_cap} must be a real date",
            "year_range": f"{what_cap} must be in a year from {self.FIRST_YEAR} to {self.LAST_YEAR}",
        }
        # DateInputField's own __init__ fixes generic messages; skip to MultiValueField's.
        forms.MultiValueField.__init__(
            self, fields=fields, error_messages=messages, require_all_fields=False, required=required, **kwargs
        )

    # Working calendars are prepared year by year: a date far from now is a typing mistake, and
    # arithmetic near year 9999 would run off the end of Python's dates.
    FIRST_YEAR, LAST_YEAR = 2000, 2099

    def clean(self, value):
        try:
            return super().clean(value)
        except ValidationError as error:
            # Each box refused says the same thing ("abc" and "!!"): GOV.UK shows one message a
            # field, and one naming every part missing ("must include a day and year").
            missing = [name for name, box in zip(("day", "month", "year"), self.fields, strict=True)
                       if box.error_messages["incomplete"] in getattr(box.widget, "errors", [])]  # fmt: skip
            if len(missing) > 1:
                raise ValidationError(
                    self.missing_message.format(parts=" and ".join(missing)), code="incomplete"
                ) from None
            raise error.error_list[0] from None

    def compress(self, data_list):
        day, month, year = data_list
        if not (day and month and year):
            return None
        try:
            value = dt.date(int(year), int(month), int(day))
        except (ValueError, OverflowError):
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not self.FIRST_YEAR <= value.year <= self.LAST_YEAR:
            raise ValidationError(self.error_messages["year_range"], code="year_range")
        return value


def date_range(*, of: str = "") -> tuple[DateField, DateField]:
    """A list's optional From and To days, named in their messages "the first day" and "the last
    day" (`of`: what they are days of, as in "the first day it happened")."""
    words = f" {of}" if of else ""
    return (
        DateField(what=f"the first day{words}", label="From", required=False, help_text="For example, 1 4 2027"),
        DateField(what=f"the last day{words}", label="To", required=False, help_text="For example, 30 4 2027"),
    )


def local_datetime(day: dt.date, time: dt.time) -> dt.datetime:
    """A wall-clock reading in the council's time zone as an aware datetime."""
    return dt.datetime.combine(day, time, tzinfo=timezone.get_current_timezone())


def local_midnight(day: dt.date | None, *, days: int = 0) -> dt.datetime | None:
    """The council's midnight `days` after the start of `day` (None: none): a list's date filter
    from the first day (days=0) and before the day after the last (days=1)."""
    return local_datetime(day + dt.timedelta(days=days), dt.time()) if day else None


# --- Showing the services' errors ----------------------------------------------------------------


def apply_errors(form: forms.BaseForm, error: ValidationError, *, field_names: dict[str, str] | None = None) -> None:
    """Show a service's ValidationError on the form: each field error on its field (through
    `field_names` when the service names a field the form calls something else), the rest in the
    error summary. A field the form has already refused keeps the form's message (GOV.UK shows
    one message a field)."""
    field_names = field_names or {}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        target = field_names.get(name, name)
        if target == NON_FIELD_ERRORS or target not in form.fields:
            form.add_error(None, errors)
        elif target not in form.errors:
            form.add_error(target, errors)


def _helper(layout: Layout) -> FormHelper:
    helper = FormHelper()
    # The templates write the <form> tag themselves (the preview's is a GET form).
    helper.form_tag = False
    helper.layout = layout
    return helper


class StandardsForm(GovukFormMixin, forms.Form):
    """Base: a FormHelper from `layout()`; `service_fields()` is what the service takes."""

    submit_label = "Save"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(self.layout())

    def layout(self) -> Layout:
        return Layout(*[Field(name) for name in self.fields], Button.primary("save", self.submit_label))

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


# --- Preview -------------------------------------------------------------------------------------


class PreviewForm(StandardsForm):
    """Received when, how and what: which standard applies and when it is due."""

    submit_label = "Show the dates"

    received_on = DateField(what="the date it was received", label="Date received", help_text="For example, 27 3 2027")
    received_time = TimeField(what="the time it was received", label="Time received", required=True)
    channel = forms.ChoiceField(
        label="How it came in",
        choices=[("", "Select how it came in"), *Channel.choices],
        error_messages={"required": "Select how it came in", "invalid_choice": "Select how it came in"},
    )
    case_type = forms.ChoiceField(
        label="Type",
        choices=[("", "Select the type"), *CaseType.choices],
        error_messages={"required": "Select the type", "invalid_choice": "Select the type"},
    )
    priority = optional_choice_field("Priority (optional)", Priority.choices, what="priority", blank="Not given")
    team = forms.ModelChoiceField(
        label="Team (optional)",
        required=False,
        empty_label="Not known yet",
        queryset=Team.objects.select_related("service_area").order_by("service_area__name", "name"),
        help_text="A team may work to its own hours and have its own standards.",
        error_messages={"invalid_choice": "Select a team from the list"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].label_from_instance = lambda team: f"{team.name} ({team.service_area.name})"

    @staticmethod
    def initial_now() -> dict:
        now = timezone.localtime()
        return {"received_on": now.date(), "received_time": now.time().replace(second=0, microsecond=0)}

    def layout(self) -> Layout:
        return Layout(
            GovukDate("received_on"),
            Field("received_time"),
            GovukSelect("channel"),
            GovukSelect("case_type"),
            GovukSelect("priority"),
            GovukSelect("team"),
            Button.primary("preview", self.submit_label),
        )

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "received_at": local_datetime(data["received_on"], data["received_time"]),
            "channel": data["channel"],
            "case_type": data["case_type"],
            "priority": data["priority"] or "",
            "team": data["team"],
        }


# --- Calendars -----------------------------------------------------------------------------------


def hours_field_name(weekday: int, period: int, end: str) -> str:
    """'monday_opens_1': the field of a weekday's period's opening or closing time."""
    return f"{Weekday(weekday).label.lower()}_{end}_{period}"


class CalendarForm(StandardsForm):
    """A new calendar: its name, page address, UK nation and service area."""

    submit_label = "Add calendar"

    name = forms.CharField(
        label="Name",
        max_length=120,
        help_text="For example, Housing repairs calendar",
        error_messages={
            "required": "Enter the name of the calendar",
            "max_length": "Name must be 120 characters or fewer",
        },
    )
    slug = forms.SlugField(
        label="Page address",
        max_length=120,
        help_text="The end of the page's web address, like housing-repairs",
        error_messages={
            "required": "Enter a page address, like housing-repairs",
            "invalid": "Page addresses can only contain lower-case letters, numbers and hyphens, like housing-repairs",
        },
    )
    subdivision = forms.ChoiceField(
        label="Whose bank holidays apply",
        choices=Subdivision.choices,
        initial=Subdivision.ENGLAND,
        error_messages={
            "required": "Select whose bank holidays apply",
            "invalid_choice": "Select whose bank holidays apply",
        },
    )
    service_area = forms.ModelChoiceField(
        label="Service area",
        queryset=ServiceArea.objects.none(),
        error_messages={"required": "Select the service area", "invalid_choice": "Select the service area"},
    )

    def __init__(self, *args, area_ids: set[int] | None, editing: Calendar | None = None, **kwargs):
        if editing is not None:
            self.submit_label = "Save calendar"
        super().__init__(*args, **kwargs)
        areas = ServiceArea.objects.order_by("name")
        field = self.fields["service_area"]
        if editing is not None and editing.is_council:
            # The council calendar is council-wide: it belongs to no service area.
            del self.fields["service_area"]
            self.helper.layout = self.layout()
            return
        if area_ids is None:
            # Administrators: a calendar may also belong to no area, for teams of several.
            field.queryset, field.required, field.empty_label = areas, False, "No service area"
            field.label = "Service area (optional)"
        else:
            field.queryset, field.empty_label = areas.filter(pk__in=area_ids), None

    def layout(self) -> Layout:
        return Layout(
            Field.text("name"),
            Field.text("slug", field_width=20),
            Field.radios("subdivision"),
            *([GovukSelect("service_area")] if "service_area" in self.fields else []),
            Button.primary("save", self.submit_label),
        )


class HoursForm(StandardsForm):
    """Seven weekdays, each with up to two working periods; a day left empty is closed."""

    submit_label = "Save working hours"

    def __init__(self, *args, hours: dict[int, list[tuple[dt.time, dt.time]]] | None = None, **kwargs):
        initial = kwargs.setdefault("initial", {})
        for weekday, periods in (hours or {}).items():
            for period, (opens, closes) in zip(PERIODS, periods, strict=False):
                initial[hours_field_name(weekday, period, "opens")] = opens
                initial[hours_field_name(weekday, period, "closes")] = closes
        forms.Form.__init__(self, *args, **kwargs)
        for day in Weekday:
            name = day.label
            for period in PERIODS:
                again = "" if period == 1 else " after a break"
                self.fields[hours_field_name(day, period, "opens")] = TimeField(
                    what=f"the time {name} opens{again}",
                    label="Opens" if period == 1 else "Opens again",
                    help_text="",
                )
                self.fields[hours_field_name(day, period, "closes")] = TimeField(
                    what=f"the time {name} closes{again}",
                    label="Closes" if period == 1 else "Closes again",
                    help_text="",
                )
        self.helper = _helper(self.layout())

    def layout(self) -> Layout:
        days = []
        for day in Weekday:
            items = [
                Div(Field.text(hours_field_name(day, period, end)), css_class="govuk-date-input__item")
                for period in PERIODS
                for end in ("opens", "closes")
            ]
            days.append(Fieldset(Div(*items, css_class="govuk-date-input"), legend=day.label, legend_size=Size.SMALL))
        return Layout(*days, Button.primary("save", self.submit_label))

    def clean(self):
        # Converting the boxes into periods: a period needs both its times (which times make
        # sense together is the service's rule).
        data = super().clean()
        for day in Weekday:
            for period in PERIODS:
                opens_name, closes_name = (hours_field_name(day, period, end) for end in ("opens", "closes"))
                if opens_name in self.errors or closes_name in self.errors:
                    continue
                opens, closes = data.get(opens_name), data.get(closes_name)
                if opens is not None and closes is None:
                    self.add_error(closes_name, self.fields[closes_name].error_messages["required"])
                elif closes is not None and opens is None:
                    self.add_error(opens_name, self.fields[opens_name].error_messages["required"])
        return data

    def hours(self) -> dict[int, list[tuple[dt.time, dt.time]]]:
        result: dict[int, list[tuple[dt.time, dt.time]]] = {}
        for day in Weekday:
            periods = []
            for period in PERIODS:
                opens = self.cleaned_data.get(hours_field_name(day, period, "opens"))
                closes = self.cleaned_data.get(hours_field_name(day, period, "closes"))
                if opens is not None and closes is not None:
                    periods.append((opens, closes))
            result[int(day)] = periods
        return result


class TeamsForm(StandardsForm):
    """Which teams work to this calendar rather than the council's."""

    submit_label = "Save teams"

    teams = forms.ModelMultipleChoiceField(
        label="Teams that work to this calendar",
        required=False,
        queryset=Team.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="A team can work to one calendar only. Teams not ticked here work to the council's calendar "
        "unless another calendar has them.",
        error_messages={
            "invalid_choice": "Select teams from the list",
            "invalid_pk_value": "Select teams from the list",
        },
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teams"].queryset = queryset
        self.fields["teams"].label_from_instance = lambda team: team.name

    def layout(self) -> Layout:
        return Layout(Field.checkboxes("teams", legend_size=Size.MEDIUM), Button.primary("save", self.submit_label))


class ClosureForm(StandardsForm):
    """A closure as people describe it: whole days (first and last day), part of a day (a day
    and two times), or from a time on one day to a time on another."""

    submit_label = "Add closure"

    reason = forms.CharField(
        label="Reason",
        max_length=120,
        help_text="Shown to the public, like “Christmas closure”",
        error_messages={
            "required": "Enter the reason for the closure",
            "max_length": "Reason must be 120 characters or fewer",
        },
    )
    first_day = DateField(
        what="the first day of the closure", label="First day closed", help_text="For example, 24 12 2027"
    )
    last_day = DateField(
        what="the last day of the closure",
        label="Last day closed (optional)",
        required=False,
        help_text="Leave empty for a closure of one day or part of a day",
    )
    closes_at = TimeField(
        what="the time the closure starts",
        label="Closed from (optional)",
        help_text="Leave empty to close from the start of the first day. For example, midday",
    )
    opens_at = TimeField(
        what="the time the closure ends",
        label="Open again at (optional)",
        help_text="Leave empty to close until the end of the last day. For example, 2pm",
    )

    def layout(self) -> Layout:
        return Layout(
            Field.text("reason"),
            Fieldset(GovukDate("first_day"), GovukDate("last_day"), legend="Days", legend_size=Size.MEDIUM),
            Fieldset(
                HTML('<p class="govuk-body">For part of a day only. Leave both empty to close whole days.</p>'),
                Field.text("closes_at"),
                Field.text("opens_at"),
                legend="Times",
                legend_size=Size.MEDIUM,
            ),
            Button.primary("save", self.submit_label),
        )

    def service_error_fields(self) -> dict[str, str]:
        """The service names the closure's start and end; the form asks for days and times."""
        data = self.cleaned_data
        return {
            "starts_at": "first_day",  # an overlap is about the days
            "ends_at": "opens_at" if data.get("opens_at") else ("last_day" if data.get("last_day") else "first_day"),
        }

    def service_fields(self) -> dict:
        data = self.cleaned_data
        first, last = data["first_day"], data.get("last_day") or data["first_day"]
        starts_at = local_datetime(first, data.get("closes_at") or dt.time())
        if data.get("opens_at") is not None:
            ends_at = local_datetime(last, data["opens_at"])
        else:
            ends_at = local_datetime(last + dt.timedelta(days=1), dt.time())  # the end of the last day
        return {"starts_at": starts_at, "ends_at": ends_at, "reason": data["reason"]}


# --- Standards and targets -----------------------------------------------------------------------

_WHOLE_NUMBER = "must be a whole number, like 5"


def _within_field(label: str, what: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=1,
        max_value=32767,
        widget=forms.TextInput(
            attrs={"class": "govuk-input govuk-input--width-3", "inputmode": "numeric", "spellcheck": "false"}
        ),
        error_messages={
            "invalid": f"{what} {_WHOLE_NUMBER}",
            "min_value": f"{what} must be 1 or more",
            "max_value": f"{what} must be 32767 or less",
        },
    )


DIMENSIONS = ("channel", "case_type", "priority", "service_area")


class StandardForm(StandardsForm):
    """A response standard: what it applies to, the times, and the public wording.

    For a standard already in force the dimensions are fixed (the service makes a successor
    with the same ones) and the form asks from which date the change applies."""

    channel = optional_choice_field("Channel", Channel.choices, what="channel")
    case_type = optional_choice_field("Type", CaseType.choices, what="type")
    priority = optional_choice_field("Priority", Priority.choices, what="priority")
    service_area = forms.ModelChoiceField(
        label="Service area",
        queryset=ServiceArea.objects.none(),
        error_messages={"required": "Select the service area", "invalid_choice": "Select the service area"},
    )
    acknowledge_within = _within_field("Acknowledge within (optional)", "The time to acknowledge")
    acknowledge_unit = forms.ChoiceField(
        label="Acknowledge within",
        choices=TimeUnit.choices,
        initial=TimeUnit.WORKING_DAYS,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select working days or working hours",
            "invalid_choice": "Select working days or working hours",
        },
    )
    respond_within = _within_field("Respond within (optional)", "The time to respond")
    respond_unit = forms.ChoiceField(
        label="Respond within",
        choices=TimeUnit.choices,
        initial=TimeUnit.WORKING_DAYS,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select working days or working hours",
            "invalid_choice": "Select working days or working hours",
        },
    )
    respond_from = forms.ChoiceField(
        label="The time to respond counts from",
        choices=RespondFrom.choices,
        initial=RespondFrom.RECEIPT,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select when the time to respond counts from",
            "invalid_choice": "Select when the time to respond counts from",
        },
    )
    extension_max_days = _within_field("Longest extension, in working days (optional)", "The longest extension")
    effective_from = DateField(
        what="the date the standard applies from",
        label="Applies from",
        help_text="Cases received from this day take this standard. For example, 1 4 2027",
    )
    public_wording = forms.CharField(
        label="What the public page says",
        max_length=300,
        help_text="Plain English, like “We will reply to your email within 5 working days”",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": "Enter what the public page says",
            "max_length": "What the public page says must be 300 characters or fewer",
        },
    )

    def __init__(
        self, *args, area_ids: set[int] | None, standard: ResponseStandard | None = None, in_force=False, **kwargs
    ):
        if standard is not None:
            initial = kwargs.setdefault("initial", {})
            for name in self.base_fields:
                initial.setdefault(name, getattr(standard, name))
            if in_force:
                initial["effective_from"] = None  # a new date is asked for
        self.in_force = in_force
        super().__init__(*args, **kwargs)
        self.fields["extension_max_days"].help_text = "For complaints: one extension of at most this many working days"
        areas = ServiceArea.objects.order_by("name")
        field = self.fields["service_area"]
        if area_ids is None:
            field.queryset, field.required, field.empty_label = areas, False, "Every service area"
            field.label = "Service area (optional)"
        else:
            # A service manager's standards are for their own areas; council-wide ones are
            # the administrators'.
            field.queryset, field.empty_label = areas.filter(pk__in=area_ids), None
        if in_force:
            for name in DIMENSIONS:
                del self.fields[name]
            self.fields["effective_from"].label = "From which date does the change apply?"
            self.fields["effective_from"].help_text = (
                "Cases already received keep the standard they were given. The date must be after today. "
                "For example, 1 4 2027"
            )
            self.helper.layout = self.layout()

    def layout(self) -> Layout:
        dimensions = [GovukSelect(name) for name in DIMENSIONS if name in self.fields]
        parts = []
        if dimensions:
            parts.append(
                Fieldset(
                    HTML(
                        '<p class="govuk-body">Leave a choice as “any” for the standard to apply to all of them. '
                        "The most specific standard applies.</p>"
                    ),
                    *dimensions,
                    legend="What it applies to",
                    legend_size=Size.MEDIUM,
                )
            )
        parts += [
            Fieldset(
                HTML('<p class="govuk-body">Give a time to acknowledge, a time to respond, or both.</p>'),
                Field.text("acknowledge_within"),
                Field.radios("acknowledge_unit", inline=True, legend_size=Size.SMALL),
                Field.text("respond_within"),
                Field.radios("respond_unit", inline=True, legend_size=Size.SMALL),
                Field.radios("respond_from", legend_size=Size.SMALL),
                Field.text("extension_max_days"),
                legend="Times",
                legend_size=Size.MEDIUM,
            ),
            GovukDate("effective_from"),
            Field.textarea("public_wording"),
            Button.primary("save", "Save standard"),
        ]
        return Layout(*parts)


class ChannelCostForm(StandardsForm):
    """What one contact on a channel costs, in pounds and pence, and the figure's source."""

    cost = forms.DecimalField(
        label="Cost of one contact, in pounds (optional)",
        required=False,
        max_digits=7,
        decimal_places=2,
        widget=forms.TextInput(
            attrs={"class": "govuk-input govuk-input--width-5", "inputmode": "decimal", "spellcheck": "false"}
        ),
        help_text="For example, 3.39. Leave empty if the channel is not costed",
        error_messages={
            "invalid": "The cost must be an amount in pounds, like 3.39",
            "max_digits": "Enter a cost from £0 to £1,000",
            "max_whole_digits": "Enter a cost from £0 to £1,000",
            "max_decimal_places": "The cost can have at most 2 decimal places (pence)",
        },
    )
    source = forms.CharField(
        label="Where the figure comes from",
        required=False,
        max_length=300,
        help_text="For example, the council's own costing of 2026 to 2027, or a published study",
        error_messages={"max_length": "Where the figure comes from must be 300 characters or fewer"},
    )

    def __init__(self, *args, cost: ChannelCost, **kwargs):
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("cost", cost.cost)
        initial.setdefault("source", cost.source)
        super().__init__(*args, **kwargs)

    def layout(self) -> Layout:
        return Layout(Field.text("cost"), Field.text("source"), Button.primary("save", self.submit_label))

    def clean_source(self):
        return self.cleaned_data["source"].strip()


class TargetForm(StandardsForm):
    metric = forms.ChoiceField(
        label="Measure",
        choices=[("", "Select the measure"), *Target.Metric.choices],
        error_messages={"required": "Select the measure", "invalid_choice": "Select the measure"},
    )
    percent = forms.DecimalField(
        label="Target, as a percentage",
        max_digits=5,
        decimal_places=2,
        widget=forms.TextInput(
            attrs={"class": "govuk-input govuk-input--width-5", "inputmode": "decimal", "spellcheck": "false"}
        ),
        help_text="For example, 45 or 62.5",
        error_messages={
            "required": "Enter the target as a percentage",
            "invalid": "The target must be a number, like 45 or 62.5",
            "max_digits": "The target must be 100 or less",
            "max_decimal_places": "The target can have at most 2 decimal places",
            "max_whole_digits": "The target must be 100 or less",
        },
    )
    effective_from = DateField(what="the date the target starts", label="Starts", help_text="For example, 1 4 2027")
    effective_until = DateField(
        what="the date the target ends",
        label="Ends (optional)",
        required=False,
        help_text="The first day it no longer applies. Leave empty if it has no end",
    )

    def __init__(self, *args, target: Target | None = None, **kwargs):
        if target is not None:
            initial = kwargs.setdefault("initial", {})
            for name in self.base_fields:
                initial.setdefault(name, getattr(target, name))
        super().__init__(*args, **kwargs)

    def layout(self) -> Layout:
        return Layout(
            GovukSelect("metric"),
            Field.text("percent"),
            GovukDate("effective_from"),
            GovukDate("effective_until"),
            Button.primary("save", "Save target"),
        )


# --- Chasing rules -------------------------------------------------------------------------------

NOBODY_ELSE = ""


def _whole_number(label: str, hint: str, what: str) -> forms.IntegerField:
    # The ranges are the model's rule (ChasePolicy.clean), with its messages; the form converts.
    return forms.IntegerField(
        label=label,
        help_text=hint,
        widget=forms.TextInput(
            attrs={"class": "govuk-input govuk-input--width-3", "inputmode": "numeric", "spellcheck": "false"}
        ),
        error_messages={"required": f"Enter {what}", "invalid": f"Enter {what} as a whole number, like 4"},
    )


class ChasePolicyForm(StandardsForm):
    """A service area's (or the council's) chasing rules. The ladder is three selects, the later
    two optional, converted to the list the model keeps."""

    warn_lead_hours = _whole_number(
        "Warn the owner this many working hours before a case is due",
        "Working hours on the team's calendar. For example, 4",
        "how many working hours before a due time to warn",
    )
    ladder_1 = forms.ChoiceField(
        label="When a case is late, first tell",
        choices=LadderRung.choices,
        error_messages={"required": "Choose who is told first", "invalid_choice": "Choose who is told first"},
    )
    ladder_2 = forms.ChoiceField(
        label="Then tell",
        required=False,
        choices=[(NOBODY_ELSE, "Nobody else"), *LadderRung.choices],
        error_messages={"invalid_choice": "Choose who is told next, or nobody else"},
    )
    ladder_3 = forms.ChoiceField(
        label="Then tell",
        required=False,
        choices=[(NOBODY_ELSE, "Nobody else"), *LadderRung.choices],
        error_messages={"invalid_choice": "Choose who is told last, or nobody else"},
    )
    escalate_every_hours = _whole_number(
        "Working hours between one step and the next",
        "For example, 8 for about a working day",
        "the working hours between steps",
    )
    update_after_days = _whole_number(
        "A holding update gives a new expected date this many working days ahead",
        "Sent to the resident when the date they were given arrives and the case is not resolved",
        "how many working days ahead the new expected date is",
    )
    remind_after_days = _whole_number(
        "Remind a resident we are waiting for after this many working days",
        "Counted from when the case started waiting for them",
        "how many working days before a reminder",
    )
    away_handback_hours = _whole_number(
        "Return an absent owner's urgent cases to the team queue after this many working hours",
        "Counted from the start of the owner's absence in the phone guide",
        "how many working hours of absence before cases go back",
    )
    handback_priority = forms.ChoiceField(
        label="Which cases go back",
        choices=ChasePolicy._meta.get_field("handback_priority").choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose which cases go back", "invalid_choice": "Choose which cases go back"},
    )

    submit_label = "Save the chasing rules"

    def __init__(self, *args, policy: ChasePolicy | None = None, submit_label: str | None = None, **kwargs):
        if policy is not None:
            initial = kwargs.setdefault("initial", {})
            for name in POLICY_FIELDS:
                if name != "ladder":
                    initial.setdefault(name, getattr(policy, name))
            for position, rung in enumerate(policy.ladder[:3], start=1):
                initial.setdefault(f"ladder_{position}", rung)
        if submit_label:
            self.submit_label = submit_label
        super().__init__(*args, **kwargs)

    def layout(self) -> Layout:
        return Layout(
            Field.text("warn_lead_hours"),
            Fieldset(
                GovukSelect("ladder_1"),
                GovukSelect("ladder_2"),
                GovukSelect("ladder_3"),
                Field.text("escalate_every_hours"),
                legend="The escalation ladder",
                legend_size=Size.MEDIUM,
            ),
            Field.text("update_after_days"),
            Field.text("remind_after_days"),
            Field.text("away_handback_hours"),
            Field.radios("handback_priority", legend_size=Size.SMALL),
            Button.primary("save", self.submit_label),
        )

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["ladder"] = [rung for rung in (data.pop(f"ladder_{i}") for i in (1, 2, 3)) if rung != NOBODY_ELSE]
        return data


POLICY_FIELDS = [
    "warn_lead_hours", "ladder", "escalate_every_hours", "update_after_days", "remind_after_days",
    "away_handback_hours", "handback_priority",
]  # fmt: skip
# The model's ladder error belongs on the first select.
POLICY_ERROR_FIELDS = {"ladder": "ladder_1"}
