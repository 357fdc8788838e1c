"""Reading CSV and Excel files into rows, and the problems and summaries imports report."""

from __future__ import annotations

import csv
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.db.models import Model
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

# Digits with an optional sign and decimal point: no exponents, separators or symbols, so that
# "1,234" (a thousand? one point two?) and "87%" are questions for the sender, not guesses.
# ASCII digits only: Python's \d would also take full-width (１２) and Arabic-Indic (٤٥) ones.
_PLAIN_NUMBER = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)$")
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# What a spreadsheet cell's <v> may hold that openpyxl cannot read as a number.
_NOT_FINITE = {"nan", "-nan", "inf", "-inf", "+inf", "infinity", "-infinity", "+infinity"}
# PostgreSQL cannot store it in text, so no field may hold it.
NUL = "\x00"
# Excel keeps 15 significant digits; more would show binary noise (0.15000000000000002).
_EXCEL_DIGITS = 15


class TableError(Exception):
    """The file cannot be read as a table of the expected columns; the message says why."""


@dataclass(frozen=True)
class TableRow:
    """One data row: its number as a spreadsheet shows it, and its values by column name."""

    number: int
    values: dict[str, str]


@dataclass(frozen=True)
class Problem:
    """Something wrong with a cell (or a whole row, when column is empty) of a file."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = ", ".join(
            part
            for part in (
                f"row {self.row}" if self.row else "",
                f"column {self.column}" if self.column else "",
            )
            if part
        )
        return f"{where}: {self.message}" if where else self.message


class ImportRejected(Exception):
    """A file had problems, so nothing in it was imported."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(self.summary)

    @property
    def summary(self) -> str:
        rows = {problem.row for problem in self.problems if problem.row}
        if not rows:
            return "Nothing was imported: the file has problems."
        has = "row has" if len(rows) == 1 else "rows have"
        return f"Nothing was imported: {len(rows)} {has} problems."


@dataclass
class ImportSummary:
    """How many rows of a file created, changed or left alone what was already stored."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


def field_length(model: type[Model], name: str) -> int:
    """The most characters a model's text field holds, to check a file's cells before saving."""
    length = getattr(model._meta.get_field(name), "max_length", None)
    if not isinstance(length, int):
        raise TypeError(f"{model.__name__}.{name} has no length limit.")
    return length


def normalise_column(name: str) -> str:
    """A heading as a column name: "  Target Year " -> "target_year"."""
    return re.sub(r"[\s-]+", "_", name.replace("\ufeff", "").strip().lower())


def cell_text(value: Any) -> str:
    """A cell's value as the text a person sees: 87 -> "87", 0.15 -> "0.15", dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float):
        return _plain(Decimal(f"{value:.{_EXCEL_DIGITS}g}"))
    if isinstance(value, int | Decimal):
        return _plain(Decimal(value))
    return str(value).strip()


def _plain(number: Decimal) -> str:
    # normalize() drops trailing zeros; "f" keeps 100 from turning into 1E+2.
    text = format(number.normalize(), "f")
    return "0" if text == "-0" else text


def other_digits(text: str) -> str:
    """What other digits than 0 to 9 a text holds, in words ("full-width"); "" if none."""
    kinds = []
    for character in text:
        if character.isdigit() and not "0" <= character <= "9":
            name = unicodedata.name(character, "")
            if name.startswith("FULLWIDTH"):
                kind = "full-width"
            elif " DIGIT" in name:
                kind = name.split(" DIGIT")[0].title()  # "Arabic-Indic", "Devanagari"
            else:
                kind = "unusual"
            if kind not in kinds:
                kinds.append(kind)
    return " and ".join(kinds)


def _digits_problem(text: str) -> ValueError | None:
    kinds = other_digits(text)
    if not kinds:
        return None
    return ValueError(f"{text!r} is written with {kinds} digits: type it with the digits 0 to 9")


def nul_problem(text: str) -> str:
    """The message for text holding a NUL character, which no field may store; "" if none."""
    if NUL not in text:
        return ""
    return (
        "the cell holds a NUL character (an invisible control character, often left by "
        "copying from another program): delete it and type the text again"
    )


def parse_plain_decimal(text: str) -> Decimal | None:
    """A number written plainly ("87", "0.15", "-3"), or None for an empty cell."""
    text = text.strip()
    if not text:
        return None
    if problem := _digits_problem(text):
        raise problem
    if not _PLAIN_NUMBER.match(text):
        raise ValueError(
            f"{text!r} is not a plain number: write numbers like 87 or 0.15, "
            "without % signs or commas"
        )
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern only lets decimals through
        raise ValueError(f"{text!r} is not a number") from None


