"""The directory CSV import at the size of its upload limit: a generated, valid file of `count`
rows (service areas, partners, teams, officers and topics), imported new and then re-imported
unchanged, each timed in a transaction that is rolled back.

    DATABASE_URL=... python -m bench.directory_import 3000

needs a migrated database (the test database of `/tmp/t.sh` or the bench's); it prints the
file's size and the seconds of each import. Timings live here, never in the tests."""

from __future__ import annotations

import csv
import io
import sys
import time


def import_rows(count: int, *, usernames: list[str] = ()) -> list[tuple[int, dict]]:
    """(line, row) pairs as ImportForm gives them: a valid directory of `count` rows. Officer rows
    are made for the `usernames` given (their accounts must exist)."""
    rows: list[dict] = []
    areas, partners = max(1, count // 150), max(1, count // 150)
    teams = max(1, count // 15)
    for n in range(areas):
        rows.append({"record_type": "service_area", "slug": f"area-{n}", "name": f"Service area {n}",
                     "summary": f"Everything about service {n}.", "handles": f"Things of kind {n}",
                     "phone": f"01632 960{n % 1000:03d}", "email": f"area-{n}@example.gov.uk",
                     "opening_hours": "Monday to Friday, 9am to 5pm",
                     "web_url": f"https://www.example.gov.uk/area-{n}", "is_public": "yes"})  # fmt: skip
    for n in range(partners):
        phone = "101" if n % 5 == 0 else f"020 7946 {n % 1000:04d}"
        rows.append({"record_type": "partner", "slug": f"partner-{n}", "name": f"Partner body {n}",
                     "handles": f"Matters of kind {n}", "phone": phone, "web_url": f"https://partner-{n}.example.org",
                     "how_to_refer": "Give them the number."})  # fmt: skip
    for n in range(teams):
        rows.append({"record_type": "team", "slug": f"team-{n}", "name": f"Team {n}",
                     "service_area": f"area-{n % areas}", "phone": f"01632 960{(n * 7) % 1000:03d}",
                     "internal_phone": f"020 7946 {(n * 3) % 1000:04d}",
                     "email": f"team-{n}@example.gov.uk", "out_of_hours": "Call the out-of-hours line."})  # fmt: skip
    for n, username in enumerate(usernames):
        rows.append({"record_type": "officer", "slug": username, "name": username, "team": f"team-{n % teams}",
                     "job_title": "Officer", "phone": f"020 7946 {n % 1000:04d}",
                     "number_shareable": "yes" if n % 2 else "no"})  # fmt: skip
    for n in range(count - len(rows)):
        team = n % teams
        by_partner = n % 10 == 0
        rows.append({"record_type": "topic", "slug": f"topic-{n}", "name": f"Topic number {n}",
                     "service_area": f"area-{team % areas}", "team": "" if by_partner else f"team-{team}",
                     "partner": f"partner-{n % partners}" if by_partner else "",
                     "synonyms": f"other name {n}; also {n}", "keywords": f"word{n % 97}; thing{n % 13}",
                     "adviser_script": f"Tell the caller about topic {n} and take their details.",
                     "online_url": f"https://www.example.gov.uk/topic-{n}" if n % 3 else "",
                     "is_public": "no" if n % 20 == 0 else "yes"})  # fmt: skip
    return [(line, row) for line, row in enumerate(rows, start=2)]


def csv_size(rows: list[tuple[int, dict]]) -> int:
    from directory import csv_io

    stream = io.StringIO()
    writer = csv.DictWriter(stream, fieldnames=csv_io.COLUMNS)
    writer.writeheader()
    writer.writerows(row for _, row in rows)
    return len(stream.getvalue().encode())


def measure(count: int) -> list[tuple[str, float]]:
    """Seconds to import `count` new rows, then to re-import them unchanged (rolled back)."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from directory.services import directory_import

    timings = []
    with transaction.atomic():
        users = get_user_model().objects.bulk_create(
            [get_user_model()(username=f"bench.import.{n}") for n in range(count // 15)]
        )
        rows = import_rows(count, usernames=[user.username for user in users])
        for label in ("new", "unchanged"):
            started = time.perf_counter()
            result = directory_import(rows=rows, by=None)
            timings.append((f"{label}: {result.summary}", time.perf_counter() - started))
            assert result.ok, result.errors[:5]
        transaction.set_rollback(True)
    return timings


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    django.setup()
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    usernames = [f"bench.import.{n}" for n in range(count // 15)]
    print(f"{count} rows, {csv_size(import_rows(count, usernames=usernames)):,} bytes")
    for label, seconds in measure(count):
        print(f"{seconds:7.2f} s  {label}")
