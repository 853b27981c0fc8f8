"""Every kind of page works under the strict Content-Security-Policy: Chromium reports anything the
policy blocks (an inline script or style, a source from elsewhere) on the console, and these
tests fail on any such report. Django admin gets the same policy, so its pages are opened too."""

import pytest
from playwright.sync_api import expect

from portal import roles
from tests.factories import user_make

pytestmark = pytest.mark.browser


@pytest.fixture
def csp_reports(page):
    """The console messages about the page's policies (CSP and Permissions-Policy), as
    'url: text', gathered while the test runs."""
    reports = []

    def on_console(message):
        if "Content Security Policy" in message.text or "Permissions-Policy" in message.text:
            reports.append(f"{page.url}: {message.text}")

    page.on("console", on_console)
    return reports


def _visit(page, live_server, paths):
    for path in paths:
        response = page.goto(f"{live_server.url}{path}")
        assert "content-security-policy" in response.headers or path.startswith("/static/"), path
        page.wait_for_load_state("load")


def _assert_styled(page):
    # A blocked stylesheet would leave the header unstyled without any other sign.
    header = page.locator(".govuk-header")
    assert header.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(11, 79, 108)"


@pytest.mark.urls("tests.portal.test_security")
def test_public_and_error_pages_break_no_policy(page, live_server, world, csp_reports):
    _visit(
        page,
        live_server,
        [
            "/",
            "/services/",
            "/services/waste/",
            "/services/search/?q=bulky",
            "/accessibility/",
            "/accessibility/settings/",
            "/staff/sign-in/",
            "/staff/password-reset/",
            "/no-such-page/",
            "/test/boom/",  # the 500 page
            "/test/rate-limited/",
        ],
    )
    _assert_styled(page)
    # GOV.UK Frontend's module script ran: it marks the body as supported.
    assert "govuk-frontend-supported" in page.locator("body").get_attribute("class")
    assert csp_reports == []


def test_staff_pages_break_no_policy(page, live_server, world, sign_in, csp_reports):
    directory = world.directory
    sign_in(page, live_server, world.administrator)
    bulky, olive = directory["bulky"].pk, directory["olive"].pk
    _visit(
        page,
        live_server,
        [
            "/staff/phone-guide/",
            "/staff/phone-guide/waste/",
            "/staff/phone-guide/search/?q=bins",
            "/staff/phone-guide/print/",
            "/staff/directory/",
            "/staff/directory/review/",
            "/staff/directory/topic/add/",
            f"/staff/directory/topic/{bulky}/",
            f"/staff/directory/topic/{bulky}/delete/",
            f"/staff/directory/topic/{bulky}/history/",
            f"/staff/directory/officer/{olive}/",
            "/staff/directory/absence/add/",
            "/staff/directory/import/",
        ],
    )
    _assert_styled(page)
    # An upload over the body limit: the 413 page is rendered under the same policy.
    page.locator("input[type=file]").set_input_files(
        {"name": "big.csv", "mimeType": "text/csv", "buffer": b"record_type\n" + b"x" * (7 * 1024 * 1024)}
    )
    page.get_by_role("button", name="Check and import").click()
    expect(page.get_by_role("heading", name="The file or form you sent is too big")).to_be_visible()
    _assert_styled(page)
    assert csp_reports == []


def test_forbidden_page_breaks_no_policy(page, live_server, world, sign_in, csp_reports):
    sign_in(page, live_server, world.councillor)
    response = page.goto(f"{live_server.url}/staff/directory/")
    assert response.status == 403
    _assert_styled(page)
    assert csp_reports == []


def test_django_admin_works_under_the_same_policy(page, live_server, world, csp_reports, password):
    superuser = user_make(roles.ADMINISTRATOR, username="superuser", is_staff=True, is_superuser=True)
    page.goto(f"{live_server.url}/admin/login/")
    page.locator("#id_username").fill(superuser.username)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()
    bulky = world.directory["bulky"].pk
    _visit(
        page,
        live_server,
        [
            "/admin/",
            "/admin/directory/topic/",
            "/admin/directory/topic/?q=bulky",
            "/admin/directory/topic/add/",
            f"/admin/directory/topic/{bulky}/change/",
            "/admin/directory/absence/add/",
            f"/admin/auth/user/{superuser.pk}/change/",
        ],
    )
    # The admin's own scripts ran: the prepopulated slug follows the name on the add page.
    page.goto(f"{live_server.url}/admin/directory/servicearea/add/")
    page.locator("#id_name").press_sequentially("Parks and open spaces")  # it follows keystrokes
    expect(page.locator("#id_slug")).to_have_value("parks-and-open-spaces")
    # The sidebar filter is script too.
    assert page.locator("#nav-filter").is_visible()
    assert csp_reports == []
