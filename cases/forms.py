"""GOV.UK forms for the cases pages: the queue filters, raising a case, notes and updates, one form
for each service call on a case, the customer pages and councillors' ward enquiries, and the routing
rules with the sample case to test them. Forms only clean and convert; the rules are the models' and
the services'."""

import re
from collections.abc import Callable, Iterable
from typing import cast

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Button, Field, Fieldset, Layout, Size
from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator

from core.forms import (
    GovukDate,
    GovukFormMixin,
    GovukSelect,
    LayoutForm,
    date_range_check,
    optional_choice_field,
    optional_pk_field,
    row_choices,
)
from directory.forms import EMAIL_INVALID, PhoneField
from directory.models import ServiceArea, Team, Topic
from standards.forms import DateField, date_range, local_midnight
from standards.models import CaseType, Channel, Priority

from . import routing
from .models import (
    OPEN_STATUSES,
    ComplaintOutcome,
    ContactMethod,
    Customer,
    CustomerType,
    NeedsCondition,
    RootCause,
    RoutingRule,
    postcode_normalise,
    reference_clean,
)
from .selectors import CASE_HAPPENINGS, CASE_MEASURES, OWN_CASES, STAGE_RESULTS, CaseListFilters, QueueFilters
from .services import CUSTOMER_FIELDS, RESIDENT_FIELDS

# A hidden version that is missing or not a number: the page was not one of ours, or cut short.
STALE_PAGE = "This page is out of date: go back to the case and try again"


def _textarea(label: str, *, what: str, help_text: str = "", max_length: int = 10000) -> forms.CharField:
    # Not required here: the service says what is missing, in its own words (one rule, one place).
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": f"{what} must be {max_length:,} characters or fewer"},
    )


class GroupedChoiceField(forms.ChoiceField):
    """A select of directory entries under headings (teams or topics by service area) that cleans to
    the entry. The entries are read once, when the form is made."""

    def __init__(self, *, entries: Iterable, group: Callable, empty_label: str | None = None, **kwargs):
        self.entries = {str(entry.pk): entry for entry in entries}
        groups: dict[str, list[tuple[str, str]]] = {}
        for key, entry in self.entries.items():
            groups.setdefault(group(entry), []).append((key, entry.name))
        blank = [("", empty_label)] if empty_label is not None else []
        super().__init__(choices=[*blank, *groups.items()], **kwargs)

    def clean(self, value):
        value = super().clean(value)
        return self.entries.get(value) if value else None


class CasesForm(LayoutForm):
    """Base: each form's `layout()`, with GOV.UK markup by crispy-forms-gds."""

    submit_label = "Save"


