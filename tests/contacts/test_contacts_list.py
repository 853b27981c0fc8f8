"""The staff contacts list and a contact's page: who sees which contacts (Contact.objects.visible_to,
one story for the list and the page), the filters and their errors, the page's query count, what
a contact's page shows, hostile input, and a customer merge that keeps the contacts."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import services as cases_services
from cases.models import CasesChange, CustomerType
from contacts import services
from contacts.models import Contact, Outcome, ReceptionVisit, SurveyInvitation
from portal import roles
from standards.models import CaseType, Channel

LIST = reverse("contacts:contact-list")


def _detail(contact) -> str:
    return reverse("contacts:contact-detail", args=[contact.pk])


def _listed(client, user, query: dict | None = None) -> set[int]:
    client.force_login(user)
    response = client.get(LIST, query or {})
    assert response.status_code == 200
    return {contact.pk for contact in response.context["page"]}


def _customer(name: str = "Rita Resident", email: str = "rita@example.org"):
    return cases_services.customer_create(
        by=None, fields={"name": name, "email": email, "customer_type": CustomerType.INDIVIDUAL}
    )


@pytest.fixture
def scoped(world, make_user, log_contact, send_bulky, send_comment_b):
    """One contact of each kind the scopes tell apart, by name: logged by the adviser (no team),
    officer A, officer B, an adviser of team A and one of team B; the adviser's call about a
    topic of area B; a web form on area A's topic and a web comment on area B's."""
    team_a_adviser = make_user(roles.ADVISER, team=world.team_a, first_name="Tariq", last_name="Teama")
    team_b_adviser = make_user(roles.ADVISER, team=world.team_b, first_name="Bella", last_name="Teamb")
    return {
        "adviser": log_contact(world.adviser),
        "officer_a": log_contact(world.officer_a, topic=world.directory["potholes"]),
        "officer_b": log_contact(world.officer_b, topic=world.directory["homeless"]),
        "team_a_adviser": log_contact(team_a_adviser, topic=None, channel=Channel.EMAIL),
        "team_b_adviser": log_contact(team_b_adviser, topic=None, channel=Channel.FACE_TO_FACE),
        "adviser_area_b": log_contact(world.adviser, topic=world.directory["homeless"]),
        "web_a": send_bulky().contact,
        "web_b": send_comment_b(),
        "users": {"team_a_adviser": team_a_adviser, "team_b_adviser": team_b_adviser},
    }


# Which of `scoped`'s contacts each role sees: their own; team managers their team's advisers'
# (team A); service managers their area's advisers' and every contact about a topic of area B
# (the web comment too); administrators every one.
SCOPES = {
    "adviser": {"adviser", "adviser_area_b"},
    "officer_a": {"officer_a"},
    "officer_b": {"officer_b"},
    "team_manager": {"officer_a", "team_a_adviser"},
    "service_manager": {"officer_b", "team_b_adviser", "adviser_area_b", "web_b"},
    "administrator": {"adviser", "officer_a", "officer_b", "team_a_adviser", "team_b_adviser", "adviser_area_b",
                      "web_a", "web_b"},
}  # fmt: skip
CONTACT_NAMES = sorted(SCOPES["administrator"])


@pytest.mark.parametrize("role", sorted(SCOPES))
def test_each_role_lists_the_contacts_in_their_scope(client, world, scoped, role):
    expected = {scoped[name].pk for name in SCOPES[role]}
    assert _listed(client, world.users[role]) == expected
    # The list and the scope are one story.
    assert set(Contact.objects.visible_to(world.users[role]).values_list("pk", flat=True)) == expected


@pytest.mark.parametrize("role", sorted(SCOPES))
def test_a_contact_outside_the_scope_is_not_found_like_one_that_does_not_exist(client, world, scoped, role):
    client.force_login(world.users[role])
    for name in CONTACT_NAMES:
        response = client.get(_detail(scoped[name]))
        assert response.status_code == (200 if name in SCOPES[role] else 404), name
    missing = Contact.objects.order_by("-pk").first().pk + 1000
    assert client.get(reverse("contacts:contact-detail", args=[missing])).status_code == 404


@pytest.mark.parametrize("role", ["councillor", "no_role"])
def test_roles_that_take_no_contacts_are_refused(client, world, scoped, role):
    """The staff pages' standard refusal (core.access.staff_permission_required): 403."""
    client.force_login(world.users[role])
    assert client.get(LIST).status_code == 403
    assert client.get(_detail(scoped["adviser"])).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, scoped):
    for url in (LIST, _detail(scoped["adviser"])):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("portal:login"))


