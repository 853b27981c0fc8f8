"""The comment form from start to finish with the keyboard alone, and the journey's other pages a
resident can land on (too many forms sent, start again, the honeypot's thank-you), each audited
by axe-core in headless Chromium."""

import pytest
from playwright.sync_api import expect

from contacts.models import Contact

pytestmark = pytest.mark.browser

START = "/contact/comment/"


@pytest.fixture(autouse=True)
def _no_limits(settings, transactional_db):
    settings.CONTACT_FORM_RATE_IP = "10000/h"
    settings.CONTACT_FORM_RATE_EMAIL = "10000/h"


def _tab_to(page, name: str, limit: int = 60) -> None:
    """Press Tab until the focused element is the link or button called `name`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.innerText || document.activeElement.value || ''")
        if focused.strip() == name:
            return
    raise AssertionError(f"{name} was not reached with Tab from {page.url}")


def _type_into(page, label: str, text: str) -> None:
    # Tab until the field with this label has the focus, then type.
    field = page.get_by_label(label)
    for _ in range(30):
        page.keyboard.press("Tab")
        if field.evaluate("element => element === document.activeElement"):
            page.keyboard.type(text)
            return
    raise AssertionError(f"{label} was not reached with Tab from {page.url}")


def _to_check_your_answers(page, live_server) -> None:
    page.goto(live_server.url + START)
    _tab_to(page, "Start now")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="What is your comment?")).to_be_visible()
    _type_into(page, "What is your comment?", "The new bus shelter is lovely.")
    _tab_to(page, "Continue")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Your details")).to_be_visible()
    _type_into(page, "Full name", "Kay Board")
    _type_into(page, "Email address", "kay@example.org")
    _tab_to(page, "Continue")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Check your answers before sending")).to_be_visible()


def test_a_comment_sent_with_the_keyboard_alone(page, live_server, axe, request_types):
    _to_check_your_answers(page, live_server)
    axe(page)
    _tab_to(page, "Send")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Thank you for your comment")).to_be_visible()
    axe(page)
    contact = Contact.objects.get()
    assert contact.case is None and contact.customer.name == "Kay Board"


def test_too_many_forms_sent_says_so(page, live_server, axe, request_types, settings):
    _to_check_your_answers(page, live_server)
    settings.CONTACT_FORM_RATE_IP = "0/h"
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("sent a lot of forms")
    axe(page)
    assert not Contact.objects.exists()


def test_answers_gone_say_start_again(page, live_server, axe, request_types, settings):
    _to_check_your_answers(page, live_server)
    # The session, and with it the answers, is gone (as after the draft's time ran out on a shared
    # computer's browser); the CSRF cookie stays, so Send reaches the view.
    kept = [c for c in page.context.cookies() if c["name"] != settings.SESSION_COOKIE_NAME]
    page.context.clear_cookies()
    page.context.add_cookies(kept)
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("button", name="Start again")).to_be_visible()
    axe(page)
    assert not Contact.objects.exists()


def test_a_robot_filling_the_honeypot_is_thanked_and_nothing_is_sent(page, live_server, axe, request_types):
    page.goto(live_server.url + "/contact/comment/about-you/")
    page.get_by_label("Full name").fill("Robot")
    page.get_by_label("Email address").fill("robot@example.org")
    page.locator("input[name=website]").evaluate("element => { element.value = 'http://spam.example' }")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    axe(page)
    assert not Contact.objects.exists()
