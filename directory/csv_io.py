"""The directory's CSV format: one file, one row per entry, a `record_type` column saying which.

Officers are in it by their staff account's username: an import changes their directory profile
(team, job title, direct line, email, whether the number may be given out) but never creates or
renames an account. Absences are not in it: they change daily and are kept in the phone guide.
"""

import csv
import io
import re

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from core.csv_cells import csv_writer

from .models import Officer, Partner, ServiceArea, Team, Topic

COLUMNS = [
    "record_type", "slug", "name", "service_area", "team", "partner", "summary", "handles", "phone",
    "internal_phone", "email", "opening_hours", "web_url", "out_of_hours", "how_to_refer", "synonyms", "keywords",
    "adviser_script", "online_url", "is_public", "job_title", "number_shareable", "cost",
]  # fmt: skip
REQUIRED_COLUMNS = ["record_type", "slug", "name"]
# Imported in this order, so a row may refer to an entry created earlier in the same file.
RECORD_TYPES = ["service_area", "partner", "team", "officer", "topic"]
LIST_SEPARATOR = ";"

# record type -> {column: model field}
FIELD_MAP = {
    "service_area": {"slug": "slug", "name": "name", "summary": "summary", "handles": "handles",
                     "phone": "public_phone", "email": "public_email", "opening_hours": "opening_hours",
                     "web_url": "web_url", "is_public": "is_public"},
    "team": {"slug": "slug", "name": "name", "service_area": "service_area", "phone": "public_phone",
             "internal_phone": "internal_phone", "email": "email", "out_of_hours": "out_of_hours"},
    "partner": {"slug": "slug", "name": "name", "handles": "handles", "phone": "phone", "email": "email",
                "web_url": "web_url", "opening_hours": "opening_hours", "how_to_refer": "how_to_refer"},
    "officer": {"slug": "user", "team": "team", "job_title": "job_title", "phone": "direct_line", "email": "email",
                "number_shareable": "number_shareable"},
    "topic": {"slug": "slug", "name": "name", "service_area": "service_area", "team": "team", "partner": "partner",
              "synonyms": "synonyms", "keywords": "keywords", "adviser_script": "adviser_script",
              "online_url": "online_url", "is_public": "is_public", "summary": "description", "cost": "cost",
              "how_to_refer": "referral"},
}  # fmt: skip
MODELS = {"service_area": ServiceArea, "team": Team, "partner": Partner, "officer": Officer, "topic": Topic}
# The field an imported row is matched on: an existing entry is updated, otherwise one is added.
KEY_FIELDS = {"officer": "user"}

COLUMN_DOCS = [
    ("record_type", "Required. One of service_area, team, partner, officer or topic."),
    ("slug", "Required. The entry's page address, the end of its web address (lower-case letters, numbers, "
             "hyphens). Rows are matched on it: an existing slug updates that entry, a new one adds an entry. "
             "Officers: the username of their staff account, which must already exist."),
    ("name", "Required. The entry's name. Officers: shown for reading only (names belong to the staff account)."),
    ("service_area", "Teams and topics: the slug of their service area."),
    ("team", "Topics: the slug of the team that deals with it (or leave empty and give a partner). Officers: the "
             "slug of their team."),
    ("partner", "Topics: the slug of the partner organisation to send people to."),
    ("summary", "Service areas: one sentence for the A to Z. Topics: what it is, for its public page."),
    ("handles", "Service areas and partners: what they deal with."),
    ("phone", "Service areas and teams: public number. Partners: their number (101 and 111 are fine). "
              "Officers: their direct line."),
    ("internal_phone", "Teams: the staff-only number."),
    ("email", "Service areas, teams, partners and officers."),
    ("opening_hours", "Service areas and partners."),
    ("web_url", "Service areas and partners: a full web address starting https://."),
    ("out_of_hours", "Teams: what callers do outside office hours."),
    ("how_to_refer", "Partners: how advisers refer someone. Topics another body deals with: how residents "
                     "contact them, for the topic's public page."),
    ("synonyms", "Topics: other names, separated by semicolons (;)."),
    ("keywords", "Topics: keywords, separated by semicolons (;)."),
    ("adviser_script", "Topics: what advisers say or do."),
    ("online_url", "Topics: where residents can do it online."),
    ("is_public", "Service areas and topics: yes or no (empty means yes for service areas; no for topics, "
                  "which are not public until a manager says so)."),
    ("job_title", "Officers: their job title."),
    ("number_shareable", "Officers: yes if callers may be given their direct line, no if not (empty means no)."),
    ("cost", "Topics: what it costs, like “£35 for up to 3 items” (empty: nothing is said about cost)."),
]  # fmt: skip