class CaseActionForm(CasesForm):
    """A change to one case, made from a page that showed `version` of it."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)

    def clean(self):
        data = super().clean()
        if self.has_error("version"):
            # A hidden field's error has nowhere to show: say so at the top of the page.
            del self.errors["version"]
            raise ValidationError(STALE_PAGE)
        return data


# --- Queues --------------------------------------------------------------------------------------


class QueueFilterForm(GovukFormMixin, forms.Form):
    """The queue's filters, read from the query string; a value that is not one of the choices is
    shown as an error and the queue is shown without that filter. Rendered by
    templates/cases/includes/queue_filters.html, not crispy-forms (it is on the busiest page)."""

    submit_label = "Filter cases"

    status = optional_choice_field(
        "Status",
        [(status.value, status.label) for status in OPEN_STATUSES],
        what="status",
        blank="Any open status",
    )
    case_type = optional_choice_field("Type", CaseType.choices, what="type")
    priority = optional_choice_field("Priority", Priority.choices, what="priority")
    owner = forms.ChoiceField(
        label="Owner", required=False, error_messages={"invalid_choice": "Select an owner from the list"}
    )
    overdue = forms.BooleanField(label="Only overdue cases", required=False)

    def __init__(self, *args, officers: list, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["owner"]).choices = [
            ("", "Anyone or nobody"),
            ("me", "Me"),
            ("none", "Nobody (unclaimed)"),
            *[(str(user.pk), user.get_full_name() or user.username) for user in officers],
        ]

    def filters(self) -> QueueFilters:
        """The filters that were valid (call after is_valid())."""
        data = self.cleaned_data
        return QueueFilters(
            status=data.get("status", ""),
            case_type=data.get("case_type", ""),
            priority=data.get("priority", ""),
            owner=data.get("owner", ""),
            overdue=bool(data.get("overdue")),
        )


class CaseListFilterForm(LayoutForm):
    """The cases list's filters (the dashboard's drill-downs), read from the query string. A value
    not among the choices, a date that is not a real one or a range that ends before it starts is
    an error on its field, and the list is shown without that filter."""

    submit_label = "Filter cases"

    received_from, received_to = date_range()
    team = optional_pk_field("Team", what="team")
    area = optional_pk_field("Service area", what="service area")
    channel = optional_choice_field("Channel", Channel.choices, what="channel")
    case_type = optional_choice_field("Type", CaseType.choices, what="type")
    measure = optional_choice_field("Only cases", list(CASE_MEASURES.items()), what="measure", blank="Any case")
    own = optional_choice_field("Only the cases of", list(OWN_CASES.items()), what="choice", blank="Anyone's")
    happened = optional_choice_field("What happened", list(CASE_HAPPENINGS.items()), what="happening", blank="Anything")
    happened_from, happened_to = date_range(of="it happened")
    stage = optional_choice_field("Complaint stage", [("1", "Stage 1"), ("2", "Stage 2")], what="stage")
    stage_result = optional_choice_field("Decision", list(STAGE_RESULTS.items()), what="decision", blank="Any or none")
    root_cause = optional_choice_field("Root cause", RootCause.choices, what="root cause")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The cases not yet routed, with no team or service area, can be listed too.
        cast(forms.ChoiceField, self.fields["team"]).choices = row_choices(
            "Any team", Team.objects.order_by("name").values_list("pk", "name"), none="Not yet routed (no team)"
        )
        cast(forms.ChoiceField, self.fields["area"]).choices = row_choices(
            "Any service area", ServiceArea.objects.order_by("name").values_list("pk", "name"), none="No service area"
        )

    def layout(self):
        return Layout(
            Fieldset(GovukDate("received_from"), GovukDate("received_to"), legend="Received", legend_size=Size.SMALL),
            GovukSelect("team"),
            GovukSelect("area"),
            GovukSelect("channel"),
            GovukSelect("case_type"),
            GovukSelect("measure"),
            GovukSelect("own"),
            Fieldset(
                GovukSelect("happened"),
                GovukDate("happened_from"),
                GovukDate("happened_to"),
                legend="What happened to the case, and when",
                legend_size=Size.SMALL,
            ),
            Fieldset(
                GovukSelect("stage"),
                GovukSelect("stage_result"),
                GovukSelect("root_cause"),
                legend="Its complaint stages",
                legend_size=Size.SMALL,
            ),
        )

    def clean(self):
        data = super().clean()
        date_range_check(self, data, "received_from", "received_to")
        date_range_check(self, data, "happened_from", "happened_to")
        if (data.get("happened_from") or data.get("happened_to")) and not data.get("happened"):
            self.add_error("happened", "Select what happened on those days")
        return data

    def filters(self) -> CaseListFilters:
        """The filters that were valid (call after is_valid())."""
        data = self.cleaned_data
        return CaseListFilters(
            received_from=local_midnight(data.get("received_from")),
            received_before=local_midnight(data.get("received_to"), days=1),
            team_id=data.get("team"),
            area_id=data.get("area"),
            channel=data.get("channel", ""),
            case_type=data.get("case_type", ""),
            measure=data.get("measure", ""),
            own=data.get("own", ""),
            happened=data.get("happened", ""),
            happened_from=local_midnight(data.get("happened_from")),
            happened_before=local_midnight(data.get("happened_to"), days=1),
            stage=int(data["stage"]) if data.get("stage") else None,
            stage_result=data.get("stage_result", ""),
            root_cause=data.get("root_cause", ""),
        )


# --- Raising a case ------------------------------------------------------------------------------


def _topics() -> GroupedChoiceField:
    return GroupedChoiceField(
        label="Topic (optional)",
        required=False,
        entries=Topic.objects.select_related("service_area").order_by("service_area__name", "name"),
        group=lambda topic: topic.service_area.name,
        empty_label="Not known",
        help_text="The topic helps route the case to the right team first time.",
        error_messages={"invalid_choice": "Select a topic from the list"},
    )


def _location_fields() -> dict[str, forms.Field]:
    return {
        "location_address": forms.CharField(
            label="Address of the problem (optional)",
            required=False,
            max_length=300,
            error_messages={"max_length": "Address must be 300 characters or fewer"},
        ),
        "location_postcode": forms.CharField(
            label="Postcode (optional)",
            required=False,
            max_length=10,
            error_messages={"max_length": "Enter a real postcode, like SW1A 1AA"},
        ),
        "ward": forms.CharField(
            label="Ward (optional)",
            required=False,
            max_length=80,
            error_messages={"max_length": "Ward must be 80 characters or fewer"},
        ),
    }


def _summary() -> forms.CharField:
    return forms.CharField(
        label="Summary",
        max_length=200,
        help_text="One line the team will see in its queue, like “Bin not collected on Tuesday”",
        error_messages={
            "required": "Enter a summary of the case",
            "max_length": "Summary must be 200 characters or fewer",
        },
    )


def _description() -> forms.CharField:
    return forms.CharField(
        label="Description",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Enter a description of the case",
            "max_length": "Description must be 10,000 characters or fewer",
        },
    )


class CaseCreateForm(CasesForm):
    """Raise a case (for the customer chosen on the customer page, if any)."""

    submit_label = "Raise the case"

    customer = forms.IntegerField(widget=forms.HiddenInput, required=False)
    case_type = forms.ChoiceField(
        label="Type of case",
        choices=[("", "Select the type"), *CaseType.choices],
        error_messages={"required": "Select the type of case", "invalid_choice": "Select the type of case"},
    )
    channel = forms.ChoiceField(
        label="How it came in",
        choices=[("", "Select how it came in"), *Channel.choices],
        error_messages={"required": "Select how it came in", "invalid_choice": "Select how it came in"},
    )
    priority = forms.ChoiceField(
        label="Priority",
        choices=Priority.choices,
        initial=Priority.NORMAL,
        error_messages={"required": "Select the priority", "invalid_choice": "Select the priority"},
    )
    summary = _summary()
    description = _description()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"] = _topics()
        self.fields.update(_location_fields())

    def layout(self) -> Layout:
        return Layout(
            Field("customer"),
            GovukSelect("case_type"),
            GovukSelect("channel"),
            Field.radios("priority", legend_size=Size.SMALL, inline=True),
            GovukSelect("topic"),
            Field.text("summary"),
            Field.textarea("description", rows=6),
            Field.text("location_address"),
            Field.text("location_postcode", field_width=10),
            Field.text("ward", field_width=20),
            Button.primary("save", self.submit_label),
        )

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in self.fields if name != "customer"}


# --- On the case page ----------------------------------------------------------------------------


class NoteForm(CasesForm):
    submit_label = "Add the note"
    text = _textarea("Internal note", what="The note", help_text="Only staff see notes. The customer never does.")

    def layout(self) -> Layout:
        return Layout(Field.textarea("text", rows=4), Button.secondary("add-note", self.submit_label))


class UpdateForm(CasesForm):
    submit_label = "Send the update"
    text = _textarea(
        "Update to the customer",
        what="The update",
        help_text="The customer sees this on the tracking page, and by email if we have their address.",
    )

    def layout(self) -> Layout:
        return Layout(Field.textarea("text", rows=4), Button.secondary("send-update", self.submit_label))


# --- One page per action -------------------------------------------------------------------------

QUEUE = "queue"


class AssignForm(CaseActionForm):
    submit_label = "Assign the case"

    owner = forms.ChoiceField(
        label="Who should work on this case?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select who should work on the case", "invalid_choice": "Select an officer"},
    )

    def __init__(self, *args, officers: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.officers = {str(user.pk): user for user in officers}
        cast(forms.ChoiceField, self.fields["owner"]).choices = [
            *[(key, user.get_full_name() or user.username) for key, user in self.officers.items()],
            (QUEUE, "Nobody: put it back in the queue"),
        ]

    def layout(self) -> Layout:
        return Layout(
            Field("version"), Field.radios("owner", legend_size=Size.MEDIUM), Button.primary("save", self.submit_label)
        )

    def chosen_owner(self):
        """The chosen officer, or None for back to the queue."""
        return self.officers.get(self.cleaned_data["owner"])


class TransferForm(CaseActionForm):
    submit_label = "Transfer the case"
    reason = _textarea(
        "Why is the case being transferred?",
        what="The reason",
        help_text="The team receiving it will see this. Transfers are counted as handoffs.",
    )

    def __init__(self, *args, exclude_team_id: int | None, **kwargs):
        super().__init__(*args, **kwargs)
        teams = Team.objects.select_related("service_area").order_by("service_area__name", "name")
        self.fields["team"] = GroupedChoiceField(
            label="Team to transfer it to",
            entries=teams.exclude(pk=exclude_team_id) if exclude_team_id else teams,
            group=lambda team: team.service_area.name,
            empty_label="Select a team",
            error_messages={"required": "Select the team to transfer the case to", "invalid_choice": "Select a team"},
        )

    def layout(self) -> Layout:
        return Layout(
            Field("version"),
            GovukSelect("team"),
            Field.textarea("reason", rows=5),
            Button.primary("save", self.submit_label),
        )


class StatusForm(CaseActionForm):
    """Start work, wait for the customer (this page, with what for) or resume (buttons on the case
    page)."""

    submit_label = "Wait for the customer"

    action = forms.ChoiceField(
        choices=[("start", "Start"), ("pause", "Wait for the customer"), ("resume", "Resume")],
        widget=forms.HiddenInput,
        error_messages={"required": STALE_PAGE, "invalid_choice": STALE_PAGE},
    )
    reason = _textarea(
        "What are you waiting for from the customer?",
        what="What you are waiting for",
        help_text="For example, photos of the damage. While the case waits, the reply clock stops.",
    )

    def clean(self):
        data = super().clean()
        if self.has_error("action"):
            del self.errors["action"]
            raise ValidationError(STALE_PAGE)
        return data

    def layout(self) -> Layout:
        return Layout(
            Field("version"),
            Field("action"),
            Field.textarea("reason", rows=4),
            Button.primary("save", self.submit_label),
        )


class ResolveForm(CaseActionForm):
    """What was done; for a complaint also its stage's decision (the learning from complaints)."""

    submit_label = "Resolve the case"
    resolution = _textarea(
        "What was done to resolve the case?",
        what="What was done",
        help_text="Write it so the customer can understand it: it is the case's answer.",
        max_length=5000,
    )

    def __init__(self, *args, complaint: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if complaint:
            # Required here: a decision is recorded whole or not at all.
            self.fields["outcome"] = forms.ChoiceField(
                label="Was the complaint upheld?",
                choices=ComplaintOutcome.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": "Select whether the complaint was upheld",
                    "invalid_choice": "Select whether the complaint was upheld",
                },
            )
            self.fields["root_cause"] = forms.ChoiceField(
                label="Root cause",
                choices=[("", "Select the root cause"), *RootCause.choices],
                error_messages={"required": "Select the root cause", "invalid_choice": "Select the root cause"},
            )
            self.fields["action_taken"] = forms.CharField(
                label="Action taken",
                help_text="What the council has done or will do so it does not happen again.",
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 4}),
                error_messages={
                    "required": "Enter the action taken",
                    "max_length": "Action taken must be 5,000 characters or fewer",
                },
            )

    def layout(self) -> Layout:
        decision = (
            [
                Field.radios("outcome", legend_size=Size.SMALL),
                GovukSelect("root_cause"),
                Field.textarea("action_taken", rows=4),
            ]
            if "outcome" in self.fields
            else []
        )
        return Layout(
            Field("version"), Field.textarea("resolution", rows=5), *decision, Button.primary("save", self.submit_label)
        )

    def decision_fields(self) -> dict | None:
        data = self.cleaned_data
        if "outcome" not in self.fields:
            return None
        return {"outcome": data["outcome"], "root_cause": data["root_cause"], "action_taken": data["action_taken"]}


