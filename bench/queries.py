"""SQL queries per request, counted in process: django.test.Client against the bench database,
one warm-up request, then a query counter (connection.execute_wrapper: every statement sent, even
when Django's own query log is reset by request_started) around each of a few sample requests.

It also counts the transactions each request commits: the outermost atomic blocks (Django's
connection.commit, wrapped for the samples), with the statements run inside each; any other
statement runs in autocommit, a transaction of its own."""

from __future__ import annotations

from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from django.db import connection
from django.test import Client

from .paths import Fixtures, HotPath

SAMPLES = 3


@dataclass
class Count:
    counts: list[int]
    statuses: list[int]
    # Per sample: the statements of each committed atomic block, and those run in autocommit.
    blocks: list[list[int]] = field(default_factory=list)
    autocommitted: list[int] = field(default_factory=list)

    @property
    def transactions(self) -> int:
        return max((len(b) for b in self.blocks), default=0)

    @property
    def transactions_label(self) -> str:
        """Like "2 (14 + 1 statements; 3 in autocommit)" for the first sample."""
        if not self.blocks:
            return "0"
        first = self.blocks[0]
        return (
            f"{len(first)} ({' + '.join(map(str, first)) or 'no'} statements"
            f"{f'; {self.autocommitted[0]} in autocommit' if self.autocommitted[0] else ''})"
        )

    @property
    def queries(self) -> int:
        return max(self.counts)

    @property
    def label(self) -> str:
        low, high = min(self.counts), max(self.counts)
        return str(high) if low == high else f"{low}-{high}"


def _request(client: Client, path: HotPath, fixtures: Fixtures, i: int):
    url = path.url(fixtures, i)
    if path.cookie:
        client.cookies = SimpleCookie(path.cookie(fixtures, i))
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
        self.blocks: list[int] = []  # statements of each committed atomic block
        self.inside = 0  # of the block now open
        self.autocommitted = 0

    def __call__(self, execute, sql, params, many, context):
        self.statements.append((sql, params))
        if context["connection"].in_atomic_block:
            self.inside += 1
        else:
            self.autocommitted += 1
        return execute(sql, params, many, context)

    def committed(self) -> None:
        self.blocks.append(self.inside)
        self.inside = 0


def _counting_commits(counter: _Counter):
    """Wrap connection.commit (what the outermost atomic block calls on success) for a sample."""
    original = connection.commit

    def commit():
        original()
        counter.committed()

    connection.commit = commit
    return lambda: delattr(connection, "commit")


def count_queries(path: HotPath, fixtures: Fixtures, user) -> Count:
    client = Client(raise_request_exception=False, HTTP_HOST="testserver")
    if path.signed_in:
        client.force_login(user)
    _request(client, path, fixtures, 0)  # warm-up: first-use caches (templates, content types)
    result = Count([], [])
    for i in range(SAMPLES):
        counter = _Counter()
        restore = _counting_commits(counter)
        try:
            with connection.execute_wrapper(counter):
                response = _request(client, path, fixtures, i)
        finally:
            restore()
        result.counts.append(len(counter.statements))
        result.statuses.append(response.status_code)
        result.blocks.append(counter.blocks)
        result.autocommitted.append(counter.autocommitted)
    return result


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
                out += ["", sql[:300] + (" ..." if len(sql) > 300 else ""), "(not a SELECT: not explained)"]
                continue
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
            out += ["", sql[:300] + (" ..." if len(sql) > 300 else ""), *(row[0] for row in cursor.fetchall())]
    return "\n".join(out)
