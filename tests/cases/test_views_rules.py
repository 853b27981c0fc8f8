"""The routing rules pages: the list, adding, changing, deleting, history and "test this rule set",
for every role that matters, with GOV.UK errors, and odd or hostile input that must never be a 500.

The team manager edits rules routing to area A's team (team A) only, the service manager area B's,
administrators all; officers, advisers and the rest get 403."""

import pytest
from django.urls import reverse

from cases import services
from cases.models import CasesChange, RoutingRule
from standards.models import CaseType, Channel

# Every staff page costs the same four queries before its own: session, user, and the user's and
# groups' permissions (looked up once, then cached on the user).
STAFF_OVERHEAD = 4
NOT_EDITORS = ["adviser", "officer_a", "officer_b", "councillor", "no_role"]


def _text(response) -> str:
    return response.content.decode()


def _form(world, **values) -> dict:
    """A valid rule form for team A, with `values` over it (None drops a field)."""
    data = {"name": "Fridges", "position": "", "is_active": "on", "words": "fridge, freezer", "needs": "",
            "priority": "", "team": world.team_a.pk, "service_area": "", "topic": "", "postcodes": "",
            "wards": ""}  # fmt: skip
    data.update(values)
    return {name: value for name, value in data.items() if value is not None}


def _errors(response) -> dict:
    return response.context["form"].errors


# --- Who may open them ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", NOT_EDITORS)
@pytest.mark.parametrize("name", ["cases:rule-list", "cases:rule-create", "cases:rule-test"])
def test_others_are_refused(client, world, rules, role, name):
    client.force_login(world.users[role])
    assert client.get(reverse(name)).status_code == 403
    assert client.post(reverse(name)).status_code in (403, 405)


@pytest.mark.parametrize("role", NOT_EDITORS)
@pytest.mark.parametrize("name", ["cases:rule-update", "cases:rule-delete", "cases:rule-history"])
def test_others_are_refused_a_rule(client, world, rules, role, name):
    client.force_login(world.users[role])
    url = reverse(name, args=[rules["bulky"].pk])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code in (403, 405)
    assert RoutingRule.objects.filter(pk=rules["bulky"].pk).exists()


def test_anonymous_visitors_sign_in_first(client, world, rules):
    response = client.get(reverse("cases:rule-list"))
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


@pytest.mark.parametrize(
    ("role", "own", "other"),
    [("team_manager", "bulky", "housing"), ("service_manager", "housing", "bulky")],
)
@pytest.mark.parametrize("name", ["cases:rule-update", "cases:rule-delete", "cases:rule-history"])
def test_managers_reach_only_their_own_areas_rules(client, world, rules, role, own, other, name):
    client.force_login(world.users[role])
    assert client.get(reverse(name, args=[rules[own].pk])).status_code == 200
    assert client.get(reverse(name, args=[rules[other].pk])).status_code == 404
    assert client.post(reverse(name, args=[rules[other].pk]), _form(world)).status_code in (404, 405)
    assert RoutingRule.objects.filter(pk=rules[other].pk).exists()


def test_an_unknown_rule_is_not_found(client, world, rules):
    client.force_login(world.administrator)
    assert client.get(reverse("cases:rule-update", args=[999999])).status_code == 404


# --- The list ------------------------------------------------------------------------------------


def test_list_shows_every_rule_in_order_and_the_triage_fallback(client, world, rules):
    services.routing_rule_create(by=None, fields={
        "name": "Off for now", "is_active": False, "words": ["sofa"], "postcodes": ["WY3", "WY"],
        "case_types": [CaseType.PROBLEM_REPORT], "channels": [Channel.PHONE], "team": world.team_a,
        "priority": "urgent",
    })  # fmt: skip
    client.force_login(world.team_manager)
    page = _text(client.get(reverse("cases:rule-list")))
    names = ["Bulky waste", "Vulnerable housing", "Housing", "Off for now"]
    assert [page.index(f">{name}</th>") for name in names] == sorted(page.index(f">{name}</th>") for name in names)
    assert "<li>The topic is Bulky waste collection</li>" in page
    assert "<li>The case type is problem report</li><li>and it came in by phone call</li>" in page
    assert "<li>and the description mentions “sofa”</li><li>and the postcode is in WY or WY3</li>" in page
    assert "Not active" in page and "Urgent" in page
    assert page.rindex("Anything no rule matches goes to the triage queue") > page.index("Off for now")
    assert reverse("cases:rule-create") in page and reverse("cases:rule-test") in page
    # Edit links only on the team manager's own area's rules (team A).
    assert reverse("cases:rule-update", args=[rules["bulky"].pk]) in page
    assert reverse("cases:rule-update", args=[rules["housing"].pk]) not in page
    assert reverse("cases:rule-delete", args=[rules["vulnerable_housing"].pk]) not in page


