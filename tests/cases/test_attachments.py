"""Files sent with online forms (cases.attachments and the services): checked by content, images
re-encoded without metadata, stored under generated names outside the web root, removed by the
resident or when the form is abandoned, given to the case when it is sent, and downloaded only by
staff who may work the case."""

import io
import re
import time
import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from cases import attachments, selectors, services, tasks
from cases.models import Attachment
from tests.cases import files

STORED_NAME = re.compile(r"^[0-9a-f]{2}/[0-9a-f]{32}\.(jpg|png|pdf)$")
TYPE_ERROR = "The selected file must be a JPG, PNG, WebP, GIF or PDF"
PDF_ERROR = "The selected PDF must not contain scripts or web pages"


@pytest.fixture
def root(settings, tmp_path):
    settings.ATTACHMENTS_ROOT = tmp_path / "attachments"
    return settings.ATTACHMENTS_ROOT


@pytest.fixture
def key():
    return uuid.uuid4()


def _add(key, name: str, content: bytes) -> Attachment:
    return services.attachment_add(key=key, upload=SimpleUploadedFile(name, content, content_type="image/jpeg"))


def _refused(key, name: str, content: bytes) -> list[str]:
    with pytest.raises(ValidationError) as error:
        _add(key, name, content)
    return error.value.messages


def _stored(root, attachment: Attachment) -> bytes:
    return (root / attachment.stored_name).read_bytes()


def _files(root) -> list:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


# --- By content -----------------------------------------------------------------------------------


def test_a_photo_loses_its_exif_and_gps_and_is_turned_the_right_way_up(db, root, key):
    original = files.jpeg_with_gps(size=(60, 40))
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(files.GPS_IFD)  # there to begin with
    attachment = _add(key, "IMG_0001.JPG", original)
    stored = _stored(root, attachment)
    image = Image.open(io.BytesIO(stored))
    assert image.format == "JPEG" and attachment.content_type == "image/jpeg"
    assert "exif" not in image.info and not image.getexif()
    assert b"Exif" not in stored and b"1 High Street" not in stored  # nor the comment
    assert image.size == (40, 60)  # orientation 6 applied: portrait, as the phone was held
    assert attachment.size == len(stored) and attachment.original_name == "IMG_0001.JPG"


def test_a_png_loses_its_text_chunks_and_keeps_its_transparency(db, root, key):
    attachment = _add(key, "drawing.png", files.png_with_text())
    stored = _stored(root, attachment)
    image = Image.open(io.BytesIO(stored))
    assert image.format == "PNG" and image.mode == "RGBA" and image.getpixel((0, 0)) == (255, 0, 0, 128)
    assert not image.text and b"Ann Smith" not in stored and b"address" not in stored
    for chunk in (b"tEXt", b"iTXt", b"zTXt", b"eXIf"):
        assert chunk not in stored


@pytest.mark.parametrize(
    ("format_", "mode", "stored_as"),
    [("GIF", "P", "image/png"), ("WEBP", "RGB", "image/jpeg"), ("WEBP", "RGBA", "image/png")],
)
def test_gif_and_webp_are_re_encoded(db, root, key, format_, mode, stored_as):
    attachment = _add(key, "picture.jpg", files.image(format_, mode=mode))
    assert attachment.content_type == stored_as
    assert attachment.stored_name.endswith(".png" if stored_as == "image/png" else ".jpg")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("photo.jpg", files.SVG),  # an SVG renamed
        ("photo.jpg", files.HTML),  # a web page renamed
        ("photo.svg", files.SVG),
        ("page.html", files.HTML),
        ("photo.jpg", files.image("BMP")),  # a real image, of a type not accepted
        ("photo.jpg", files.image("TIFF")),
        ("photo.jpg", files.image("JPEG", size=(200, 200))[:300]),  # cut short
        ("notes.txt", b"Just some text"),
        ("archive.zip", b"PK\x03\x04" + bytes(100)),
    ],
)
def test_anything_else_is_refused_whatever_its_name(db, root, key, name, content):
    assert _refused(key, name, content) == [TYPE_ERROR]
    assert not Attachment.objects.exists() and not _files(root)


