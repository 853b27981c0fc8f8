"""The staff contacts list and a contact's page in the browser: a team manager filters their
team's contacts by channel with the keyboard, a wrong date shows its error, and a contact opens
from the list; every page audited with axe, and nothing wider than a 320 px screen."""

import re

import pytest
from playwright.sync_api import expect

from contacts.models import Outcome
from portal import roles
from standards.models import Channel

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 800}


def _audit(page, axe) -> None:
    axe(page)
    page.set_viewport_size(NARROW)
    axe(page)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url
    page.set_viewport_size(DESKTOP)


def test_a_team_manager_filters_their_teams_contacts_and_opens_one(
    page, live_server, axe, world, sign_in, make_user, log_contact
):
    adviser_a = make_user(roles.ADVISER, team=world.team_a, first_name="Tariq", last_name="Teama")
    log_contact(adviser_a, channel=Channel.EMAIL, summary="Asked about garden waste bins")
    log_contact(world.officer_a, outcome=Outcome.SIGNPOSTED, partner=world.directory["county"],
                summary="Pothole on the county road")  # fmt: skip
    log_contact(world.officer_b, summary="Not the team manager's to see")
    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server, world.team_manager)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Contacts").click()
    expect(page.get_by_role("heading", name="Contacts", level=1)).to_be_visible()
    expect(page.get_by_role("row")).to_have_count(3)  # the header and the team's two contacts
    expect(page.get_by_text("Not the team manager's to see")).to_have_count(0)
    _audit(page, axe)

    # The filters with the keyboard alone: open them, choose the channel, send.
    page.locator("summary", has_text="Filter the contacts").focus()
    page.keyboard.press("Enter")
    page.get_by_label("Channel").select_option(Channel.EMAIL)
    started = page.get_by_role("group", name="Started")
    started.get_by_label("Day").first.fill("31")
    started.get_by_label("Month").first.fill("2")
    started.get_by_label("Year").first.fill("2026")
    page.get_by_role("button", name="Filter contacts").press("Enter")
    expect(page).to_have_title(re.compile("^Error:"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("The first day must be a real date")
    _audit(page, axe)
    for box in ("Day", "Month", "Year"):
        page.get_by_role("group", name="Started").get_by_label(box).first.fill("")
    page.get_by_role("button", name="Filter contacts").click()
    expect(page.get_by_role("row")).to_have_count(2)
    _audit(page, axe)

    page.get_by_role("row").nth(1).get_by_role("link").click()
    expect(page.get_by_text("Asked about garden waste bins").first).to_be_visible()
    expect(page.get_by_text("Tariq Teama").first).to_be_visible()
    _audit(page, axe)
