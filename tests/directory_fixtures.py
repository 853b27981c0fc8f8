"""Directory fixtures shared by the tests/test_directory_*.py modules (import them by name)."""

import pytest
from django.contrib.auth import get_user_model

from directory.demo import DEMO_OFFICER_PREFIX, directory_seed
from directory.models import Absence, DirectoryChange, Officer, Partner, SearchEntry, ServiceArea, Team, Topic


def directory_clear() -> None:
    for model in (SearchEntry, Absence, Topic, Officer, Team, ServiceArea, Partner, DirectoryChange):
        model.objects.all().delete()
    get_user_model().objects.filter(username__startswith=DEMO_OFFICER_PREFIX).delete()


@pytest.fixture(scope="module", name="demo_directory")
def demo_directory_fixture(django_db_setup, django_db_blocker):
    """The full demo directory (300 topics), seeded once per module and removed afterwards; each
    test still runs in its own rolled-back transaction on top of it."""
    with django_db_blocker.unblock():
        directory_seed()
    yield
    with django_db_blocker.unblock():
        directory_clear()


def make_staff(role: str | None, *, team=None, username: str | None = None, **fields):
    """A user in `role` (a group name), without the slow password hashing, optionally with an
    Officer profile in `team` (which sets their editing scope)."""
    from django.contrib.auth.models import Group

    User = get_user_model()
    username = username or f"{(role or 'norole').lower().replace(' ', '-')}-{User.objects.count() + 1}"
    user = User.objects.create(username=username, first_name=fields.pop("first_name", "Test"),
                               last_name=fields.pop("last_name", username.title()), **fields)  # fmt: skip
    user.set_unusable_password()
    user.save(update_fields=["password"])
    if role:
        user.groups.add(Group.objects.get(name=role))
    if team is not None:
        Officer.objects.create(user=user, team=team, job_title="Manager", direct_line="01632 960555")
    return user


@pytest.fixture(name="small_directory")
def small_directory_fixture(db):
    """Two service areas with a team, officers and topics each, and one partner; made through the
    services so the search index and change history are as in real use."""
    from directory import services

    waste = services.service_area_create(
        by=None, name="Waste and recycling", slug="waste", summary="Bins and recycling.",
        handles="Bin collections", public_phone="01632 960010", opening_hours="Monday to Friday, 8am to 5pm",
    )  # fmt: skip
    housing = services.service_area_create(
        by=None, name="Housing", slug="housing", summary="Housing help.", public_phone="01632 960040"
    )
    hidden = services.service_area_create(by=None, name="ICT", slug="ict", summary="Staff IT.", is_public=False)
    bins = services.team_create(
        by=None, service_area=waste, name="Waste collections", slug="waste-collections",
        internal_phone="01632 960200", public_phone="01632 960011", out_of_hours="Log it for the next working day.",
    )  # fmt: skip
    options = services.team_create(
        by=None, service_area=housing, name="Housing options", slug="housing-options", internal_phone="01632 960600"
    )
    desk = services.team_create(by=None, service_area=hidden, name="ICT service desk", slug="ict-desk")
    county = services.partner_create(
        by=None, name="Wyeshire County Council", slug="county", handles="Roads and potholes", phone="01632 960900"
    )
    bulky = services.topic_create(
        by=None, name="Bulky waste collection", slug="bulky-waste", service_area=waste, team=bins,
        synonyms=["bulky items", "large items"], keywords=["sofa", "fridge"], adviser_script="Book online; £35.",
        online_url="https://www.example.gov.uk/bulky",
    )  # fmt: skip
    potholes = services.topic_create(
        by=None, name="Potholes", slug="potholes", service_area=waste, partner=county, synonyms=["pot hole"]
    )
    homeless = services.topic_create(
        by=None, name="Homelessness", slug="homelessness", service_area=housing, team=options,
        synonyms=["homeless tonight"],
    )  # fmt: skip
    secret = services.topic_create(
        by=None, name="Password reset for staff", slug="password-reset", service_area=hidden, team=desk
    )
    private = services.topic_create(
        by=None, name="Crew damage claims", slug="crew-damage", service_area=waste, team=bins, is_public=False
    )
    shareable = make_staff("Officer", team=bins, username="olive", first_name="Olive", last_name="Shareable")
    shareable.officer.number_shareable = True
    shareable.officer.direct_line = "01632 960201"
    shareable.officer.save()
    hidden_line = make_staff("Officer", team=bins, username="hugo", first_name="Hugo", last_name="Private")
    hidden_line.officer.direct_line = "01632 960202"
    hidden_line.officer.save()
    services.search_index_rebuild()
    return {
        "waste": waste, "housing": housing, "hidden": hidden, "bins": bins, "options": options, "desk": desk,
        "county": county, "bulky": bulky, "potholes": potholes, "homeless": homeless, "secret": secret,
        "private": private, "olive": shareable.officer, "hugo": hidden_line.officer,
    }  # fmt: skip
