"""CSV export and import of the whole directory."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bench.directory_import import import_rows
from directory import csv_io, services
from directory.models import DirectoryChange, Officer, Partner, SearchEntry, ServiceArea, Team, Topic
from tests.factories import user_make


def _csv(rows: list[dict], *, header=csv_io.COLUMNS, bom=False) -> bytes:
    stream = io.StringIO()
    writer = csv.DictWriter(stream, fieldnames=header, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return (("\ufeff" if bom else "") + stream.getvalue()).encode()


def _upload(client, content: bytes, name="directory.csv"):
    return client.post(reverse("directory:import"), {"file": SimpleUploadedFile(name, content, "text/csv")})


def _export(client) -> list[dict]:
    response = client.get(reverse("directory:export"))
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_export_has_every_entry(client, small_directory, django_assert_num_queries):
    client.force_login(user_make("Team manager", team=small_directory["bins"], username="manager"))
    rows = _export(client)
    kinds = [row["record_type"] for row in rows]
    assert kinds.count("service_area") == 3 and kinds.count("team") == 3 and kinds.count("topic") == 5
    bulky = next(row for row in rows if row["slug"] == "bulky-waste")
    assert bulky["team"] == "waste-collections" and bulky["synonyms"] == "bulky items; large items"
    assert bulky["is_public"] == "yes"
    olive = next(row for row in rows if row["slug"] == "olive")
    assert olive == {**olive, "record_type": "officer", "name": "Olive Shareable", "team": "waste-collections",
                     "phone": "01632 960201", "number_shareable": "yes"}  # fmt: skip
    # 4 staff overhead (session, user, permissions x2), the manager's editing scope, then 1 query
    # per record type.
    with django_assert_num_queries(4 + 1 + 5):
        client.get(reverse("directory:export"))


def test_export_has_only_the_officers_the_user_may_edit(client, small_directory):
    client.force_login(user_make("Team manager", team=small_directory["options"]))
    officers = {row["slug"] for row in _export(client) if row["record_type"] == "officer"}
    assert officers == {
        User.get_username() for User in get_user_model().objects.filter(officer__team__slug="housing-options")
    }
    assert "olive" not in officers


def test_export_then_import_changes_nothing(client, small_directory, administrator):
    client.force_login(administrator)
    content = _csv(_export(client))
    before = DirectoryChange.objects.count()
    response = _upload(client, content)
    assert response.status_code == 302
    assert DirectoryChange.objects.count() == before
    follow = client.get(response["Location"])
    assert "Directory imported: 18 unchanged." in follow.content.decode()  # 12 entries and 6 officers


def test_valid_import_upserts_records_changes_and_reindexes(client, small_directory, administrator):
    client.force_login(administrator)
    content = _csv(
        [
            {"record_type": "topic", "slug": "garden-waste", "name": "Garden waste", "service_area": "parks",
             "team": "gardeners", "synonyms": "green bin; brown bin", "is_public": "yes"},
            {"record_type": "team", "slug": "gardeners", "name": "Gardeners", "service_area": "parks",
             "phone": "01632960300", "internal_phone": "020 7946 0300"},
            {"record_type": "service_area", "slug": "parks", "name": "Parks", "summary": "Parks and gardens."},
            {"record_type": "partner", "slug": "county", "name": "Wyeshire County Council",
             "handles": "Roads, potholes and street lights", "phone": "01632 960900"},
        ],
        bom=True,
    )  # fmt: skip
    response = _upload(client, content)
    assert response.status_code == 302, response.content.decode()[:3000]
    topic = Topic.objects.select_related("team__service_area").get(slug="garden-waste")
    assert topic.team.service_area.slug == "parks" and topic.synonyms == ["green bin", "brown bin"]
    assert Team.objects.get(slug="gardeners").public_phone == "01632 960300"
    assert Partner.objects.get(slug="county").handles == "Roads, potholes and street lights"
    changes = DirectoryChange.objects.filter(action="imported", changed_by=administrator)
    assert changes.count() == 4
    assert changes.get(entry_type="partner").changes == {
        "handles": ["Roads and potholes", "Roads, potholes and street lights"]
    }
    assert SearchEntry.objects.filter(kind="topic", title="Garden waste").exists()


def test_one_bad_row_changes_nothing_and_errors_name_the_lines(client, small_directory, administrator):
    client.force_login(administrator)
    before = (ServiceArea.objects.count(), Topic.objects.count(), DirectoryChange.objects.count())
    content = _csv(
        [
            {"record_type": "service_area", "slug": "parks", "name": "Parks", "summary": "Parks."},
            {"record_type": "team", "slug": "gardeners", "name": "Gardeners", "service_area": "nowhere"},
            {"record_type": "topic", "slug": "orphan", "name": "Orphan", "service_area": "parks"},
            {"record_type": "partner", "slug": "bad-phone", "name": "Bad phone", "handles": "x", "phone": "12"},
            {"record_type": "widget", "slug": "w", "name": "W"},
            {"record_type": "topic", "slug": "Not A Slug!", "name": "Bad slug", "service_area": "parks",
             "team": "waste-collections", "is_public": "maybe"},
        ]
    )  # fmt: skip
    response = _upload(client, content)
    assert response.status_code == 200
    page = response.content.decode()
    errors = response.context["report"].errors
    lines = sorted({line for line, _ in errors})
    assert lines == [3, 4, 5, 6, 7]
    assert "The file was not imported" in page and "Nothing has been changed" in page
    assert (3, "service_area: There is no service area with the slug 'nowhere'") in errors
    assert "Enter a phone number, like 01632 960 001" in page
    assert "record_type must be one of" in page
    assert (ServiceArea.objects.count(), Topic.objects.count(), DirectoryChange.objects.count()) == before


def test_import_updates_officer_profiles_by_username(client, small_directory, administrator):
    client.force_login(administrator)
    content = _csv(
        [
            {"record_type": "officer", "slug": "hugo", "name": "ignored", "team": "housing-options",
             "job_title": "Housing adviser", "phone": "01632960777", "number_shareable": "yes"},
            {"record_type": "officer", "slug": "olive", "name": "Olive Shareable", "team": "waste-collections",
             "job_title": "Manager", "phone": "01632 960201", "number_shareable": ""},
        ]
    )  # fmt: skip
    response = _upload(client, content)
    assert response.status_code == 302, response.content.decode()[:3000]
    hugo = Officer.objects.select_related("user", "team").get(user__username="hugo")
    assert (hugo.team.slug, hugo.job_title, hugo.direct_line, hugo.number_shareable) == (
        "housing-options",
        "Housing adviser",
        "01632 960777",
        True,
    )
    assert hugo.user.get_full_name() == "Hugo Private"  # the name column never changes the account
    assert Officer.objects.get(user__username="olive").number_shareable is False  # empty means no
    assert SearchEntry.objects.get(kind="officer", object_id=hugo.pk).summary == "Housing adviser, Housing options"
    change = DirectoryChange.objects.get(entry_type="officer", entry_id=hugo.pk, action="imported")
    assert change.changes["job_title"] == ["Officer", "Housing adviser"]


def test_import_never_creates_staff_accounts(client, small_directory, administrator):
    client.force_login(administrator)
    content = _csv([{"record_type": "officer", "slug": "nobody", "name": "No Body", "team": "waste-collections",
                     "job_title": "Driver"}])  # fmt: skip
    response = _upload(client, content)
    assert response.status_code == 200
    assert response.context["report"].errors == [
        (2, "user: There is no staff account with the username 'nobody'. Create the account first")
    ]
    assert not get_user_model().objects.filter(username="nobody").exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("directory.txt", b"record_type,slug,name\n", "The selected file must be a CSV"),
        ("directory.csv", b"", "The selected file is empty"),
        ("directory.csv", "record_type,slug,name\ntopic,a,Caf\u00e9\n".encode("cp1252"), "must be saved as UTF-8"),
        ("directory.csv", b"kind,slug\nx,y\n", "Missing: record_type, name"),
        ("directory.csv", b"record_type,slug,name\n", "no rows after the header"),
        ("directory.csv", b"record_type,slug,name\n" + b"x" * (2 * 1024 * 1024), "smaller than 2 MB"),
    ],
)
def test_upload_checks(client, small_directory, administrator, name, content, message):
    client.force_login(administrator)
    response = _upload(client, content, name=name)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_import_page_documents_the_format(client, administrator):
    client.force_login(administrator)
    page = client.get(reverse("directory:import")).content.decode()
    for column in csv_io.COLUMNS:
        assert f"<code>{column}</code>" in page


def test_managers_may_export_but_not_import(client, small_directory):
    client.force_login(user_make("Service manager"))
    assert client.get(reverse("directory:export")).status_code == 200
    assert client.get(reverse("directory:import")).status_code == 403


# --- The import's own rules, called as the import page calls it ----------------------------------


def _rows(*rows: dict) -> list[tuple[int, dict]]:
    """(line, row) pairs as ImportForm gives them: the header is line 1."""
    return [(line, {column: row.get(column, "") for column in csv_io.COLUMNS}) for line, row in enumerate(rows, 2)]


def _area(slug, name, **cells):
    return {"record_type": "service_area", "slug": slug, "name": name, "summary": f"{name}.", **cells}


def test_a_key_repeated_in_the_file_names_both_lines(small_directory):
    """Regression: the last of two rows with the same slug (or username) silently won."""
    result = services.directory_import(
        rows=_rows(
            _area("parks", "Parks"),
            {"record_type": "officer", "slug": "hugo", "team": "housing-options", "job_title": "Adviser"},
            _area("parks", "Parks and gardens"),
            {"record_type": "officer", "slug": "hugo", "team": "waste-collections", "job_title": "Driver"},
        ),
        by=None,
    )
    assert result.errors == [
        (4, "slug: line 2 has the slug 'parks' too. Each entry can be in the file only once"),
        (5, "slug: line 3 has the username 'hugo' too. Each entry can be in the file only once"),
    ]
    assert not ServiceArea.objects.filter(slug="parks").exists()
    assert Officer.objects.get(user__username="hugo").job_title == "Officer"


def test_names_stay_unique_across_the_file_and_the_directory(small_directory):
    result = services.directory_import(
        rows=_rows(
            _area("parks", "Parks"),
            _area("gardens", "Parks"),
            _area("homes", "Housing"),  # the name of the existing service area 'housing'
            {"record_type": "team", "slug": "crews", "name": "Waste collections", "service_area": "waste"},
            {"record_type": "team", "slug": "rangers", "name": "Rangers", "service_area": "parks"},
            {"record_type": "team", "slug": "wardens", "name": "Rangers", "service_area": "parks"},
        ),
        by=None,
    )
    assert result.errors == [
        (3, "name: Another service area is called 'Parks' (on line 2). Enter a different name"),
        (4, "name: Another service area is called 'Housing' (slug 'housing'). Enter a different name"),
        (5, "name: Another team in Waste and recycling is called 'Waste collections' (slug 'waste-collections'). "
            "Enter a different name"),
        (7, "name: Another team in Parks is called 'Rangers' (on line 6). Enter a different name"),
    ]  # fmt: skip


def test_renaming_two_entries_past_each_other_is_fine(small_directory):
    """Names are checked over the directory as the file leaves it, not as it was."""
    result = services.directory_import(
        rows=_rows(_area("housing", "Housing services"), _area("parks", "Housing")), by=None
    )
    assert result.ok, result.errors
    assert ServiceArea.objects.get(slug="parks").name == "Housing"
    # Two entries swapping names: one UPDATE of both would break the unique column half-way.
    result = services.directory_import(rows=_rows(_area("waste", "ICT"), _area("ict", "Waste and recycling")), by=None)
    assert result.summary == "2 updated", result.errors
    assert ServiceArea.objects.get(slug="ict").name == "Waste and recycling"


def test_missing_and_unknown_references_are_explained(small_directory):
    rows = _rows(
        {"record_type": "team", "slug": "crews", "name": "Crews"},
        {"record_type": "topic", "slug": "fly-tipping", "name": "Fly-tipping", "service_area": "waste",
         "partner": "nobody"},
    )  # fmt: skip
    result = services.directory_import(rows=rows, by=None)
    assert result.errors == [
        (2, "service_area: Enter the slug of the service area"),
        (3, "partner: There is no partner with the slug 'nobody'"),
    ]


def test_a_move_between_teams_of_the_same_name_is_a_change(small_directory):
    """Regression: relations were compared by name, so moving an officer to another area's team
    of the same name was "unchanged" and not saved."""
    other = services.entry_create(
        model=Team, by=None, fields={"service_area": small_directory["housing"], "name": "Waste collections",
                                     "slug": "housing-waste"},
    )  # fmt: skip
    result = services.directory_import(
        rows=_rows({"record_type": "officer", "slug": "hugo", "team": "housing-waste", "job_title": "Officer",
                    "phone": "01632 960202"}),
        by=None,
    )  # fmt: skip
    assert result.summary == "1 updated"
    hugo = Officer.objects.get(user__username="hugo")
    assert hugo.team == other
    change = DirectoryChange.objects.get(entry_type="officer", entry_id=hugo.pk, action="imported")
    assert change.changes == {"team": ["Waste collections", "Waste collections"]}


def test_cells_the_export_neutralised_are_restored(client, small_directory, administrator):
    """The export quotes cells a spreadsheet would run as formulas; importing the file undoes it."""
    services.entry_update(
        entry=small_directory["bulky"], by=None, fields={"name": "=Bulky waste", "adviser_script": "-- book online"}
    )
    client.force_login(administrator)
    exported = _export(client)
    bulky = next(row for row in exported if row["slug"] == "bulky-waste")
    assert (bulky["name"], bulky["adviser_script"]) == ("'=Bulky waste", "'-- book online")
    result = services.directory_import(rows=list(enumerate(exported, 2)), by=None)
    assert result.ok and result.counts["updated"] == 0, result.errors
    result = services.directory_import(rows=_rows({**bulky, "name": "'+Bulky"}), by=None)
    assert result.summary == "1 updated"
    assert Topic.objects.get(slug="bulky-waste").name == "+Bulky"


def test_an_unchanged_file_writes_nothing(client, small_directory, administrator, django_assert_max_num_queries):
    client.force_login(administrator)
    exported = _export(client)
    # The lock, then one query for each kind of entry and for the staff accounts.
    with django_assert_max_num_queries(10):
        result = services.directory_import(rows=list(enumerate(exported, 2)), by=administrator)
    assert result.summary == "18 unchanged"


@pytest.mark.parametrize("count", [150, 1500])
def test_the_import_is_set_based(small_directory, count, django_assert_max_num_queries):
    """Whatever the file's size, a bounded number of statements: its time is measured by
    bench/directory_import.py."""
    users = [user_make(None, username=f"import.{n}") for n in range(count // 15)]
    rows = import_rows(count, usernames=[user.username for user in users])
    # The lock, 6 loads, a few batches of inserts (areas, partners, teams, officers, topics and
    # their change records) and the search index rebuild.
    with django_assert_max_num_queries(40):
        result = services.directory_import(rows=rows, by=None)
    assert result.summary == f"{count} added"
    assert DirectoryChange.objects.filter(action="imported").count() == count
    assert SearchEntry.objects.filter(kind="topic", slug="topic-0").exists()
    for _, row in rows:
        row["adviser_script"] = "Changed." if row["record_type"] == "topic" else row.get("adviser_script", "")
    with django_assert_max_num_queries(40):
        result = services.directory_import(rows=rows, by=None)
    topics = sum(row["record_type"] == "topic" for _, row in rows)
    assert result.summary == f"{topics} updated, {count - topics} unchanged"
    assert Topic.objects.get(slug="topic-1").adviser_script == "Changed."
