"""The directory's editing pages as managers use them: the change history in words, the GOV.UK
date input for absences, a topic's one choice of who deals with it, numbers used twice, reviewing
from the entry, the council's contact details, and valid HTML (no form inside a form)."""

import datetime as dt
import re
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from core.changes import change_lines
from core.forms import time_parse, with_article
from directory import selectors, services
from directory.models import Absence, ContactDetails, DirectoryChange, Officer, Team, Topic
from tests.factories import user_make

LONDON = ZoneInfo("Europe/London")
STAFF_OVERHEAD = 4  # session, user, the user's and groups' permissions (tests/directory/test_views.py)


def _text(response) -> str:
    return response.content.decode()


def _url(name, kind, pk=None):
    return reverse(f"directory:{name}", args=[kind] if pk is None else [kind, pk])


@pytest.fixture
def waste_manager(small_directory):
    """A team manager whose own team is in the waste service area."""
    return user_make("Team manager", team=small_directory["bins"], username="wendy")


def _history(client, kind, entry) -> str:
    response = client.get(_url("entry-history", kind, entry.pk))
    assert response.status_code == 200
    return " ".join(re.sub(r"<[^>]+>", " ", _text(response)).split())


# --- The change history in words ------------------------------------------------------------------


def test_list_changes_read_as_added_and_removed(client, small_directory, waste_manager):
    topic = small_directory["bulky"]  # keywords sofa, fridge
    services.entry_update(entry=topic, by=waste_manager, fields={"keywords": ["fridge", "settee"]})
    client.force_login(waste_manager)
    page = _history(client, "topic", topic)
    assert "Keywords: added settee" in page
    assert "Keywords: removed sofa" in page


def test_booleans_read_yes_and_no_with_a_short_label(client, small_directory, waste_manager):
    hugo = small_directory["hugo"]
    services.entry_update(entry=hugo, by=waste_manager, fields={"number_shareable": True})
    client.force_login(waste_manager)
    assert "Number can be given to callers: no to yes" in _history(client, "officer", hugo)


def test_relations_read_by_name_with_the_forms_label(client, small_directory, waste_manager):
    street = services.entry_create(
        model=Team,
        by=None,
        fields={"service_area": small_directory["waste"], "name": "Street cleansing", "slug": "street"},
    )
    topic = small_directory["bulky"]
    services.entry_update(entry=topic, by=waste_manager, fields={"team": street, "slug": "bulky-items"})
    client.force_login(waste_manager)
    page = _history(client, "topic", topic)
    assert "Team that deals with it: Waste collections to Street cleansing" in page
    assert "Page address: bulky-waste to bulky-items" in page
    assert "team:" not in page and "slug" not in page  # no raw field names


def test_blank_values_and_a_switch_to_a_partner(client, small_directory, waste_manager):
    topic = small_directory["bulky"]
    services.entry_update(entry=topic, by=waste_manager, fields={"team": None, "partner": small_directory["county"]})
    area = small_directory["waste"]
    services.entry_update(entry=area, by=waste_manager, fields={"web_url": "https://www.example.gov.uk/waste"})
    client.force_login(waste_manager)
    page = _history(client, "topic", topic)
    assert "Team that deals with it: Waste collections to none" in page
    assert "Organisation that deals with it: none to Wyeshire County Council" in page
    assert "Web page: (blank) to https://www.example.gov.uk/waste" in _history(client, "service-area", area)


def test_long_text_is_changed_with_before_and_after_in_details(client, small_directory, waste_manager):
    topic = small_directory["bulky"]
    services.entry_update(entry=topic, by=waste_manager, fields={"adviser_script": "Book online or by phone; £40."})
    client.force_login(waste_manager)
    html = _text(client.get(_url("entry-history", "topic", topic.pk)))
    assert "What advisers say: changed" in " ".join(re.sub(r"<[^>]+>", " ", html).split())
    details = html[html.index('<details class="govuk-details') :]
    details = details[: details.index("</details>")]
    assert "Book online; £35." in details and "Book online or by phone; £40." in details


