"""The triggers that keep the escalation tally (0013) exact, and the tally filled from the steps.

As the case tallies' (0008, whose helpers this uses): statement-level triggers with transition
tables, one grouped upsert a statement; a statement that inserts, changes or deletes no
escalation writes nothing. cases.selectors.ESCALATION_TALLY says the same over the steps, and
tests/portal/test_tallies.py compares the two.
"""

import importlib

from django.db import migrations

# Frozen helpers of the case tallies' triggers (a migration's module name starts with a digit).
_triggers = importlib.import_module("cases.migrations.0008_case_tallies_triggers")

ZONE = "Europe/London"  # settings.TIME_ZONE
ESCALATIONS = "('escalate_acknowledge', 'escalate_respond')"  # cases.models.ESCALATE_KINDS
KEYS = {"month": f"date_trunc('month', c.done_at AT TIME ZONE '{ZONE}')::date", "kind": "c.kind"}


def upsert(source: str) -> list[str]:
    return [
        _triggers.tally_upsert(
            table="cases_escalationtally",
            keys=KEYS,
            counts={"escalations": "1"},
            source=f"SELECT * FROM ({source}) s WHERE s.kind IN {ESCALATIONS}",
        )
    ]


FORWARD = [
    *_triggers.statement_triggers(prefix="cases_escalation_tally", table="cases_chasestep", statements=upsert),
    _triggers.trigger_function("cases_escalation_tally_truncated", ["DELETE FROM cases_escalationtally;"]),
    "CREATE TRIGGER cases_escalation_tally_truncate AFTER TRUNCATE ON cases_chasestep "
    "FOR EACH STATEMENT EXECUTE FUNCTION cases_escalation_tally_truncated();",
    # The steps already there, in the same transaction as the triggers.
    *upsert("SELECT 1 AS sign, * FROM cases_chasestep"),
]

BACKWARD = [
    *_triggers.statement_triggers_drop(prefix="cases_escalation_tally", table="cases_chasestep"),
    "DROP TRIGGER cases_escalation_tally_truncate ON cases_chasestep;",
    "DROP FUNCTION cases_escalation_tally_truncated();",
    "DELETE FROM cases_escalationtally;",
]


class Migration(migrations.Migration):
    dependencies = [("cases", "0013_escalation_tally")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