def test_a_real_pdf_is_kept_byte_for_byte(db, root, key):
    document = files.pdf()
    attachment = _add(key, "letter.pdf", document)
    assert _stored(root, attachment) == document
    assert attachment.content_type == "application/pdf" and attachment.stored_name.endswith(".pdf")


@pytest.mark.parametrize(
    "document",
    [
        files.pdf(tail=b"<html><body><script>alert(1)</script></body></html>"),  # a PDF holding HTML
        files.pdf(tail=b"<HTML>"),
        files.pdf(catalog_extra=b" /OpenAction << /S /JavaScript /JS (app.alert(1)) >>"),
        files.pdf(catalog_extra=b" /OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >>"),  # #xx escapes
        files.pdf(catalog_extra=b" /OpenAction << /S /Launch /F (cmd.exe) >>"),
        files.pdf_with_object_stream(b"5 0 << /JS (app.alert(1)) >>"),  # hidden in a compressed stream
    ],
)
def test_a_pdf_with_html_or_scripts_is_refused(db, root, key, document):
    assert _refused(key, "letter.pdf", document) == [PDF_ERROR]
    assert not _files(root)


def test_names_like_the_active_ones_and_binary_streams_do_not_refuse_a_pdf(db, root, key):
    document = files.pdf(catalog_extra=b" /JSON 1 /Launcher 2")
    assert _add(key, "a.pdf", document).content_type == "application/pdf"
    with_data = files.pdf(tail=b"5 0 obj\n<< /Length 12 >>\nstream\n/JS /JS /JS\nendstream\nendobj\n")
    assert _add(key, "b.pdf", with_data).content_type == "application/pdf"
    assert _add(key, "c.pdf", files.pdf_with_object_stream(b"5 0 << /Title (Minutes) >>")).size


def test_an_encrypted_pdf_is_refused(db, root, key):
    document = files.pdf().replace(b"/Root 1 0 R", b"/Root 1 0 R /Encrypt 9 0 R")
    assert _refused(key, "locked.pdf", document) == ["The selected file is password protected"]


def test_a_pdf_must_start_as_one(db, root, key):
    assert _refused(key, "letter.pdf", b"\n" + files.pdf()) == [TYPE_ERROR]


@pytest.mark.parametrize("size", [(100_000, 100_000), (8_000, 6_000)])
def test_an_image_declaring_huge_dimensions_is_refused_from_its_header(db, root, key, size):
    started = time.monotonic()
    assert _refused(key, "photo.png", files.png_declaring(*size)) == [
        "The selected image must be smaller than 40 megapixels"
    ]
    assert time.monotonic() - started < 1  # nothing decoded
    assert not _files(root)


def test_an_empty_file(db, root, key):
    assert _refused(key, "photo.jpg", b"") == ["The selected file is empty"]


def test_a_file_too_big(db, root, key, settings):
    settings.ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024
    big = files.pdf(tail=b"%" + b"x" * (5 * 1024 * 1024))
    assert _refused(key, "big.pdf", big) == ["The selected file must be smaller than 5MB"]
    settings.ATTACHMENT_MAX_BYTES = 2048
    assert _refused(key, "photo.png", files.image("PNG", size=(400, 400), mode="RGB") + bytes(3000)) == [
        "The selected file must be smaller than 2KB"
    ]


def test_a_file_whose_upload_misstates_its_size_is_still_cut_off(db, root, key, settings):
    settings.ATTACHMENT_MAX_BYTES = 2048
    upload = SimpleUploadedFile("big.pdf", files.pdf(tail=b"%" + b"x" * 5000))
    upload.size = 10
    with pytest.raises(ValidationError, match="smaller than 2KB"):
        services.attachment_add(key=key, upload=upload)