def test_created_entries_list_the_fields_they_were_given(client, small_directory, waste_manager):
    client.force_login(waste_manager)
    page = _history(client, "topic", small_directory["bulky"])
    assert "Created" in page
    assert "Name: Bulky waste collection" in page
    assert "Also called: bulky items, large items" in page
    assert "Shown to the public: yes" in page
    assert "Cost" not in page or "What it costs (optional): £35 for up to 3 items" in page


def test_absence_times_read_govuk_style_with_the_year(client, small_directory, waste_manager):
    start = dt.datetime(2026, 12, 7, 9, tzinfo=LONDON)
    absence = services.entry_create(
        model=Absence,
        by=None,
        fields={
            "officer": small_directory["olive"],
            "starts_at": start,
            "ends_at": start + dt.timedelta(days=2),
            "reason": "leave",
        },
    )
    services.entry_update(
        entry=absence,
        by=waste_manager,
        fields={"starts_at": start + dt.timedelta(hours=4, minutes=30), "reason": "training"},
    )
    client.force_login(waste_manager)
    page = _history(client, "absence", absence)
    assert "Away from: 9am on Monday 7 December 2026 to 1:30pm on Monday 7 December 2026" in page
    assert "Reason: Annual leave to Training" in page


def test_review_dates_read_govuk_style(client, small_directory, waste_manager):
    topic = small_directory["bulky"]
    Topic.objects.filter(pk=topic.pk).update(last_reviewed=dt.date(2026, 6, 3))
    topic.refresh_from_db()
    services.entry_mark_reviewed(entry=topic, by=waste_manager)
    client.force_login(waste_manager)
    today = timezone.localdate()
    assert f"Last reviewed: 3 June 2026 to {today.day} {today:%B} {today.year}" in _history(client, "topic", topic)


def test_change_lines_for_a_deleted_entry_and_odd_values():
    lines = change_lines(
        {
            "name": ["Potholes", None],
            "synonyms": [["pot hole"], None],
            "is_public": [True, None],
            "slug": ["", None],
            "unknown_field": ["x", None],
        },
        model=Topic,
        labels={"name": "Name"},
        action="deleted",
    )
    assert [(line.label, line.summary) for line in lines] == [
        ("Name", "Potholes"),
        ("Synonyms", "pot hole"),
        ("Is public", "yes"),
        ("Unknown field", "x"),
    ]
    # A value that is not what the field stores now (an old record) is shown as stored, not a 500.
    assert change_lines({"starts_at": ["yesterday", "2026-13-45T99:00"]}, model=Absence)[0].summary == (
        "yesterday to 2026-13-45T99:00"
    )
    assert change_lines({"keywords": [["a", "b"], ["b", "a"]]}, model=Topic)[0].summary == "reordered"
    # An import that added the entry reads as created; nothing to nothing is no line.
    imported = change_lines({"name": [None, "Potholes"], "cost": [None, ""]}, model=Topic, action="imported")
    assert [(line.label, line.summary) for line in imported] == [("Name", "Potholes")]
    assert change_lines({"cost": [None, ""], "name": ["A", "B"]}, model=Topic)[0].summary == "A to B"
    assert len(change_lines({"cost": [None, ""], "name": ["A", "B"]}, model=Topic)) == 1


def test_history_page_queries(client, small_directory, waste_manager, django_assert_num_queries):
    topic = small_directory["bulky"]
    services.entry_update(entry=topic, by=waste_manager, fields={"name": "Bulky items collection"})
    client.force_login(waste_manager)
    # 1 the manager's profile, 1 the topic (scope-checked), 1 its changes (with who made them).
    with django_assert_num_queries(STAFF_OVERHEAD + 3):
        client.get(_url("entry-history", "topic", topic.pk))


# --- Absences: the GOV.UK date input and a time box ----------------------------------------------


def _date_time(name, day=None, month=None, year=None, time=None) -> dict:
    return {f"{name}_0": day or "", f"{name}_1": month or "", f"{name}_2": year or "", f"{name}_3": time or ""}


def _absence(officer, start=("3", "3", "2030", "9am"), end=("5", "3", "2030", "9am"), **extra) -> dict:
    return {
        "officer": officer.pk,
        **_date_time("starts_at", *start),
        **_date_time("ends_at", *end),
        "reason": "leave",
        "caller_note": "",
        **extra,
    }


