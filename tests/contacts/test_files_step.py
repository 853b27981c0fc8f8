"""The files step of an online form (contacts.views.form_files) through the Django client: add a
file, see it, remove it, the limits and the refusals as GOV.UK errors, bad input (NUL bytes in a
file name, a wrong method, a missing CSRF token), and the files reaching the case once the form
is sent; then the page in headless Chromium with an axe-core audit, at desktop and phone widths."""

import re
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from cases.models import Attachment
from tests.cases import files

URL = reverse("contacts:form-files", kwargs={"slug": "bulky-waste"})
ABOUT_YOU = reverse("contacts:form-step", kwargs={"slug": "bulky-waste", "code": "about-you"})
TYPE_ERROR = "The selected file must be a JPG, PNG, WebP, GIF or PDF"


@pytest.fixture
def root(settings, tmp_path):
    settings.ATTACHMENTS_ROOT = tmp_path / "attachments"
    return settings.ATTACHMENTS_ROOT


def _upload(client, name: str = "sofa.jpg", content: bytes | None = None, *, action: str = "add", url: str = URL):
    file = SimpleUploadedFile(name, files.jpeg_with_gps() if content is None else content, content_type="image/jpeg")
    return client.post(url, {"file": file, "action": action})


def _key(client) -> str:
    return client.session["contact_forms"]["bulky-waste"]["key"]


def _text(response) -> str:
    return response.content.decode()


def _error(response, message: str) -> None:
    page = _text(response)
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert re.search(rf'govuk-error-summary__list">\s*<li><a href="#id_file">{re.escape(message)}</a>', page), page
    assert f'<span class="govuk-visually-hidden">Error:</span> {message}</p>' in page
    assert "govuk-file-upload--error" in page and 'aria-describedby="file-hint file-error"' in page


def test_the_page(client, request_types, root):
    response = client.get(URL)
    page = _text(response)
    assert response.status_code == 200
    assert '<form method="post" enctype="multipart/form-data" novalidate>' in page
    assert 'type="file" name="file"' in page and 'data-module="govuk-file-upload"' in page
    assert "You can add up to 3 files. Each must be a JPG, PNG, WebP, GIF or PDF, and smaller than 5MB." in page
    assert ">Continue</button>" in page and ">Add file</button>" in page
    where = reverse("contacts:form-step", kwargs={"slug": "bulky-waste", "code": "where"})
    assert f'href="{where}" class="govuk-back-link"' in page
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("slug", ["comment", "homeless-tonight", "no-such-form"])
def test_only_for_online_forms_that_take_files(client, request_types, slug):
    assert client.get(reverse("contacts:form-files", kwargs={"slug": slug})).status_code == 404


def test_add_a_photo_then_see_it(client, request_types, root):
    response = _upload(client, "IMG_0001.JPG")
    assert response.status_code == 302 and response["Location"] == URL
    attachment = Attachment.objects.get()
    assert str(attachment.upload_key) == _key(client)  # the draft kept the key
    page = _text(client.get(URL))
    assert "IMG_0001.JPG has been added" in page
    assert '<dt class="govuk-summary-list__key">IMG_0001.JPG</dt>' in page
    assert f'name="remove" value="{attachment.pk}"' in page
    assert 'Remove<span class="govuk-visually-hidden"> IMG_0001.JPG</span>' in page
    assert "Add another file" in page


def test_continue_without_a_file_goes_on(client, request_types, root):
    response = client.post(URL, {"action": "continue"})
    assert response.status_code == 302 and response["Location"] == ABOUT_YOU
    assert not Attachment.objects.exists()


def test_continue_with_a_file_chosen_adds_it_first(client, request_types, root):
    response = _upload(client, action="continue")
    assert response.status_code == 302 and response["Location"] == ABOUT_YOU
    assert Attachment.objects.count() == 1


def test_from_check_your_answers_continue_goes_back_there(client, request_types, root):
    response = client.post(URL + "?change=1", {"action": "continue"})
    check = reverse("contacts:form-step", kwargs={"slug": "bulky-waste", "code": "check"})
    assert response.status_code == 302 and response["Location"] == check
    assert _upload(client, url=URL + "?change=1")["Location"] == URL + "?change=1"


def test_add_without_a_file(client, request_types, root):
    _error(client.post(URL, {"action": "add"}), "Select a file")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.jpg", files.SVG, TYPE_ERROR),
        ("photo.jpg", files.HTML, TYPE_ERROR),
        ("letter.pdf", files.pdf(tail=b"<html><script>alert(1)</script></html>"),
         "The selected PDF must not contain scripts or web pages"),
        ("photo.png", files.png_declaring(100_000, 100_000), "The selected image must be smaller than 40 megapixels"),
        ("photo.jpg", b"", "The selected file is empty"),
    ],
)  # fmt: skip
def test_refusals_are_gov_uk_errors_and_nothing_is_kept(client, request_types, root, name, content, message):
    _error(_upload(client, name, content), message)
    assert not Attachment.objects.exists()
    _error(_upload(client, name, content, action="continue"), message)  # Continue does not go on


