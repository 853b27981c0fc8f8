"""Files residents send with online forms: checked by what they contain (never by their name or
the browser's content type), images re-encoded without their metadata, and kept outside the web
root under generated names.

What is accepted: JPEG, PNG, WebP and GIF images, which Pillow decodes and saves again as JPEG or
PNG (so nothing but pixels survives: no EXIF with its GPS position, no XMP, comments or text
chunks; the EXIF orientation is applied first, so the photo stays the right way up), and PDF
documents, kept byte for byte but refused when they hold scripts, launch actions or HTML (a file
that is both a PDF and a web page), or are encrypted (then they cannot be checked). Anything
else, an SVG or a web page renamed photo.jpg included, is refused. The services (cases.services,
"Attachments") call these checks and store the result; the files are only ever served to staff,
as downloads."""

import io
import re
import unicodedata
import uuid
import warnings
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from PIL import Image, ImageOps, UnidentifiedImageError

# Larger images are refused from their header, before any pixel is decoded: a 40-megapixel photo
# takes 120 to 160 MB of memory to re-encode, and a small file can declare far more (a
# "decompression bomb"). Phones take 12 to 24 megapixels; the 5 MB limit refuses most larger
# photos anyway.
MAX_PIXELS = 40_000_000
# Pillow's own check only warns up to twice its limit: the warning is made an error below.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
# The decoders Pillow may use: any other (EPS calls Ghostscript, say) is never tried.
IMAGE_FORMATS = ["JPEG", "PNG", "WEBP", "GIF"]
NAME_MAX = 120

TYPE_ERROR = "The selected file must be a JPG, PNG, WebP, GIF or PDF"
PDF_ACTIVE_ERROR = "The selected PDF must not contain scripts or web pages"
LOCKED_ERROR = "The selected file is password protected"
PIXELS_ERROR = f"The selected image must be smaller than {MAX_PIXELS // 1_000_000} megapixels"
EMPTY_ERROR = "The selected file is empty"


def size_limit() -> str:
    """The largest file accepted as GOV.UK writes it: "5MB"."""
    size = settings.ATTACHMENT_MAX_BYTES
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            return f"{round(size / scale, 1):g}{unit}"
    return f"{size} bytes"


def size_error() -> str:
    return f"The selected file must be smaller than {size_limit()}"


@dataclass(frozen=True)
class Checked:
    """A file that passed the checks: what to store and what it is."""

    content: bytes
    content_type: str
    extension: str


def attachment_check(upload) -> Checked:
    """The file to store for `upload` (any file object with size and read()), or a
    ValidationError with the GOV.UK message. Reads at most ATTACHMENT_MAX_BYTES + 1 bytes."""
    limit = settings.ATTACHMENT_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(size_error(), code="too_big")
    upload.seek(0)
    content = upload.read(limit + 1)
    if not content:
        raise ValidationError(EMPTY_ERROR, code="empty")
    if len(content) > limit:
        raise ValidationError(size_error(), code="too_big")
    if content.startswith(b"%PDF-"):
        return _pdf_check(content)
    return _image_reencode(content)


# --- Images ---------------------------------------------------------------------------------------


def _image_reencode(content: bytes) -> Checked:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            opened = Image.open(io.BytesIO(content), formats=IMAGE_FORMATS)
        except (Image.DecompressionBombWarning, Image.DecompressionBombError):
            raise ValidationError(PIXELS_ERROR, code="too_many_pixels") from None
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
            raise ValidationError(TYPE_ERROR, code="type") from None
        if opened.width * opened.height > MAX_PIXELS:
            raise ValidationError(PIXELS_ERROR, code="too_many_pixels")
        try:
            # The (first) frame decoded, the right way up, in place: a 40-megapixel image is
            # in memory once, plus once in the mode it is saved in.
            opened.load()
            ImageOps.exif_transpose(opened, in_place=True)
            has_alpha = opened.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in opened.info
            mode = "RGBA" if has_alpha else "L" if opened.mode == "L" else "RGB"
            image = opened if opened.mode == mode else opened.convert(mode)
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
            # Truncated or corrupt: not an image anyone could open.
            raise ValidationError(TYPE_ERROR, code="type") from None
    # Pillow writes back some of what it read (a JPEG's comment, a PNG's colour profile) unless
    # the image forgets it.
    image.info = {}
    out = io.BytesIO()
    # Photos stay JPEG; drawings, screenshots and anything transparent become PNG.
    if not has_alpha and opened.format in ("JPEG", "MPO", "WEBP"):
        image.save(out, "JPEG", quality=90)
        return Checked(content=out.getvalue(), content_type="image/jpeg", extension=".jpg")
    image.save(out, "PNG", optimize=False)
    return Checked(content=out.getvalue(), content_type="image/png", extension=".png")


# --- PDF ------------------------------------------------------------------------------------------

