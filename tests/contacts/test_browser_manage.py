"""A manager edits an online form in the browser: the list, adding a form, its page with questions,
answers and the Open311 definition, a question and an answer with a stop message, moving a question
by keyboard, the delete pages and the history; every page audited with axe at desktop width and at
375 px, with nothing wider than the screen."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 800}


def _fits(page) -> None:
    """Nothing wider than the viewport (WCAG 1.4.10 reflow): no sideways scrolling."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _audit(page, axe, name: str) -> None:
    """axe at desktop width and at 375 px, where the page must also fit; then back to desktop."""
    axe(page)
    page.set_viewport_size(PHONE)
    axe(page)
    _fits(page)
    page.screenshot(path=f"var/contacts-manage-{name}-375.png", full_page=True)
    page.set_viewport_size(DESKTOP)


def _tab_to(page, name: str) -> None:
    """From the top of the page, press Tab until the focused element's text is `name`: reachable
    by keyboard alone."""
    page.goto(page.url.split("#")[0])
    seen = []
    for _ in range(300):
        page.keyboard.press("Tab")
        seen.append(" ".join(page.evaluate("document.activeElement.textContent").split()))
        if seen[-1] == name:
            return
    raise AssertionError(f"{name!r} cannot be reached with the Tab key: {seen}")


def test_manager_edits_a_form(page, live_server, axe, world, request_types, sign_in):
    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server, world.team_manager)
    page.get_by_role("link", name="Online forms").first.click()
    expect(page.get_by_role("heading", name="Online forms", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Book a bulky waste collection")).to_be_visible()
    expect(page.get_by_text("Leave a comment")).to_have_count(0)  # a general form: not a team manager's
    _audit(page, axe, "list")

    # Add a form: its errors, then saved.
    page.get_by_role("link", name="Add a form").click()
    expect(page.get_by_role("heading", name="Add a form")).to_be_visible()
    _audit(page, axe, "add")
    page.get_by_role("button", name="Save form").click()
    expect(page).to_have_title(re.compile("^Error:"))
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("link", name="Enter the name of the form")).to_be_visible()
    _audit(page, axe, "add-errors")
    page.get_by_label("Name", exact=True).fill("Report a dead animal")
    page.get_by_label("Report a problem").check()
    page.get_by_label("Topic").select_option(label="Potholes")
    page.get_by_label("Problem report").check()
    page.get_by_role("button", name="Save form").click()
    expect(page.get_by_text("The form “Report a dead animal” has been added.")).to_be_visible()
    expect(page.get_by_role("heading", name="Report a dead animal", level=1)).to_be_visible()
    expect(page.get_by_text("Not published", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^Preview the form"))).to_have_count(0)

    # A list question, and its answers (one stops the form).
    page.get_by_role("link", name="Add a question").click()
    _audit(page, axe, "question")
    page.get_by_label("Question", exact=True).fill("Where is the animal?")
    page.get_by_label("Choose one", exact=True).check()
    page.get_by_role("button", name="Save question").click()
    expect(page.get_by_role("heading", name="1. Where is the animal?")).to_be_visible()
    page.get_by_role("link", name="Add an answer to question 1").click()
    _audit(page, axe, "answer")
    page.get_by_label("Answer", exact=True).fill("On the road, and it is a danger to traffic")
    page.get_by_label("Stop the form with this message (optional)").fill("Phone us now so we can make it safe")
    page.get_by_label("Number to phone (optional)").fill("01632 960123")
    page.get_by_role("button", name="Save answer").click()
    page.get_by_role("link", name="Add an answer to question 1").click()
    page.get_by_label("Answer", exact=True).fill("On a pavement")
    page.get_by_role("button", name="Save answer").click()
    expect(page.get_by_text("Phone us now so we can make it safe (phone 01632 960123)")).to_be_visible()
    expect(page.locator(".govuk-tag--red", has_text="Stops the form")).to_be_visible()
    page.get_by_role("link", name="Add a question").click()
    page.get_by_label("Question", exact=True).fill("What kind of animal is it?")
    page.get_by_label("Short answer").check()
    page.get_by_role("button", name="Save question").click()
    expect(page.locator("pre")).to_contain_text('"service_code": "report-a-dead-animal"')
    _audit(page, axe, "detail")

    # Move the second question up with the keyboard alone.
    _tab_to(page, "Move up question 2")
    page.keyboard.press("Enter")
    expect(page.get_by_text("has been moved up")).to_be_visible()
    expect(page.get_by_role("heading", name="1. What kind of animal is it?")).to_be_visible()

    # Publish it, then preview it as residents see it.
    page.get_by_role("link", name="Change the form\N{RIGHT SINGLE QUOTATION MARK}s details").click()
    page.get_by_label("Published").check()
    page.get_by_role("button", name="Save form").click()
    expect(page.get_by_text("Published", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^Preview the form"))).to_have_attribute(
        "href", "/contact/report-a-dead-animal/"
    )

    page.get_by_role("link", name=re.compile("^Change history")).click()
    expect(page.get_by_role("heading", name="Change history of “Report a dead animal”")).to_be_visible()
    expect(page.get_by_text("Created: On a pavement")).to_be_visible()
    _audit(page, axe, "history")
    page.get_by_role("link", name="Back to the form").click()

    page.get_by_role("link", name="Delete question 2").click()
    _audit(page, axe, "question-delete")
    page.get_by_role("link", name="No, go back to the form").click()
    page.get_by_role("link", name="Delete the answer “On a pavement”").click()
    _audit(page, axe, "answer-delete")
    # The form is published: its list question keeps at least two answers.
    page.get_by_role("button", name="Yes, delete it").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "“Where is the animal?” needs at least 2 answers while the form is published."
    )
    _audit(page, axe, "answer-delete-refused")
    page.get_by_role("link", name="No, go back to the form").click()
    page.get_by_role("link", name="Delete this form").click()
    _audit(page, axe, "delete")
    page.get_by_role("button", name="Yes, delete it").click()
    expect(page.get_by_text("The form “Report a dead animal” has been deleted.")).to_be_visible()


def test_a_form_residents_sent_is_not_deleted(page, live_server, axe, world, request_types, send_bulky, sign_in):
    send_bulky()
    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server, world.team_manager)
    page.goto(f"{live_server.url}/staff/online-forms/{request_types['bulky'].pk}/delete/")
    page.get_by_role("button", name="Yes, delete it").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Residents have sent this form, so it cannot be deleted.")
    _audit(page, axe, "delete-refused")
