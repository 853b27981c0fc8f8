"""Browser journeys over the standards pages, with an axe-core audit of every page a user sees."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from standards import services
from standards.models import Channel

pytestmark = pytest.mark.browser


@pytest.fixture
def email_standard(world):
    return services.standard_create(by=None, fields={
        "channel": Channel.EMAIL, "acknowledge_within": 1, "respond_within": 5,
        "effective_from": timezone.localdate(),
        "public_wording": "We will reply to your email within 5 working days",
    })  # fmt: skip


def test_resident_reads_the_standards(page, live_server, axe, world, email_standard):
    page.goto(live_server.url)
    page.get_by_role("link", name="Our customer care standards").click()
    expect(page.get_by_role("heading", name="Our customer care standards", level=1)).to_be_visible()
    expect(page.get_by_text("We will reply to your email within 5 working days")).to_be_visible()
    expect(page.get_by_text("Monday to Thursday: 8:45am to 5:15pm")).to_be_visible()
    # Styled (STACK-NOTES trap 6: unstyled pages pass axe).
    assert page.locator("h1").evaluate("el => getComputedStyle(el).fontWeight") == "700"
    axe(page)


def test_adviser_previews_when_they_will_hear_back(page, live_server, axe, world, email_standard, sign_in):
    sign_in(page, live_server, world.adviser)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="When will they hear back?").click()
    expect(page.get_by_role("heading", name="When will they hear back?", level=1)).to_be_visible()
    axe(page)  # the empty form, with now filled in
    page.get_by_label("Day").fill("28")
    page.get_by_label("Month").fill("5")
    page.get_by_label("Year").fill("2027")
    page.get_by_label("Time received").fill("10am")
    page.get_by_label("How it came in").select_option("email")
    page.get_by_label("Type").select_option("service_request")
    page.get_by_role("button", name="Show the dates").click()
    expect(page.locator("#result")).to_contain_text("Respond by 5:15pm on Monday 7 June 2027")
    expect(page.get_by_text("Spring Bank Holiday")).to_be_visible()
    axe(page)  # with a result
    page.get_by_label("How it came in").select_option("letter")
    page.get_by_label("Type").select_option("compliment")
    page.get_by_role("button", name="Show the dates").click()
    expect(page.get_by_role("alert")).to_contain_text("No standard covers a compliment by letter")
    axe(page)  # with an error


def test_manager_edits_hours_and_adds_a_closure(page, live_server, axe, world, sign_in):
    sign_in(page, live_server, world.service_manager)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Standards").click()
    expect(page.get_by_role("heading", name="Standards and calendars", level=1)).to_be_visible()
    axe(page)  # the editing home
    page.get_by_role("link", name="Change working hours of Housing calendar").click()
    expect(page.get_by_role("heading", name="Working hours", level=1)).to_be_visible()
    axe(page)
    monday = page.get_by_role("group", name="Monday")
    monday.get_by_label("Opens", exact=True).fill("5pm")
    monday.get_by_label("Closes", exact=True).fill("9am")
    page.get_by_role("button", name="Save working hours").click()
    expect(page.get_by_role("alert")).to_contain_text("The closing time on Monday must be after the opening time")
    axe(page)  # the hours form with an error
    page.get_by_role("link", name="The closing time on Monday must be after the opening time").click()
    expect(monday.get_by_label("Opens", exact=True)).to_be_focused()
    page.goto(f"{live_server.url}/staff/standards/calendars/{world.standards['calendar_b'].pk}/closures/add/")
    axe(page)  # the closure form
    day = world.standards["closure_b"].starts_at.date()
    page.get_by_label("Reason").fill("Overlapping")
    first = page.get_by_role("group", name="First day closed")
    first.get_by_label("Day").fill(str(day.day))
    first.get_by_label("Month").fill(str(day.month))
    first.get_by_label("Year").fill(str(day.year))
    page.get_by_role("button", name="Add closure").click()
    expect(page.get_by_role("alert")).to_contain_text("This closure overlaps “Staff training”")
    axe(page)
    later = day + dt.timedelta(days=14)
    first = page.get_by_role("group", name="First day closed")
    first.get_by_label("Day").fill(str(later.day))
    first.get_by_label("Month").fill(str(later.month))
    first.get_by_label("Year").fill(str(later.year))
    page.get_by_label("Closed from (optional)").fill("1pm")
    page.get_by_role("button", name="Add closure").click()
    expect(page.get_by_text("Overlapping has been added to Housing calendar.")).to_be_visible()
    page.screenshot(path="var/standards-edit-home.png", full_page=True)


def _every_editing_page(live_server, world, standard) -> list[str]:
    s = world.standards
    calendar, closure, target = s["calendar_b"].pk, s["closure_b"].pk, s["target"].pk
    paths = [
        "/staff/standards/calendars/add/", f"/staff/standards/calendars/{calendar}/",
        f"/staff/standards/calendars/{calendar}/teams/", f"/staff/standards/calendars/{calendar}/history/",
        f"/staff/standards/closures/{closure}/delete/", "/staff/standards/standards/add/",
        f"/staff/standards/standards/{standard.pk}/", f"/staff/standards/standards/{s['standard_b'].pk}/delete/",
        f"/staff/standards/standards/{standard.pk}/history/", "/staff/standards/targets/add/",
        f"/staff/standards/targets/{target}/", f"/staff/standards/targets/{target}/history/",
        "/staff/standards/costs/phone/", "/staff/standards/costs/phone/history/",
    ]  # fmt: skip
    return [f"{live_server.url}{path}" for path in paths]


def test_every_editing_page_is_accessible_and_reflows_at_320_px(page, live_server, axe, world, email_standard,
                                                                 sign_in):  # fmt: skip
    """The pages the journeys above do not reach, as an administrator (who may open them all):
    axe finds nothing, and at 320 CSS pixels wide (WCAG 1.4.10 reflow) nothing scrolls sideways."""
    sign_in(page, live_server, world.administrator)
    for url in _every_editing_page(live_server, world, email_standard):
        page.set_viewport_size({"width": 1024, "height": 800})
        response = page.goto(url)
        assert response.status == 200, url
        axe(page)
        page.set_viewport_size({"width": 320, "height": 800})
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at 320px"
    # A form with errors at 320 px: the error summary and messages reflow too.
    page.goto(f"{live_server.url}/staff/standards/standards/add/")
    page.locator("main form .govuk-button").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe(page)


def test_manager_sets_the_cost_of_a_phone_call(page, live_server, axe, world, sign_in):
    sign_in(page, live_server, world.service_manager)
    page.goto(f"{live_server.url}/staff/standards/")
    page.get_by_role("link", name="Change the cost of a contact by phone call").click()
    page.get_by_label("Cost of one contact, in pounds (optional)").fill("3.999")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The cost can have at most 2 decimal places (pence)")
    axe(page)
    page.get_by_label("Cost of one contact, in pounds (optional)").fill("4.10")
    page.get_by_label("Where the figure comes from").fill("Our own costing, 2026")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The cost of a contact by phone call has been saved.")).to_be_visible()
    expect(page.get_by_role("cell", name="£4.10")).to_be_visible()
    axe(page)
