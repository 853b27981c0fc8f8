"""The routing matcher, table-driven over every condition (cases.routing, pure: no database), and
case_create really routing new cases through the stored rules."""

import datetime as dt

import pytest

from cases import selectors, services
from cases.models import CaseEvent, EventKind, RoutingRule
from cases.routing import Facts, Rule, route_decide, rule_check, rule_describe, words_pattern
from standards.models import CaseType, Channel, Priority

AREA_WASTE, AREA_HOUSING = 1, 2
TOPIC_BULKY, TOPIC_HOMELESS = 11, 21


def rule(position: int = 10, name: str = "A rule", **conditions) -> Rule:
    """A compiled rule as cases.selectors.rule_compile makes one (words as their pattern)."""
    names = {"service_area_id": {AREA_WASTE: "Waste", AREA_HOUSING: "Housing"},
             "topic_id": {TOPIC_BULKY: "Bulky waste", TOPIC_HOMELESS: "Homelessness"}}  # fmt: skip
    extra = {}
    if "service_area_id" in conditions:
        extra["service_area_name"] = names["service_area_id"][conditions["service_area_id"]]
    if "topic_id" in conditions:
        extra["topic_name"] = names["topic_id"][conditions["topic_id"]]
    for name_ in ("case_types", "channels", "wards"):
        if name_ in conditions:
            conditions[name_] = frozenset(conditions[name_])
    for name_ in ("words", "postcodes"):
        if name_ in conditions:
            conditions[name_] = tuple(conditions[name_])
    words_re = words_pattern(conditions.get("words", ()))
    return Rule(id=position, position=position, name=name, team_id=1, team_name="Team", priority="",
                words_re=words_re, **conditions, **extra)  # fmt: skip


def facts(**values) -> Facts:
    values.setdefault("case_type", CaseType.SERVICE_REQUEST)
    values.setdefault("channel", Channel.EMAIL)
    return Facts(**values)


# --- One condition at a time ----------------------------------------------------------------------

