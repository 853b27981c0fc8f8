"""The form submission row's drafts are what the journey's pages leave: each prepared session,
sent from check your answers, makes a new contact and case (and a re-used one would only repeat)."""

from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
from django.conf import settings

from bench.contacts import form_sessions
from bench.paths import FORM_SLUG, PATHS, PUBLIC_FORM, Fixtures
from bench.queries import _request
from contacts.demo import request_types_seed
from contacts.models import Contact


@pytest.mark.django_db
def test_each_prepared_session_sends_a_new_bulky_waste_form(client):
    request_types_seed()
    fixtures = Fixtures(floor_ids=[], service_slugs=[], topic_paths=[], search_terms=["bins"], csrf_token="a" * 32)
    fixtures.form_sessions = form_sessions(2)
    path = next(p for p in PATHS if p.name == PUBLIC_FORM)

    for _ in range(2):
        response = _request(client, path, fixtures, 0)  # the same request number: still a new draft
        assert response.status_code == 302
        assert response["Location"] == f"/contact/{FORM_SLUG}/sent/"

    sent = Contact.objects.filter(request_type__slug=FORM_SLUG).order_by("id")
    assert [str(c.key) for c in sent] == [key for _, key in fixtures.form_sessions]
    assert all(c.case_id is not None for c in sent)
    assert len({c.customer.email for c in sent}) == 2
    with pytest.raises(RuntimeError, match="all 2 prepared form sessions are used"):
        fixtures.form_cookie(0)


@pytest.mark.django_db
def test_a_used_session_only_repeats(client):
    request_types_seed()
    [(session, key)] = form_sessions(1)
    client.cookies = SimpleCookie(f"{settings.SESSION_COOKIE_NAME}={session}; csrftoken={'a' * 32}")
    body = urlencode({"csrfmiddlewaretoken": "a" * 32, "key": key})
    url = f"/contact/{FORM_SLUG}/check/"
    first = client.post(url, data=body, content_type="application/x-www-form-urlencoded")
    again = client.post(url, data=body, content_type="application/x-www-form-urlencoded")
    assert first.status_code == again.status_code == 302
    assert Contact.objects.filter(key=key).count() == 1
