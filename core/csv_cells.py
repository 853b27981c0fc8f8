"""CSV cells that are safe to open in a spreadsheet, and a writer that makes every cell so.

A spreadsheet treats a cell beginning with =, +, -, @, a tab or a carriage return as a formula
(OWASP, "CSV Injection"), so a directory entry named ``=HYPERLINK(...)`` would run when an officer
opens the export; a leading NUL is treated the same, as it can hide what follows from the eye.
Every CSV the project writes goes through `csv_writer`, which prefixes such a cell with a single
quote: spreadsheets show the text and do not evaluate it. `cell_restore` is the inverse, for
imports, so an exported file re-imports unchanged.

A value that already begins with quotes and then one of those characters (``'=x``) gets one more
quote (``''=x``), so that restoring takes exactly one off and every value survives the round trip.
"""

import csv
import re

FORMULA_STARTS = "=+-@\t\r\0"
# Any run of quotes, then a character a spreadsheet would start a formula with.
_NEEDS_QUOTE = re.compile(r"'*[=+\-@\t\r\x00]")
_QUOTED = re.compile(r"'+[=+\-@\t\r\x00]")


def cell_neutralise(value: str) -> str:
    """Return `value` as a spreadsheet shows it but never evaluates it."""
    if _NEEDS_QUOTE.match(value):
        return "'" + value
    return value


def cell_restore(value: str) -> str:
    """Undo `cell_neutralise`: an imported cell of a quote and then a formula character loses the
    quote. Other cells are returned as they are."""
    if _QUOTED.match(value):
        return value[1:]
    return value


class NeutralisingDictWriter(csv.DictWriter):
    """A `csv.DictWriter` that neutralises every cell (header included) before writing it."""

    def __init__(self, stream, fieldnames, restval="", **kwargs):
        super().__init__(stream, fieldnames, restval=cell_neutralise(str(restval)), **kwargs)

    def writeheader(self):
        return self.writer.writerow([cell_neutralise(str(name)) for name in self.fieldnames])

    def writerow(self, rowdict):
        return super().writerow({key: _neutral(value) for key, value in rowdict.items()})

    def writerows(self, rowdicts):
        # DictWriter.writerows bypasses writerow, so neutralise here too.
        for rowdict in rowdicts:
            self.writerow(rowdict)


def _neutral(value) -> str:
    return cell_neutralise("" if value is None else str(value))


def csv_writer(stream, fieldnames, **kwargs) -> NeutralisingDictWriter:
    """A dict writer for `stream` whose every cell is neutralised: use it for every CSV the
    project writes. Keyword arguments are passed on to `csv.DictWriter`."""
    return NeutralisingDictWriter(stream, fieldnames=fieldnames, **kwargs)
