"""Reading an uploaded CSV file: every malformed file gets a clear, line-numbered form error, never
a server error and never rows silently lost. Also: the export neutralises spreadsheet formulas."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from directory import csv_io
from directory.forms import MAX_UPLOAD_BYTES
from directory.models import Topic
from directory.services import entry_create

HEADER = ",".join(csv_io.COLUMNS)
# One cell a column: is_public is the 20th, then job_title, number_shareable and cost.
TOPIC = "topic,{slug},{name},waste,waste-collections,,,,,,,,,,,,,,,yes,,,"


def _topic_line(slug="garden-waste", name="Garden waste") -> str:
    return TOPIC.format(slug=slug, name=name)


def _file(*lines: str) -> bytes:
    return ("\r\n".join([HEADER, *lines]) + "\r\n").encode()


def _upload(client, content: bytes, name="directory.csv"):
    return client.post(reverse("directory:import"), {"file": SimpleUploadedFile(name, content, "text/csv")})


def _file_errors(client, administrator, content: bytes, **kwargs) -> list[str]:
    client.force_login(administrator)
    response = _upload(client, content, **kwargs)
    assert response.status_code == 200
    return response.context["form"].errors.get("file", [])


# --- Malformed CSV ------------------------------------------------------------------------------


def test_a_nul_byte_in_a_cell_is_refused_with_its_line(client, small_directory, administrator):
    content = _file(_topic_line(), _topic_line("a", "A"), _topic_line("b", "Bad\x00name"))
    assert _file_errors(client, administrator, content) == [
        "Line 4: the file contains a hidden control character (NUL). Remove it and upload the file again"
    ]
    assert not Topic.objects.filter(slug__in=["a", "b"]).exists()


@pytest.mark.parametrize(("character", "label"), [("\x1b", "ESC"), ("\x07", "BEL"), ("\x7f", "DEL"), ("\x85", "NEL")])
def test_other_control_characters_are_refused(client, small_directory, administrator, character, label):
    content = _file(_topic_line(), _topic_line("b", f"Bad{character}name"))
    assert _file_errors(client, administrator, content) == [
        f"Line 3: the file contains a hidden control character ({label}). Remove it and upload the file again"
    ]


def test_tabs_and_line_breaks_inside_quoted_cells_are_fine(client, small_directory, administrator):
    client.force_login(administrator)
    stream = io.StringIO()
    writer = csv.DictWriter(stream, fieldnames=csv_io.COLUMNS)
    writer.writeheader()
    writer.writerow({"record_type": "topic", "slug": "garden-waste", "name": "Garden\twaste", "service_area": "waste",
                     "team": "waste-collections", "adviser_script": "Line one\r\nline two"})  # fmt: skip
    response = _upload(client, stream.getvalue().encode())
    assert response.status_code == 302, response.context["form"].errors
    topic = Topic.objects.get(slug="garden-waste")
    assert (topic.name, topic.adviser_script) == ("Garden\twaste", "Line one\r\nline two")


def test_an_oversized_header_cell_is_refused(client, small_directory, administrator):
    content = (HEADER + "," + "x" * (128 * 1024 + 1) + "\r\n" + _topic_line() + "\r\n").encode()
    assert _file_errors(client, administrator, content) == [
        "Line 1: a cell is longer than 131,072 characters. Shorten it and upload the file again"
    ]


def test_an_oversized_cell_is_refused(client, small_directory, administrator):
    content = _file(_topic_line(), _topic_line("b", "y" * (128 * 1024 + 1)))
    assert _file_errors(client, administrator, content) == [
        "Line 3: a cell is longer than 131,072 characters. Shorten it and upload the file again"
    ]


def test_an_unclosed_quote_is_refused_rather_than_swallowing_the_rows_after_it(client, small_directory, administrator):
    content = _file(_topic_line(), _topic_line("b", '"Bad name'), _topic_line("c", "C"), _topic_line("d", "D"))
    assert _file_errors(client, administrator, content) == [
        'Line 3: a cell starts with a quote mark (") that is never closed. Close the quote or remove it, '
        "then upload the file again"
    ]
    assert not Topic.objects.filter(slug__in=["garden-waste", "b", "c", "d"]).exists()


def test_a_stray_quote_after_a_quoted_cell_is_refused(client, small_directory, administrator):
    content = _file(_topic_line(), _topic_line("b", '"Bad" name'))
    assert _file_errors(client, administrator, content) == [
        "Line 3: the file is not a valid CSV file (',' expected after '\"'). Check the quote marks on this line"
    ]


def test_a_row_with_more_cells_than_the_header_is_refused(client, small_directory, administrator):
    content = _file(_topic_line(), _topic_line("b", "B") + ",extra")
    assert _file_errors(client, administrator, content) == [
        "Line 3: the row has more cells than the first row has column names. Remove the extra cells"
    ]


# --- Odd files ----------------------------------------------------------------------------------


def test_utf16_is_refused_with_how_to_save_as_utf8(client, small_directory, administrator):
    content = ("\ufeff" + HEADER + "\r\n" + _topic_line() + "\r\n").encode("utf-16")
    assert _file_errors(client, administrator, content) == [
        "The selected file is saved as UTF-16: it must be saved as UTF-8 (CSV UTF-8 in Excel)"
    ]


def test_latin1_bytes_are_refused_with_their_line(client, small_directory, administrator):
    content = _file(_topic_line(), _topic_line("b", "Fees: £35").replace("£", "\xa3"))
    content = content.decode().replace("\xa3", "£").encode("latin-1")
    assert _file_errors(client, administrator, content) == [
        "Line 3: the file must be saved as UTF-8 (CSV UTF-8 in Excel)"
    ]


def test_a_utf8_byte_order_mark_is_fine(client, small_directory, administrator):
    client.force_login(administrator)
    response = _upload(client, b"\xef\xbb\xbf" + _file(_topic_line()))
    assert response.status_code == 302


def test_an_empty_file_is_refused(client, small_directory, administrator):
    assert _file_errors(client, administrator, b"") == ["The selected file is empty"]


def test_a_header_only_file_is_refused(client, small_directory, administrator):
    assert _file_errors(client, administrator, _file()) == ["The selected file has no rows after the header"]


def test_a_file_over_2_mb_is_refused(client, small_directory, administrator):
    content = _file(_topic_line())
    content += b" " * (MAX_UPLOAD_BYTES + 1 - len(content))
    assert len(content) == 2 * 1024 * 1024 + 1
    assert _file_errors(client, administrator, content) == ["The selected file must be smaller than 2 MB"]


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 4,  # an .xlsx file
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 4,  # an old .xls file
    ],
    ids=["png", "xlsx", "xls"],
)
def test_a_binary_file_renamed_csv_is_refused(client, small_directory, administrator, content):
    assert _file_errors(client, administrator, content) == [
        "The selected file is not a CSV file. If it is a spreadsheet, save it as CSV UTF-8 and upload it again"
    ]


def test_random_binary_bytes_are_refused(client, small_directory, administrator):
    errors = _file_errors(client, administrator, bytes(range(256)) * 8)
    assert len(errors) == 1 and "not a CSV file" in errors[0]


def test_ten_thousand_empty_lines_are_refused(client, small_directory, administrator):
    assert _file_errors(client, administrator, b"\r\n" * 10_000) == ["The selected file is empty"]


def test_ten_thousand_empty_rows_after_the_header_are_refused(client, small_directory, administrator):
    assert _file_errors(client, administrator, _file(*[""] * 10_000)) == [
        "The selected file has no rows after the header"
    ]


def test_a_missing_header_is_refused(client, small_directory, administrator):
    assert _file_errors(client, administrator, b"\r\n\r\n" + _file(_topic_line())) == [
        "The first row of the file must name the columns. Missing: record_type, slug, name"
    ]


# --- The export: spreadsheet formulas -----------------------------------------------------------


@pytest.mark.parametrize("name", ['=HYPERLINK("https://evil.example","Click")', "-2+3", "@SUM(1)", "+44", "\t=1"])
def test_export_neutralises_cells_a_spreadsheet_would_run(client, small_directory, administrator, name):
    entry_create(
        model=Topic,
        by=None,
        fields={"name": name, "slug": "formula", "service_area": small_directory["waste"],
                "team": small_directory["bins"], "synonyms": ["=cmd|' /C calc'!A0"]},
    )  # fmt: skip
    client.force_login(administrator)
    response = client.get(reverse("directory:export"))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    row = next(row for row in rows if row["slug"] == "formula")
    assert row["name"] == "'" + name
    assert row["synonyms"] == "'=cmd|' /C calc'!A0"
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row.values())
