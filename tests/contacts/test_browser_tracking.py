"""A resident tracks a request in headless Chromium, at desktop width, on a 375-pixel phone and on
a 320-pixel screen: the form, its errors, the refusal, the tracking page and the signed link, each
audited by axe-core, with nothing scrolling sideways."""

import re

import pytest
from playwright.sync_api import expect

from cases import services as case_services
from cases.tracking import tracking_token_make

pytestmark = pytest.mark.browser

WIDTHS = [1024, 375, 320]


@pytest.fixture
def case(world, send_bulky, transactional_db):
    case = send_bulky().case
    case_services.case_claim(case=case, by=world.officer_a)
    case_services.case_update_publish(case=case, by=world.officer_a, text="We will collect on Tuesday.\nLeave it out.")
    return case


def _check(page, axe, width: int) -> None:
    axe(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


@pytest.mark.parametrize("width", WIDTHS)
def test_a_resident_tracks_a_request(page, live_server, axe, case, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/track/")
    expect(page.get_by_role("heading", name="Check how your request is going", level=1)).to_be_visible()
    _check(page, axe, width)  # the form
    page.screenshot(path=f"var/track-form-{width}.png", full_page=True)

    page.get_by_role("button", name="Find your request").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter your reference")
    expect(page).to_have_title(re.compile("^Error: "))
    _check(page, axe, width)  # the errors
    page.screenshot(path=f"var/track-errors-{width}.png", full_page=True)

    page.get_by_label("Reference").fill(case.reference)
    page.get_by_label("Email address or postcode").fill("someone.else@example.org")
    page.get_by_role("button", name="Find your request").click()
    expect(summary).to_contain_text("We could not find a request with that reference")
    expect(page).to_have_title(re.compile("^Error: "))
    _check(page, axe, width)  # the refusal
    page.screenshot(path=f"var/track-refused-{width}.png", full_page=True)
    summary.get_by_role("link").click()
    expect(page.get_by_label("Reference")).to_be_focused()

    page.get_by_label("Reference").fill(case.reference.lower().replace("-", " "))
    page.get_by_label("Email address or postcode").fill("wy34ab")
    page.get_by_role("button", name="Find your request").click()
    expect(page.get_by_role("heading", name="Book a bulky waste collection", level=1)).to_be_visible()
    expect(page.get_by_text("We will reply by")).to_be_visible()
    expect(page.locator(".app-public-update")).to_contain_text("We will collect on Tuesday.")
    _check(page, axe, width)  # the tracking page
    page.screenshot(path=f"var/track-case-{width}.png", full_page=True)

    page.goto(f"{live_server.url}/track/{tracking_token_make(case.reference)}/")
    expect(page.get_by_role("heading", name="Book a bulky waste collection", level=1)).to_be_visible()
    _check(page, axe, width)  # from the email's link

    page.goto(f"{live_server.url}/track/not-a-real-token/")
    expect(page.get_by_role("heading", name="This link does not work", level=1)).to_be_visible()
    _check(page, axe, width)
    page.get_by_role("link", name="check how your request is going with its reference").click()
    expect(page.get_by_role("heading", name="Check how your request is going", level=1)).to_be_visible()