def _cell(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return f"{LIST_SEPARATOR} ".join(value)
    if value is None:
        return ""
    return str(value)


def directory_export(stream, *, officers: QuerySet) -> None:
    """Write the directory to `stream` as CSV (5 queries): every service area, partner, team and
    topic, and the `officers` given (those the person exporting may edit: direct lines that may
    not be given to callers stay within the service area)."""
    # Cells a spreadsheet would run as formulas are neutralised (core.csv_cells).
    writer = csv_writer(stream, COLUMNS)
    writer.writeheader()
    querysets = {
        "service_area": ServiceArea.objects.all(),
        "partner": Partner.objects.all(),
        "team": Team.objects.select_related("service_area"),
        "officer": officers.select_related("user", "team"),
        "topic": Topic.objects.select_related("service_area", "team", "partner"),
    }
    for record_type in RECORD_TYPES:
        for entry in querysets[record_type]:
            row = {"record_type": record_type}
            for column, field in FIELD_MAP[record_type].items():
                value = getattr(entry, field)
                if field == "user":
                    value = value.get_username()
                row[column] = value.slug if hasattr(value, "slug") else _cell(value)
            if record_type == "officer":
                row["name"] = str(entry)
            writer.writerow(row)


# --- Reading an uploaded file --------------------------------------------------------------------

# Python's csv default, made explicit: a longer cell is refused with a message, not a crash.
FIELD_SIZE_LIMIT = 128 * 1024
# Control characters no directory entry has: C0 except tab, line feed and carriage return (which
# the CSV format itself uses), DEL and C1. PostgreSQL refuses NUL in text outright.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x0B: "VT", 0x0C: "FF", 0x1B: "ESC", 0x7F: "DEL", 0x85: "NEL"}
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# How files that are not CSV start: spreadsheets saved in their own format, images, PDFs.
_BINARY_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

SAVE_AS_UTF8 = "must be saved as UTF-8 (CSV UTF-8 in Excel)"
NOT_CSV_MESSAGE = (
    "The selected file is not a CSV file. If it is a spreadsheet, save it as CSV UTF-8 and upload it again"
)
EMPTY_MESSAGE = "The selected file is empty"
NO_ROWS_MESSAGE = "The selected file has no rows after the header"


def _line_of(text: str, position: int) -> int:
    """The 1-based line `position` is on, counting line breaks as the csv reader does."""
    return len(_LINE_BREAK.findall(text, 0, position)) + 1


def _decode(raw: bytes) -> str:
    if raw.startswith(_BINARY_SIGNATURES):
        raise ValidationError(NOT_CSV_MESSAGE)
    if raw.startswith(_UTF16_BOMS):
        raise ValidationError(f"The selected file is saved as UTF-16: it {SAVE_AS_UTF8}")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # Text in another encoding (Latin-1, Windows-1252) has no control bytes; a binary file has plenty.
        if error.start < 16 or len(_CONTROL_BYTES.findall(raw, 0, 1024)) > 8:
            raise ValidationError(NOT_CSV_MESSAGE) from None
        line = raw.count(b"\n", 0, error.start) + 1
        raise ValidationError(f"Line {line}: the file {SAVE_AS_UTF8}") from None


def rows_parse(raw: bytes) -> list[tuple[int, dict]]:
    """Read an uploaded directory CSV file into (line number, row) pairs, or raise ValidationError
    with one GOV.UK message saying what is wrong and on which line. The import page and the demo
    both read files through this, so the demo proves it too.

    Line numbers are the file's lines as a text editor counts them (the header is line 1); a row
    is numbered by the line it ends on. Cells are returned as written: undoing the export's
    formula neutralising (`core.csv_cells.cell_restore`) is the import's job."""
    if not raw.strip():
        raise ValidationError(EMPTY_MESSAGE)
    text = _decode(raw)
    head = text[:1024]
    if head.count("\x00") > len(head) // 4:
        # ASCII saved as UTF-16 without a byte order mark decodes as UTF-8, every other byte NUL.
        raise ValidationError(f"The selected file is saved as UTF-16: it {SAVE_AS_UTF8}")
    if len(_CONTROL.findall(head)) > 8:
        raise ValidationError(NOT_CSV_MESSAGE)
    control = _CONTROL.search(text)
    if control:
        code = ord(control.group())
        name = _CONTROL_NAMES.get(code, f"code {code}")
        line = _line_of(text, control.start())
        raise ValidationError(
            f"Line {line}: the file contains a hidden control character ({name}). Remove it and upload the file again"
        )
    lines = io.StringIO(text, newline="")
    # strict: a quote mark out of place is an error, and a quoted cell still open at the end of the
    # file is refused instead of swallowing every row after it.
    reader = csv.reader(lines, strict=True)
    records, header, started = [], None, 1
    try:
        for cells in reader:
            line, started = started, reader.line_num + 1
            if any(len(cell) > FIELD_SIZE_LIMIT for cell in cells):
                raise ValidationError(_csv_error_message("field larger than field limit", line))
            if header is None:
                header = cells
                missing = [column for column in REQUIRED_COLUMNS if column not in header]
                if missing:
                    raise ValidationError(
                        f"The first row of the file must name the columns. Missing: {', '.join(missing)}"
                    )
                continue
            if not cells:
                continue  # a blank line, as csv.DictReader skips them
            if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header) :]):
                raise ValidationError(
                    f"Line {line}: the row has more cells than the first row has column names. Remove the extra cells"
                )
            records.append(
                (reader.line_num, dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=False)))
            )
    except csv.Error as error:
        raise ValidationError(_csv_error_message(str(error), started)) from None
    if header is None:
        raise ValidationError(EMPTY_MESSAGE)
    if not records:
        raise ValidationError(NO_ROWS_MESSAGE)
    return records


def _csv_error_message(error: str, line: int) -> str:
    if "field larger than field limit" in error:
        return (
            f"Line {line}: a cell is longer than {FIELD_SIZE_LIMIT:,} characters. Shorten it and upload the file again"
        )
    if "unexpected end of data" in error:
        return (
            f'Line {line}: a cell starts with a quote mark (") that is never closed. Close the quote or remove it, '
            "then upload the file again"
        )
    return f"Line {line}: the file is not a valid CSV file ({error}). Check the quote marks on this line"
