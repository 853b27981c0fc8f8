"""The chaser's pages: the chasing rules (standards), the dry run and "my work" (cases), for each
role, with bad input, and in the browser with an axe audit."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from playwright.sync_api import expect

from cases import services
from cases.models import Case, ChaseKind, ChaseStep
from standards import services as standards_services
from standards.models import ChasePolicy, StandardsChange
from standards.selectors import chase_policies

from .chasing import at, run

FIELDS = {"warn_lead_hours": 3, "ladder": ["owner", "service_manager"], "escalate_every_hours": 4,
          "update_after_days": 5, "remind_after_days": 5, "away_handback_hours": 8,
          "handback_priority": "urgent"}  # fmt: skip
POSTED = {"warn_lead_hours": "3", "ladder_1": "owner", "ladder_2": "service_manager", "ladder_3": "",
          "escalate_every_hours": "4", "update_after_days": "5", "remind_after_days": "5",
          "away_handback_hours": "8", "handback_priority": "urgent"}  # fmt: skip


# --- Services ------------------------------------------------------------------------------------


def test_an_area_gets_rules_of_its_own_with_history_and_can_follow_the_councils_again(world):
    own = standards_services.chase_policy_save(area=world.area_b, by=world.service_manager, fields=FIELDS)
    assert chase_policies().for_area(world.area_b.pk) == own
    assert chase_policies().for_area(world.area_a.pk).service_area_id is None
    standards_services.chase_policy_save(area=world.area_b, by=world.service_manager, fields={"warn_lead_hours": 6})
    changes = StandardsChange.objects.filter(entry_type="chasepolicy").order_by("id")
    assert [c.action for c in changes] == ["created", "updated"]
    assert changes[1].changes == {"warn_lead_hours": [3, 6]}
    standards_services.chase_policy_reset(policy=own, by=world.service_manager)
    assert world.area_b.pk not in chase_policies().areas


def test_the_councils_rules_cannot_be_removed(world):
    council = standards_services.chase_policy_save(area=None, by=None, fields={"warn_lead_hours": 2})
    with pytest.raises(Exception, match="cannot be removed"):
        standards_services.chase_policy_reset(policy=council, by=None)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"ladder": []}, "ladder", "at least one"),
        ({"ladder": ["owner", "team_manager", "owner"]}, "ladder", "on the ladder twice"),
        ({"warn_lead_hours": 0}, "warn_lead_hours", "from 1 to 40"),
        ({"warn_lead_hours": 30000}, "warn_lead_hours", "from 1 to 40"),
        ({"escalate_every_hours": 81}, "escalate_every_hours", "from 1 to 80"),
        ({"update_after_days": 21}, "update_after_days", "from 1 to 20"),
    ],
)
def test_bad_rules_are_refused_in_words(world, fields, field, message):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        standards_services.chase_policy_save(area=world.area_a, by=None, fields={**FIELDS, **fields})
    assert message in str(error.value.message_dict[field])
    assert not ChasePolicy.objects.filter(service_area=world.area_a).exists()


def test_changed_rules_send_the_covered_cases_back_to_the_chaser(world, owned, django_capture_on_commit_callbacks):
    Case.objects.filter(pk=owned.pk).update(chase_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        standards_services.chase_policy_save(area=world.area_b, by=None, fields=FIELDS)
    owned.refresh_from_db()
    assert owned.chase_at is None  # a case of area A: not covered by area B's rules
    with django_capture_on_commit_callbacks(execute=True):
        standards_services.chase_policy_save(area=world.area_a, by=None, fields=FIELDS)
    owned.refresh_from_db()
    assert owned.chase_at is not None


# --- Pages ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "url", "status"),
    [
        ("administrator", "standards:chase-index", 200),
        ("administrator", "standards:chase-edit-council", 200),
        ("administrator", "cases:chase-preview", 200),
        ("service_manager", "standards:chase-index", 200),
        ("service_manager", "standards:chase-edit-council", 404),
        ("service_manager", "standards:chase-history-council", 404),
        ("service_manager", "cases:chase-preview", 404),  # the council's rules: administrators only
        ("team_manager", "standards:chase-index", 403),
        ("officer", "cases:chase-preview", 403),
        ("adviser", "standards:chase-edit-council", 403),
        ("councillor", "standards:chase-index", 403),
    ],
)
def test_who_may_see_the_chasing_rules(client, world, role_user, role, url, status):
    client.force_login(role_user(role))
    assert client.get(reverse(url)).status_code == status


def test_a_service_manager_edits_their_own_area_only(client, world):
    client.force_login(world.service_manager)
    own, other = world.area_b, world.area_a
    assert client.get(reverse("standards:chase-edit", args=[own.pk])).status_code == 200
    assert client.get(reverse("standards:chase-edit", args=[other.pk])).status_code == 404
    assert client.get(reverse("standards:chase-history", args=[other.pk])).status_code == 404
    assert client.get(reverse("cases:chase-preview"), {"area": other.pk}).status_code == 404
    assert client.post(reverse("standards:chase-edit", args=[other.pk]), POSTED).status_code == 404
    response = client.post(reverse("standards:chase-edit", args=[own.pk]), POSTED)
    assert response.status_code == 302
    assert ChasePolicy.objects.get(service_area=own).ladder == ["owner", "service_manager"]
    assert client.get(reverse("standards:chase-history", args=[own.pk])).status_code == 200
    assert client.post(reverse("standards:chase-reset", args=[own.pk])).status_code == 302
    assert not ChasePolicy.objects.filter(service_area=own).exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ladder_1": "owner", "ladder_2": "owner"}, "on the ladder twice"),
        ({"warn_lead_hours": "four"}, "as a whole number"),
        ({"warn_lead_hours": "9" * 5000}, "as a whole number"),
        ({"warn_lead_hours": "-3"}, "from 1 to 40"),
        ({"warn_lead_hours": ""}, "Enter how many working hours before a due time to warn"),
        ({"ladder_1": "<script>"}, "Choose who is told first"),
        ({"handback_priority": "normal"}, "Choose which cases go back"),
    ],
)
def test_bad_input_on_the_form_is_shown_on_its_field_and_nothing_is_saved(client, world, changes, message):
    client.force_login(world.administrator)
    response = client.post(reverse("standards:chase-edit", args=[world.area_a.pk]), {**POSTED, **changes})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    assert not ChasePolicy.objects.filter(service_area=world.area_a).exists()


def test_the_index_costs_the_same_queries_however_many_areas(client, world, django_assert_num_queries):
    client.force_login(world.administrator)
    client.get(reverse("standards:chase-index"))
    # session, user, permissions (2), the chasing rules, the service areas.
    with django_assert_num_queries(6):
        assert client.get(reverse("standards:chase-index")).status_code == 200


@pytest.mark.parametrize("area", ["abc", "-1", "99999999999999", "1 OR 1=1", "\x00"])
def test_the_dry_run_refuses_odd_areas_with_a_404(client, world, area):
    client.force_login(world.administrator)
    assert client.get(reverse("cases:chase-preview"), {"area": area}).status_code == 404


def test_the_dry_run_lists_what_the_next_run_would_do_and_sends_nothing(client, world, owned):
    from core.models import OutboundEmail

    with time_machine.travel(at(8, 13), tick=False):
        client.force_login(world.administrator)  # a session of the travelled time
        page = client.get(reverse("cases:chase-preview"), {"area": world.area_a.pk}).content.decode()
        assert owned.reference in page and "Acknowledgement missed" not in page
        assert "Acknowledgement due soon" in page  # the warning (due at 12:00) not taken yet
        # A ten-hour warning would also have warned: try it without saving.
        tried = client.get(
            reverse("cases:chase-preview"), {**POSTED, "area": world.area_a.pk, "warn_lead_hours": "40"}
        ).content.decode()
        assert "with the changes you typed below" in tried and owned.reference in tried
        bad = client.get(reverse("cases:chase-preview"), {**POSTED, "area": world.area_a.pk, "ladder_2": "owner"})
        assert "on the ladder twice" in bad.content.decode() and "under the rules in force" in bad.content.decode()
    assert not ChaseStep.objects.exists() and not OutboundEmail.objects.exists()
    assert not ChasePolicy.objects.filter(service_area=world.area_a).exists()


def test_my_work_shows_warnings_and_residents_to_phone(client, world, owned, customer):
    services.customer_update(customer=customer, by=world.adviser, fields={"email": ""})
    with time_machine.travel(at(8, 11), tick=False):
        services.case_update_publish(case=owned, by=world.officer_a, text="We have it")
    run(at(15, 17, 15))
    client.force_login(world.officer_a)
    page = client.get(reverse("cases:my-cases")).content.decode()
    assert "Residents to phone" in page and customer.phone in page
    assert "The reply was due by" in page  # the escalation's step 1, to the owner
    step = ChaseStep.objects.get(kind=ChaseKind.HOLDING_UPDATE)
    # Another officer cannot mark it; the owner can, once.
    client.force_login(world.officer_b)
    assert client.post(reverse("cases:chase-called", args=[step.pk])).status_code == 404
    client.force_login(world.officer_a)
    assert client.post(reverse("cases:chase-called", args=[step.pk])).status_code == 302
    assert client.post(reverse("cases:chase-called", args=[step.pk])).status_code == 404
    assert "Residents to phone" not in client.get(reverse("cases:my-cases")).content.decode()


def test_my_work_costs_the_same_queries_however_many_notices(client, world, owned, django_assert_num_queries):
    client.force_login(world.officer_a)
    client.get(reverse("cases:my-cases"))
    # session, user, permissions (2), the count and page of cases, the notices with their cases.
    with django_assert_num_queries(7):
        client.get(reverse("cases:my-cases"))
    run(at(15, 17, 16))
    with django_assert_num_queries(7):
        client.get(reverse("cases:my-cases"))


# --- Browser -------------------------------------------------------------------------------------


@pytest.mark.browser
def test_a_service_manager_tries_a_change_then_saves_it(page, live_server, axe, world, sign_in):
    sign_in(page, live_server, world.service_manager)
    page.goto(f"{live_server.url}{reverse('standards:edit-home')}")
    page.get_by_role("link", name="Chasing rules: warnings, escalations and updates to residents").click()
    expect(page.get_by_role("heading", name="Chasing rules", level=1)).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Change the chasing rules for Housing").click()
    expect(page.get_by_text("Housing follows the council's rules")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="See what the next run would do").click()
    expect(page.get_by_role("heading", name="What the next chaser would do next")).to_have_count(0)
    expect(page.get_by_role("heading", name="What the chaser would do next", level=1)).to_be_visible()
    axe(page)
    page.get_by_label("Then tell").first.select_option("owner")
    page.get_by_role("button", name="Show what the next run would do").click()
    expect(page.get_by_role("alert")).to_contain_text("on the ladder twice")
    axe(page)  # with an error summary
    page.get_by_role("link", name="Back to the chasing rules").click()
    page.get_by_label("Warn the owner this many working hours before a case is due").fill("50")
    page.get_by_role("button", name="Save the chasing rules").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter a warning time from 1 to 40 working hours")
    axe(page)
    page.get_by_label("Warn the owner this many working hours before a case is due").fill("6")
    page.get_by_role("button", name="Save the chasing rules").click()
    expect(page.get_by_text("The chasing rules for Housing have been saved")).to_be_visible()
    page.get_by_role("link", name="History of the chasing rules for Housing").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Change history of the chasing rules for Housing")
    axe(page)


@pytest.mark.browser
def test_an_officer_sees_the_chasers_notices_on_my_work(page, live_server, axe, world, owned, customer, sign_in):
    services.customer_update(customer=customer, by=world.adviser, fields={"email": ""})
    with time_machine.travel(at(8, 11), tick=False):
        services.case_update_publish(case=owned, by=world.officer_a, text="We have it")
    run(at(15, 17, 15))
    sign_in(page, live_server, world.officer_a)
    page.goto(f"{live_server.url}{reverse('cases:my-cases')}")
    expect(page.get_by_role("heading", name="My work", level=1)).to_be_visible()
    expect(page.get_by_text("Residents to phone: they have no email address")).to_be_visible()
    axe(page)
    page.get_by_role("button", name=f"Phoned the resident about {owned.reference}").click()
    expect(page.get_by_text(f"Recorded that you phoned the resident about {owned.reference}")).to_be_visible()
    page.get_by_role("link", name=owned.reference).first.click()
    expect(page.get_by_text("Holding update to the customer by the chaser")).to_be_visible()
    axe(page)


def test_a_day_of_runs_sends_the_resident_one_holding_update(world, owned):
    """Runs every five minutes over a day around the promised date: one update, not 288."""
    with time_machine.travel(at(8, 11), tick=False):
        services.case_update_publish(case=owned, by=world.officer_a, text="We have it")
    moment = at(15, 12)
    while moment < at(16, 12):
        run(moment)
        moment += dt.timedelta(minutes=30)
    assert ChaseStep.objects.filter(case=owned, kind=ChaseKind.HOLDING_UPDATE).count() == 1