class ReasonForm(CaseActionForm):
    """A change that needs only a reason: reopen, escalate to stage 2."""

    reason = _textarea("Reason", what="The reason")

    def __init__(self, *args, label: str, help_text: str = "", submit_label: str, **kwargs):
        self.submit_label = submit_label
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = label
        self.fields["reason"].help_text = help_text

    def layout(self) -> Layout:
        return Layout(Field("version"), Field.textarea("reason", rows=5), Button.primary("save", self.submit_label))


class EditForm(CaseActionForm):
    """The case's details. A complaint's type is not changed here (it is escalated instead)."""

    submit_label = "Save the changes"

    case_type = forms.ChoiceField(
        label="Type of case",
        choices=[
            (value, label)
            for value, label in CaseType.choices
            if value not in (CaseType.COMPLAINT_STAGE_1, CaseType.COMPLAINT_STAGE_2)
        ],
        error_messages={"required": "Select the type of case", "invalid_choice": "Select the type of case"},
    )
    priority = forms.ChoiceField(
        label="Priority",
        choices=Priority.choices,
        error_messages={"required": "Select the priority", "invalid_choice": "Select the priority"},
    )
    summary = _summary()
    description = _description()
    latitude = forms.DecimalField(
        label="Latitude (optional)",
        required=False,
        max_digits=8,
        decimal_places=6,
        error_messages={"invalid": "Latitude must be a number, like 53.800755"},
    )
    longitude = forms.DecimalField(
        label="Longitude (optional)",
        required=False,
        max_digits=9,
        decimal_places=6,
        error_messages={"invalid": "Longitude must be a number, like -1.549077"},
    )

    def __init__(self, *args, complaint: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if complaint:
            del self.fields["case_type"]
        self.fields["topic"] = _topics()
        self.fields.update(_location_fields())
        for name in ("latitude", "longitude"):
            # DecimalField's own messages for too many digits would name no field.
            self.fields[name].error_messages.update(
                max_digits=self.fields[name].error_messages["invalid"],
                max_decimal_places=self.fields[name].error_messages["invalid"],
                max_whole_digits=self.fields[name].error_messages["invalid"],
            )

    def layout(self) -> Layout:
        return Layout(
            Field("version"),
            *([GovukSelect("case_type")] if "case_type" in self.fields else []),
            Field.radios("priority", legend_size=Size.SMALL, inline=True),
            GovukSelect("topic"),
            Field.text("summary"),
            Field.textarea("description", rows=6),
            Field.text("location_address"),
            Field.text("location_postcode", field_width=10),
            Field.text("ward", field_width=20),
            Field.text("latitude", field_width=10),
            Field.text("longitude", field_width=10),
            Button.primary("save", self.submit_label),
        )

    def service_fields(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}


class ExtendForm(CaseActionForm):
    submit_label = "Extend the time"

    days = forms.IntegerField(
        label="How many more working days?",
        min_value=1,
        max_value=365,
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={
            "required": "Enter the number of working days",
            "invalid": "Number of working days must be a whole number, like 5",
            "min_value": "Number of working days must be 1 or more",
            "max_value": "Number of working days must be 365 or fewer",
        },
    )
    reason = _textarea(
        "Why is more time needed?",
        what="The reason",
        help_text="Tell the customer too: send them an update saying when they will hear back.",
        max_length=2000,
    )

    def layout(self) -> Layout:
        return Layout(
            Field("version"), Field("days"), Field.textarea("reason", rows=4), Button.primary("save", self.submit_label)
        )


class ReferenceForm(CaseActionForm):
    """The reference of another case (to link, or to merge this one into), as typed or read out."""

    reference = forms.CharField(
        label="Reference of the other case",
        max_length=20,
        help_text="For example, KX7M-3QPD",
        error_messages={
            "required": "Enter the reference of the other case",
            "max_length": "Enter the reference of a case you can see",
        },
    )

    def __init__(self, *args, label: str, submit_label: str, **kwargs):
        self.submit_label = submit_label
        super().__init__(*args, **kwargs)
        self.fields["reference"].label = label
        self.fields["reference"].widget.attrs.update(
            {"class": "govuk-input govuk-input--width-10", "autocomplete": "off", "spellcheck": "false"}
        )

    def layout(self) -> Layout:
        return Layout(
            Field("version"), Field.text("reference", field_width=10), Button.primary("save", self.submit_label)
        )

    def clean_reference(self) -> str:
        return reference_clean(self.cleaned_data["reference"])


class CaseMergeForm(ReferenceForm):
    """Step one names the case to merge into; step two (confirm) merges."""

    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)


