"""Form helpers shared by every app's GOV.UK forms."""

import datetime as dt
import html
import re
from functools import cached_property
from typing import TYPE_CHECKING, NoReturn

from crispy_forms.layout import LayoutObject
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Layout
from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeData, SafeString

from .db import NONE_CHOSEN

if TYPE_CHECKING:
    # The mixin goes before a Form class; for the type checker it is one.
    _FormBase = forms.BaseForm
else:
    _FormBase = object

# crispy-forms-gds marks only text inputs, selects and textareas as in error.
_UNMARKED_INPUTS = (forms.EmailInput, forms.NumberInput, forms.URLInput, forms.PasswordInput, forms.DateInput)


class GovukFormMixin(_FormBase):
    """Give every input in error the GOV.UK error border, whatever its widget."""

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            field = self.fields.get(name)
            if field is not None and isinstance(field.widget, _UNMARKED_INPUTS):
                classes = field.widget.attrs.get("class", "")
                if "govuk-input--error" not in classes:
                    field.widget.attrs["class"] = f"{classes} govuk-input govuk-input--error".strip()
            elif field is not None and isinstance(field.widget, DateTimeInputWidget) and not field.widget.part_errors:
                # An error on the whole value (the model's "must be after the start"): every box.
                field.widget.part_errors = {0, 1, 2, 3}


class LayoutForm(GovukFormMixin, forms.Form):
    """Base of a form whose GOV.UK markup crispy-forms-gds renders from `layout()`. The templates
    write the <form> tag and its CSRF token themselves."""

    def layout(self) -> Layout:
        raise NotImplementedError

    @cached_property
    def helper(self) -> FormHelper:
        # Built when first rendered, so subclasses may add fields in __init__ first.
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        helper.layout = self.layout()
        return helper


def optional_choice_field(label: str, choices, *, what: str, blank: str = "") -> forms.ChoiceField:
    """A select that may be left at its first choice, `blank` ("Any <what>" unless given): a
    queue's filter, or a standard's dimension that applies to any value."""
    return forms.ChoiceField(
        label=label,
        required=False,
        choices=[("", blank or f"Any {what}"), *choices],
        widget=Select,
        # "Select ... from" reads to the linter as SQL: it is the GOV.UK message.
        error_messages={"invalid_choice": f"Select a {what} from the list"},  # noqa: S608
    )


class Select(forms.Select):
    """A select whose options are written in Python: Django's template for a select includes a
    template for each option and its attributes, and even one loop in a template cost a list page
    20 ms with a council's hundreds of teams and advisers. The options are escaped with the
    standard library's `html.escape`, which is what Django's `escape` calls: through
    `format_html` each option cost 25 microseconds, a quarter of a list page's filter form. The
    filters' selects all use it. No option groups, one value.

    Named Select, as Django's is: crispy-forms-gds gives a widget its GOV.UK class (govuk-select)
    and its error border by the name of the widget's class."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = self.format_value(value)  # the value as strings, as Django's optgroups compares
        options = []
        for option_value, label in self.choices:
            text = "" if option_value is None else str(option_value)
            selected = text in chosen
            if selected:
                chosen = []  # one value: only its first option is selected, as Django's select
            options.append(
                f'\n  <option value="{html.escape(text)}"{" selected" if selected else ""}>'
                f"{label if isinstance(label, SafeData) else html.escape(str(label))}</option>"
            )
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            SafeString("".join(options)),
        )


def _hint_and_errors(field: forms.BoundField) -> tuple[SafeString, list[str]]:
    """A field's GOV.UK hint and error messages, and the ids its input is described by."""
    described_by = []
    hint = SafeString("")
    if field.help_text:
        hint = format_html('\n<div id="{}_hint" class="govuk-hint">{}</div>', field.auto_id, field.help_text)
        described_by.append(f"{field.auto_id}_hint")
    errors = []
    for number, error in enumerate(field.errors, start=1):
        errors.append((f"{field.auto_id}_{number}_error", error))
        described_by.append(errors[-1][0])
    messages = format_html_join(
        "", '\n<p id="{}" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {}</p>', errors
    )
    return format_html("{}{}", hint, messages), described_by


