"""GOV.UK forms for a resident's online form: one question a page (its field by the question's
Open311 datatype), where (the GOV.UK address pattern) and about you.

Forms only clean and convert: a question's answer is stored in the draft as a plain value (a
string, a list of value keys, an ISO date or date and time) and shown in words by `answer_text`;
the rules of a request (required answers, stop answers, who to reply to) are the service's.
crispy-forms-gds prints labels, legends and hints unescaped, so the managers' words are escaped
here."""

import calendar
import datetime as dt
import re
import uuid
from collections.abc import Callable
from typing import Any

from crispy_forms_gds.layout import HTML, Button, Div, Field, Fieldset, Fluid, Layout, Size
from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.text import capfirst, slugify

from cases.forms import GroupedChoiceField
from cases.models import CustomerType, postcode_normalise, reference_clean
from cases.selectors import find_query_clean
from core.dates import govuk_time
from core.forms import (
    DateTimeInputField,
    DateTimeInputWidget,
    GovukDate,
    GovukFormMixin,
    GovukSelect,
    LayoutForm,
    Select,
    date_range_check,
    optional_choice_field,
    optional_pk_field,
    row_choices,
    time_parse,
)
from directory.forms import EMAIL_INVALID
from directory.phones import PHONE_MESSAGE, phone_normalise
from directory.selectors import search_query_clean
from standards.forms import date_range, local_midnight
from standards.models import CaseType, Channel, Priority

from .models import (
    FORM_CASE_TYPES,
    LOGGED_CHANNELS,
    Datatype,
    Outcome,
    Question,
    QuestionValue,
    RequestType,
    SurveyAnswer,
)
from .selectors import NO_DISTRICT, SURVEY_ANSWERS, VISIT_STATES, ContactFilters, SurveyListFilters, VisitListFilters

ANSWER = "answer"
STRING_MAX = 200
TEXT_MAX = 2000
NUMBER_MAX = 100_000
# The honeypot: a field people never see or reach, which form-filling robots fill in.
HONEYPOT = "website"


def _unlimited(field: forms.Field) -> forms.Field:
    # No maxlength attribute: a browser would cut a pasted answer short without saying so, and
    # GOV.UK's character count counts past the limit. The length is checked here instead.
    field.widget.attrs.pop("maxlength", None)
    return field


def _text(label: str, *, max_length: int, what: str, required: bool, **kwargs) -> forms.CharField:
    messages = {
        "max_length": f"{what} must be {max_length:,} characters or fewer",
        # Django's own words ("Null characters are not allowed") name nothing the person typed.
        "null_characters_not_allowed": f"{what} must not contain control characters",
        **kwargs.pop("error_messages", {}),
    }
    return _unlimited(
        forms.CharField(label=label, max_length=max_length, required=required, error_messages=messages, **kwargs)
    )


# --- Residents: the start page and the forms (journey) --------------------------------------------


def page_heading(caption: str, text: str) -> str:
    """A step's <h1> words, escaped: the form's name as the GOV.UK caption, then the question."""
    if not caption:
        return escape(text)
    return format_html('<span class="govuk-caption-l">{}</span> {}', caption, text)


# --- A question a page ----------------------------------------------------------------------------


class _OptionalTimeWidget(DateTimeInputWidget):
    """The GOV.UK date input and a time box that may be left empty."""

    def decompress(self, value):
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return [value.day, value.month, value.year, ""]
        return super().decompress(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["subwidgets"][3]["label"] = "Time (optional)"
        return context


class DateOptionalTimeField(DateTimeInputField):
    """A date, and a time if the resident knows it (many do not know when rubbish was dumped):
    a date, or an aware datetime."""

    widget = _OptionalTimeWidget

    def clean(self, value):
        parts = [str(part or "").strip() for part in (list(value or []) + [None] * 4)[:4]]
        if any(parts[:3]) and not parts[3]:
            # The date is checked as the date and time field checks it, at a time of no account.
            return super().clean([*parts[:3], "midday"]).date()
        return super().clean(value)


def _value_choices(question: Question) -> list[tuple[str, str]]:
    return [(value.key, value.name) for value in question.values.all()]


class QuestionForm(LayoutForm):
    """One question of a request type, as the GOV.UK question page: the question is the page's
    <h1> (the label, or the legend of a group of radios, checkboxes or date boxes) and its
    datatype_description the hint."""

    def __init__(self, *args, question: Question, caption: str = "", **kwargs):
        self.question = question
        self.caption = caption
        super().__init__(*args, **kwargs)
        self.fields[ANSWER] = self._field()

    def _field(self) -> forms.Field:
        question = self.question
        common = {
            "label": page_heading(self.caption, question.description),
            "help_text": escape(question.datatype_description),
            "required": question.required,
        }
        asked = f"“{question.description}”"
        if question.datatype == Datatype.STRING:
            return _text(
                max_length=STRING_MAX,
                what="Your answer",
                error_messages={"required": f"Enter your answer to {asked}"},
                **common,
            )
        if question.datatype == Datatype.TEXT:
            return _text(
                max_length=TEXT_MAX,
                what="Your answer",
                # crispy-forms-gds adds the character count's message to aria-describedby only
                # when the attribute is already there (it fails without a hint otherwise).
                widget=forms.Textarea(attrs={"rows": 5, "aria-describedby": ""}),
                error_messages={"required": f"Enter your answer to {asked}"},
                **common,
            )
        if question.datatype == Datatype.NUMBER:
            # A text box (GOV.UK advises against type=number), with the number keypad on phones.
            return forms.IntegerField(
                min_value=0,
                max_value=NUMBER_MAX,
                widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
                error_messages={
                    "required": f"Enter your answer to {asked}",
                    "invalid": "Your answer must be a whole number, like 3",
                    "min_value": f"Your answer must be a number from 0 to {NUMBER_MAX:,}",
                    "max_value": f"Your answer must be a number from 0 to {NUMBER_MAX:,}",
                },
                **common,
            )
        if question.datatype == Datatype.DATETIME:
            return DateOptionalTimeField(
                what="the date",
                time_what="the time",
                **{
                    **common,
                    "help_text": common["help_text"] or "For example, 27 3 2026",
                },
            )
        if question.datatype == Datatype.SINGLE:
            return forms.ChoiceField(
                choices=_value_choices(question),
                widget=forms.RadioSelect,
                error_messages={
                    "required": f"Select your answer to {asked}",
                    "invalid_choice": f"Select your answer to {asked}",
                },
                **common,
            )
        return forms.MultipleChoiceField(
            choices=_value_choices(question),
            widget=forms.CheckboxSelectMultiple,
            error_messages={
                "required": f"Select at least one answer to {asked}",
                "invalid_choice": f"Select your answers to {asked}",
                "invalid_list": f"Select your answers to {asked}",
            },
            **common,
        )

    def layout(self) -> Layout:
        datatype = self.question.datatype
        if datatype == Datatype.SINGLE:
            field = Field.radios(ANSWER, legend_size=Size.LARGE, legend_tag="h1")
        elif datatype == Datatype.MULTI:
            field = Field.checkboxes(ANSWER, legend_size=Size.LARGE, legend_tag="h1")
        elif datatype == Datatype.DATETIME:
            field = Field(ANSWER, context={"legend_size": Size.for_legend(Size.LARGE), "legend_tag": "h1"})
        elif datatype == Datatype.TEXT:
            field = Field.textarea(ANSWER, label_size=Size.LARGE, label_tag="h1", rows=5, max_characters=TEXT_MAX)
        elif datatype == Datatype.NUMBER:
            field = Field.text(ANSWER, label_size=Size.LARGE, label_tag="h1", field_width=5)
        else:
            field = Field.text(ANSWER, label_size=Size.LARGE, label_tag="h1")
        return Layout(field)

    def stored(self) -> Any:
        """The cleaned answer as the draft keeps it (JSON): "" or [] for no answer."""
        value = self.cleaned_data[ANSWER]
        if value is None:
            return ""
        if isinstance(value, dt.datetime):
            return timezone.localtime(value).replace(tzinfo=None).isoformat(timespec="minutes")
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, int):
            return str(value)
        return value