def test_too_many_files(db, root, key, settings):
    settings.ATTACHMENTS_PER_FORM = 2
    _add(key, "one.pdf", files.pdf())
    _add(key, "two.pdf", files.pdf())
    assert _refused(key, "three.pdf", files.pdf()) == ["You can only add up to 2 files"]
    assert len(_files(root)) == 2
    _add(uuid.uuid4(), "another form.pdf", files.pdf())  # the limit is per form


# --- Storage ---------------------------------------------------------------------------------------


def test_stored_under_attachments_root_with_a_generated_name(db, root, key):
    attachment = _add(key, "../../etc/passwd\x00.jpg", files.jpeg_with_gps())
    assert STORED_NAME.match(attachment.stored_name)
    assert (root / attachment.stored_name).is_file()
    assert _files(root) == [root / attachment.stored_name]
    assert attachment.original_name == "passwd.jpg"
    assert (root / attachment.stored_name).stat().st_mode & 0o077 == 0  # the app's own


@pytest.mark.parametrize(
    ("sent", "shown"),
    [
        ("C:\\Users\\ann\\Pictures\\sofa.jpg", "sofa.jpg"),
        ("so\x00fa\x07.jpg", "sofa.jpg"),
        ("gpj\u202e.exe", "gpj.exe"),  # no right-to-left override to disguise it
        ("  sofa\u00a0in   garden .jpg ", "sofa in garden .jpg"),
        ("\x00", "Unnamed file"),
        ("a" * 200 + ".jpeg", "a" * 115 + ".jpeg"),
    ],
)
def test_original_names_are_cleaned_for_display(sent, shown):
    assert attachments.name_clean(sent) == shown
    assert len(attachments.name_clean(sent)) <= 120


def test_nothing_left_behind_when_the_row_cannot_be_saved(db, root, key, monkeypatch):
    def fail(**fields):
        raise IntegrityError("no")

    monkeypatch.setattr(Attachment.objects, "create", fail)
    with pytest.raises(IntegrityError):
        _add(key, "photo.jpg", files.jpeg_with_gps())
    assert not _files(root)


def test_nothing_left_behind_when_the_file_cannot_be_written(db, root, key, monkeypatch):
    def fail(name, content):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(content[:10])  # half written
        raise OSError("disk full")

    monkeypatch.setattr(attachments, "file_save", fail)
    with pytest.raises(OSError, match="disk full"):
        _add(key, "photo.jpg", files.jpeg_with_gps())
    assert not Attachment.objects.exists() and not _files(root)


# --- Removing, purging, claiming ------------------------------------------------------------------


def test_the_resident_removes_a_file_of_their_own_form_only(db, root, key, django_capture_on_commit_callbacks):
    attachment = _add(key, "photo.jpg", files.jpeg_with_gps())
    with django_capture_on_commit_callbacks(execute=True):
        assert services.attachment_remove(key=uuid.uuid4(), attachment_id=attachment.pk) is None
    assert (root / attachment.stored_name).exists()
    with django_capture_on_commit_callbacks(execute=True):
        removed = services.attachment_remove(key=key, attachment_id=attachment.pk)
    assert removed.original_name == "photo.jpg"
    assert not Attachment.objects.exists() and not _files(root)
    assert services.attachment_remove(key=key, attachment_id=attachment.pk) is None  # a second click


def test_pending_purge_removes_abandoned_forms_rows_and_files(
    db, root, key, case_make, django_capture_on_commit_callbacks
):
    old = _add(key, "old.jpg", files.jpeg_with_gps())
    fresh = _add(uuid.uuid4(), "fresh.jpg", files.jpeg_with_gps())
    sent_key = uuid.uuid4()
    sent = _add(sent_key, "sent.jpg", files.jpeg_with_gps())
    services.attachments_claim(key=sent_key, case=case_make())
    two_days_ago = timezone.now() - timedelta(days=2)
    Attachment.objects.filter(pk__in=[old.pk, sent.pk]).update(uploaded_at=two_days_ago)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.attachments_pending_purge() == 1
    assert set(Attachment.objects.values_list("pk", flat=True)) == {fresh.pk, sent.pk}
    assert sorted(_files(root)) == sorted([root / fresh.stored_name, root / sent.stored_name])


