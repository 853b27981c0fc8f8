"""Counting rows by month from summary tables, with the raw rows for parts of months.

A tally is a table of counts by calendar month (on the council's clock) and a few keys, kept
exact inside every transaction by statement-level triggers on the rows it counts (contacts'
and cases' migrations define them; docs/decisions/0014-tallies-kept-by-triggers.md says why).
A dashboard asks for spans of whole days: a whole month is read from the tally, any other span
from the rows themselves, in the same statement, so a figure is always a recount of the rows.

The triggers' SQL is frozen in the migrations; `TallySource` says the same keys and counts over
the rows for the parts of months, and each app's tests compare the two after writes.
"""

# The SQL is built from the sources' constant expressions; every value is a parameter.
# ruff: noqa: S608

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.utils import timezone


@dataclass(frozen=True)
class Span:
    """Whole days, `first` to `last` inclusive."""

    first: date
    last: date

    @property
    def whole_month(self) -> bool:  # the whole of one calendar month
        return self.first.day == 1 and self.last == self.first.replace(
            day=calendar.monthrange(self.first.year, self.first.month)[1]
        )


def council_local(column: str) -> str:
    """SQL for a timestamp column on the council's clock (settings.TIME_ZONE, as the triggers)."""
    zone = settings.TIME_ZONE
    if not re.fullmatch(r"[A-Za-z0-9_/+-]+", zone):
        raise ImproperlyConfigured(f"TIME_ZONE {zone!r} is not a zone name")
    return f"({column} AT TIME ZONE '{zone}')"


def sql_constants(values: Iterable[str]) -> str:
    """A parenthesised SQL list of the code's own constants (statuses, kinds), as the triggers
    write them; refuses anything that is not a plain word, since these are not parameters."""
    words = list(values)
    if not words or not all(re.fullmatch(r"[a-z0-9_]+", word) for word in words):
        raise ImproperlyConfigured(f"not SQL constants: {words!r}")
    return "(" + ", ".join(f"'{word}'" for word in words) + ")"


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@dataclass(frozen=True)
class TallySource:
    """One tally table and the rows it counts.

    `rows` is a FROM clause over the counted rows (alias `r`, with whatever joins the keys need)
    and `moment` the row's timestamp; `keys` and `counts` give each tally column's expression over
    those rows. `joins` are added to the outer query (alias `src` for the tally's columns) to reach
    `derived` keys, such as an adviser's current team."""

    table: str  # "": no tally, always counted from the rows
    rows: str
    moment: str
    keys: dict[str, str]
    counts: dict[str, str]
    joins: str = ""
    derived: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Branch:
    """Further rows added to the counts: SQL yielding `span` and the source's keys and counts,
    given the spans as `whole(span, lo, hi)`, and cut into months as `spans(span, lo, hi, month)`
    (month: a whole month's first day, else NULL)."""

    sql: str
    params: tuple = ()


def rows_branch(source: TallySource, *, counts: dict[str, str], condition: str, params: tuple = ()) -> Branch:
    """A branch over the source's rows in every span, whole months included, meeting `condition`:
    `counts` give some counts' expressions, the others count nothing. For corrections the tally
    cannot know, such as a due time that has not yet passed at the time of reading."""
    columns = [*(f"{expr} AS {name}" for name, expr in source.keys.items()),
               *(f"{counts.get(name, '0')} AS {name}" for name in source.counts)]  # fmt: skip
    return Branch(
        f"SELECT s.span, {', '.join(columns)} FROM {source.rows} JOIN whole s ON {source.moment} >= s.lo"
        f" AND {source.moment} < s.hi WHERE {condition}",
        params,
    )


Counts = dict[str, int]


def _segments(span: Span) -> list[Span]:
    """The span cut at the ends of months: whole months, and parts of months at its ends."""
    found, first = [], span.first
    while first <= span.last:
        end = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        found.append(Span(first, min(end, span.last)))
        first = end + timedelta(days=1)
    return found


