"""GOV.UK forms for editing the directory and importing it from CSV."""

from crispy_forms.utils import render_field
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fieldset, Layout, Size
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from core.forms import DateTimeInputField, GovukFormMixin, with_article

from . import csv_io, selectors
from .models import Absence, ContactDetails, Officer, Partner, ServiceArea, Team, Topic

SLUG_LABEL = "Page address"
SLUG_HINT = "The end of the page's web address, like council-tax"
SLUG_MESSAGES = {
    "required": "Enter a page address, like council-tax",
    "invalid": "Page addresses can only contain lower-case letters, numbers and hyphens, like council-tax",
    "unique": "Another entry already uses this page address. Enter a different one",
}
# What each select's empty first option says (Django's is "---------").
EMPTY_LABELS = {ServiceArea: "Select a service area", Team: "Select a team", Partner: "Select an organisation",
                Officer: "Select an officer"}  # fmt: skip
EMAIL_INVALID = "Enter an email address in the correct format, like name@example.gov.uk"
URL_INVALID = "Enter a web address in the correct format, like https://www.example.gov.uk/page"


class PhoneField(forms.CharField):
    """A phone number input. The model checks and formats the number (PhoneNumbers.clean_fields),
    so there is no length limit here: "+44 (0) 1632 960 001" is longer than the stored form."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}))
        super().__init__(*args, **kwargs)


class ListField(forms.CharField):
    """A list of short phrases, one a line (commas also separate them)."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, (list, tuple)) else value

    def clean(self, value):
        value = super().clean(value) or ""
        phrases = [part.strip() for part in value.replace(",", "\n").splitlines() if part.strip()]
        if any(len(phrase) > 80 for phrase in phrases):
            raise ValidationError("Each phrase must be 80 characters or fewer")
        return list(dict.fromkeys(phrases))


class DirectoryForm(GovukFormMixin, forms.ModelForm):
    """Base for every edit form: choices limited to what the user may edit, GOV.UK markup."""

    # How the change history names a field when the form's label does not read well there (a
    # checkbox's label is a sentence): see views.history_labels.
    history_labels: dict[str, str] = {}

    def __init__(self, *args, user, area_ids: set[int] | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.area_ids = user, area_ids
        for name, field in self.fields.items():
            if isinstance(field, forms.ModelChoiceField):
                model = field.queryset.model
                if model in selectors.EDITABLE_MODELS:
                    field.queryset = selectors.entries_for_user(model, user, area_ids=area_ids)
                    if model is Officer:
                        field.queryset = field.queryset.select_related("user")
                    elif model is Team:
                        field.queryset = field.queryset.select_related("service_area")
                field.empty_label = EMPTY_LABELS.get(model, f"Select {with_article(str(field.label).lower())}")
            elif isinstance(field, forms.ChoiceField) and not isinstance(field.widget, forms.RadioSelect):
                choices = list(field.choices)
                if choices and choices[0][0] == "":
                    field.choices = [("", f"Select {with_article(str(field.label).lower())}"), *choices[1:]]
            if name == "slug":
                field.label, field.help_text = SLUG_LABEL, SLUG_HINT
            if isinstance(field.widget, (forms.URLInput, forms.EmailInput)):
                # crispy-forms-gds leaves these unstyled (STACK-NOTES trap 9).
                field.widget.attrs.setdefault("class", "govuk-input")
            if name in getattr(self.Meta, "messages", {}):
                field.error_messages.update(self.Meta.messages[name])
        self.helper = FormHelper()
        self.helper.form_tag = False  # entry_form.html writes the <form>: crispy's would nest in it
        self.helper.layout = self.layout()

    def _update_errors(self, errors):
        # Model validation's errors (the model's clean, run by ModelForm in _post_clean). GOV.UK
        # shows one message a field: a field the form has already refused (a choice not in the
        # list, say) keeps that message, not the model's rule that it is now empty.
        if hasattr(errors, "error_dict"):
            refused = set(self._errors) - {NON_FIELD_ERRORS}
            kept = {name: e for name, e in errors.error_dict.items() if name not in refused}
            if not kept:
                return
            errors = ValidationError(kept)
        super()._update_errors(errors)

    def layout(self) -> Layout:
        return Layout(*[Field(name) for name in self.fields], Button.primary("save", "Save"))

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields}