def test_list_conditions_read_as_a_sentence(client, world, rules):
    client.force_login(world.service_manager)
    page = _text(client.get(reverse("cases:rule-list")))
    assert "<li>It is for Housing</li><li>and the customer is recorded as vulnerable</li>" in page


def test_administrators_may_edit_every_rule(client, world, rules):
    client.force_login(world.administrator)
    page = _text(client.get(reverse("cases:rule-list")))
    for rule in rules.values():
        assert reverse("cases:rule-update", args=[rule.pk]) in page


@pytest.mark.parametrize(("role", "queries"), [("team_manager", 2), ("administrator", 1)])
def test_list_query_count_does_not_grow_with_the_rules(client, world, rules, role, queries, django_assert_num_queries):
    for n in range(40):
        services.routing_rule_create(by=None, fields={"name": f"Rule {n}", "words": [f"w{n}"], "team": world.team_b,
                                                      "topic": world.directory["homeless"]})  # fmt: skip
    client.force_login(world.users[role])
    # The rules with their team (and its area), area and topic: one query; a manager's editing
    # area: one more (administrators edit everything, so none).
    with django_assert_num_queries(STAFF_OVERHEAD + queries):
        response = client.get(reverse("cases:rule-list"))
    assert response.status_code == 200 and _text(response).count('<th scope="row"') == 43


def test_list_with_no_rules(client, world):
    client.force_login(world.administrator)
    page = _text(client.get(reverse("cases:rule-list")))
    assert "There are no rules yet." in page and "Anything no rule matches goes to the triage queue" in page


# --- Adding a rule ---------------------------------------------------------------------------------


def test_team_manager_adds_a_rule_at_the_end(client, world, rules):
    client.force_login(world.team_manager)
    page = _text(client.get(reverse("cases:rule-create")))
    # Only team A to route to; every topic, grouped by area.
    assert "Waste collections (Waste and recycling)" in page and "Housing options" not in page
    assert '<optgroup label="Housing">' in page and '<optgroup label="Waste and recycling">' in page
    response = client.post(reverse("cases:rule-create"), _form(
        world, case_types=[CaseType.SERVICE_REQUEST, CaseType.PROBLEM_REPORT], channels=[Channel.WEB],
        service_area=world.area_a.pk, topic=world.directory["bulky"].pk, words="Fridge\nfreezer,  chest  freezer",
        postcodes="wy3, WY 4; LS", wards="Northgate\n\n  Eastfield  ", needs="vulnerable", priority="high",
    ), follow=True)  # fmt: skip
    assert response.redirect_chain == [(reverse("cases:rule-list"), 302)]
    assert "Rule 40, “Fridges”, has been added." in _text(response)
    rule = RoutingRule.objects.get(name="Fridges")
    assert rule.position == 40 and rule.team == world.team_a and rule.is_active
    assert rule.words == ["chest freezer", "freezer", "fridge"]
    assert rule.postcodes == ["LS", "WY3", "WY4"] and rule.wards == ["Eastfield", "Northgate"]
    assert rule.case_types == ["problem_report", "service_request"] and rule.channels == ["web"]
    assert (rule.needs, rule.priority) == ("vulnerable", "high")
    assert (rule.topic, rule.service_area) == (world.directory["bulky"], world.area_a)
    change = CasesChange.objects.get(entry_type="routingrule", entry_id=rule.pk)
    assert change.action == "created" and change.changed_by == world.team_manager


def test_the_team_must_be_one_the_user_may_route_to(client, world, rules):
    client.force_login(world.team_manager)
    response = client.post(reverse("cases:rule-create"), _form(world, team=world.team_b.pk))
    assert response.status_code == 200
    assert _errors(response) == {"team": ["Select a team from the list"]}
    assert not RoutingRule.objects.filter(name="Fridges").exists()


def test_service_manager_routes_to_area_b_and_administrator_anywhere(client, world):
    client.force_login(world.service_manager)
    page = _text(client.get(reverse("cases:rule-create")))
    assert "Housing options (Housing)" in page and "Waste collections" not in page
    client.force_login(world.administrator)
    page = _text(client.get(reverse("cases:rule-create")))
    assert "Housing options (Housing)" in page and "Waste collections (Waste and recycling)" in page
    assert "ICT service desk (ICT)" in page