def tally_groups(
    *,
    source: TallySource,
    spans: list[Span],
    sets: list[tuple[str, ...]],
    only: dict[tuple[str, ...], list[int]] | None = None,
    where: list[str] | None = None,
    params: list[Any] | None = None,
    branches: list[Branch] | None = None,
    from_rows: bool = False,
) -> dict[tuple[str, ...], dict[tuple, Counts]]:
    """The counts of `source` in each span, grouped by each of `sets` (key names, the span
    always added): {set: {(span index, *key values): {count: total}}}. `only` limits a set to
    some spans (by index); `where` are conditions over `src.<key>` and the derived keys, with
    `params` for their placeholders; `from_rows` counts every span from the rows (a narrowing the
    tally has no key for). A span's whole months are read from the tally, the rest from the rows.
    One statement."""
    if not spans:
        return {keys: {} for keys in sets}
    keys = list(source.keys)
    values: list[str] = []
    value_params: list[Any] = []
    tallied = bool(source.table) and not from_rows
    wholes: list[str] = []
    whole_params: list[Any] = []
    for index, span in enumerate(spans):
        wholes.append("(%s, %s::timestamptz, %s::timestamptz)")
        whole_params += [index, _moment(span.first), _moment(span.last + timedelta(days=1))]
        for segment in _segments(span):
            values.append("(%s, %s::timestamptz, %s::timestamptz, %s::date)")
            value_params += [index, _moment(segment.first), _moment(segment.last + timedelta(days=1)),
                             segment.first if segment.whole_month and tallied else None]  # fmt: skip
    tally = f"SELECT s.span, {', '.join(f't.{name}' for name in [*keys, *source.counts])} FROM {source.table} t JOIN spans s ON s.month = t.month"  # noqa: E501
    raw_columns = ", ".join(
        [*(f"{expr} AS {name}" for name, expr in source.keys.items()),
         *(f"{expr} AS {name}" for name, expr in source.counts.items())]
    )  # fmt: skip
    raw = (
        f"SELECT s.span, {raw_columns} FROM {source.rows} JOIN spans s ON s.month IS NULL"
        f" AND {source.moment} >= s.lo AND {source.moment} < s.hi"
    )
    # No parts of months, no branch over the rows: the planner would guess it long.
    partial = any(month is None for month in value_params[3::4])
    union = ([tally] if tallied else []) + ([raw] if partial or not tallied else [])
    union_params: list[Any] = []
    for branch in branches or []:
        union.append(branch.sql)
        union_params += list(branch.params)
    expressions = {name: f"src.{name}" for name in keys} | source.derived
    grouping_sets = ", ".join(f"(src.span, {', '.join(expressions[key] for key in keys_)})" for keys_ in sets)
    every = list(dict.fromkeys(key for keys_ in sets for key in keys_))
    grouping = f"GROUPING({', '.join(expressions[key] for key in every)})"
    # GROUPING() sets a bit, most significant first, for each of `every` left out of a row's set.
    masks = {
        keys_: sum(1 << (len(every) - 1 - position) for position, key in enumerate(every) if key not in keys_)
        for keys_ in sets
    }
    having: list[str] = []
    having_params: list[Any] = []
    for keys_, allowed in (only or {}).items():
        having.append(f"({grouping} = %s AND NOT src.span = ANY(%s))")
        having_params += [masks[keys_], list(allowed)]
    sums = ", ".join(f"sum(src.{name})::bigint AS {name}" for name in source.counts)
    sql = (
        f"WITH whole(span, lo, hi) AS (VALUES {', '.join(wholes)}), "
        f"spans(span, lo, hi, month) AS (VALUES {', '.join(values)}) "
        f"SELECT src.span, {', '.join(f'{expressions[key]} AS {key}' for key in every)}, "
        f"{grouping} AS grouping_, {sums} "
        f"FROM ({' UNION ALL '.join(union)}) src {source.joins} "
        f"{'WHERE ' + ' AND '.join(f'({condition})' for condition in where) if where else ''} "
        f"GROUP BY GROUPING SETS ({grouping_sets})"
        f"{' HAVING NOT (' + ' OR '.join(having) + ')' if having else ''}"
    )
    found: dict[tuple[str, ...], dict[tuple, Counts]] = {keys_: {} for keys_ in sets}
    by_mask = {mask: (keys_, [1 + every.index(key) for key in keys_]) for keys_, mask in masks.items()}
    names = list(source.counts)
    first = 2 + len(every)  # span, the keys, the grouping, then the counts
    with connection.cursor() as cursor:
        cursor.execute(sql, [*whole_params, *value_params, *union_params, *(params or []), *having_params])
        for row in cursor.fetchall():
            keys_, positions = by_mask[row[first - 1]]
            found[keys_][(row[0], *(row[position] for position in positions))] = dict(
                zip(names, (int(value or 0) for value in row[first:]), strict=True)
            )
    return found