def _form_group(field: forms.BoundField, inner: SafeString) -> SafeString:
    return format_html(
        '<div id="div_{}" class="govuk-form-group{}">{}\n</div>',
        field.auto_id,
        " govuk-form-group--error" if field.errors else "",
        inner,
    )


class GovukSelect(LayoutObject):
    """A select's GOV.UK form group (label, hint, error messages, the select), written in Python.
    crispy-forms-gds's `Field.select` renders the same markup through its field template, whose
    tests and includes cost a list page's filters 1 ms a select, a fifth of the page. Use it in a
    layout in place of `Field.select(name)`."""

    def __init__(self, name: str):
        self.fields = [name]

    def render(self, form, context, template_pack=None, **kwargs) -> SafeString:
        field = form[self.fields[0]]
        hint_and_errors, described_by = _hint_and_errors(field)
        classes = [
            field.field.widget.attrs.get("class", ""),
            "govuk-select",
            "govuk-select--error" if field.errors else "",
        ]
        attrs = {"class": " ".join(name for name in classes if name)}
        if described_by:
            attrs["aria-describedby"] = " ".join(described_by)
        label = format_html('\n<label for="{}" class="govuk-label">{}</label>', field.id_for_label, field.label)
        return _form_group(field, format_html("{}{}\n{}", label, hint_and_errors, field.as_widget(attrs=attrs)))


def boxes_refused(field: forms.BoundField) -> list[int]:
    """The boxes of a date (a MultiValueField) whose own values were refused, by index: the
    package's DateInputField notes each box's errors on its widget."""
    boxes = getattr(field.field, "fields", ())
    return [index for index, box in enumerate(boxes) if getattr(box.widget, "errors", None)]


class GovukDate(LayoutObject):
    """A GOV.UK date input (day, month and year boxes, as standards.forms.DateField) in its
    fieldset, written in Python for the same reason as GovukSelect: crispy-forms-gds renders it
    through three templates and a template for each box, 2 ms a date. A box is marked in error
    when its own value was refused, or every box when the date as a whole was. Use it in a layout
    in place of `Field(name)`."""

    def __init__(self, name: str):
        self.fields = [name]

    def render(self, form, context, template_pack=None, **kwargs) -> SafeString:
        field = form[self.fields[0]]
        hint_and_errors, described_by = _hint_and_errors(field)
        refused = boxes_refused(field)
        whole = bool(field.errors) and not refused  # the date as a whole was refused: every box
        widget = field.field.widget.get_context(
            field.html_name, field.value(), field.build_widget_attrs({"id": field.auto_id})
        )["widget"]
        boxes = []
        for index, box in enumerate(widget["subwidgets"]):
            attrs = dict(box["attrs"])
            label = attrs.pop("label")
            attrs["class"] += " govuk-input--error" if whole or index in refused else ""
            attrs["inputmode"] = "numeric"
            value = format_html(' value="{}"', box["value"]) if box["value"] is not None else ""
            boxes.append((attrs["id"], label, box["type"], box["name"], value, flatatt(attrs)))
        inputs = format_html_join(
            "",
            '\n<div class="govuk-date-input__item"><div class="govuk-form-group">'
            '<label class="govuk-label govuk-date-input__label" for="{}">{}</label>'
            '<input type="{}" name="{}"{}{}></div></div>',
            boxes,
        )
        return _form_group(
            field,
            format_html(
                '\n<fieldset class="govuk-fieldset" role="group"{}>'
                '\n<legend class="govuk-fieldset__legend">{}</legend>{}'
                '\n<div class="govuk-date-input" id="{}">{}\n</div>\n</fieldset>',
                format_html(' aria-describedby="{}"', " ".join(described_by)) if described_by else "",
                field.label,
                hint_and_errors,
                field.auto_id,
                inputs,
            ),
        )


def _pk_or_none(value: str) -> int:
    return NONE_CHOSEN if value == "none" else int(value)


def row_choices(blank: str, rows, *, none: str = "") -> list[tuple[str, str]]:
    """An optional_pk_field's choices: `blank` (any), then `none` (the rows with none recorded)
    if given, then each (pk, name) of `rows`."""
    return [("", blank), *([("none", none)] if none else []), *[(str(pk), name) for pk, name in rows]]


