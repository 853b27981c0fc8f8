"""Migrations stay runnable as the code moves on: none imports the project's own code."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ("portal", "contacts", "cases", "standards", "directory", "core", "bench")
MIGRATIONS = sorted(path for app in APPS for path in (ROOT / app).glob("**/migrations/[0-9]*.py"))


def _imported_modules(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


@pytest.mark.parametrize("path", MIGRATIONS, ids=lambda path: str(path.relative_to(ROOT)))
def test_migration_imports_no_application_code(path):
    # A migration that imports a module of ours runs today's code against yesterday's schema.
    ours = [name for name in _imported_modules(ast.parse(path.read_text())) if name.split(".")[0] in APPS]
    assert not ours, f"{path.name} imports {ours}: freeze what it needs into the migration"