def test_absence_form_shows_the_govuk_date_input(client, small_directory, waste_manager):
    client.force_login(waste_manager)
    page = _text(client.get(_url("entry-create", "absence")))
    assert 'type="datetime-local"' not in page
    assert page.count('class="govuk-date-input"') == 2
    assert "<legend" in page and "Away from" in page and "Back at" in page
    assert "For example, 27 3 2027" in page and "For example, 9:00am or 14:30" in page
    for name in ("starts_at", "ends_at"):
        for part, label in enumerate(("Day", "Month", "Year", "Time")):
            classes = "govuk-label govuk-date-input__label" if part < 3 else "govuk-label"
            assert f'<label class="{classes}" for="id_{name}_{part}">{label}</label>' in page


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("9am", (9, 0)),
        ("9:30am", (9, 30)),
        ("9.30am", (9, 30)),
        ("14:30", (14, 30)),
        ("2pm", (14, 0)),
        ("noon", (12, 0)),
        ("midday", (12, 0)),
        ("12am", (0, 0)),
        ("12:15pm", (12, 15)),
        (" 2 PM ", (14, 0)),
    ],
)
def test_times_are_read_as_people_write_them(typed, expected):
    assert time_parse(typed) == dt.time(*expected)


@pytest.mark.parametrize("typed", ["9", "25:00", "13pm", "9:75", "half nine", "", "9" * 100, "0am"])
def test_times_that_are_not_times(typed):
    assert time_parse(typed) is None


def test_an_absence_is_saved_in_uk_local_time(client, small_directory, waste_manager):
    client.force_login(waste_manager)
    # July: British Summer Time, an hour ahead of UTC.
    response = client.post(
        _url("entry-create", "absence"),
        _absence(small_directory["olive"], ("6", "7", "2030", "9:30am"), ("8", "7", "2030", "2pm")),
    )
    assert response.status_code == 302
    absence = Absence.objects.get(officer=small_directory["olive"])
    assert absence.starts_at == dt.datetime(2030, 7, 6, 8, 30, tzinfo=dt.UTC)
    assert absence.ends_at == dt.datetime(2030, 7, 8, 13, tzinfo=dt.UTC)
    # The edit page shows it back as typed.
    page = _text(client.get(_url("entry-update", "absence", absence.pk)))
    for name, value in (
        ("starts_at_0", "6"),
        ("starts_at_1", "7"),
        ("starts_at_2", "2030"),
        ("starts_at_3", "9:30am"),
        ("ends_at_3", "2:00pm"),
    ):
        assert re.search(rf'name="{name}" value="{re.escape(value)}"', page), name


def _error_classes(page: str) -> dict[str, bool]:
    """Each date and time box's id -> whether it is marked in error."""
    found = {}
    for tag in re.findall(r"<input[^>]+>", page):
        match = re.search(r'id="(id_(?:starts|ends)_at_\d)"', tag)
        if match:
            found[match[1]] = "govuk-input--error" in tag
    return found


@pytest.mark.parametrize(
    ("start", "message", "link", "marked"),
    [
        (("3", "", "2030", "9am"), "Date the absence starts must include a month", "id_starts_at_1", {1}),
        (("", "", "2030", "9am"), "Date the absence starts must include a day and month", "id_starts_at_0", {0, 1}),
        (("31", "2", "2030", "9am"), "Date the absence starts must be a real date", "id_starts_at_0", {0, 1, 2}),
        (("3", "x", "2030", "9am"), "Date the absence starts must be a real date", "id_starts_at_1", {1}),
        (("3", "3", "30", "9am"), "Year must include 4 numbers", "id_starts_at_2", {2}),
        (
            ("3", "3", "1999", "9am"),
            "Date the absence starts must be in a year from 2000 to 2099",
            "id_starts_at_2",
            {2},
        ),
        (("3", "3", "2030", ""), "Enter the time the absence starts", "id_starts_at_3", {3}),
        (
            ("3", "3", "2030", "25:00"),
            "Enter the time the absence starts as a time, like 9am or 14:30",
            "id_starts_at_3",
            {3},
        ),
        (("", "", "", ""), "Enter the date the absence starts", "id_starts_at_0", {0, 1, 2, 3}),
    ],
)
def test_start_errors_are_the_starts_own(client, small_directory, waste_manager, start, message, link, marked):
    client.force_login(waste_manager)
    response = client.post(_url("entry-create", "absence"), _absence(small_directory["olive"], start))
    assert response.status_code == 200
    assert response.context["form"].errors == {"starts_at": [message]}
    page = _text(response)
    assert f'<li><a href="#{link}">{message}</a></li>' in page
    classes = _error_classes(page)
    assert {i for i in range(4) if classes[f"id_starts_at_{i}"]} == marked
    assert not any(classes[f"id_ends_at_{i}"] for i in range(4))  # the end is not marked