def test_the_purge_runs_daily(settings):
    entries = [entry for entry in settings.CELERY_BEAT_SCHEDULE.values() if entry["task"].endswith("pending_purge")]
    assert [entry["task"] for entry in entries] == ["cases.tasks.attachments_pending_purge"]


def test_claim_gives_the_files_to_the_case(db, root, key, case_make):
    first, second = _add(key, "a.jpg", files.jpeg_with_gps()), _add(key, "b.pdf", files.pdf())
    other = _add(uuid.uuid4(), "other.jpg", files.jpeg_with_gps())
    case = case_make()
    assert [a.pk for a in selectors.attachments_pending(key=key)] == [first.pk, second.pk]
    assert services.attachments_claim(key=key, case=case) == 2
    assert [a.pk for a in selectors.case_attachments(case=case)] == [first.pk, second.pk]
    assert selectors.attachments_pending(key=key) == []
    assert [a.pk for a in selectors.attachments_pending(key=other.upload_key)] == [other.pk]


# --- Staff downloads --------------------------------------------------------------------------------


@pytest.fixture
def sent(db, root, key, case_make):
    case = case_make()
    attachment = _add(key, "sofa on the pavement.jpg", files.jpeg_with_gps())
    services.attachments_claim(key=key, case=case)
    attachment.refresh_from_db()
    return attachment


def _download_url(attachment: Attachment) -> str:
    return reverse("cases:attachment-download", kwargs={"reference": attachment.case.reference, "pk": attachment.pk})


def test_the_officer_of_the_case_downloads_it(client, world, root, sent):
    client.force_login(world.officer_a)
    response = client.get(_download_url(sent))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "sofa on the pavement.jpg" in response["Content-Disposition"]
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == _stored(root, sent)


@pytest.mark.parametrize(("user", "status"), [("officer_b", 404), ("service_manager", 404), ("adviser", 403),
                                              ("councillor", 403), ("no_role", 403)])  # fmt: skip
def test_others_cannot_download_it(client, world, sent, user, status):
    client.force_login(world.users[user])
    assert client.get(_download_url(sent)).status_code == status


def test_anonymous_visitors_are_sent_to_sign_in(client, sent):
    response = client.get(_download_url(sent))
    assert response.status_code == 302 and response["Location"].startswith(reverse("portal:login"))


def test_a_file_of_another_case_or_none_is_404(client, world, sent, case_make):
    client.force_login(world.officer_a)
    other = case_make()
    url = reverse("cases:attachment-download", kwargs={"reference": other.reference, "pk": sent.pk})
    assert client.get(url).status_code == 404
    pending = _add(uuid.uuid4(), "pending.jpg", files.jpeg_with_gps())  # not a case's yet
    url = reverse("cases:attachment-download", kwargs={"reference": sent.case.reference, "pk": pending.pk})
    assert client.get(url).status_code == 404


def test_a_file_gone_from_disk_is_404_not_500(client, world, root, sent):
    (root / sent.stored_name).unlink()
    client.force_login(world.officer_a)
    assert client.get(_download_url(sent)).status_code == 404


def test_the_case_page_lists_the_files(client, world, sent):
    client.force_login(world.officer_a)
    page = client.get(reverse("cases:case-detail", kwargs={"reference": sent.case.reference})).content.decode()
    assert f'href="{_download_url(sent)}">sofa on the pavement.jpg</a> (JPEG, ' in page
    client.force_login(world.adviser)  # the summary: what the customer sent is not in it
    page = client.get(reverse("cases:case-detail", kwargs={"reference": sent.case.reference})).content.decode()
    assert "sofa on the pavement.jpg" not in page
