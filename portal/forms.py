import datetime as dt

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fieldset, Layout, Size
from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm

from core.forms import (
    GovukDate,
    GovukFormMixin,
    GovukSelect,
    LayoutForm,
    date_range_check,
    optional_choice_field,
    optional_pk_field,
)
from core.services import email_queue
from standards.forms import DateField
from standards.models import Channel

from .preferences import COLOUR_CHOICES, TEXT_SIZE_CHOICES
from .selectors import DASHBOARD_MAX_DAYS, DashboardFilters, DashboardScope, Period, period_default


class SignInForm(GovukFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account has been switched off. Ask an administrator.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].error_messages = {"required": "Enter your username"}
        self.fields["password"].error_messages = {"required": "Enter your password"}
        self.helper = FormHelper()
        self.helper.form_tag = False  # the template writes the <form> (with its "next" field)
        self.helper.layout = Layout(
            Field.text("username", field_width=20),
            Field("password"),
            Button.primary("sign-in", "Sign in"),
        )


class AccessibilityForm(GovukFormMixin, forms.Form):
    colour = forms.ChoiceField(
        label="Colours",
        choices=COLOUR_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the colours you want", "invalid_choice": "Select the colours you want"},
    )
    text_size = forms.ChoiceField(
        label="Text size",
        choices=TEXT_SIZE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select a text size", "invalid_choice": "Select a text size"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        # The template writes the <form> itself (with its CSRF token): a second one from crispy
        # would nest a form inside a form, which is invalid HTML.
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.radios("colour", legend_size=Size.MEDIUM),
            Field.radios("text_size", legend_size=Size.MEDIUM),
            Button.primary("save", "Save settings"),
        )


class StaffPasswordResetForm(GovukFormMixin, PasswordResetForm):
    """Django's reset form, but the email goes through the outbox rather than straight to SMTP,
    so a reset is never lost to a mail server that is briefly down."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].error_messages = {
            "required": "Enter your work email address",
            "invalid": "Enter an email address in the correct format, like name@example.gov.uk",
        }
        self.helper = FormHelper()
        self.helper.form_tag = False  # the template writes the <form>
        self.helper.layout = Layout(Field.text("email", field_width=30), Button.primary("send", "Send reset link"))

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):
        # The context holds the user object, which is not kept: only what the templates render.
        email_queue(to=to_email, template="portal/emails/password_reset", context=context)


class StaffSetPasswordForm(GovukFormMixin, SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].error_messages = {"required": "Enter a new password"}
        self.fields["new_password2"].error_messages = {"required": "Confirm your new password"}
        self.helper = FormHelper()
        self.helper.form_tag = False  # the template writes the <form>
        self.helper.layout = Layout(
            Field("new_password1"), Field("new_password2"), Button.primary("save", "Save password")
        )


class DashboardForm(LayoutForm):
    """The dashboard's filters, read from the query string: the period (this month so far when
    no day is given), a service area and team of the viewer's scope, a channel. A filter in error
    is shown on its field and the dashboard keeps the defaults for it."""

    submit_label = "Show the figures"

    first = DateField(what="the first day", label="From", required=False, help_text="For example, 1 4 2027")
    last = DateField(what="the last day", label="To", required=False, help_text="For example, 30 4 2027")
    area = optional_pk_field("Service area", what="service area")
    team = optional_pk_field("Team", what="team")
    channel = optional_choice_field("Channel", Channel.choices, what="channel")

    def __init__(self, *args, scope: DashboardScope, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.scope = scope
        self.today = today
        self.fields["area"].choices = [  # type: ignore[attr-defined]
            ("", "Every service area" if scope.area_ids is None else "All of mine"),
            *[(str(area.pk), area.name) for area in scope.areas],
        ]
        self.fields["team"].choices = [  # type: ignore[attr-defined]
            ("", "Every team" if scope.team_ids is None else "All of mine"),
            *[(str(team.pk), f"{team.name} ({team.service_area.name})") for team in scope.teams],
        ]

    def layout(self) -> Layout:
        return Layout(
            Fieldset(GovukDate("first"), GovukDate("last"), legend="Period", legend_size=Size.SMALL),
            GovukSelect("area"),
            GovukSelect("team"),
            GovukSelect("channel"),
        )

    def clean(self):
        data = super().clean()
        date_range_check(self, data, "first", "last")
        first, end = data.get("first"), data.get("last") or self.today
        if first and "last" not in self.errors:
            if first > self.today:
                self.add_error("first", "The first day must be today or in the past")
            elif (end - first).days + 1 > DASHBOARD_MAX_DAYS:
                self.add_error("last", f"The period must be at most {DASHBOARD_MAX_DAYS // 366} years long")
        return data

    def filters(self) -> DashboardFilters:
        """The filters that were valid (call after is_valid()). No first day: this month so far,
        or the month of the last day given; no last day: today."""
        data = self.cleaned_data if self.is_bound else {}
        first, last = data.get("first"), data.get("last")
        if "first" in self.errors or "last" in self.errors:
            first = last = None
        # A first day after today is an error (clean), so it never gets this far.
        period = Period(first, last or self.today) if first else period_default(last or self.today)
        areas = {area.pk: area for area in self.scope.areas}
        teams = {team.pk: team for team in self.scope.teams}
        return DashboardFilters(
            period=period,
            area=areas.get(data.get("area")) if data.get("area") else None,
            team=teams.get(data.get("team")) if data.get("team") else None,
            channel=data.get("channel", ""),
            cases_filter=self.scope.cases_filter,
        )