def test_the_end_before_the_start_is_the_ends_error(client, small_directory, waste_manager):
    client.force_login(waste_manager)
    response = client.post(
        _url("entry-create", "absence"), _absence(small_directory["olive"], end=("2", "3", "2030", "9am"))
    )
    assert response.context["form"].errors == {"ends_at": ["The end of the absence must be after the start"]}
    page = _text(response)
    assert '<li><a href="#id_ends_at_0">The end of the absence must be after the start</a></li>' in page
    classes = _error_classes(page)
    assert not any(classes[f"id_starts_at_{i}"] for i in range(4))
    assert all(classes[f"id_ends_at_{i}"] for i in range(4))


def test_both_dates_wrong_each_keep_their_own_message(client, small_directory, waste_manager):
    client.force_login(waste_manager)
    response = client.post(
        _url("entry-create", "absence"),
        _absence(small_directory["olive"], ("3", "", "2030", "9am"), ("5", "3", "", "9am")),
    )
    assert response.context["form"].errors == {
        "starts_at": ["Date the absence starts must include a month"],
        "ends_at": ["Date the officer is back must include a year"],
    }
    classes = _error_classes(_text(response))
    assert [k for k, v in classes.items() if v] == ["id_starts_at_1", "id_ends_at_2"]


@pytest.mark.parametrize("junk", ["9" * 5000, "\x00", "-1", "1e5", "٣", "<script>"])
def test_hostile_date_parts_are_form_errors(client, small_directory, waste_manager, junk):
    client.force_login(waste_manager)
    for start in (
        (junk, "3", "2030", "9am"),
        ("3", junk, "2030", "9am"),
        ("3", "3", junk, "9am"),
        ("3", "3", "2030", junk),
    ):
        response = client.post(_url("entry-create", "absence"), _absence(small_directory["olive"], start))
        assert response.status_code == 200, start
        assert "starts_at" in response.context["form"].errors
        assert "<script>" not in _text(response).split("<main", 1)[1]


# --- Topics: handled by a team, or signposted to another organisation ----------------------------


def _topic(small_directory, **extra) -> dict:
    return {
        "name": "Clinical waste",
        "slug": "clinical-waste",
        "service_area": small_directory["waste"].pk,
        "description": "",
        "cost": "",
        "referral": "",
        "synonyms": "",
        "keywords": "",
        "adviser_script": "",
        "online_url": "",
        **extra,
    }


def test_topic_form_asks_who_deals_with_it(client, small_directory, waste_manager):
    client.force_login(waste_manager)
    page = _text(client.get(_url("entry-create", "topic")))
    assert "Who deals with this?" in page
    # The reveal is CSS (app-radios-reveal), not govuk-frontend's radios module: no aria-expanded.
    assert '<div class="govuk-radios app-radios-reveal">' in page and 'data-module="govuk-radios"' not in page
    assert 'id="id_owner_1"' in page and 'id="conditional-owner-team"' in page
    assert 'id="id_owner_2"' in page and 'id="conditional-owner-partner"' in page
    assert ">A council team<" in page and ">Another organisation<" in page
    team_reveal = page[page.index('id="conditional-owner-team"') : page.index('id="id_owner_2"')]
    assert 'name="team"' in team_reveal and 'name="partner"' not in team_reveal
    partner_reveal = page[page.index('id="conditional-owner-partner"') :]
    assert 'name="partner"' in partner_reveal and 'name="referral"' in partner_reveal
    # A sensible order: name, page address, area, who deals with it, then what the public reads.
    order = [
        "Name",
        "Page address",
        "Service area",
        "Who deals with this?",
        "What it is",
        "What it costs (optional)",
        "Also called",
        "Keywords",
        "What advisers say",
        "Show this topic to the public",
    ]
    positions = [page.index(label) for label in order]
    assert positions == sorted(positions)
    assert "Residents will not see this topic until you tick this" in page
    assert not re.search(r'name="is_public"[^>]*checked', page)


