"""Browser journeys of the staff phone guide (issue #11), with an axe-core audit of every page at
desktop width and on a 320px screen, where no page may scroll sideways (WCAG 1.4.10 reflow)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from directory import services
from directory.models import Absence

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 320, "height": 800}


def _fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} is {width}px wide"


def _both_widths(page, axe) -> None:
    """axe at desktop width, then at 320px with nothing wider than the screen."""
    page.set_viewport_size(DESKTOP)
    axe(page)
    page.set_viewport_size(PHONE)
    _fits(page)
    axe(page)
    page.set_viewport_size(DESKTOP)


def _away(officer, *, reason=Absence.Reason.SICKNESS):
    now = timezone.now()
    return services.entry_create(model=Absence, by=None, fields={
        "officer": officer, "starts_at": now - timedelta(hours=1), "ends_at": now + timedelta(days=2),
        "reason": reason, "caller_note": "Ask for the duty officer",
    })  # fmt: skip


def test_adviser_transfers_a_caller_from_the_search_result(page, live_server, axe, small_directory, adviser, sign_in):
    """A caller asks about a bulky collection: the adviser searches and reads the number to
    transfer to off the result, without opening the phone guide."""
    _away(small_directory["hugo"])
    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server, adviser)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Phone guide").click()
    page.get_by_label("Who deals with…").fill("bulky")
    page.get_by_role("button", name="Search").click()
    result = page.locator(".app-staff-result").filter(has_text="Bulky waste collection").first
    expect(result).to_contain_text("Transfer the call to Waste collections on 01632 960200")
    assert result.locator(".app-transfer .app-phone").inner_text() == "01632 960200"
    expect(result).to_contain_text("Matched:")
    _both_widths(page, axe)
    page.set_viewport_size(PHONE)
    page.screenshot(path="var/directory-staff-search-320.png", full_page=True)
    # An officer whose line is private: the result says which number to transfer to instead, and
    # that he is away, but never why (an adviser is not his manager).
    page.set_viewport_size(DESKTOP)
    page.get_by_label("Who deals with…").fill("Hugo Private")
    page.get_by_role("button", name="Search").click()
    hugo = page.locator(".app-staff-result").filter(has_text="Hugo Private").first
    expect(hugo).to_contain_text(
        "Direct line not to be given to callers: transfer the call to Waste collections on 01632 960200"
    )
    expect(hugo).to_contain_text("Away today")
    expect(hugo).not_to_contain_text("Sickness")
    _both_widths(page, axe)


def test_phone_guide_pages_fit_a_320px_screen(page, live_server, axe, small_directory, councillor, sign_in):
    for officer in small_directory["bins"].officers.all():
        _away(officer, reason=Absence.Reason.LEAVE)  # the away table, and the everyone-away warning
    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server, councillor)
    for path in ("/staff/phone-guide/", "/staff/phone-guide/waste/", "/staff/phone-guide/search/?q=waste"):
        page.goto(f"{live_server.url}{path}")
        _both_widths(page, axe)
    expect(page.get_by_text("Everyone in Waste collections is away today.").first).to_be_visible()
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/staff/phone-guide/waste/")
    # Stacked: each cell captioned by its column, the header row kept for screen readers only.
    cell = page.locator("#officer-{} td".format(small_directory["olive"].pk)).first
    assert cell.evaluate("el => getComputedStyle(el, '::before').content").startswith('"Job title')
    page.screenshot(path="var/directory-phone-guide-area-320.png", full_page=True)


def test_the_print_view_on_screen(page, live_server, axe, small_directory, adviser, sign_in):
    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server, adviser)
    page.goto(f"{live_server.url}/staff/phone-guide/print/")
    expect(page.get_by_role("button", name="Print this page")).to_be_visible()
    expect(page.get_by_role("navigation", name="Contents")).to_be_visible()
    _both_widths(page, axe)
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Print this page")).to_be_hidden()
    expect(page.locator(".govuk-footer")).to_be_hidden()
    assert page.locator(".app-print-guide").evaluate("el => getComputedStyle(el).fontSize") == "12px"  # 9pt
