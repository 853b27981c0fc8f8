from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout, Size
from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm

from core.forms import GovukFormMixin
from core.services import email_queue

from .preferences import COLOUR_CHOICES, TEXT_SIZE_CHOICES


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
