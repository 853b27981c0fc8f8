"""An adviser logs contacts in headless Chromium: a call resolved at first point with the keyboard
alone (keys counted as docs/logging-a-contact.md gives them), a call that raises a case with its
reference read back, and the same screen with JavaScript off; axe audits every page on the way
(the screen, with customers found, with a topic chosen, with errors, the confirmations)."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases import services as cases_services
from contacts.models import Contact, Outcome

pytestmark = pytest.mark.browser

LOG = "/staff/contacts/log/"


@pytest.fixture
def rita(world):
    fields = {"name": "Rita Resident", "email": "rita@example.org", "postcode": "WY1 4AB"}
    return cases_services.customer_create(by=world.adviser, fields=fields)


def _press(page, *keys: str) -> None:
    for key in keys:
        page.keyboard.press(key)


def _focused(page) -> str:
    return page.evaluate("document.activeElement.id || document.activeElement.name || ''")


def _fits(page) -> None:
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_call_resolved_at_first_point_with_the_keyboard_alone(page, live_server, sign_in, axe, world, rita):
    sign_in(page, live_server, world.adviser)
    page.goto(live_server.url + LOG)
    axe(page)
    _fits(page)
    # Skip link, then into the form: the channel (phone, already chosen), the find box.
    _press(page, "Tab", "Enter", "Tab")
    assert _focused(page).startswith("id_channel_")
    _press(page, "Tab")
    assert _focused(page) == "id_q"
    page.keyboard.type("rita")
    expect(page.locator("[data-log-status]")).to_have_text("1 customer found for \u2018rita\u2019")
    assert _focused(page) == "id_q"  # the focus stays in the box
    axe(page)
    # Tab to the customer radios (Anonymous caller is chosen); the arrow key chooses Rita.
    _press(page, "Tab")
    assert _focused(page) == "id_customer_1", _focused(page)
    _press(page, "ArrowDown")
    expect(page.get_by_label("Rita Resident")).to_be_checked()
    expect(page.locator("[data-log-glance]")).to_contain_text("No open cases")
    # The directory: search, choose the topic with the arrow keys.
    _press(page, "Tab")
    assert _focused(page) == "id_dq"
    page.keyboard.type("bulky")
    expect(page.locator("[data-log-status]")).to_contain_text("found for \u2018bulky\u2019")
    _press(page, "Tab", "ArrowDown")
    expect(page.locator("[data-log-topic-panel]")).to_contain_text("Book online; £35.")
    expect(page.locator("[data-log-status]")).to_have_text("Showing Bulky waste collection")
    axe(page)
    # Past the panel's link (the topic's online page) to the summary; then the outcome (Space
    # chooses the first: resolved at first point), and Enter saves.
    _press(page, "Tab", "Tab")
    assert _focused(page) == "id_summary"
    page.keyboard.type("When is bulky waste collected")
    _press(page, "Tab", "Space", "Enter")
    expect(page.get_by_role("heading", name="Contact logged")).to_be_visible()
    assert _focused(page) == "" and page.evaluate("document.activeElement.textContent").strip() == "Log another contact"
    axe(page)
    contact = Contact.objects.get()
    assert (contact.outcome, contact.customer, contact.topic) == (Outcome.RESOLVED, rita, world.directory["bulky"])
    # Enter on the focused button: the next call.
    _press(page, "Enter")
    expect(page.get_by_role("heading", name="Log a contact")).to_be_visible()


def test_a_call_raising_a_case_reads_the_reference_back(page, live_server, sign_in, axe, world, rules,
                                                         response_standards):  # fmt: skip
    sign_in(page, live_server, world.adviser)
    page.goto(live_server.url + LOG)
    page.get_by_label("Case raised").check()
    page.get_by_role("button", name="Save contact").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    # GOV.UK's script puts the focus on the error summary.
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    axe(page)
    page.get_by_label("Summary").fill("Sofa to collect")
    page.get_by_label("Type of case").select_option("service_request")
    page.get_by_label("Description").fill("An old sofa in the front garden.")
    page.get_by_label("Who deals with…").fill("bulky")
    page.get_by_label("Bulky waste collection").check()
    expect(page.locator("[data-log-topic-panel]")).to_contain_text("They will hear back by")
    page.get_by_role("button", name="Save contact").click()
    expect(page.get_by_role("heading", name="Case raised")).to_be_visible()
    contact = Contact.objects.select_related("case").get()
    expect(page.locator("[data-log-reference]")).to_have_text(contact.case.reference)
    axe(page)
    page.reload()  # a refresh logs nothing twice
    assert Contact.objects.count() == 1


@pytest.fixture
def no_js_page(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_without_javascript_the_plain_form_finds_and_saves(no_js_page, live_server, sign_in, axe, world, rita):
    page = no_js_page
    sign_in(page, live_server, world.adviser)
    page.goto(live_server.url + LOG)
    page.get_by_label("Summary").fill("Typed before the find")
    page.get_by_label("Find a customer").fill("rita")
    page.get_by_role("button", name="Find customer").click()
    expect(page.get_by_label("Rita Resident")).to_be_visible()
    expect(page.get_by_label("Summary")).to_have_value("Typed before the find")
    # The page comes back at the customers found: the next Tab is among them, not at the top.
    assert page.url.endswith("#log-customers")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "customer"
    page.get_by_label("Rita Resident").check()
    page.get_by_label("Who deals with…").fill("potholes")
    page.get_by_role("button", name="Search", exact=True).click()
    page.get_by_label("Potholes").check()
    page.get_by_role("button", name="Show topic").click()
    expect(page.get_by_text("Wyeshire County Council deals with this")).to_be_visible()
    page.get_by_label("Signposted to a partner").check()
    page.get_by_role("button", name="Save contact").click()
    expect(page.get_by_role("heading", name="Contact logged")).to_be_visible()
    contact = Contact.objects.get()
    assert contact.partner == world.directory["county"] and contact.customer == rita
    assert timezone.now() >= contact.ended_at >= contact.started_at