PERSON, ORGANISATION = "person", "organisation"


# --- Customers and ward enquiries ----------------------------------------------------------------


def _length(what: str, limit: int) -> dict:
    return {"max_length": f"{what} must be {limit} characters or fewer"}


def _name_field(label: str, *, whose: str, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=200,
        help_text=help_text,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": f"Enter the {whose} name", **_length("Name", 200)},
    )


class PeopleForm(GovukFormMixin, forms.Form):
    """Base: GOV.UK markup from `layout()`; the templates write the <form> tag."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = self.layout()

    def layout(self) -> Layout:
        raise NotImplementedError


class ContactForm(PeopleForm):
    """Base of the forms that record a person's name and how to reach them, a customer's or a
    ward enquiry's resident's (services.RESIDENT_FIELDS), the same way. Each form declares its own
    `name` (`_name_field`) and puts the fields in its order with `field_order`."""

    # Staff type other people's details: the browser must not offer the staff member's own.
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"class": "govuk-input", "autocomplete": "off", "spellcheck": "false"}),
        error_messages={"invalid": EMAIL_INVALID, **_length("Email address", 254)},
    )
    phone = PhoneField(label="Phone number (optional)", help_text="For example, 01632 960 001 or 07700 900 982")
    address = forms.CharField(
        label="Address (optional)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off"}),
        error_messages=_length("Address", 500),
    )
    postcode = forms.CharField(
        label="Postcode (optional)",
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "autocomplete": "off", "spellcheck": "false"}),
        error_messages={"max_length": "Enter a real postcode, like SW1A 1AA"},
    )

    def contact_layout(self) -> list:
        return [
            Field.text("name"),
            Field.text("email"),
            Field.text("phone", field_width=20),
            Field.textarea("address", rows=3),
            Field.text("postcode"),
        ]


class CustomerForm(ContactForm):
    """Every field of a customer record (services.CUSTOMER_FIELDS), the needs in a fieldset."""

    field_order = ["is_organisation", "customer_type", *RESIDENT_FIELDS]

    is_organisation = forms.ChoiceField(
        label="Is this a person or an organisation?",
        choices=[(PERSON, "A person"), (ORGANISATION, "An organisation")],
        initial=PERSON,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether this is a person or an organisation",
            "invalid_choice": "Select whether this is a person or an organisation",
        },
    )
    customer_type = forms.ChoiceField(
        label="Type of customer",
        choices=CustomerType.choices,
        initial=CustomerType.INDIVIDUAL,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the type of customer", "invalid_choice": "Select the type of customer"},
    )
    name = _name_field("Name", whose="customer's", help_text="A person's full name, or the organisation's name")
    preferred_contact = forms.ChoiceField(
        label="How do they prefer to be contacted? (optional)",
        required=False,
        choices=ContactMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Select email, phone or letter"},
    )
    needs_consent = forms.BooleanField(
        label="The customer agrees that we record their needs",
        required=False,
    )
    vulnerability = forms.CharField(
        label="Vulnerability (optional)",
        required=False,
        max_length=1000,
        help_text="Anything that makes the customer vulnerable, in their own words where possible",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=_length("Vulnerability", 1000),
    )
    accessibility = forms.CharField(
        label="Accessibility needs (optional)",
        required=False,
        max_length=1000,
        help_text="For example, large print, or a call instead of letters",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=_length("Accessibility needs", 1000),
    )
    interpreter_language = forms.CharField(
        label="Interpreter needed: which language? (optional)",
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
        error_messages=_length("The interpreter's language", 60),
    )
    needs_review_on = DateField(
        what="the date to review their needs by",
        label="Review their needs by (optional)",
        required=False,
        help_text="Needed when any needs are recorded. For example, 27 3 2027",
    )

    def __init__(self, *args, customer: Customer | None = None, **kwargs):
        if customer is not None:
            initial = kwargs.setdefault("initial", {})
            for name in CUSTOMER_FIELDS:
                initial.setdefault(name, getattr(customer, name))
            initial["is_organisation"] = ORGANISATION if customer.is_organisation else PERSON
        super().__init__(*args, **kwargs)

    def layout(self) -> Layout:
        return Layout(
            Field.radios("is_organisation", legend_size=Size.SMALL, inline=True),
            Field.radios("customer_type", legend_size=Size.SMALL),
            *self.contact_layout(),
            Field.radios("preferred_contact", legend_size=Size.SMALL),
            Fieldset(
                HTML(
                    '<p class="govuk-body">Record needs only if the customer agrees. They are shown to staff '
                    "wherever the customer appears, so that we can help them.</p>"
                ),
                Field.checkbox("needs_consent"),
                Field.textarea("vulnerability", rows=3),
                Field.textarea("accessibility", rows=3),
                Field.text("interpreter_language"),
                GovukDate("needs_review_on"),
                legend="Needs",
                legend_size=Size.MEDIUM,
            ),
            Button.primary("save", "Save customer"),
        )

    def service_fields(self) -> dict:
        fields = {name: self.cleaned_data[name] for name in CUSTOMER_FIELDS}
        fields["is_organisation"] = fields["is_organisation"] == ORGANISATION
        return fields


class CustomerMergeForm(PeopleForm):
    """Which of two records to keep: the other is merged into it."""

    keep = forms.ChoiceField(
        label="Which record do you want to keep?",
        help_text="The other record's cases move to the one you keep.",
        widget=forms.RadioSelect,
        error_messages={"required": "Select which record to keep", "invalid_choice": "Select which record to keep"},
    )

    def __init__(self, *args, records: tuple[Customer, Customer], **kwargs):
        super().__init__(*args, **kwargs)
        self.records = {str(record.pk): record for record in records}
        self.fields["keep"].choices = [(str(record.pk), f"{record.name}, record {record.pk}") for record in records]

    def layout(self) -> Layout:
        return Layout(
            Field.radios("keep", legend_size=Size.MEDIUM),
            Button.warning("merge", "Merge the records"),
        )

    def kept_and_merged(self) -> tuple[Customer, Customer]:
        kept = self.records[self.cleaned_data["keep"]]
        (merged,) = (record for pk, record in self.records.items() if pk != self.cleaned_data["keep"])
        return kept, merged


class EnquiryForm(ContactForm):
    """A councillor's ward enquiry: where, for whom, and what was asked. The field names are
    services.enquiry_create's, so its errors land on them."""

    field_order = ["ward", *RESIDENT_FIELDS]

    ward = forms.CharField(
        label="Ward",
        max_length=80,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
        error_messages={"required": "Enter the ward", **_length("Ward", 80)},
    )
    name = _name_field("Full name", whose="resident's")
    topic = forms.ModelChoiceField(
        label="Topic (optional)",
        required=False,
        empty_label="Not sure",
        queryset=Topic.objects.public().select_related("service_area").order_by("name"),
        help_text="Choosing one helps it reach the right team first time",
        error_messages={"invalid_choice": "Select a topic from the list"},
    )
    summary = forms.CharField(
        label="What the resident asked about",
        max_length=200,
        help_text="A short summary, like “Missed bin collection on Elm Road”",
        error_messages={"required": "Enter what the resident asked about", **_length("The summary", 200)},
    )
    asked = forms.CharField(
        label="What was asked",
        max_length=10000,
        help_text="What the resident told you, and what they would like to happen",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter what was asked", **_length("What was asked", 10000)},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].label_from_instance = lambda topic: f"{topic.name} ({topic.service_area.name})"

    def layout(self) -> Layout:
        return Layout(
            Field.text("ward"),
            Fieldset(
                HTML(
                    '<p class="govuk-body">Give at least one way to contact them: an email address, '
                    "a phone number or an address.</p>"
                ),
                *self.contact_layout(),
                legend="The resident",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                GovukSelect("topic"),
                Field.text("summary"),
                Field.textarea("asked", rows=6),
                legend="The enquiry",
                legend_size=Size.MEDIUM,
            ),
            Button.primary("send", "Send the enquiry"),
        )

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "ward": data["ward"],
            "resident": {name: data[name] for name in RESIDENT_FIELDS},
            "topic": data["topic"],
            "summary": data["summary"],
            "asked": data["asked"],
        }