# (form values, field, message)
FORM_ERRORS = [
    ({"name": ""}, "name", "Enter a name for the rule"),
    ({"name": "x" * 121}, "name", "The name must be 120 characters or fewer"),
    ({"team": ""}, "team", "Select the team to route to"),
    ({"team": "not-a-team"}, "team", "Select a team from the list"),
    ({"position": "ten"}, "position", "The rule's number must be a whole number, like 25"),
    ({"position": "0"}, "position", "The rule's number must be 1 or more"),
    ({"position": "99999999999"}, "position", "The rule's number must be 2147483647 or less"),
    ({"case_types": ["nonsense"]}, "case_types", "Select case types from the list"),
    ({"channels": ["pigeon"]}, "channels", "Select channels from the list"),
    ({"service_area": "999999"}, "service_area", "Select a service area from the list"),
    ({"topic": "'; DROP TABLE x"}, "topic", "Select a topic from the list"),
    ({"needs": "very"}, "needs", "Select which customers the rule is for"),
    ({"priority": "whenever"}, "priority", "Select a priority from the list"),
    ({"words": "x" * 61}, "words", "Each word or phrase must be 60 characters or fewer"),
    ({"words": "ab, " * 2500}, "words", "Words in the description must be 2,000 characters or fewer"),
    ({"postcodes": "12 Acacia Avenue, WY3"}, "postcodes", "Enter only the first part of each postcode, like WY3 or WY"),
    ({"wards": "w" * 81}, "wards", "Each ward name must be 80 characters or fewer"),
    # The model's and the service's rules, on their fields.
    ({"postcodes": "WY3 4AB"}, "postcodes",
     "“WY34AB” is not a postcode area or district: enter the first part, like WY3 or WY"),
    ({"postcodes": "WY3, 3WY"}, "postcodes",
     "“3WY” is not a postcode area or district: enter the first part, like WY3 or WY"),
    ({"postcodes": "WYZZ"}, "postcodes",
     "“WYZZ” is not a postcode area or district: enter the first part, like WY3 or WY"),
    ({"position": "10"}, "position", "Another rule already has this number: choose another"),
]  # fmt: skip


@pytest.mark.parametrize(("values", "field", "message"), FORM_ERRORS)
def test_form_errors_are_shown_on_their_fields(client, world, rules, values, field, message):
    client.force_login(world.team_manager)
    response = client.post(reverse("cases:rule-create"), _form(world, **values))
    assert response.status_code == 200
    assert _errors(response) == {field: [message]}
    page = _text(response)
    assert "There is a problem" in page and "<title>Error: Add a rule" in page
    assert not RoutingRule.objects.filter(name__in=["Fridges", "x" * 121]).exists()


def test_a_topic_outside_the_chosen_area_could_never_match(client, world, rules):
    client.force_login(world.team_manager)
    response = client.post(reverse("cases:rule-create"), _form(
        world, service_area=world.area_b.pk, topic=world.directory["bulky"].pk))  # fmt: skip
    assert _errors(response) == {"topic": [
        "Bulky waste collection belongs to Waste and recycling, not the service area chosen: the rule could never match"
    ]}  # fmt: skip


def test_a_catch_all_before_other_rules_could_never_let_them_fire(client, world, rules):
    client.force_login(world.team_manager)
    response = client.post(reverse("cases:rule-create"), _form(world, words="", position="15"))
    assert _errors(response) == {"position": [
        "A rule without conditions matches every case, so rule 20, “Vulnerable housing”, after it could never fire: "
        "make it the last rule, or give it a condition"
    ]}  # fmt: skip
    # At the end it is the last word before triage: allowed; then nothing may follow it.
    assert client.post(reverse("cases:rule-create"), _form(world, words="", name="Everything else")).status_code == 302
    response = client.post(reverse("cases:rule-create"), _form(world))
    assert _errors(response) == {"position": [
        "Rule 40, “Everything else”, matches every case, so a rule after it could never fire: give this one a lower "
        "number"
    ]}  # fmt: skip
    assert client.post(reverse("cases:rule-create"), _form(world, position="35")).status_code == 302