# (conditions of the rule, facts of the case, matches?, the reason given: held or failed)
CONDITIONS = [
    # Case type and channel: one of those named.
    ({"case_types": ["complaint_1", "complaint_2"]}, {"case_type": "complaint_1"}, True,
     "the case type is complaint (stage 1)"),
    ({"case_types": ["complaint_1"]}, {"case_type": "service_request"}, False,
     "the case type is service request, which the rule does not name"),
    ({"channels": ["phone", "email"]}, {"channel": "phone"}, True, "it came in by phone call"),
    ({"channels": ["phone"]}, {"channel": "councillor"}, False,
     "it came in through a councillor, which the rule does not name"),
    ({"channels": ["face_to_face"]}, {"channel": "face_to_face"}, True, "it came in face to face"),
    # Service area and topic.
    ({"service_area_id": AREA_WASTE}, {"service_area_id": AREA_WASTE}, True, "it is for Waste"),
    ({"service_area_id": AREA_WASTE}, {"service_area_id": AREA_HOUSING}, False, "it is not for Waste"),
    ({"service_area_id": AREA_WASTE}, {}, False, "it is not for Waste"),
    ({"topic_id": TOPIC_BULKY}, {"topic_id": TOPIC_BULKY}, True, "the topic is Bulky waste"),
    ({"topic_id": TOPIC_BULKY}, {"topic_id": TOPIC_HOMELESS}, False, "the topic is not Bulky waste"),
    # Words: whole words, any case, phrases across any spacing.
    ({"words": ["sofa", "fridge"]}, {"text": "An old FRIDGE by the door"}, True, "the description mentions “fridge”"),
    ({"words": ["sofa"]}, {"text": "Sofa."}, True, "the description mentions “sofa”"),
    ({"words": ["bin"]}, {"text": "The cabinet is broken"}, False, "the description has none of the rule's words"),
    ({"words": ["bin"]}, {"text": "bins everywhere"}, False, "the description has none of the rule's words"),
    ({"words": ["bin"]}, {"text": "my bin, again"}, True, "the description mentions “bin”"),
    ({"words": ["dead animal"]}, {"text": "a Dead\n  animal on the road"}, True,
     "the description mentions “dead animal”"),
    ({"words": ["dead animal"]}, {"text": "a dead animals' home"}, False,
     "the description has none of the rule's words"),
    ({"words": ["dead animal"]}, {"text": "the animal is dead"}, False,
     "the description has none of the rule's words"),
    ({"words": ["fly-tipping"]}, {"text": "Fly-Tipping again"}, True, "the description mentions “fly-tipping”"),
    ({"words": ["fly-tipping"]}, {"text": "fly tipping again"}, False, "the description has none of the rule's words"),
    ({"words": ["c/o"]}, {"text": "write c/o the office"}, True, "the description mentions “c/o”"),
    ({"words": ["no."]}, {"text": "Flat no. 5"}, True, "the description mentions “no.”"),
    ({"words": ["a.b"]}, {"text": "axb"}, False, "the description has none of the rule's words"),
    ({"words": ["café"]}, {"text": "Outside the CAFÉ"}, True, "the description mentions “café”"),
    ({"words": ["sofa"]}, {"text": ""}, False, "the description has none of the rule's words"),
    # Postcodes: an area holds every district in it; a district only itself (and its sub-districts).
    ({"postcodes": ["WY"]}, {"postcode": "WY3 4AB"}, True, "the postcode WY3 4AB is in WY"),
    ({"postcodes": ["WY"]}, {"postcode": "WY31 2AB"}, True, "the postcode WY31 2AB is in WY"),
    ({"postcodes": ["W"]}, {"postcode": "WY3 4AB"}, False, "the postcode WY3 4AB is not in W"),
    ({"postcodes": ["WY3"]}, {"postcode": "WY3 4AB"}, True, "the postcode WY3 4AB is in WY3"),
    ({"postcodes": ["WY3"]}, {"postcode": "WY31 2AB"}, False, "the postcode WY31 2AB is not in WY3"),
    ({"postcodes": ["WY31"]}, {"postcode": "WY3 4AB"}, False, "the postcode WY3 4AB is not in WY31"),
    ({"postcodes": ["WY3"]}, {"postcode": "wy34ab"}, True, "the postcode wy34ab is in WY3"),
    ({"postcodes": ["SW1"]}, {"postcode": "SW1A 1AA"}, True, "the postcode SW1A 1AA is in SW1"),
    ({"postcodes": ["SW1A"]}, {"postcode": "SW1E 5DJ"}, False, "the postcode SW1E 5DJ is not in SW1A"),
    ({"postcodes": ["LS1", "WY3", "WY4"]}, {"postcode": "WY4 1AA"}, True, "the postcode WY4 1AA is in WY4"),
    ({"postcodes": ["LS1", "WY3"]}, {"postcode": "WY4 1AA"}, False, "the postcode WY4 1AA is not in LS1 or WY3"),
    ({"postcodes": ["WY"]}, {}, False, "there is no postcode"),
    # Wards: any case, spacing as stored.
    ({"wards": ["Northgate", "Eastfield"]}, {"ward": "northgate"}, True, "the ward is northgate"),
    ({"wards": ["Northgate"]}, {"ward": "Southgate"}, False, "the ward is not Northgate"),
    ({"wards": ["Northgate", "Eastfield"]}, {"ward": "Westend"}, False, "the ward is not Eastfield or Northgate"),
    ({"wards": ["Northgate"]}, {}, False, "there is no ward"),
    # Needs.
    ({"needs": "has_needs"}, {"has_needs": True}, True, "the customer has recorded needs"),
    ({"needs": "has_needs"}, {}, False, "the customer has no recorded needs"),
    ({"needs": "vulnerable"}, {"has_needs": True, "vulnerable": True}, True, "the customer is recorded as vulnerable"),
    ({"needs": "vulnerable"}, {"has_needs": True}, False, "the customer is not recorded as vulnerable"),
]  # fmt: skip


@pytest.mark.parametrize(("conditions", "case", "matches", "reason"), CONDITIONS)
def test_each_condition(conditions, case, matches, reason):
    matched, reasons = rule_check(rule(**conditions), facts(**case))
    assert matched is matches
    assert reasons == [reason]


def test_a_rule_without_conditions_matches_every_case():
    decision = route_decide([rule(name="Everything")], facts())
    assert decision.rule is not None and decision.reasons == ()
    assert decision.sentence == "Rule 10, “Everything”: it matches every case"