def optional_pk_field(label: str, *, what: str) -> forms.TypedChoiceField:
    """A select of rows by id that may be left empty (None); the form sets its choices, which
    may include ("none", ...) for the rows with none recorded (NONE_CHOSEN)."""
    return forms.TypedChoiceField(
        label=label,
        widget=Select,
        required=False,
        coerce=_pk_or_none,
        empty_value=None,
        error_messages={"invalid_choice": f"Select a {what} from the list"},  # noqa: S608 - the GOV.UK message
    )


def date_range_check(form: forms.Form, data: dict, first: str, last: str) -> None:
    """A range whose last day is before its first is an error on the last day."""
    if data.get(first) and data.get(last) and data[last] < data[first]:
        form.add_error(last, "The last day must be the same as or after the first day")


def posted(request):
    """The form data of a POST, even an empty one (an empty QueryDict is falsy), else None: what a
    form page passes to its form, so a GET shows it unbound and a POST, however empty, validates."""
    return request.POST if request.method == "POST" else None


# --- Dates and times: the GOV.UK date input plus a time box ---------------------------------------

_TIME = re.compile(r"^(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<suffix>am|pm|a\.m\.|p\.m\.)?$")
_NAMED_TIMES = {"midday": dt.time(12), "noon": dt.time(12), "12 noon": dt.time(12), "midnight": dt.time(0)}
TIME_HINT = "For example, 9:00am or 14:30"
DATE_HINT = "For example, 27 3 2027"
_DATE_PARTS = ("day", "month", "year")


def time_parse(text: str) -> dt.time | None:
    """'9am', '9:30am', '9.30am', '09:30', '14:30', '2pm', 'noon', 'midday' → a time; else None.
    A bare hour ("9") is refused: it could be 9am or 9pm."""
    text = " ".join(str(text).strip().lower().split())[:20]
    if text in _NAMED_TIMES:
        return _NAMED_TIMES[text]
    match = _TIME.match(text)
    if match is None:
        return None
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    suffix = (match["suffix"] or "").replace(".", "")
    if suffix:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    elif match["minute"] is None:
        return None
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


def _time_shown(value: dt.time) -> str:
    # As the hint writes it ("9:00am", "2:30pm"), which time_parse reads back; midday and midnight
    # by name, which is unambiguous.
    if value.minute == 0 and value.hour in (0, 12):
        return "midnight" if value.hour == 0 else "midday"
    return f"{value.hour % 12 or 12}:{value.minute:02d}{'am' if value.hour < 12 else 'pm'}"


class DateTimeInputWidget(forms.MultiWidget):
    """Day, month and year boxes (the GOV.UK date input) and a time box, for one aware datetime.

    `part_errors` (set by DateTimeInputField.clean, or by GovukFormMixin for an error on the
    whole value) names the boxes to mark in error: only this field's, never another's."""

    template_name = "core/widgets/date_time.html"

    def __init__(self, attrs=None):
        def box(width: int, **extra) -> forms.TextInput:
            return forms.TextInput(attrs={"class": f"govuk-input govuk-date-input__input govuk-input--width-{width}",
                                          "inputmode": "numeric", **extra})  # fmt: skip

        widgets = [box(2), box(2), box(4),
                   forms.TextInput(attrs={"class": "govuk-input govuk-input--width-5", "autocomplete": "off",
                                          "spellcheck": "false"})]  # fmt: skip
        super().__init__(widgets, attrs)
        self.part_errors: set[int] = set()

    def __deepcopy__(self, memo):
        copied = super().__deepcopy__(memo)
        copied.part_errors = set()
        return copied

    def decompress(self, value):
        if not value:
            return [None, None, None, None]
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return [local.day, local.month, local.year, _time_shown(local.time())]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for index, subwidget in enumerate(context["widget"]["subwidgets"]):
            subwidget["label"] = ("Day", "Month", "Year", "Time")[index]
            sub_attrs = subwidget["attrs"]
            sub_attrs.pop("aria-describedby", None)  # the fieldset carries the hint and error
            # crispy-forms-gds marks only the first box in error (or every box when no box is).
            if index in self.part_errors and "govuk-input--error" not in sub_attrs.get("class", ""):
                sub_attrs["class"] = f"{sub_attrs.get('class', '')} govuk-input--error".strip()
            if index == 3:
                sub_attrs["aria-describedby"] = f"{sub_attrs['id']}_hint"
        context["widget"]["time_hint"] = TIME_HINT
        return context