def question_initial(question: Question, stored: Any) -> dict:
    """The form's initial data from an answer the draft kept."""
    if stored in ("", None, []):
        return {}
    if question.datatype == Datatype.DATETIME:
        try:
            value = dt.datetime.fromisoformat(stored) if "T" in stored else dt.date.fromisoformat(stored)
        except (TypeError, ValueError):
            return {}
        return {ANSWER: timezone.make_aware(value) if isinstance(value, dt.datetime) else value}
    return {ANSWER: stored}


def answer_text(question: Question, stored: Any) -> str:
    """An answer the draft kept, in words: value names for a list, "2pm on 27 March 2026"."""
    if stored in ("", None, []):
        return ""
    if question.is_list:
        names = dict(_value_choices(question))
        keys = stored if isinstance(stored, list) else [stored]
        return ", ".join(names.get(key, key) for key in keys)
    if question.datatype == Datatype.DATETIME:
        value = dt.datetime.fromisoformat(stored)
        day = f"{value.day} {value:%B %Y}"
        return f"{govuk_time(value)} on {day}" if "T" in stored else day
    return str(stored)


def stopping_value(question: Question, stored: Any):
    """The first chosen value of a list question that stops the form, or None."""
    keys = stored if isinstance(stored, list) else [stored]
    return next((value for value in question.values.all() if value.stops and value.key in keys), None)


# --- Where: the GOV.UK address pattern ------------------------------------------------------------

ADDRESS_LINE_MAX = 100
TOWN_MAX = 60


class LocationForm(LayoutForm):
    """Where: address lines, town and postcode, with the browser's address autofill."""

    line1 = _text(
        "Address line 1",
        max_length=ADDRESS_LINE_MAX,
        what="Address line 1",
        required=True,
        error_messages={"required": "Enter address line 1, typically the building and street"},
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    line2 = _text(
        "Address line 2 (optional)",
        max_length=ADDRESS_LINE_MAX,
        what="Address line 2",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-line2"}),
    )
    town = _text(
        "Town or city",
        max_length=TOWN_MAX,
        what="Town or city",
        required=True,
        error_messages={"required": "Enter town or city"},
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    postcode = _text(
        "Postcode",
        max_length=10,
        what="Postcode",
        required=True,
        error_messages={"required": "Enter postcode", "max_length": "Enter a real postcode, like SW1A 1AA"},
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "spellcheck": "false"}),
    )

    def __init__(self, *args, legend: str, caption: str = "", **kwargs):
        # The request type's location question ("Where should we collect the items from?").
        self.legend = legend
        self.caption = caption
        super().__init__(*args, **kwargs)

    def clean_postcode(self) -> str:
        return postcode_normalise(self.cleaned_data["postcode"])

    def layout(self) -> Layout:
        return Layout(
            Fieldset(
                Field.text("line1"),
                Field.text("line2"),
                Field.text("town", field_width=Fluid.TWO_THIRDS),
                Field.text("postcode", field_width=10),
                legend=page_heading(self.caption, self.legend),
                legend_size=Size.LARGE,
                legend_tag="h1",
            )
        )


def location_for_service(location: dict) -> dict:
    """The draft's address (the GOV.UK pattern's lines) as the service takes it."""
    lines = [location.get(name, "") for name in ("line1", "line2", "town")]
    return {"address": ", ".join(line for line in lines if line), "postcode": location.get("postcode", "")}


# --- About you -----------------------------------------------------------------------------------


