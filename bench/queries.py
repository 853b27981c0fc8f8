"""SQL queries per request, counted in process: django.test.Client against the bench database,
one warm-up request, then a query counter (connection.execute_wrapper: every statement sent, even
when Django's own query log is reset by request_started) around each of a few sample requests."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db import connection
from django.test import Client

from .paths import Fixtures, HotPath

SAMPLES = 3


@dataclass
class Count:
    counts: list[int]
    statuses: list[int]

    @property
    def queries(self) -> int:
        return max(self.counts)

    @property
    def label(self) -> str:
        low, high = min(self.counts), max(self.counts)
        return str(high) if low == high else f"{low}-{high}"


def _request(client: Client, path: HotPath, fixtures: Fixtures, i: int):
    url = path.url(fixtures, i)
    if path.method == "POST":
        return client.post(
            url,
            data=urlencode(path.body(fixtures, i) if path.body else {}),
            content_type="application/x-www-form-urlencoded",
        )
    return client.get(url)


class _Counter:
    def __init__(self):
        self.statements: list[tuple[str, object]] = []

    def __call__(self, execute, sql, params, many, context):
        self.statements.append((sql, params))
        return execute(sql, params, many, context)


def count_queries(path: HotPath, fixtures: Fixtures, user) -> Count:
    client = Client(raise_request_exception=False, HTTP_HOST="testserver")
    if path.signed_in:
        client.force_login(user)
    _request(client, path, fixtures, 0)  # warm-up: first-use caches (templates, content types)
    counts, statuses = [], []
    for i in range(SAMPLES):
        counter = _Counter()
        with connection.execute_wrapper(counter):
            response = _request(client, path, fixtures, i)
        counts.append(len(counter.statements))
        statuses.append(response.status_code)
    return Count(counts, statuses)


def explain(path: HotPath, fixtures: Fixtures, user, i: int = 0) -> str:
    """EXPLAIN (ANALYZE, BUFFERS) of every SELECT one request of `path` runs (request number i)."""
    client = Client(raise_request_exception=False, HTTP_HOST="testserver")
    if path.signed_in:
        client.force_login(user)
    _request(client, path, fixtures, i)
    counter = _Counter()
    with connection.execute_wrapper(counter):
        _request(client, path, fixtures, i)
    out = [f"== {path.name}: {path.url(fixtures, i)}"]
    with connection.cursor() as cursor:
        for sql, params in counter.statements:
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
            out += ["", sql[:300] + (" ..." if len(sql) > 300 else ""), *(row[0] for row in cursor.fetchall())]
    return "\n".join(out)
