"""Senior managers: the whole council's dashboard and every contact and case behind its figures,
read only (they neither log contacts nor work cases)."""

import pytest
import time_machine
from django.urls import reverse

from portal import roles, selectors
from portal.forms import DashboardForm
from tests.factories import user_make

from .dashboard_world import at
from .test_dashboard import FEBRUARY


@pytest.fixture
def senior(world):
    return user_make(roles.SENIOR_MANAGER, first_name="Seren", last_name="Lloyd")


def test_a_senior_manager_sees_the_whole_council_with_names(world, february, senior):
    with time_machine.travel(at(3, 10), tick=False):
        scope = selectors.dashboard_scope(senior)
        form = DashboardForm(FEBRUARY, scope=scope, today=at(3, 10).date())
        assert form.is_valid(), form.errors
        board = selectors.dashboard_get(user=senior, scope=scope, filters=form.filters())
    assert scope.label == "the whole council" and not scope.summary
    assert board.sections[0].headline[0][:2] == ("February 2027", "57.1% of 7 logged contacts")
    assert board.table("fpr-adviser") is not None


def test_a_senior_manager_opens_the_rows_behind_the_figures_but_cannot_change_them(
    client, world, february, february_cases, senior
):
    client.force_login(senior)
    contact = february[0]
    case = february_cases[0]
    assert client.get(reverse("contacts:contact-list")).status_code == 200
    assert client.get(reverse("contacts:contact-detail", kwargs={"pk": contact.pk})).status_code == 200
    assert client.get(reverse("cases:case-list")).status_code == 200
    # The survey answers and reception visits behind satisfaction and the waits, read only.
    assert client.get(reverse("contacts:survey-list")).status_code == 200
    assert client.get(reverse("contacts:reception-visits")).status_code == 200
    assert client.get(reverse("contacts:reception-check-in")).status_code == 403
    page = client.get(reverse("cases:case-detail", kwargs={"reference": case.reference}))
    assert page.status_code == 200 and b"Claim" not in page.content
    assert client.get(reverse("contacts:log")).status_code == 403
    assert client.get(reverse("cases:my-cases")).status_code == 403
