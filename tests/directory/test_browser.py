"""Browser journeys over the directory, with an axe-core audit of every page a user sees."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_resident_searches_and_finds_the_number(page, live_server, axe, small_directory):
    page.goto(live_server.url)
    page.get_by_role("link", name="Find a service").first.click()
    expect(page.get_by_role("heading", name="Find a service", exact=True)).to_be_visible()
    axe(page)  # the A to Z
    page.get_by_label("Search for a service").fill("bullky waste")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_title(re.compile("^Search results for \u2018bullky waste\u2019"))
    first = page.locator(".app-search-result").first
    assert "Bulky waste collection" in first.inner_text()
    assert "Matched:" not in first.inner_text()  # the reason is for staff, not residents
    axe(page)  # search results
    first.get_by_role("link", name="Bulky waste collection").click()
    expect(page.get_by_role("heading", name="Bulky waste collection", level=1)).to_be_visible()  # its own page
    assert "01632 960011" in page.locator("main").inner_text()
    axe(page)  # the topic page
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Waste and recycling").click()
    expect(page.get_by_role("heading", name="Waste and recycling", level=1)).to_be_visible()
    assert "01632 960011" in page.locator("#team-waste-collections").inner_text()
    axe(page)  # the service page
    page.screenshot(path="var/directory-service-page.png", full_page=True)


def test_empty_and_odd_searches_are_accessible(page, live_server, axe, small_directory):
    page.goto(f"{live_server.url}/services/search/?q=zzzzqqq")
    expect(page.get_by_text("There are no matching results.")).to_be_visible()
    axe(page)
    page.goto(f"{live_server.url}/services/search/?q={'x' * 300}")
    expect(page.get_by_text("we used only the first 200 characters")).to_be_visible()
    axe(page)


def test_phone_guide_pages_are_accessible(page, live_server, axe, small_directory, councillor, sign_in):
    sign_in(page, live_server, councillor)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Phone guide").click()
    expect(page.get_by_role("heading", name="Phone guide", level=1)).to_be_visible()
    axe(page)
    page.get_by_label("Who deals with…").fill("olive")
    page.get_by_role("button", name="Search").click()
    assert "Olive Shareable" in page.locator(".app-search-result").first.inner_text()
    axe(page)
    page.goto(f"{live_server.url}/staff/phone-guide/waste/")
    expect(page.get_by_text("Not to be given to callers")).to_be_visible()
    axe(page)
    page.screenshot(path="var/directory-phone-guide-area.png", full_page=True)
    page.goto(f"{live_server.url}/staff/phone-guide/print/")
    axe(page)
    page.emulate_media(media="print")
    # Each section of the printed guide starts a page (see tests/directory/test_print_guide.py).
    assert page.locator(".app-print-guide__area").first.evaluate("el => getComputedStyle(el).breakBefore") == "page"
    expect(page.locator(".govuk-service-navigation__wrapper")).to_be_hidden()


def test_edit_forms_and_their_errors_are_accessible(page, live_server, axe, small_directory, administrator, sign_in):
    sign_in(page, live_server, administrator)
    page.goto(f"{live_server.url}/staff/directory/")
    axe(page)
    for kind in ("service-area", "team", "officer", "absence", "partner", "topic"):
        page.goto(f"{live_server.url}/staff/directory/{kind}/add/")
        axe(page)
        page.get_by_role("button", name="Save").click()
        expect(page).to_have_title(re.compile("^Error:"))
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        assert "This field is required" not in page.content(), kind
        axe(page)
    page.screenshot(path="var/directory-topic-errors.png", full_page=True)


def test_editing_a_topic_then_its_history_and_review(page, live_server, axe, small_directory, administrator, sign_in):
    sign_in(page, live_server, administrator)
    page.goto(f"{live_server.url}/staff/directory/topic/{small_directory['bulky'].pk}/")
    axe(page)
    page.get_by_label("Name", exact=True).fill("Bulky items collection")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("has been updated")).to_be_visible()
    page.goto(f"{live_server.url}/staff/directory/topic/{small_directory['bulky'].pk}/history/")
    expect(page.get_by_text("Name: Bulky waste collection to Bulky items collection")).to_be_visible()
    axe(page)
    page.goto(f"{live_server.url}/staff/directory/topic/{small_directory['bulky'].pk}/delete/")
    axe(page)
    page.goto(f"{live_server.url}/staff/directory/team/{small_directory['bins'].pk}/delete/")
    page.get_by_role("button", name="Yes, delete it").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe(page)
    page.goto(f"{live_server.url}/staff/directory/review/")
    axe(page)


def test_absence_overlap_is_a_form_error(page, live_server, axe, small_directory, administrator, sign_in):
    sign_in(page, live_server, administrator)
    for attempt in range(2):
        page.goto(f"{live_server.url}/staff/directory/absence/add/")
        page.get_by_label("Officer").select_option(label="Olive Shareable")
        for name, day in (("starts_at", "3"), ("ends_at", "5")):  # the GOV.UK date input and a time box
            for part, value in enumerate((day, "3", "2030", "9am")):
                page.locator(f"#id_{name}_{part}").fill(value)
        page.get_by_label("Reason").select_option(label="Annual leave")
        page.get_by_label("Who callers should contact instead (optional)").fill("Ask for the duty officer")
        page.get_by_role("button", name="Save").click()
        if attempt == 0:
            expect(page.get_by_text("has been added")).to_be_visible()
    expect(page.get_by_role("link", name="already away for some of this time", exact=False)).to_be_visible()
    axe(page)


def test_import_page_and_its_error_report(page, live_server, axe, small_directory, administrator, tmp_path, sign_in):
    sign_in(page, live_server, administrator)
    page.goto(f"{live_server.url}/staff/directory/import/")
    axe(page)
    bad = tmp_path / "directory.csv"
    bad.write_text("record_type,slug,name,phone,handles\npartner,bad,Bad partner,12345,Things\n", encoding="utf-8")
    page.get_by_label("Upload a CSV file").set_input_files(str(bad))
    page.get_by_role("button", name="Check and import").click()
    expect(page.get_by_text("The file was not imported")).to_be_visible()
    expect(page.locator("#import-errors").get_by_text("Enter a phone number")).to_be_visible()
    axe(page)
    page.screenshot(path="var/directory-import-errors.png", full_page=True)
    page.get_by_role("button", name="Check and import").click()  # no file chosen
    expect(page.locator(".govuk-error-summary").get_by_text("Select a CSV file")).to_be_visible()
    axe(page)
