"""Browser journeys over the customer and councillor pages, with an axe-core audit of each page."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases import services
from cases.models import Customer

pytestmark = pytest.mark.browser


def test_councillor_raises_an_enquiry_and_sees_it_in_their_list(page, live_server, axe, world, rules, sign_in):
    sign_in(page, live_server, world.councillor)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Ward enquiries").click()
    expect(page.get_by_role("heading", name="Your ward enquiries", level=1)).to_be_visible()
    page.get_by_role("link", name="Raise an enquiry").click()
    expect(page.get_by_role("heading", name="Raise an enquiry for a resident")).to_be_visible()
    axe(page)  # the enquiry form
    page.get_by_label("Ward").fill("Riverside")
    page.get_by_label("Full name").fill("Nina Neighbour")
    page.get_by_label("Topic (optional)").select_option(label="Bulky waste collection (Waste and recycling)")
    page.get_by_label("What the resident asked about").fill("Sofa dumped on Mill Lane")
    page.get_by_label("What was asked").fill("A sofa has been on the pavement for a week.")
    page.get_by_role("button", name="Send the enquiry").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the resident's email address, phone number or address")
    axe(page)  # with an error
    summary.get_by_role("link").click()  # to the field in error
    expect(page.get_by_label("Email address (optional)")).to_be_focused()
    page.get_by_label("Email address (optional)").fill("nina@example.org")
    page.get_by_role("button", name="Send the enquiry").click()
    expect(page.get_by_role("alert")).to_contain_text("Your enquiry has been sent. Its reference is")
    expect(page.get_by_role("heading", name="Sofa dumped on Mill Lane", level=1)).to_be_visible()
    expect(page.get_by_text("Waste collections")).to_be_visible()
    axe(page)  # the enquiry
    page.get_by_role("link", name="Back to your ward enquiries").click()
    row = page.get_by_role("row", name="Sofa dumped on Mill Lane")
    expect(row).to_contain_text("Riverside")
    expect(row).to_contain_text("Received")
    axe(page)  # the list


def test_manager_opens_a_customer_with_needs_and_merges_a_duplicate(page, live_server, axe, world, sign_in):
    needy = services.customer_create(by=world.adviser, fields={
        "name": "Vera Vulnerable", "email": "vera@example.org", "postcode": "WY1 4AB", "needs_consent": True,
        "vulnerability": "Lives alone", "needs_review_on": timezone.localdate() + dt.timedelta(days=90),
    })  # fmt: skip
    duplicate = services.customer_create(by=world.adviser, fields={"name": "V Vulnerable", "email": "VERA@example.org",
                                                                   "phone": "07700 900123"})  # fmt: skip
    sign_in(page, live_server, world.team_manager)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Customers").click()
    page.get_by_label("Find a customer").fill("vera@example.org")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("row", name="Vera Vulnerable")).to_contain_text("Vulnerable")
    axe(page)  # the search results
    page.get_by_role("link", name="Vera Vulnerable").click()
    expect(page.get_by_text("This customer is recorded as vulnerable.")).to_be_visible()
    axe(page)  # the customer, with needs and a duplicate
    page.get_by_role("link", name="Edit their details").click()
    page.get_by_label("Postcode (optional)").fill("nowhere")
    page.get_by_role("button", name="Save customer").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a real postcode, like SW1A 1AA")
    axe(page)  # the customer form, with an error
    page.get_by_role("link", name="Back to Vera Vulnerable").click()
    page.get_by_role("link", name=f"Merge V Vulnerable, record {duplicate.pk}, with this record").click()
    expect(page.get_by_role("heading", name="Merge two customer records")).to_be_visible()
    axe(page)  # the merge confirmation
    page.get_by_label(f"Vera Vulnerable, record {needy.pk}").check()
    page.get_by_role("button", name="Merge the records").click()
    expect(page.get_by_role("alert")).to_contain_text(f"V Vulnerable (record {duplicate.pk}) has been merged")
    expect(page.get_by_role("heading", name="Possible duplicates")).to_have_count(0)
    assert Customer.objects.get(pk=duplicate.pk).merged_into_id == needy.pk
