"""Directory pages: public A to Z and service pages, the staff phone guide, editing and its scope."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.calendar import is_closed
from directory import services
from directory.models import Absence, DirectoryChange, Officer, Team, Topic
from tests.factories import user_make

# Every staff page costs the same four queries before its own: session, user, and the user's and
# groups' permissions (looked up once, then cached on the user).
STAFF_OVERHEAD = 4


def _text(response) -> str:
    return response.content.decode()


# --- Public pages --------------------------------------------------------------------------------


def test_a_to_z_lists_public_services_and_partners(client, small_directory, django_assert_num_queries):
    # 1 public service areas, 2 things we help with (the first letters, the first letter's
    # topics), 1 partners.
    with django_assert_num_queries(4):
        response = client.get(reverse("directory:service-list"))
    page = _text(response)
    assert "Waste and recycling" in page and "Housing" in page
    assert "ICT" not in page
    assert 'id="partner-county"' in page and "01632 960900" in page


def test_service_page_shows_public_details_only(client, small_directory, django_assert_num_queries):
    # 1 the service area, 1 its public topics (with team and partner), 1 its teams.
    with django_assert_num_queries(3):
        response = client.get(reverse("directory:service-detail", args=["waste"]))
    page = _text(response)
    assert "01632 960010" in page and "Monday to Friday, 8am to 5pm" in page
    assert "01632 960011" in page  # the team's public number
    assert "Bulky waste collection" in page and 'href="/services/waste/bulky-waste/"' in page  # its own page
    assert "Wyeshire County Council deals with this" in page
    for private in ("01632 960200", "Crew damage claims", "Olive", "Hugo", "01632 960201", "Book online; £35."):
        assert private not in page
    assert 'action="/services/search/"' in page


def test_staff_only_service_is_not_found_publicly(client, small_directory):
    assert client.get(reverse("directory:service-detail", args=["ict"])).status_code == 404
    assert client.get(reverse("directory:service-detail", args=["no-such-thing"])).status_code == 404


def test_public_search_page(client, small_directory):
    response = client.get(reverse("directory:service-search"), {"q": "bulky items"})
    page = _text(response)
    assert "Bulky waste collection" in page and "Matched:" not in page  # no internal labels for the public
    assert "01632 960011" in page
    response = client.get(reverse("directory:service-search"), {"q": "zzzzqqq"})
    assert "There are no matching results" in _text(response)


# --- Phone guide ---------------------------------------------------------------------------------


def _away(officer, note="Ask for the duty officer"):
    now = timezone.now()
    return services.entry_create(model=Absence, by=None, fields={
        "officer": officer, "starts_at": now - timedelta(hours=1), "ends_at": now + timedelta(days=2),
        "reason": Absence.Reason.LEAVE, "caller_note": note,
    })  # fmt: skip


def test_phone_guide_index(client, small_directory, django_assert_num_queries):
    absence = _away(small_directory["hugo"])
    client.force_login(user_make("Councillor"))
    # 1 areas, 1 their teams, 1 absences today (with officer, user, team, area), 1 partners.
    with django_assert_num_queries(STAFF_OVERHEAD + 4):
        response = client.get(reverse("directory:phone-guide"))
    page = _text(response)
    assert "01632 960200" in page  # internal number
    assert "ICT" in page and "Staff only" in page
    assert "Hugo Private" in page and f"{absence.caller_sentence(is_closed=is_closed)} Ask for the duty officer" in page
    assert "Annual leave" not in page  # the reason is for the officer's managers alone


def test_phone_guide_area_page(client, small_directory, django_assert_num_queries):
    _away(small_directory["hugo"], "Call the team's main number instead")
    client.force_login(user_make("Adviser"))
    url = reverse("directory:phone-guide-area", args=["waste"])
    # 1 area, 1 teams, 1 officers (with users), 1 absences today, 1 topics (with team and partner).
    with django_assert_num_queries(STAFF_OVERHEAD + 5):
        response = client.get(url)
    page = _text(response)
    assert "01632 960200" in page and "Log it for the next working day." in page
    assert "Olive Shareable" in page and "01632 960201" in page
    assert "Hugo Private" in page and "01632 960202" not in page and "Not to be given to callers" in page
    assert "Not available until" in page and "Call the team&#x27;s main number instead" in page
    assert "Crew damage claims" in page and "Book online; £35." in page
    # More officers and topics: the same number of queries.
    for n in range(5):
        user_make("Officer", team=small_directory["bins"], username=f"extra-{n}")
    with django_assert_num_queries(STAFF_OVERHEAD + 5):
        client.get(url)


def test_phone_guide_print_has_one_area_a_page(client, small_directory, django_assert_num_queries):
    client.force_login(user_make("Officer"))
    # 1 areas, 1 teams, 1 officers, 1 absences, 1 topics, 1 partners.
    with django_assert_num_queries(STAFF_OVERHEAD + 6):
        response = client.get(reverse("directory:phone-guide-print"))
    page = _text(response)
    # A page each: the 3 areas, the partners and the index of topics (after the contents).
    assert page.count('class="app-print-guide__area"') == 5
    assert "Housing options" in page and "Password reset for staff" in page


def test_phone_guide_is_for_staff_only(client, small_directory, make_user):
    assert client.get(reverse("directory:phone-guide-area", args=["waste"])).status_code == 302
    client.force_login(user_make(None))
    assert client.get(reverse("directory:phone-guide-area", args=["waste"])).status_code == 403


# --- Editing -------------------------------------------------------------------------------------


@pytest.fixture
def waste_manager(small_directory):
    """A team manager whose own team is in the waste service area."""
    return user_make("Team manager", team=small_directory["bins"], username="wendy")


def _url(name, kind, pk=None):
    return reverse(f"directory:{name}", args=[kind] if pk is None else [kind, pk])


def test_manager_adds_a_topic(client, small_directory, waste_manager):
    client.force_login(waste_manager)
    response = client.post(
        _url("entry-create", "topic"),
        {"name": "Clinical waste", "slug": "clinical-waste", "service_area": small_directory["waste"].pk,
         "owner": "team", "team": small_directory["bins"].pk, "synonyms": "sharps\nneedles", "keywords": "",
         "adviser_script": "", "online_url": "", "is_public": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    topic = Topic.objects.get(slug="clinical-waste")
    assert topic.synonyms == ["sharps", "needles"]
    assert DirectoryChange.objects.get(entry_type="topic", entry_id=topic.pk).changed_by == waste_manager


def test_empty_forms_give_govuk_messages(client, small_directory, administrator):
    client.force_login(administrator)
    for kind in ("service-area", "team", "officer", "absence", "partner", "topic"):
        response = client.post(_url("entry-create", kind), {})
        page = _text(response)
        assert response.status_code == 200, kind
        assert "There is a problem" in page and page.count("govuk-error-message") >= 1, kind
        assert "This field is required" not in page, kind
        assert response.context["form"].errors, kind


def test_bad_phone_number_is_explained(client, small_directory, waste_manager):
    client.force_login(waste_manager)
    team = small_directory["bins"]
    response = client.post(
        _url("entry-update", "team", team.pk),
        {"service_area": team.service_area_id, "name": team.name, "slug": team.slug, "internal_phone": "12345"},
    )
    assert response.status_code == 200
    assert "Enter a phone number, like 01632 960 001" in _text(response)
    response = client.post(
        _url("entry-update", "team", team.pk),
        {"service_area": team.service_area_id, "name": team.name, "slug": team.slug, "internal_phone": "01632960299"},
    )
    assert response.status_code == 302
    team.refresh_from_db()
    assert team.internal_phone == "01632 960299"


def test_topic_needs_team_or_partner_in_the_form(client, small_directory, waste_manager):
    client.force_login(waste_manager)
    response = client.post(
        _url("entry-create", "topic"),
        {"name": "Orphan", "slug": "orphan", "service_area": small_directory["waste"].pk},
    )
    assert response.context["form"].errors == {"owner": ["Select who deals with this"]}


def _date_time(name, moment):
    """A datetime as the GOV.UK date input and time box post it."""
    moment = timezone.localtime(moment)
    return {f"{name}_0": str(moment.day), f"{name}_1": str(moment.month), f"{name}_2": str(moment.year),
            f"{name}_3": moment.strftime("%H:%M")}  # fmt: skip


def _absence_post(officer, start, end):
    return {"officer": officer.pk, **_date_time("starts_at", start), **_date_time("ends_at", end), "reason": "leave",
            "caller_note": "Ask for the duty officer"}  # fmt: skip


def test_absence_form_errors(client, small_directory, waste_manager):
    client.force_login(waste_manager)
    officer = small_directory["olive"]
    start = (timezone.localtime() + timedelta(days=1)).replace(second=0, microsecond=0)
    response = client.post(_url("entry-create", "absence"), _absence_post(officer, start, start - timedelta(hours=1)))
    assert "The end of the absence must be after the start" in _text(response)
    assert (
        client.post(
            _url("entry-create", "absence"), _absence_post(officer, start, start + timedelta(days=2))
        ).status_code
        == 302
    )
    response = client.post(
        _url("entry-create", "absence"), _absence_post(officer, start + timedelta(days=1), start + timedelta(days=3))
    )
    assert response.status_code == 200
    assert "already away for some of this time" in _text(response)
    assert Absence.objects.filter(officer=officer).count() == 1


def test_a_new_service_area_is_for_administrators(client, small_directory, waste_manager, administrator):
    client.force_login(waste_manager)
    assert client.get(_url("entry-create", "service-area")).status_code == 403
    client.force_login(administrator)
    response = client.post(
        _url("entry-create", "service-area"), {"name": "Licensing", "slug": "licensing", "summary": "Licences."}
    )
    assert response.status_code == 302


# Scope: a waste manager may edit waste entries and partners; everything else is "not found".


def _out_of_scope(small_directory):
    housing_officer = user_make("Officer", team=small_directory["options"], username="harry")
    absence = _away(housing_officer.officer)
    return [
        ("service-area", small_directory["housing"].pk),
        ("team", small_directory["options"].pk),
        ("officer", housing_officer.officer.pk),
        ("absence", absence.pk),
        ("topic", small_directory["homeless"].pk),
    ]


@pytest.mark.parametrize("view", ["entry-update", "entry-delete", "entry-history"])
def test_out_of_scope_entries_are_not_found(client, small_directory, waste_manager, view):
    targets = _out_of_scope(small_directory)
    client.force_login(waste_manager)
    for kind, pk in targets:
        assert client.get(_url(view, kind, pk)).status_code == 404, (kind, view)
        if view != "entry-history":  # the history is read-only: a POST is 405 for everyone
            assert client.post(_url(view, kind, pk), {}).status_code == 404, (kind, view)
    assert Topic.objects.filter(pk=small_directory["homeless"].pk).exists()


def test_out_of_scope_mark_reviewed_is_not_found(client, small_directory, waste_manager):
    targets = _out_of_scope(small_directory)
    client.force_login(waste_manager)
    for kind, pk in targets:
        if kind != "absence":
            assert client.post(_url("entry-reviewed", kind, pk)).status_code == 404, kind


def test_in_scope_and_partner_entries_are_editable(client, small_directory, waste_manager):
    client.force_login(waste_manager)
    for kind, entry in [("service-area", "waste"), ("team", "bins"), ("officer", "olive"), ("topic", "bulky"),
                        ("partner", "county")]:  # fmt: skip
        assert client.get(_url("entry-update", kind, small_directory[entry].pk)).status_code == 200, kind


def test_service_manager_scope_is_their_own_area(client, small_directory):
    manager = user_make("Service manager", team=small_directory["options"])
    client.force_login(manager)
    assert client.get(_url("entry-update", "topic", small_directory["homeless"].pk)).status_code == 200
    assert client.get(_url("entry-update", "topic", small_directory["bulky"].pk)).status_code == 404


def test_manager_without_a_profile_edits_only_partners(client, small_directory):
    client.force_login(user_make("Team manager"))
    assert client.get(_url("entry-update", "topic", small_directory["bulky"].pk)).status_code == 404
    assert client.get(_url("entry-update", "partner", small_directory["county"].pk)).status_code == 200


def test_administrator_edits_everything(client, small_directory, administrator):
    client.force_login(administrator)
    for kind, pk in _out_of_scope(small_directory):
        assert client.get(_url("entry-update", kind, pk)).status_code == 200, kind


def test_read_only_roles_cannot_edit(client, small_directory):
    for role in ("Councillor", "Adviser", "Officer"):
        client.force_login(user_make(role, team=small_directory["bins"]))
        assert client.get(_url("entry-update", "topic", small_directory["bulky"].pk)).status_code == 403, role
        assert client.post(_url("entry-delete", "topic", small_directory["bulky"].pk)).status_code == 403, role


def test_choices_are_limited_to_the_managers_area(client, small_directory, waste_manager):
    client.force_login(waste_manager)
    form = client.get(_url("entry-create", "topic")).context["form"]
    assert list(form.fields["service_area"].queryset) == [small_directory["waste"]]
    assert set(form.fields["team"].queryset) == {small_directory["bins"]}
    response = client.post(
        _url("entry-create", "topic"),
        {"name": "Sneaky", "slug": "sneaky", "service_area": small_directory["housing"].pk, "owner": "team",
         "team": small_directory["options"].pk},
    )  # fmt: skip
    assert response.status_code == 200
    assert not Topic.objects.filter(slug="sneaky").exists()


def test_unknown_kind_is_not_found(client, administrator):
    client.force_login(administrator)
    assert client.get("/staff/directory/widget/add/").status_code == 404


def test_delete_page(client, small_directory, waste_manager):
    client.force_login(waste_manager)
    team = small_directory["bins"]
    response = client.post(_url("entry-delete", "team", team.pk))
    assert response.status_code == 200 and "still belong to it" in _text(response)
    assert Team.objects.filter(pk=team.pk).exists()
    response = client.post(_url("entry-delete", "topic", small_directory["private"].pk))
    assert response.status_code == 302
    assert not Topic.objects.filter(pk=small_directory["private"].pk).exists()


def test_review_list_and_mark_reviewed(client, small_directory, waste_manager, django_assert_num_queries):
    old = timezone.localdate() - timedelta(days=200)
    Topic.objects.filter(pk__in=[small_directory["bulky"].pk, small_directory["homeless"].pk]).update(last_reviewed=old)
    Officer.objects.filter(pk=small_directory["olive"].pk).update(last_reviewed=old)
    client.force_login(waste_manager)
    # 1 the manager's own profile (their scope), then 1 query for each of the 5 kinds of entry, and 1
    # the phone numbers used by more than one entry.
    with django_assert_num_queries(STAFF_OVERHEAD + 7):
        response = client.get(reverse("directory:review"))
    page = _text(response)
    assert "Bulky waste collection" in page and "Olive Shareable" in page
    assert "Homelessness" not in page  # another area
    response = client.post(
        _url("entry-reviewed", "topic", small_directory["bulky"].pk), {"next": reverse("directory:review")}
    )
    assert response["Location"] == reverse("directory:review")
    page = _text(client.get(reverse("directory:review")))
    assert "Bulky waste collection has been marked as reviewed today." in page
    assert ">Bulky waste collection</a>" not in page


def test_history_page(client, small_directory, waste_manager, django_assert_num_queries):
    topic = small_directory["bulky"]
    services.entry_update(entry=topic, by=waste_manager, fields={"name": "Bulky items collection"})
    client.force_login(waste_manager)
    # 1 the manager's profile, 1 the topic (scope-checked), 1 its changes (with who made them).
    with django_assert_num_queries(STAFF_OVERHEAD + 3):
        response = client.get(_url("entry-history", "topic", topic.pk))
    page = _text(response)
    assert "Name: Bulky waste collection to Bulky items collection" in page
    assert "Test Wendy" in page and "Created" in page and "Updated" in page


def test_edit_home_lists_only_what_the_user_may_edit(client, small_directory, waste_manager, django_assert_num_queries):
    client.force_login(waste_manager)
    # 1 the manager's profile, then 1 query for each of the 6 kinds of entry.
    with django_assert_num_queries(STAFF_OVERHEAD + 7):
        response = client.get(reverse("directory:edit-home"))
    page = _text(response)
    assert "Bulky waste collection" in page and "Homelessness" not in page
    assert "Add a service area" not in page


def test_a_slug_in_use_gets_the_govuk_message(client, small_directory, waste_manager):
    client.force_login(waste_manager)
    response = client.post(
        _url("entry-create", "topic"),
        {"name": "Again", "slug": "bulky-waste", "service_area": small_directory["waste"].pk, "owner": "team",
         "team": small_directory["bins"].pk},
    )  # fmt: skip
    assert response.status_code == 200
    assert response.context["form"].errors["slug"] == [
        "Another entry already uses this page address. Enter a different one"
    ]


def test_absences_cannot_be_marked_as_reviewed(client, small_directory, administrator):
    absence = _away(small_directory["olive"])
    client.force_login(administrator)
    assert client.post(_url("entry-reviewed", "absence", absence.pk)).status_code == 404


# --- Validation: the model's rules through the form, the service's through _apply_errors ----------


def test_a_team_outside_the_topics_area_is_explained(client, small_directory, administrator):
    client.force_login(administrator)
    response = client.post(
        _url("entry-create", "topic"),
        {"name": "Mixed", "slug": "mixed", "service_area": small_directory["housing"].pk, "owner": "team",
         "team": small_directory["bins"].pk},
    )  # fmt: skip
    assert response.context["form"].errors == {"team": ["Choose a team in Housing, or change the service area"]}


def test_a_field_the_form_refused_gets_one_message(client, small_directory, waste_manager):
    """A team not in the list is not also "choose a team or a partner" (the model's rule)."""
    client.force_login(waste_manager)
    response = client.post(
        _url("entry-create", "topic"),
        {"name": "Sneaky", "slug": "sneaky", "service_area": small_directory["waste"].pk, "owner": "team",
         "team": small_directory["options"].pk},
    )  # fmt: skip
    assert response.context["form"].errors == {"team": ["Select a team from the list"]}


def test_a_team_name_in_use_in_the_area_gets_the_govuk_message(client, small_directory, administrator):
    client.force_login(administrator)
    response = client.post(
        _url("entry-create", "team"),
        {"service_area": small_directory["waste"].pk, "name": "Waste collections", "slug": "bins-again"},
    )
    assert response.status_code == 200
    assert "Waste and recycling already has a team with this name. Enter a different name" in _text(response)


def test_a_page_with_errors_keeps_the_stored_name(client, small_directory, waste_manager):
    """The form validates a copy of the entry, so the posted (refused) name is not in the title."""
    client.force_login(waste_manager)
    team = small_directory["bins"]
    response = client.post(
        _url("entry-update", "team", team.pk),
        {"service_area": team.service_area_id, "name": "Refuse crews", "slug": team.slug, "internal_phone": "12"},
    )
    assert response.status_code == 200
    assert "<title>Error: Edit Waste collections" in _text(response)
    team.refresh_from_db()
    assert team.name == "Waste collections"


def test_an_edit_is_recorded_with_the_stored_before(client, small_directory, waste_manager):
    client.force_login(waste_manager)
    team = small_directory["bins"]
    response = client.post(
        _url("entry-update", "team", team.pk),
        {"service_area": team.service_area_id, "name": "Refuse crews", "slug": team.slug,
         "internal_phone": "+44 (0) 1632 - 960 200", "public_phone": team.public_phone,
         "out_of_hours": team.out_of_hours},
    )  # fmt: skip
    assert response.status_code == 302
    change = DirectoryChange.objects.filter(entry_type="team", entry_id=team.pk).latest("id")
    # The phone number is the stored one once formatted: not a change.
    assert change.changes == {"name": ["Waste collections", "Refuse crews"]}