def test_staff_pages_are_not_stored(client, world, scoped):
    client.force_login(world.adviser)
    for url in (LIST, _detail(scoped["adviser"])):
        assert "no-store" in client.get(url)["Cache-Control"]


def test_contacts_link_in_the_navigation(client, world):
    client.force_login(world.adviser)
    assert f'href="{LIST}"' in client.get(reverse("portal:staff-home")).content.decode()
    client.force_login(world.councillor)
    assert f'href="{LIST}"' not in client.get(reverse("portal:staff-home")).content.decode()


# --- Filters -------------------------------------------------------------------------------------


def test_the_adviser_filter_offers_only_the_people_whose_contacts_the_viewer_sees(client, world, scoped):
    users = scoped["users"]
    client.force_login(world.adviser)
    assert "adviser" not in client.get(LIST).context["form"].fields  # only their own: nothing to choose
    client.force_login(world.team_manager)
    choices = {label for value, label in client.get(LIST).context["form"].fields["adviser"].choices if value}
    assert choices == {"Owen Officer A", "Tessa Team Manager", "Olive Shareable", "Hugo Private", "Tariq Teama"}
    client.force_login(world.service_manager)
    choices = {label for value, label in client.get(LIST).context["form"].fields["adviser"].choices if value}
    # With the adviser of no team, whose call about a topic of area B they see.
    assert choices == {"Bea Officer B", "Sanjay Service Manager", "Bella Teamb", "Amira Khan"}
    assert _listed(client, world.service_manager, {"adviser": world.adviser.pk}) == {scoped["adviser_area_b"].pk}
    # Administrators: everyone who has logged a contact.
    client.force_login(world.administrator)
    choices = {label for value, label in client.get(LIST).context["form"].fields["adviser"].choices if value}
    assert choices == {"Amira Khan", "Owen Officer A", "Bea Officer B", "Tariq Teama", "Bella Teamb"}
    assert _listed(client, world.team_manager, {"adviser": users["team_a_adviser"].pk}) == {scoped["team_a_adviser"].pk}


def test_another_teams_adviser_cannot_be_chosen_and_the_list_stays_in_scope(client, world, scoped):
    client.force_login(world.team_manager)
    for value in (scoped["users"]["team_b_adviser"].pk, world.officer_b.pk, -1, "abc", "9" * 30, "\x00"):
        response = client.get(LIST, {"adviser": value})
        assert response.status_code == 200
        assert response.context["form"].errors == {"adviser": ["Select an adviser from the list"]}
        assert {c.pk for c in response.context["page"]} == {scoped[name].pk for name in SCOPES["team_manager"]}
    # An adviser sees no adviser filter: one in the query string is ignored, not obeyed.
    assert _listed(client, world.adviser, {"adviser": world.officer_a.pk}) == {
        scoped[name].pk for name in SCOPES["adviser"]
    }


def test_channel_outcome_and_avoidable_filters(client, world, log_contact, scoped):
    raised = log_contact(world.administrator, outcome=Outcome.CASE_RAISED, summary="Sofa to collect",
                         new_case={"case_type": CaseType.SERVICE_REQUEST, "description": "A sofa."})  # fmt: skip
    chase = log_contact(world.administrator, outcome=Outcome.EXISTING_CASE, case=raised.case, chasing=True)
    about = log_contact(world.administrator, outcome=Outcome.EXISTING_CASE, case=raised.case)
    admin = world.administrator
    assert _listed(client, admin, {"channel": Channel.EMAIL}) == {scoped["team_a_adviser"].pk}
    assert _listed(client, admin, {"channel": Channel.WEB}) == {scoped["web_a"].pk, scoped["web_b"].pk}
    assert _listed(client, admin, {"outcome": Outcome.EXISTING_CASE}) == {chase.pk, about.pk}
    assert _listed(client, admin, {"outcome": Outcome.CASE_RAISED}) == {raised.pk, scoped["web_a"].pk}
    assert _listed(client, admin, {"avoidable": "on"}) == {chase.pk}
    assert _listed(client, admin, {"avoidable": "on", "channel": Channel.EMAIL}) == set()
    for name, value in (("channel", "fax"), ("outcome", "lost")):
        response = client.get(LIST, {name: value})
        assert name in response.context["form"].errors
        assert len(response.context["page"].object_list) == Contact.objects.count()


