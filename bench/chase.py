"""`python -m bench.chase`: one chase run (cases.services.chase_run) end to end, selection,
plans, steps, timeline events, residents' emails and staff digests in the outbox, over a million
cases with 20,000 or 200,000 open and 1,000 or 10,000 due. `--small` for a quick try.

The cases are written with SQL (generate_series) into a database of their own, dropped and made
again on each run: the run's cost is what it does to the due cases, so their setting matters and
the rest is ballast. Of the due cases, two in five are warned (reply due in two hours, inside the
lead time) and three in five are past their reply-by time, so each gets the first ladder step and
a holding update emailed to its resident. See docs/performance.md, "The chaser".
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import secrets
import sys
import time
from pathlib import Path

from . import database

ROOT = Path(__file__).resolve().parent.parent
ROWS = [(1_000_000, 20_000, 1_000), (1_000_000, 200_000, 1_000), (1_000_000, 20_000, 10_000)]
SMALL_ROWS = [(20_000, 2_000, 100), (20_000, 10_000, 100), (20_000, 2_000, 1_000)]
OFFICERS = 20
CUSTOMERS = 5_000


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def configure() -> str:
    dev_url = os.environ.get("DATABASE_URL", "")
    if not dev_url:
        sys.exit("DATABASE_URL is not set: point it at a PostgreSQL server (the bench makes its own database).")
    name = database.bench_name(dev_url, "chase")
    database.drop(dev_url, name)
    database.create(dev_url, name)
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings",
            "DATABASE_URL": database.with_database(dev_url, name),
            "DEBUG": "false",
            "SECURE": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "LOG_LEVEL": "WARNING",
            "CACHE_KEY_PREFIX": "bench_chase",
        }
    )
    return name


def world() -> dict:
    """An area, a team of OFFICERS officers with their manager, a service manager, the email
    standard, and CUSTOMERS customers with an email address: made through the services."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from cases.models import Customer
    from directory import services as directory
    from directory.models import Officer, ServiceArea, Team
    from portal import roles
    from standards import services as standards
    from standards.models import Channel

    area = directory.entry_create(
        model=ServiceArea, by=None, fields={"name": "Waste", "slug": "waste", "summary": "Bins."}
    )
    team = directory.entry_create(model=Team, by=None, fields={"service_area": area, "name": "Bins", "slug": "bins"})
    users = get_user_model().objects
    officer_ids = []
    for number, role in enumerate([roles.TEAM_MANAGER, roles.SERVICE_MANAGER] + [roles.OFFICER] * OFFICERS):
        user = users.create_user(username=f"user{number}", email=f"user{number}@bench.example", first_name="User")
        user.groups.add(Group.objects.get(name=role))
        directory.entry_create(model=Officer, by=None, fields={"user": user, "team": team, "job_title": role})
        if role == roles.OFFICER:
            officer_ids.append(user.pk)
    standard = standards.standard_create(by=None, fields={
        "channel": Channel.EMAIL, "acknowledge_within": 4, "acknowledge_unit": "hours", "respond_within": 5,
        "effective_from": timezone.localdate() - dt.timedelta(days=3650), "public_wording": "Within 5 working days",
    })  # fmt: skip
    Customer.objects.bulk_create(
        Customer(name=f"Resident {n}", email=f"resident{n}@bench.example", postcode="WY1 1AA") for n in range(CUSTOMERS)
    )
    first = Customer.objects.order_by("id").values_list("id", flat=True).first()
    return {"area": area.pk, "team": team.pk, "standard": standard.pk, "officers": officer_ids, "customer": first}


# Closed ballast, open cases whose next step is weeks ahead, then the due ones (g > total - due).
CASES_SQL = """
INSERT INTO cases_case (
    reference, case_type, channel, priority, status, summary, description, location_address,
    location_postcode, ward, received_at, clock_started_at, acknowledge_by, respond_by, acknowledged_at,
    extension_days, resolved_at, resolution, handoff_count, version, created_at, updated_at,
    service_area_id, team_id, standard_id, customer_id, owner_id, chase_at)
SELECT
    'B' || lpad(to_hex(g), 8, '0'), 'service_request', 'email', 'normal',
    CASE WHEN g <= %(closed)s THEN 'closed' ELSE 'in_progress' END,
    'Bench case ' || g, 'A case for the chaser bench.', '', '', '',
    received, received, received + interval '4 hours',
    CASE WHEN g <= %(total)s - %(due)s THEN received + interval '7 days'
         WHEN g %% 5 < 2 THEN %(now)s + interval '2 hours'
         ELSE %(now)s - interval '1 hour' END,
    received + interval '1 hour',
    0, CASE WHEN g <= %(closed)s THEN received + interval '3 days' END, '', 0, 1, received, received,
    %(area)s, %(team)s, %(standard)s, %(customer)s + g %% %(customers)s,
    (%(officers)s::integer[])[1 + g %% %(officer_count)s],
    CASE WHEN g <= %(closed)s THEN NULL
         WHEN g <= %(total)s - %(due)s THEN %(now)s + (g %% 20 + 1) * interval '1 day'
         ELSE %(now)s - interval '1 minute' END
FROM generate_series(1, %(total)s) AS g,
LATERAL (SELECT CASE WHEN g <= %(total)s - %(due)s THEN %(now)s - (g %% 700) * interval '1 day'
                     ELSE %(now)s - interval '3 days' END AS received) AS r
"""


