"""The triggers that keep the case tallies (0007) exact, and the tallies filled from the rows.

As contacts' (contacts 0004): statement-level triggers with transition tables, one grouped upsert
per tally and statement, nothing written for the many updates that change no key and no count.
A due time still waiting is counted as missed; cases.selectors.case_tallies takes back, at read
time, those whose time has not come. cases.selectors.CASE_TALLIES say the same over the rows, and
tests/portal/test_tallies.py compares the two.
"""

from django.db import migrations

# --- The SQL of a tally's triggers (frozen here, as a migration must be) ---


def tally_upsert(*, table: str, keys: dict[str, str], counts: dict[str, str], source: str, joins: str = "") -> str:
    """Add each row of `source` (the counted table's columns and a `sign`, 1 or -1, as `c`) to
    `table`'s counts: `keys` and `counts` are the tally's columns and their expressions over `c`
    and `joins`. A group whose counts all net to nothing writes nothing (and locks nothing)."""
    positions = ", ".join(str(index + 1) for index in range(len(keys)))
    return (
        f"INSERT INTO {table} AS t ({', '.join([*keys, *counts])}) "
        f"SELECT {', '.join(keys.values())}, {', '.join(f'sum(c.sign * {expr})' for expr in counts.values())} "
        f"FROM ({source}) c {joins} GROUP BY {positions} "
        f"HAVING {' OR '.join(f'sum(c.sign * {expr}) <> 0' for expr in counts.values())} "
        # In key order, so that two transactions lock tally rows in the same order.
        f"ORDER BY {positions} "
        f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET "
        f"{', '.join(f'{name} = t.{name} + excluded.{name}' for name in counts)};"
    )


def trigger_function(name: str, statements: list[str], returns: str = "NULL") -> str:
    return f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {' '.join(statements)} RETURN {returns}; END $$;"  # noqa: E501


def statement_triggers(*, prefix: str, table: str, statements) -> list[str]:
    """Functions and AFTER triggers `<prefix>_insert|update|delete` on `table`, each running
    `statements(source)` over its transition tables (new rows +1, old rows -1)."""
    new, old = "SELECT 1 AS sign, * FROM new_rows", "SELECT -1 AS sign, * FROM old_rows"
    return [
        trigger_function(f"{prefix}_inserted", statements(new)),
        trigger_function(f"{prefix}_updated", statements(f"{new} UNION ALL {old}")),
        trigger_function(f"{prefix}_deleted", statements(old)),
        f"CREATE TRIGGER {prefix}_insert AFTER INSERT ON {table} REFERENCING NEW TABLE AS new_rows "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {prefix}_inserted();",
        f"CREATE TRIGGER {prefix}_update AFTER UPDATE ON {table} REFERENCING NEW TABLE AS new_rows "
        f"OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION {prefix}_updated();",
        f"CREATE TRIGGER {prefix}_delete AFTER DELETE ON {table} REFERENCING OLD TABLE AS old_rows "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {prefix}_deleted();",
    ]


def statement_triggers_drop(*, prefix: str, table: str) -> list[str]:
    return [
        *(f"DROP TRIGGER {prefix}_{event} ON {table};" for event in ("insert", "update", "delete")),
        *(f"DROP FUNCTION {prefix}_{event}();" for event in ("inserted", "updated", "deleted")),
    ]


# --- This app's tallies ---

ZONE = "Europe/London"  # settings.TIME_ZONE
OPEN = "('new', 'routed', 'in_progress', 'awaiting_customer')"  # cases.models.OPEN_STATUSES
KEYS = {
    "month": f"date_trunc('month', c.received_at AT TIME ZONE '{ZONE}')::date",
    "team_id": "coalesce(c.team_id, 0)",
    "area_id": "coalesce(c.service_area_id, 0)",
    "channel": "c.channel",
    "case_type": "c.case_type",
}
COUNTS = {
    "received": "1",
    "acknowledge_met": "(c.acknowledge_met IS TRUE)::int",
    "acknowledge_missed": "(c.acknowledge_met IS FALSE OR (c.acknowledged_at IS NULL AND c.acknowledge_by IS NOT NULL))::int",
    "reply_met": "(c.respond_met IS TRUE)::int",
    # The reply clock stands still while the case waits on the customer (paused before its due time).
    "reply_missed": f"(c.respond_met IS FALSE OR (c.responded_at IS NULL AND c.respond_by IS NOT NULL AND c.status IN {OPEN} AND (c.paused_at IS NULL OR c.paused_at >= c.respond_by)))::int",
    "handed_off": "(c.handoff_count > 1)::int",
}  # fmt: skip
TALLIES = {
    "cases_casetally": ["month", "team_id", "area_id", "channel", "case_type"],
    "cases_caseteamtally": ["month", "team_id", "case_type"],
    "cases_casechanneltally": ["month", "channel", "area_id"],
}


def every_tally(source: str) -> list[str]:
    return [
        tally_upsert(table=table, keys={key: KEYS[key] for key in keys}, counts=COUNTS, source=source)
        for table, keys in TALLIES.items()
    ]


FORWARD = [
    *statement_triggers(prefix="cases_tally", table="cases_case", statements=every_tally),
    trigger_function("cases_tally_truncated", [f"DELETE FROM {table};" for table in TALLIES]),
    "CREATE TRIGGER cases_tally_truncate AFTER TRUNCATE ON cases_case "
    "FOR EACH STATEMENT EXECUTE FUNCTION cases_tally_truncated();",
    # The rows already there, in the same transaction as the triggers.
    *every_tally("SELECT 1 AS sign, * FROM cases_case"),
]

BACKWARD = [
    *statement_triggers_drop(prefix="cases_tally", table="cases_case"),
    "DROP TRIGGER cases_tally_truncate ON cases_case;",
    "DROP FUNCTION cases_tally_truncated();",
    *(f"DELETE FROM {table};" for table in TALLIES),
]


class Migration(migrations.Migration):
    dependencies = [("cases", "0007_case_tallies")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
