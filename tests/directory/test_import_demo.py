"""The full demo directory through the CSV: an administrator's unchanged export re-imports as no
changes, and the demo reads like a real council's directory (one number per body, proper job
titles, every public topic described). In its own module: the demo directory is seeded once a
module and stays for its tests."""

import csv
import io
from collections import Counter

from django.db.models import F
from django.urls import reverse

from directory import selectors, services
from directory.demo import DEMO_OFFICER_PREFIX, directory_seed
from directory.models import ContactDetails, DirectoryChange, Officer, Partner, ServiceArea, Team, Topic
from directory.vocabulary import CONTACT_DETAILS
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


def _numbers() -> list[tuple[str, str]]:
    """(number, whose) for every phone number column of the directory."""
    columns = [
        (ServiceArea, "public_phone", "slug"),
        (Team, "public_phone", "slug"),
        (Team, "internal_phone", "slug"),
        (Partner, "phone", "slug"),
        (Officer, "direct_line", "user__username"),
    ]
    return [
        (number, f"{model.__name__} {name}.{field}")
        for model, field, key in columns
        for number, name in model.objects.exclude(**{field: ""}).values_list(field, key)
    ]


def test_no_phone_number_is_used_by_two_entries(db, demo_directory):
    numbers = _numbers()
    shared = {number: [whose for n, whose in numbers if n == number] for number, count in
              Counter(number for number, _ in numbers).items() if count > 1}  # fmt: skip
    assert shared == {}
    # Ofcom's drama ranges only, but for the real 101 (police) and 111 (NHS).
    fictional = ("01632 960", "020 7946 0", "0306 999 0", "0808 157 0")
    assert [number for number, _ in numbers if not number.startswith(fictional) and number not in {"101", "111"}] == []
    # A team without a public line of its own shows its area's: blank, not a copy of it.
    assert not Team.objects.exclude(public_phone="").filter(public_phone=F("service_area__public_phone")).exists()
    demo_officers = Officer.objects.filter(user__username__startswith=DEMO_OFFICER_PREFIX)
    lines = list(demo_officers.values_list("direct_line", flat=True))
    assert len(lines) == 150 and all(lines) and len(set(lines)) == len(lines)


def test_demo_officers_have_proper_job_titles(db, demo_directory):
    officers = list(Officer.objects.filter(user__username__startswith=DEMO_OFFICER_PREFIX).select_related("team"))
    titles = [officer.job_title for officer in officers]
    assert all(title[0].isupper() for title in titles)
    # Team names as written, never lower-cased into "Senior officer, waste collections".
    assert not any(f", {officer.team.name.lower()}" in officer.job_title for officer in officers)
    leaders = {officer.team.name for officer in officers if officer.job_title == f"{officer.team.name} team leader"}
    assert leaders == set(Team.objects.values_list("name", flat=True))
    assert len(set(titles)) > 100


def test_every_public_topic_says_what_it_is_and_partner_topics_how_to_contact_them(db, demo_directory):
    public = Topic.objects.filter(is_public=True)
    assert public.count() >= 300
    assert not public.filter(description="").exists()
    partner_topics = Topic.objects.filter(partner__isnull=False)
    assert partner_topics.count() >= 30 and not partner_topics.filter(referral="").exists()
    # Written per topic, not one paragraph per partner.
    assert partner_topics.values("adviser_script").distinct().count() == partner_topics.count()
    assert partner_topics.values("referral").distinct().count() == partner_topics.count()
    assert not Topic.objects.filter(partner__isnull=True).exclude(referral="").exists()
    bulky = Topic.objects.get(slug="bulky-waste-collection")
    assert bulky.name == "Book a bulky waste collection"
    assert bulky.cost == "£35 for up to 3 items, £10 for each extra item"
    # Renamed as a task, found by its old name.
    assert "bulky waste collection" in bulky.synonyms
    assert Topic.objects.exclude(cost="").count() >= 80


def test_the_demo_sets_the_councils_contact_details_once(db, demo_directory, django_capture_on_commit_callbacks):
    assert ContactDetails.objects.filter(pk=1, **CONTACT_DETAILS).exists()
    before = DirectoryChange.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        directory_seed()
    assert DirectoryChange.objects.count() == before
    details = selectors.contact_details()
    assert (details.phone, details.hours_lines) == (
        "01632 960000",
        ["Monday to Thursday, 8:30am to 5pm", "Friday, 8:30am to 4:30pm"],
    )
    assert details.address_lines[0] == "Wyebridge District Council"
