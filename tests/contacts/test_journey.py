"""A resident's journey through an online form with the Django test client: the start pages, a
question a page, where, about you, check your answers with its Change links, sending once, the
confirmation, stop answers, the timeout, and bad input of every kind."""

import re
import time
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from cases.models import Case
from contacts import drafts
from contacts.models import Contact
from core.models import OutboundEmail
from directory import services as directory_services

pytestmark = pytest.mark.django_db

BULKY = "bulky-waste"
ABOUT_ANN = {"name": "Ann Smith", "email": "ann@example.org", "phone": ""}
WHERE = {"line1": "1 High Street", "line2": "", "town": "Wyebridge", "postcode": "wy3 4ab"}


@pytest.fixture(autouse=True)
def _no_limits(settings):
    # The rate limits' counts outlive a test (they are in Redis): these tests send many forms.
    settings.CONTACT_FORM_RATE_IP = "10000/h"
    settings.CONTACT_FORM_RATE_EMAIL = "10000/h"


def step(slug, code):
    return reverse("contacts:form-step", kwargs={"slug": slug, "code": code})


def answer(client, slug, code, data, *, change=False):
    """POST one step; a redirect to the files step (optional) goes on past it with no file."""
    response = client.post(step(slug, code) + ("?change=1" if change else ""), data)
    if response.status_code == 302 and response.url.endswith("/files/"):
        return client.post(response.url, {"action": "continue"})
    return response


def bulky_to_check(client):
    assert answer(client, BULKY, "items", {"answer": ["sofa", "fridge"]}).url == step(BULKY, "item-count")
    assert answer(client, BULKY, "item-count", {"answer": "2"}).url == step(BULKY, "item-details")
    assert answer(client, BULKY, "item-details", {"answer": ""}).url == step(BULKY, "where")
    answer(client, BULKY, "where", WHERE)
    assert answer(client, BULKY, "about-you", ABOUT_ANN).url == step(BULKY, "check")


def send(client, slug):
    page = client.get(step(slug, "check"))
    key = re.search(r'name="key" value="([^"]+)"', page.content.decode()).group(1)
    return client.post(step(slug, "check"), {"key": key}), key


# --- The start pages ------------------------------------------------------------------------------


