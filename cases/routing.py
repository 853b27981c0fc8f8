"""Routing rules as pure data: which rule a case hits, and why. No queries.

The rules are read once (cases.selectors.routing_rules) into `Rule` tuples; `route_decide` walks
them in order and returns the first whose every condition holds, with a sentence per condition
that held, and for each earlier rule the condition that failed (the "test this rule set" page)."""

import re
from dataclasses import dataclass, field

from standards.models import CaseType, Channel


@dataclass(frozen=True)
class Facts:
    """What routing may look at: the case as submitted, and the customer's needs flags."""

    case_type: str
    channel: str
    service_area_id: int | None = None
    topic_id: int | None = None
    text: str = ""
    postcode: str = ""
    ward: str = ""
    has_needs: bool = False
    vulnerable: bool = False


@dataclass(frozen=True)
class Rule:
    id: int
    position: int
    name: str
    team_id: int
    team_name: str
    priority: str
    case_types: frozenset[str] = frozenset()
    channels: frozenset[str] = frozenset()
    service_area_id: int | None = None
    service_area_name: str = ""
    topic_id: int | None = None
    topic_name: str = ""
    words: tuple[str, ...] = ()
    postcodes: tuple[str, ...] = ()
    wards: frozenset[str] = frozenset()
    needs: str = ""
    # Built once per rule: one regular expression for all its words, matched on word boundaries.
    words_re: re.Pattern | None = field(default=None, compare=False)


def words_pattern(words: tuple[str, ...]) -> re.Pattern | None:
    if not words:
        return None
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


@dataclass(frozen=True)
class Decision:
    """The rule that routed the case (None: the triage queue), the reasons it matched, and why
    each earlier rule did not."""

    rule: Rule | None
    reasons: tuple[str, ...]
    missed: tuple[tuple[Rule, str], ...]

    @property
    def sentence(self) -> str:
        if self.rule is None:
            return "No rule matched, so the case went to the triage queue"
        because = "; ".join(self.reasons) if self.reasons else "it matches every case"
        return f"Rule {self.rule.position}, “{self.rule.name}”: {because}"


def _postcode_in(postcode: str, prefixes: tuple[str, ...]) -> str | None:
    """The prefix (postcode area "WY" or district "WY3") that `postcode` ("WY3 4AB") falls in."""
    outward = postcode.split(" ")[0].upper() if postcode else ""
    if not outward:
        return None
    area = re.match(r"[A-Z]+", outward)
    for prefix in prefixes:
        if prefix == outward or (prefix.isalpha() and area is not None and area.group() == prefix):
            return prefix
    return None


def _label(choices, value: str) -> str:
    return str(choices(value).label).lower() if value in choices.values else value


def rule_check(rule: Rule, facts: Facts) -> tuple[bool, list[str]]:
    """(matched, reasons): the reasons each condition held, or, on a miss, the one that failed."""
    reasons: list[str] = []
    if rule.case_types:
        if facts.case_type not in rule.case_types:
            return False, [f"the case type is {_label(CaseType, facts.case_type)}, which the rule does not name"]
        reasons.append(f"the case type is {_label(CaseType, facts.case_type)}")
    if rule.channels:
        if facts.channel not in rule.channels:
            return False, [f"it arrived by {_label(Channel, facts.channel)}, which the rule does not name"]
        reasons.append(f"it arrived by {_label(Channel, facts.channel)}")
    if rule.service_area_id is not None:
        if facts.service_area_id != rule.service_area_id:
            return False, [f"it is not for {rule.service_area_name}"]
        reasons.append(f"it is for {rule.service_area_name}")
    if rule.topic_id is not None:
        if facts.topic_id != rule.topic_id:
            return False, [f"the topic is not {rule.topic_name}"]
        reasons.append(f"the topic is {rule.topic_name}")
    if rule.words_re is not None:
        found = rule.words_re.search(facts.text)
        if found is None:
            return False, ["the description has none of the rule's words"]
        reasons.append(f"the description mentions “{found.group().lower()}”")
    if rule.postcodes:
        prefix = _postcode_in(facts.postcode, rule.postcodes)
        if prefix is None:
            if not facts.postcode:
                return False, ["there is no postcode"]
            return False, [f"the postcode {facts.postcode} is not in {', '.join(rule.postcodes)}"]
        reasons.append(f"the postcode {facts.postcode} is in {prefix}")
    if rule.wards:
        ward = facts.ward.casefold()
        if ward not in {w.casefold() for w in rule.wards}:
            return False, [f"the ward is not {' or '.join(sorted(rule.wards))}"]
        reasons.append(f"the ward is {facts.ward}")
    if rule.needs == "has_needs":
        if not facts.has_needs:
            return False, ["the customer has no recorded needs"]
        reasons.append("the customer has recorded needs")
    elif rule.needs == "vulnerable":
        if not facts.vulnerable:
            return False, ["the customer is not recorded as vulnerable"]
        reasons.append("the customer is recorded as vulnerable")
    return True, reasons


def route_decide(rules: list[Rule], facts: Facts) -> Decision:
    """The first rule in `rules` (already in order) that `facts` match."""
    missed: list[tuple[Rule, str]] = []
    for rule in rules:
        matched, reasons = rule_check(rule, facts)
        if matched:
            return Decision(rule=rule, reasons=tuple(reasons), missed=tuple(missed))
        missed.append((rule, reasons[0]))
    return Decision(rule=None, reasons=(), missed=tuple(missed))
