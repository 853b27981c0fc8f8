"""Residents' journeys through the directory in headless Chromium, at desktop width and on a
320-pixel screen, with an axe-core audit of every page and a check that nothing scrolls sideways."""

import re

import pytest
from playwright.sync_api import expect

from directory import services

pytestmark = pytest.mark.browser

WIDTHS = [1024, 320]
COUNCIL = "Wyebridge District Council"


@pytest.fixture
def contact(small_directory, transactional_db):
    # live_server tests are transactional: on-commit callbacks (the cache clearing) really run.
    services.contact_details_update(by=None, fields={
        "phone": "01632 960000", "email": "customer.services@example.gov.uk",
        "address": "Council Offices\nHigh Street\nWyebridge WB1 1AA",
        "opening_hours": "Monday to Friday, 8:30am to 5pm",
    })  # fmt: skip
    services.entry_update(entry=small_directory["county"], by=None, fields={
        "opening_hours": "Monday to Friday, 9am to 5pm", "web_url": "https://www.wyeshire.example.gov.uk/",
    })  # fmt: skip


def _check(page, axe, width: int) -> None:
    axe(page)
    if width <= 320:
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, page.url


@pytest.mark.parametrize("width", WIDTHS)
def test_resident_from_home_page_to_the_right_number(page, live_server, axe, small_directory, contact, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url)
    expect(page.locator("main").get_by_role("link", name="01632 960000")).to_have_attribute("href", "tel:+441632960000")
    _check(page, axe, width)  # the home page
    page.screenshot(path=f"var/public-home-{width}.png", full_page=True)
    page.locator("main").get_by_label("Search for a service").fill("large items")
    page.locator("main").get_by_role("button", name="Search").click()
    expect(page).to_have_title(re.compile("^Search results for \u2018large items\u2019"))
    first = page.locator(".app-search-result").first
    assert "Matched:" not in first.inner_text()
    _check(page, axe, width)  # search results
    page.screenshot(path=f"var/public-search-{width}.png", full_page=True)
    first.get_by_role("link", name="Bulky waste collection").click()
    expect(page.get_by_role("heading", name="Bulky waste collection", level=1)).to_be_visible()
    expect(page.get_by_text("£35 for up to 3 items")).to_be_visible()
    expect(page.get_by_role("button", name="Do it online")).to_have_attribute(
        "href", "https://www.example.gov.uk/bulky"
    )
    expect(page.locator("main").get_by_role("link", name="01632 960011")).to_have_attribute("href", "tel:+441632960011")
    _check(page, axe, width)  # the topic page
    page.screenshot(path=f"var/public-topic-{width}.png", full_page=True)


@pytest.mark.parametrize("width", WIDTHS)
def test_resident_whose_query_belongs_to_another_body(page, live_server, axe, small_directory, contact, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/services/")
    page.locator("main").get_by_label("Search for a service").fill("potholes")
    page.locator("main").get_by_role("button", name="Search").click()
    first = page.locator(".app-search-result").first
    expect(first).to_contain_text(f"Wyeshire County Council deals with this, not {COUNCIL}.")
    expect(first.get_by_role("link", name="01632 960900")).to_have_attribute("href", "tel:+441632960900")
    _check(page, axe, width)
    first.get_by_role("link", name="Potholes").click()
    expect(page.get_by_role("heading", name="Potholes", level=1)).to_be_visible()
    expect(page.get_by_text(f"Wyeshire County Council deals with this, not {COUNCIL}.")).to_be_visible()
    expect(page.get_by_text("Report potholes to the County Council online or by phone.")).to_be_visible()
    expect(page.locator("main").get_by_role("link", name="01632 960900")).to_have_attribute("href", "tel:+441632960900")
    expect(page.get_by_role("link", name="Wyeshire County Council website")).to_be_visible()
    _check(page, axe, width)
    page.screenshot(path=f"var/public-partner-topic-{width}.png", full_page=True)


@pytest.mark.parametrize("width", WIDTHS)
def test_no_results_and_other_public_pages(page, live_server, axe, small_directory, contact, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/services/search/?q=passport")
    expect(page.get_by_text("There are no matching results.")).to_be_visible()
    expect(page.locator("main").get_by_role("link", name="01632 960000")).to_have_attribute("href", "tel:+441632960000")
    expect(page.get_by_role("link", name=f"other organisations, not {COUNCIL}")).to_be_visible()
    _check(page, axe, width)
    page.screenshot(path=f"var/public-no-results-{width}.png", full_page=True)
    for path in ("/services/", "/services/waste/", "/accessibility/", "/accessibility/settings/?next=/services/"):
        page.goto(f"{live_server.url}{path}")
        _check(page, axe, width)
    page.goto(f"{live_server.url}/accessibility/")
    page.screenshot(path=f"var/public-accessibility-statement-{width}.png", full_page=True)


def test_accessibility_settings_return_to_the_page_you_were_on(page, live_server, axe, small_directory):
    page.goto(f"{live_server.url}/services/waste/bulky-waste/")
    page.get_by_role("link", name="Change colours and text size").click()
    assert page.evaluate("document.querySelectorAll('form form').length") == 0  # no form inside a form
    page.get_by_label("Large", exact=True).check()
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Your accessibility settings have been saved.")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Go back to the page you were on").click()
    expect(page.get_by_role("heading", name="Bulky waste collection", level=1)).to_be_visible()
    assert page.url == f"{live_server.url}/services/waste/bulky-waste/"
