"""The bench database: its own database on the development (or CI) server, never the dev one."""

from __future__ import annotations

import re
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

import psycopg2
from psycopg2 import sql


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def bench_name(url: str, scale: str) -> str:
    name = f"{database_name(url) or 'portal'}_bench_{scale}"
    if not re.fullmatch(r"[A-Za-z0-9_]{1,63}", name):
        raise ValueError(f"Unusable bench database name {name!r}")
    return name


@contextmanager
def _admin(url: str):
    """A cursor on the server's `postgres` database, autocommit (CREATE/DROP DATABASE need it),
    and the connection closed afterwards (psycopg2's own `with connection` does not close it)."""
    conn = psycopg2.connect(with_database(url, "postgres"))
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            yield cursor
    finally:
        conn.close()


def exists(url: str, name: str) -> bool:
    with _admin(url) as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


def create(url: str, name: str) -> None:
    with _admin(url) as cursor:
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop(url: str, name: str) -> None:
    with _admin(url) as cursor:
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