def _dated(log_contact, by, local: dt.datetime):
    started = timezone.make_aware(local)
    return log_contact(by, started_at=started, ended_at=started + dt.timedelta(minutes=3))


def _days(first: dt.date | None = None, last: dt.date | None = None) -> dict:
    query = {}
    for name, day in (("started_from", first), ("started_to", last)):
        if day is not None:
            query.update({f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year})
    return query


def test_the_date_filters_are_the_councils_days(client, world, log_contact):
    """From the first day's local midnight to the end of the last day, either side of the clock
    change (British Summer Time began on 29 March 2026)."""
    adviser = world.adviser
    late = _dated(log_contact, adviser, dt.datetime(2026, 3, 28, 23, 30))  # 23:30 GMT
    early = _dated(log_contact, adviser, dt.datetime(2026, 3, 29, 0, 30))  # 00:30 GMT, before the change
    summer = _dated(log_contact, adviser, dt.datetime(2026, 3, 30, 0, 15))  # 00:15 BST: 23:15 UTC on the 29th
    assert _listed(client, adviser, _days(dt.date(2026, 3, 29))) == {early.pk, summer.pk}
    assert _listed(client, adviser, _days(last=dt.date(2026, 3, 28))) == {late.pk}
    assert _listed(client, adviser, _days(dt.date(2026, 3, 29), dt.date(2026, 3, 29))) == {early.pk}
    assert _listed(client, adviser, _days(dt.date(2026, 3, 30), dt.date(2026, 3, 30))) == {summer.pk}


def test_a_reversed_range_is_an_error_on_the_last_day_and_the_first_day_still_applies(client, world, log_contact):
    adviser = world.adviser
    _dated(log_contact, adviser, dt.datetime(2026, 3, 1, 10))
    later = _dated(log_contact, adviser, dt.datetime(2026, 3, 10, 10))
    client.force_login(adviser)
    response = client.get(LIST, _days(dt.date(2026, 3, 5), dt.date(2026, 3, 2)))
    assert response.status_code == 200
    message = "The last day must be the same as or after the first day"
    assert response.context["form"].errors == {"started_to": [message]}
    assert {c.pk for c in response.context["page"]} == {later.pk}
    assert message in response.content.decode()


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (("32", "13", "2026"), "The first day must be a real date"),
        (("31", "2", "2026"), "The first day must be a real date"),
        (("1", "", "2026"), "The first day must include a month"),
        (("1", "1", "26"), "Year must include 4 numbers"),
        (("1", "1", "1999"), "The first day must be in a year from 2000 to 2099"),
        (("abc", "!!", "2026"), "The first day must be a real date"),
        (("9" * 10_000, "1", "2026"), "The first day must be a real date"),
        (("1\x00", "1", "2026"), None),
        (("-1", "1", "2026"), "The first day must be a real date"),
    ],
)
def test_a_day_that_is_not_a_date_is_an_error_on_its_field(client, world, scoped, parts, message):
    client.force_login(world.adviser)
    response = client.get(LIST, {f"started_from_{index}": part for index, part in enumerate(parts)})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["started_from"]
    if message is not None:
        assert errors["started_from"] == [message]
    # The list is shown without that filter.
    assert {c.pk for c in response.context["page"]} == {scoped[name].pk for name in SCOPES["adviser"]}


@pytest.mark.parametrize(
    "query",
    [
        {"page": "abc"},
        {"page": "99999"},
        {"page": "-1"},
        {"page": "9" * 10_000},
        {"page": "\x00"},
        {"channel": "\x00", "outcome": "x" * 10_000},
        {"avoidable": "\x00"},
        {"adviser": "1" * 10_000},
        {"q": "\x00" * 100, "started_to_0": "\x00", "started_to_1": "\x00", "started_to_2": "\x00"},
        {"channel": "!!!", "outcome": "';--"},
    ],
)
def test_hostile_query_strings_never_give_a_500(client, world, scoped, query):
    client.force_login(world.administrator)
    response = client.get(LIST, query)
    assert response.status_code == 200


def test_a_page_past_the_end_shows_the_last(client, world, log_contact):
    for _ in range(27):
        log_contact(world.adviser)
    client.force_login(world.adviser)
    page = client.get(LIST, {"page": "99999"}).context["page"]
    assert page.number == 2 and len(page.object_list) == 2
    assert client.get(LIST, {"page": "abc"}).context["page"].number == 1


