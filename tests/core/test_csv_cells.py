"""Spreadsheet formula injection: cells a spreadsheet would evaluate are neutralised on the way
out and restored on the way in (OWASP, "CSV Injection")."""

import csv
import io

import pytest

from core.csv_cells import cell_neutralise, cell_restore, csv_writer

FORMULAS = ['=HYPERLINK("https://evil.example","Click")', "+1", "-2+3", "@SUM(1)", "\tcmd", "\rcmd", "\x00cmd", "=1+1"]
PLAIN = ["", "Council tax", "01632 960001", "a=b", "e-mail", "'quoted", "it's", " =1", "name@example.gov.uk"]


@pytest.mark.parametrize("value", FORMULAS)
def test_formula_cells_get_a_leading_quote(value):
    assert cell_neutralise(value) == "'" + value


@pytest.mark.parametrize("value", PLAIN)
def test_other_cells_are_left_alone(value):
    assert cell_neutralise(value) == value
    assert cell_restore(value) == value


@pytest.mark.parametrize("value", [*FORMULAS, *PLAIN, "'=1", "''+2", "'-", "'''@x"])
def test_restore_undoes_neutralise(value):
    assert cell_restore(cell_neutralise(value)) == value


def test_a_value_already_quoted_before_a_formula_character_keeps_its_quote():
    # Otherwise "'=1" would be exported as it is and come back as "=1".
    assert cell_neutralise("'=1") == "''=1"
    assert cell_restore("''=1") == "'=1"


def test_restore_takes_the_quote_off_only_before_a_formula_character():
    assert cell_restore("'=SUM(A1)") == "=SUM(A1)"
    assert cell_restore("'hello") == "'hello"


def test_writer_neutralises_every_cell_header_and_rows():
    stream = io.StringIO()
    writer = csv_writer(stream, ["name", "=evil"])
    writer.writeheader()
    writer.writerow({"name": "-2+3", "=evil": None})
    writer.writerows([{"name": "@SUM(1)"}, {"name": "plain", "=evil": "+44"}])
    assert list(csv.reader(io.StringIO(stream.getvalue()))) == [
        ["name", "'=evil"],
        ["'-2+3", ""],
        ["'@SUM(1)", ""],
        ["plain", "'+44"],
    ]
