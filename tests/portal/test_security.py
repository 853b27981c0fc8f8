"""HTTP hardening: the Content-Security-Policy, Permissions-Policy and staff Cache-Control headers,
the request-body cap, refused methods, and how refusals are logged."""

import logging
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import path, reverse

from core.models import OutboundEmail
from directory.models import DirectoryChange, ServiceArea
from portal import roles, root_urls, views
from tests.factories import user_make

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def _boom(request):
    raise RuntimeError("boom")


def _rate_limited(request):
    return views.rate_limited(request, exception=None)


# Used as the URLconf by tests marked `urls(__name__)`: every real URL plus a view that fails and
# the rate-limited page, which is otherwise only reached after ten failed sign-ins from one address.
urlpatterns = [
    path("test/boom/", _boom),
    path("test/rate-limited/", _rate_limited),
    *root_urls.urlpatterns,
]


def _directives(header: str) -> dict[str, list[str]]:
    """'a b c; d e' -> {'a': ['b', 'c'], 'd': ['e']}."""
    parts = (part.split() for part in header.split(";") if part.strip())
    return {words[0]: words[1:] for words in parts}


def _cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


@pytest.fixture
def superuser(db):
    return user_make(roles.ADMINISTRATOR, username="super", is_staff=True, is_superuser=True)


# --- Content-Security-Policy --------------------------------------------------------------------------


def _assert_strict_csp(response):
    assert "Content-Security-Policy" in response, f"no CSP on {response.request['PATH_INFO']}"
    policy = _directives(response["Content-Security-Policy"])
    for directive in ("script-src", "style-src"):
        sources = policy.get(directive, policy.get("default-src"))
        assert sources == ["'self'"], (directive, sources)
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("url", ["/", "/services/", "/services/waste/", "/no-such-page/", "/test/rate-limited/"])
def test_public_pages_have_a_strict_csp(client, world, url):
    _assert_strict_csp(client.get(url))


@pytest.mark.urls(__name__)
def test_error_pages_have_a_strict_csp(client, no_role_user):
    client.raise_request_exception = False
    response = client.get("/test/boom/")
    assert response.status_code == 500
    _assert_strict_csp(response)
    client.force_login(no_role_user)
    response = client.get("/staff/")
    assert response.status_code == 403
    _assert_strict_csp(response)


@pytest.mark.parametrize("url", ["/staff/phone-guide/", "/staff/directory/", "/staff/directory/import/"])
def test_staff_pages_have_a_strict_csp(client, administrator, url):
    client.force_login(administrator)
    _assert_strict_csp(client.get(url))


@pytest.mark.parametrize("url", ["/admin/login/", "/admin/", "/admin/directory/topic/"])
def test_admin_has_the_same_strict_csp(client, superuser, world, url):
    if url != "/admin/login/":
        client.force_login(superuser)
    response = client.get(url)
    assert response.status_code == 200
    _assert_strict_csp(response)


_INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE), "inline <script>"),
    (re.compile(r"<style\b", re.IGNORECASE), "<style> block"),
    (re.compile(r"\sstyle\s*=", re.IGNORECASE), "style attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.IGNORECASE), "inline event handler"),
]


def test_no_template_has_inline_scripts_or_styles():
    """The CSP blocks them, so a new one would silently not work. Emails are not web pages."""
    found = []
    for template in TEMPLATES.rglob("*.html"):
        if "emails" in template.relative_to(TEMPLATES).parts:
            continue
        text = template.read_text()
        found += [f"{template.relative_to(TEMPLATES)}: {what}" for pattern, what in _INLINE if pattern.search(text)]
    assert found == []


# --- Permissions-Policy --------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/", "/services/", "/no-such-page/", "/api/directory/services/", "/staff/"])
def test_permissions_policy_denies_unused_features(client, db, url):
    policy = client.get(url)["Permissions-Policy"]
    features = dict(item.strip().split("=", 1) for item in policy.split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "interest-cohort"):
        assert features[feature] == "()", feature


# --- Cache-Control for staff ------------------------------------------------------------------------------


def _assert_no_store(response):
    directives = _cache_control(response)
    assert {"no-store", "private"} <= directives, (response.request["PATH_INFO"], directives)
    assert "public" not in directives


@pytest.mark.parametrize(
    "url",
    [
        "/staff/",
        "/staff/phone-guide/",
        "/staff/phone-guide/waste/",
        "/staff/phone-guide/search/?q=bins",
        "/staff/phone-guide/print/",
        "/staff/directory/",
        "/staff/directory/topic/add/",
        "/staff/directory/export.csv",
        "/staff/directory/import/",
    ],
)
def test_staff_pages_are_never_stored(client, administrator, url):
    client.force_login(administrator)
    response = client.get(url)
    assert response.status_code == 200
    _assert_no_store(response)


def test_staff_edit_form_and_redirects_are_never_stored(client, world, team_manager):
    client.force_login(team_manager)
    topic = world.directory["bulky"]
    _assert_no_store(client.get(reverse("directory:entry-update", args=["topic", topic.pk])))
    response = client.post(reverse("directory:entry-reviewed", args=["topic", topic.pk]))
    assert response.status_code == 302
    _assert_no_store(response)