def test_hostile_text_is_escaped(client, world, rules):
    client.force_login(world.team_manager)
    name = '<script>alert("x")</script>'
    response = client.post(reverse("cases:rule-create"), _form(world, name=name, words="<b>bold</b>"), follow=True)
    page = _text(response)
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert "<b>bold</b>" not in page and "&lt;b&gt;bold&lt;/b&gt;" in page
    rule = RoutingRule.objects.get(name=name)
    page = _text(client.get(reverse("cases:rule-update", args=[rule.pk])))
    assert "<script>alert" not in page
    page = _text(client.get(reverse("cases:rule-delete", args=[rule.pk])))
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    page = _text(client.get(reverse("cases:rule-history", args=[rule.pk])))
    assert "<script>alert" not in page


def test_an_empty_post_is_a_form_with_errors(client, world):
    client.force_login(world.administrator)
    response = client.post(reverse("cases:rule-create"), {})
    assert response.status_code == 200
    assert set(_errors(response)) == {"name", "team"}


# --- Changing and deleting -------------------------------------------------------------------------


def test_change_a_rule(client, world, rules):
    client.force_login(world.service_manager)
    rule = rules["vulnerable_housing"]
    page = _text(client.get(reverse("cases:rule-update", args=[rule.pk])))
    assert 'value="20"' in page and "Change rule 20, “Vulnerable housing”" in page
    response = client.post(reverse("cases:rule-update", args=[rule.pk]), _form(
        world, name="Vulnerable housing", position="25", service_area=world.area_b.pk, words="", needs="has_needs",
        priority="urgent", team=world.team_b.pk))  # fmt: skip
    assert response.status_code == 302
    rule.refresh_from_db()
    assert (rule.position, rule.needs, rule.priority) == (25, "has_needs", "urgent")
    change = CasesChange.objects.filter(entry_type="routingrule", entry_id=rule.pk, action="updated").get()
    assert change.changes == {
        "position": [20, 25],
        "needs": ["vulnerable", "has_needs"],
        "priority": ["high", "urgent"],
    }
    page = _text(client.get(reverse("cases:rule-history", args=[rule.pk])))
    assert "Change history of rule 25, “Vulnerable housing”" in page and "Sanjay" in page
    assert "Priority: High to Urgent" in page


def test_change_keeps_the_number_required(client, world, rules):
    client.force_login(world.team_manager)
    response = client.post(reverse("cases:rule-update", args=[rules["bulky"].pk]), _form(world, position=""))
    assert _errors(response) == {"position": ["Enter the rule's number"]}


def test_change_to_a_taken_number_is_refused(client, world, rules):
    client.force_login(world.administrator)
    response = client.post(reverse("cases:rule-update", args=[rules["bulky"].pk]), _form(world, position="30"))
    assert _errors(response) == {"position": ["Another rule already has this number: choose another"]}
    rules["bulky"].refresh_from_db()
    assert rules["bulky"].position == 10 and rules["bulky"].name == "Bulky waste"


def test_saving_without_changes_records_nothing(client, world, rules):
    client.force_login(world.team_manager)
    rule = rules["bulky"]
    data = _form(world, name=rule.name, position=rule.position, words="", topic=rule.topic_id)
    assert client.post(reverse("cases:rule-update", args=[rule.pk]), data).status_code == 302
    assert not CasesChange.objects.filter(entry_type="routingrule", entry_id=rule.pk, action="updated").exists()


def test_delete_a_rule(client, world, rules):
    client.force_login(world.team_manager)
    rule = rules["bulky"]
    page = _text(client.get(reverse("cases:rule-delete", args=[rule.pk])))
    assert "Are you sure you want to delete rule 10, “Bulky waste”?" in page
    response = client.post(reverse("cases:rule-delete", args=[rule.pk]), follow=True)
    assert response.redirect_chain == [(reverse("cases:rule-list"), 302)]
    assert "Rule 10, “Bulky waste”, has been deleted." in _text(response)
    assert not RoutingRule.objects.filter(pk=rule.pk).exists()
    assert CasesChange.objects.filter(
        entry_type="routingrule", entry_id=rule.pk, action="deleted", changed_by=world.team_manager
    ).exists()


# --- Testing the rule set ----------------------------------------------------------------------------


def _test(client, **values):
    data = {"case_type": CaseType.SERVICE_REQUEST, "channel": Channel.EMAIL}
    data.update(values)
    return client.get(reverse("cases:rule-test"), data)


@pytest.mark.parametrize("role", ["team_manager", "service_manager", "administrator"])
def test_the_test_page_opens_empty(client, world, rules, role):
    client.force_login(world.users[role])
    response = client.get(reverse("cases:rule-test"))
    assert response.status_code == 200 and response.context["decision"] is None
    assert "There is a problem" not in _text(response)


