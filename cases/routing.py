"""Routing rules as pure data: which rule a case hits, and why. No queries.

The rules are read once (cases.selectors.routing_rules) into `Rule` tuples; `route_decide` walks
them in order and returns the first whose every condition holds, with a sentence per condition
that held, and for each earlier rule the condition that failed (the "test this rule set" page).
`rule_describe` puts a rule's conditions in words for the rules page."""

import re
from dataclasses import dataclass, field
from functools import cached_property

from standards.models import CaseType, Channel

# A run of word characters, as the words' patterns see a word's edges.
_WORD = re.compile(r"\w+")
# The outward code of a UK postcode: area letters, district digits, an optional sub-district
# letter (London's "SW1A", within district "SW1").
_OUTWARD = re.compile(r"^(?P<area>[A-Z]{1,2})(?P<district>\d{1,2})(?P<sub>[A-Z]?)$")


def _outward(postcode: str) -> str:
    """ "WY3 4AB", "wy34ab" -> "WY3"; an outward code alone ("WY3") stays as it is. The inward
    code is always three characters, so a postcode without its space still splits."""
    text = postcode.strip().upper()
    if " " in text:
        return text.split()[0]
    return text[:-3] if len(text) >= 5 else text


@dataclass(frozen=True)
class Facts:
    """What routing may look at: the case as submitted, and the customer's needs flags.

    What every rule compares (the description's words, the postcode's area and district, the
    ward) is worked out once a case, not once a rule: 200 rules must route a case in well under
    2 ms."""

    case_type: str
    channel: str
    service_area_id: int | None = None
    topic_id: int | None = None
    text: str = ""
    postcode: str = ""
    ward: str = ""
    has_needs: bool = False
    vulnerable: bool = False

    @cached_property
    def tokens(self) -> frozenset[str]:
        """The description's words, lower case: a rule whose words are not all among them cannot
        match, so its regular expression need not run."""
        return frozenset(_WORD.findall(self.text.lower()))

    @cached_property
    def postcode_within(self) -> frozenset[str]:
        """The prefixes the postcode falls in: "SW1A 1AA" -> {"SW", "SW1", "SW1A"}. A district is
        whole: "WY31 2AB" is in "WY31" and "WY", not in "WY3"."""
        outward = _outward(self.postcode) if self.postcode else ""
        parts = _OUTWARD.match(outward)
        if parts is None:
            return frozenset({outward} if outward else ())
        return frozenset({parts["area"], parts["area"] + parts["district"], outward})

    @cached_property
    def ward_folded(self) -> str:
        return self.ward.casefold()


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
    # Worked out once a rule rather than once a case: the wards as compared (case-insensitively),
    # and the words' word characters (Facts.tokens).
    wards_folded: frozenset[str] = field(init=False, compare=False, repr=False)
    words_tokens: tuple[frozenset[str], ...] = field(init=False, compare=False, repr=False)

    def __post_init__(self):
        object.__setattr__(self, "wards_folded", frozenset(ward.casefold() for ward in self.wards))
        tokens = tuple(frozenset(_WORD.findall(word.lower())) for word in self.words)
        object.__setattr__(self, "words_tokens", tokens)

    def might_mention(self, facts: Facts) -> bool:
        """Whether the description has every word character run of at least one of the rule's
        words: needed for a match, and a set look-up where the pattern is a scan of the text."""
        return any(tokens <= facts.tokens for tokens in self.words_tokens)


def words_pattern(words: tuple[str, ...]) -> re.Pattern | None:
    """One pattern for all of a rule's words and phrases, case-insensitive, each a whole word:
    "bin" matches "my bin was missed" but not "cabinet"; a phrase matches across any spacing or
    line break ("dead animal", "dead\\nanimal"). Boundaries are "no word character either side",
    so a word that starts or ends with punctuation ("c/o", "no.") still matches."""
    if not words:
        return None
    alternatives = "|".join(
        r"\s+".join(re.escape(part) for part in word.split())
        for word in sorted(words, key=len, reverse=True)
        if word.split()
    )
    if not alternatives:
        return None
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


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


def _label(choices, value: str) -> str:
    return str(choices(value).label).lower() if value in choices.values else value