def test_existing_topics_show_their_choice(client, small_directory, waste_manager):
    client.force_login(waste_manager)
    page = _text(client.get(_url("entry-update", "topic", small_directory["potholes"].pk)))
    assert re.search(r'id="id_owner_2"[^>]*checked', page) and not re.search(r'id="id_owner_1"[^>]*checked', page)
    page = _text(client.get(_url("entry-update", "topic", small_directory["bulky"].pk)))
    assert re.search(r'id="id_owner_1"[^>]*checked', page)


def test_a_team_topic_ignores_and_clears_the_partner(client, small_directory, waste_manager):
    client.force_login(waste_manager)
    data = _topic(
        small_directory,
        owner="team",
        team=small_directory["bins"].pk,
        partner=small_directory["county"].pk,
        referral="Ring them",
        description="Needles and sharps.",
        cost="Free",
    )
    assert client.post(_url("entry-create", "topic"), data).status_code == 302
    topic = Topic.objects.get(slug="clinical-waste")
    assert (topic.team, topic.partner, topic.referral) == (small_directory["bins"], None, "")
    assert (topic.description, topic.cost, topic.is_public) == ("Needles and sharps.", "Free", False)


def test_a_partner_topic_ignores_and_clears_the_team(client, small_directory, waste_manager):
    client.force_login(waste_manager)
    bulky = small_directory["bulky"]
    data = _topic(
        small_directory,
        name=bulky.name,
        slug=bulky.slug,
        owner="partner",
        team=small_directory["bins"].pk,
        partner=small_directory["county"].pk,
        referral="Ring the county.",
    )
    assert client.post(_url("entry-update", "topic", bulky.pk), data).status_code == 302
    bulky.refresh_from_db()
    assert (bulky.team, bulky.partner, bulky.referral) == (None, small_directory["county"], "Ring the county.")


def test_a_refused_value_in_the_unchosen_select_is_ignored(client, small_directory, waste_manager):
    client.force_login(waste_manager)
    data = _topic(small_directory, owner="partner", team="999999", partner=small_directory["county"].pk)
    assert client.post(_url("entry-create", "topic"), data).status_code == 302


@pytest.mark.parametrize(
    ("extra", "errors"),
    [
        ({}, {"owner": ["Select who deals with this"]}),
        ({"owner": "nobody"}, {"owner": ["Select who deals with this"]}),
        ({"owner": "team"}, {"team": ["Select the team"]}),
        ({"owner": "partner"}, {"partner": ["Select the organisation"]}),
        ({"owner": "partner", "partner": "999999"}, {"partner": ["Select an organisation from the list"]}),
    ],
)
def test_topic_owner_errors(client, small_directory, waste_manager, extra, errors):
    client.force_login(waste_manager)
    response = client.post(_url("entry-create", "topic"), _topic(small_directory, **extra))
    assert response.status_code == 200
    assert response.context["form"].errors == errors
    name = next(iter(errors))
    target = "id_owner_1" if name == "owner" else f"id_{name}"
    assert f'<li><a href="#{target}">{errors[name][0]}</a></li>' in _text(response)


# --- Numbers used by more than one entry ---------------------------------------------------------


def test_a_number_another_entry_uses_is_pointed_out_after_saving(client, small_directory, waste_manager):
    client.force_login(waste_manager)
    response = client.post(
        _url("entry-create", "team"),
        {
            "service_area": small_directory["waste"].pk,
            "name": "Street cleansing",
            "slug": "street",
            "public_phone": "01632 960011",
            "internal_phone": "",
            "email": "",
            "out_of_hours": "",
        },
        follow=True,
    )
    assert Team.objects.filter(slug="street").exists()
    page = _text(response)
    assert "Street cleansing has been added." in page
    assert "01632 960011 is also the public number of Waste collections. Check it is right" in page