def test_the_contact_page_takes_no_negative_or_huge_ids(client, world):
    client.force_login(world.administrator)
    assert client.get("/staff/contacts/-1/").status_code == 404
    assert client.get(f"/staff/contacts/{'9' * 30}/").status_code == 404
    assert client.get("/staff/contacts/abc/").status_code == 404


# --- Query counts ----------------------------------------------------------------------------------


def test_the_list_costs_the_same_queries_for_one_contact_as_for_a_full_page(
    client, world, log_contact, django_assert_num_queries
):
    customer = _customer()
    client.force_login(world.team_manager)
    # Each round logs a pair: a call raising a case and a call chasing it.
    for count in (2, 26):
        while Contact.objects.count() < count:
            new_case = {"case_type": CaseType.SERVICE_REQUEST, "description": "Sofa."}
            case = log_contact(world.officer_a, customer=customer, outcome=Outcome.CASE_RAISED, new_case=new_case).case
            log_contact(world.officer_a, customer=customer, outcome=Outcome.EXISTING_CASE, case=case, chasing=True)
        # The session, the user, their permissions (two: their own and their groups'), the
        # advisers for the filter, the teams, areas and partners for theirs, the count, and the
        # page of contacts with their adviser, customer, topic and case (and whether the case
        # may be opened, a subquery).
        with django_assert_num_queries(10):
            response = client.get(LIST, {"channel": Channel.PHONE, "avoidable": ""})
        assert len(response.context["page"].object_list) == min(count, 25)


def test_the_contact_page_is_one_query_for_the_contact(client, world, log_contact, django_assert_num_queries):
    contact = log_contact(world.adviser, customer=_customer(), outcome=Outcome.SIGNPOSTED,
                          partner=world.directory["county"])  # fmt: skip
    client.force_login(world.adviser)
    # The session, the user, their permissions (two), and the contact with everything it shows.
    with django_assert_num_queries(5):
        assert client.get(_detail(contact)).status_code == 200


# --- A contact's page ------------------------------------------------------------------------------


def test_a_contacts_page_shows_everything_about_it(client, world, log_contact):
    customer = _customer()
    started = timezone.now() - dt.timedelta(minutes=4, seconds=5)
    visit = ReceptionVisit.objects.create(
        name="Rita Resident", customer=customer, reason="Bulky waste", needs_specialist=True,
        arrived_at=started - dt.timedelta(minutes=1, seconds=20), checked_in_by=world.adviser,
        called_at=started, called_by=world.adviser, wait_seconds=80,
    )  # fmt: skip
    contact = log_contact(world.adviser, customer=customer, channel=Channel.FACE_TO_FACE, started_at=started,
                          summary="Booked a sofa collection", visit=visit)  # fmt: skip
    invitation = SurveyInvitation.objects.get(contact=contact)
    services.survey_answer(invitation=invitation, satisfaction=4, resolved=True, comment="Quick & kind <3")
    client.force_login(world.adviser)
    page = client.get(_detail(contact)).content.decode()
    for text in ("Face to face: ", "Booked a sofa collection", "Resolved at first point", "Amira Khan",
                 "Bulky waste collection (Waste and recycling)", "Specialist desk", "1 minute 20 seconds",
                 "4 out of 5", "Quick &amp; kind &lt;3", "rita@example.org", "Back to contacts"):  # fmt: skip
        assert text in page, text
    assert f'href="{reverse("cases:customer-detail", args=[customer.pk])}"' in page
    assert "4 minutes" in page  # its length, from start to save


def test_a_contacts_case_is_a_link_only_when_the_viewer_may_open_it(client, world, make_user, log_contact):
    """The service manager (area B) sees a team B adviser's call, but not the area A case it raised."""
    team_b_adviser = make_user(roles.ADVISER, team=world.team_b)
    contact = log_contact(team_b_adviser, outcome=Outcome.CASE_RAISED, summary="Sofa to collect",
                          new_case={"case_type": CaseType.SERVICE_REQUEST, "description": "A sofa."})  # fmt: skip
    case_url = reverse("cases:case-detail", kwargs={"reference": contact.case.reference})
    client.force_login(world.service_manager)
    for url in (LIST, _detail(contact)):
        page = client.get(url).content.decode()
        assert contact.case.reference in page and case_url not in page
    client.force_login(world.administrator)
    for url in (LIST, _detail(contact)):
        assert case_url in client.get(url).content.decode()


