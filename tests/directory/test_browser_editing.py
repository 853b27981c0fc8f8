"""Browser journeys over the managers' editing pages: the absence date input and a topic's one
choice of who deals with it, each audited with axe at desktop width and at 320 px."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 900}


def _fits(page) -> None:
    """Nothing wider than the viewport (WCAG 1.4.10 reflow): no sideways scrolling."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _fill_date_time(page, name: str, day: str, month: str, year: str, time: str) -> None:
    for part, value in enumerate((day, month, year, time)):
        page.locator(f"#id_{name}_{part}").fill(value)


def test_absence_date_input_and_its_errors(page, live_server, axe, small_directory, administrator, sign_in):
    sign_in(page, live_server, administrator)
    page.goto(f"{live_server.url}/staff/directory/absence/add/")
    expect(page.get_by_role("heading", name="Add an absence")).to_be_visible()
    expect(page.get_by_role("group", name="Away from")).to_be_visible()
    expect(page.get_by_text("For example, 27 3 2027")).to_be_visible()
    assert page.locator('input[type="datetime-local"]').count() == 0
    axe(page)
    page.get_by_label("Officer").select_option(label="Olive Shareable")
    page.get_by_label("Reason").select_option(label="Training")
    _fill_date_time(page, "starts_at", "3", "", "2030", "9am")  # no month
    _fill_date_time(page, "ends_at", "5", "3", "2030", "half five")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_title(re.compile("^Error:"))
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("link", name="Date the absence starts must include a month")).to_be_visible()
    expect(summary.get_by_role("link", name="Enter the time the officer is back as a time")).to_be_visible()
    # Each field's error marks its own boxes only.
    assert page.locator("#id_starts_at_1").get_attribute("class").count("govuk-input--error") == 1
    assert "govuk-input--error" not in page.locator("#id_starts_at_0").get_attribute("class")
    assert "govuk-input--error" in page.locator("#id_ends_at_3").get_attribute("class")
    assert "govuk-input--error" not in page.locator("#id_ends_at_0").get_attribute("class")
    axe(page)
    summary.get_by_role("link", name="Date the absence starts must include a month").click()
    expect(page.locator("#id_starts_at_1")).to_be_focused()
    page.set_viewport_size(NARROW)
    axe(page)
    _fits(page)
    page.screenshot(path="var/directory-absence-errors-320.png", full_page=True)
    _fill_date_time(page, "starts_at", "3", "3", "2030", "9:30am")
    _fill_date_time(page, "ends_at", "5", "3", "2030", "14:30")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("has been added")).to_be_visible()
    expect(
        page.get_by_role("link", name="Olive Shareable: away until 2:30pm on Tuesday 5 March 2030", exact=True)
    ).to_be_visible()


def test_topic_is_dealt_with_by_a_team_or_another_organisation(
    page, live_server, axe, small_directory, administrator, sign_in
):
    sign_in(page, live_server, administrator)
    page.goto(f"{live_server.url}/staff/directory/topic/add/")
    group = page.get_by_role("group", name="Who deals with this?")
    expect(group).to_be_visible()
    team, partner = page.get_by_label("Team that deals with it"), page.get_by_label("Organisation that deals with it")
    expect(team).to_be_hidden()  # revealed by the choice (CSS :has, app-radios-reveal)
    expect(partner).to_be_hidden()
    axe(page)
    page.get_by_label("Name", exact=True).fill("Fly-tipping on a highway")
    page.get_by_label("Page address").fill("fly-tipping-highway")
    page.get_by_label("Service area").select_option(label="Waste and recycling")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary").get_by_role("link", name="Select who deals with this")).to_be_visible()
    axe(page)
    page.get_by_label("A council team").check()
    expect(team).to_be_visible()
    expect(partner).to_be_hidden()
    team.select_option(label="Waste collections")
    page.get_by_label("Another organisation").check()  # a change of mind: the team is ignored
    expect(partner).to_be_visible()
    expect(team).to_be_hidden()
    expect(page.get_by_label("How residents contact them")).to_be_visible()
    axe(page)
    page.set_viewport_size(NARROW)
    axe(page)
    _fits(page)
    page.screenshot(path="var/directory-topic-owner-320.png", full_page=True)
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary").get_by_role("link", name="Select the organisation")).to_be_visible()
    expect(partner).to_be_visible()  # the chosen reveal stays open on the page with errors
    partner.select_option(label="Wyeshire County Council")
    page.get_by_label("How residents contact them").fill("Report it to the County Council online.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Fly-tipping on a highway has been added.")).to_be_visible()
    from directory.models import Topic

    topic = Topic.objects.get(slug="fly-tipping-highway")
    assert (topic.team, topic.partner.name, topic.is_public) == (None, "Wyeshire County Council", False)


def test_contact_details_history_and_review_pages(page, live_server, axe, small_directory, administrator, sign_in):
    from directory import services
    from directory.models import Team

    bins = small_directory["bins"]
    services.entry_update(entry=small_directory["bulky"], by=None, fields={"adviser_script": "Book online; £40."})
    services.entry_create(
        model=Team,
        by=None,
        fields={
            "service_area": bins.service_area,
            "name": "Street cleansing",
            "slug": "street",
            "public_phone": bins.public_phone,
        },
    )
    sign_in(page, live_server, administrator)
    page.goto(f"{live_server.url}/staff/directory/")
    page.get_by_role("link", name="Council contact details").click()
    page.get_by_label("Phone number").fill("01632 960011")  # the Waste collections team's public number
    page.get_by_role("button", name="Save").click()
    expect(
        page.get_by_text("01632 960011 is also the public number of Waste collections. Check it is right")
    ).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Change history of the contact details").click()
    expect(page.get_by_text("Phone number: 01632 960011")).to_be_visible()
    axe(page)
    page.goto(f"{live_server.url}/staff/directory/topic/{small_directory['bulky'].pk}/history/")
    page.get_by_text("Before and after").first.click()
    expect(page.get_by_text("Book online; £40.")).to_be_visible()
    axe(page)
    page.goto(f"{live_server.url}/staff/directory/review/")
    expect(page.get_by_role("heading", name="Phone numbers used by more than one entry")).to_be_visible()
    axe(page)
    page.set_viewport_size(NARROW)
    axe(page)
