"""How big each benchmark council is.

Every field is generated (`pending` holds numbers of models that do not exist yet, if any:
each moves to a real field with its app's generator module).
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Scale:
    name: str
    service_areas: int
    teams: int
    officers: int
    partners: int
    topics: int
    absent_today: float  # share of officers away right now
    customers: int = 0
    cases: int = 0
    open_cases: int = 0  # of `cases`; the others are resolved or closed
    routing_rules: int = 0
    # Unclaimed cases in the bench officer's team for the claim-next row and the concurrent
    # claimers (bench/cases.py): at least the requests of one run, and 1,000.
    claim_pool: int = 0
    contacts: int = 0  # over three years, on every channel (bench/generate/contacts.py)
    pending: dict[str, int] = field(default_factory=dict)


SCALES: dict[str, Scale] = {
    # For the test suite: seconds, not minutes.
    "tiny": Scale(
        "tiny",
        service_areas=5,
        teams=8,
        officers=20,
        partners=4,
        topics=40,
        absent_today=0.05,
        customers=200,
        cases=400,
        open_cases=100,
        routing_rules=20,
        claim_pool=40,
        contacts=2_000,
    ),
    # For CI: a small council directory (the "20,000 contacts" scale of issue #3).
    "small": Scale(
        "small",
        service_areas=16,
        teams=30,
        officers=150,
        partners=20,
        topics=300,
        absent_today=0.05,
        customers=5_000,
        cases=8_000,
        open_cases=1_400,
        routing_rules=50,
        claim_pool=1_200,
        contacts=20_000,
    ),
    # A tenth of the council: the dashboard's growth from 200,000 to 2,000,000 contacts (issue #15).
    "tenth": Scale(
        "tenth",
        service_areas=16,
        teams=60,
        officers=600,
        partners=20,
        topics=1_500,
        absent_today=0.05,
        customers=50_000,
        cases=80_000,
        open_cases=5_000,
        routing_rules=100,
        claim_pool=2_500,
        contacts=200_000,
    ),
    # A whole district council, as issue #3 describes it.
    "council": Scale(
        "council",
        service_areas=16,
        teams=120,
        officers=2_000,
        partners=20,
        topics=5_000,
        absent_today=0.05,
        customers=500_000,
        cases=800_000,
        open_cases=20_000,
        routing_rules=200,
        claim_pool=2_500,
        contacts=2_000_000,
    ),
}