def test_an_officers_direct_line_shared_with_a_partner(client, small_directory, waste_manager):
    client.force_login(waste_manager)
    olive = small_directory["olive"]
    response = client.post(
        _url("entry-update", "officer", olive.pk),
        {
            "team": olive.team_id,
            "job_title": "Officer",
            "direct_line": "01632960900",
            "email": "",
            "number_shareable": "on",
        },
        follow=True,
    )
    assert "01632 960900 is also the number of Wyeshire County Council. Check it is right" in _text(response)


def test_a_teams_own_public_and_internal_numbers_are_not_duplicates(client, small_directory, waste_manager):
    client.force_login(waste_manager)
    team = small_directory["options"]
    Team.objects.filter(pk=team.pk).update(public_phone="01632 960600")  # its internal number too
    assert selectors.shared_number_list() == []
    bins = small_directory["bins"]
    response = client.post(
        _url("entry-update", "team", bins.pk),
        {
            "service_area": bins.service_area_id,
            "name": bins.name,
            "slug": bins.slug,
            "email": "",
            "internal_phone": "01632 960011",
            "public_phone": "01632 960011",
            "out_of_hours": "",
        },
        follow=True,
    )
    assert "is also" not in _text(response)


def test_shared_numbers_in_one_query(small_directory, django_assert_num_queries, django_capture_on_commit_callbacks):
    street = services.entry_create(
        model=Team,
        by=None,
        fields={
            "service_area": small_directory["waste"],
            "name": "Street cleansing",
            "slug": "street",
            "internal_phone": "01632 960011",
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.contact_details_update(by=None, fields={"phone": "01632 960900"})
    with django_assert_num_queries(1):
        shared = selectors.shared_number_list()
    assert [(s.number, [(u.kind, u.pk, u.label, u.what) for u in s.uses]) for s in shared] == [
        (
            "01632 960011",
            [
                ("team", street.pk, "Street cleansing", "the internal number"),
                ("team", small_directory["bins"].pk, "Waste collections", "the public number"),
            ],
        ),
        (
            "01632 960900",
            [
                ("contact-details", 1, "Customer services", "the number"),
                ("partner", small_directory["county"].pk, "Wyeshire County Council", "the number"),
            ],
        ),
    ]


def test_review_page_lists_numbers_used_twice(client, small_directory, waste_manager):
    Officer.objects.filter(pk=small_directory["hugo"].pk).update(direct_line="01632 960010")  # the waste area's
    client.force_login(waste_manager)
    page = " ".join(re.sub(r"<[^>]+>", " ", _text(client.get(reverse("directory:review")))).split())
    assert "Phone numbers used by more than one entry" in page
    assert "01632 960010 Hugo Private (officer): direct line Waste and recycling (service area): public number" in page


# --- Reviewing from the entry -----------------------------------------------------------------------


def test_the_entry_page_shows_when_it_was_reviewed_and_the_button(client, small_directory, waste_manager):
    topic = small_directory["bulky"]
    Topic.objects.filter(pk=topic.pk).update(last_reviewed=dt.date(2026, 6, 3))
    client.force_login(waste_manager)
    page = _text(client.get(_url("entry-update", "topic", topic.pk)))
    assert "Last reviewed: 3 June 2026" in page
    assert f'action="{_url("entry-reviewed", "topic", topic.pk)}"' in page
    assert 'name="next"' not in page


def test_marking_as_reviewed_returns_to_the_entry(client, small_directory, waste_manager):
    topic = small_directory["bulky"]
    client.force_login(waste_manager)
    entry_url = _url("entry-update", "topic", topic.pk)
    for posted in ({}, {"next": "https://evil.example/"}, {"next": "//evil.example"}, {"next": "/staff/"}):
        response = client.post(_url("entry-reviewed", "topic", topic.pk), posted)
        assert response["Location"] == entry_url, posted
    review = reverse("directory:review")
    assert client.post(_url("entry-reviewed", "topic", topic.pk), {"next": review})["Location"] == review
    assert DirectoryChange.objects.filter(entry_type="topic", entry_id=topic.pk, action="reviewed").count() == 5


def test_the_review_list_links_to_each_entry_not_a_blind_button(client, small_directory, waste_manager):
    Topic.objects.filter(pk=small_directory["bulky"].pk).update(
        last_reviewed=timezone.localdate() - dt.timedelta(days=300)
    )
    client.force_login(waste_manager)
    page = _text(client.get(reverse("directory:review")))
    link = f"{_url('entry-update', 'topic', small_directory['bulky'].pk)}?next=/staff/directory/review/"
    assert f'href="{link}"' in page
    assert "Mark as reviewed" not in page and "<form" not in page.split("<main", 1)[1]
    # The entry page then carries the way back.
    page = _text(client.get(link))
    assert '<input type="hidden" name="next" value="/staff/directory/review/">' in page
    assert "Back to entries not reviewed for 6 months" in page
    page = _text(client.get(f"{_url('entry-update', 'topic', small_directory['bulky'].pk)}?next=https://evil.example/"))
    assert 'name="next"' not in page and 'href="https://evil.example/"' not in page


# --- Wording -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("noun", "expected"),
    [
        ("absence", "an absence"),
        ("officer profile", "an officer profile"),
        ("team", "a team"),
        ("partner organisation", "a partner organisation"),
        ("user", "a user"),
        ("hour", "an hour"),
        ("one-off", "a one-off"),
    ],
)
def test_the_article_follows_the_first_sound(noun, expected):
    assert with_article(noun) == expected


def test_add_links_and_titles_use_the_right_article(client, small_directory, administrator):
    client.force_login(administrator)
    page = _text(client.get(reverse("directory:edit-home")))
    for text in (
        "Add an absence",
        "Add an officer profile",
        "Add a team",
        "Add a topic",
        "Add a service area",
        "Add a partner organisation",
    ):
        assert text in page, text
    assert "Add a absence" not in page and "Add a officer" not in page
    assert '<h1 class="govuk-heading-xl">Add an absence</h1>' in _text(client.get(_url("entry-create", "absence")))


def test_the_slug_is_a_page_address(client, small_directory, administrator):
    client.force_login(administrator)
    for kind in ("service-area", "team", "partner", "topic"):
        page = _text(client.get(_url("entry-create", kind)))
        assert "Page address" in page and "The end of the page's web address, like council-tax" in page, kind
        assert "web address name" not in page.lower(), kind
    response = client.post(_url("entry-create", "partner"), {"name": "X", "slug": "Not A Slug", "handles": "Y"})
    assert response.context["form"].errors["slug"] == [
        "Page addresses can only contain lower-case letters, numbers and hyphens, like council-tax"
    ]


def test_selects_say_what_to_select(client, small_directory, administrator):
    client.force_login(administrator)
    expected = {
        "team": ["Select a service area"],
        "officer": ["Select a staff member", "Select a team"],
        "absence": ["Select an officer", "Select a reason"],
        "topic": ["Select a service area", "Select a team", "Select an organisation"],
    }
    for kind in ("service-area", "team", "officer", "absence", "partner", "topic"):
        page = _text(client.get(_url("entry-create", kind)))
        assert "---------" not in page, kind
        for text in expected.get(kind, []):
            assert f'<option value="" selected>{text}</option>' in page, (kind, text)


# --- The council's contact details -------------------------------------------------------------------


CONTACT_URL = "/staff/directory/contact-details/"


def test_contact_details_page_by_role(client, world):
    assert reverse("directory:contact-details") == CONTACT_URL
    response = client.get(CONTACT_URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("portal:login"))
    for key, status in [
        ("administrator", 200),
        ("team_manager", 403),
        ("service_manager", 403),
        ("adviser", 403),
        ("officer_a", 403),
        ("councillor", 403),
        ("no_role", 403),
    ]:
        client.force_login(world.users[key])
        for url in (CONTACT_URL, reverse("directory:contact-details-history")):
            response = client.get(url)
            assert response.status_code == status, (key, url)
            assert "no-store" in response["Cache-Control"], (key, url)


def test_administrator_sets_the_contact_details(client, administrator, django_capture_on_commit_callbacks):
    client.force_login(administrator)
    page = _text(client.get(reverse("directory:edit-home")))
    assert f'href="{CONTACT_URL}"' in page
    page = _text(client.get(CONTACT_URL))
    assert "Monday to Friday, 8:30am to 5pm" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            CONTACT_URL,
            {
                "name": "Customer services",
                "phone": "01632 960 000",
                "email": "help@wyebridge.example",
                "address": "Council offices\nHigh Street\nWyebridge",
                "opening_hours": "Monday to Friday, 8:30am to 5pm",
            },
        )
    assert response.status_code == 302 and response["Location"] == CONTACT_URL
    details = selectors.contact_details()
    assert (details.phone, details.address_lines) == ("01632 960000", ["Council offices", "High Street", "Wyebridge"])
    history = " ".join(re.sub(r"<[^>]+>", " ", _text(client.get(reverse("directory:contact-details-history")))).split())
    assert "Phone number: 01632 960000" in history and "Created" in history