@pytest.mark.parametrize("url", ["/staff/sign-in/", "/staff/password-reset/", "/staff/", "/admin/login/", "/admin/"])
def test_sign_in_pages_and_redirects_to_them_are_never_stored(client, db, url):
    _assert_no_store(client.get(url))


def test_admin_pages_are_never_stored(client, superuser, world):
    client.force_login(superuser)
    for url in ("/admin/", "/admin/directory/topic/", f"/admin/directory/topic/{world.directory['bulky'].pk}/change/"):
        response = client.get(url)
        assert response.status_code == 200
        _assert_no_store(response)


def test_api_responses_to_signed_in_users_are_never_stored(client, adviser):
    client.force_login(adviser)
    for url in ("/api/directory/services/", "/api/directory/teams/", "/api/directory/search/?q=bins"):
        response = client.get(url)
        assert response.status_code == 200
        _assert_no_store(response)


@pytest.mark.parametrize("url", ["/", "/services/", "/services/waste/", "/api/directory/services/"])
def test_public_responses_keep_normal_caching(client, world, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" not in _cache_control(response)


# --- Request body cap ----------------------------------------------------------------------------------


def test_a_huge_body_to_a_public_form_is_refused_unread(client, db, settings):
    settings.MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024
    # The Content-Length claims 60 MB while the body holds a few bytes: the test client's input
    # stream fails on any read beyond what it holds, so a 413 means nothing tried to read it.
    response = client.generic(
        "POST",
        reverse("portal:password-reset"),
        b"email=a%40wyebridge.example",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(60 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "Content-Security-Policy" in response
    assert "The file or form you sent is too big" in response.content.decode()
    assert OutboundEmail.objects.count() == 0


def test_a_too_large_upload_to_the_import_form_is_refused(client, administrator, settings):
    settings.MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024
    client.force_login(administrator)
    areas, changes = ServiceArea.objects.count(), DirectoryChange.objects.count()
    header = b"record_type,name,slug\n"
    content = header + b"service_area,Big,big\n" * (4 * 1024 * 1024 // 21)
    response = client.post(reverse("directory:import"), {"file": SimpleUploadedFile("big.csv", content, "text/csv")})
    assert response.status_code == 413
    assert ServiceArea.objects.count() == areas and DirectoryChange.objects.count() == changes


def test_the_limit_comes_from_settings(client, db, settings):
    settings.MAX_REQUEST_BODY_BYTES = 100
    response = client.post(reverse("portal:accessibility-settings"), {"colour": "x" * 200})
    assert response.status_code == 413
    settings.MAX_REQUEST_BODY_BYTES = 10_000
    response = client.post(reverse("portal:accessibility-settings"), {"colour": "dark", "text_size": "large"})
    assert response.status_code == 302


def test_form_field_data_is_capped_too(settings):
    # Form fields (not files) are held in memory: Django refuses more than this with a 400.
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= settings.MAX_REQUEST_BODY_BYTES


# --- Methods -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["TRACE", "TRACK", "CONNECT"])
@pytest.mark.parametrize("url", ["/", "/services/", "/staff/", "/api/directory/services/", "/no-such-page/"])
def test_trace_track_and_connect_are_refused_everywhere(client, db, method, url):
    response = client.generic(method, url)
    assert response.status_code == 405
    assert method not in response["Allow"]


@pytest.mark.parametrize("name", ["portal:home", "portal:accessibility-statement", "portal:health"])
@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_read_only_pages_accept_only_get_and_head(client, db, name, method):
    assert getattr(client, method)(reverse(name)).status_code == 405


@pytest.mark.parametrize("name", ["portal:home", "portal:accessibility-statement"])
def test_read_only_pages_answer_head(client, db, name):
    assert client.head(reverse(name)).status_code == 200


def test_health_answers_head(client, db, settings, tmp_path):
    settings.REDIS_CLIENT_URL = f"unix://{tmp_path}/nothing.sock"  # fast: no worker ping
    assert client.head(reverse("portal:health")).status_code == 503


# --- Logging -------------------------------------------------------------------------------------------


def _request_records(caplog):
    return [record for record in caplog.records if record.name == "django.request"]


def test_a_refused_permission_is_logged_as_one_line(client, no_role_user, caplog):
    client.force_login(no_role_user)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get("/staff/").status_code == 403
    (record,) = _request_records(caplog)
    assert record.levelno == logging.WARNING
    assert record.getMessage() == "Forbidden (Permission denied): /staff/"
    assert record.exc_info is None and record.exc_text is None


def test_not_found_is_logged_without_traceback(client, db, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get("/services/no-such-service/").status_code == 404
    for record in _request_records(caplog):
        assert record.exc_info is None


@pytest.mark.urls(__name__)
def test_a_server_error_keeps_its_traceback(client, db, caplog):
    client.raise_request_exception = False
    with caplog.at_level(logging.ERROR, logger="django.request"):
        assert client.get("/test/boom/").status_code == 500
    (record,) = _request_records(caplog)
    assert record.levelno == logging.ERROR
    assert record.exc_info and record.exc_info[0] is RuntimeError
