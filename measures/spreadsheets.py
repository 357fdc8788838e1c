"""CSV and XLSX files for download, whose cells can never run as spreadsheet formulas.

Every export (the dashboard, the benchmarks explorer, the admin's exports) writes through
here. A cell a spreadsheet would read as a formula (OWASP's CSV injection list: a leading
=, +, -, @, tab or carriage return) is neutralised: in CSV it gets a leading single quote,
in XLSX it is written as a text cell marked with Excel's quote prefix, so the text shows
exactly as typed. Genuine numbers, negative ones included, stay numbers.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from import_export.formats import base_formats
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"

# What a spreadsheet takes as the start of a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Spaces and line breaks before one of those do not stop some spreadsheets reading a formula.
_LEADING_SPACE = " \n"
_PLAIN_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d+)?|\.\d+)$")
# Excel keeps 15 significant digits: a longer number stays text so nothing is lost.
_EXCEL_DIGITS = 15
# Text that starts with a sign but cannot be a formula: LAIT's code for a missing figure.
_HARMLESS = {"-", "+"}


def is_plain_number(text: str) -> bool:
    """Whether the text is a number written plainly ("87", "-3.5", "0.15")."""
    return bool(_PLAIN_NUMBER.match(text))


def could_run_as_formula(text: str) -> bool:
    """Whether a spreadsheet could read this text as a formula (numbers never)."""
    if text.startswith(("\t", "\r")):
        return True
    stripped = text.lstrip(_LEADING_SPACE)
    if stripped in _HARMLESS or is_plain_number(stripped):
        return False
    return stripped.startswith(FORMULA_STARTS)


def csv_cell(value: Any) -> str:
    """A value as CSV text; one that could run as a formula gets a leading single quote.

    Carriage returns become line breaks: Python's CSV writer quotes a cell holding a line
    break, but would leave a lone carriage return bare, splitting the row in a spreadsheet.
    """
    text = "" if value is None else str(value)
    if could_run_as_formula(text):
        text = "'" + text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def without_quote(text: str) -> str:
    """Text read back from a CSV this module wrote: the quote it added is taken off again,
    so an exported file loads back unchanged."""
    if text.startswith("'") and could_run_as_formula(text[1:]):
        return text[1:]
    return text


def csv_text(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A CSV file (a heading row, then the rows) with no cell that could run as a formula."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([csv_cell(name) for name in headers])
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    return out.getvalue()


def _number(text: str) -> tuple[Decimal, str] | None:
    """A plain number's value and the Excel format that shows its decimal places."""
    if not is_plain_number(text):
        return None
    value = Decimal(text)
    digits = len(value.as_tuple().digits)
    if digits > _EXCEL_DIGITS:
        return None
    # exponent is a str only for NaN and infinities, which Decimal(text) of a checked cell never is.
    places = max(0, -value.as_tuple().exponent)  # type: ignore[operator]
    return value, "0" if places == 0 else "0." + "0" * places


def _write_cell(cell: Any, value: Any) -> None:
    if value is None or value == "":
        return
    if isinstance(value, bool):
        cell.value = str(value)
        return
    if isinstance(value, int | float | Decimal):
        cell.value = value
        return
    text = ILLEGAL_CHARACTERS_RE.sub("\N{REPLACEMENT CHARACTER}", str(value))
    number = _number(text)
    if number is not None:
        cell.value, cell.number_format = number
        return
    cell.value = text
    # Set after the value: openpyxl makes any text starting "=" a formula.
    cell.data_type = "s"
    if could_run_as_formula(text):
        cell.quotePrefix = True


def xlsx_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str) -> bytes:
    """An XLSX workbook of one sheet (bold headings, then the rows) in which no cell is a
    formula: numbers are numbers, and everything else is text shown as written."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = re.sub(r"[\\/*?:\[\]]", "-", title)[:31] or "Sheet"
    bold = Font(bold=True)
    for column, name in enumerate(headers, 1):
        cell = sheet.cell(row=1, column=column)
        _write_cell(cell, name)
        cell.font = bold
    sheet.freeze_panes = "A2"
    widths = [len(str(name)) for name in headers]
    for number, row in enumerate(rows, 2):
        for column, value in enumerate(row, 1):
            _write_cell(sheet.cell(row=number, column=column), value)
            if column <= len(widths):
                widths[column - 1] = max(widths[column - 1], min(len(str(value or "")), 60))
    for column, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(column)].width = width + 2
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def spreadsheet_response(content: str | bytes, *, fmt: str, name: str) -> HttpResponse:
    """A file to download: XLSX if `fmt` is "xlsx", otherwise CSV, saved as `name.fmt`."""
    content_type = XLSX_CONTENT_TYPE if fmt == "xlsx" else CSV_CONTENT_TYPE
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _dataset_rows(dataset: Any) -> list[list[Any]]:
    return [list(row) for row in dataset]


class SafeCSV(base_formats.CSV):
    """The admin's CSV export, written by csv_text."""

    def export_data(self, dataset: Any, **kwargs: Any) -> str:
        return csv_text(list(dataset.headers or []), _dataset_rows(dataset))


class SafeXLSX(base_formats.XLSX):
    """The admin's XLSX export, written by xlsx_bytes."""

    def export_data(self, dataset: Any, **kwargs: Any) -> bytes:
        return xlsx_bytes(
            list(dataset.headers or []), _dataset_rows(dataset), title=dataset.title or "Export"
        )
