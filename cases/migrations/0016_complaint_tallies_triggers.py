"""The triggers that keep the complaint tallies (0015) exact, and the tallies filled from the stages.

As the case tallies' (0008, whose helpers this uses): statement-level triggers with transition
tables, one grouped upsert a tally and statement. A stage following its case to another service
area (0010's trigger updates the stage) moves its counts. cases.selectors.COMPLAINT_TALLIES say
the same over the stages, and tests/portal/test_tallies.py compares the two.
"""

import importlib

from django.db import migrations

# Frozen helpers of the case tallies' triggers (a migration's module name starts with a digit).
_triggers = importlib.import_module("cases.migrations.0008_case_tallies_triggers")

ZONE = "Europe/London"  # settings.TIME_ZONE
UPHELD = "('upheld', 'partly_upheld')"  # cases.models.UPHELD_OUTCOMES
DECIDED = "c.decided_at IS NOT NULL"
TALLIES = {
    "cases_complaintstagetally": (
        {"month": f"date_trunc('month', c.started_at AT TIME ZONE '{ZONE}')::date", "stage": "c.stage",
         "area_id": "coalesce(c.service_area_id, 0)"},
        {"begun": "1", "decided": f"({DECIDED})::int", "upheld": f"({DECIDED} AND c.outcome IN {UPHELD})::int"},
        "",
    ),
    "cases_complaintdecisiontally": (
        {"month": f"date_trunc('month', c.decided_at AT TIME ZONE '{ZONE}')::date", "root_cause": "c.root_cause"},
        {"decided": "1", "upheld": f"(c.outcome IN {UPHELD})::int"},
        " WHERE s.decided_at IS NOT NULL",
    ),
}  # fmt: skip


def upsert(source: str) -> list[str]:
    return [
        _triggers.tally_upsert(table=table, keys=keys, counts=counts, source=f"SELECT * FROM ({source}) s{where}")
        for table, (keys, counts, where) in TALLIES.items()
    ]


FORWARD = [
    *_triggers.statement_triggers(prefix="cases_complaint_tally", table="cases_complaintstage", statements=upsert),
    _triggers.trigger_function("cases_complaint_tally_truncated", [f"DELETE FROM {table};" for table in TALLIES]),
    "CREATE TRIGGER cases_complaint_tally_truncate AFTER TRUNCATE ON cases_complaintstage "
    "FOR EACH STATEMENT EXECUTE FUNCTION cases_complaint_tally_truncated();",
    # The stages already there, in the same transaction as the triggers.
    *upsert("SELECT 1 AS sign, * FROM cases_complaintstage"),
]

BACKWARD = [
    *_triggers.statement_triggers_drop(prefix="cases_complaint_tally", table="cases_complaintstage"),
    "DROP TRIGGER cases_complaint_tally_truncate ON cases_complaintstage;",
    "DROP FUNCTION cases_complaint_tally_truncated();",
    *(f"DELETE FROM {table};" for table in TALLIES),
]


class Migration(migrations.Migration):
    dependencies = [("cases", "0015_complaint_tallies")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
