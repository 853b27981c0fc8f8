"""The directory as residents use it: a page per task, search results worded for the public,
paging, phone numbers as links, and the council's contact details where a search finds nothing."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from directory import selectors, services
from directory.models import ServiceArea, Team, Topic

COUNCIL = "Wyebridge District Council"


def _text(response) -> str:
    return response.content.decode()


def _topic_url(area: str, slug: str) -> str:
    return reverse("directory:topic-detail", args=[area, slug])


def _contact_set(django_capture_on_commit_callbacks, **fields):
    with django_capture_on_commit_callbacks(execute=True):
        services.contact_details_update(by=None, fields=fields)


CONTACT = {
    "name": "Customer services",
    "phone": "01632 960000",
    "email": "customer.services@example.gov.uk",
    "address": "Council Offices\nHigh Street\nWyebridge WB1 1AA",
    "opening_hours": "Monday to Friday, 8:30am to 5pm\nSaturday, 9am to midday",
}


# --- tel: links ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "href"),
    [
        ("01632 960001", "tel:+441632960001"),
        ("020 7946 0000", "tel:+442079460000"),
        ("07700 900123", "tel:+447700900123"),
        ("0300 123 4567", "tel:+443001234567"),
        ("101", "tel:101"),
        ("111", "tel:111"),
        ("+44 1632 960001", "tel:+441632960001"),
        ("", ""),
        (None, ""),
        ("ask at reception", ""),
    ],
)
def test_tel_href(number, href):
    assert Template("{% load govuk_phones %}{{ n|tel_href }}").render(Context({"n": number})) == href


def test_phone_link_escapes_what_it_is_given():
    html = Template("{% load govuk_phones %}{{ n|phone_link }}").render(Context({"n": '101 <script>"'}))
    assert "<script>" not in html and "&lt;script&gt;" in html and 'href="tel:101"' in html


# --- A page per task -----------------------------------------------------------------------------


def test_team_topic_page(client, small_directory, django_assert_num_queries):
    # 1 the topic with its service area, team and partner; 1 a few related topics of its area.
    # Anonymous: no session; the footer's contact details come from the cache.
    with django_assert_num_queries(2):
        response = client.get(_topic_url("waste", "bulky-waste"))
    assert response.status_code == 200
    page = _text(response)
    assert "<h1" in page and "Bulky waste collection</h1>" in page
    assert "We collect large household items such as sofas and fridges." in page
    assert "What it costs" in page and "£35 for up to 3 items" in page
    assert "Waste collections" in page
    assert 'href="tel:+441632960011"' in page  # the team's public number, dialable
    assert "Monday to Friday, 8am to 5pm" in page  # the area's opening hours
    assert 'class="govuk-button govuk-button--start"' in page and 'href="https://www.example.gov.uk/bulky"' in page
    assert "Do it online" in page
    assert "Also called" in page and "bulky items, large items" in page
    # Breadcrumbs: Home > Find a service > the area.
    assert 'href="/services/waste/">Waste and recycling</a>' in page
    # Related topics of the same area: public ones only.
    assert f'href="{_topic_url("waste", "potholes")}"' in page
    assert "Crew damage claims" not in page
    for private in ("Book online; £35.", "01632 960200", "Olive", "Hugo"):
        assert private not in page


def test_partner_topic_page_says_who_deals_with_it(client, small_directory):
    services.entry_update(entry=small_directory["county"], by=None, fields={
        "opening_hours": "Monday to Friday, 9am to 5pm", "web_url": "https://www.wyeshire.example.gov.uk/",
    })  # fmt: skip
    page = _text(client.get(_topic_url("waste", "potholes")))
    assert f"Wyeshire County Council deals with this, not {COUNCIL}." in page
    assert "Report potholes to the County Council online or by phone." in page
    assert 'href="tel:+441632960900"' in page
    assert "Monday to Friday, 9am to 5pm" in page
    assert 'href="https://www.wyeshire.example.gov.uk/"' in page
    assert "01632 960011" not in page and "What it costs" not in page
    assert "not the council" not in page


def test_topic_falls_back_to_the_area_phone(client, small_directory):
    services.entry_update(entry=small_directory["bins"], by=None, fields={"public_phone": ""})
    assert 'href="tel:+441632960010"' in _text(client.get(_topic_url("waste", "bulky-waste")))


@pytest.mark.parametrize(
    ("area", "slug"),
    [
        ("ict", "password-reset"),  # a public topic in a staff-only area
        ("waste", "crew-damage"),  # not public
        ("housing", "bulky-waste"),  # public, but not in that area
        ("waste", "no-such-topic"),
        ("no-such-area", "bulky-waste"),
    ],
)
def test_topic_page_not_found(client, small_directory, area, slug):
    assert client.get(_topic_url(area, slug)).status_code == 404


def test_topic_page_query_count_does_not_grow_with_related_topics(client, small_directory, django_assert_num_queries):
    waste, bins = small_directory["waste"], small_directory["bins"]
    for n in range(12):
        services.entry_create(model=Topic, by=None, fields={
            "name": f"Extra topic {n}", "slug": f"extra-{n}", "service_area": waste, "team": bins, "is_public": True,
        })  # fmt: skip
    with django_assert_num_queries(2):
        page = _text(client.get(_topic_url("waste", "bulky-waste")))
    assert page.count('href="/services/waste/extra-') == selectors.RELATED_TOPICS


def test_service_page_links_each_topic_to_its_page(client, small_directory):
    page = _text(client.get(reverse("directory:service-detail", args=["waste"])))
    assert f'href="{_topic_url("waste", "bulky-waste")}"' in page
    assert f'href="{_topic_url("waste", "potholes")}"' in page
    assert f"Wyeshire County Council deals with this, not {COUNCIL}." in page
    assert 'href="tel:+441632960010"' in page and 'href="tel:+441632960011"' in page
    assert "not the council" not in page


def test_a_to_z_lists_topics_with_links(client, small_directory, django_assert_num_queries):
    # 1 public service areas, 1 the topics' first letters, 1 the topics of the first letter (with
    # their area's slug), 1 partners.
    with django_assert_num_queries(4):
        page = _text(client.get(reverse("directory:service-list")))
    assert f'href="{_topic_url("waste", "bulky-waste")}"' in page
    assert 'id="topic-letter-B"' in page and 'href="?letter=B#things-we-help-with" aria-current="true"' in page
    assert 'href="?letter=H#things-we-help-with"' in page and "Homelessness" not in page  # one letter at a time
    page = _text(client.get(reverse("directory:service-list"), {"letter": "h"}))
    assert f'href="{_topic_url("housing", "homelessness")}"' in page and "Bulky waste collection" not in page
    for odd in ("", "ZZ", "\x00", "%", "é" * 5000):  # any other letter: the first one
        assert "Bulky waste collection" in _text(client.get(reverse("directory:service-list"), {"letter": odd}))
    assert "Password reset for staff" not in page and "Crew damage claims" not in page
    assert 'href="tel:+441632960900"' in page  # the partner's number
    assert f"other organisations, not {COUNCIL}" in page


# --- Public search results -----------------------------------------------------------------------


def test_public_results_link_to_topic_pages_and_hide_internal_labels(client, small_directory):
    page = _text(client.get(reverse("directory:service-search"), {"q": "bulky items"}))
    assert f'href="{_topic_url("waste", "bulky-waste")}"' in page
    assert "Matched:" not in page and "Also called: bulky items" not in page
    assert '<span class="govuk-caption-m">Topic</span>' not in page
    assert 'href="tel:+441632960011"' in page


def test_staff_result_links_are_unchanged(small_directory):
    (bulky, *_) = selectors.directory_search(query="bulky items", staff=True)
    assert bulky.url == "/staff/phone-guide/waste/#topic-bulky-waste"


def test_partner_topic_result_names_the_body_and_its_number(client, small_directory):
    (pothole, *_) = selectors.directory_search(query="pothole", staff=False)
    assert pothole.partner_name == "Wyeshire County Council"
    assert pothole.url == _topic_url("waste", "potholes")
    page = _text(client.get(reverse("directory:service-search"), {"q": "pothole"}))
    assert f"Wyeshire County Council deals with this, not {COUNCIL}." in page
    assert 'href="tel:+441632960900"' in page
    assert "Another organisation" in page


def test_no_results_page_gives_the_council_contact_details(client, small_directory, django_capture_on_commit_callbacks):
    page = _text(client.get(reverse("directory:service-search"), {"q": "zzzzqqq"}))
    assert "There are no matching results" in page
    assert 'href="/services/#other-organisations"' in page
    _contact_set(django_capture_on_commit_callbacks, **CONTACT)
    page = _text(client.get(reverse("directory:service-search"), {"q": "zzzzqqq"}))
    main = page.split('id="main-content"', 1)[1].split("</main>", 1)[0]
    assert 'href="tel:+441632960000"' in main and 'href="mailto:customer.services@example.gov.uk"' in main
    assert "Wyebridge WB1 1AA" in main and "Saturday, 9am to midday" in main


def _many_topics(small_directory, count: int) -> None:
    waste, bins = small_directory["waste"], small_directory["bins"]
    Topic.objects.bulk_create(
        Topic(name=f"Zebra crossing {n:02d}", slug=f"zebra-{n:02d}", service_area=waste, team=bins, is_public=True)
        for n in range(count)
    )
    services.search_index_rebuild()


def test_more_than_20_results_are_paged(client, small_directory, django_assert_num_queries):
    _many_topics(small_directory, 45)
    url = reverse("directory:service-search")
    # 1: the search itself, page and total together.
    with django_assert_num_queries(1):
        first = client.get(url, {"q": "zebra crossing"})
    page = _text(first)
    assert first.context["search_page"].found == 45 and first.context["search_page"].pages == 3
    assert len(first.context["results"]) == 20
    assert "45 results for" in page
    assert 'class="govuk-pagination"' in page and 'href="/services/search/?q=zebra+crossing&amp;page=2"' in page
    assert 'rel="prev"' not in page
    second = client.get(url, {"q": "zebra crossing", "page": "2"})
    assert 'aria-current="page">2</a>' in _text(second) and 'rel="prev"' in _text(second)
    last = client.get(url, {"q": "zebra crossing", "page": "3"})
    assert len(last.context["results"]) == 5 and 'rel="next"' not in _text(last)
    titles = [
        r.title for n in (1, 2, 3) for r in client.get(url, {"q": "zebra crossing", "page": n}).context["results"]
    ]
    assert len(titles) == len(set(titles)) == 45  # every result once, none skipped


@pytest.mark.parametrize("junk", ["abc", "", "-1", "0", "1.5", "٣", "9" * 30, "2 OR 1=1", "\x00"])
def test_junk_page_numbers_are_page_one_or_not_found(client, small_directory, junk):
    response = client.get(reverse("directory:service-search"), {"q": "bulky", "page": junk})
    assert response.status_code in (200, 404)
    if response.status_code == 200:
        assert response.context["search_page"].number == 1


def test_a_page_past_the_last_is_not_found(client, small_directory):
    url = reverse("directory:service-search")
    assert client.get(url, {"q": "bulky", "page": "2"}).status_code == 404
    assert client.get(url, {"q": "bulky", "page": "99999"}).status_code == 404


@pytest.mark.parametrize("query", ["bulky\x00items", "\x00", "a" * 5000, "%", "' OR 1=1 --", "<script>", "🙂"])
def test_hostile_queries_never_fail(client, small_directory, query):
    response = client.get(reverse("directory:service-search"), {"q": query, "page": "1"})
    assert response.status_code == 200
    assert "<script>" not in _text(response).split('id="main-content"', 1)[1]


# --- The home page and footer --------------------------------------------------------------------


def test_home_page_search_box_and_contact_details(client, small_directory, django_capture_on_commit_callbacks):
    page = _text(client.get("/"))
    assert 'action="/services/search/"' in page and 'name="q"' in page
    assert "You can phone us, write to us or visit" not in page
    _contact_set(django_capture_on_commit_callbacks, **CONTACT)
    page = _text(client.get("/"))
    main, footer = page.split("</main>", 1)
    assert 'href="tel:+441632960000"' in main and 'href="mailto:customer.services@example.gov.uk"' in main
    assert "High Street" in main and "Monday to Friday, 8:30am to 5pm" in main
    assert 'href="tel:+441632960000"' in footer  # the footer's compact version
    assert "High Street" not in footer


def test_blank_contact_details_are_hidden(client, small_directory, django_capture_on_commit_callbacks):
    _contact_set(
        django_capture_on_commit_callbacks, phone="", email="help@example.gov.uk", address="", opening_hours=""
    )
    page = _text(client.get("/"))
    assert "tel:" not in page.split("</main>", 1)[0].split('id="main-content"', 1)[1]
    assert "Opening hours" not in page and "Write to us" not in page
    assert 'href="mailto:help@example.gov.uk"' in page


def test_public_pages_never_say_not_the_council(client, small_directory):
    for url in ("/", "/services/", "/services/waste/", _topic_url("waste", "potholes"), "/services/search/?q=pothole"):
        assert "not the council" not in _text(client.get(url)).lower(), url


def test_a_new_area_and_team_show_on_the_topic_page(client, db):
    area = services.entry_create(model=ServiceArea, by=None, fields={
        "name": "Parks", "slug": "parks", "summary": "Parks.", "public_phone": "01632 960300"})  # fmt: skip
    team = services.entry_create(
        model=Team, by=None, fields={"service_area": area, "name": "Rangers", "slug": "rangers"}
    )
    services.entry_create(model=Topic, by=None, fields={
        "name": "Park benches", "slug": "benches", "service_area": area, "team": team, "is_public": True})  # fmt: skip
    page = _text(client.get(_topic_url("parks", "benches")))
    assert "Rangers" in page and 'href="tel:+441632960300"' in page  # no team number: the area's


def test_contact_details_with_redis_down(client, small_directory, settings, django_capture_on_commit_callbacks):
    # Nothing listens on port 1: every cache call fails, as with Redis stopped. Saving still
    # commits (the cache is not cleared, and pages no longer read it), and pages read the row
    # from the database instead of failing.
    settings.CACHES = {
        **settings.CACHES,
        "default": {**settings.CACHES["default"], "LOCATION": "redis://127.0.0.1:1/0"},
    }
    _contact_set(django_capture_on_commit_callbacks, **CONTACT)
    assert selectors.contact_details_stored().phone == "01632 960000"
    response = client.get("/")
    assert response.status_code == 200
    assert 'href="tel:+441632960000"' in _text(response)