def parse_date(text: str) -> date | None:
    """A date written as YYYY-MM-DD, or None for an empty cell."""
    text = text.strip()
    if not text:
        return None
    if problem := _digits_problem(text):
        raise problem
    if _ISO_DATE.match(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise ValueError(f"{text!r} is not a date: write dates like 2017-06-30")


def read_table(
    path: Path,
    *,
    required: Sequence[str],
    optional: Sequence[str] = (),
    max_rows: int | None = None,
) -> list[TableRow]:
    """The data rows of a .csv or .xlsx file whose first row names its columns.

    Headings are matched without regard to case or surrounding spaces; completely blank rows
    are skipped. Raises TableError when the file cannot be read or its columns are wrong, or
    as soon as it is found to hold more than max_rows data rows (the rest is never read).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise TableError(f"{path.name} is not a .csv or .xlsx file: save it as one of those.")
    if not path.is_file():
        raise TableError(f"There is no file at {path}.")
    lines = _csv_lines(path) if suffix == ".csv" else _xlsx_lines(path)
    return _rows(path, lines, required=required, optional=optional, max_rows=max_rows)


def _csv_lines(path: Path) -> Iterator[tuple[int, list[str]]]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            # A record's number counts records, not lines: a quoted cell may span lines.
            yield from enumerate(csv.reader(handle), start=1)
    except UnicodeDecodeError:
        raise TableError(
            f"{path.name} is not in UTF-8: in Excel, save it as “CSV UTF-8 (Comma delimited)”."
        ) from None
    except csv.Error as error:
        raise TableError(f"{path.name} cannot be read as CSV: {error}.") from None


class OddCell(str):
    """An Excel cell with no value to read, as empty text carrying what the cell holds."""

    problem: str

    def __new__(cls, problem: str) -> OddCell:
        cell = super().__new__(cls, "")
        cell.problem = problem
        return cell


FORMULA_WITHOUT_RESULT = (
    "the cell holds a formula with no saved result: open and save the file in Excel, or type "
    "the value"
)


def _odd_cells(path: Path) -> tuple[dict[tuple[int, int], str], bool]:
    """Cells of the first sheet whose value openpyxl would read as empty, or fail to read.

    A formula saved without its result (files written by programs other than Excel), and a
    number cell holding NaN, infinity or nothing (what writers put for a NaN), by (row, column)
    counted from 1; and whether openpyxl would fail on one of them (NaN or infinity as text).
    """
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string
    from openpyxl.xml.functions import iterparse

    namespace = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    odd: dict[tuple[int, int], str] = {}
    unreadable = False
    with zipfile.ZipFile(path) as archive:
        sheet = _first_sheet_path(archive)
        with archive.open(sheet) as handle:
            for _, element in iterparse(handle):
                if element.tag != f"{namespace}c":
                    continue
                formula = element.find(f"{namespace}f")
                value = element.find(f"{namespace}v")
                kind = element.get("t", "n")
                text = (value.text or "").strip() if value is not None else None
                problem = ""
                if formula is not None and not text:
                    problem = FORMULA_WITHOUT_RESULT
                elif kind == "n" and text is not None and text.lower() in _NOT_FINITE:
                    what = "NaN (not a number)" if "nan" in text.lower() else "infinity"
                    problem = f"the cell holds {what}, not a figure: type the figure"
                    unreadable = True
                elif kind == "n" and value is not None and not text:
                    problem = (
                        "the cell is a number cell with no number in it (a program may have "
                        "written NaN or infinity there): type the figure"
                    )
                elif kind == "e" and text:
                    problem = f"the cell holds the Excel error {text}: correct it or type the value"
                if problem and element.get("r"):
                    letters, row = coordinate_from_string(element.get("r"))
                    odd[(row, column_index_from_string(letters))] = problem
                element.clear()
    return odd, unreadable


def _first_sheet_path(archive: zipfile.ZipFile) -> str:
    """The part name of the workbook's first sheet, as openpyxl would open it."""
    from openpyxl.reader.excel import ExcelReader

    reader = ExcelReader(archive.filename, read_only=True)
    reader.archive = archive
    reader.read_manifest()
    reader.read_workbook()
    return next(iter(reader.parser.find_sheets()))[1].target


def _xlsx_lines(path: Path) -> Iterator[tuple[int, list[str]]]:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
        odd, unreadable = _odd_cells(path)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, StopIteration):
        raise TableError(f"{path.name} cannot be opened as an Excel .xlsx workbook.") from None
    try:
        sheet = workbook.worksheets[0]
        # Some programs write a wrong sheet size; read-only mode would trust it and cut rows off.
        sheet.reset_dimensions()
        if unreadable:
            # openpyxl cannot read such a cell at all: report the odd cells, unread the rest.
            yield from _odd_rows(sheet, odd)
            return
        for number, cells in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1):
            yield (
                number,
                [
                    OddCell(odd[(number, column)]) if (number, column) in odd else cell_text(cell)
                    for column, cell in enumerate(cells, start=1)
                ],
            )
    finally:
        workbook.close()


