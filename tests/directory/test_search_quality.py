"""Search quality and the demo data: real queries against the full demo directory."""

import io

import pytest
from django.contrib.auth import get_user_model

from directory import csv_io, selectors, services
from directory.demo import directory_seed
from directory.models import Absence, DirectoryChange, Officer, Partner, SearchEntry, ServiceArea, Team, Topic

# What residents and advisers actually type (misspelt, colloquial), and the topic that must come first.
QUALITY = [
    ("bullky waste", "bulky-waste-collection"),
    ("counsil tax", "council-tax-bills"),
    ("dog poo", "dog-fouling"),
    ("fly tipping", "fly-tipping"),
    ("pot hole", "roads-and-pavements"),
    ("housing benfit", "housing-benefit"),
    ("noisy neighbours", "noise-complaints"),
    ("rats", "rats-and-mice"),
    ("parking ticket", "parking-fines"),
    ("planning aplication", "planning-applications"),
    ("missed bin", "missed-bin-collection"),
    ("street light out", "street-lights"),
    ("register to vote", "register-to-vote"),
    ("homeless tonight", "homelessness"),
    ("food poisoning", "food-poisoning-complaints"),
    ("garden waste", "garden-waste-subscription"),
    ("council tax band", "council-tax-bands"),
    ("single person discount", "single-person-discount"),
    ("abandoned car", "abandoned-vehicles"),
    ("wasps nest", "wasps-nests"),
    ("stray dog", "stray-dogs"),
    ("bed bugs", "bedbugs"),
    ("blue badge", "blue-badges"),
    ("birth certificate", "births-marriages-and-civil-partnerships"),
    ("asb", "antisocial-behaviour"),
    ("bailiffs", "enforcement-agents"),
    ("tip opening times", "household-recycling-centres"),
    ("recyclng", "recycling-collections"),
    ("grafitti", "graffiti-removal"),
    ("mould in my flat", "damp-and-mould-in-rented-homes"),
    ("sofa collection", "bulky-waste-collection"),
    ("tpo", "tree-preservation-orders"),
    ("benifit overpayment", "benefit-overpayments"),
    ("parkng fine", "parking-fines"),
    ("planing permision", "planning-applications"),
    ("noisey neighbors", "noise-complaints"),
    ("libary", "libraries"),
]


@pytest.mark.parametrize(("query", "slug"), QUALITY)
def test_search_quality_on_demo_data(db, demo_directory, query, slug):
    results = selectors.directory_search(query=query, staff=False, limit=5)
    assert results, f"nothing found for {query!r}"
    assert results[0].kind == "topic"
    assert results[0].url.endswith(f"/{slug}/"), [(r.title, r.reason) for r in results]  # its own page


def test_each_result_says_why_it_matched(db, demo_directory):
    reasons = {query: selectors.directory_search(query=query, staff=True)[0].reason for query in
               ["fly tipping", "dog poo", "tip opening times", "bullky waste"]}  # fmt: skip
    assert reasons == {
        "fly tipping": "Name",
        "dog poo": "Also called: dog poo",
        "tip opening times": "Keyword: tip opening times",
        "bullky waste": "Similar spelling to 'bulky waste collection'",
    }


def test_staff_find_officers_by_name_and_job_title(db, demo_directory):
    officer = Officer.objects.select_related("user", "team__service_area").order_by("pk").first()
    results = selectors.directory_search(query=officer.user.get_full_name(), staff=True, limit=50)
    assert any(r.kind == "officer" and r.title == officer.user.get_full_name() for r in results)
    assert not any(r.kind == "officer" for r in selectors.directory_search(query=officer.user.last_name, staff=False))


def test_demo_data_has_the_promised_size(db, demo_directory):
    assert ServiceArea.objects.count() == 15
    assert Team.objects.count() == 40
    assert Officer.objects.count() == 150
    assert Partner.objects.count() == 10
    assert Topic.objects.count() >= 300
    assert Topic.objects.filter(partner__isnull=False).count() >= 30
    assert Topic.objects.exclude(online_url="").count() >= 50
    assert Absence.objects.exists()
    officers = get_user_model().objects.filter(officer__isnull=False)
    assert not any(user.has_usable_password() for user in officers)
    assert all(user.groups.filter(name="Officer").exists() for user in officers[:5])
    for slug in ("customer-contact-centre", "waste-collections", "ict-service-desk"):
        assert Team.objects.filter(slug=slug).exists()


