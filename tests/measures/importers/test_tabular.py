"""Reading files into rows, plain numbers and dates, and how problems read."""

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from measures.importers.tabular import (
    ImportRejected,
    ImportSummary,
    Problem,
    TableError,
    TableRow,
    cell_text,
    parse_date,
    parse_plain_decimal,
    read_table,
)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("87", Decimal(87)),
        ("0.15", Decimal("0.15")),
        ("-3", Decimal(-3)),
        (" +4.5 ", Decimal("4.5")),
        (".5", Decimal("0.5")),
        ("", None),
        ("   ", None),
    ],
)
def test_plain_numbers_are_read_exactly(text: str, number: Decimal | None) -> None:
    assert parse_plain_decimal(text) == number


@pytest.mark.parametrize("text", ["87%", "1,234", "abc", "1e3", "£5", "4.", "NaN", "Infinity"])
def test_anything_but_a_plain_number_is_refused_with_an_example(text: str) -> None:
    with pytest.raises(ValueError) as error:
        parse_plain_decimal(text)

    assert str(error.value) == (
        f"{text!r} is not a plain number: write numbers like 87 or 0.15, without % signs or commas"
    )


def test_dates_are_read_in_iso_form_only() -> None:
    assert parse_date("2017-06-30") == date(2017, 6, 30)
    assert parse_date("") is None
    for text in ("30/06/2017", "2017-02-30", "June 2017"):
        with pytest.raises(ValueError, match="is not a date: write dates like 2017-06-30"):
            parse_date(text)


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        (None, ""),
        ("  LAC-RATE ", "LAC-RATE"),
        (87, "87"),
        (87.0, "87"),
        (0.15, "0.15"),
        (0.1 + 0.05, "0.15"),
        (1e-05, "0.00001"),
        (100, "100"),
        (Decimal("48.7000"), "48.7"),
        (date(2017, 6, 30), "2017-06-30"),
        (datetime(2017, 6, 30), "2017-06-30"),
        (datetime(2017, 6, 30, 9, 30), "2017-06-30 09:30:00"),
    ],
)
def test_cells_read_as_the_text_a_person_sees(cell: object, text: str) -> None:
    assert cell_text(cell) == text


def test_a_problem_reads_as_row_and_column_then_message() -> None:
    assert str(Problem(row=3, column="value", message="'87%' is not a plain number")) == (
        "row 3, column value: '87%' is not a plain number"
    )
    assert str(Problem(row=3, column="", message="already published")) == (
        "row 3: already published"
    )
    assert str(Problem(row=0, column="", message="bad file")) == "bad file"


def test_a_rejection_counts_the_rows_with_problems() -> None:
    problems = [Problem(2, "value", "a"), Problem(2, "period", "b"), Problem(5, "value", "c")]

    assert ImportRejected(problems).summary == "Nothing was imported: 2 rows have problems."
    assert ImportRejected(problems[:1]).summary == "Nothing was imported: 1 row has problems."


def test_a_summary_reads_as_counts() -> None:
    assert str(ImportSummary(created=2, updated=1)) == "2 created, 1 updated, 0 unchanged"


def test_rows_are_numbered_as_a_spreadsheet_numbers_them(tmp_path: Path) -> None:
    path = tmp_path / "return.csv"
    path.write_text(
        'Measure,PERIOD ,commentary\nLAC-RATE,2017/18 Q1,"two\nlines"\n,,\nFTE-YJ,2017/18 Q1\n',
        encoding="utf-8",
    )

    rows = read_table(path, required=["measure", "period"], optional=["commentary", "value"])

    assert rows == [
        TableRow(2, {"measure": "LAC-RATE", "period": "2017/18 Q1", "commentary": "two\nlines"}),
        TableRow(4, {"measure": "FTE-YJ", "period": "2017/18 Q1", "commentary": ""}),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "return.csv is empty: its first row should name the columns (measure, period)."),
        (
            "measure,period,measure\n",
            "The file has more than one “measure” column. The columns are: measure, period.",
        ),
        (
            "measure,period\nLAC-RATE,2017/18 Q1,48.7\n",
            "Row 2 has a value in column 3, which has no heading: '48.7'.",
        ),
    ],
)
def test_files_that_are_not_a_table_of_the_columns_are_refused(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "return.csv"
    path.write_text(content, encoding="utf-8")

    with pytest.raises(TableError) as error:
        read_table(path, required=["measure", "period"])

    assert str(error.value) == message


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(TableError, match="There is no file at"):
        read_table(tmp_path / "nowhere.csv", required=["measure"])


@pytest.mark.parametrize(
    ("text", "kind"),
    [("１２", "full-width"), ("٤٥", "Arabic-Indic"), ("۴۵", "Extended Arabic-Indic")],
)
def test_digits_other_than_0_to_9_are_refused_as_numbers_and_dates(text: str, kind: str) -> None:
    # Python's Decimal would read "１２" as 12: a figure typed in another script is a question.
    with pytest.raises(ValueError) as error:
        parse_plain_decimal(text)
    assert str(error.value) == (
        f"{text!r} is written with {kind} digits: type it with the digits 0 to 9"
    )
    with pytest.raises(ValueError, match="digits 0 to 9"):
        parse_date(f"２０１７-06-{text}")


def test_a_nul_character_in_any_cell_is_refused_by_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "return.csv"
    path.write_text("measure,period,commentary\nLAC-RATE,2017/18 Q1,Rising\x00 again\n")

    with pytest.raises(ImportRejected) as rejected:
        read_table(path, required=["measure", "period"], optional=["commentary"])

    assert [str(problem) for problem in rejected.value.problems] == [
        "row 2, column commentary: the cell holds a NUL character (an invisible control "
        "character, often left by copying from another program): delete it and type the text "
        "again"
    ]