def load(total: int, open_: int, due: int, made: dict, now: dt.datetime) -> float:
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE cases_chasestep, cases_caseevent, core_outboundemail, cases_case CASCADE")
        cursor.execute(CASES_SQL, {
            "closed": total - open_, "total": total, "due": due, "now": now, "area": made["area"],
            "team": made["team"], "standard": made["standard"], "customer": made["customer"],
            "customers": CUSTOMERS, "officers": made["officers"], "officer_count": len(made["officers"]),
        })  # fmt: skip
        cursor.execute("VACUUM ANALYZE cases_case")
    return time.perf_counter() - started


def measure(now: dt.datetime) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cases.services import chase_run
    from core.models import OutboundEmail

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        report = chase_run(now=now)
        seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "statements": len(queries.captured_queries),
        "steps": report.total,
        "by_kind": dict(report.steps),
        "emails": OutboundEmail.objects.count(),
        "digests": report.digests,
        "cases": report.cases,
    }


def explain(now: dt.datetime) -> str:
    """EXPLAIN (ANALYZE, BUFFERS) of the run's selection, on the loaded data before the run."""
    from django.db import transaction

    from cases.services import chase_due

    with transaction.atomic():
        return chase_due(now=now).explain(analyze=True, buffers=True)


def table(rows: list[tuple[tuple[int, int, int], dict, float]]) -> str:
    lines = [
        "| cases | open | due | run (s) | statements | steps | emails | digests | ms per due case | load (s) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for (total, open_, due), result, loaded in rows:
        lines.append(
            f"| {total:,} | {open_:,} | {due:,} | {result['seconds']:.2f} | {result['statements']} | "
            f"{result['steps']:,} | {result['emails']:,} | {result['digests']} | "
            f"{1000 * result['seconds'] / due:.2f} | {loaded:.0f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.chase", description=__doc__)
    parser.add_argument("--small", action="store_true", help="20,000 cases: a quick try")
    parser.add_argument("--keep", action="store_true", help="keep the bench database afterwards")
    args = parser.parse_args(argv)
    name = configure()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    call_command("migrate", verbosity=0, interactive=False)
    made = world()
    now = timezone.now()
    # A worker is a long-lived process: its first run pays once for imports, templates and the
    # calendars. That first run is timed on the small data and reported apart; the rows are runs
    # of a worker that has run before.
    log("bench.chase: a first run in this process, on the small data")
    load(*SMALL_ROWS[0], made, now)
    cold = measure(now)
    results = []
    plan = None
    for total, open_, due in SMALL_ROWS if args.small else ROWS:
        log(f"bench.chase: loading {total:,} cases, {open_:,} open, {due:,} due")
        loaded = load(total, open_, due, made, now)
        if plan is None:
            plan = explain(now)
        result = measure(now)
        log(f"bench.chase: {result}")
        results.append(((total, open_, due), result, loaded))
    connection.close()
    report = (
        f"# The chaser, {timezone.localdate():%Y-%m-%d}\n\n`python -m bench.chase{' --small' if args.small else ''}`"
        f" (one run each, in a process that has run once before; PostgreSQL {connection.pg_version // 10000},"
        f" {os.cpu_count()} cores)\n\n{table(results)}\n\n"
        f"Steps by kind, last row: {results[-1][1]['by_kind']}\n\n"
        f"The process's first run, before the rows ({SMALL_ROWS[0][0]:,} cases, {SMALL_ROWS[0][2]:,} due):"
        f" {cold['seconds']:.2f} s, {cold['statements']} statements.\n\n"
        f"The selection, first row (EXPLAIN ANALYZE, BUFFERS):\n\n```\n{plan}\n```\n"
    )
    print(report)
    if not args.small:
        (ROOT / "bench" / "results" / f"{timezone.localdate():%Y-%m-%d}-chase.md").write_text(report)
    if not args.keep:
        database.drop(os.environ["DATABASE_URL"], name)


if __name__ == "__main__":
    main()
