"""Search: "who deals with X" over topics, services, teams, partners and officers."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from directory import selectors, services
from directory.models import Officer, SearchEntry, SearchWord, ServiceArea, Team, Topic
from tests.factories import user_make


def test_public_search_shows_only_public_entries(small_directory):
    assert selectors.directory_search(query="password reset", staff=True)[0].title == "Password reset for staff"
    assert selectors.directory_search(query="password reset", staff=False) == []
    assert selectors.directory_search(query="crew damage", staff=False) == []
    assert [r.kind for r in selectors.directory_search(query="Olive", staff=False)] == []
    staff = selectors.directory_search(query="Olive Shareable", staff=True)
    assert staff[0].kind == "officer"
    assert (
        staff[0].url
        == reverse("directory:phone-guide-area", args=["waste"]) + f"#officer-{small_directory['olive'].pk}"
    )


def test_result_links_and_phone_numbers(small_directory):
    (bulky, *_) = selectors.directory_search(query="bulky items", staff=False)
    assert bulky.url == "/services/waste/bulky-waste/"  # the topic's own page
    assert bulky.phone == "01632 960011"  # the team's public number
    assert bulky.reason == "Also called: bulky items"
    (pothole, *_) = selectors.directory_search(query="pothole", staff=False)
    assert pothole.summary == "Contact Wyeshire County Council"
    assert pothole.phone == "01632 960900"


def test_search_index_follows_every_change(small_directory):
    services.entry_update(entry=small_directory["bulky"], by=None, fields={"synonyms": ["junk collection"]})
    assert selectors.directory_search(query="junk", staff=False)[0].title == "Bulky waste collection"
    services.entry_update(entry=small_directory["bins"], by=None, fields={"name": "Refuse crews"})
    # The topic's entry names its team, so it follows the rename.
    assert "Refuse crews" in SearchEntry.objects.get(kind="topic", object_id=small_directory["bulky"].pk).summary
    services.entry_delete(entry=small_directory["private"], by=None)
    assert not SearchEntry.objects.filter(kind="topic", object_id=small_directory["private"].pk).exists()


def test_misspelt_words_are_corrected_against_the_directory_words(small_directory):
    (bulky, *_) = selectors.directory_search(query="bulkky itmes", staff=False)
    assert bulky.title == "Bulky waste collection"
    assert bulky.reason == "Similar spelling to 'bulky items'"
    # Words found only in entries the public cannot see are not offered to public searches.
    assert selectors.directory_search(query="crew damaeg", staff=False) == []
    assert selectors.directory_search(query="crew damaeg", staff=True)[0].title == "Crew damage claims"
    assert selectors.directory_search(query="Shareble", staff=True)[0].title == "Olive Shareable"


def test_word_list_follows_every_change(small_directory):
    def words() -> dict[str, bool]:
        return dict(SearchWord.objects.values_list("word", "is_public"))

    assert words()["bulky"] is True
    assert words()["crew"] is False  # only in a private topic
    assert words()["olive"] is False  # officers are staff-only
    services.entry_update(entry=small_directory["bulky"], by=None, fields={"synonyms": ["junk collection"]})
    assert words()["junk"] is True
    services.entry_update(entry=small_directory["private"], by=None, fields={"is_public": True})
    assert words()["crew"] is True
    services.entry_delete(entry=small_directory["private"], by=None)
    assert "crew" not in words()
    assert selectors.directory_search(query="junkk", staff=False)[0].title == "Bulky waste collection"


def test_officer_search_follows_a_renamed_account(small_directory, django_assert_num_queries):
    user = small_directory["olive"].user
    user.last_name = "Marriott"
    user.save()
    assert selectors.directory_search(query="Olive Marriott", staff=True)[0].title == "Olive Marriott"
    with django_assert_num_queries(1):  # signing in saves last_login only: no refresh
        user.save(update_fields=["last_login"])


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "x" * 10_000,
        "!!! ??? ... ---",
        "'; DROP TABLE directory_topic; --",
        '" OR 1=1 --',
        "bulky & | ! ( ) : *",
        "council tax \x00 bills",
        "Заява на вивіз сміття",
        "ضريبة المجلس",
        "垃圾收集",
        "🗑️ 🚮",
        "-bulky",
        '"bulky',
    ],
)
def test_awkward_queries_give_a_normal_page(client, small_directory, query):
    response = client.get(reverse("directory:service-search"), {"q": query})
    assert response.status_code == 200
    assert Topic.objects.filter(slug="bulky-waste").exists()  # nothing was dropped


def test_long_queries_are_shortened_with_a_message(client, small_directory):
    response = client.get(reverse("directory:service-search"), {"q": "bulky items " + "x" * 500})
    assert response.status_code == 200
    assert "we used only the first 200 characters" in response.content.decode()
    assert len(response.context["query"]) == selectors.QUERY_MAX_LENGTH


def test_public_search_page_runs_one_query(client, small_directory, django_assert_num_queries):
    # 1: the search itself (search entries joined with their service area). Anonymous: no session.
    with django_assert_num_queries(1):
        response = client.get(reverse("directory:service-search"), {"q": "bulky"})
    assert response.context["results"]


def test_staff_search_page_query_count_does_not_grow(client, small_directory, django_assert_num_queries):
    client.force_login(user_make("Adviser"))
    for query in ("bulky", "waste"):  # one result, then several (a team, topics and officers among them)
        # 1 session, 1 user, 2 permission look-ups (user and group permissions, then cached), 1 search,
        # 1 for the details of every team, topic, officer and partner found (their numbers, owners and
        # teams), and 1 for who is away today in those teams (see tests/directory/test_staff_search.py).
        with django_assert_num_queries(7):
            response = client.get(reverse("directory:phone-guide-search"), {"q": query})
        assert response.status_code == 200


def test_empty_search_runs_no_search_query(client, small_directory, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("directory:service-search"), {"q": "  "})
    assert response.context["results"] == []


def test_rebuild_returns_the_number_of_entries(small_directory):
    count = services.search_index_rebuild()
    assert count == SearchEntry.objects.count()
    expected = (
        ServiceArea.objects.count() + Team.objects.count() + Topic.objects.count() + Officer.objects.count() + 1
    )  # one partner
    assert count == expected


def test_rebuild_is_set_based(db, django_assert_max_num_queries):
    """5,000 topics and 2,000 officers rebuild in a handful of statements, whatever their number
    (its time is measured by `make bench`: bench/batch.py)."""
    area = ServiceArea.objects.create(name="Scale", slug="scale", summary="Scale test")
    teams = Team.objects.bulk_create([Team(service_area=area, name=f"Team {n}", slug=f"team-{n}") for n in range(50)])
    Topic.objects.bulk_create(
        [
            Topic(name=f"Topic {n}", slug=f"topic-{n}", service_area=area, team=teams[n % 50],
                  synonyms=[f"synonym {n}", "another name"], keywords=["keyword"], adviser_script="Say this. " * 20)
            for n in range(5000)
        ]
    )  # fmt: skip
    User = get_user_model()
    users = User.objects.bulk_create([User(username=f"scale-{n}", first_name="Scale", last_name=f"Officer {n}",
                                           password="!") for n in range(2000)])  # fmt: skip
    Officer.objects.bulk_create(
        [Officer(user=user, team=teams[n % 50], job_title="Officer") for n, user in enumerate(users)]
    )
    # Delete, one upsert per kind (5), the word list (lock, refresh), ANALYZE, and savepoints.
    with django_assert_max_num_queries(15):
        count = services.search_index_rebuild()
    assert count == 5000 + 2000 + 50 + 1
