"""Views of the portal's own pages: home, accessibility, staff home, sign-in, password reset."""

import re
import uuid

import pytest
from django.core import mail
from django.urls import reverse

from core.models import OutboundEmail
from portal.preferences import COLOUR_COOKIE, TEXT_SIZE_COOKIE
from tests.factories import PASSWORD


def test_home_is_public(client, db):
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    assert b"Wyebridge District Council" in response.content
    assert b"govuk-skip-link" in response.content


def test_accessibility_statement_is_public(client, db):
    assert client.get(reverse("portal:accessibility-statement")).status_code == 200


@pytest.mark.parametrize(
    ("colour", "size", "classes"),
    [
        ("default", "normal", ""),
        ("high-contrast", "large", " app-theme--high-contrast app-text--large"),
        ("dark", "larger", " app-theme--dark app-text--larger"),
    ],
)
def test_accessibility_settings_are_remembered_and_applied(client, db, colour, size, classes):
    response = client.post(reverse("portal:accessibility-settings"), {"colour": colour, "text_size": size})
    assert response.status_code == 302
    assert response.cookies[COLOUR_COOKIE].value == colour
    assert response.cookies[TEXT_SIZE_COOKIE]["httponly"]
    page = client.get(reverse("portal:home")).content.decode()
    assert f'<html lang="en-GB" class="govuk-template{classes}">' in page


def test_accessibility_settings_reject_unknown_values(client, db):
    response = client.post(reverse("portal:accessibility-settings"), {"colour": "neon", "text_size": ""})
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert "Select the colours you want" in content
    assert "Select a text size" in content
    assert "<title>Error: " in content
    assert COLOUR_COOKIE not in response.cookies


def test_tampered_cookie_falls_back_to_defaults(client, db):
    client.cookies[COLOUR_COOKIE] = '"><script>'
    page = client.get(reverse("portal:home")).content.decode()
    assert '<html lang="en-GB" class="govuk-template">' in page


def test_sign_in_and_out(client, adviser):
    response = client.post(reverse("portal:login"), {"username": adviser.username, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:staff-home")
    page = client.get(reverse("portal:staff-home")).content.decode()
    assert "Adviser" in page
    assert client.post(reverse("portal:logout")).status_code == 302
    assert client.get(reverse("portal:staff-home")).status_code == 302


def test_sign_in_errors_use_govuk_messages(client, adviser):
    response = client.post(reverse("portal:login"), {"username": "", "password": ""})
    content = response.content.decode()
    assert "Enter your username" in content
    assert "Enter your password" in content
    response = client.post(reverse("portal:login"), {"username": adviser.username, "password": "wrong"})
    assert "Enter a correct username and password" in response.content.decode()


def test_sign_in_is_rate_limited(client, adviser, settings):
    """After LOGIN_FAILURE_LIMIT (default 10) failures the account is locked out, right password
    or not (django-axes; more in tests/portal/test_sign_in_limits.py)."""
    statuses = [
        client.post(
            reverse("portal:login"), {"username": adviser.username, "password": "wrong"}, REMOTE_ADDR="192.0.2.7"
        ).status_code
        for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    response = client.post(
        reverse("portal:login"), {"username": adviser.username, "password": PASSWORD}, REMOTE_ADDR="192.0.2.7"
    )
    assert response.status_code == 429
    assert "Too many sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.fixture
def _own_rate_limit_counts(settings):
    """Rate-limit counts of this test's own (a fresh key prefix): the real Redis keeps counts for a
    minute, across tests, workers and runs."""
    conf = {**settings.CACHES["ratelimit"], "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
    settings.CACHES = {**settings.CACHES, "ratelimit": conf}


@pytest.mark.usefixtures("_own_rate_limit_counts")
def test_password_reset_goes_through_the_outbox(client, adviser, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("portal:password-reset"), {"email": adviser.email})
    assert response.status_code == 302
    email = OutboundEmail.objects.get()
    assert email.to == adviser.email
    assert email.subject.startswith("Reset your")
    assert "<a href=" in email.body_html
    assert len(callbacks) == 1  # the send is queued only once the transaction commits
    link = re.search(r"https?://\S+/staff/password-reset/\S+/", email.body_text).group(0)
    confirm = client.get(link, follow=True)
    assert "Choose a new password" in confirm.content.decode()
    assert not mail.outbox  # nothing is sent in the request itself


@pytest.mark.usefixtures("_own_rate_limit_counts")
def test_password_reset_for_unknown_address_sends_nothing(client, db):
    response = client.post(reverse("portal:password-reset"), {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert not OutboundEmail.objects.exists()


def test_unknown_page_is_a_govuk_404(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