def test_contact_details_errors(client, administrator):
    client.force_login(administrator)
    response = client.post(
        CONTACT_URL, {"name": "", "phone": "12", "email": "nope", "address": "", "opening_hours": ""}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["name"] == ["Enter the name residents contact"]
    assert errors["email"] == ["Enter an email address in the correct format, like name@example.gov.uk"]
    response = client.post(
        CONTACT_URL, {"name": "Customer services", "phone": "12", "email": "", "address": "", "opening_hours": ""}
    )
    assert response.context["form"].errors["phone"][0].startswith("Enter a phone number, like 01632 960 001")
    assert not ContactDetails.objects.exists()
    response = client.post(
        CONTACT_URL,
        {
            "name": "x" * 5000,
            "phone": "9" * 5000,
            "email": "a@" + "b" * 5000,
            "address": "y" * 50000,
            "opening_hours": "\x00",
        },
    )
    assert response.status_code == 200


# --- Valid HTML: no form inside a form -----------------------------------------------------------------


class _FormNesting(HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth = self.deepest = self.forms = 0

    def handle_starttag(self, tag, attrs):
        if tag == "form":
            self.depth += 1
            self.forms += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_endtag(self, tag):
        if tag == "form":
            self.depth -= 1


def _assert_no_nested_forms(response, url):
    assert response.status_code == 200, url
    parser = _FormNesting()
    parser.feed(_text(response))
    assert parser.deepest <= 1, f"a <form> inside a <form> on {url}"
    assert parser.depth == 0, url
    return parser.forms


def test_sign_in_and_password_reset_pages_have_no_nested_forms(client, world):
    for name in (
        "portal:login",
        "portal:password-reset",
        "portal:password-reset-done",
        "portal:password-reset-complete",
    ):
        _assert_no_nested_forms(client.get(reverse(name)), name)
    user = world.administrator
    url = reverse(
        "portal:password-reset-confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    response = client.get(url, follow=True)
    assert "Choose a new password" in _text(response)
    assert _assert_no_nested_forms(response, url) >= 1
    # Errors too: the sign-in form with its error summary.
    _assert_no_nested_forms(client.post(reverse("portal:login"), {"username": "", "password": ""}), "sign-in errors")


def test_directory_edit_pages_have_no_nested_forms(client, small_directory, administrator):
    client.force_login(administrator)
    absence = services.entry_create(
        model=Absence,
        by=None,
        fields={
            "officer": small_directory["olive"],
            "starts_at": timezone.now() + dt.timedelta(days=1),
            "ends_at": timezone.now() + dt.timedelta(days=2),
            "reason": "leave",
        },
    )
    entries = {
        "service-area": small_directory["waste"],
        "team": small_directory["bins"],
        "officer": small_directory["olive"],
        "absence": absence,
        "partner": small_directory["county"],
        "topic": small_directory["bulky"],
    }
    urls = [
        reverse("directory:edit-home"),
        reverse("directory:review"),
        reverse("directory:import"),
        CONTACT_URL,
        reverse("directory:contact-details-history"),
    ]
    for kind, entry in entries.items():
        urls += [
            _url("entry-create", kind),
            _url("entry-update", kind, entry.pk),
            _url("entry-delete", kind, entry.pk),
            _url("entry-history", kind, entry.pk),
        ]
    for url in urls:
        _assert_no_nested_forms(client.get(url), url)
    for kind in entries:  # the pages with errors
        _assert_no_nested_forms(client.post(_url("entry-create", kind), {}), kind)
    _assert_no_nested_forms(client.post(CONTACT_URL, {}), CONTACT_URL)