def test_every_condition_must_hold_and_the_first_failure_is_the_reason():
    bulky_in_wy3 = rule(topic_id=TOPIC_BULKY, postcodes=["WY3"], needs="vulnerable")
    matched, reasons = rule_check(bulky_in_wy3, facts(topic_id=TOPIC_BULKY, postcode="WY3 4AB", vulnerable=True))
    assert matched
    assert reasons == [
        "the topic is Bulky waste",
        "the postcode WY3 4AB is in WY3",
        "the customer is recorded as vulnerable",
    ]
    assert rule_check(bulky_in_wy3, facts(topic_id=TOPIC_BULKY, postcode="LS1 1AA", vulnerable=True)) == (
        False, ["the postcode LS1 1AA is not in WY3"],
    )  # fmt: skip


# --- The rule set --------------------------------------------------------------------------------


def test_first_match_wins_and_earlier_rules_say_why_not():
    rules = [
        rule(10, "Complaints", case_types=["complaint_1"]),
        rule(20, "Sofas", words=["sofa"]),
        rule(30, "Waste", service_area_id=AREA_WASTE),
    ]
    decision = route_decide(rules, facts(service_area_id=AREA_WASTE, text="A sofa"))
    assert decision.rule is rules[1]
    assert decision.reasons == ("the description mentions “sofa”",)
    assert decision.sentence == "Rule 20, “Sofas”: the description mentions “sofa”"
    assert decision.missed == ((rules[0], "the case type is service request, which the rule does not name"),)


def test_no_match_goes_to_triage_with_every_rule_missed():
    rules = [rule(10, "Complaints", case_types=["complaint_1"]), rule(20, "Waste", service_area_id=AREA_WASTE)]
    decision = route_decide(rules, facts(service_area_id=AREA_HOUSING))
    assert decision.rule is None and decision.reasons == ()
    assert [why for _rule, why in decision.missed] == [
        "the case type is service request, which the rule does not name",
        "it is not for Waste",
    ]
    assert decision.sentence == "No rule matched, so the case went to the triage queue"
    assert route_decide([], facts()).rule is None


def test_rules_in_words():
    assert rule_describe(rule()) == []
    described = rule_describe(
        rule(case_types=["complaint_2", "complaint_1"], channels=["councillor", "email"], service_area_id=AREA_WASTE,
             topic_id=TOPIC_BULKY, words=["fridge", "sofa"], postcodes=["WY", "WY3"], wards=["Northgate"],
             needs="has_needs")
    )  # fmt: skip
    assert described == [
        "the case type is complaint (stage 1) or complaint (stage 2)",
        "it came in by email or through a councillor",
        "it is for Waste",
        "the topic is Bulky waste",
        "the description mentions “fridge” or “sofa”",
        "the postcode is in WY or WY3",
        "the ward is Northgate",
        "the customer has recorded needs",
    ]


def test_words_pattern_ignores_blank_words():
    assert words_pattern(()) is None
    assert words_pattern(("  ",)) is None


def test_two_hundred_compiled_rules(world):
    """The council's scale: 200 rules, the case matching only the last (the lead's benchmark
    times this; here, that it routes correctly through all of them)."""
    for n in range(1, 200):
        services.routing_rule_create(by=None, fields={
            "name": f"Rule {n}", "position": n, "words": [f"word{n}", f"phrase number {n}"], "postcodes": ["LS1"],
            "wards": [f"Ward {n}"], "case_types": [CaseType.PROBLEM_REPORT], "team": world.team_b,
        })  # fmt: skip
    services.routing_rule_create(by=None, fields={"name": "Bulky", "position": 200, "topic": world.directory["bulky"],
                                                  "team": world.team_a})  # fmt: skip
    rules = selectors.routing_rules()
    assert len(rules) == 200
    sample = facts(case_type=CaseType.PROBLEM_REPORT, topic_id=world.directory["bulky"].pk, text="word7x phrase number",
                   postcode="LS2 1AA", ward="Ward 3")  # fmt: skip
    decision = route_decide(rules, sample)
    assert decision.rule is not None and decision.rule.name == "Bulky"
    assert len(decision.missed) == 199
    assert decision.missed[6][1] == "the description has none of the rule's words"