def _odd_rows(sheet: Any, odd: dict[tuple[int, int], str]) -> Iterator[tuple[int, list[str]]]:
    """The header row as read, then only the odd cells, for a sheet openpyxl cannot read."""
    rows = sheet.iter_rows(min_row=1, values_only=True)
    last_header = 0
    for number, cells in enumerate(rows, start=1):
        texts = [cell_text(cell) for cell in cells]
        yield number, texts
        last_header = number
        if any(texts):
            break
    by_row: dict[int, dict[int, str]] = {}
    for (row, column), problem in odd.items():
        if row > last_header:
            by_row.setdefault(row, {})[column] = problem
    for row in sorted(by_row):
        width = max(by_row[row])
        yield (
            row,
            [
                OddCell(by_row[row][column]) if column in by_row[row] else ""
                for column in range(1, width + 1)
            ],
        )


def _rows(
    path: Path,
    lines: Iterable[tuple[int, list[str]]],
    *,
    required: Sequence[str],
    optional: Sequence[str],
    max_rows: int | None = None,
) -> list[TableRow]:
    lines = iter(lines)
    header: list[str] | None = None
    for _, cells in lines:
        if any(cell.strip() for cell in cells):
            header = [normalise_column(cell) for cell in cells]
            break
    expected = [*required, *optional]
    if header is None:
        raise TableError(
            f"{path.name} is empty: its first row should name the columns ({', '.join(expected)})."
        )
    check_columns([name for name in header if name], required=required, optional=optional)

    rows = []
    problems: list[Problem] = []
    for number, cells in lines:
        texts = [cell if isinstance(cell, OddCell) else cell.strip() for cell in cells]
        if not any(texts) and not any(isinstance(cell, OddCell) for cell in texts):
            continue
        values: dict[str, str] = {}
        for position, text in enumerate(texts):
            name = header[position] if position < len(header) else ""
            if isinstance(text, OddCell) and not name:
                continue  # an unreadable cell in a column without a heading holds nothing read
            # A cell no field can take is reported before anything else is checked.
            if problem := (text.problem if isinstance(text, OddCell) else nul_problem(text)):
                problems.append(Problem(number, name or f"{position + 1}", problem))
                continue
            if name:
                values[name] = text
            elif text:
                raise TableError(
                    f"Row {number} has a value in column {position + 1}, which has no heading: "
                    f"{text!r}."
                )
        for name in header:
            if name:
                values.setdefault(name, "")
        rows.append(TableRow(number=number, values=values))
        if max_rows is not None and len(rows) > max_rows:
            raise TableError(
                f"{path.name} has more than {max_rows:,} rows: an import may have at most "
                f"{max_rows:,}. Split it into smaller files."
            )
    if problems:
        raise ImportRejected(problems)
    return rows


def check_columns(
    columns: Sequence[str], *, required: Sequence[str], optional: Sequence[str]
) -> None:
    """Raise TableError unless the columns are the required ones plus any optional ones."""
    expected = [*required, *optional]
    repeated = sorted({name for name in columns if columns.count(name) > 1})
    missing = [name for name in required if name not in columns]
    unknown = [name for name in columns if name not in expected]
    messages = []
    if missing:
        messages.append(f"The file has no {_names(missing)} column{_s(missing)}.")
    if unknown:
        messages.append(f"The file has unknown column{_s(unknown)} {_names(unknown)}.")
    if repeated:
        messages.append(f"The file has more than one {_names(repeated)} column.")
    if messages:
        wanted = f"The columns are: {', '.join(required)}"
        if optional:
            wanted += f"; and optionally {', '.join(optional)}"
        raise TableError(" ".join([*messages, wanted + "."]))


def _names(names: Sequence[str]) -> str:
    quoted = [f"“{name}”" for name in names]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} and {quoted[-1]}"


def _s(names: Sequence[str]) -> str:
    return "" if len(names) == 1 else "s"


def nul_cells(frame: Any) -> list[tuple[Any, str]]:
    """The (index, column) of every text cell of a pandas frame that holds a NUL character."""
    found: list[tuple[Any, str]] = []
    for column in frame.columns:
        series = frame[column]
        if series.dtype.kind not in "OSUT":  # numbers and dates cannot hold one
            continue
        hits = series.map(lambda value: isinstance(value, str) and NUL in value).astype(bool)
        found += [(index, str(column)) for index in series.index[hits.to_numpy()]]
    return found


def read_raw_csv(path: Path) -> Any:
    """A CSV as a pandas frame of text, every line kept, so positions match spreadsheet rows.

    header=None keeps repeated headings visible (pandas would rename them) and
    skip_blank_lines=False keeps row numbers right. A byte-order mark is allowed.
    """
    import pandas as pd

    try:
        return pd.read_csv(
            path,
            header=None,
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
            encoding="utf-8-sig",
        )
    except UnicodeDecodeError:
        raise TableError(f"{path.name} is not in UTF-8.") from None
    except pd.errors.EmptyDataError:
        raise TableError(f"{path.name} is empty.") from None
    except pd.errors.ParserError as error:
        raise TableError(f"{path.name} cannot be read as CSV: {error}") from None
