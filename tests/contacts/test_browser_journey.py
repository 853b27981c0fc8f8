"""A resident requests a bulky waste collection in headless Chromium, at desktop width and on a
375-pixel phone (each page also checked at 320 pixels for sideways scrolling): from the home page
through every question, an error, a Change link from check your answers, to the reference and the
reply date, then tracks it. Every page is audited by axe-core. And the timeout warning."""

import re
import time

import pytest
from django.contrib.sessions.backends.db import SessionStore
from playwright.sync_api import expect

from cases.models import Case
from contacts import drafts
from core.models import OutboundEmail
from directory import services as directory_services

pytestmark = pytest.mark.browser

WIDTHS = [1024, 375]


@pytest.fixture
def council_phone(transactional_db):
    # live_server tests are transactional: the contact details' cache clearing really runs.
    directory_services.contact_details_update(by=None, fields={"phone": "01632 960000"})


@pytest.fixture(autouse=True)
def _no_limits(settings):
    settings.CONTACT_FORM_RATE_IP = "10000/h"
    settings.CONTACT_FORM_RATE_EMAIL = "10000/h"


def _check(page, axe, width: int, name: str) -> None:
    axe(page)
    page.screenshot(path=f"var/journey-{name}-{width}.png", full_page=True)
    if width <= 375:
        assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url
        page.set_viewport_size({"width": 320, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, page.url
        page.set_viewport_size({"width": width, "height": 900})


def _continue(page):
    page.get_by_role("button", name="Continue").click()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_resident_requests_a_bulky_waste_collection_and_tracks_it(
    page, live_server, axe, request_types, council_phone, width
):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url)
    page.locator("main").get_by_role("link", name="Contact us online").click()
    expect(page.get_by_role("heading", name="Contact us", level=1)).to_be_visible()
    phone_us = page.locator("main").get_by_role("region", name="Phone us about these")
    expect(phone_us.get_by_role("link", name="01632 960000")).to_have_attribute("href", "tel:+441632960000")
    _check(page, axe, width, "start")

    page.get_by_role("link", name="Book a bulky waste collection").click()
    expect(page.get_by_role("heading", name="Book a bulky waste collection", level=1)).to_be_visible()
    _check(page, axe, width, "form-start")
    page.get_by_role("button", name="Start now").click()

    expect(page.get_by_role("heading", name="What do you need us to collect?", level=1)).to_be_visible()
    _continue(page)  # nothing chosen: the error
    expect(page).to_have_title(re.compile("^Error: What do you need us to collect?"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Select at least one answer")
    _check(page, axe, width, "question-error")
    summary.get_by_role("link").click()
    expect(page.get_by_label("Sofa")).to_be_focused()
    page.get_by_label("Sofa").check()
    page.get_by_label("Fridge").check()
    _continue(page)

    expect(page.get_by_role("heading", name="How many items are there?", level=1)).to_be_visible()
    _check(page, axe, width, "question-number")
    page.get_by_label("How many items are there?").fill("2")
    _continue(page)

    expect(page.get_by_role("heading", name="Tell us anything else about the items", level=1)).to_be_visible()
    _check(page, axe, width, "question-text")
    page.get_by_label("Tell us anything else about the items").fill("The sofa is in two pieces.")
    _continue(page)

    expect(page.get_by_role("heading", name="Where should we collect the items from?", level=1)).to_be_visible()
    _check(page, axe, width, "where")
    page.get_by_label("Address line 1").fill("1 High Street")
    page.get_by_label("Town or city").fill("Wyebridge")
    page.get_by_label("Postcode").fill("wy3 4ab")
    _continue(page)

    expect(page.get_by_role("heading", level=1)).to_contain_text("photo")
    _continue(page)  # the files step: files are optional

    expect(page.get_by_role("heading", name="Your details", level=1)).to_be_visible()
    _check(page, axe, width, "about-you")
    page.get_by_label("Full name").fill("Ann Smith")
    page.get_by_label("Email address").fill("ann@example.org")
    _continue(page)

    expect(page.get_by_role("heading", name="Check your answers before sending", level=1)).to_be_visible()
    expect(page.locator(".govuk-summary-list")).to_contain_text("Sofa, Fridge")
    _check(page, axe, width, "check")
    page.get_by_role("link", name="Change how many items are there?").click()
    expect(page.get_by_label("How many items are there?")).to_have_value("2")
    page.get_by_label("How many items are there?").fill("3")
    _continue(page)
    expect(page.get_by_role("heading", name="Check your answers before sending", level=1)).to_be_visible()
    row = page.locator(".govuk-summary-list__row", has_text="How many items are there?")
    expect(row.locator(".govuk-summary-list__value")).to_have_text("3")
    page.get_by_role("button", name="Send").click()

    expect(page.get_by_role("heading", name="Request sent", level=1)).to_be_visible()
    case = Case.objects.get()
    expect(page.locator(".govuk-panel")).to_contain_text(case.reference)
    expect(page.get_by_text(re.compile(r"We will reply by \w+day \d+ \w+"))).to_be_visible()
    expect(page.get_by_text("We have sent you a confirmation email")).to_be_visible()
    _check(page, axe, width, "sent")
    assert "How many items are there?\n3" in case.description

    page.get_by_role("link", name="Check how your request is going").click()
    page.get_by_label("Reference").fill(case.reference)
    page.get_by_label("Email address or postcode").fill("ann@example.org")
    page.get_by_role("button", name="Find your request").click()
    expect(page.get_by_role("heading", name="Book a bulky waste collection", level=1)).to_be_visible()
    expect(page.get_by_text("We will reply by")).to_be_visible()
    _check(page, axe, width, "tracked")

    # The link in the confirmation email opens the same page without typing.
    link = re.search(r"/track/[^/\s]+/", OutboundEmail.objects.get().body_text)[0]
    page.goto(live_server.url + link)
    expect(page.get_by_role("heading", name="Book a bulky waste collection", level=1)).to_be_visible()
    expect(page.locator("main")).to_contain_text(case.reference)
    _check(page, axe, width, "tracked-link")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_stop_answer_says_to_phone_now(page, live_server, axe, request_types, council_phone, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/contact/bulky-waste/items/")
    page.get_by_label("Asbestos sheets").check()
    _continue(page)
    expect(page.get_by_text("Asbestos is dangerous: phone us now")).to_be_visible()
    expect(page.locator("main").get_by_role("link", name="01632 960000")).to_have_attribute("href", "tel:+441632960000")
    _check(page, axe, width, "stop")
    page.get_by_role("link", name="Back", exact=True).click()
    expect(page.get_by_label("Asbestos sheets")).to_be_checked()


def _draft_age(page, live_server, slug: str, seconds: int) -> None:
    # The resident's draft, as if its last step was `seconds` ago.
    cookie = next(c for c in page.context.cookies(live_server.url) if c["name"] == "sessionid")
    session = SessionStore(session_key=cookie["value"])
    forms = session[drafts.SESSION_KEY]
    forms[slug]["saved_at"] = time.time() - seconds
    session[drafts.SESSION_KEY] = forms
    session.save()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_timeout_warning_offers_to_keep_the_answers(page, live_server, axe, request_types, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/contact/bulky-waste/items/")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_have_count(0)  # nothing to keep yet
    page.get_by_label("Sofa").check()
    _continue(page)
    expect(page.get_by_role("dialog")).to_be_hidden()  # 60 minutes left
    _draft_age(page, live_server, "bulky-waste", 57 * 60)  # 3 minutes left: the warning on the next page
    page.reload()
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("We will delete your answers in 3 minutes if you do not do anything.")
    expect(page.get_by_role("heading", name="Do you need more time?")).to_be_focused()
    expect(dialog.get_by_role("link", name="Start again")).to_be_hidden()
    _check(page, axe, width, "timeout")
    with page.expect_response(re.compile("/keep/$")) as kept:
        dialog.get_by_role("button", name="Keep my answers").click()
    assert kept.value.status == 200 and kept.value.json()["seconds_left"] > 3590
    expect(dialog).to_be_hidden()
    page.reload()
    expect(page.get_by_role("dialog")).to_be_hidden()
    seconds = int(page.locator("[data-seconds-left]").get_attribute("data-seconds-left"))
    assert seconds > 3590
    # Escape keeps them too.
    _draft_age(page, live_server, "bulky-waste", 58 * 60)
    page.reload()
    expect(dialog).to_be_visible()
    with page.expect_response(re.compile("/keep/$")):
        page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    page.get_by_label("How many items are there?").fill("2")
    _continue(page)
    expect(page.get_by_role("heading", name="Tell us anything else about the items", level=1)).to_be_visible()