class DetailsForm(LayoutForm):
    """The resident's name, and an email address or phone number to reply to; and the honeypot."""

    heading = "Your details"

    name = _text(
        "Full name",
        max_length=200,
        what="Full name",
        required=True,
        error_messages={"required": "Enter your full name"},
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )
    email = forms.EmailField(
        label="Email address",
        required=False,
        max_length=254,
        help_text="We will send a confirmation to this address and reply to it.",
        error_messages={
            "invalid": EMAIL_INVALID,
            "max_length": "Email address must be 254 characters or fewer",
            "null_characters_not_allowed": "Email address must not contain control characters",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = _text(
        "UK phone number",
        max_length=30,
        what="Phone number",
        required=False,
        help_text="For example, 01632 960 001 or 07700 900 982.",
        error_messages={"max_length": PHONE_MESSAGE},
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    website = forms.CharField(
        label="Leave this empty",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, caption: str = "", **kwargs):
        self.caption = caption
        super().__init__(*args, **kwargs)
        _unlimited(self.fields["email"])

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip()

    def clean_phone(self) -> str:
        return phone_normalise(self.cleaned_data["phone"])

    def clean(self):
        data = super().clean()
        if not self.errors and not (data.get("email") or data.get("phone")):
            self.add_error("email", "Enter an email address or a UK phone number, so we can reply to you")
        return data

    def details(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("name", "email", "phone")}

    def layout(self) -> Layout:
        return Layout(
            Fieldset(
                Field.text("name"),
                Field.text("email"),
                Field.text("phone", field_width=20),
                # Out of sight, out of the tab order and hidden from screen readers: only a robot
                # fills it in (see contacts.views).
                Div(Field.text(HONEYPOT), css_class="app-honeypot", aria_hidden="true"),
                legend=page_heading(self.caption, self.heading),
                legend_size=Size.LARGE,
                legend_tag="h1",
            )
        )


class SendForm(forms.Form):
    """The check answers page's "Send": the draft's key, so a re-post finds what it sent."""

    key = forms.UUIDField(widget=forms.HiddenInput)


def is_bot(data) -> bool:
    """Whether the honeypot was filled in."""
    return bool(str(data.get(HONEYPOT, "")).strip())


# --- Residents: files uploaded with a form --------------------------------------------------------


class FileForm(GovukFormMixin, forms.Form):
    """The files step's upload, one file at a time (files/ writes the GOV.UK markup). Only
    whether a file came is checked here: its content, size and how many the form has are
    cases.services.attachment_add's to check, an empty file included."""

    file = forms.FileField(
        label="Upload a file",
        allow_empty_file=True,
        error_messages={"required": "Select a file", "invalid": "Select a file"},
    )

    def __init__(self, *args, required: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].required = required
        # Only what the file picker offers first: the content decides.
        self.fields["file"].widget.attrs.update(
            {"class": "govuk-file-upload", "accept": ".jpg,.jpeg,.png,.webp,.gif,.pdf", "aria-describedby": "file-hint"}
        )

    def add_error(self, field, error) -> None:
        # The service's errors too (the view adds them) mark the input, as files.html shows them.
        super().add_error(field, error)
        if "file" in self.errors:
            self.fields["file"].widget.attrs.update(
                {"class": "govuk-file-upload govuk-file-upload--error", "aria-describedby": "file-hint file-error"}
            )


class RemoveFileForm(forms.Form):
    """A Remove button of the files step: which file."""

    remove = forms.IntegerField(min_value=1, max_value=2**63 - 1)


# --- Residents: tracking a case -------------------------------------------------------------------

_REFERENCE = re.compile(r"^[A-Z0-9]{4}-[A-Z0-9]{4}$")
# A UK postcode's shape once its spaces are taken out: whether it is real does not matter here.
_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$")
REFERENCE_INVALID = "Enter the reference as it is in our email, like KX7M-3QPD"
PROOF_INVALID = "Enter the email address or postcode you gave us, like name@example.com or WY3 1AB"


class TrackForm(LayoutForm):
    """The tracking page's reference and the email address or postcode given with it. Only their
    shapes are checked here, which tells a guesser nothing: whether they match a case is
    contacts.selectors.tracking_find's answer, the page's one refusal for every mismatch."""

    reference = _text(
        "Reference",
        max_length=20,
        what="Reference",
        required=True,
        help_text="This is in the email we sent you, like KX7M-3QPD",
        error_messages={"required": "Enter your reference", "max_length": REFERENCE_INVALID},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}),
    )
    proof = _text(
        "Email address or postcode",
        max_length=254,
        what="Email address or postcode",
        required=True,
        help_text="The email address or postcode you gave us when you contacted us",
        error_messages={"required": "Enter the email address or postcode you gave us", "max_length": PROOF_INVALID},
        widget=forms.TextInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )

    def layout(self) -> Layout:
        return Layout(
            Field.text("reference", field_width=10), Field.text("proof"), Button("submit", "Find your request")
        )

    def clean_reference(self) -> str:
        reference = reference_clean(self.cleaned_data["reference"])
        if not _REFERENCE.match(reference):
            raise ValidationError(REFERENCE_INVALID, code="invalid")
        return reference

    def clean_proof(self) -> str:
        proof = self.cleaned_data["proof"].strip()
        if "@" in proof:
            try:
                validate_email(proof)
            except ValidationError:
                raise ValidationError(PROOF_INVALID, code="invalid") from None
        elif not _POSTCODE.match("".join(proof.upper().split())):
            raise ValidationError(PROOF_INVALID, code="invalid")
        return proof


# --- Advisers: logging a contact -------------------------------------------------------------------
# The log screen's one form (templates/contacts/log/screen.html writes its markup: it is the screen
# advisers keep open all day, and its fields reveal one another). Fields that only matter for one
# outcome or for a new customer are checked only then, so what is typed into a hidden reveal never
# blocks a save; the rules of a contact are the model's and contacts.services.contact_log's.

ANONYMOUS, NEW_CUSTOMER = "anonymous", "new"
LOG_OUTCOMES = [(outcome.value, outcome.label) for outcome in Outcome if outcome != Outcome.RECORDED]
# A call raises what a web form would, but a comment: that is recorded as the contact itself.
LOG_CASE_TYPES = [(case_type.value, case_type.label) for case_type in FORM_CASE_TYPES if case_type != CaseType.COMMENT]
# How long after the screen opened a contact can say it started (a long call, a screen left open).
LOG_STARTED_MAX = dt.timedelta(hours=12)
_STARTED_SALT = "contacts.log.started"
_POSITIVE_ID = re.compile(r"^[1-9][0-9]{0,17}$")
REFERENCE_NOT_FOUND = "No case found with that reference"


def log_started_sign(at: dt.datetime) -> str:
    """The moment the screen opened, signed: the hidden `started` field carries it through every
    re-render of the screen, and a changed or stale one is not believed."""
    return signing.TimestampSigner(salt=_STARTED_SALT).sign(str(int(at.timestamp())))


def _started_read(value: str, now: dt.datetime) -> dt.datetime:
    # A missing, changed or expired value: the screen is taken to have opened now.
    try:
        seconds = int(signing.TimestampSigner(salt=_STARTED_SALT).unsign(value, max_age=LOG_STARTED_MAX))
    except (signing.BadSignature, ValueError):
        return now
    at = dt.datetime.fromtimestamp(seconds, tz=dt.UTC)
    return at if now - LOG_STARTED_MAX <= at <= now else now


def positive_id(value: str) -> int | None:
    return int(value) if _POSITIVE_ID.match(value or "") else None


def form_key_read(value: str) -> uuid.UUID:
    """A form's token against saving twice. It is ours, never the adviser's to fix: a missing or
    changed one is replaced, so the worst a bad one does is lose the protection."""
    try:
        return uuid.UUID(value)
    except ValueError:
        return uuid.uuid4()


class _HiddenField(forms.CharField):
    """One of the screen's own hidden values: never the adviser's to fix, so never an error (a
    control character is dropped; the form decides what a bad value means)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def to_python(self, value) -> str:
        return str(value or "").replace("\x00", "")


def _loose(label: str, *, what: str = "", **kwargs) -> forms.CharField:
    """A field of a reveal or of a new customer: only checked (in ContactLogForm.clean) when the
    outcome or the customer it belongs to is chosen; a control character is refused at once."""
    what = what or label.removesuffix(" (optional)")
    return forms.CharField(
        label=label,
        required=False,
        error_messages={"null_characters_not_allowed": f"{what} must not contain control characters"},
        **kwargs,
    )


class QueryField(forms.CharField):
    """A search box, cleaned as its search reads it (control characters dropped, cut to length):
    it never refuses what was typed, and the screen shows back what was searched for."""

    def __init__(self, *, clean: Callable[[str], str], **kwargs):
        self.query_clean = clean
        super().__init__(required=False, **kwargs)

    def to_python(self, value) -> str:
        return self.query_clean(str(value or ""))


def _when(text: str, *, on: dt.date) -> dt.datetime | None:
    time = time_parse(text)
    return None if time is None else timezone.make_aware(dt.datetime.combine(on, time))


class ContactLogForm(GovukFormMixin, forms.Form):
    """One contact an adviser logs: the fields in the order the screen shows them. Ids (customer,
    partner, officer, visit) are cleaned to whole numbers and a topic to a slug; the view fetches
    them through the access-checked selectors."""

    key = _HiddenField()
    started = _HiddenField()
    visit = _HiddenField()
    channel = forms.ChoiceField(
        label="How did they contact us?",
        choices=[(channel.value, channel.label) for channel in LOGGED_CHANNELS],
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the customer contacted us",
                        "invalid_choice": "Select how the customer contacted us"},
    )  # fmt: skip
    q = QueryField(clean=find_query_clean, label="Find a customer")
    customer = _loose("Customer", widget=forms.RadioSelect)
    new_name = _loose("Full name")
    new_email = _loose("Email address (optional)")
    new_phone = _loose("UK phone number (optional)")
    new_postcode = _loose("Postcode (optional)")
    dq = QueryField(clean=lambda raw: search_query_clean(raw).text, label="Search the directory")
    topic = _loose("Topic", widget=forms.RadioSelect)
    summary = _text(
        "Summary",
        max_length=200,
        what="Summary",
        required=True,
        help_text="What they contacted us about, in one line",
        error_messages={"required": "Enter a summary of the contact"},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )  # fmt: skip
    outcome = forms.ChoiceField(
        label="What happened?",
        choices=LOG_OUTCOMES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what happened: the outcome of the contact",
                        "invalid_choice": "Select what happened: the outcome of the contact"},
    )  # fmt: skip
    partner = _loose("Partner they were sent to")
    case_type = _loose("Type of case")
    priority = _loose("Priority", widget=forms.RadioSelect)
    description = _loose("Description", widget=forms.Textarea)
    reference = _loose("Case reference")
    chasing = forms.BooleanField(label="They were chasing progress", required=False)
    passed_to = _loose("Officer they were passed to")
    start_time = _loose("Started at", what="The time it started", help_text="For example, 14:30 or 2:30pm")
    end_time = _loose("Ended at (optional)", what="The time it ended", help_text="Leave empty for the time you save it")

    def __init__(self, *args, now: dt.datetime | None = None, **kwargs):
        self.now = now or timezone.now()
        super().__init__(*args, **kwargs)

    def clean_key(self) -> uuid.UUID:
        return form_key_read(self.cleaned_data["key"])

    def clean_started(self) -> dt.datetime:
        return _started_read(self.cleaned_data["started"], self.now)

    def clean_visit(self) -> int | None:
        return positive_id(self.cleaned_data["visit"])

    def clean_customer(self) -> str | int:
        value = self.cleaned_data["customer"]
        if value in ("", ANONYMOUS):
            return ANONYMOUS
        if value == NEW_CUSTOMER:
            return NEW_CUSTOMER
        pk = positive_id(value)
        if pk is None:
            raise ValidationError("Select a customer from the list, Anonymous caller or New customer")
        return pk

    def clean_topic(self) -> str:
        slug = self.cleaned_data["topic"].strip()
        if slug and not re.fullmatch(r"[-a-zA-Z0-9_]{1,120}", slug):
            raise ValidationError("Select a topic from the directory")
        return slug

    def _started_at(self) -> dt.datetime | None:
        text = self.cleaned_data.get("start_time", "")
        opened = self.cleaned_data.get("started") or self.now
        if not text.strip():
            return opened
        at = _when(text, on=timezone.localdate(opened))
        if at is None:
            self.add_error("start_time", "Enter the time it started as a time, like 14:30 or 2:30pm")
            return None
        if at > self.now:  # a time after now is yesterday's (a call taken before midnight)
            at -= dt.timedelta(days=1)
        if at < self.now - LOG_STARTED_MAX:
            self.add_error("start_time", "The time it started must be within the last 12 hours")
            return None
        return at

    def _ended_at(self, started_at: dt.datetime) -> dt.datetime | None:
        at = _when(self.cleaned_data.get("end_time", ""), on=timezone.localdate(started_at))
        if at is None:
            self.add_error("end_time", "Enter the time it ended as a time, like 14:30 or 2:30pm")
            return None
        if at < started_at and at + dt.timedelta(days=1) <= self.now:  # ended after midnight
            at += dt.timedelta(days=1)
        if at > self.now + dt.timedelta(minutes=1):
            self.add_error("end_time", "The time it ended must not be in the future")
            return None
        return at

    def _new_customer(self) -> dict | None:
        data = self.cleaned_data
        details = {"name": " ".join(data.get("new_name", "").split())}
        if not details["name"]:
            self.add_error("new_name", "Enter the customer\u2019s full name")
        elif len(details["name"]) > 200:
            self.add_error("new_name", "Full name must be 200 characters or fewer")
        checks = (
            ("email", "Email address", 254, lambda value: validate_email(value) or value, EMAIL_INVALID),
            ("phone", "Phone number", 30, phone_normalise, PHONE_MESSAGE),
            ("postcode", "Postcode", 10, postcode_normalise, "Enter a real postcode, like SW1A 1AA"),
        )
        for name, what, limit, normalise, message in checks:
            value = data.get(f"new_{name}", "").strip()
            if len(value) > limit:
                self.add_error(f"new_{name}", f"{what} must be {limit} characters or fewer")
                continue
            try:
                details[name] = normalise(value) if value else ""
            except ValidationError:
                self.add_error(f"new_{name}", message)
        return details

    def _new_case(self) -> dict:
        data = self.cleaned_data
        case_type = data.get("case_type", "")
        if case_type not in dict(LOG_CASE_TYPES):
            self.add_error("case_type", "Select the type of case")
        priority = data.get("priority") or Priority.NORMAL
        if priority not in Priority.values:
            self.add_error("priority", "Select the priority")
        description = data.get("description", "").strip()
        if not description:
            self.add_error("description", "Enter a description of the case")
        elif len(description) > 10000:
            self.add_error("description", "Description must be 10,000 characters or fewer")
        return {"case_type": case_type, "priority": priority, "description": description}

    def clean(self):
        data = super().clean()
        started_at = self._started_at()
        data["started_at"] = started_at
        data["ended_at"] = None
        if started_at is not None and data.get("end_time", "").strip():
            data["ended_at"] = self._ended_at(started_at)
        data["new_customer"] = self._new_customer() if data.get("customer") == NEW_CUSTOMER else None
        outcome = data.get("outcome")
        data["new_case"] = self._new_case() if outcome == Outcome.CASE_RAISED else None
        data["partner_id"] = positive_id(data.get("partner", "")) if outcome == Outcome.SIGNPOSTED else None
        data["passed_to_id"] = positive_id(data.get("passed_to", "")) if outcome == Outcome.PASSED_ON else None
        data["case_reference"] = ""
        if outcome == Outcome.EXISTING_CASE:
            data["case_reference"] = reference_clean(data.get("reference", ""))[:20]
            if not data["case_reference"]:
                # Punctuation alone is something typed: "Enter the case reference" would confuse.
                typed = bool(data.get("reference", "").strip())
                self.add_error("reference", REFERENCE_NOT_FOUND if typed else "Enter the case reference")
        return data


# --- Staff: the contacts list and a contact's page -------------------------------------------------


HOURS = [(str(hour), f"{hour:02d}:00 to {hour:02d}:59") for hour in range(24)]


class ContactFilterForm(LayoutForm):
    """The contacts list's filters, read from the query string. A value that is not one of the
    choices, a date that is not a real date or a range that ends before it starts is an error on
    its field, and the list is shown without that filter. No adviser filter for someone who sees
    only their own contacts (`advisers` empty)."""

    submit_label = "Filter contacts"

    adviser = forms.ChoiceField(
        label="Adviser",
        required=False,
        widget=Select,
        error_messages={"invalid_choice": "Select an adviser from the list"},
    )
    channel = optional_choice_field("Channel", Channel.choices, what="channel")
    outcome = optional_choice_field("Outcome", Outcome.choices, what="outcome")
    started_from, started_to = date_range()
    avoidable = forms.BooleanField(label="Only avoidable contacts (the customer was chasing progress)", required=False)
    team = optional_pk_field("Adviser's team", what="team")
    area = optional_pk_field("Service (of the topic)", what="service")
    partner = optional_pk_field("Signposted to", what="partner")
    logged = forms.BooleanField(label="Only contacts advisers logged (not online forms)", required=False)
    weekday = optional_choice_field(
        "Weekday it started", [(str(day), name) for day, name in enumerate(calendar.day_name, start=1)], what="weekday"
    )
    hour = optional_choice_field("Hour it started", HOURS, what="starting hour", blank="Any hour")
    district = forms.RegexField(
        regex=r"^(?:[A-Za-z]{1,2}[0-9][A-Za-z0-9]?|none)$",
        label="Customer's postcode district",
        help_text="The first half of a postcode, for example WY1 (or none: no postcode known)",
        required=False,
        max_length=4,
        strip=True,
        error_messages={
            "invalid": "Enter a postcode district, like WY1",
            "max_length": "Enter a postcode district, like WY1",
        },
    )

    def __init__(self, *args, advisers: list, choices: dict[str, list[tuple[int, str]]], **kwargs):
        super().__init__(*args, **kwargs)
        # Contacts with no team (taken by an adviser in none, or sent online) or about no service
        # can be listed too: the dashboard counts them in rows of their own.
        for name, blank, none in (("team", "Any team", "No team recorded"), ("area", "Any service",
                                  "No service recorded"), ("partner", "Any partner", "")):  # fmt: skip
            self.fields[name].choices = row_choices(blank, choices[name], none=none)  # type: ignore[attr-defined]
        if advisers:
            self.fields["adviser"].choices = [  # type: ignore[attr-defined]
                ("", "Any adviser"),
                *[(str(user.pk), user.get_full_name() or user.get_username()) for user in advisers],
            ]
        else:
            del self.fields["adviser"]

    def layout(self) -> Layout:
        return Layout(
            *([GovukSelect("adviser")] if "adviser" in self.fields else []),
            GovukSelect("channel"),
            GovukSelect("outcome"),
            GovukSelect("team"),
            GovukSelect("area"),
            GovukSelect("partner"),
            Field.text("district", field_width=5),
            GovukSelect("weekday"),
            GovukSelect("hour"),
            Fieldset(GovukDate("started_from"), GovukDate("started_to"), legend="Started", legend_size=Size.SMALL),
            Field.checkbox("avoidable", small=True),
            Field.checkbox("logged", small=True),
        )

    def clean(self):
        data = super().clean()
        date_range_check(self, data, "started_from", "started_to")
        return data

    def filters(self) -> ContactFilters:
        """The filters that were valid (call after is_valid()): the dates as the local midnights
        the first day starts and the last day ends."""
        data = self.cleaned_data
        district = data.get("district") or ""
        return ContactFilters(
            adviser_id=int(data["adviser"]) if data.get("adviser") else None,
            channel=data.get("channel", ""),
            outcome=data.get("outcome", ""),
            started_from=local_midnight(data.get("started_from")),
            started_before=local_midnight(data.get("started_to"), days=1),
            avoidable=bool(data.get("avoidable")),
            team_id=data.get("team"),
            area_id=data.get("area"),
            partner_id=data.get("partner"),
            logged=bool(data.get("logged")),
            district=NO_DISTRICT if district.lower() == NO_DISTRICT else district.upper(),
            weekday=int(data["weekday"]) if data.get("weekday") else None,
            hour=int(data["hour"]) if data.get("hour") else None,
        )


class VisitFilterForm(LayoutForm):
    """The reception visits list's filters, read from the query string: a value in error is shown
    on its field and the list is shown without it."""

    submit_label = "Filter visits"

    arrived_from, arrived_to = date_range()
    hour = optional_choice_field("Hour they arrived", HOURS, what="time of arrival", blank="Any hour")
    state = optional_choice_field(
        "Only visitors who were", list(VISIT_STATES.items()), what="kind of visitor", blank="Any"
    )

    def layout(self) -> Layout:
        return Layout(
            Fieldset(GovukDate("arrived_from"), GovukDate("arrived_to"), legend="Arrived", legend_size=Size.SMALL),
            GovukSelect("hour"),
            GovukSelect("state"),
        )

    def clean(self):
        data = super().clean()
        date_range_check(self, data, "arrived_from", "arrived_to")
        return data

    def filters(self) -> VisitListFilters:
        """The filters that were valid (call after is_valid())."""
        data = self.cleaned_data
        return VisitListFilters(
            arrived_from=local_midnight(data.get("arrived_from")),
            arrived_before=local_midnight(data.get("arrived_to"), days=1),
            hour=int(data["hour"]) if data.get("hour") else None,
            state=data.get("state", ""),
        )


class SurveyFilterForm(LayoutForm):
    """The survey list's filters, read from the query string, as the contacts list's are: a
    value in error is shown on its field and the list is shown without it."""

    submit_label = "Filter answers"

    sent_from, sent_to = date_range()
    answers = optional_choice_field(
        "Answers", list(SURVEY_ANSWERS.items()), what="kind of answer", blank="Any, or none"
    )
    customer_type = optional_choice_field("Customer type", CustomerType.choices, what="customer type")
    channel = optional_choice_field("Channel", Channel.choices, what="channel")
    area = optional_pk_field("Service", what="service")
    team = optional_pk_field("Team (of the case, or of the adviser)", what="team")

    def __init__(self, *args, choices: dict[str, list[tuple[int, str]]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = row_choices("Any team", choices["team"])  # type: ignore[attr-defined]
        self.fields["area"].choices = row_choices("Any service", choices["area"], none="No service recorded")  # type: ignore[attr-defined]

    def layout(self) -> Layout:
        return Layout(
            Fieldset(GovukDate("sent_from"), GovukDate("sent_to"), legend="Survey sent", legend_size=Size.SMALL),
            GovukSelect("answers"),
            GovukSelect("customer_type"),
            GovukSelect("channel"),
            GovukSelect("area"),
            GovukSelect("team"),
        )

    def clean(self):
        data = super().clean()
        date_range_check(self, data, "sent_from", "sent_to")
        return data

    def filters(self) -> SurveyListFilters:
        """The filters that were valid (call after is_valid())."""
        data = self.cleaned_data
        return SurveyListFilters(
            sent_from=local_midnight(data.get("sent_from")),
            sent_before=local_midnight(data.get("sent_to"), days=1),
            customer_type=data.get("customer_type", ""),
            channel=data.get("channel", ""),
            area_id=data.get("area"),
            team_id=data.get("team"),
            answers=data.get("answers", ""),
        )


# --- Residents: satisfaction surveys --------------------------------------------------------------

# From 1 to 5, as the answer stores it; the words are what the resident reads.
SATISFACTION_CHOICES = [
    ("1", "Very dissatisfied"),
    ("2", "Dissatisfied"),
    ("3", "Neither satisfied nor dissatisfied"),
    ("4", "Satisfied"),
    ("5", "Very satisfied"),
]
SATISFACTION_REQUIRED = "Select how satisfied you are"
RESOLVED_REQUIRED = "Select yes if your query was resolved"
COMMENT_MAX = SurveyAnswer._meta.get_field("comment").max_length


class SurveyForm(LayoutForm):
    """The satisfaction survey's three questions; `about` ends the first ("your request",
    "your phone call"). The rules of an answer (one per invitation, not after the link expires)
    are contacts.services.survey_answer's."""

    satisfaction = forms.TypedChoiceField(
        coerce=int,
        choices=SATISFACTION_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": SATISFACTION_REQUIRED, "invalid_choice": SATISFACTION_REQUIRED},
    )
    resolved = forms.TypedChoiceField(
        label="Was your query resolved?",
        coerce=lambda value: value == "yes",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        error_messages={"required": RESOLVED_REQUIRED, "invalid_choice": RESOLVED_REQUIRED},
    )
    comment = _text(
        "Is there anything else you would like to tell us? (optional)",
        max_length=COMMENT_MAX,
        what="Your comment",
        required=False,
        help_text="Do not include personal or financial information, like your bank details.",
        # crispy-forms-gds adds the character count's message to aria-describedby only when the
        # attribute is already there.
        widget=forms.Textarea(attrs={"rows": 5, "aria-describedby": ""}),
    )

    def __init__(self, *args, about: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["satisfaction"].label = f"How satisfied are you with how we dealt with {escape(about)}?"

    def layout(self) -> Layout:
        return Layout(
            Field.radios("satisfaction", legend_size=Size.MEDIUM),
            Field.radios("resolved", legend_size=Size.MEDIUM, inline=True),
            Field.textarea("comment", label_size=Size.MEDIUM, rows=5, max_characters=COMMENT_MAX),
            Button("submit", "Send"),
        )


# --- Reception: the waiting list -------------------------------------------------------------------


class CheckInForm(LayoutForm):
    """The floor-walker's check-in, on a tablet: the visitor's name (they may rather not say), why
    they have come in, and whether they need the specialist desk. The reason is required by
    contacts.services.visit_check_in, whose message the form shows."""

    name = _text("Name (optional)", max_length=200, what="The name", required=False,
                 help_text="Leave blank if they would rather not say",
                 # The visitor's name, not the floor-walker's: the browser must not fill it in.
                 widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}))  # fmt: skip
    reason = _text("Why have they come in?", max_length=200, what="The reason", required=False,
                   help_text="For example, council tax arrears or a housing repair")  # fmt: skip
    key = _HiddenField()
    needs_specialist = forms.BooleanField(
        label="Needs the specialist desk",
        required=False,
        help_text="For a visitor who is vulnerable, distressed or needs to talk in private: "
        "they are seen at the specialist desk, ahead of the general queue",
    )

    def layout(self) -> Layout:
        return Layout(
            Field.text("name"),
            Field.text("reason"),
            Field.checkbox("needs_specialist"),
            Field("key"),
            # A double click must not check the visitor in twice (GOV.UK Frontend's Button; the
            # key stops a resend too).
            Button.primary("check-in", "Check in", data_prevent_double_click="true"),
        )

    def clean_key(self) -> uuid.UUID:
        return form_key_read(self.cleaned_data["key"])

    def service_fields(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "key"}