def test_a_web_contacts_page_shows_the_answers_sent(client, world, send_bulky):
    contact = send_bulky().contact
    client.force_login(world.administrator)
    page = client.get(_detail(contact)).content.decode()
    for text in ("Online form", "Book a bulky waste collection", "What do you need us to collect?", "Sofa",
                 "None: sent online by the customer", "Case raised"):  # fmt: skip
        assert text in page, text


def test_an_anonymous_signposted_call(client, world, log_contact):
    contact = log_contact(world.adviser, outcome=Outcome.SIGNPOSTED, partner=world.directory["county"],
                          topic=world.directory["potholes"])  # fmt: skip
    client.force_login(world.adviser)
    page = client.get(_detail(contact)).content.decode()
    assert "Anonymous" in page and "Wyeshire County Council" in page and "Satisfaction survey" not in page
    assert "Anonymous" in client.get(LIST).content.decode()


# --- A customer merge keeps the contacts -----------------------------------------------------------


def test_a_customer_merge_moves_the_contacts_visits_and_surveys(world, log_contact):
    target = _customer()
    source = _customer(email="rita.r@example.org")
    visit = services.visit_check_in(by=world.adviser, fields={"customer": source, "reason": "Bins"})
    visit = services.visit_call(visit=visit, by=world.adviser)
    contacts = [log_contact(world.adviser, customer=source, visit=visit),
                log_contact(world.officer_a, customer=source, outcome=Outcome.SIGNPOSTED,
                            partner=world.directory["county"])]  # fmt: skip
    kept = log_contact(world.adviser, customer=target)
    assert SurveyInvitation.objects.filter(customer=source).count() == 1
    cases_services.customer_merge(source=source, target=target, by=world.team_manager)
    assert set(Contact.objects.filter(customer=target).values_list("pk", flat=True)) == {
        kept.pk,
        *(contact.pk for contact in contacts),
    }
    assert not Contact.objects.filter(customer=source).exists()
    assert ReceptionVisit.objects.get(pk=visit.pk).customer_id == target.pk
    assert not SurveyInvitation.objects.filter(customer=source).exists()
    for record in (source, target):
        change = CasesChange.objects.get(entry_type="customer", entry_id=record.pk, action="merged")
        assert change.changes["contacts moved"] == [None, 2]
        assert change.changes["visits moved"] == [None, 1]
        assert change.changes["surveys moved"] == [None, 1]


def test_a_failed_merge_moves_no_contact(world, log_contact):
    target, source = _customer(), _customer(email="rita.r@example.org")
    contact = log_contact(world.adviser, customer=source)
    cases_services.customer_merge(source=source, target=target, by=world.team_manager)
    other = _customer(email="other@example.org")
    with pytest.raises(Exception, match="already merged"):
        cases_services.customer_merge(source=source, target=other, by=world.team_manager)
    assert Contact.objects.get(pk=contact.pk).customer_id == target.pk


def test_the_merge_page_says_the_contacts_move_too(client, world):
    target, source = _customer(), _customer(email="rita.r@example.org")
    client.force_login(world.team_manager)
    page = client.get(reverse("cases:customer-merge", args=[source.pk]), {"into": target.pk}).content.decode()
    assert "Every case, contact, reception visit and survey of the record you do not keep moves" in page


def test_the_contacts_with_no_team_or_no_service_recorded(client, world, scoped):
    # The adviser is in no team and web forms have no adviser: no team recorded. The log_contact
    # default topic is bulky waste (area A); two were logged with no topic at all.
    ids = {name: contact.pk for name, contact in scoped.items() if name != "users"}
    admin = world.administrator
    assert _listed(client, admin, {"team": "none"}) == {ids["adviser"], ids["adviser_area_b"], ids["web_a"],
                                                        ids["web_b"]}  # fmt: skip
    assert _listed(client, admin, {"team": "none", "logged": "on"}) == {ids["adviser"], ids["adviser_area_b"]}
    assert _listed(client, admin, {"area": "none"}) == {ids["team_a_adviser"], ids["team_b_adviser"]}
    # A team manager's "none" is within their scope still.
    assert _listed(client, world.team_manager, {"team": "none"}) == set()
