"""`python -m bench --scale small|council`: build (or reuse) a council-sized database, serve the
portal from it under gunicorn, drive every hot path over HTTP and print one table of throughput,
latency percentiles, SQL queries per request and ratios to the floors measured in the same run.

`--check` (CI): brief runs; exits 1 when a path answers with an error or its query count differs
from the one asserted in bench/paths.py. There are no timing thresholds.
See docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import logging
import os
import secrets
import sys
import time
from pathlib import Path

from . import database

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEED = 20261122
SCRATCH = ROOT / "var" / "bench"
RATE_SETTINGS = ("CONTACT_FORM_RATE_IP", "CONTACT_FORM_RATE_EMAIL", "TRACKING_RATE")
UNREACHABLE_RATE = "1000000/h"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", choices=["tiny", "small", "tenth", "council"], default="small")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--requests", type=int, help="requests per hot path (default: 500 small, 2000 council)")
    parser.add_argument("--seconds", type=float, help="time limit per hot path (default: 30)")
    parser.add_argument("--concurrency", type=int, default=2, help="concurrent connections (default: 2)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default: 2)")
    parser.add_argument("--regenerate", action="store_true", help="rebuild the data even when it could be reused")
    parser.add_argument(
        "--check", action="store_true", help="brief runs; fail on errors or changed query counts, never on timings"
    )
    parser.add_argument("--only", action="append", default=[], help="run only hot paths whose name contains this")
    parser.add_argument(
        "--explain", action="store_true", help="print EXPLAIN ANALYZE of each SELECT of the chosen paths, then stop"
    )
    parser.add_argument("--generate-only", action="store_true", help="build or reuse the data, then stop")
    parser.add_argument("--database", help="bench database name (default: <dev database>_bench_<scale>)")
    parser.add_argument("--today", type=dt.date.fromisoformat, help="date the data is generated for (tests)")
    parser.add_argument("--digest", action="store_true", help="print a JSON digest of the generated rows")
    parser.add_argument("--drop", action="store_true", help="drop the bench database at the end (tests)")
    args = parser.parse_args(argv)
    if args.requests is None:
        args.requests = 30 if args.check else {"council": 2000}.get(args.scale, 500)
    if args.seconds is None:
        args.seconds = 5 if args.check else 30
    return args


def configure(args: argparse.Namespace) -> tuple[str, str]:
    """Point this process at the bench database with the settings the bench server runs with."""
    dev_url = os.environ.get("DATABASE_URL", "")
    if not dev_url:
        sys.exit("DATABASE_URL is not set: run `make bench`, which starts or finds PostgreSQL and Redis.")
    name = args.database or database.bench_name(dev_url, args.scale)
    if name == database.database_name(dev_url):
        sys.exit("The bench database must not be the development database.")
    bench_url = database.with_database(dev_url, name)
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings",
            "DATABASE_URL": bench_url,
            "BENCH_ENDPOINTS": "true",
            "DEBUG": "false",
            "SECURE": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,testserver",
            "LOG_LEVEL": "WARNING",
            "CACHE_KEY_PREFIX": f"bench_{name}",
            # One client address sends every submission and tracking attempt: the residents' rate
            # limits (contacts.abuse) would refuse all but the first few.
            **dict.fromkeys(RATE_SETTINGS, UNREACHABLE_RATE),
        }
    )
    return dev_url, name


def prepare_data(args: argparse.Namespace, today: dt.date) -> dict:
    """Migrate, then reuse the data when the marker says it matches, or generate it."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    from .floor.models import Dataset, FloorRow
    from .generate import digest, fingerprint, generate_all, truncate

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    log(f"bench: migrated in {time.perf_counter() - started:.1f} s")
    # The data depends on the generator code, the scale, the seed, the day (absences are "today") and
    # the schema: a new migration anywhere rebuilds it (seconds), so derived rows are never stale.
    applied = ",".join(sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()))
    mark = hashlib.sha256(f"{fingerprint(args.scale, args.seed)}:{today.isoformat()}:{applied}".encode()).hexdigest()
    marker = Dataset.objects.filter(scale=args.scale, seed=args.seed).order_by("-id").first()
    if marker and marker.fingerprint == mark and not args.regenerate:
        log(f"bench: reusing the {args.scale} data (seed {args.seed}, built {marker.generated_at:%Y-%m-%d %H:%M})")
        dataset = {"seconds": marker.seconds, "counts": marker.counts, "reused": True}
    else:
        log(f"bench: generating the {args.scale} council (seed {args.seed})")
        started = time.perf_counter()
        ctx = generate_all(args.scale, args.seed, today=today, log=log)
        truncate([FloorRow])
        FloorRow.objects.bulk_create([FloorRow(note="seed") for _ in range(1000)])
        seconds = time.perf_counter() - started
        Dataset.objects.all().delete()
        Dataset.objects.create(scale=args.scale, seed=args.seed, fingerprint=mark, seconds=seconds, counts=ctx.counts)
        log(f"bench: data ready in {seconds:.1f} s: {json.dumps(ctx.counts)}")
        dataset = {"seconds": seconds, "counts": ctx.counts, "reused": False, "timings": ctx.timings}
    if args.digest:
        print(json.dumps(digest(), sort_keys=True))
    return dataset


