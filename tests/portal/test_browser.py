"""Browser journeys over the portal's own pages, each audited with axe-core."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_home_page_is_styled_and_accessible(page, live_server, axe):
    page.goto(live_server.url)
    assert page.title().startswith("Home")
    # The stylesheet really loaded (axe would not notice an unstyled page).
    header = page.locator(".govuk-header")
    assert header.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(11, 79, 108)"
    axe(page)


def test_skip_link_is_first_for_keyboard_users(page, live_server):
    page.goto(live_server.url)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"


@pytest.mark.parametrize(
    ("colour_label", "size_label", "html_class"),
    [
        ("High contrast (yellow on black)", "Large", "app-theme--high-contrast app-text--large"),
        ("Dark mode", "Larger", "app-theme--dark app-text--larger"),
        ("Standard colours", "Normal", ""),
    ],
)
def test_accessibility_settings_change_every_page(page, live_server, axe, colour_label, size_label, html_class):
    page.goto(f"{live_server.url}/accessibility/settings/")
    axe(page)
    normal_size = page.locator("main p.govuk-body").first.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    page.get_by_label(colour_label).check()
    page.get_by_label(size_label, exact=True).check()
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Your accessibility settings have been saved.")).to_be_visible()
    assert (page.locator("html").get_attribute("class") or "").replace("govuk-template", "").strip() == html_class
    axe(page)  # each theme keeps zero violations
    page.goto(live_server.url)  # remembered on the next page too
    assert (page.locator("html").get_attribute("class") or "").replace("govuk-template", "").strip() == html_class
    size = page.locator("main p.govuk-body").first.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    if size_label == "Normal":
        assert size == pytest.approx(normal_size)
    else:
        assert size > normal_size
    axe(page)


def test_settings_form_errors_are_summarised(page, live_server, axe):
    page.goto(f"{live_server.url}/accessibility/settings/")
    # Without a choice the server says so (the form starts with the current choice checked,
    # so clear it the way a tampered request would).
    page.evaluate("document.querySelectorAll('input[type=radio]').forEach(r => r.checked = false)")
    page.get_by_role("button", name="Save settings").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert page.title().startswith("Error:")
    axe(page)


def test_staff_sign_in_journey(page, live_server, axe, adviser, sign_in):
    page.goto(f"{live_server.url}/staff/sign-in/")
    axe(page)
    sign_in(page, live_server, adviser)
    expect(page.get_by_role("heading", name="Staff home")).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(f"{live_server.url}/")


def test_the_lockout_page_is_accessible(page, live_server, axe, adviser, settings):
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(2):
        page.goto(f"{live_server.url}/staff/sign-in/")
        page.get_by_label("Username").fill(adviser.username)
        page.get_by_label("Password").fill("not-the-password")
        page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Wait 15 minutes")).to_be_visible()
    axe(page)


@pytest.mark.parametrize("path", ["/accessibility/", "/staff/password-reset/", "/no-such-page/"])
def test_other_public_pages_are_accessible(page, live_server, axe, path):
    page.goto(f"{live_server.url}{path}")
    axe(page)
