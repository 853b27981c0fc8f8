"""Sample files for the attachments tests, made in memory: real images by Pillow (one with EXIF
and a GPS position, one with a text chunk), a minimal real PDF, and the bad ones a form must
refuse (an SVG or a web page named photo.jpg, a PDF holding HTML or JavaScript, a PNG whose
header declares 100,000 by 100,000 pixels)."""

import io
import struct
import zlib

from PIL import Image
from PIL.PngImagePlugin import PngInfo

ORIENTATION, GPS_IFD, GPS_LATITUDE = 0x0112, 0x8825, 2


def jpeg_with_gps(size=(60, 40)) -> bytes:
    """A photo taken with the phone on its side (EXIF orientation 6: turn 90 degrees to view),
    carrying where it was taken and a comment."""
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif.get_ifd(GPS_IFD)[GPS_LATITUDE] = (51.0, 30.0, 0.0)
    out = io.BytesIO()
    Image.new("RGB", size, "green").save(out, "JPEG", exif=exif, comment=b"taken at 1 High Street")
    return out.getvalue()


def png_with_text(size=(30, 20)) -> bytes:
    info = PngInfo()
    info.add_text("Author", "Ann Smith")
    info.add_itxt("Comment", "my home address")
    out = io.BytesIO()
    Image.new("RGBA", size, (255, 0, 0, 128)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def image(format_: str, size=(20, 20), mode="RGB") -> bytes:
    out = io.BytesIO()
    colour = {"P": 1, "RGBA": (0, 0, 255, 128)}.get(mode, "blue")
    Image.new(mode, size, colour).save(out, format_)
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width` x `height` pixels (a decompression bomb's header)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(b"")) + _chunk(b"IEND", b"")


SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def pdf(catalog_extra: bytes = b"", tail: bytes = b"") -> bytes:
    """A minimal real PDF: one blank page, with a correct cross-reference table."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R" + catalog_extra + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out) + tail


def pdf_with_object_stream(content: bytes) -> bytes:
    """A PDF with a compressed object stream (PDF 1.5) holding `content`."""
    data = zlib.compress(content)
    stream = b"4 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n" % len(data)
    return pdf(tail=stream + data + b"\nendstream\nendobj\n")
