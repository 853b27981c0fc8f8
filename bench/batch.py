"""Batch operations `make bench` times once on the generated data, beside the hot paths: work
that runs outside a request (or as one long request) and whose cost grows with the data. Their
timings live here, not in the test suite, where a slow machine would make a test fail."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class BatchResult:
    name: str
    seconds: float
    detail: str


def _search_index_rebuild() -> list[BatchResult]:
    from directory.services import search_index_rebuild

    started = time.perf_counter()
    entries = search_index_rebuild()
    return [BatchResult("directory search index rebuild (set-based)", time.perf_counter() - started, f"{entries:,}")]


def _directory_import() -> list[BatchResult]:
    """The CSV import at 3,000 rows: a new directory, then the same file again (no changes)."""
    from .directory_import import csv_size, import_rows, measure

    count = 3000
    size = csv_size(import_rows(count, usernames=[f"bench.import.{n}" for n in range(count // 15)]))
    return [
        BatchResult(f"directory CSV import, {count:,} rows ({size // 1024:,} KB)", seconds, label)
        for label, seconds in measure(count)
    ]


def _case_routing() -> list[BatchResult]:
    from .cases import route_timing

    return route_timing()


def _claim_next_concurrently() -> list[BatchResult]:
    from .cases import claim_concurrently

    return claim_concurrently()


# Each runs in a transaction that is rolled back, so the data the hot paths read is left as generated.
BATCHES: list[Callable[[], list[BatchResult]]] = [_search_index_rebuild, _directory_import, _case_routing]
# These write through database connections of their own, which commit, and put back what they
# changed themselves (a transaction of this process would hide the rows from them, or lock them).
COMMITTED: list[Callable[[], list[BatchResult]]] = [_claim_next_concurrently]


def run_batches() -> list[BatchResult]:
    from django.db import transaction

    results = []
    for operation in BATCHES:
        with transaction.atomic():
            results += operation()
            transaction.set_rollback(True)
    for operation in COMMITTED:
        results += operation()
    return results


def table(results: list[BatchResult]) -> str:
    lines = ["| batch operation | seconds | rows |", "| --- | ---: | --- |"]
    lines += [f"| {r.name} | {r.seconds:.2f} | {r.detail} |" for r in results]
    return "\n".join(lines)
