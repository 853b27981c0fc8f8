"""The dashboard in the browser: a service manager opens it from the menu, changes the period (an
error first), follows a figure to the contacts behind it and downloads a table; each page audited
with axe at desktop width and at 320 px, with nothing wider than the screen."""

import datetime as dt
import re

import pytest
import time_machine
from playwright.sync_api import expect

from .dashboard_world import at, log

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 800}


def _audit(page, axe, name: str) -> None:
    axe(page)
    page.set_viewport_size(NARROW)
    axe(page)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=f"var/portal-dashboard-{name}-320.png", full_page=True)
    page.set_viewport_size(DESKTOP)


@pytest.fixture
def march_2027():
    """The live server's clock in March 2027 (the world's target starts in February 2027): a
    period that has not begun yet is refused."""
    with time_machine.travel(at(3, 10), tick=True):
        yield


def test_a_manager_reads_the_dashboard_and_follows_a_figure(page, live_server, axe, world, sign_in, march_2027):
    for day in (1, 2, 3):
        log(world.officer_b, at(2, day), topic=world.directory["homeless"])
    log(world.officer_b, at(2, 4), outcome="signposted", partner=world.directory["county"])
    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server, world.service_manager)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()
    expect(page.get_by_text("Figures for Housing")).to_be_visible()
    _audit(page, axe, "this-month")

    page.get_by_text("Change the period and filters").click()
    page.get_by_role("group", name="Period").get_by_label("Day").first.fill("1")
    page.get_by_role("group", name="Period").get_by_label("Month").first.fill("2")
    page.get_by_role("group", name="Period").get_by_label("Year").first.fill("2099")
    page.get_by_role("button", name="Show the figures").click()
    expect(page).to_have_title(re.compile("^Error:"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("The first day must be today or in the past")
    _audit(page, axe, "error")

    period = page.get_by_role("group", name="Period")
    for label, values in (("Day", ("1", "28")), ("Month", ("2", "2")), ("Year", ("2027", "2027"))):
        boxes = period.get_by_label(label)
        boxes.nth(0).fill(values[0])
        boxes.nth(1).fill(values[1])
    page.get_by_role("button", name="Show the figures").click()
    expect(page.get_by_text("Figures for Housing, February 2027")).to_be_visible()
    expect(page.get_by_text("75.0% of 4 logged contacts")).to_be_visible()
    _audit(page, axe, "february")

    table = page.get_by_role("table", name=re.compile("First-point resolution by channel"))
    table.get_by_role("link", name="3", exact=True).click()
    expect(page.get_by_role("heading", name="Contacts", level=1)).to_be_visible()
    expect(page.get_by_text("3 contacts, newest first")).to_be_visible()
    _audit(page, axe, "drill-down")

    page.go_back()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Download this table as CSV.*Contacts signposted by partner")).click()
    assert download.value.suggested_filename == "signposting-partner-2027-02-01-to-2027-02-28.csv"


def test_a_councillor_reads_the_summary(page, live_server, axe, world, sign_in):
    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server, world.councillor)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Dashboard").click()
    expect(page.get_by_text("council-wide summary for councillors")).to_be_visible()
    _audit(page, axe, "councillor")


def test_the_cases_behind_a_figure(page, live_server, axe, world, sign_in, case_make):
    case_make()
    case_make(summary="A fridge left on the pavement " * 3)
    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server, world.team_manager)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Cases").click()
    page.get_by_role("link", name="All cases you may see, open or closed").click()
    expect(page.get_by_text("2 cases, newest first")).to_be_visible()
    _audit(page, axe, "cases-all")
    page.get_by_text("Filter the cases").click()
    page.get_by_label("Only cases").select_option(label="Transferred more than once")
    page.get_by_role("button", name="Filter cases").click()
    expect(page.get_by_text("No cases match these filters.")).to_be_visible()
    _audit(page, axe, "cases")
    # What happened, with a day that is not a real one (the filters stay open once used).
    page.get_by_label("Only cases").select_option(label="Any case")
    happened = page.get_by_role("group", name="What happened to the case, and when")
    happened.get_by_label("What happened").select_option(label="Given an extension")
    happened.get_by_label("Day").first.fill("31")
    happened.get_by_label("Month").first.fill("2")
    happened.get_by_label("Year").first.fill("2026")
    page.get_by_role("button", name="Filter cases").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The first day it happened must be a real date")
    expect(page.get_by_text("No cases match these filters.")).to_be_visible()
    _audit(page, axe, "cases-happened")


def test_the_surveys_behind_the_satisfaction_figures(page, live_server, axe, world, sign_in, customer):
    from django.utils import timezone

    from contacts import services

    contact = log(world.officer_a, timezone.now() - dt.timedelta(hours=1), customer=customer)
    invitation = services.survey_invite(contact=contact)
    services.survey_answer(invitation=invitation, satisfaction=2, resolved=False, comment="Nobody <b>rang</b> back")
    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server, world.team_manager)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Dashboard").click()
    page.get_by_role("link", name="0.0% satisfied, of 1 answers").click()
    expect(page.get_by_role("heading", name="Satisfaction surveys", level=1)).to_be_visible()
    expect(page.get_by_text("1 survey sent, newest first")).to_be_visible()
    expect(page.get_by_text("Nobody <b>rang</b> back")).to_be_visible()
    _audit(page, axe, "surveys")
    # The figure's filters are in use: they are open.
    page.get_by_label("Answers").select_option(label="Satisfied (4 or 5)")
    page.get_by_role("group", name="Survey sent").get_by_label("Day").first.fill("32")
    page.get_by_role("button", name="Filter answers").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The first day must be a real date")
    expect(page.get_by_text("No surveys match these filters.")).to_be_visible()
    _audit(page, axe, "surveys-error")
    page.get_by_role("link", name="Clear filters").click()
    page.get_by_role("link", name=re.compile("^Contact on")).click()
    expect(page.get_by_role("heading", name="Satisfaction survey")).to_be_visible()


def _tab_to(page, locator, limit: int = 300) -> None:
    """Press Tab until `locator` has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {locator}")


def test_the_dashboard_and_its_figures_work_from_the_keyboard(page, live_server, world, sign_in, march_2027):
    log(world.officer_b, at(2, 1), topic=world.directory["homeless"])
    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server, world.service_manager)
    page.goto(f"{live_server.url}/staff/dashboard/")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text(re.compile("Skip to main content"))
    _tab_to(page, page.locator("summary", has_text="Change the period and filters"))
    page.keyboard.press("Enter")
    period = page.get_by_role("group", name="Period")
    _tab_to(page, period.get_by_label("Day").first)
    for value in ("1", "2", "2027", "28", "2", "2027"):
        page.keyboard.type(value)
        page.keyboard.press("Tab")
    _tab_to(page, page.get_by_role("button", name="Show the figures"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("Figures for Housing, February 2027")).to_be_visible()
    # A headline figure, then the list behind it.
    figure = page.get_by_role("link", name="100.0% of 1 logged contacts")
    _tab_to(page, figure)
    page.keyboard.press("Enter")
    expect(page.get_by_text("1 contact, newest first")).to_be_visible()