def _url_field(label: str) -> forms.URLField:
    return forms.URLField(label=label, required=False, assume_scheme="https", error_messages={"invalid": URL_INVALID})


class ServiceAreaForm(DirectoryForm):
    public_phone = PhoneField(label="Public phone number")
    history_labels = {"is_public": "Shown on the public website"}
    web_url = _url_field("Web page")

    class Meta:
        model = ServiceArea
        fields = ["name", "slug", "summary", "handles", "public_phone", "public_email", "opening_hours", "web_url",
                  "is_public"]  # fmt: skip
        labels = {"handles": "What this service deals with",
                  "is_public": "Show this service on the public website", "web_url": "Web page"}  # fmt: skip
        messages = {
            "name": {"required": "Enter the name of the service area", "unique": "A service area with this name "
                     "already exists"},
            "slug": SLUG_MESSAGES,
            "summary": {"required": "Enter a one-sentence summary for the A to Z"},
            "public_email": {"invalid": EMAIL_INVALID},
            "web_url": {"invalid": URL_INVALID},
        }  # fmt: skip


class TeamForm(DirectoryForm):
    internal_phone = PhoneField(label="Internal phone number", help_text="Staff only: never given to the public.")
    public_phone = PhoneField(label="Public phone number")

    class Meta:
        model = Team
        fields = ["service_area", "name", "slug", "email", "internal_phone", "public_phone", "out_of_hours"]
        labels = {"out_of_hours": "Out of hours arrangements"}
        messages = {
            "service_area": {"required": "Select the service area", "invalid_choice": "Select the service area"},
            "name": {"required": "Enter the name of the team"},
            "slug": SLUG_MESSAGES,
            "email": {"invalid": EMAIL_INVALID},
        }


class OfficerForm(DirectoryForm):
    direct_line = PhoneField(label="Direct line")
    history_labels = {"number_shareable": "Number can be given to callers"}

    class Meta:
        model = Officer
        fields = ["user", "team", "job_title", "direct_line", "email", "number_shareable"]
        labels = {"user": "Staff member", "number_shareable": "Callers may be given this direct line"}
        messages = {
            "user": {"required": "Select the staff member", "invalid_choice": "Select the staff member",
                     "unique": "This staff member already has a directory profile"},
            "team": {"required": "Select the officer's team", "invalid_choice": "Select the officer's team"},
            "job_title": {"required": "Enter the officer's job title"},
            "email": {"invalid": EMAIL_INVALID},
        }  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(is_active=True).order_by("last_name", "first_name", "username")
        if self.instance.pk:
            # The profile stays with its user.
            del self.fields["user"]
            self.helper.layout = self.layout()
        else:
            self.fields["user"].queryset = users.filter(officer__isnull=True)
            self.fields["user"].empty_label = "Select a staff member"
            self.fields["user"].label_from_instance = lambda u: f"{u.get_full_name() or u.username} ({u.username})"


class AbsenceForm(DirectoryForm):
    # The GOV.UK date input and a time box (the browser's own picker showed US date order).
    starts_at = DateTimeInputField(
        label="Away from", what="the date the absence starts", time_what="the time the absence starts"
    )
    ends_at = DateTimeInputField(
        label="Back at",
        what="the date the officer is back",
        time_what="the time the officer is back",
        help_text="Callers are told the officer is not available until then. For example, 29 3 2027",
    )

    class Meta:
        model = Absence
        fields = ["officer", "starts_at", "ends_at", "reason", "caller_note"]
        labels = {"caller_note": "Who callers should contact instead (optional)"}
        help_texts = {
            "reason": "Only the officer's managers and administrators see the reason. Callers are never told it.",
            "caller_note": "For example, “Ask for the duty officer”. Do not give the reason for the absence or "
            "say anything about the officer's health.",
        }
        messages = {
            "officer": {
                "required": "Select the officer who is away",
                "invalid_choice": "Select the officer who is away",
            },
            "reason": {"required": "Select the reason", "invalid_choice": "Select the reason"},
            "caller_note": {"max_length": "Who callers should contact instead must be 150 characters or fewer"},
        }