# How a case came in, as the end of "it came in ...".
_CHANNEL_PHRASES: dict[str, str] = {
    Channel.FACE_TO_FACE: "face to face",
    Channel.SOCIAL_MEDIA: "on social media",
    Channel.COUNCILLOR: "through a councillor",
}


def _came_in(channel: str) -> str:
    return _CHANNEL_PHRASES.get(channel) or f"by {_label(Channel, channel)}"


def _in_choice_order(values: frozenset[str], choices) -> list[str]:
    return [value for value in choices.values if value in values] + sorted(values - set(choices.values))


def _either(values) -> str:
    """ "a", "a or b", "a, b or c"."""
    values = list(values)
    return values[0] if len(values) == 1 else f"{', '.join(values[:-1])} or {values[-1]}"


def rule_check(rule: Rule, facts: Facts) -> tuple[bool, list[str]]:
    """(matched, reasons): the reasons each condition held, or, on a miss, the one that failed."""
    reasons: list[str] = []
    if rule.case_types:
        if facts.case_type not in rule.case_types:
            return False, [f"the case type is {_label(CaseType, facts.case_type)}, which the rule does not name"]
        reasons.append(f"the case type is {_label(CaseType, facts.case_type)}")
    if rule.channels:
        if facts.channel not in rule.channels:
            return False, [f"it came in {_came_in(facts.channel)}, which the rule does not name"]
        reasons.append(f"it came in {_came_in(facts.channel)}")
    if rule.service_area_id is not None:
        if facts.service_area_id != rule.service_area_id:
            return False, [f"it is not for {rule.service_area_name}"]
        reasons.append(f"it is for {rule.service_area_name}")
    if rule.topic_id is not None:
        if facts.topic_id != rule.topic_id:
            return False, [f"the topic is not {rule.topic_name}"]
        reasons.append(f"the topic is {rule.topic_name}")
    if rule.words_re is not None:
        found = rule.words_re.search(facts.text) if rule.might_mention(facts) else None
        if found is None:
            return False, ["the description has none of the rule's words"]
        reasons.append(f"the description mentions “{' '.join(found.group().lower().split())}”")
    if rule.postcodes:
        prefix = next((prefix for prefix in rule.postcodes if prefix in facts.postcode_within), None)
        if prefix is None:
            if not facts.postcode:
                return False, ["there is no postcode"]
            return False, [f"the postcode {facts.postcode} is not in {_either(rule.postcodes)}"]
        reasons.append(f"the postcode {facts.postcode} is in {prefix}")
    if rule.wards:
        if facts.ward_folded not in rule.wards_folded:
            if not facts.ward:
                return False, ["there is no ward"]
            return False, [f"the ward is not {_either(sorted(rule.wards))}"]
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


def rule_describe(rule: Rule) -> list[str]:
    """The rule's conditions in words, in the order they are checked; [] for a catch-all."""
    conditions = []
    if rule.case_types:
        types = _in_choice_order(rule.case_types, CaseType)
        conditions.append(f"the case type is {_either(_label(CaseType, value) for value in types)}")
    if rule.channels:
        channels = _in_choice_order(rule.channels, Channel)
        conditions.append(f"it came in {_either(_came_in(value) for value in channels)}")
    if rule.service_area_id is not None:
        conditions.append(f"it is for {rule.service_area_name}")
    if rule.topic_id is not None:
        conditions.append(f"the topic is {rule.topic_name}")
    if rule.words:
        conditions.append(f"the description mentions {_either(f'“{word}”' for word in rule.words)}")
    if rule.postcodes:
        conditions.append(f"the postcode is in {_either(rule.postcodes)}")
    if rule.wards:
        conditions.append(f"the ward is {_either(sorted(rule.wards))}")
    if rule.needs == "has_needs":
        conditions.append("the customer has recorded needs")
    elif rule.needs == "vulnerable":
        conditions.append("the customer is recorded as vulnerable")
    return conditions


def route_decide(rules: list[Rule], facts: Facts) -> Decision:
    """The first rule in `rules` (already in order) that `facts` match."""
    missed: list[tuple[Rule, str]] = []
    for rule in rules:
        matched, reasons = rule_check(rule, facts)
        if matched:
            return Decision(rule=rule, reasons=tuple(reasons), missed=tuple(missed))
        missed.append((rule, reasons[0]))
    return Decision(rule=None, reasons=(), missed=tuple(missed))