# --- Routing real cases --------------------------------------------------------------------------


def _routed(case) -> CaseEvent:
    return CaseEvent.objects.get(case=case, kind=EventKind.ROUTED)


def test_case_create_routes_by_the_first_matching_rule(world, rules, case_make):
    case = case_make()
    assert case.team == world.team_a and case.routed_by == rules["bulky"]
    assert case.priority == Priority.NORMAL  # the rule keeps the priority
    event = _routed(case)
    assert event.data == {
        "rule": "Bulky waste",
        "rule_id": rules["bulky"].pk,
        "reason": "Rule 10, “Bulky waste”: the topic is Bulky waste collection",
        "to": "Waste collections",
    }


def test_the_rule_sets_the_priority_and_customer_needs_count(world, rules, case_make, customer):
    services.customer_update(customer=customer, by=world.adviser, fields={
        "needs_consent": True, "vulnerability": "Lives alone", "needs_review_on": dt.date(2030, 1, 1),
    })  # fmt: skip
    customer.refresh_from_db()  # the instance case_make passes on
    case = case_make(topic=world.directory["homeless"], summary="Nowhere to stay", description="Tonight")
    assert case.team == world.team_b and case.routed_by == rules["vulnerable_housing"]
    assert case.priority == Priority.HIGH
    assert _routed(case).data["reason"] == (
        "Rule 20, “Vulnerable housing”: it is for Housing; the customer is recorded as vulnerable"
    )


def test_words_and_postcode_of_the_case_route_it(world, rules, case_make):
    services.routing_rule_create(by=None, fields={
        "name": "Fly-tipping in WY3", "position": 5, "words": ["fly-tipping", "dumped"], "postcodes": ["WY3"],
        "team": world.team_a, "priority": Priority.URGENT,
    })  # fmt: skip
    case = case_make(topic=None, summary="Rubbish DUMPED in the lane", description="Again.",
                     location_postcode="wy3 4ab")  # fmt: skip
    assert case.routed_by.name == "Fly-tipping in WY3" and case.priority == Priority.URGENT
    assert _routed(case).data["reason"] == (
        "Rule 5, “Fly-tipping in WY3”: the description mentions “dumped”; the postcode WY3 4AB is in WY3"
    )
    # The customer's postcode (WY1) is used when the case has no location: not in WY3.
    other = case_make(topic=None, summary="Rubbish dumped", description="Again.")
    assert other.team is None and other.routed_by is None


def test_no_matching_rule_sends_the_case_to_triage(world, rules, case_make):
    case = case_make(topic=None, summary="Something else", description="Not sure who does this")
    assert case.team is None and case.routed_by is None
    assert _routed(case).data == {
        "rule": None, "reason": "No rule matched, so the case went to the triage queue", "to": "Triage",
    }  # fmt: skip


def test_inactive_rules_are_not_tried(world, rules, case_make):
    services.routing_rule_update(rule=rules["bulky"], by=None, fields={"is_active": False})
    case = case_make()
    assert case.team is None


def test_a_deleted_rule_leaves_its_cases_routed(world, rules, case_make):
    case = case_make()
    services.routing_rule_delete(rule=rules["bulky"], by=world.administrator)
    case.refresh_from_db()
    assert case.team == world.team_a and case.routed_by is None
    assert not RoutingRule.objects.filter(pk=rules["bulky"].pk).exists()


def test_the_compiled_rules_are_kept_until_a_rule_changes(world, rules, django_assert_num_queries):
    first = selectors.routing_rules()
    with django_assert_num_queries(1):  # the rule set's count, highest id and latest change only
        assert selectors.routing_rules() is first
    services.routing_rule_update(rule=rules["bulky"], by=None, fields={"team": world.team_b})
    assert next(r for r in selectors.routing_rules() if r.name == "Bulky waste").team_id == world.team_b.pk
    services.routing_rule_update(rule=rules["housing"], by=None, fields={"is_active": False})
    assert "Housing" not in [r.name for r in selectors.routing_rules()]
    services.routing_rule_delete(rule=rules["vulnerable_housing"], by=None)
    assert [r.name for r in selectors.routing_rules()] == ["Bulky waste"]
