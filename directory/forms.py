"""GOV.UK forms for editing the directory and importing it from CSV."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fieldset, Layout, Size
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from core.forms import GovukFormMixin

from . import csv_io, selectors
from .models import Absence, Officer, Partner, ServiceArea, Team, Topic

SLUG_MESSAGES = {
    "required": "Enter a web address name, like council-tax",
    "invalid": "Web address names can only contain lower-case letters, numbers and hyphens, like council-tax",
    "unique": "Another entry already uses this web address name. Enter a different one",
}
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
            if isinstance(field.widget, forms.DateTimeInput):
                field.widget.attrs.setdefault("class", "govuk-input govuk-input--width-20")
            elif isinstance(field.widget, (forms.URLInput, forms.EmailInput)):
                # crispy-forms-gds leaves these unstyled (STACK-NOTES trap 9).
                field.widget.attrs.setdefault("class", "govuk-input")
            if name in getattr(self.Meta, "messages", {}):
                field.error_messages.update(self.Meta.messages[name])
        self.helper = FormHelper()
        self.helper.layout = self.layout()

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            field = self.fields.get(name)
            if field is not None and isinstance(field.widget, forms.DateTimeInput):
                classes = field.widget.attrs.get("class", "")
                if "govuk-input--error" not in classes:
                    field.widget.attrs["class"] = f"{classes} govuk-input--error".strip()

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
    web_url = _url_field("Web page")

    class Meta:
        model = ServiceArea
        fields = ["name", "slug", "summary", "handles", "public_phone", "public_email", "opening_hours", "web_url",
                  "is_public"]  # fmt: skip
        labels = {"slug": "Web address name", "handles": "What this service deals with",
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
        labels = {"slug": "Web address name", "out_of_hours": "Out of hours arrangements"}
        messages = {
            "service_area": {"required": "Select the service area", "invalid_choice": "Select the service area"},
            "name": {"required": "Enter the name of the team"},
            "slug": SLUG_MESSAGES,
            "email": {"invalid": EMAIL_INVALID},
        }


class OfficerForm(DirectoryForm):
    direct_line = PhoneField(label="Direct line")

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
            self.fields["user"].label_from_instance = lambda u: f"{u.get_full_name() or u.username} ({u.username})"


class AbsenceForm(DirectoryForm):
    starts_at = forms.DateTimeField(
        label="Away from",
        help_text="For example, 3 March 2027 at 9am",
        input_formats=["%Y-%m-%dT%H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"required": "Enter the date and time the absence starts",
                        "invalid": "Enter the start as a real date and time"},
    )  # fmt: skip
    ends_at = forms.DateTimeField(
        label="Back at",
        help_text="Callers are told the officer is not available until then.",
        input_formats=["%Y-%m-%dT%H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"required": "Enter the date and time the officer is back",
                        "invalid": "Enter the end as a real date and time"},
    )  # fmt: skip

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
        labels = {"slug": "Web address name", "handles": "What they deal with", "web_url": "Website",
                  "how_to_refer": "How to refer someone"}  # fmt: skip
        messages = {
            "name": {"required": "Enter the organisation's name", "unique": "A partner with this name already exists"},
            "slug": SLUG_MESSAGES,
            "handles": {"required": "Enter what the organisation deals with"},
            "email": {"invalid": EMAIL_INVALID},
            "web_url": {"invalid": URL_INVALID},
        }


class TopicForm(DirectoryForm):
    synonyms = ListField(label="Also called", required=False, help_text="Other names people use, one a line.")
    keywords = ListField(label="Keywords", required=False, help_text="Words people say about it, one a line.")
    online_url = _url_field("Where residents can do this online")

    class Meta:
        model = Topic
        fields = ["name", "slug", "service_area", "team", "partner", "synonyms", "keywords", "adviser_script",
                  "online_url", "is_public"]  # fmt: skip
        labels = {
            "slug": "Web address name",
            "team": "Team that deals with it",
            "partner": "Or the partner organisation to send people to",
            "adviser_script": "What advisers say",
            "online_url": "Where residents can do this online",
            "is_public": "Show this topic to the public",
        }
        messages = {
            "name": {"required": "Enter the name of the topic"},
            "slug": SLUG_MESSAGES,
            "service_area": {"required": "Select the service area", "invalid_choice": "Select the service area"},
            "team": {"invalid_choice": "Select a team from the list"},
            "partner": {"invalid_choice": "Select a partner organisation from the list"},
            "online_url": {"invalid": URL_INVALID},
        }


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