class DateTimeInputField(forms.MultiValueField):
    """A date (GOV.UK date input) and a time typed as people write them ("9am", "14:30",
    "midday"): an aware datetime in the council's time zone (Europe/London: the clock on the
    wall, either side of a clock change).

    `what` names the date in the GOV.UK messages: what="the date the absence starts" gives
    "Enter the date the absence starts", "Date the absence starts must include a month",
    "Date the absence starts must be a real date"; `time_what` ("the time the absence starts")
    the time's. One message a field, and only this field's boxes are marked."""

    widget = DateTimeInputWidget
    FIRST_YEAR, LAST_YEAR = 2000, 2099

    def __init__(self, *, what: str, time_what: str, **kwargs):
        title = what[:1].upper() + what[1:]
        if title.startswith("The "):
            title = title[4:5].upper() + title[5:]
        self.messages_ = {
            "required": f"Enter {what}",
            "missing": title + " must include a {parts}",
            "invalid": f"{title} must be a real date",
            "year": "Year must include 4 numbers",
            "year_range": f"{title} must be in a year from {self.FIRST_YEAR} to {self.LAST_YEAR}",
            "time_required": f"Enter {time_what}",
            "time_invalid": f"Enter {time_what} as a time, like 9am or 14:30",
        }
        kwargs.setdefault("help_text", DATE_HINT)
        fields = [forms.CharField(required=False) for _ in range(4)]
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def _fail(self, key: str, boxes: set[int], **format_args) -> NoReturn:
        message = self.messages_[key].format(**format_args)
        self.widget.part_errors = boxes
        # Where the error summary links (crispy-forms-gds's field_errors): the first box in error.
        self.fields[min(boxes)].widget.errors = [message]
        raise ValidationError(message, code=key)

    def clean(self, value):
        self.widget.part_errors = set()
        for field in self.fields:
            field.widget.errors = []
        parts = [str(part or "").strip() for part in (list(value or []) + [None] * 4)[:4]]
        if not any(parts):
            if self.required:
                self._fail("required", {0, 1, 2, 3})
            return None
        missing = [index for index in range(3) if not parts[index]]
        if missing:
            names = [_DATE_PARTS[index] for index in missing]
            words = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
            self._fail("missing", set(missing), parts=words)
        # Digits 0 to 9 only (str.isdigit also takes "٣" and "²"), and no more than a year has.
        wrong = {index for index in range(3) if not (parts[index].isascii() and parts[index].isdigit())
                 or len(parts[index]) > 4}  # fmt: skip
        if wrong:
            self._fail("invalid", wrong)
        if len(parts[2]) != 4:
            self._fail("year", {2})
        try:
            day = dt.date(int(parts[2]), int(parts[1]), int(parts[0]))
        except ValueError:
            self._fail("invalid", {0, 1, 2})
        if not self.FIRST_YEAR <= day.year <= self.LAST_YEAR:
            self._fail("year_range", {2})
        if not parts[3]:
            self._fail("time_required", {3})
        time = time_parse(parts[3])
        if time is None:
            self._fail("time_invalid", {3})
        return timezone.make_aware(dt.datetime.combine(day, time))


# Words that start with a vowel letter but a consonant sound ("a user", "a one-off"), and the
# reverse ("an hour").
_CONSONANT_SOUNDS = ("one", "once", "uni", "use", "usu", "eu", "ewe")
_VOWEL_SOUNDS = ("hour", "honest", "honour", "heir")


def with_article(noun: str) -> str:
    """'an absence', 'an officer profile', 'a team', 'a user': the article by the first sound."""
    word = noun.strip().lower()
    vowel = bool(word) and word[0] in "aeiou" and not word.startswith(_CONSONANT_SOUNDS)
    return f"{'an' if vowel or word.startswith(_VOWEL_SOUNDS) else 'a'} {noun.strip()}"
