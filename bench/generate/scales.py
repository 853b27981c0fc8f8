"""How big each benchmark council is.

`covered` numbers are generated today. `pending` numbers belong to models that do not exist yet
(contacts, cases, customers, routing rules); each arrives with its app's generator module.
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
    pending: dict[str, int] = field(default_factory=dict)


SCALES: dict[str, Scale] = {
    # For the test suite: seconds, not minutes.
    "tiny": Scale("tiny", service_areas=5, teams=8, officers=20, partners=4, topics=40, absent_today=0.05),
    # For CI: a small council directory (the "20,000 contacts" scale of issue #3).
    "small": Scale(
        "small",
        service_areas=16,
        teams=30,
        officers=150,
        partners=20,
        topics=300,
        absent_today=0.05,
        pending={"contacts": 20_000, "cases": 8_000, "customers": 5_000, "routing_rules": 50},
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
        pending={"contacts": 2_000_000, "cases": 800_000, "customers": 500_000, "routing_rules": 200},
    ),
}
