"""The benchmark harness: its generator is reproducible and its floors work, at a tiny scale.

Everything runs in subprocesses against a throwaway database on the same PostgreSQL server, so
the test database and this process's settings (BENCH_ENDPOINTS off) are left alone.
"""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings

from bench import database

ROOT = Path(__file__).resolve().parents[2]
TINY = {
    "auth.User": 20,
    "directory.Officer": 20,
    "directory.ServiceArea": 5,
    "directory.Team": 8,
    "directory.Partner": 4,
    "directory.Topic": 40,
}


@pytest.fixture
def throwaway_db():
    url = os.environ["DATABASE_URL"]
    name = f"{database.database_name(url)}_bench_t{uuid.uuid4().hex[:10]}"
    yield name
    database.drop(url, name)


def _generate(name: str, *extra: str) -> tuple[dict, str]:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench",
            "--scale",
            "tiny",
            "--today",
            "2026-03-02",
            "--generate-only",
            "--digest",
            "--database",
            name,
            *extra,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1]), done.stderr


def test_generator_counts_and_reproducibility(throwaway_db):
    first, log = _generate(throwaway_db, "--seed", "7")
    assert {label: int(first[label].split(":")[0]) for label in TINY} == TINY
    assert "generating the tiny council" in log

    again, log = _generate(throwaway_db, "--seed", "7")
    assert "reusing the tiny data" in log
    assert again == first

    rebuilt, log = _generate(throwaway_db, "--seed", "7", "--regenerate")
    assert "generating the tiny council" in log
    assert rebuilt == first  # same seed, same rows, from an empty database

    other, _ = _generate(throwaway_db, "--seed", "8")
    assert other["directory.Topic"] != first["directory.Topic"]


FLOOR_SCRIPT = """
import django
django.setup()
from django.db import connection
from django.test import Client
client = Client()
missing = client.get("/bench/floor/read/999999999/")  # also opens the connection (its set-up is not counted)
written, read = [], []
with connection.execute_wrapper(lambda run, sql, *args: written.append(sql) or run(sql, *args)):
    created = client.post("/bench/floor/write/")
with connection.execute_wrapper(lambda run, sql, *args: read.append(sql) or run(sql, *args)):
    found = client.get(f"/bench/floor/read/{created.content.decode()}/")
print(created.status_code, len(written), found.status_code, len(read), missing.status_code)
"""


def test_floor_views_work_with_bench_endpoints_on(throwaway_db):
    _generate(throwaway_db, "--seed", "7")
    env = {
        **os.environ,
        "DATABASE_URL": database.with_database(os.environ["DATABASE_URL"], throwaway_db),
        "BENCH_ENDPOINTS": "true",
        "DEBUG": "false",
        "SECURE": "false",
        "SECRET_KEY": "bench-test-only-secret-key",
        "ALLOWED_HOSTS": "testserver",
        "STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "DJANGO_SETTINGS_MODULE": "portal.settings",
    }
    done = subprocess.run(
        [sys.executable, "-c", FLOOR_SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["201", "1", "200", "1", "404"]


TALLIES_SCRIPT = """
import datetime as dt, json
import django
django.setup()
from django.db import connection
from cases.selectors import CASE_TALLIES, COMPLAINT_TALLIES, ESCALATION_TALLY
from contacts.selectors import CONTACT_TALLIES, SURVEY_TALLY
from core.tallies import Span, tally_groups
months, first = [], dt.date(2023, 1, 1)
while first < dt.date(2026, 4, 1):
    following = (first + dt.timedelta(days=32)).replace(day=1)
    months.append(Span(first, following - dt.timedelta(days=1)))
    first = following
found = {}
for source in [*CONTACT_TALLIES, *CASE_TALLIES, ESCALATION_TALLY, *COMPLAINT_TALLIES, SURVEY_TALLY]:
    if source.table:
        sets = [tuple(source.keys)]
        tallied, counted = (tally_groups(source=source, spans=months, sets=sets, from_rows=rows)
                            for rows in (False, True))
        nonzero = lambda groups: {key: c for key, c in groups[sets[0]].items() if any(c.values())}
        found[source.table] = [nonzero(tallied) == nonzero(counted), len(nonzero(counted))]
with connection.cursor() as cursor:
    cursor.execute("SELECT count(*) FROM cases_complaintstage s JOIN cases_case c ON c.id = s.case_id"
                   " WHERE s.service_area_id IS DISTINCT FROM c.service_area_id")
    found["stages in another area than their case"] = cursor.fetchone()[0]
print(json.dumps(found))
"""


def test_the_generated_tallies_equal_their_rows(throwaway_db):
    # The load runs with the triggers off (the replica role): the tallies are counted after it,
    # and a complaint stage is given its case's area, as the database would.
    _generate(throwaway_db, "--seed", "7")
    env = {**os.environ, "DATABASE_URL": database.with_database(os.environ["DATABASE_URL"], throwaway_db),
           "DJANGO_SETTINGS_MODULE": "portal.settings"}  # fmt: skip
    done = subprocess.run([sys.executable, "-c", TALLIES_SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=60, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found.pop("stages in another area than their case") == 0
    # Every tally equals its rows, and none is empty.
    assert {table: equal for table, (equal, _) in found.items()} == dict.fromkeys(found, True)
    assert all(groups > 0 for _, groups in found.values()), found


@pytest.mark.django_db
def test_bench_endpoints_are_off_by_default(client):
    assert settings.BENCH_ENDPOINTS is False
    assert "bench.floor" not in settings.INSTALLED_APPS
    assert client.post("/bench/floor/write/").status_code == 404
    assert client.get("/bench/floor/read/1/").status_code == 404
