"""contacts.abuse: forms sent per client address and per email address, tracking attempts per
client address and per reference, and the one GOV.UK page for going over. The counts are real
(Redis, or PostgreSQL with Redis unreachable); tests/contacts/conftest.py gives each test its own."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory
from django.urls import reverse

from cases.models import Case
from contacts.abuse import limited_response, submission_limited, tracking_limited
from core.models import OutboundEmail, RateLimitCounter

from .conftest import RESIDENT, bulky_ready

pytestmark = pytest.mark.django_db


def _request(address: str = "192.0.2.1"):
    request = RequestFactory().post("/contact/bulky-waste/send/", REMOTE_ADDR=address)
    request.user = AnonymousUser()  # the page's navigation asks
    return request


def test_forms_from_one_address_are_limited_whatever_the_email(settings):
    settings.CONTACT_FORM_RATE_IP, settings.CONTACT_FORM_RATE_EMAIL = "3/h", "100/h"
    assert not any(submission_limited(_request(), email=f"person{n}@example.org") for n in range(3))
    assert submission_limited(_request(), email="someone.new@example.org")
    # Another address is counted apart.
    assert not submission_limited(_request("192.0.2.2"), email="someone.new@example.org")


def test_forms_to_one_email_are_limited_in_any_letter_case_from_any_address(settings):
    settings.CONTACT_FORM_RATE_IP, settings.CONTACT_FORM_RATE_EMAIL = "100/h", "2/h"
    assert not submission_limited(_request("192.0.2.1"), email="ann@example.org")
    assert not submission_limited(_request("192.0.2.2"), email=" ANN@Example.org ")
    assert submission_limited(_request("192.0.2.3"), email="Ann@example.org")
    assert not submission_limited(_request("192.0.2.4"), email="bob@example.org")


def test_a_form_without_an_email_counts_per_address_only(settings):
    settings.CONTACT_FORM_RATE_IP, settings.CONTACT_FORM_RATE_EMAIL = "2/h", "1/h"
    assert not submission_limited(_request(), email="")
    assert not submission_limited(_request(), email="")
    assert submission_limited(_request(), email="")


def test_tracking_attempts_are_limited_per_address_and_per_reference(settings):
    settings.TRACKING_RATE = "2/m"
    assert not tracking_limited(_request(), reference="KX7M-3QPD")
    assert not tracking_limited(_request(), reference="KX7M-3QPE")
    assert tracking_limited(_request(), reference="KX7M-3QPF")
    # One reference from many addresses, however it is typed.
    assert not tracking_limited(_request("192.0.2.10"), reference="AAAA-CCCC")
    assert not tracking_limited(_request("192.0.2.11"), reference="aaaa cccc")
    assert tracking_limited(_request("192.0.2.12"), reference="AAAACCCC")


def test_the_limits_hold_with_redis_unreachable(settings):
    settings.CACHES = {**settings.CACHES, "ratelimit": {**settings.CACHES["ratelimit"],
                                                        "LOCATION": "redis://127.0.0.1:1/0"}}  # fmt: skip
    settings.CONTACT_FORM_RATE_IP, settings.CONTACT_FORM_RATE_EMAIL = "1/h", "100/h"
    assert not submission_limited(_request(), email="ann@example.org")
    assert submission_limited(_request(), email="ann@example.org")
    assert RateLimitCounter.objects.exists()
    # Only digests reach the counters, never the email address.
    assert not RateLimitCounter.objects.filter(key__icontains="ann").exists()


@pytest.mark.parametrize(
    ("what", "seconds", "words"),
    [("forms", "3600", "You have sent a lot of forms in a short time. Wait an hour, or"),
     ("tracking", "60", "You have tried to find a request a lot of times in a short time. Wait a minute, or")],
)  # fmt: skip
def test_the_limited_page_is_a_govuk_429_with_retry_after(settings, what, seconds, words):
    settings.CONTACT_FORM_RATE_IP, settings.CONTACT_FORM_RATE_EMAIL, settings.TRACKING_RATE = "20/h", "10/h", "10/m"
    response = limited_response(_request(), what=what)
    assert response.status_code == 429 and response["Retry-After"] == seconds
    html = response.content.decode()
    assert words in html and 'class="govuk-heading-xl"' in html


def test_the_limited_page_gives_the_councils_number_when_there_is_one(settings):
    from django.core.cache import cache

    from directory.selectors import CONTACT_DETAILS_CACHE_KEY

    cache.set(CONTACT_DETAILS_CACHE_KEY, {**cache.get(CONTACT_DETAILS_CACHE_KEY), "phone": "01632 960000"})
    html = limited_response(_request(), what="forms").content.decode()
    assert "or phone us on" in html and "01632 960000" in html


# --- Through the form's Send -----------------------------------------------------------------------

CHECK = reverse("contacts:form-step", kwargs={"slug": "bulky-waste", "code": "check"})


def _send(client, details: dict = RESIDENT, address: str = "192.0.2.1"):
    key = bulky_ready(client.session, details=details)
    return client.post(CHECK, {"key": key}, REMOTE_ADDR=address)


def _assert_forms_limited(response) -> None:
    assert response.status_code == 429 and response["Retry-After"] == "3600"
    assert "You have sent a lot of forms in a short time. Wait an hour" in response.content.decode()


def test_sending_too_many_forms_from_one_address_gets_the_429_page_and_sends_nothing(client, request_types, settings):
    settings.CONTACT_FORM_RATE_IP, settings.CONTACT_FORM_RATE_EMAIL = "2/h", "100/h"
    for number in range(2):
        assert _send(client, {**RESIDENT, "email": f"person{number}@example.org"}).status_code == 302
    _assert_forms_limited(_send(client, {**RESIDENT, "email": "person9@example.org"}))
    assert Case.objects.count() == 2 and OutboundEmail.objects.count() == 2
    # The answers are kept: once the hour is up, Send works.
    assert client.get(CHECK).status_code == 200
    assert _send(Client(), address="192.0.2.2").status_code == 302


def test_sending_too_many_forms_to_one_email_gets_the_429_page_from_any_address(client, request_types, settings):
    settings.CONTACT_FORM_RATE_IP, settings.CONTACT_FORM_RATE_EMAIL = "100/h", "2/h"
    assert _send(Client(), address="192.0.2.1").status_code == 302
    assert _send(Client(), {**RESIDENT, "email": "ANN@example.org"}, address="192.0.2.2").status_code == 302
    _assert_forms_limited(_send(client, address="192.0.2.3"))
    assert Case.objects.count() == 2
    assert _send(Client(), {**RESIDENT, "email": "bob@example.org"}, address="192.0.2.4").status_code == 302


def test_sending_the_same_form_again_is_not_counted(client, request_types, settings):
    settings.CONTACT_FORM_RATE_IP = "1/h"
    key = bulky_ready(client.session)
    assert client.post(CHECK, {"key": key}).status_code == 302
    # A re-post or replay of the form just sent shows its confirmation, not the limit page.
    assert client.post(CHECK, {"key": key}).status_code == 302
    assert Case.objects.count() == 1