def collectstatic_if_needed() -> None:
    """The server runs with DEBUG off and manifest storage: it needs collected static files."""
    from django.conf import settings
    from django.contrib.staticfiles import finders
    from django.core.management import call_command

    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists():
        built = manifest.stat().st_mtime
        newest = max(
            (
                storage.path(path) and os.stat(storage.path(path)).st_mtime
                for finder in finders.get_finders()
                for path, storage in finder.list([])
            ),
            default=0,
        )
        if newest <= built:
            return
    started = time.perf_counter()
    call_command("collectstatic", interactive=False, verbosity=0)
    log(f"bench: collectstatic in {time.perf_counter() - started:.1f} s")


def bench_user(username: str = "bench.adviser", role: str = "Adviser"):
    """A bench account of one role with no password (signed in by session cookie): the adviser,
    or the manager who views the dashboard (a senior manager: the whole council's figures)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user, _ = get_user_model().objects.get_or_create(
        username=username, defaults={"first_name": "Bench", "last_name": username.split(".")[1].title()}
    )
    user.set_unusable_password()
    user.save()
    user.groups.set([Group.objects.get(name=role)])
    return user


def session_cookie(user) -> str:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    dev_url, name = configure(args)
    began = time.perf_counter()
    if args.regenerate or not database.exists(dev_url, name):
        # A rebuild starts from an empty database: also clears any schema drift.
        database.drop(dev_url, name)
        database.create(dev_url, name)
        log(f"bench: created database {name}")
    try:
        return run(args, dev_url, name, began)
    finally:
        if args.drop:
            from django.db import connections

            connections.close_all()
            database.drop(dev_url, name)


def run(args: argparse.Namespace, dev_url: str, name: str, began: float) -> int:
    import django

    django.setup()
    today = args.today or dt.date.today()
    dataset = prepare_data(args, today)
    if args.generate_only:
        return 0

    from directory.models import ServiceArea, Topic

    from . import report
    from .batch import run_batches
    from .cases import csrf_token
    from .cases import fixtures as case_fixtures
    from .contacts import form_sessions, logging_fixtures, tracked_cases
    from .floor.models import FloorRow
    from .load import drive
    from .paths import CLAIM_NEXT, NOT_YET_BUILT, PATHS, PUBLIC_FORM, Fixtures
    from .queries import SAMPLES, count_queries
    from .server import Gunicorn

    collectstatic_if_needed()
    # Error answers are reported in the table and the notes; their tracebacks are in the server log.
    logging.getLogger("django.request").setLevel(logging.CRITICAL)
    paths = [p for p in PATHS if p.is_floor or not args.only or any(o in p.name for o in args.only)]
    user = bench_user()
    cases = case_fixtures()  # also puts back what an earlier run's claims took from the queue
    officer = cases.officer if cases else user
    fixtures = Fixtures(
        floor_ids=list(FloorRow.objects.order_by("id").values_list("id", flat=True)[:1000]),
        service_slugs=list(ServiceArea.objects.public().order_by("slug").values_list("slug", flat=True)),
        topic_paths=[
            f"{area}/{slug}"
            for area, slug in Topic.objects.public().order_by("slug").values_list("service_area__slug", "slug")[:200]
        ],
        queue_slug=cases.queue_slug if cases else "",
        case_reference=cases.case_reference if cases else "",
        csrf_token=csrf_token(),
        tracked=tracked_cases(),
        logging=logging_fixtures(),
    )
    # One new draft per submission: the in-process samples, warm-up and run (or --explain's).
    forms = sum(
        6 if args.explain else SAMPLES + 1 + min(20, args.requests) + args.requests
        for p in paths
        if p.name == PUBLIC_FORM
    )
    if forms:
        started = time.perf_counter()
        fixtures.form_sessions = form_sessions(forms)
        log(f"bench: {forms:,} sessions with a new bulky waste draft each, in {time.perf_counter() - started:.1f} s")

    manager = bench_user("bench.manager", "Senior manager")

    def user_for(path):
        return manager if path.as_manager else officer if path.as_officer else user

    def who(path) -> str:
        return "manager" if path.as_manager else "officer" if path.as_officer else "adviser"

    if args.explain:
        from .queries import explain

        for path in paths:
            if not path.is_floor:
                for i in range(3):
                    print(explain(path, fixtures, user_for(path), i), end="\n\n")
        return 0
    # Each claim-next request claims one case of the pool: the in-process samples, warm-up and run.
    claims = sum(SAMPLES + 1 + min(20, args.requests) + args.requests for p in paths if p.name == CLAIM_NEXT)
    if cases and claims > cases.unclaimed:
        log(f"bench: note: the claim pool has {cases.unclaimed} cases for {claims} claims: the last ones find none")
    counts = {p.name: count_queries(p, fixtures, user_for(p)) for p in paths}
    for p in paths:
        if p.transactions is not None:
            log(f"bench: {p.name}: {counts[p.name].label} statements; transactions {counts[p.name].transactions_label}")
    batches = run_batches()
    for batch in batches:
        log(f"bench: {batch.name}: {batch.seconds:.2f} s ({batch.detail})")
    facts = report.machine_facts(workers=args.workers, concurrency=args.concurrency)
    # The CSRF cookie rides along for the POST rows; GET rows ignore it.
    cookies = {"adviser": session_cookie(user), "officer": session_cookie(officer), "manager": session_cookie(manager)}
    cookies = {key: f"{value}; csrftoken={fixtures.csrf_token}" for key, value in cookies.items()}

    server_env = {
        key: os.environ[key]
        for key in (
            "DATABASE_URL", "BENCH_ENDPOINTS", "DEBUG", "SECURE", "SECRET_KEY", "LOG_LEVEL", "CACHE_KEY_PREFIX",
            *RATE_SETTINGS,
        )
    }  # fmt: skip
    server_env["ALLOWED_HOSTS"] = "127.0.0.1"
    rows = []
    log(f"bench: starting gunicorn ({args.workers} workers)")
    with Gunicorn(server_env, args.workers, SCRATCH / f"gunicorn-{args.scale}.log") as server:
        log(
            f"bench: serving on 127.0.0.1:{server.port}; {args.requests} requests or {args.seconds:.0f} s per path, "
            f"{args.concurrency} connections"
        )
        for path in paths:
            drive(
                server.port,
                path,
                fixtures,
                requests=min(20, args.requests),
                seconds=5,
                concurrency=args.concurrency,
                cookie=cookies[who(path)],
            )  # warm-up, not counted
            result = drive(
                server.port,
                path,
                fixtures,
                requests=args.requests,
                seconds=args.seconds,
                concurrency=args.concurrency,
                cookie=cookies[who(path)],
            )
            rows.append(report.Row(path, result, counts[path.name]))
            log(
                f"bench: {path.name}: {result.count} requests, p50 {result.percentile(50):.1f} ms, "
                f"{result.errors} errors"
            )

    failures, notes = [], []
    for row in rows:
        p, c, r = row.path, row.count, row.result
        if r.errors:
            failures.append(
                f"{p.name}: {r.errors} error responses of {r.count + r.connection_errors} ({'; '.join(r.samples)})"
            )
        if any(status != p.expect_status for status in c.statuses):
            failures.append(f"{p.name}: in-process request answered {c.statuses}, expected {p.expect_status}")
        if p.queries is None:
            failures.append(f"{p.name}: {c.label} SQL queries per request, none asserted in bench/paths.py")
        elif c.queries != p.queries or min(c.counts) != p.queries:
            failures.append(f"{p.name}: {c.label} SQL queries per request, bench/paths.py asserts {p.queries}")
        if p.transactions is not None and c.transactions != p.transactions:
            failures.append(
                f"{p.name}: {c.transactions_label} transactions per request, bench/paths.py asserts {p.transactions}"
            )
    notes.append("Not yet built (no hot path to measure): " + ", ".join(n for n, _ in NOT_YET_BUILT) + ".")

    print()
    print(report.table(rows))
    print()
    total = time.perf_counter() - began
    log(
        f"bench: data {'reused' if dataset['reused'] else 'generated'} "
        f"({report.dataset_line(dataset)}); whole run {total:.0f} s"
    )
    if not args.check:
        settings_line = (
            f"{args.requests} requests or {args.seconds:.0f} s per path (after 20 warm-up), "
            f"whole run {total:.0f} s including data {'reuse' if dataset['reused'] else 'generation'}"
        )
        out = report.write(
            scale=args.scale,
            seed=args.seed,
            facts=facts,
            dataset=dataset,
            rows=rows,
            batches=batches,
            settings_line=settings_line,
            notes=[*failures, *notes],
            # A run of some paths only must not overwrite the day's full results.
            partial=bool(args.only),
        )
        log(f"bench: wrote {out.relative_to(ROOT)}")
    for failure in failures:
        log(f"bench: {'FAIL' if args.check else 'note'}: {failure}")
    return 1 if args.check and failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