def test_a_sample_case_hits_a_rule_and_says_why(client, world, rules):
    client.force_login(world.service_manager)  # reads every rule, not only its own area's
    response = _test(client, topic=world.directory["homeless"].pk, vulnerable="on")
    page = _text(response)
    assert "It would go to Housing options, by rule 20, “Vulnerable housing”, at high priority." in page
    assert "<li>it is for Housing</li>" in page and "<li>the customer is recorded as vulnerable</li>" in page
    assert "Rules tried before it" in page and "The topic is not Bulky waste collection" in page
    decision = response.context["decision"]
    assert decision.rule.id == rules["vulnerable_housing"].pk


def test_a_sample_case_no_rule_matches_goes_to_triage(client, world, rules):
    client.force_login(world.team_manager)
    page = _text(_test(client, text="Something odd", postcode="wy3 4ab", ward="Northgate", has_needs="on"))
    assert "It would go to the triage queue: no rule matches it." in page
    assert "It is not for Housing" in page and "Anything no rule matches goes to the triage queue" in page


def test_a_sample_case_matches_words_and_postcode(client, world, rules):
    services.routing_rule_create(by=None, fields={"name": "Sofas in WY3", "position": 5, "words": ["sofa"],
                                                  "postcodes": ["WY3"], "team": world.team_a})  # fmt: skip
    client.force_login(world.team_manager)
    decision = _test(client, text="An old SOFA", postcode="WY3 4AB").context["decision"]
    assert decision.rule.name == "Sofas in WY3"
    assert decision.reasons == ("the description mentions “sofa”", "the postcode WY3 4AB is in WY3")
    decision = _test(client, text="An old SOFA", postcode="WY31 2AB").context["decision"]
    assert decision.rule is None
    assert decision.missed[0][1] == "the postcode WY31 2AB is not in WY3"


def test_the_test_page_with_no_rules(client, world):
    client.force_login(world.administrator)
    page = _text(_test(client))
    assert "It would go to the triage queue" in page and "There are no active rules." in page


TEST_ERRORS = [
    ({"case_type": ""}, "case_type", "Select the case type"),
    ({"case_type": "<script>"}, "case_type", "Select the case type"),
    ({"channel": "pigeon"}, "channel", "Select how it came in"),
    ({"service_area": "abc"}, "service_area", "Select a service area from the list"),
    ({"topic": "99999999999999999999"}, "topic", "Select a topic from the list"),
    ({"postcode": "not a postcode"}, "postcode", "Enter a real postcode, like SW1A 1AA"),
    ({"postcode": "W" * 5000}, "postcode", "Enter a real postcode, like SW1A 1AA"),
    ({"ward": "w" * 81}, "ward", "The ward must be 80 characters or fewer"),
    ({"text": "x" * 10001}, "text", "What the case says must be 10,000 characters or fewer"),
]


@pytest.mark.parametrize(("values", "field", "message"), TEST_ERRORS)
def test_the_test_form_errors(client, world, rules, values, field, message):
    client.force_login(world.team_manager)
    response = _test(client, **values)
    assert response.status_code == 200 and response.context["decision"] is None
    assert _errors(response) == {field: [message]}
    assert "<script>" not in _text(response).split("<main")[1]


def test_the_test_form_refuses_a_topic_of_another_area(client, world, rules):
    client.force_login(world.team_manager)
    response = _test(client, service_area=world.area_b.pk, topic=world.directory["bulky"].pk)
    assert _errors(response) == {"topic": ["Bulky waste collection is not a topic of Housing"]}


def test_the_test_page_takes_a_long_description(client, world, rules):
    client.force_login(world.team_manager)
    response = _test(client, text="sofa " * 1999)
    assert response.status_code == 200 and response.context["decision"] is not None


def test_post_to_the_list_and_test_pages_is_not_allowed(client, world):
    client.force_login(world.administrator)
    assert client.post(reverse("cases:rule-list")).status_code == 405
    assert client.post(reverse("cases:rule-test")).status_code == 405
    assert client.post(reverse("cases:rule-history", args=[1])).status_code == 405


def test_null_characters_are_refused_not_a_500(client, world, rules):
    client.force_login(world.team_manager)
    response = client.post(reverse("cases:rule-create"), _form(world, name="A\x00B", words="so\x00fa", wards="\x00"))
    assert response.status_code == 200 and set(_errors(response)) == {"name", "words", "wards"}
    response = _test(client, text="so\x00fa", ward="\x00", postcode="\x00")
    assert response.status_code == 200 and set(_errors(response)) == {"text", "ward", "postcode"}
