"""The one table, the machine facts, and the results file."""

from __future__ import annotations

import datetime as dt
import math
import os
import platform
from dataclasses import dataclass
from pathlib import Path

from django.db import connection

from .batch import BatchResult
from .batch import table as batch_table
from .load import Result
from .paths import HotPath
from .queries import Count

RESULTS = Path(__file__).resolve().parent / "results"


@dataclass
class Row:
    path: HotPath
    result: Result
    count: Count


def _ms(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.1f}"


def _ratio(value: float, floor: float) -> str:
    if math.isnan(value) or math.isnan(floor) or floor <= 0:
        return "-"
    return f"{value / floor:.1f}x"


def table(rows: list[Row]) -> str:
    floors = {row.path.name: row.result for row in rows if row.path.is_floor}
    lines = [
        "| hot path | kind | requests | errors | req/s | p50 ms | p95 ms | p99 ms | SQL/req (asserted) "
        "| p50 / floor | p95 / floor |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        r, floor = row.result, floors.get(row.path.floor)
        asserted = "?" if row.path.queries is None else str(row.path.queries)
        p50, p95 = r.percentile(50), r.percentile(95)
        ratio50 = _ratio(p50, floor.percentile(50)) if floor and not row.path.is_floor else "1.0x (floor)"
        ratio95 = _ratio(p95, floor.percentile(95)) if floor and not row.path.is_floor else "1.0x (floor)"
        lines.append(
            f"| {row.path.name} | {row.path.kind} | {r.count} | {r.errors} | {r.throughput:.0f} | {_ms(p50)} "
            f"| {_ms(p95)} | {_ms(r.percentile(99))} | {row.count.label} ({asserted}) | {ratio50} | {ratio95} |"
        )
    return "\n".join(lines)


def _memory() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine_facts(*, workers: int, concurrency: int) -> dict[str, str]:
    import django
    import gunicorn

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg_version = cursor.fetchone()[0]
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cores": f"{os.cpu_count()} ({_cpu_model()})",
        "memory": _memory(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "postgresql": pg_version,
        "gunicorn": f"{gunicorn.__version__}, {workers} sync workers, DEBUG off",
        "load": f"{concurrency} concurrent connections from the same machine (closed loop)",
    }


def write(
    *,
    scale: str,
    seed: int,
    facts: dict[str, str],
    dataset: dict,
    rows: list[Row],
    batches: list[BatchResult],
    settings_line: str,
    notes: list[str],
    partial: bool = False,
) -> Path:
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{dt.date.today():%Y-%m-%d}-{scale}{'-only' if partial else ''}.md"
    lines = [f"# Benchmark: {scale} scale, {facts['date']}", ""]
    lines += [f"- {key}: {value}" for key, value in facts.items()]
    lines += [f"- run: {settings_line}", f"- data: seed {seed}; " + dataset_line(dataset), ""]
    lines += [table(rows), ""]
    if batches:
        lines += [batch_table(batches), ""]
    if notes:
        lines += ["Notes:", "", *[f"- {note}" for note in notes], ""]
    path.write_text("\n".join(lines))
    return path


def dataset_line(dataset: dict) -> str:
    counts = ", ".join(f"{label} {n:,}" for label, n in sorted(dataset["counts"].items()))
    reused = ", reused from an earlier run" if dataset.get("reused") else ""
    return f"generated in {dataset['seconds']:.1f} s{reused} ({counts})"
