"""Every staff URL, who may open it, and that everyone else is refused.

Anonymous visitors are sent to sign in; signed-in users in the wrong role (or none) get 403.
Add a row here for every new staff page."""

import pytest
from django.urls import reverse

ALL_STAFF = {"adviser", "officer", "team_manager", "service_manager", "councillor", "administrator"}
MANAGERS = {"team_manager", "service_manager", "administrator"}

# (url name, kwargs, roles allowed)
STAFF_URLS = [
    ("portal:staff-home", {}, ALL_STAFF),
    ("directory:phone-guide", {}, ALL_STAFF),
    ("directory:phone-guide-search", {}, ALL_STAFF),
    ("directory:phone-guide-print", {}, ALL_STAFF),
    ("directory:edit-home", {}, MANAGERS),
    ("directory:review", {}, MANAGERS),
    ("directory:export", {}, MANAGERS),
    ("directory:import", {}, {"administrator"}),
    ("directory:entry-create", {"kind": "topic"}, MANAGERS),
    ("directory:entry-create", {"kind": "partner"}, MANAGERS),
    ("directory:entry-create", {"kind": "absence"}, MANAGERS),
    # A new service area is council-wide: administrators only.
    ("directory:entry-create", {"kind": "service-area"}, {"administrator"}),
]

ROLES = [*sorted(ALL_STAFF), None]


@pytest.mark.parametrize(("url_name", "kwargs", "allowed"), STAFF_URLS)
def test_anonymous_is_sent_to_sign_in(client, db, url_name, kwargs, allowed):
    url = reverse(url_name, kwargs=kwargs)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("portal:login"))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("url_name", "kwargs", "allowed"), STAFF_URLS)
def test_each_role(client, make_user, role, url_name, kwargs, allowed):
    client.force_login(make_user(role))
    response = client.get(reverse(url_name, kwargs=kwargs))
    assert response.status_code == (200 if role in allowed else 403)
