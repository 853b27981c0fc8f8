"""Tracking a case without an account: the reference and the email or postcode given with it, or
the signed link from an email. Only what the resident may see; every refusal the same."""

import re
import statistics
import time

import pytest
from django.core import signing
from django.urls import reverse

from cases import services as case_services
from cases import tracking
from cases.models import Case
from contacts.selectors import reply_promise, tracking_case, tracking_find
from core.models import OutboundEmail, RateLimitCounter

pytestmark = pytest.mark.django_db

TRACK = reverse("contacts:track")
NOTE = "Resident sounded cross: check the side gate first"
REFUSAL = "We could not find a request with that reference and email address or postcode"
_CSRF = re.compile(rb'<input type="hidden" name="csrfmiddlewaretoken" value="[^"]*">')


@pytest.fixture
def case(world, send_bulky):
    """A routed bulky waste case claimed by officer A, with an internal note and one update."""
    case = send_bulky().case
    case_services.case_claim(case=case, by=world.officer_a)
    case_services.case_note_add(case=case, by=world.officer_a, text=NOTE)
    case_services.case_update_publish(case=case, by=world.officer_a, text="We will collect on Tuesday.")
    return Case.objects.get(pk=case.pk)


def _track(client, reference, proof, **extra):
    return client.post(TRACK, {"reference": reference, "proof": proof}, **extra)


def _without_csrf(response) -> bytes:
    return _CSRF.sub(b"", response.content)


def _assert_only_public(html: str, case: Case, world) -> None:
    for private in (NOTE, "Owen", world.officer_a.username, world.team_a.name, "Ann Smith", "ann@example.org",
                    "1 High Street", "What do you need us to collect?"):  # fmt: skip
        assert private not in html


def test_the_form_asks_for_the_reference_and_the_email_or_postcode(client):
    response = client.get(TRACK)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Check how your request is going" in html
    assert 'name="reference"' in html and 'autocomplete="off"' in html
    assert 'name="proof"' in html and 'autocomplete="email"' in html
    assert "like KX7M-3QPD" in html
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.parametrize("proof", ["ann@example.org", "ANN@Example.ORG", "  Ann@example.org "])
def test_the_reference_and_the_email_in_any_case_show_the_tracking_page(client, case, world, proof):
    response = _track(client, case.reference.lower().replace("-", ""), proof)
    html = response.content.decode()
    assert response.status_code == 200
    reply = reply_promise(case)
    assert case.reference in html and "Book a bulky waste collection" in html
    assert case.public_status in html and "Received" in html
    assert f"{reply.reply_by:%A} {reply.reply_by.day} {reply.reply_by:%B %Y}" in html
    assert reply.wording and reply.wording in html
    assert "We will collect on Tuesday." in html
    _assert_only_public(html, case, world)


@pytest.mark.parametrize("proof", ["WY3 4AB", "wy34ab", " wy3   4ab "])
def test_the_reference_and_the_postcode_with_any_spacing_show_the_tracking_page(client, case, world, proof):
    response = _track(client, case.reference, proof)
    assert response.status_code == 200
    assert "We will collect on Tuesday." in response.content.decode()
    _assert_only_public(response.content.decode(), case, world)


def test_the_customers_own_postcode_also_proves_it(send_bulky):
    case = send_bulky(location={"address": "", "postcode": ""}).case
    case.customer.postcode = "WY1 2CD"
    case.customer.save()
    assert tracking_find(reference=case.reference, proof="wy12cd") == case
    assert tracking_find(reference=case.reference, proof="WY3 4AB") is None


def test_a_case_without_an_email_or_postcode_is_not_found_by_a_blank_match(send_bulky):
    case = send_bulky(
        location={"address": "", "postcode": ""}, details={"name": "Ann", "email": "", "phone": "01632 960123"}
    ).case
    assert tracking_find(reference=case.reference, proof="") is None
    assert tracking_find(reference=case.reference, proof="nobody@example.invalid") is None