# --- Managers: request types
# The managers' forms for the online request types, their questions and answers. The rules (a
# published form's lists need answers, reserved codes, a phone-only type's reason) are the
# models' and contacts.services'; these forms check lengths and shapes, and make a code from the
# words when a manager leaves it empty.


def _manage_text(label: str, *, max_length: int, what: str, required: bool = True, help_text: str = "", **kwargs):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        error_messages={
            "required": f"Enter {what}",
            "max_length": f"{capfirst(what)} must be {max_length:,} characters or fewer",
        },
        **kwargs,
    )


def _manage_code(form: forms.BaseForm, name: str, *, source: str, max_length: int, example: str) -> str:
    """The code typed (in lowercase), or one made from the words of `source` ("Asbestos sheets":
    asbestos-sheets), as a manager would have typed it. The model checks its shape."""
    code = (form.cleaned_data.get(name) or "").strip().lower()
    if code:
        return code
    words = str(form.data.get(source, ""))
    code = re.sub(r"[-_]+", "-", slugify(words))[:max_length].strip("-")
    if not code and words.strip():
        raise ValidationError(f"Enter the {'web address' if name == 'slug' else 'code'}, like {example}")
    return code


class _ManageForm(LayoutForm):
    submit_label = "Save"


MANAGE_CODE_HELP = (
    "Lowercase letters, numbers and hyphens, like bin-type. Leave it empty to make one from the words above."
)
FORM_ORDER_MAX = 10_000