class PartnerForm(DirectoryForm):
    phone = PhoneField(label="Phone number", help_text="Short numbers such as 101 and 111 are fine.")
    web_url = _url_field("Website")

    class Meta:
        model = Partner
        fields = ["name", "slug", "handles", "phone", "email", "web_url", "opening_hours", "how_to_refer"]
        labels = {"handles": "What they deal with", "web_url": "Website",
                  "how_to_refer": "How to refer someone"}  # fmt: skip
        messages = {
            "name": {"required": "Enter the organisation's name", "unique": "A partner with this name already exists"},
            "slug": SLUG_MESSAGES,
            "handles": {"required": "Enter what the organisation deals with"},
            "email": {"invalid": EMAIL_INVALID},
            "web_url": {"invalid": URL_INVALID},
        }


OWNER_TEAM, OWNER_PARTNER = "team", "partner"


class OwnerRadios:
    """The topic's "Who deals with this?" radios, each revealing its select (GOV.UK conditional
    reveal, done in CSS: templates/directory/_owner_radios.html): where the CSS cannot, both
    selects show, and the one not chosen is ignored.
    (crispy-forms-gds's ConditionalRadios numbers its radios from 0, not as its radios do.)"""

    reveals = {OWNER_TEAM: ["team"], OWNER_PARTNER: ["partner", "referral"]}

    def render(self, form, context, template_pack=None, **kwargs):
        bound = form["owner"]
        choices = []
        for position, (value, label) in enumerate(bound.field.choices, start=1):
            # crispy's own rendering of the form's fields: every value in it is escaped by their templates.
            content = mark_safe(  # noqa: S308
                "".join(render_field(name, form, context, template_pack=template_pack) for name in self.reveals[value])
            )
            choices.append({"value": value, "label": label, "position": position, "content": content})
        return render_to_string("directory/_owner_radios.html", {"field": bound, "choices": choices})