# HTML anywhere in the file: a browser or mail client sniffing it could render it as a page.
_HTML = re.compile(rb"<\s*(?:html|script|body|iframe|svg|!doctype\s+html)\b", re.IGNORECASE)
# Names of what runs code or another program (JavaScript actions, launch actions, XFA forms),
# ended by a delimiter so that /JSON or /Launcher do not count.
_END = rb"(?=[\s/<>\[\]()%{}]|$)"
_ACTIVE = re.compile(rb"/(?:JS|JavaScript|Launch|XFA|RichMedia)" + _END)
# The long names, unlikely to appear by chance in binary data, are looked for everywhere.
_ACTIVE_LONG = re.compile(rb"/(?:JavaScript|Launch|XFA|RichMedia)" + _END)
_ENCRYPT = re.compile(rb"/Encrypt" + _END)
_STREAM = re.compile(rb"\bstream(?:\r\n|\n|\r)")
_OBJECT_STREAM = re.compile(rb"/Type\s*/ObjStm" + _END)
_FLATE_ONLY = re.compile(rb"/Filter\s*(?:\[\s*)?/FlateDecode\s*\]?" + _END)
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
# What object streams may inflate to in all, against "zip bombs" (they hold dictionaries: small).
_INFLATE_MAX = 20 * 1024 * 1024


def _unescape(data: bytes) -> bytes:
    """Names with their #xx escapes decoded: /J#53 is /JS."""
    return _NAME_ESCAPE.sub(lambda escape: bytes([int(escape[1], 16)]), data)


def _pdf_check(content: bytes) -> Checked:
    """The PDF as sent, unless it holds HTML or active content, or is encrypted (then its
    contents could not be checked, nor read by staff without the password).

    The short name /JS is looked for only outside the streams, where binary image data could
    match it by chance, and in the compressed object streams, where PDF 1.5 may keep the
    dictionaries."""
    everything = _unescape(content)
    if _HTML.search(content) or _ACTIVE_LONG.search(everything):
        raise ValidationError(PDF_ACTIVE_ERROR, code="pdf_active")
    if _ENCRYPT.search(everything):
        raise ValidationError(LOCKED_ERROR, code="password")
    syntax = _outside_streams(content) + _object_streams(content)
    if _ACTIVE.search(_unescape(syntax)) or _HTML.search(syntax):
        raise ValidationError(PDF_ACTIVE_ERROR, code="pdf_active")
    return Checked(content=content, content_type="application/pdf", extension=".pdf")


def _stream_end(content: bytes, start: int) -> int:
    end = content.find(b"endstream", start)
    return len(content) if end < 0 else end


def _outside_streams(content: bytes) -> bytes:
    parts, position = [], 0
    for match in _STREAM.finditer(content):
        if match.start() >= position:  # else the word "stream" in a stream's data
            parts.append(content[position : match.start()])
            position = _stream_end(content, match.end())
    parts.append(content[position:])
    return b"\n".join(parts)


def _object_streams(content: bytes) -> bytes:
    """Every object stream's content, inflated: plain or Flate-compressed; any other filter, a
    corrupt stream or more than _INFLATE_MAX bytes in all, and the file is refused, as it cannot
    be checked."""
    parts, budget = [], _INFLATE_MAX
    for match in _OBJECT_STREAM.finditer(content):
        stream = _STREAM.search(content, match.end())
        if stream is None:
            break
        header_start = content.rfind(b"obj", 0, match.start())
        header = content[max(header_start, 0) : stream.start()]
        data = content[stream.end() : _stream_end(content, stream.end())]
        if b"/Filter" in header:
            if not _FLATE_ONLY.search(header):
                raise ValidationError(TYPE_ERROR, code="type")
            try:
                data = zlib.decompressobj().decompress(data, budget + 1)
            except zlib.error:
                raise ValidationError(TYPE_ERROR, code="type") from None
        budget -= len(data)
        if budget < 0:
            raise ValidationError(TYPE_ERROR, code="type")
        parts.append(data)
    return b"\n".join(parts)


# --- Names and storage ----------------------------------------------------------------------------


def name_clean(name: str) -> str:
    """The resident's file name, for display only: no folders, no control or formatting
    characters (a right-to-left override can make "gpj.exe" look like "exe.jpg"), at most 120
    characters keeping the extension."""
    name = str(name).replace("\\", "/").rsplit("/", 1)[-1]
    # Other spaces (no-break, line separators) become plain ones.
    name = "".join(
        " " if unicodedata.category(char)[0] == "Z" else char for char in name if unicodedata.category(char)[0] != "C"
    )
    name = " ".join(name.split()).strip(" .") or "Unnamed file"
    if len(name) <= NAME_MAX:
        return name
    stem, dot, extension = name.rpartition(".")
    if not dot or len(extension) > 10:
        return name[:NAME_MAX]
    return stem[: NAME_MAX - len(extension) - 1] + "." + extension


def storage() -> FileSystemStorage:
    """Where the files live: ATTACHMENTS_ROOT, outside the web root, readable by the app only.
    No base_url: no file has a URL; staff download them through cases:attachment-download."""
    # Overwriting is allowed so the name stays the one the row holds (a uuid4 is never taken).
    return FileSystemStorage(
        location=settings.ATTACHMENTS_ROOT,
        file_permissions_mode=0o600,
        directory_permissions_mode=0o700,
        allow_overwrite=True,
    )


def stored_name_make(extension: str) -> str:
    """A new, unguessable name; folders by its first two characters keep each folder small."""
    name = uuid.uuid4().hex
    return f"{name[:2]}/{name}{extension}"


def file_save(name: str, content: bytes) -> None:
    storage().save(name, ContentFile(content))


def files_delete(names: Iterable[str]) -> None:
    """Remove stored files (nothing for one already gone)."""
    files = storage()
    for name in names:
        files.delete(name)


def file_open(name: str):
    """The stored file, open for reading; FileNotFoundError if it has gone."""
    return storage().open(name, "rb")
