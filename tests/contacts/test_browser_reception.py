"""Reception in the browser: a floor-walker checks visitors in on a tablet (the form's errors too),
the waiting list with its entries, and an adviser calling the next visitor; every page audited with
axe, and nothing wider than a 320 px screen."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 800}


def _audit(page, axe, name: str) -> None:
    axe(page)
    page.set_viewport_size(NARROW)
    axe(page)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=f"var/contacts-reception-{name}-320.png", full_page=True)
    page.set_viewport_size(DESKTOP)


def test_check_in_then_call_next(page, live_server, axe, world, sign_in):
    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server, world.adviser)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Reception").click()
    expect(page.get_by_role("heading", name="Waiting list", level=1)).to_be_visible()
    expect(page.get_by_text("No one is waiting.").first).to_be_visible()
    page.get_by_role("link", name="Check a visitor in").click()
    _audit(page, axe, "check-in")

    page.get_by_role("button", name="Check in").click()
    expect(page).to_have_title(re.compile("^Error:"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter why they have come in")
    _audit(page, axe, "check-in-errors")

    page.get_by_label("Why have they come in?").fill("A housing repair that has waited since the spring")
    page.get_by_label("Needs the specialist desk").check()
    page.get_by_role("button", name="Check in").click()
    expect(page.get_by_text("Visitor (no name given) has been checked in for the specialist desk.")).to_be_visible()
    page.get_by_label("Name (optional)").fill("Alexandria Featherstonehaugh-Montgomery")
    page.get_by_label("Why have they come in?").fill("Council tax")
    page.get_by_role("button", name="Check in").click()
    expect(page.get_by_text("has been checked in for the general desk")).to_be_visible()

    page.get_by_role("link", name="Back to the waiting list").click()
    expect(page.get_by_text("2 people waiting, 1 for the specialist desk.")).to_be_visible()
    expect(page.get_by_role("cell", name="Specialist desk")).to_be_visible()
    _audit(page, axe, "waiting-list")

    page.get_by_role("button", name="Call next visitor (specialist desk)").click()
    expect(page).to_have_url(re.compile(r"/staff/contacts/log/\?visit=\d+$"))
    expect(page.get_by_text("Visitor (no name given) has been called to your desk.")).to_be_visible()


def test_every_visit_with_its_wait(page, live_server, axe, world, sign_in):
    from contacts import services

    seen = services.visit_check_in(by=world.adviser, fields={"name": "Pat Visitor", "reason": "Council tax"})
    services.visit_call(visit=seen, by=world.adviser)
    services.visit_check_in(by=world.adviser, fields={"name": "", "reason": "A parking permit"})
    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server, world.adviser)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Reception").click()
    page.get_by_role("link", name="Every visit, with its wait").click()
    expect(page.get_by_role("heading", name="Visits", level=1)).to_be_visible()
    expect(page.get_by_text("2 visits, newest first")).to_be_visible()
    expect(page.get_by_text("Visitor (no name given)")).to_be_visible()
    _audit(page, axe, "visits")
    page.get_by_text("Filter the visits").click()
    page.get_by_label("Only visitors who were").select_option(label="Called to a desk")
    page.get_by_role("group", name="Arrived").get_by_label("Month").first.fill("13")
    page.get_by_role("button", name="Filter visits").click()
    expect(page).to_have_title(re.compile("^Error:"))
    expect(page.get_by_text("1 visit, newest first")).to_be_visible()
    _audit(page, axe, "visits-error")