class TopicForm(DirectoryForm):
    owner = forms.ChoiceField(
        label="Who deals with this?",
        choices=[(OWNER_TEAM, "A council team"), (OWNER_PARTNER, "Another organisation")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select who deals with this", "invalid_choice": "Select who deals with this"},
    )
    synonyms = ListField(label="Also called", required=False, help_text="Other names people use, one a line.")
    keywords = ListField(label="Keywords", required=False, help_text="Words people say about it, one a line.")
    online_url = _url_field("Where residents can do this online")
    history_labels = {"is_public": "Shown to the public"}

    class Meta:
        model = Topic
        fields = ["name", "slug", "service_area", "team", "partner", "referral", "description", "cost", "synonyms",
                  "keywords", "adviser_script", "online_url", "is_public"]  # fmt: skip
        labels = {
            "team": "Team that deals with it",
            "partner": "Organisation that deals with it",
            "referral": "How residents contact them",
            "description": "What it is",
            "cost": "What it costs (optional)",
            "adviser_script": "What advisers say",
            "online_url": "Where residents can do this online",
            "is_public": "Show this topic to the public",
        }
        help_texts = {
            "referral": "Shown on the public page, like “Report potholes to the County Council online or by phone”.",
            "description": "Shown on the topic's public page. Use plain words.",
            "cost": "For example, £35 for up to 3 items",
            "is_public": "Residents will not see this topic until you tick this.",
        }
        messages = {
            "name": {"required": "Enter the name of the topic"},
            "slug": SLUG_MESSAGES,
            "service_area": {"required": "Select the service area", "invalid_choice": "Select the service area"},
            "team": {"invalid_choice": "Select a team from the list"},
            "partner": {"invalid_choice": "Select an organisation from the list"},
            "cost": {"max_length": "What it costs must be 200 characters or fewer"},
            "online_url": {"invalid": URL_INVALID},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.partner_id:
            self.initial.setdefault("owner", OWNER_PARTNER)
        elif self.instance.team_id:
            self.initial.setdefault("owner", OWNER_TEAM)

    def layout(self) -> Layout:
        revealed = {"owner", "team", "partner", "referral"}
        before = ["name", "slug", "service_area"]
        return Layout(
            *[Field(name) for name in before],
            OwnerRadios(),
            *[Field(name) for name in self.fields if name not in revealed and name not in before],
            Button.primary("save", "Save"),
        )

    def clean(self):
        cleaned = super().clean()
        owner = cleaned.get("owner")
        # The select not chosen is ignored, whatever was posted in it, and cleared on save.
        unchosen = {OWNER_TEAM: ["partner", "referral"], OWNER_PARTNER: ["team"]}.get(owner, [])
        for name in unchosen:
            self._errors.pop(name, None)
            cleaned[name] = None if name != "referral" else ""
        if owner == OWNER_TEAM and cleaned.get("team") is None and "team" not in self._errors:
            self.add_error("team", ValidationError("Select the team", code="required"))
        elif owner == OWNER_PARTNER and cleaned.get("partner") is None and "partner" not in self._errors:
            self.add_error("partner", ValidationError("Select the organisation", code="required"))
        return cleaned

    def _update_errors(self, errors):
        # With no owner chosen, or the chosen select refused, the form has already said what to
        # do ("Select who deals with this", "Select the organisation"): not also the model's rule
        # that a topic needs a team or a partner.
        if {"owner", "team", "partner"} & set(self._errors) and hasattr(errors, "error_dict"):
            kept = {name: [e for e in errs if e.code != "no_owner"] for name, errs in errors.error_dict.items()}
            kept = {name: errs for name, errs in kept.items() if errs}
            if not kept:
                return
            errors = ValidationError(kept)
        super()._update_errors(errors)

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields if name != "owner"}


class ContactDetailsForm(GovukFormMixin, forms.ModelForm):
    """The council's customer services contact details (administrators)."""

    phone = PhoneField(label="Phone number")

    class Meta:
        model = ContactDetails
        fields = ["name", "phone", "email", "address", "opening_hours"]
        labels = {"name": "Name", "email": "Email address", "address": "Address", "opening_hours": "Opening hours"}
        help_texts = {
            "name": "For example, Customer services",
            "address": "One line of the address a line.",
            "opening_hours": "One line a day or group of days, like “Monday to Friday, 8:30am to 5pm”.",
        }
        widgets = {"address": forms.Textarea(attrs={"rows": 5}), "opening_hours": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages.update(
            {"required": "Enter the name residents contact", "max_length": "The name must be 120 characters or fewer"}
        )
        self.fields["email"].error_messages["invalid"] = EMAIL_INVALID
        self.fields["email"].widget.attrs.setdefault("class", "govuk-input")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(*[Field(name) for name in self.fields], Button.primary("save", "Save"))

    def _post_clean(self):
        pass  # the service validates (and normalises the phone number) with the model's rules

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


# --- CSV import --------------------------------------------------------------------------------

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class ImportForm(GovukFormMixin, forms.Form):
    file = forms.FileField(
        label="Upload a CSV file",
        help_text="The file must be a .csv file of 2 MB or less.",
        error_messages={"required": "Select a CSV file", "empty": "The selected file is empty",
                        "invalid": "Select a CSV file"},
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ".csv,text/csv"
        self.helper = FormHelper()
        self.helper.form_tag = False  # import.html writes the <form> (multipart)
        self.helper.layout = Layout(
            Fieldset(Field("file"), legend="Import the directory", legend_size=Size.MEDIUM),
            Button.primary("import", "Check and import"),
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise ValidationError("The selected file must be a CSV")
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError("The selected file must be smaller than 2 MB")
        raw = upload.read(MAX_UPLOAD_BYTES + 1)
        if len(raw) > MAX_UPLOAD_BYTES:
            raise ValidationError("The selected file must be smaller than 2 MB")
        # Decoding, the CSV format and the header are checked there, each with a line-numbered message.
        self.cleaned_data["rows"] = csv_io.rows_parse(raw)
        return upload
