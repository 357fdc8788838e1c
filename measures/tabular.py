"""Reading CSV and Excel files into rows, and the problems and summaries imports report."""

from __future__ import annotations

import csv
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

# Digits with an optional sign and decimal point: no exponents, separators or symbols, so that
# "1,234" (a thousand? one point two?) and "87%" are questions for the sender, not guesses.
_PLAIN_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d+)?|\.\d+)$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
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


def parse_plain_decimal(text: str) -> Decimal | None:
    """A number written plainly ("87", "0.15", "-3"), or None for an empty cell."""
    text = text.strip()
    if not text:
        return None
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
    if _ISO_DATE.match(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise ValueError(f"{text!r} is not a date: write dates like 2017-06-30")


def read_table(
    path: Path, *, required: Sequence[str], optional: Sequence[str] = ()
) -> list[TableRow]:
    """The data rows of a .csv or .xlsx file whose first row names its columns.

    Headings are matched without regard to case or surrounding spaces; completely blank rows
    are skipped. Raises TableError when the file cannot be read or its columns are wrong.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise TableError(f"{path.name} is not a .csv or .xlsx file: save it as one of those.")
    if not path.is_file():
        raise TableError(f"There is no file at {path}.")
    lines = _csv_lines(path) if suffix == ".csv" else _xlsx_lines(path)
    return _rows(path, lines, required=required, optional=optional)


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


def _xlsx_lines(path: Path) -> Iterator[tuple[int, list[str]]]:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError):
        raise TableError(f"{path.name} cannot be opened as an Excel .xlsx workbook.") from None
    try:
        sheet = workbook.worksheets[0]
        # Some programs write a wrong sheet size; read-only mode would trust it and cut rows off.
        sheet.reset_dimensions()
        for number, cells in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1):
            yield number, [cell_text(cell) for cell in cells]
    finally:
        workbook.close()


def _rows(
    path: Path,
    lines: Iterable[tuple[int, list[str]]],
    *,
    required: Sequence[str],
    optional: Sequence[str],
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
    for number, cells in lines:
        texts = [cell.strip() for cell in cells]
        if not any(texts):
            continue
        values: dict[str, str] = {}
        for position, text in enumerate(texts):
            name = header[position] if position < len(header) else ""
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
