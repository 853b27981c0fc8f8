"""A resident answers the satisfaction survey from the link in their email, in headless Chromium at
desktop width and on a 320-pixel screen: the survey, its errors, the thank-you page, the link used
again, an expired link and a broken one, each audited by axe-core, with nothing scrolling sideways."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from contacts.models import SurveyAnswer, SurveyInvitation
from core.models import OutboundEmail

from .test_surveys import LINK

pytestmark = pytest.mark.browser

WIDTHS = [1024, 320]


def _check(page, axe, width: int, name: str) -> None:
    axe(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


def _link(live_server, email: OutboundEmail) -> str:
    found = LINK.search(email.body_text)
    assert found is not None
    return f"{live_server.url}{found[1]}"


@pytest.mark.parametrize("width", WIDTHS)
def test_a_resident_answers_the_survey_once(page, live_server, axe, case_resolved, width, transactional_db):
    case = case_resolved()
    link = _link(live_server, OutboundEmail.objects.get(to="rita@example.org"))
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(link)
    expect(page.get_by_role("heading", name="Tell us how we did", level=1)).to_be_visible()
    expect(page.get_by_text(case.reference)).to_be_visible()
    _check(page, axe, width, "survey")

    page.get_by_role("button", name="Send").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Select how satisfied you are")
    expect(summary).to_contain_text("Select yes if your query was resolved")
    expect(page).to_have_title(re.compile("^Error: "))
    _check(page, axe, width, "survey-errors")
    summary.get_by_role("link", name="Select how satisfied you are").click()
    expect(page.get_by_label("Very dissatisfied")).to_be_focused()

    satisfaction = page.get_by_role("group", name="How satisfied are you with how we dealt with your request?")
    satisfaction.get_by_label("Satisfied", exact=True).check()
    page.get_by_role("group", name="Was your query resolved?").get_by_label("Yes").check()
    page.get_by_label("Is there anything else you would like to tell us? (optional)").fill("The crew were kind.")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", name="Thank you for your feedback", level=1)).to_be_visible()
    assert page.url == f"{link}done/"
    _check(page, axe, width, "survey-thanks")
    answer = SurveyAnswer.objects.get()
    assert (answer.satisfaction, answer.resolved, answer.comment) == (4, True, "The crew were kind.")

    page.goto(link)
    expect(page.get_by_role("heading", name="You have already answered this survey", level=1)).to_be_visible()
    expect(page.get_by_text("Thank you.", exact=False)).to_be_visible()
    _check(page, axe, width, "survey-answered")


@pytest.mark.parametrize("width", WIDTHS)
def test_expired_and_broken_links_say_so(page, live_server, axe, contact_logged, width, transactional_db):
    contact_logged()
    link = _link(live_server, OutboundEmail.objects.get(to="rita@example.org"))
    now = timezone.now()
    SurveyInvitation.objects.update(sent_at=now - timedelta(days=29), expires_at=now - timedelta(days=1))
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(link)
    assert response is not None and response.status == 410
    expect(page.get_by_role("heading", name="This survey has closed", level=1)).to_be_visible()
    _check(page, axe, width, "survey-expired")

    response = page.goto(f"{live_server.url}/survey/not-a-real-link/")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", name="This link does not work", level=1)).to_be_visible()
    _check(page, axe, width, "survey-broken")