class RequestTypeEditForm(_ManageForm):
    """A request type: what it is, which topic and case type, what else the form asks, and whether
    residents see it."""

    name = _manage_text("Name", max_length=120, what="the name of the form",
                 help_text="What the resident wants to do, like “Book a bulky waste collection”.")  # fmt: skip
    slug = forms.SlugField(
        label="Web address (optional)",
        max_length=80,
        required=False,
        help_text="The end of the form's web address, like bulky-waste for /contact/bulky-waste/. It is also the "
        "Open311 service code. Leave it empty to make one from the name.",
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
        error_messages={
            "invalid": "The web address must use only lowercase letters, numbers and hyphens, like bulky-waste",
            "max_length": "The web address must be 80 characters or fewer",
        },
    )
    group = forms.ChoiceField(
        label="Where it is listed on the “Contact us” page",
        choices=RequestType.Group.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select where the form is listed",
            "invalid_choice": "Select where the form is listed",
        },
    )
    description = _manage_text("Description (optional)", max_length=2000, what="the description", required=False,
                        help_text="What the form is for and what the resident needs, shown before they start.",
                        widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip
    case_type = forms.ChoiceField(
        label="What it raises",
        choices=[(value.value, value.label) for value in FORM_CASE_TYPES],
        widget=forms.RadioSelect,
        help_text="A comment is recorded and raises no case.",
        error_messages={"required": "Select what the form raises", "invalid_choice": "Select what the form raises"},
    )
    asks_location = forms.BooleanField(label="Ask where, on a page of its own", required=False)
    location_label = _manage_text("Location question", max_length=120, what="the location question", required=False,
                           help_text="Needed when the form asks where, like “Where is the problem?”.")  # fmt: skip
    takes_attachments = forms.BooleanField(label="Let residents add photos or documents", required=False)
    takes_online = forms.BooleanField(
        label="Residents can send this form online",
        required=False,
        help_text="Untick it for something residents must phone about: the “Contact us” page then lists it "
        "under “Phone us”, with the reason below.",
    )
    phone_reason = _manage_text("Why residents need to phone", max_length=300, what="why residents need to phone",
                         required=False, help_text="Needed when residents cannot send it online.")  # fmt: skip
    is_published = forms.BooleanField(
        label="Published", required=False, help_text="Residents see only published forms."
    )
    position = forms.IntegerField(
        label="Order in its group (optional)",
        required=False,
        min_value=0,
        max_value=FORM_ORDER_MAX,
        help_text="Lower numbers are listed first; forms with the same number are listed by name.",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-5", "inputmode": "numeric"}),
        error_messages={
            "invalid": "The order must be a whole number, like 10",
            "min_value": "The order must be 0 or more",
            "max_value": f"The order must be {FORM_ORDER_MAX:,} or less",
        },
    )

    def __init__(self, *args, topics, general: bool, request_type: RequestType | None = None, **kwargs):
        initial = kwargs.setdefault("initial", {})
        if request_type is None:
            initial.setdefault("takes_online", True)
        else:
            for name in REQUEST_TYPE_FORM_FIELDS:
                initial.setdefault(name, getattr(request_type, name))
            initial["topic"] = request_type.topic_id
        super().__init__(*args, **kwargs)
        # Managers of one area link each form to a topic of theirs; a form with no topic (a general
        # form, like a complaint) is for those who may edit those.
        self.fields["topic"] = GroupedChoiceField(
            label="Topic" if not general else "Topic (optional)",
            entries=topics,
            group=lambda topic: topic.service_area.name,
            empty_label="No topic: a general form" if general else "Select the topic",
            required=not general,
            help_text="The directory topic the form is about. Its case goes to that topic's service area.",
            error_messages={"required": "Select the topic", "invalid_choice": "Select a topic from the list"},
        )
        self.helper.layout = self.layout()

    def layout(self) -> Layout:
        return Layout(
            Field.text("name"),
            Field.text("slug", field_width=20),
            Field.radios("group", legend_size=Size.SMALL, small=True),
            Field.textarea("description", rows=4),
            *([GovukSelect("topic")] if "topic" in self.fields else []),
            Field.radios("case_type", legend_size=Size.SMALL, small=True),
            HTML('<h2 class="govuk-heading-m">What the form asks besides its questions</h2>'),
            Field.checkbox("asks_location", small=True),
            Field.text("location_label"),
            Field.checkbox("takes_attachments", small=True),
            HTML('<h2 class="govuk-heading-m">Who sees it</h2>'),
            Field.checkbox("takes_online", small=True),
            Field.text("phone_reason"),
            Field.checkbox("is_published", small=True),
            Field.text("position"),
            Button.primary("save", "Save form"),
        )

    def clean_slug(self) -> str:
        return _manage_code(self, "slug", source="name", max_length=80, example="bulky-waste")

    def service_fields(self) -> dict:
        fields = {name: self.cleaned_data[name] for name in REQUEST_TYPE_FORM_FIELDS}
        fields["topic"] = self.cleaned_data["topic"]
        fields["position"] = self.cleaned_data["position"] or 0
        return fields


REQUEST_TYPE_FORM_FIELDS = [
    "name", "slug", "group", "description", "case_type", "asks_location", "location_label",
    "takes_attachments", "takes_online", "phone_reason", "is_published", "position",
]  # fmt: skip


class QuestionEditForm(_ManageForm):
    """One question of a form: its words, its kind of answer (an Open311 datatype), whether it
    must be answered, its hint and its code."""

    description = _manage_text("Question", max_length=200, what="the question",
                        help_text="As the resident reads it, like “What type of bin was missed?”.")  # fmt: skip
    datatype = forms.ChoiceField(
        label="Kind of answer",
        choices=Datatype.choices,
        widget=forms.RadioSelect,
        help_text="For “Choose one” and “Choose one or more”, add the answers after saving the question.",
        error_messages={"required": "Select the kind of answer", "invalid_choice": "Select the kind of answer"},
    )
    required = forms.BooleanField(label="Residents must answer it", required=False)
    datatype_description = _manage_text("Hint (optional)", max_length=300, what="the hint", required=False,
                                 help_text="Shown under the question, like “For example, AB12 CDE”.")  # fmt: skip
    code = _manage_text("Code (optional)", max_length=50, what="the code", required=False, help_text=MANAGE_CODE_HELP,
                 widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}))  # fmt: skip

    def __init__(self, *args, question: Question | None = None, **kwargs):
        initial = kwargs.setdefault("initial", {})
        if question is None:
            initial.setdefault("required", True)
        else:
            for name in ("description", "datatype", "required", "datatype_description", "code"):
                initial.setdefault(name, getattr(question, name))
        super().__init__(*args, **kwargs)

    def layout(self) -> Layout:
        return Layout(
            Field.text("description"),
            Field.radios("datatype", legend_size=Size.SMALL, small=True),
            Field.checkbox("required", small=True),
            Field.text("datatype_description"),
            Field.text("code", field_width=20),
            Button.primary("save", "Save question"),
        )

    def clean_code(self) -> str:
        return _manage_code(self, "code", source="description", max_length=50, example="bin-type")

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


