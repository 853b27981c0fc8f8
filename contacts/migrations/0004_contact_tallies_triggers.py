"""The triggers that keep the contact tallies (0003) exact, and the tallies filled from the rows.

Statement-level triggers with transition tables: a bulk INSERT ... SELECT or COPY costs one
grouped upsert per tally, not one per row. An update that changes no key and no count (most do
not touch what is counted) writes nothing, so it takes no lock on a tally row. A topic that moves
to another service area, and a customer's new postcode, move their contacts' counts with them.

The SQL is frozen here, as migrations must be: contacts.selectors.CONTACT_TALLIES say the same keys
and counts over the rows, and tests/portal/test_tallies.py compares the two.
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

ZONE = "Europe/London"  # settings.TIME_ZONE (tests/portal/test_tallies.py checks they agree)
LOCAL = f"(c.started_at AT TIME ZONE '{ZONE}')"
KEYS = {
    "month": f"date_trunc('month', {LOCAL})::date",
    "channel": "c.channel",
    "adviser_id": "coalesce(c.adviser_id, 0)",
    "area_id": "coalesce(tp.service_area_id, 0)",
    "partner_id": "coalesce(c.partner_id, 0)",
    "weekday": f"extract(isodow FROM {LOCAL})::smallint",
    "hour": f"extract(hour FROM {LOCAL})::smallint",
    "district": "split_part(upper(trim(coalesce(cu.postcode, ''))), ' ', 1)",
}
LOGGED = {
    "contacts": "1",
    "logged": "(c.adviser_id IS NOT NULL)::int",
    "resolved": "(c.adviser_id IS NOT NULL AND c.outcome = 'resolved')::int",
    "avoidable": "c.is_avoidable::int",
    "signposted": "(c.adviser_id IS NOT NULL AND c.outcome = 'signposted')::int",
}
TALLIES = {
    "contacts_contacttally": (["month", "channel", "adviser_id", "area_id", "partner_id"], LOGGED),
    "contacts_contactadvisertally": (["month", "channel", "adviser_id"], LOGGED),
    "contacts_contactareatally": (["month", "channel", "area_id", "partner_id"], LOGGED),
    "contacts_contacthourtally": (["month", "channel", "weekday", "hour"], {"contacts": "1"}),
    "contacts_contactdistricttally": (["month", "channel", "district"], {"contacts": "1"}),
}


def upsert(table: str, source: str) -> str:
    keys, counts = TALLIES[table]
    district = "LEFT JOIN cases_customer cu ON cu.id = c.customer_id" if "district" in keys else ""
    return tally_upsert(
        table=table,
        keys={key: KEYS[key] for key in keys},
        counts=counts,
        source=source,
        joins=f"LEFT JOIN directory_topic tp ON tp.id = c.topic_id {district}",
    )


def every_tally(source: str) -> list[str]:
    return [upsert(table, source) for table in TALLIES]


WITH_AREA = [table for table, (keys, _) in TALLIES.items() if "area_id" in keys]
WITH_DISTRICT = [table for table, (keys, _) in TALLIES.items() if "district" in keys]


def moving(name: str, table: str, column: str, key: str, tallies: list[str]) -> list[str]:
    """A topic's move to another area, a customer's new postcode: take their contacts out under
    the old key before the row changes (the join still sees the old row), and put them back under
    the new one after."""
    changed = f"OLD.{column} IS DISTINCT FROM NEW.{column}"
    return [
        trigger_function(f"contacts_tally_{name}_leaving",
                         [upsert(t, f"SELECT -1 AS sign, * FROM contacts_contact WHERE {key} = OLD.id")
                          for t in tallies], "NEW"),
        trigger_function(f"contacts_tally_{name}_moved",
                         [upsert(t, f"SELECT 1 AS sign, * FROM contacts_contact WHERE {key} = NEW.id")
                          for t in tallies]),
        f"CREATE TRIGGER contacts_tally_{name}_leaving BEFORE UPDATE OF {column} ON {table} FOR EACH ROW "
        f"WHEN ({changed}) EXECUTE FUNCTION contacts_tally_{name}_leaving();",
        f"CREATE TRIGGER contacts_tally_{name}_moved AFTER UPDATE OF {column} ON {table} FOR EACH ROW "
        f"WHEN ({changed}) EXECUTE FUNCTION contacts_tally_{name}_moved();",
    ]  # fmt: skip


MOVES = [("topic", "directory_topic", "service_area_id", "topic_id", WITH_AREA),
         ("customer", "cases_customer", "postcode", "customer_id", WITH_DISTRICT)]  # fmt: skip

FORWARD = [
    *statement_triggers(prefix="contacts_tally", table="contacts_contact", statements=every_tally),
    trigger_function("contacts_tally_truncated", [f"DELETE FROM {table};" for table in TALLIES]),
    "CREATE TRIGGER contacts_tally_truncate AFTER TRUNCATE ON contacts_contact "
    "FOR EACH STATEMENT EXECUTE FUNCTION contacts_tally_truncated();",
    *(sql for move in MOVES for sql in moving(*move)),
    # The rows already there, in the same transaction as the triggers: none is missed or counted twice.
    *every_tally("SELECT 1 AS sign, * FROM contacts_contact"),
]

BACKWARD = [
    *statement_triggers_drop(prefix="contacts_tally", table="contacts_contact"),
    "DROP TRIGGER contacts_tally_truncate ON contacts_contact;",
    "DROP FUNCTION contacts_tally_truncated();",
    *(sql for name, table, *_ in MOVES for event in ("leaving", "moved")
      for sql in (f"DROP TRIGGER contacts_tally_{name}_{event} ON {table};",
                  f"DROP FUNCTION contacts_tally_{name}_{event}();")),
    *(f"DELETE FROM {table};" for table in TALLIES),
]  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0003_contact_tallies"),
        ("directory", "0008_topic_page_fields_contact_details"),
        ("cases", "0006_caseevent_extended_idx"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