def tallies_read(
    *,
    candidates: list[TallySource],
    spans: list[Span],
    sets: list[tuple[str, ...]],
    only: dict[tuple[str, ...], list[int]] | None = None,
    where: list[str] | None = None,
    params: list[Any] | None = None,
    branches=lambda source: [],
) -> dict[tuple[str, ...], dict[tuple, Counts]]:
    """tally_groups for each of `sets`, each read from the first of `candidates` (smallest
    first) that has its keys: one statement a source. `branches(source)` gives a source's extra
    branches."""
    by_source: dict[int, tuple[TallySource, list[tuple[str, ...]]]] = {}
    for keys in sets:
        source = next(s for s in candidates if set(keys) <= {*s.keys, *s.derived})
        by_source.setdefault(id(source), (source, []))[1].append(keys)
    found: dict[tuple[str, ...], dict[tuple, Counts]] = {}
    for source, grouped in by_source.values():
        if "o.team_id" in " ".join(where or []) and "team_id" not in source.derived:
            raise ValueError(f"{source.table} has no adviser to find a team by")
        limits = {keys: allowed for keys, allowed in (only or {}).items() if keys in grouped}
        # A source whose every set is limited to some spans reads those spans alone (a year's
        # figures by adviser need not read the three years the trends do), its answers keyed by
        # the spans' own indexes again.
        limited = len(limits) == len(grouped)
        kept = sorted({index for allowed in limits.values() for index in allowed}) if limited else []
        indexes = kept or list(range(len(spans)))
        position = {index: at for at, index in enumerate(indexes)}
        counted = tally_groups(
            source=source, spans=[spans[index] for index in indexes], sets=grouped,
            only={keys: [position[index] for index in allowed] for keys, allowed in limits.items()},
            where=where, params=params, branches=branches(source),
        )  # fmt: skip
        found |= {keys: {(indexes[key[0]], *key[1:]): counts for key, counts in groups.items()}
                  for keys, groups in counted.items()}  # fmt: skip
    return found


def tally_rebuild(source: TallySource) -> int:
    """Empty `source`'s tally and count it again from the rows, with the same keys and counts as
    its triggers: for a load made with the triggers off (the bench's bulk load runs under the
    replica role, which turns every trigger off). Returns the tally rows written."""
    if not source.table:
        raise ValueError("This source has no tally")
    month = f"date_trunc('month', {council_local(source.moment)})::date"
    columns = ", ".join(["month", *source.keys, *source.counts])
    values = ", ".join([month, *source.keys.values(), *(f"sum({expr})" for expr in source.counts.values())])
    groups = ", ".join(str(position) for position in range(1, len(source.keys) + 2))
    with transaction.atomic(), connection.cursor() as cursor:
        # The triggers of any write meanwhile wait, then add to the counts made here.
        cursor.execute(f"LOCK TABLE {source.table} IN SHARE ROW EXCLUSIVE MODE")
        cursor.execute(f"DELETE FROM {source.table}")
        cursor.execute(f"INSERT INTO {source.table} ({columns}) SELECT {values} FROM {source.rows} GROUP BY {groups}")
        return cursor.rowcount
