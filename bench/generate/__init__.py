"""The benchmark data generator: one module per app, run in the order of GENERATORS.

Each module exposes `TABLES` (the models it fills, emptied before a rebuild), `generate(ctx)`
(load rows, usually with COPY) and optionally `after_load(ctx)` (work the app does itself once
rows are in, such as rebuilding a search index). A later app adds its own
module and appends it to GENERATORS below; it can read what earlier modules made from `ctx.made`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import random
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection

from directory import vocabulary

from . import cases, contacts, directory, standards
from .scales import SCALES, Scale

GENERATORS = [directory, standards, cases, contacts]


@dataclass
class Context:
    scale: Scale
    seed: int
    today: dt.date
    rng: random.Random
    made: dict[str, object] = field(default_factory=dict)  # ids and facts later generators can reuse
    counts: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)


def fingerprint(scale: str, seed: int) -> str:
    """Changes whenever the generator code does, so stale data is rebuilt rather than reused."""
    digest = hashlib.sha256(f"{scale}:{seed}".encode())
    # The vocabulary lives with the directory (the demo shares it), but the data is made from it too.
    for path in [*sorted(Path(__file__).parent.glob("*.py")), Path(vocabulary.__file__)]:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _copy_value(value) -> str:
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, list):
        items = ",".join('"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"' for v in value)
        value = "{" + items + "}"
    elif isinstance(value, dt.datetime | dt.date):
        value = value.isoformat()
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def copy_rows(model, rows: list[dict]) -> int:
    """COPY rows (dicts keyed by column name) into the model's table and move its id sequence on."""
    if not rows:
        return 0
    table = model._meta.db_table
    columns = list(rows[0])
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(_copy_value(row[c]) for c in columns))
        buffer.write("\n")
    buffer.seek(0)
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(
            f"COPY {connection.ops.quote_name(table)} ({', '.join(connection.ops.quote_name(c) for c in columns)}) "
            "FROM STDIN",
            buffer,
        )
        if "id" in columns:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence(%s, 'id'), (SELECT coalesce(max(id), 1) FROM {table}))",
                [table],
            )
    return len(rows)


def truncate(models) -> None:
    tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in models)
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")


def generate_all(scale_name: str, seed: int, today: dt.date | None = None, log=print) -> Context:
    """Empty the generated tables and fill them again from `seed`. Same seed and day, same rows."""
    ctx = Context(scale=SCALES[scale_name], seed=seed, today=today or dt.date.today(), rng=random.Random(seed))
    truncate([model for module in GENERATORS for model in [*module.TABLES, *getattr(module, "EMPTIED", [])]])
    for module in GENERATORS:
        name = module.__name__.rsplit(".", 1)[-1]
        started = time.perf_counter()
        module.generate(ctx)
        ctx.timings[f"{name} load"] = time.perf_counter() - started
        log(f"bench: generated {name} in {ctx.timings[f'{name} load']:.1f} s")
        for step, seconds in ctx.timings.items():
            if step.startswith(f"{name}: "):  # a module's own steps, when it times them
                log(f"bench:   {step} {seconds:.1f} s")
    for module in GENERATORS:
        hook = getattr(module, "after_load", None)
        if hook is not None:
            name = module.__name__.rsplit(".", 1)[-1]
            started = time.perf_counter()
            hook(ctx)
            ctx.timings[f"{name} after load"] = time.perf_counter() - started
            log(f"bench: {name} after-load step in {ctx.timings[f'{name} after load']:.1f} s")
    # As autovacuum leaves a table after a bulk load: statistics, the visibility map, and the GIN
    # indexes' pending lists merged (a customer_name_words_idx search scanned 4 MB of pending
    # entries before this: 40 ms instead of 4).
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return ctx


def digest() -> dict[str, str]:
    """md5 of every generated table's rows in id order: equal digests, equal data."""
    result = {}
    with connection.cursor() as cursor:
        for module in GENERATORS:
            for model in module.TABLES:
                table = connection.ops.quote_name(model._meta.db_table)
                cursor.execute(
                    f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) FROM {table} t"
                )
                count, md5 = cursor.fetchone()
                result[model._meta.label] = f"{count}:{md5}"
    return result