def test_too_big(client, request_types, root, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024
    _error(
        _upload(client, "letter.pdf", files.pdf(tail=b"%" + b"x" * 2000)), "The selected file must be smaller than 1KB"
    )


def test_too_many(client, request_types, root, settings):
    settings.ATTACHMENTS_PER_FORM = 2
    _upload(client, "one.jpg")
    _upload(client, "two.jpg")
    page = _text(client.get(URL))
    assert "You have added 2 files, the most you can send." in page and 'type="file"' not in page
    _error(_upload(client, "three.jpg"), "You can only add up to 2 files")
    assert Attachment.objects.count() == 2


def test_files_from_one_address_are_limited_across_forms(client, request_types, root, settings):
    settings.ATTACHMENT_UPLOAD_RATE_IP = "3/h"
    assert _upload(client, "one.jpg").status_code == 302
    assert _upload(client, "photo.jpg", files.SVG).status_code == 200  # refused files count too
    other = Client()  # a new session: a new form, the same address
    assert _upload(other, "two.jpg").status_code == 302
    response = _upload(other, "three.jpg")
    assert response.status_code == 429 and "You have sent a lot of files" in _text(response)
    assert response["Retry-After"] == "3600"
    assert Attachment.objects.count() == 2
    assert other.post(URL, {"action": "continue"}).status_code == 302  # going on is not counted


def test_remove(client, request_types, root, django_capture_on_commit_callbacks):
    _upload(client, "sofa.jpg")
    attachment = Attachment.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"remove": attachment.pk})
    assert response.status_code == 302 and response["Location"] == URL
    assert not Attachment.objects.exists()
    assert not (root / attachment.stored_name).exists()
    assert "sofa.jpg has been removed" in _text(client.get(URL))
    assert client.post(URL, {"remove": attachment.pk}).status_code == 302  # a second click: nothing to do


def test_nobody_removes_another_residents_file(client, request_types, root):
    _upload(client, "sofa.jpg")
    attachment = Attachment.objects.get()
    other = Client()
    other.get(URL)
    assert other.post(URL, {"remove": attachment.pk}).status_code == 302
    assert Attachment.objects.filter(pk=attachment.pk).exists()


@pytest.mark.parametrize("junk", ["\x00", "abc", "-1", "0", "1.5", "9" * 30, ""])
def test_a_remove_button_with_junk_is_400(client, request_types, root, junk):
    assert client.post(URL, {"remove": junk}).status_code == 400


@pytest.mark.parametrize("name", ["ph\x00oto.jpg", "\x00", "\x00\x00.jpg", "a\x00/../../b.jpg"])
def test_nul_bytes_in_the_file_name(client, request_types, root, name):
    response = _upload(client, name)
    if response.status_code == 200:  # nothing left of the name: as if no file came
        _error(response, "Select a file")
    else:
        assert response.status_code == 302, response.status_code
    for attachment in Attachment.objects.all():
        assert "\x00" not in attachment.original_name and "/" not in attachment.original_name


def test_nul_bytes_in_the_other_fields(client, request_types, root):
    assert client.post(URL, {"action": "\x00"}).status_code == 200  # not Continue: "Select a file"
    assert _upload(client, action="\x00").status_code == 302


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_wrong_method(client, request_types, method):
    assert getattr(client, method)(URL).status_code == 405


def test_a_missing_csrf_token_is_refused(request_types, root):
    client = Client(enforce_csrf_checks=True)
    client.get(URL)
    assert _upload(client).status_code == 403
    assert not Attachment.objects.exists()


def test_the_files_reach_the_case_when_the_form_is_sent(client, request_types, root, send_bulky):
    _upload(client, "sofa.jpg")
    _upload(client, "letter.pdf", files.pdf())
    sent = send_bulky(key=uuid.UUID(_key(client)))
    assert [a.original_name for a in sent.case.attachments.all()] == ["sofa.jpg", "letter.pdf"]
    assert "summary-list" not in _text(client.get(URL))  # none pending under this key any more


def test_after_the_draft_runs_out(client, request_types, root, settings):
    _upload(client, "sofa.jpg")
    session = client.session
    session["contact_forms"]["bulky-waste"]["saved_at"] = 0
    session.save()
    response = _upload(client, "two.jpg")
    assert response.status_code == 400
    assert Attachment.objects.count() == 1  # the old key's file waits for the purge


# --- In the browser ---------------------------------------------------------------------------------


def _choose(page, path) -> None:
    # GOV.UK Frontend's file upload: its "Choose file" button opens the file chooser.
    with page.expect_file_chooser() as chooser:
        page.get_by_label("Upload a file").click()
    chooser.value.set_files(str(path))
    expect(page.get_by_text(path.name, exact=True)).to_be_visible()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1024, 375])
def test_the_files_page_in_a_browser(page, live_server, axe, request_types, root, tmp_path, width):
    photo = tmp_path / "sofa.jpg"
    photo.write_bytes(files.jpeg_with_gps())
    fake = tmp_path / "photo.jpg"
    fake.write_bytes(files.SVG)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + URL)
    expect(page.get_by_role("heading", name="Add photos or documents", level=1)).to_be_visible()
    assert page.locator("h1").evaluate("el => getComputedStyle(el).fontWeight") == "700"  # styled
    axe(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    _choose(page, fake)
    page.get_by_role("button", name="Add file").click()
    expect(page.get_by_role("alert")).to_contain_text(TYPE_ERROR)
    axe(page)  # with the error
    page.screenshot(path=f"var/contact-files-error-{width}.png", full_page=True)

    _choose(page, photo)
    page.get_by_role("button", name="Add file").click()
    expect(page.get_by_text("sofa.jpg has been added")).to_be_visible()
    expect(page.locator(".govuk-summary-list__key", has_text="sofa.jpg")).to_be_visible()
    axe(page)  # with a file added
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=f"var/contact-files-{width}.png", full_page=True)

    page.get_by_role("button", name="Remove sofa.jpg").click()
    expect(page.get_by_text("sofa.jpg has been removed")).to_be_visible()
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(re.compile(re.escape(ABOUT_YOU) + "$"))
