"""A manager's journey over the routing rules pages in headless Chromium, with an axe-core audit of
the list, the form (empty and with its errors) and the test page."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_manager_adds_a_rule_and_sees_it_fire(page, live_server, axe, world, rules, sign_in):
    sign_in(page, live_server, world.team_manager)
    page.goto(f"{live_server.url}/staff/routing-rules/")
    expect(page.get_by_role("heading", name="Routing rules", level=1)).to_be_visible()
    expect(page.get_by_text("Anything no rule matches goes to the triage queue")).to_be_visible()
    axe(page)  # the list

    page.get_by_role("link", name="Add a rule").click()
    expect(page.get_by_role("heading", name="Add a rule", level=1)).to_be_visible()
    axe(page)  # the empty form
    page.get_by_role("button", name="Save rule").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter a name for the rule")
    expect(page.get_by_role("alert")).to_contain_text("Select the team to route to")
    axe(page)  # the form with the form's errors
    page.get_by_label("Name", exact=True).fill("Fridges in WY3")
    page.get_by_label("Team to route to").select_option(label="Waste collections (Waste and recycling)")
    page.get_by_label("Postcode areas or districts").fill("WY3 4AB")
    page.get_by_role("button", name="Save rule").click()
    message = "“WY34AB” is not a postcode area or district: enter the first part, like WY3 or WY"
    expect(page.get_by_role("alert")).to_contain_text(message)
    axe(page)  # the form with the model's error
    page.get_by_role("link", name=message).click()
    expect(page.get_by_label("Postcode areas or districts")).to_be_focused()

    page.get_by_label("Number (optional)").fill("5")
    page.get_by_role("group", name="Case types").get_by_label("Service request").check()
    page.get_by_label("Words in the description").fill("fridge, freezer")
    page.get_by_label("Postcode areas or districts").fill("WY3")
    page.get_by_role("group", name="Priority").get_by_label("Urgent").check()
    page.get_by_role("button", name="Save rule").click()
    expect(page.get_by_role("alert")).to_contain_text("Rule 5, “Fridges in WY3”, has been added.")
    expect(page.get_by_role("row", name="5 Fridges in WY3")).to_contain_text("Urgent")

    page.get_by_role("link", name="Test the rule set").click()
    expect(page.get_by_role("heading", name="Test the rule set", level=1)).to_be_visible()
    axe(page)  # the empty test form
    page.get_by_label("Case type").select_option("service_request")
    page.get_by_label("How it came in").select_option("phone")
    page.get_by_label("What the case says (optional)").fill("Please take away an old FRIDGE")
    page.get_by_label("Postcode (optional)").fill("wy3 4ab")
    page.get_by_role("button", name="Test the rule set").click()
    expect(page.locator("#result")).to_contain_text(
        "It would go to Waste collections, by rule 5, “Fridges in WY3”, at urgent priority."
    )
    expect(page.get_by_role("listitem").filter(has_text="the description mentions “fridge”")).to_be_visible()
    axe(page)  # with a result

    page.get_by_label("Postcode (optional)").fill("WY31 2AB")
    page.get_by_role("button", name="Test the rule set").click()
    expect(page.locator("#result")).to_contain_text("It would go to the triage queue")
    expect(page.get_by_role("row", name="5 Fridges in WY3")).to_contain_text("The postcode WY31 2AB is not in WY3")
    page.get_by_label("Postcode (optional)").fill("nonsense")
    page.get_by_role("button", name="Test the rule set").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter a real postcode, like SW1A 1AA")
    axe(page)  # the test form with an error
