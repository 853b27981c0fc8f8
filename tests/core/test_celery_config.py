"""Celery configured for safety, as the settings and the task declarations are: JSON only, one
task prefetched at a time, late acknowledgement only for the tasks that may run twice, a time
limit on every task, capped retries, and no countdown or ETA beyond the broker's visibility
timeout (long waits are due times in the database, not messages in Redis)."""

import ast
import pathlib

import pytest
from django.conf import settings

from portal.celery import app

ROOT = pathlib.Path(__file__).resolve().parents[2]
APPS = ("core", "directory", "standards", "cases", "contacts", "portal")


@pytest.fixture(scope="module")
def tasks() -> dict:
    app.loader.import_default_modules()
    found = {name: task for name, task in app.tasks.items() if name.split(".")[0] in APPS}
    assert found, "no portal tasks registered"
    return found


def test_json_only_and_one_task_prefetched():
    assert app.conf.task_serializer == "json" and app.conf.result_serializer == "json"
    assert list(app.conf.accept_content) == ["json"]
    assert app.conf.worker_prefetch_multiplier == 1


def test_late_acknowledgement_only_for_idempotent_tasks(tasks):
    assert app.conf.task_acks_late is False
    for name, task in tasks.items():
        idempotent = getattr(task, "idempotent", False)
        assert task.acks_late is idempotent, name
        if task.acks_late:
            # Killed mid-run, it goes back to the queue rather than being dropped as done.
            assert task.reject_on_worker_lost, name


def test_every_task_has_a_time_limit_within_the_visibility_timeout(tasks):
    visibility = app.conf.broker_transport_options["visibility_timeout"]
    assert visibility == settings.TASK_VISIBILITY_SECONDS
    for name, task in tasks.items():
        soft = task.soft_time_limit or app.conf.task_soft_time_limit
        hard = task.time_limit or app.conf.task_time_limit
        assert soft and hard and soft < hard < visibility, name


def test_retries_are_capped(tasks):
    for name, task in tasks.items():
        assert task.max_retries is not None and task.max_retries <= 10, name


def test_no_countdown_or_eta_beyond_the_visibility_timeout():
    """Every countdown in the code is a number within the visibility timeout, and nothing sets an
    ETA: a message held longer than that is delivered twice by Redis."""
    visibility = settings.TASK_VISIBILITY_SECONDS
    for app_name in APPS:
        for path in (ROOT / app_name).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                if not isinstance(node, ast.keyword):
                    continue
                where = f"{path.relative_to(ROOT)}:{node.value.lineno}"
                assert node.arg != "eta", where
                if node.arg == "countdown":
                    assert isinstance(node.value, ast.Constant) and node.value.value <= visibility, where


def test_every_scheduled_task_exists(tasks):
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in tasks, entry["task"]