class QuestionValueEditForm(_ManageForm):
    """One answer of a list question, and whether choosing it stops the form."""

    name = _manage_text("Answer", max_length=120, what="the answer", help_text="As the resident reads it, like “Sofa”.")
    key = _manage_text("Code (optional)", max_length=50, what="the code", required=False, help_text=MANAGE_CODE_HELP,
                widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}))  # fmt: skip
    stop_message = _manage_text(
        "Stop the form with this message (optional)", max_length=300, what="the message", required=False,
        help_text="For something urgent that must not wait in a queue, like “If you can smell gas, phone us now”. "
        "Leave it empty for an ordinary answer.", widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip
    stop_phone = _manage_text("Number to phone (optional)", max_length=20, what="the number to phone", required=False,
                       widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}))  # fmt: skip

    def __init__(self, *args, value: QuestionValue | None = None, **kwargs):
        if value is not None:
            initial = kwargs.setdefault("initial", {})
            for name in ("name", "key", "stop_message", "stop_phone"):
                initial.setdefault(name, getattr(value, name))
        super().__init__(*args, **kwargs)

    def layout(self) -> Layout:
        return Layout(
            Field.text("name"),
            Field.text("key", field_width=20),
            Field.textarea("stop_message", rows=3),
            Field.text("stop_phone", field_width=20),
            Button.primary("save", "Save answer"),
        )

    def clean_key(self) -> str:
        return _manage_code(self, "key", source="name", max_length=50, example="sofa")

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)