def test_updates_are_newest_first_escaped_with_their_line_breaks(client, case, world):
    case_services.case_update_publish(case=case, by=world.officer_a, text="<b>Crew</b> booked.\nBring it out.")
    html = _track(client, case.reference, "ann@example.org").content.decode()
    assert "&lt;b&gt;Crew&lt;/b&gt; booked.<br>Bring it out." in html
    assert "<b>Crew</b>" not in html
    assert html.index("Crew") < html.index("We will collect on Tuesday.")


def test_a_resolved_case_says_so(client, case, world):
    case_services.case_resolve(case=case, by=world.officer_a, resolution="Collected the sofa.")
    html = _track(client, case.reference, "ann@example.org").content.decode()
    assert "Resolved" in html and "We have dealt with this request" in html
    assert "We will reply by" not in html
    assert "Collected the sofa." not in html  # the resolution is the office's record, not an update


def test_wrong_email_and_unknown_reference_give_the_same_page(client, case):
    wrong_email = _track(client, case.reference, "someone.else@example.org")
    unknown = _track(client, "KX7M-3QPD" if case.reference != "KX7M-3QPD" else "KX7M-3QPE", "ann@example.org")
    wrong_postcode = _track(client, case.reference, "WY9 9ZZ")
    assert wrong_email.status_code == unknown.status_code == wrong_postcode.status_code == 200
    assert _without_csrf(wrong_email) == _without_csrf(unknown) == _without_csrf(wrong_postcode)
    html = unknown.content.decode()
    assert REFUSAL in html and "Check your email from us" in html and "govuk-error-summary" in html
    assert "<title>Error: " in html
    # Nothing typed comes back: it would be the one difference between the two refusals.
    assert case.reference not in html and "ann@example.org" not in html


def test_wrong_email_and_unknown_reference_take_about_the_same_time(client, case, settings):
    settings.TRACKING_RATE = "1000/m"

    def median(reference, proof) -> float:
        times = []
        for _ in range(20):
            start = time.perf_counter()
            _track(client, reference, proof)
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    _track(client, case.reference, "warm@example.org")  # the first request pays for imports
    wrong_email = median(case.reference, "someone.else@example.org")
    unknown = median("KX7M-3QPD", "ann@example.org")
    assert max(wrong_email, unknown) < 3 * min(wrong_email, unknown)