def test_demo_seed_is_idempotent(db, demo_directory):
    models = (ServiceArea, Team, Officer, Partner, Topic, Absence, SearchEntry, DirectoryChange, get_user_model())
    before = {model: model.objects.count() for model in models}
    result = directory_seed()
    assert {model: model.objects.count() for model in models} == before
    assert (
        result.summary
        == f"{before[ServiceArea] + before[Team] + before[Officer] + before[Partner] + before[Topic]} unchanged"
    )


def test_demo_is_loaded_through_the_import(db, demo_directory):
    imported = DirectoryChange.objects.filter(action=DirectoryChange.Action.IMPORTED)
    assert imported.filter(entry_type="topic").count() == Topic.objects.count()
    assert imported.filter(entry_type="officer").count() == Officer.objects.count()


def test_the_demo_export_imports_again_unchanged(db, demo_directory):
    # Every demo phone number is one the import accepts (it refused 23 when the demo skipped validation).
    stream = io.StringIO()
    csv_io.directory_export(stream, officers=Officer.objects.all())
    result = services.directory_import(rows=csv_io.rows_parse(stream.getvalue().encode()), by=None)
    assert result.errors == []
    assert not result.counts["added"] and not result.counts["updated"]


def test_demo_absences_tell_callers_nothing_of_the_reason(db, demo_directory):
    absences = Absence.objects.all()
    assert absences.count() == 15
    assert all(absence.caller_note == "" for absence in absences)


# Public searches: a weak near miss is not offered as an answer. A spelling correction must be at
# least PUBLIC_SPELLING_SIMILARITY close to the word typed ("passport" is not "sport": 0.36), and
# entries matching only some of the words are shown only when none matches them all (then under
# "No results match all of ..."). Each row: query, slugs that must not be among the results.
NOT_ANSWERS = [
    ("passport", {"sports-pitch-bookings", "leisure-centres", "exercise-on-referral"}),
    ("driving licence", {"taxi-driver-licence", "premises-licences", "animal-licences"}),
    ("council tax", {"parking-fines"}),
]


def _slugs(results) -> set[str]:
    return {r.url.rstrip("/").rpartition("/")[2] for r in results if r.kind == "topic"}


@pytest.mark.parametrize(("query", "wrong"), NOT_ANSWERS)
def test_public_search_offers_no_near_misses(db, demo_directory, query, wrong):
    results = selectors.directory_search(query=query, staff=False, limit=60)
    assert not _slugs(results) & wrong, [(r.title, r.reason) for r in results]


def test_passport_finds_nothing_rather_than_sports(db, demo_directory):
    # The demo directory has no passport entry (HM Passport Office is not among its partners):
    # the resident gets the no-results page and the council's contact details.
    assert selectors.directory_search(query="passport", staff=False) == []


def test_every_word_answers_come_first_and_alone(db, demo_directory):
    results = selectors.directory_search(query="driving licence", staff=False, limit=60)
    assert results[0].url.endswith("/driving-licences/")
    assert all(r.every_word for r in results)


def test_some_words_results_only_when_nothing_matches_every_word(db, demo_directory):
    results = selectors.directory_search(query="mould in my flat", staff=False)
    assert results and not any(r.every_word for r in results)
    assert results[0].url.endswith("/damp-and-mould-in-rented-homes/")


def test_close_misspellings_still_corrected_for_the_public(db, demo_directory):
    for query, slug in (("noisey neighbors", "noise-complaints"), ("counsil tax", "council-tax-bills")):
        assert selectors.directory_search(query=query, staff=False)[0].url.endswith(f"/{slug}/")


def test_staff_searches_keep_every_correction_and_partial_match(db, demo_directory):
    # Staff know what they are looking for: the public rules above do not apply to them.
    assert selectors.directory_search(query="passport", staff=True)
    staff = selectors.directory_search(query="driving licence", staff=True, limit=20)
    assert any(not r.every_word for r in staff)


def test_partner_topics_come_back_worded_for_the_public(db, demo_directory):
    (first, *_) = selectors.directory_search(query="potholes", staff=False)
    assert first.partner_name == "Wyeshire County Council"
    assert first.phone


def test_public_search_pages_run_one_query_each(db, demo_directory, django_assert_num_queries):
    with django_assert_num_queries(1):
        page = selectors.directory_search_page(query="council tax", number=2)
    assert page.number == 2 and len(page.results) == 20 and page.found > 40
    assert page.pages == -(-min(page.found, selectors.SEARCH_RESULTS_MAX) // selectors.SEARCH_PAGE_SIZE)
