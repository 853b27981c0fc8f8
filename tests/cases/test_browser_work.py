"""The officers' journey in the browser: claim the next case from team A's queue, send the customer
an update, transfer it to team B with a reason; an officer of team B opens it from their queue and
resolves it. axe-core audits every kind of page on the way, and the adviser's summary view."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.models import Case, Status
from standards import services as standards_services
from standards.models import Channel

pytestmark = pytest.mark.browser


@pytest.fixture
def standard(world):
    return standards_services.standard_create(by=None, fields={
        "channel": Channel.EMAIL, "acknowledge_within": 1, "respond_within": 5,
        "effective_from": timezone.localdate(), "public_wording": "We will reply to your email within 5 working days",
    })  # fmt: skip


def test_claim_update_transfer_and_resolve(page, live_server, axe, world, case_make, standard, sign_in):
    case = case_make(summary="Sofa left on the pavement")
    case_make(summary="A later one")

    sign_in(page, live_server, world.officer_a)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Cases").click()
    page.get_by_role("link", name="Waste collections").click()
    expect(page.get_by_role("heading", name="Waste collections queue", level=1)).to_be_visible()
    expect(page.get_by_role("link", name=case.reference)).to_be_visible()
    axe(page)  # the queue

    page.get_by_role("button", name="Claim next case").click()
    expect(page.get_by_text(f"You have claimed {case.reference}")).to_be_visible()
    expect(page.get_by_role("heading", name="Sofa left on the pavement", level=1)).to_be_visible()
    page.get_by_label("Update to the customer").fill("We will collect it on Friday.")
    page.get_by_role("button", name="Send the update").click()
    expect(page.get_by_text("Your update has been sent to the customer")).to_be_visible()
    expect(page.get_by_text("We will collect it on Friday.")).to_be_visible()
    axe(page)  # the full case page, with a timeline

    page.get_by_role("link", name="Transfer to another team").click()
    expect(page.get_by_role("heading", name="Transfer the case to another team", level=1)).to_be_visible()
    axe(page)  # the transfer form
    page.get_by_label("Team to transfer it to").select_option(label="Housing options")
    page.get_by_role("button", name="Transfer the case").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter why the case is being transferred")
    axe(page)  # with an error
    page.get_by_role("link", name="Enter why the case is being transferred").click()
    expect(page.get_by_label("Why is the case being transferred?")).to_be_focused()
    page.get_by_label("Why is the case being transferred?").fill("The sofa was left by a tenant moving out.")
    page.get_by_role("button", name="Transfer the case").click()
    expect(page.get_by_text("The case has been transferred to Housing options")).to_be_visible()
    expect(page.get_by_role("heading", name="Waste collections queue", level=1)).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, live_server, world.officer_b)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Cases").click()
    page.get_by_role("link", name="Housing options").click()
    page.get_by_role("link", name=case.reference).click()
    expect(page.get_by_text("Transferred from Waste collections to Housing options by Owen Officer A")).to_be_visible()
    expect(page.get_by_text("The sofa was left by a tenant moving out.")).to_be_visible()
    page.get_by_role("link", name="Resolve").click()
    axe(page)  # the resolve form
    page.get_by_label("What was done to resolve the case?").fill("Collected by the housing team's contractor.")
    page.get_by_role("button", name="Resolve the case").click()
    expect(page.get_by_text("The case has been resolved")).to_be_visible()
    case = Case.objects.get(pk=case.pk)
    assert case.status == Status.RESOLVED and case.team == world.team_b and case.handoff_count == 1

    # The other pages of case work, which the journey does not reach.
    pages = ["", "mine/", "new/", "queues/housing-options/?status=nope", *(f"{case.reference}/{action}/" for action in (
        "assign", "status", "reopen", "edit", "extend", "escalate", "link", "merge"))]  # fmt: skip
    for path in pages:
        response = page.goto(f"{live_server.url}/staff/cases/{path}")
        assert response.status == 200, path
        axe(page)

    page.context.clear_cookies()
    sign_in(page, live_server, world.adviser)
    page.goto(f"{live_server.url}/staff/cases/{case.reference}/")
    expect(page.get_by_text("We will collect it on Friday.")).to_be_visible()
    expect(page.get_by_text("The sofa was left by a tenant moving out.")).to_have_count(0)
    axe(page)  # the adviser's summary view