# The longest position PostgreSQL's integer column holds.
# --- Routing rules -----------------------------------------------------------------------------

POSITION_MAX = 2_147_483_647
# A rule's words become one regular expression tried on every new case: a few dozen is plenty.
WORDS_MAX_CHARACTERS = 2000


def _helper(layout: Layout) -> FormHelper:
    helper = FormHelper()
    # The templates write the <form> tag and its CSRF token (the test form's is a GET form: no token).
    helper.form_tag = False
    helper.disable_csrf = True
    helper.layout = layout
    return helper


def _area_choice_field(label: str, empty_label: str) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=label,
        required=False,
        empty_label=empty_label,
        queryset=ServiceArea.objects.order_by("name"),
        error_messages={"invalid_choice": "Select a service area from the list"},
    )


class _TopicGroups(ModelChoiceIterator):
    """The topics as one <optgroup> a service area (topics of different areas may share a name),
    read when the select is drawn: one query."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        groups: dict[str, list] = {}
        for topic in self.queryset:
            groups.setdefault(topic.service_area.name, []).append(self.choice(topic))
        yield from groups.items()


def _topic_field(label: str, empty_label: str) -> forms.ModelChoiceField:
    field = forms.ModelChoiceField(
        label=label,
        required=False,
        empty_label=empty_label,
        queryset=Topic.objects.select_related("service_area").order_by("service_area__name", "name"),
        error_messages={"invalid_choice": "Select a topic from the list"},
    )
    field.iterator = _TopicGroups
    return field


def _split(text: str, separators: str) -> list[str]:
    return [item.strip() for item in re.split(separators, text or "") if item.strip()]


def _list_field(*, label: str, help_text: str) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, help_text=help_text, widget=forms.Textarea(attrs={"spellcheck": "false"})
    )


class RuleForm(GovukFormMixin, forms.Form):
    """A routing rule as a manager thinks of it: when (conditions; blank means any), then (a team
    and a priority)."""

    name = forms.CharField(
        label="Name",
        max_length=120,
        help_text="Say what the rule is for, like “Bulky waste to collections”",
        error_messages={
            "required": "Enter a name for the rule",
            "max_length": "The name must be 120 characters or fewer",
        },
    )
    position = forms.IntegerField(
        label="Number",
        required=False,
        min_value=1,
        max_value=POSITION_MAX,
        widget=forms.TextInput(
            attrs={"class": "govuk-input govuk-input--width-5", "inputmode": "numeric", "spellcheck": "false"}
        ),
        error_messages={
            "required": "Enter the rule's number",
            "invalid": "The rule's number must be a whole number, like 25",
            "min_value": "The rule's number must be 1 or more",
            "max_value": f"The rule's number must be {POSITION_MAX} or less",
        },
    )
    is_active = forms.BooleanField(
        label="Use this rule for new cases",
        required=False,
        help_text="An unticked rule is kept but not tried.",
    )
    case_types = forms.MultipleChoiceField(
        label="Case types",
        required=False,
        choices=CaseType.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick none for any type.",
        error_messages={"invalid_choice": "Select case types from the list"},
    )
    channels = forms.MultipleChoiceField(
        label="How it came in",
        required=False,
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick none for any channel.",
        error_messages={"invalid_choice": "Select channels from the list"},
    )
    service_area = _area_choice_field("Service area", "Any service area")
    topic = _topic_field("Topic", "Any topic")
    words = _list_field(
        label="Words in the description",
        help_text="Put each word or phrase on a new line, or separate them with commas, like “sofa, fridge, "
        "mattress”. The rule matches when the description has any of them, as whole words: “bin” does not match "
        "“cabinet”. Capitals do not matter.",
    )
    postcodes = forms.CharField(
        label="Postcode areas or districts",
        required=False,
        help_text="The first part of the postcode, separated by commas, like “WY3, WY”. WY covers every "
        "postcode starting WY; WY3 covers WY3 4AB but not WY31 2AB.",
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )
    wards = _list_field(label="Wards", help_text="Put each ward on a new line. Capitals do not matter.")
    needs = forms.ChoiceField(
        label="Customer needs",
        required=False,
        choices=NeedsCondition.choices,
        initial=NeedsCondition.ANY,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Select which customers the rule is for"},
    )
    team = forms.ModelChoiceField(
        label="Team to route to",
        queryset=Team.objects.none(),  # the teams the user may route to, set below
        empty_label="Select the team",
        error_messages={"required": "Select the team to route to", "invalid_choice": "Select a team from the list"},
    )
    priority = forms.ChoiceField(
        label="Priority",
        required=False,
        choices=[("", "Keep the priority it was given"), *Priority.choices],
        initial="",
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Select a priority from the list"},
    )

    # The stored sizes of one item of each list (the model's ArrayField columns).
    _ITEM_LIMITS = {
        "words": (60, "Each word or phrase must be 60 characters or fewer"),
        "postcodes": (8, "Enter only the first part of each postcode, like WY3 or WY"),
        "wards": (80, "Each ward name must be 80 characters or fewer"),
    }

    def __init__(self, *args, teams, rule: RoutingRule | None = None, **kwargs):
        initial = kwargs.setdefault("initial", {})
        if rule is None:
            initial.setdefault("is_active", True)
        else:
            for name in ("name", "position", "is_active", "case_types", "channels", "service_area", "topic",
                         "needs", "team", "priority"):  # fmt: skip
                initial.setdefault(name, getattr(rule, name))
            initial.setdefault("words", "\n".join(rule.words))
            initial.setdefault("postcodes", ", ".join(rule.postcodes))
            initial.setdefault("wards", "\n".join(rule.wards))
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        self.fields["team"].label_from_instance = lambda team: f"{team.name} ({team.service_area.name})"
        position = self.fields["position"]
        position.help_text = "Rules are tried from the lowest number up: the first that matches routes the case."
        if rule is None:
            position.label = "Number (optional)"
            position.help_text += " Leave empty to add the rule at the end."
        else:
            position.required = True
        self.helper = _helper(self.layout())

    def layout(self) -> Layout:
        return Layout(
            Field.text("name"),
            Field.text("position"),
            Field.checkbox("is_active"),
            HTML('<h2 class="govuk-heading-m">When</h2>'),
            HTML(
                '<p class="govuk-body">The rule matches a case only when every condition you give holds. '
                "Leave a condition empty for any.</p>"
            ),
            Field.checkboxes("case_types", legend_size=Size.SMALL, small=True),
            Field.checkboxes("channels", legend_size=Size.SMALL, small=True),
            GovukSelect("service_area"),
            GovukSelect("topic"),
            Field.textarea("words", rows=3),
            Field.text("postcodes"),
            Field.textarea("wards", rows=3),
            Field.radios("needs", legend_size=Size.SMALL, small=True),
            HTML('<h2 class="govuk-heading-m">Then</h2>'),
            GovukSelect("team"),
            Field.radios("priority", legend_size=Size.SMALL, small=True),
            Button.primary("save", "Save rule"),
        )

    def _items(self, name: str, separators: str) -> list[str]:
        text = self.cleaned_data.get(name) or ""
        if name == "words" and len(text) > WORDS_MAX_CHARACTERS:
            raise ValidationError(f"Words in the description must be {WORDS_MAX_CHARACTERS:,} characters or fewer")
        items = _split(text, separators)
        limit, message = self._ITEM_LIMITS[name]
        if any(len(item) > limit for item in items):
            raise ValidationError(message)
        return items

    def clean_words(self) -> list[str]:
        return self._items("words", r"[,\n]")

    def clean_postcodes(self) -> list[str]:
        return self._items("postcodes", r"[,;\n]")

    def clean_wards(self) -> list[str]:
        return self._items("wards", r"\n")

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


class RuleTestForm(GovukFormMixin, forms.Form):
    """A sample case, as routing sees one."""

    case_type = forms.ChoiceField(
        label="Case type",
        choices=[("", "Select the type"), *CaseType.choices],
        error_messages={"required": "Select the case type", "invalid_choice": "Select the case type"},
    )
    channel = forms.ChoiceField(
        label="How it came in",
        choices=[("", "Select how it came in"), *Channel.choices],
        error_messages={"required": "Select how it came in", "invalid_choice": "Select how it came in"},
    )
    service_area = _area_choice_field("Service area (optional)", "Not known")
    topic = _topic_field("Topic (optional)", "Not known")
    text = forms.CharField(
        label="What the case says (optional)",
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The summary and description, as the resident gave them.",
        error_messages={"max_length": "What the case says must be 10,000 characters or fewer"},
    )
    postcode = forms.CharField(
        label="Postcode (optional)",
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10", "autocomplete": "off"}),
        error_messages={"max_length": "Enter a real postcode, like SW1A 1AA"},
    )
    ward = forms.CharField(
        label="Ward (optional)",
        required=False,
        max_length=80,
        error_messages={"max_length": "The ward must be 80 characters or fewer"},
    )
    has_needs = forms.BooleanField(label="The customer has recorded needs", required=False)
    vulnerable = forms.BooleanField(label="The customer is recorded as vulnerable", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Layout(
                GovukSelect("case_type"),
                GovukSelect("channel"),
                GovukSelect("service_area"),
                GovukSelect("topic"),
                Field.textarea("text", rows=4),
                Field.text("postcode"),
                Field.text("ward"),
                Fieldset(
                    Field.checkbox("has_needs", small=True),
                    Field.checkbox("vulnerable", small=True),
                    legend="The customer",
                    legend_size=Size.SMALL,
                ),
                Button.primary("test", "Test the rule set"),
            )
        )

    def clean_postcode(self) -> str:
        return postcode_normalise(self.cleaned_data["postcode"])

    def clean(self):
        topic, area = self.cleaned_data.get("topic"), self.cleaned_data.get("service_area")
        if topic is not None and area is not None and topic.service_area_id != area.pk:
            self.add_error("topic", f"{topic.name} is not a topic of {area}")
        return self.cleaned_data

    def facts(self) -> routing.Facts:
        """The sample as routing sees a case: the topic's area when no area is given (as a case
        raised with a topic gets), and a vulnerable customer is one with needs."""
        data = self.cleaned_data
        topic, area = data["topic"], data["service_area"]
        return routing.Facts(
            case_type=data["case_type"],
            channel=data["channel"],
            service_area_id=area.pk if area else (topic.service_area_id if topic else None),
            topic_id=topic.pk if topic else None,
            text=data["text"],
            postcode=data["postcode"],
            ward=" ".join(data["ward"].split()),
            has_needs=data["has_needs"] or data["vulnerable"],
            vulnerable=data["vulnerable"],
        )