def test_the_start_page_lists_online_forms_by_group_and_what_to_phone_about(
    client, request_types, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        directory_services.contact_details_update(by=None, fields={"phone": "01632 960000"})
    page = client.get(reverse("contacts:start")).content.decode()
    assert '<h2 class="govuk-heading-m">Request a service</h2>' in page
    assert f'href="/contact/{BULKY}/">Book a bulky waste collection</a>' in page
    assert 'href="/contact/comment/">Leave a comment</a>' in page
    assert "Phone us about these" in page and "Homeless tonight" in page
    assert "We need to talk to you straight away." in page and 'href="tel:+441632960000"' in page
    assert "/contact/homeless-tonight/" not in page
    assert 'href="/contact/"' in client.get(reverse("portal:home")).content.decode()


def test_a_form_start_page_says_what_it_is_for_and_starts_at_the_first_question(client, request_types):
    page = client.get(reverse("contacts:form-start", kwargs={"slug": BULKY})).content.decode()
    assert '<h1 class="govuk-heading-xl">Book a bulky waste collection</h1>' in page
    assert "We collect up to 3 large items." in page and "We will reply" in page  # the general standard
    assert f'href="{step(BULKY, "items")}"' in page and "Start now" in page
    assert "Your answers were deleted" not in page


@pytest.mark.parametrize(
    "path",
    [
        "/contact/nothing/",
        "/contact/nothing/items/",
        f"/contact/{BULKY}/nothing/",
        f"/contact/{BULKY}/stop/item-count/",
        "/contact/homeless-tonight/",
        "/contact/homeless-tonight/about-you/",
        f"/contact/{BULKY}/stop/nothing/",
    ],
)
def test_unknown_forms_steps_and_phone_only_types_are_not_found(client, request_types, path):
    assert client.get(path).status_code == 404


def test_an_unpublished_form_is_not_found(client, request_types):
    from contacts import services

    services.request_type_update(request_type=request_types["bulky"], by=None, fields={"is_published": False})
    assert client.get(f"/contact/{BULKY}/").status_code == 404
    assert client.get(step(BULKY, "items")).status_code == 404
    assert f"/contact/{BULKY}/" not in client.get("/contact/").content.decode()


# --- The journey ----------------------------------------------------------------------------------


def test_question_pages_follow_the_govuk_pattern(client, request_types):
    page = client.get(step(BULKY, "items")).content.decode()
    # The question is the page's heading: the legend of its checkboxes.
    assert re.search(
        r'<legend class="govuk-fieldset__legend govuk-fieldset__legend--l">\s*<h1 class="govuk-fieldset'
        r'__heading">\s*<span class="govuk-caption-l">[^<]+</span>\s*What do you need us to collect\?',
        page,
    )
    assert "<title>What do you need us to collect? \u2013 Book a bulky waste collection" in page
    assert f'href="/contact/{BULKY}/" class="govuk-back-link"' in page
    assert "We will keep your answers for 60 minutes after your last step." in page
    number = client.get(step(BULKY, "item-count")).content.decode()
    assert 'inputmode="numeric"' in number and 'type="text"' in number
    text = client.get(step(BULKY, "item-details")).content.decode()
    assert 'data-module="govuk-character-count" data-maxlength="2000"' in text
    assert re.search(r"You can enter up to 2000\s+characters", text) and not re.search("(?<!data-)maxlength=", text)
    assert f'href="{step(BULKY, "item-count")}" class="govuk-back-link"' in text
    where = client.get(step(BULKY, "where")).content.decode()
    for autocomplete in ("address-line1", "address-line2", "address-level2", "postal-code"):
        assert f'autocomplete="{autocomplete}"' in where
    assert "Where should we collect the items from?" in where
    about = client.get(step(BULKY, "about-you")).content.decode()
    for autocomplete in ("name", "email", "tel"):
        assert f'autocomplete="{autocomplete}"' in about
    assert re.search(r'class="app-honeypot"\s+aria-hidden="true"', about)
    assert re.search(r'name="website"[^>]*tabindex="-1"|tabindex="-1"[^>]*name="website"', about)


def test_a_bulky_waste_request_from_first_question_to_confirmation(client, request_types, world):
    bulky_to_check(client)
    check = client.get(step(BULKY, "check")).content.decode()
    for text in (
        "Sofa, Fridge",
        "1 High Street",
        "Wyebridge",
        "WY3 4AB",
        "Ann Smith",
        "ann@example.org",
        "Not answered",
        "None added",
    ):
        assert text in check
    assert check.count("?change=1") == 8  # 3 questions, where, files, name, email and phone
    sent, key = send(client, BULKY)
    assert sent.status_code == 302 and sent.url == reverse("contacts:form-sent", kwargs={"slug": BULKY})
    case = Case.objects.get()
    contact = Contact.objects.get()
    assert contact.key == uuid.UUID(key) and contact.case == case and case.team == world.team_a
    assert contact.answers[0] == {
        "code": "items",
        "question": "What do you need us to collect?",
        "value": ["sofa", "fridge"],
        "text": "Sofa, Fridge",
    }
    assert [a["code"] for a in contact.answers] == ["items", "item-count"]  # unanswered: left out
    assert case.location_address == "1 High Street, Wyebridge" and case.location_postcode == "WY3 4AB"
    page = client.get(sent.url).content.decode()
    assert "govuk-panel--confirmation" in page and case.reference in page
    assert f"We will reply by {case.respond_by.astimezone().strftime('%A')}" in page
    assert "We have sent you a confirmation email to <strong" in page and "ann@example.org" in page
    assert 'href="/track/"' in page and "What happens next" in page
    # The draft is gone: the form starts afresh, but the details are remembered.
    assert client.get(step(BULKY, "check")).url == step(BULKY, "items")


def test_a_comment_from_question_to_thank_you(client, request_types):
    assert answer(client, "comment", "comment", {"answer": "The park is lovely"}).url == step("comment", "about-you")
    assert answer(client, "comment", "about-you", ABOUT_ANN).url == step("comment", "check")
    sent, _ = send(client, "comment")
    page = client.get(sent.url).content.decode()
    assert "Thank you for your comment" in page and "We do not reply to comments." in page
    assert not Case.objects.exists() and Contact.objects.get().answers[0]["text"] == "The park is lovely"


def test_every_seeded_online_form_can_be_sent(client, world, response_standards):
    from contacts.demo import request_types_seed
    from contacts.models import Datatype, RequestType

    request_types_seed()
    online = list(RequestType.objects.online().prefetch_related("questions__values"))
    assert len(online) >= 13
    values = {Datatype.STRING: "Blue Ford Fiesta", Datatype.TEXT: "Since last week", Datatype.NUMBER: "2"}
    for request_type in online:
        slug = request_type.slug
        for question in request_type.questions.all():
            if question.datatype == Datatype.DATETIME:
                data = {"answer_0": "1", "answer_1": "12", "answer_2": "2026", "answer_3": "2pm"}
            elif question.is_list:
                data = {"answer": next(v.key for v in question.values.all() if not v.stops)}
            else:
                data = {"answer": values[question.datatype]}
            response = answer(client, slug, question.code, data)
            assert response.status_code == 302 and "/stop/" not in response.url, (slug, question.code)
        if request_type.asks_location:
            answer(client, slug, "where", WHERE)
        response = answer(client, slug, "about-you", ABOUT_ANN)
        assert response.url == step(slug, "check"), slug
        sent, _ = send(client, slug)
        assert sent.url == reverse("contacts:form-sent", kwargs={"slug": slug}), slug
        assert client.get(sent.url).status_code == 200
    assert Contact.objects.count() == len(online)
    fly_tipping = Contact.objects.get(request_type__slug="fly-tipping")
    assert {
        "code": "seen-at",
        "question": "When did you see it?",
        "value": "2026-12-01T14:00",
        "text": "2pm on 1 December 2026",
    } in fly_tipping.answers


def test_change_links_return_to_check_your_answers(client, request_types):
    bulky_to_check(client)
    change = client.get(step(BULKY, "item-count") + "?change=1").content.decode()
    assert f'href="{step(BULKY, "check")}" class="govuk-back-link"' in change
    assert 'value="2"' in change  # the answer kept
    response = answer(client, BULKY, "item-count", {"answer": "3"}, change=True)
    assert response.url == step(BULKY, "check")
    assert answer(client, BULKY, "where", {**WHERE, "line1": "2 Low Road"}, change=True).url == step(BULKY, "check")
    response = answer(client, BULKY, "about-you", {**ABOUT_ANN, "phone": "01632 960001"}, change=True)
    assert response.url == step(BULKY, "check")
    check = client.get(step(BULKY, "check")).content.decode()
    assert "2 Low Road" in check and "01632 960001" in check and re.search(r">\s*3\s*<", check)
    send(client, BULKY)
    assert "How many items are there?\n3" in Case.objects.get().description


def test_an_answer_that_stops_the_form_shows_what_to_do_and_keeps_the_answers(client, request_types):
    answer(client, BULKY, "item-count", {"answer": "2"})
    response = answer(client, BULKY, "items", {"answer": ["sofa", "asbestos"]})
    stop = reverse("contacts:form-stop", kwargs={"slug": BULKY, "code": "items"})
    assert response.url == stop
    page = client.get(stop).content.decode()
    assert "Asbestos is dangerous: phone us now" in page and 'href="tel:+441632960000"' in page
    assert f'href="{step(BULKY, "items")}" class="govuk-back-link"' in page
    again = client.get(step(BULKY, "items")).content.decode()
    assert re.search(r'value="asbestos"\s+checked', again)
    assert 'value="2"' in client.get(step(BULKY, "item-count")).content.decode()
    # Changed, the form goes on; the stop page no longer stops anyone.
    assert answer(client, BULKY, "items", {"answer": ["sofa"]}).url == step(BULKY, "item-count")
    assert client.get(stop).url == step(BULKY, "items")


def test_sending_again_shows_the_same_reference_and_makes_one_case(
    client, request_types, django_capture_on_commit_callbacks
):
    bulky_to_check(client)
    page = client.get(step(BULKY, "check")).content.decode()
    key = re.search(r'name="key" value="([^"]+)"', page).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(step(BULKY, "check"), {"key": key})
        second = client.post(step(BULKY, "check"), {"key": key})  # the draft is gone: found by its key
    assert first.url == second.url == reverse("contacts:form-sent", kwargs={"slug": BULKY})
    assert Case.objects.count() == 1 and Contact.objects.count() == 1 and OutboundEmail.objects.count() == 1
    reference = Case.objects.get().reference
    # A replay from another browser with the same key sees the same confirmation.
    other = Client()
    replay = other.post(step(BULKY, "check"), {"key": key})
    assert replay.status_code == 302 and reference in other.get(replay.url).content.decode()
    assert Case.objects.count() == 1


def test_the_details_are_reused_by_a_second_form_in_the_session(client, request_types):
    bulky_to_check(client)
    send(client, BULKY)
    answer(client, "comment", "comment", {"answer": "Thank you for the quick collection"})
    about = client.get(step("comment", "about-you")).content.decode()
    assert 'value="Ann Smith"' in about and 'value="ann@example.org"' in about


def test_a_filled_in_honeypot_looks_sent_but_sends_nothing(client, request_types):
    answer(client, "comment", "comment", {"answer": "Buy cheap watches"})
    response = client.post(step("comment", "about-you"), {**ABOUT_ANN, "website": "http://spam.example"})
    assert response.status_code == 200 and "Thank you" in response.content.decode()
    assert not Contact.objects.exists()
    assert client.get(step("comment", "check")).url == step("comment", "comment")  # the draft is gone


def test_a_form_over_the_rate_limit_gets_the_limit_page_and_sends_nothing(client, request_types, monkeypatch):
    from contacts import views

    calls = []
    monkeypatch.setattr(views, "submission_limited", lambda request, *, email: calls.append(email) or True)
    answer(client, "comment", "comment", {"answer": "Nice"})
    answer(client, "comment", "about-you", ABOUT_ANN)
    response, _ = send(client, "comment")
    assert response.status_code == 429 and calls == ["ann@example.org"] and not Contact.objects.exists()


# --- Bad input ----------------------------------------------------------------------------------------


def errors_of(response) -> str:
    page = response.content.decode()
    assert response.status_code == 200 and "<title>Error: " in page and "govuk-error-summary" in page
    return page


@pytest.mark.parametrize(
    ("code", "data", "message"),
    [
        ("items", {}, "Select at least one answer to “What do you need us to collect?”"),
        ("items", {"answer": ["sofa\x00"]}, "Select your answers to"),
        ("items", {"answer": ["sideboard"]}, "Select your answers to"),
        ("item-count", {"answer": ""}, "Enter your answer to “How many items are there?”"),
        ("item-count", {"answer": "two"}, "Your answer must be a whole number, like 3"),
        ("item-count", {"answer": "2\x00"}, "Your answer must be a whole number, like 3"),
        ("item-count", {"answer": "9" * 5000}, "Your answer must be a whole number, like 3"),
        ("item-count", {"answer": "100001"}, "Your answer must be a number from 0 to 100,000"),
        ("item-count", {"answer": "-1"}, "Your answer must be a number from 0 to 100,000"),
        ("item-details", {"answer": "x" * 2001}, "Your answer must be 2,000 characters or fewer"),
        ("item-details", {"answer": "a\x00b"}, "Your answer must not contain control characters"),
        ("where", {**WHERE, "postcode": "WY99 ZZZ9"}, "Enter a real postcode, like SW1A 1AA"),
        ("where", {**WHERE, "postcode": ""}, "Enter postcode"),
        ("where", {**WHERE, "line1": ""}, "Enter address line 1, typically the building and street"),
        ("where", {**WHERE, "line1": "x" * 101}, "Address line 1 must be 100 characters or fewer"),
        ("where", {**WHERE, "town": "Wye\x00"}, "Town or city must not contain control characters"),
        ("about-you", {**ABOUT_ANN, "email": "ann@"}, "Enter an email address in the correct format"),
        (
            "about-you",
            {**ABOUT_ANN, "email": "ann\x00@example.org"},
            "Email address must not contain control characters",
        ),
        ("about-you", {**ABOUT_ANN, "email": "a" * 250 + "@example.org"}, "254 characters or fewer"),
        ("about-you", {**ABOUT_ANN, "phone": "12345"}, "Enter a phone number, like 01632 960 001"),
        ("about-you", {**ABOUT_ANN, "phone": "9" * 5000}, "Enter a phone number, like 01632 960 001"),
        ("about-you", {**ABOUT_ANN, "name": ""}, "Enter your full name"),
        ("about-you", {**ABOUT_ANN, "name": "\x00"}, "Full name must not contain control characters"),
        ("about-you", {"name": "Ann", "email": "", "phone": ""}, "Enter an email address or a UK phone number"),
    ],
)
def test_bad_answers_get_a_govuk_error_and_lose_nothing(client, request_types, code, data, message):
    answer(client, BULKY, "items", {"answer": ["sofa"]})
    page = errors_of(client.post(step(BULKY, code), data))
    assert message in page
    assert re.search(r'<a href="#id_answer(_1)?">|<a href="#id_\w+">', page)  # the summary links to the field
    assert drafts.SESSION_KEY in client.session and client.session[drafts.SESSION_KEY][BULKY]["answers"]["items"]


def test_a_date_question_takes_a_date_with_or_without_a_time(client, world, response_standards):
    from contacts.demo import request_types_seed

    request_types_seed()
    url = step("fly-tipping", "seen-at")
    page = client.get(url).content.decode()
    assert "Time (optional)" in page and re.search(
        r'<h1 class="govuk-fieldset__heading">\s*<span class="govuk-caption-l">[^<]+</span>\s*When did you see it', page
    )
    assert client.post(url, {"answer_0": "1", "answer_1": "12", "answer_2": "2026", "answer_3": ""}).status_code == 302
    assert client.session[drafts.SESSION_KEY]["fly-tipping"]["answers"]["seen-at"] == "2026-12-01"
    assert 'value="1"' in client.get(url).content.decode()
    for parts, message in [
        (("31", "2", "2026", ""), "Date must be a real date"),
        (("1", "", "2026", ""), "Date must include a month"),
        (("1", "12", "2026", "25pm"), "Enter the time as a time"),
        (("1\x00", "12", "2026", ""), "Date must be a real date"),
    ]:
        data = dict(zip(["answer_0", "answer_1", "answer_2", "answer_3"], parts, strict=True))
        assert message.lower() in errors_of(client.post(url, data)).lower()


def test_a_check_answers_post_without_its_key_or_with_another_is_refused_and_sends_nothing(client, request_types):
    bulky_to_check(client)
    for data in ({}, {"key": "not-a-key"}, {"key": str(uuid.uuid4())}, {"key": "\x00"}):
        page = errors_of(client.post(step(BULKY, "check"), data))
        assert "This page was out of date" in page
    assert not Contact.objects.exists()


def test_what_the_service_refuses_is_shown_on_check_your_answers(client, request_types):
    # A stop answer kept in the draft, and the resident went on past its stop page by hand.
    bulky_to_check(client)
    assert "/stop/" in answer(client, BULKY, "items", {"answer": ["asbestos"]}).url
    response, _ = send(client, BULKY)
    page = errors_of(response)
    assert '<a href="#answers">Asbestos is dangerous: phone us now</a>' in page
    assert not Contact.objects.exists()


def test_sending_without_a_draft_says_to_start_again(client, request_types):
    response = client.post(step(BULKY, "check"), {"key": str(uuid.uuid4())})
    assert response.status_code == 400 and "We could not find your answers" in response.content.decode()
    assert client.get(step(BULKY, "check")).url == step(BULKY, "items")
    assert not Contact.objects.exists()


def test_check_your_answers_sends_the_resident_back_to_what_is_missing(client, request_types):
    answer(client, BULKY, "items", {"answer": ["sofa"]})
    assert client.get(step(BULKY, "check")).url == step(BULKY, "item-count")


def test_a_missing_csrf_token_is_refused(request_types):
    client = Client(enforce_csrf_checks=True)
    assert client.post(step(BULKY, "items"), {"answer": ["sofa"]}).status_code == 403
    assert client.post(reverse("contacts:form-keep", kwargs={"slug": BULKY})).status_code == 403


def age_draft(client, slug, seconds):
    session = client.session
    session[drafts.SESSION_KEY][slug]["saved_at"] = time.time() - seconds
    session.save()


def test_an_expired_draft_is_deleted_and_the_resident_told(client, request_types):
    answer(client, BULKY, "items", {"answer": ["sofa"]})
    age_draft(client, BULKY, 61 * 60)
    page = client.get(step(BULKY, "item-count")).content.decode()
    assert "Your answers were deleted because you did not do anything for 60 minutes." in page
    assert "Start again" in page
    assert BULKY not in client.session[drafts.SESSION_KEY]
    assert "Your answers were deleted" not in client.get(step(BULKY, "item-count")).content.decode()


def test_an_expired_draft_cannot_be_sent(client, request_types):
    bulky_to_check(client)
    page = client.get(step(BULKY, "check")).content.decode()
    key = re.search(r'name="key" value="([^"]+)"', page).group(1)
    age_draft(client, BULKY, 61 * 60)
    response = client.post(step(BULKY, "check"), {"key": key})
    assert response.status_code == 400 and "Your answers were deleted" in response.content.decode()
    assert not Contact.objects.exists()


def test_keep_my_answers_saves_the_draft_again(client, request_types):
    keep = reverse("contacts:form-keep", kwargs={"slug": BULKY})
    assert client.post(keep).status_code == 404  # nothing to keep
    answer(client, BULKY, "items", {"answer": ["sofa"]})
    age_draft(client, BULKY, 58 * 60)
    page = client.get(step(BULKY, "item-count")).content.decode()
    seconds = int(re.search(r'data-seconds-left="(\d+)"', page).group(1))
    assert 100 < seconds <= 120 and 'data-keep-url="' + keep + '"' in page
    assert "contact-timeout.js" in page
    response = client.post(keep)
    assert response.status_code == 200 and 3590 < response.json()["seconds_left"] <= 3600
    assert client.get(keep).status_code == 405
    assert client.session[drafts.SESSION_KEY][BULKY]["answers"]["items"] == ["sofa"]


def test_free_text_is_shown_escaped(client, request_types):
    answer(client, BULKY, "items", {"answer": ["sofa"]})
    answer(client, BULKY, "item-count", {"answer": "1"})
    answer(client, BULKY, "item-details", {"answer": "<script>alert(1)</script>"})
    answer(client, BULKY, "where", WHERE)
    answer(client, BULKY, "about-you", {**ABOUT_ANN, "name": "<b>Ann</b>"})
    check = client.get(step(BULKY, "check")).content.decode()
    assert "<script>alert(1)</script>" not in check and "&lt;script&gt;alert(1)&lt;/script&gt;" in check
    assert "<b>Ann</b>" not in check
