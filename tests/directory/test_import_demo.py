"""The full demo directory through the CSV: an administrator's unchanged export re-imports as no
changes. In its own module: the demo directory is seeded once a module and stays for its tests."""

import csv
import io

from django.urls import reverse

from directory import services
from directory.models import DirectoryChange, Topic
from tests.factories import user_make


def test_the_demo_directory_exported_and_imported_changes_nothing(db, client, demo_directory):
    # Not the world's administrator: the world's directory would clash with the demo's.
    administrator = user_make("administrator", username="demo-administrator")
    client.force_login(administrator)
    response = client.get(reverse("directory:export"))
    rows = list(enumerate(csv.DictReader(io.StringIO(response.content.decode())), start=2))
    assert sum(row["record_type"] == "topic" for _, row in rows) == Topic.objects.count() >= 300
    before = DirectoryChange.objects.count()
    result = services.directory_import(rows=rows, by=administrator)
    assert result.errors == []
    assert result.summary == f"{len(rows)} unchanged"
    assert DirectoryChange.objects.count() == before