def test_both_refusals_make_the_same_one_query(case, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert tracking_find(reference=case.reference, proof="someone.else@example.org") is None
    with django_assert_num_queries(1):
        assert tracking_find(reference="KX7M-3QPD", proof="ann@example.org") is None


def test_badly_formed_answers_get_govuk_errors(client):
    html = _track(client, "", "").content.decode()
    assert "Enter your reference" in html and "Enter the email address or postcode you gave us" in html
    html = _track(client, "KX7M", "not an email or a postcode").content.decode()
    assert "like KX7M-3QPD" in html and "Enter the email address or postcode you gave us" in html
    html = _track(client, "K" * 21, "a@" + "b" * 260 + ".org").content.decode()
    assert "govuk-error-summary" in html


def test_nul_bytes_are_a_form_error_not_a_server_error(client):
    response = _track(client, "KX7M\x00-3QPD", "ann\x00@example.org")
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()


# --- The signed link ---------------------------------------------------------------------------


def test_the_signed_link_shows_the_tracking_page_without_typing(client, case, world):
    response = client.get(reverse("contacts:track-link", args=[tracking.tracking_token_make(case.reference)]))
    html = response.content.decode()
    assert response.status_code == 200
    assert case.reference in html and "We will collect on Tuesday." in html
    _assert_only_public(html, case, world)


def _link_broken(response) -> None:
    assert response.status_code == 404
    html = response.content.decode()
    assert "This link does not work" in html and f'href="{TRACK}"' in html


def test_a_tampered_forged_or_expired_link_does_not_work(client, case, monkeypatch):
    token = tracking.tracking_token_make(case.reference)
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    other_salt = signing.dumps(case.reference, salt="something.else")
    other_reference = tracking.tracking_token_make("KX7M-3QPD")
    for bad in (tampered, other_salt, other_reference, "nonsense"):
        _link_broken(client.get(reverse("contacts:track-link", args=[bad])))
    # A link made for the reference alone, by someone without the secret.
    forged = signing.dumps(case.reference, key="not-the-secret", salt=tracking.SALT)
    _link_broken(client.get(reverse("contacts:track-link", args=[forged])))
    monkeypatch.setattr(tracking, "MAX_AGE", -1)
    _link_broken(client.get(reverse("contacts:track-link", args=[token])))


def test_a_link_with_a_nul_byte_or_posted_to_is_refused_not_a_server_error(client, case):
    assert client.get("/track/abc%00def/").status_code == 404
    link = reverse("contacts:track-link", args=[tracking.tracking_token_make(case.reference)])
    assert client.post(link).status_code == 405


def test_the_email_of_a_public_update_links_the_tracking_page(client, case):
    email = OutboundEmail.objects.get(subject=f"An update on your case {case.reference}")
    token = tracking.tracking_token_make(case.reference)
    link = reverse("contacts:track-link", args=[token])
    assert link in email.body_text and link in email.body_html
    assert client.get(link).status_code == 200


# --- Constant query count ----------------------------------------------------------------------


@pytest.mark.parametrize("updates", [0, 5])
def test_the_tracking_page_costs_the_same_queries_however_many_updates(
    client, world, send_bulky, django_assert_num_queries, updates
):
    case = send_bulky().case
    for number in range(updates):
        case_services.case_update_publish(case=case, by=world.officer_a, text=f"Update {number}")
    link = reverse("contacts:track-link", args=[tracking.tracking_token_make(case.reference)])
    with django_assert_num_queries(2):
        assert _track(client, case.reference, "ann@example.org").status_code == 200
    with django_assert_num_queries(2):
        response = client.get(link)
    assert response.content.decode().count("app-public-update") == updates
    with django_assert_num_queries(2):
        found = tracking_case(case.reference)
    assert len(found.public_updates) == updates


# --- Rate limits --------------------------------------------------------------------------------


def _assert_limited(response) -> None:
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    html = response.content.decode()
    assert "govuk-heading-xl" in html and "You have tried to find a request a lot of times" in html
    assert "Wait a minute" in html


def test_too_many_attempts_from_one_address_get_the_429_page(client, case, settings):
    settings.TRACKING_RATE = "3/m"
    for attempt in range(3):
        assert _track(client, f"KX7M-3QP{'ACD'[attempt]}", "ann@example.org").status_code == 200
    _assert_limited(_track(client, case.reference, "ann@example.org"))


def test_too_many_attempts_at_one_reference_from_many_addresses_get_the_429_page(client, case, settings):
    settings.TRACKING_RATE = "3/m"
    for attempt in range(3):
        response = _track(client, case.reference, f"WY{attempt} 1AA", REMOTE_ADDR=f"192.0.2.{attempt + 1}")
        assert response.status_code == 200
    _assert_limited(_track(client, case.reference, "ann@example.org", REMOTE_ADDR="192.0.2.99"))
    # Another reference from a fresh address is not affected.
    assert _track(client, "KX7M-3QPD", "ann@example.org", REMOTE_ADDR="192.0.2.100").status_code == 200


def test_the_signed_link_is_not_rate_limited(client, case, settings):
    settings.TRACKING_RATE = "1/m"
    link = reverse("contacts:track-link", args=[tracking.tracking_token_make(case.reference)])
    for _ in range(3):
        assert client.get(link).status_code == 200


def test_the_rate_limit_holds_with_redis_unreachable(client, case, settings):
    # Port 1: connection refused at once (as tests/core/test_ratelimit.py); counts go to PostgreSQL.
    settings.CACHES = {**settings.CACHES, "ratelimit": {**settings.CACHES["ratelimit"],
                                                        "LOCATION": "redis://127.0.0.1:1/0"}}  # fmt: skip
    settings.TRACKING_RATE = "2/m"
    assert _track(client, case.reference, "ann@example.org").status_code == 200
    assert _track(client, case.reference, "wrong@example.org").status_code == 200
    _assert_limited(_track(client, case.reference, "ann@example.org"))
    assert RateLimitCounter.objects.exists()
