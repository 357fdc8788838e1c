"""Importing DfE's Local Authority Interactive Tool (LAIT) long file and its data dictionary."""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow
import pyarrow.parquet
from django.db import transaction
from django.utils import timezone
from tqdm import tqdm

from measures.benchmarking.areas import AreaBook, old_code
from measures.benchmarking.models import (
    BenchmarkIndicator,
    BenchmarkValue,
    indicator_slug,  # noqa: F401  (re-exported)
)
from measures.benchmarking.ranking import (
    MAX_RANGE_YEARS,
    normalise_period_label,
    parse_value,
    period_sort_key,
)
from measures.importers.replace import STORED_LIMIT, lock_values, replace_values, stored_text
from measures.importers.tabular import (
    NUL,
    ImportRejected,
    Problem,
    TableError,
    field_length,
    nul_cells,
    nul_problem,
)
from measures.rules.benchmark_periods import YearType, year_type_of
from measures.rules.rating import Polarity

SOURCE = "LAIT"

# The long file's columns. "Data item" only titles indicators the dictionary lacks, and most of
# its cells are empty, so a file without it can still be imported.
CODE, TITLE, YEARS, NAME, VALUES, NUMBER, REGION = (
    "Short Desc",
    "Data item",
    "Years",
    "LA and Regions",
    "Values",
    "LA Number",
    "Region",
)
PARQUET_REQUIRED = (CODE, YEARS, NAME, VALUES, NUMBER, REGION)
PARQUET_OPTIONAL = (TITLE,)

DICTIONARY_REQUIRED = ("Measure_short", "Measure", "Polarity", "dps", "No_Quartile")
DICTIONARY_OPTIONAL = ("Topic", "y_axis_name", "Description", "Year_Type")

# LAIT's placeholder for a figure with no period: 170 rows of CINPermExclusion, all "-".
NO_PERIOD = "0"

# A systematic fault (a shifted column) would otherwise print every one of 641,070 rows.
MAX_PROBLEMS_PER_COLUMN = 100

_MAX_PERIOD = field_length(BenchmarkValue, "period")
_MAX_RAW = field_length(BenchmarkValue, "raw")

# LAIT writes some small numbers as Python floats print them: 7.0000000000000007E-2 (2,917 rows
# of exclusion and Progress 8 figures). Only that shape is read as a number; anything else that
# parse_value rejects is a fault in the file.
_FLOAT_EXPONENT = re.compile(r"^[+-]?\d+(?:\.\d+)?[eE][+-]?\d{1,3}$", re.ASCII)
# Three academic years pooled, as LAIT labels hospital admissions: 2013/14-15/16.
_ACADEMIC_SPAN = re.compile(r"^(\d{4})/(\d{2})-(\d{2})/(\d{2})$")


@dataclass
class LaitSummary:
    """What an import of the LAIT file created, changed, removed or left alone."""

    indicators_created: int = 0
    indicators_updated: int = 0
    indicators_unchanged: int = 0
    values_created: int = 0
    values_updated: int = 0
    values_unchanged: int = 0
    values_removed: int = 0
    authorities_created: int = 0
    rows_read: int = 0
    rows_skipped: int = 0  # Years "0": no period to file them under
    duplicates_dropped: int = 0  # repeated rows with the same figure
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(
            self.indicators_created
            or self.indicators_updated
            or self.values_created
            or self.values_updated
            or self.values_removed
            or self.authorities_created
        )

    def __str__(self) -> str:
        lines = [
            f"indicators: {self.indicators_created:,} created, {self.indicators_updated:,} "
            f"updated, {self.indicators_unchanged:,} unchanged",
            f"values: {self.values_created:,} created, {self.values_updated:,} updated, "
            f"{self.values_unchanged:,} unchanged, {self.values_removed:,} removed",
            f"authorities created: {self.authorities_created:,}",
            f"rows read: {self.rows_read:,}; skipped {self.rows_skipped:,} with no period "
            f'(Years "{NO_PERIOD}"); {self.duplicates_dropped:,} repeated rows dropped',
            f"elapsed: {self.seconds:.1f} s",
        ]
        return "\n".join(lines)


@dataclass(frozen=True)
class IndicatorInfo:
    """What the dictionary says about one indicator code."""

    title: str
    topic: str = ""
    polarity: Polarity = Polarity.NONE
    decimal_places: int | None = None
    banded: bool = True
    description: str = ""
    y_axis_name: str = ""
    year_type: YearType = YearType.UNKNOWN


def lait_period(label: str) -> tuple[str, int]:
    """A LAIT period label, normalised, and its sort key; ValueError if it is not a period.

    Beyond what period_sort_key reads, LAIT pools academic years as 2013/14-15/16, which sorts
    with the last year in it (2015/16), as "2014-16" sorts with 2016.
    """
    period = normalise_period_label(label)
    try:
        return period, period_sort_key(period)
    except ValueError:
        match = _ACADEMIC_SPAN.match(period)
        if not match:
            raise
    first = int(match[1])
    last = first - first % 100 + int(match[3])
    if last <= first:
        last += 100
    # Each end is one academic year (2013/14), and the span runs forward, as 2014-16 does.
    one_year = int(match[2]) == (first + 1) % 100 and int(match[4]) == (last + 1) % 100
    if not one_year or last - first >= MAX_RANGE_YEARS:
        raise ValueError(f"{label!r} is not a span of academic years such as 2013/14-15/16")
    return period, (last + 1) * 10


def read_value(text: Any, *, decimal_places: int | None) -> tuple[str | None, str]:
    """A LAIT value as stored: the number as text at the stored 6 places (or None), and a status.

    The text is what PostgreSQL prints for numeric(20, 6), so stored and new figures compare as
    strings. Raises ValueError for text that is neither a number nor a missing-value code.
    """
    if isinstance(text, str) and _FLOAT_EXPONENT.match(text.strip()):
        text = Decimal(text.strip())
    parsed = parse_value(text, decimal_places=decimal_places)
    if parsed.value is None:
        return None, parsed.status
    if abs(parsed.value) >= STORED_LIMIT:
        raise ValueError(
            f"{text!r} is too large to store (the limit is 14 digits before the point)"
        )
    return stored_text(parsed.value), ""


def import_lait(*, parquet: Path, dictionary: Path, progress: bool = False) -> LaitSummary:
    """Import LAIT's indicators and values, replacing stored values for the periods the file has.

    Every problem in either file is found before anything is written, and then everything is
    written in one transaction, so a rejected file changes nothing. Values of an indicator and
    period the file has but an area no longer does are removed; other periods are untouched.
    Raises TableError when a file cannot be read or lacks a column, and ImportRejected with
    every problem otherwise; parquet row numbers count data rows from 1 (pandas index + 1).
    """
    started = time.perf_counter()
    summary = LaitSummary()
    stages = ["reading", "checking", "indicators and areas", "values"]
    with tqdm(
        total=len(stages), unit="stage", disable=not progress, file=sys.stderr, leave=False
    ) as bar:
        bar.set_description(stages[0])
        parquet, dictionary = Path(parquet), Path(dictionary)
        infos, warnings, problems = read_dictionary(dictionary)
        summary.warnings.extend(warnings)
        frame = read_parquet(parquet)
        if found := nul_cells(frame):
            message = nul_problem(NUL)
            raise ImportRejected([Problem(int(i) + 1, column, message) for i, column in found])
        summary.rows_read = len(frame)
        _advance(bar, stages)

        rows, titles, skipped, dropped, row_problems = _prepare(frame, infos, parquet.name)
        problems += row_problems
        summary.rows_skipped, summary.duplicates_dropped = skipped, dropped
        codes = list(titles)
        problems += _foreign_codes(codes)
        if problems:
            raise ImportRejected(problems)
        missing = [code for code in codes if code not in infos]
        if missing:
            summary.warnings.append(
                f"{len(missing)} indicator{'s are' if len(missing) > 1 else ' is'} not in "
                f"{dictionary.name}, so titled from the file's Data item with no polarity: "
                + ", ".join(missing)
            )
        _advance(bar, stages)

        with transaction.atomic():
            lock_values()
            indicator_ids = _save_indicators(codes, infos, titles, summary)
            book = AreaBook()
            area_ids = _area_ids(rows, book)
            summary.authorities_created = book.created
            new = pd.DataFrame(
                {
                    "indicator_id": rows["code"].map(indicator_ids).astype("int64"),
                    "period": rows["period"],
                    "period_key": rows["period_key"].astype("int64"),
                    "area_id": rows["old_code"].map(area_ids).astype("int64"),
                    "value": rows["value"],
                    "status": rows["status"],
                    "raw": rows["raw"],
                }
            )
            _advance(bar, stages)

            changes = replace_values(rows=new)
            summary.values_created, summary.values_updated = changes.added, changes.changed
            summary.values_unchanged, summary.values_removed = changes.unchanged, changes.removed
            _advance(bar, stages)
    summary.seconds = time.perf_counter() - started
    return summary


def _advance(bar: tqdm, stages: list[str]) -> None:
    bar.update()
    if bar.n < len(stages):
        bar.set_description(stages[bar.n])


# Reading the files.


def read_parquet(path: Path) -> pd.DataFrame:
    """The long file's columns we use, every cell as text except LA Number as pandas reads it."""
    if not path.is_file():
        raise TableError(f"There is no file at {path}.")
    try:
        names = pyarrow.parquet.read_schema(path).names
    except (pyarrow.ArrowException, OSError):
        raise TableError(f"{path.name} cannot be read as a parquet file.") from None
    missing = [name for name in PARQUET_REQUIRED if name not in names]
    if missing:
        raise TableError(
            f"{path.name} has no {_quoted(missing)} column{'s' if len(missing) > 1 else ''}: "
            f"its columns are {_quoted(names) or 'none'}."
        )
    columns = [name for name in (*PARQUET_REQUIRED, *PARQUET_OPTIONAL) if name in names]
    try:
        return pd.read_parquet(path, columns=columns).reset_index(drop=True)
    except (pyarrow.ArrowException, OSError) as error:
        raise TableError(f"{path.name} cannot be read as a parquet file: {error}") from None


def read_dictionary(path: Path) -> tuple[dict[str, IndicatorInfo], list[str], list[Problem]]:
    """The dictionary by code, warnings about codes it lists twice, and problems in its cells.

    Row numbers count CSV records as a spreadsheet numbers rows (the header is row 1); a cell
    may span lines. R wrote the file, so an unquoted NA is an empty cell.

    14 codes are listed twice (the same indicator under two topics), some with different
    decimal places or banding. The rule: title, topic, description and axis name come from
    the first row; polarity and decimal places from the first row that gives them (a blank
    says nothing); and the indicator is not banded if any row says No_Quartile N, as a quartile
    band DfE may not show invites a judgement the data may not bear.
    """
    if not path.is_file():
        raise TableError(f"There is no file at {path}.")
    try:
        table = pd.read_csv(
            path,
            dtype=str,
            keep_default_na=False,
            na_values=["NA"],
            encoding="utf-8-sig",
        )
    except UnicodeDecodeError:
        raise TableError(f"{path.name} is not in UTF-8.") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError, OSError) as error:
        raise TableError(f"{path.name} cannot be read as CSV: {error}") from None
    table.columns = [str(name).strip() for name in table.columns]
    missing = [name for name in DICTIONARY_REQUIRED if name not in table.columns]
    if missing:
        raise TableError(
            f"{path.name} has no {_quoted(missing)} column{'s' if len(missing) > 1 else ''}: "
            f"its columns are {_quoted(list(table.columns))}."
        )
    table = table.fillna("")
    problems: list[Problem] = []
    listed: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for index, record in enumerate(table.to_dict("records")):
        row = index + 2
        code = str(record["Measure_short"]).strip()
        if not code:
            continue  # a note or blank line, not an indicator
        try:
            parsed = _dictionary_row(record)
        except _CellError as error:
            problems.append(Problem(row, error.column, f"in {path.name}, {error.message}"))
            continue
        listed.setdefault(code, []).append((row, parsed))

    infos: dict[str, IndicatorInfo] = {}
    warnings: list[str] = []
    for code, entries in listed.items():
        first = entries[0][1]
        polarity = next(
            (p for _, e in entries if (p := e["polarity"]) is not Polarity.NONE), Polarity.NONE
        )
        places = next((d for _, e in entries if (d := e["decimal_places"]) is not None), None)
        banded = all(e["banded"] for _, e in entries)
        infos[code] = IndicatorInfo(
            title=first["title"] or code,
            topic=first["topic"],
            polarity=polarity,
            decimal_places=places,
            banded=banded,
            description=first["description"],
            y_axis_name=first["y_axis_name"],
            year_type=next(
                (t for _, e in entries if (t := e["year_type"]) is not YearType.UNKNOWN),
                YearType.UNKNOWN,
            ),
        )
        if len(entries) > 1:
            warnings.append(_conflict_warning(path.name, code, entries, infos[code]))
    return infos, warnings, problems


class _CellError(ValueError):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column, self.message = column, message


def _dictionary_row(record: dict[str, Any]) -> dict[str, Any]:
    def text(column: str) -> str:
        return str(record.get(column, "")).strip()

    try:
        polarity = Polarity.from_source(text("Polarity"))
    except ValueError as error:
        raise _CellError("Polarity", str(error)) from None
    dps = text("dps")
    if not dps:
        places = None
    elif re.fullmatch(r"\d{1,2}(\.0+)?", dps):
        places = int(dps.split(".")[0])
    else:
        raise _CellError("dps", f"{dps!r} is not a number of decimal places, like 0, 1 or 2")
    quartile = text("No_Quartile")
    if quartile.upper() not in ("", "N"):
        raise _CellError("No_Quartile", f"{quartile!r} is not N (do not band) or empty")
    return {
        "title": text("Measure"),
        "topic": text("Topic"),
        "polarity": polarity,
        "decimal_places": places,
        "banded": quartile.upper() != "N",
        "description": str(record.get("Description", "")).strip(),
        "y_axis_name": text("y_axis_name"),
        # A year type the rule does not know is stored as unknown: its periods are then
        # taken to end as late as their labels allow, never compared too early.
        "year_type": year_type_of(text("Year_Type")),
    }


def _conflict_warning(
    file: str, code: str, entries: list[tuple[int, dict[str, Any]]], chosen: IndicatorInfo
) -> str:
    rows = ", ".join(str(row) for row, _ in entries)
    labels = {
        "decimal_places": "dps",
        "banded": "banded",
        "polarity": "polarity",
        "title": "title",
        "topic": "topic",
        "y_axis_name": "y_axis_name",
        "description": "description",
    }
    differing = []
    for key, label in labels.items():
        seen = [entry[key] for _, entry in entries]
        if len(set(seen)) > 1:
            if key in ("decimal_places", "banded", "polarity"):
                shown = " vs ".join(_shown(v) for v in seen)
                differing.append(f"{label} {shown}, using {_shown(getattr(chosen, key))}")
            else:
                differing.append(label)
    if not differing:
        return f"{file} lists {code} in rows {rows} alike; using the first"
    return f"{file} lists {code} in rows {rows}: {'; '.join(differing)} (others from the first)"


def _quoted(names: list[str] | tuple[str, ...]) -> str:
    return ", ".join(f"“{name}”" for name in names)


# Checking and normalising the rows.


def _text(series: pd.Series) -> pd.Series:
    """Cells as stripped text, with empty cells as ""."""
    if pd.api.types.is_string_dtype(series):
        return series.fillna("").astype(str).str.strip()
    return series.astype(object).where(series.notna(), "").astype(str).str.strip()


def _distinct(
    cells: pd.Series, read: Callable[[Any], tuple[Any, ...]], failed: tuple[Any, ...]
) -> tuple[list[np.ndarray], np.ndarray]:
    """read() once per distinct cell, its results spread back over the rows as arrays.

    Returns one array per item read returns, and an array of error messages (None where read
    succeeded; the items are then those of failed). 641,070 rows hold about 55,000 values.
    """
    positions, uniques = pd.factorize(cells, use_na_sentinel=False)
    items = [np.empty(len(uniques), dtype=object) for _ in failed]
    errors = np.full(len(uniques), None, dtype=object)
    for index, cell in enumerate(uniques):
        try:
            result = read(cell)
        except ValueError as error:
            result, errors[index] = failed, str(error)
        for column, item in zip(items, result, strict=True):
            column[index] = item
    return [column[positions] for column in items], errors[positions]


def _read_period(label: str) -> tuple[str, int]:
    if not label:
        raise ValueError("there is no period")
    period, key = lait_period(label)
    if len(period) > _MAX_PERIOD:
        raise ValueError(f"{label!r} is longer than {_MAX_PERIOD} characters")
    return period, key


def _read_number(number: Any) -> tuple[str]:
    if pd.isna(number):
        raise ValueError("there is no LA Number")
    return (old_code(number),)


def _value_reader(decimal_places: int | None) -> Callable[[str], tuple[str | None, str]]:
    def read(text: str) -> tuple[str | None, str]:
        if len(text) > _MAX_RAW:
            raise ValueError(f"the value is longer than {_MAX_RAW} characters")
        return read_value(text, decimal_places=decimal_places)

    return read


def _prepare(
    frame: pd.DataFrame, infos: dict[str, IndicatorInfo], file: str
) -> tuple[pd.DataFrame, dict[str, str], int, int, list[Problem]]:
    """The rows to store, indicator titles, rows skipped and dropped, and every problem."""
    years = _text(frame[YEARS])
    keep = (years != NO_PERIOD).to_numpy()
    codes = _text(frame[CODE])
    titles = _titles(frame, codes, keep=keep)
    frame = frame[keep]
    row = np.flatnonzero(keep) + 1
    code = codes[keep].to_numpy(dtype=object)
    raw = _text(frame[VALUES])
    problems = Problems(row)

    problems.add(code == "", CODE, "there is no indicator code")
    (period, period_key), errors = _distinct(years[keep], _read_period, ("", 0))
    problems.add(pd.notna(errors), YEARS, errors)
    (area,), errors = _distinct(frame[NUMBER], _read_number, ("",))
    problems.add(pd.notna(errors), NUMBER, errors)

    # Values are rounded to their indicator's decimal places, so parse them a group at a time.
    positions, distinct = pd.factorize(code)
    places = [infos[each].decimal_places if each in infos else None for each in distinct]
    kinds = list(dict.fromkeys(places))
    kind_of_row = np.array([kinds.index(each) for each in places], dtype=np.int64)[positions]
    value = np.full(len(row), None, dtype=object)
    status = np.full(len(row), "", dtype=object)
    errors = np.full(len(row), None, dtype=object)
    for kind, each in enumerate(kinds):
        chosen = np.flatnonzero(kind_of_row == kind)
        (value[chosen], status[chosen]), errors[chosen] = _distinct(
            raw.iloc[chosen], _value_reader(each), (None, "")
        )
    problems.add(pd.notna(errors), VALUES, errors)

    rows = pd.DataFrame(
        {
            "row": row,
            "code": code,
            "period": period,
            "period_key": period_key.astype("int64"),
            "old_code": area,
            "name": _text(frame[NAME]).to_numpy(dtype=object),
            "region": _text(frame[REGION]).to_numpy(dtype=object),
            "value": pd.Series(value, dtype=object),  # not str: None is NULL, not NaN
            "status": status,
            "raw": raw.to_numpy(dtype=object),
        }
    )
    rows, dropped = _drop_repeats(rows, problems)
    listed = problems.listed()
    if listed:
        listed.append(
            Problem(0, "", f"Row numbers count {file}'s data rows from 1 (pandas index + 1).")
        )
    return rows, titles, int((~keep).sum()), dropped, listed


def _titles(frame: pd.DataFrame, codes: pd.Series, *, keep: np.ndarray) -> dict[str, str]:
    """Each code of the kept rows, in order of first appearance, with its first Data item."""
    titles = dict.fromkeys(code for code in codes[keep].unique() if code)
    if TITLE in frame.columns:
        named = pd.DataFrame({"code": codes, "title": _text(frame[TITLE])})
        named = named[named["title"] != ""].drop_duplicates("code")
        for code, title in zip(named["code"], named["title"], strict=True):
            if code in titles:
                titles[code] = title
    return {code: title or "" for code, title in titles.items()}


def _drop_repeats(rows: pd.DataFrame, problems: Problems) -> tuple[pd.DataFrame, int]:
    """Rows repeating an indicator, period and area: one kept if their figures agree."""
    key = ["code", "period", "old_code"]
    repeated = rows.duplicated(key, keep=False) & (rows["old_code"] != "")
    if not repeated.any():
        return rows, 0
    group = rows[repeated].fillna({"value": ""})
    figures = group.groupby(key)[["value", "status"]].nunique()
    clashes = figures[(figures["value"] > 1) | (figures["status"] > 1)].index
    clash = group.set_index(key).index.isin(clashes)
    for (code, period, area), members in group[clash].groupby(key)["row"]:
        listed = ", ".join(str(row) for row in members)
        for row in members:
            problems.append(
                Problem(
                    int(row),
                    VALUES,
                    f"{code} for {period} and LA Number {area} is in rows {listed} "
                    "with different values",
                )
            )
    later = rows.duplicated(key, keep="first") & repeated
    return rows[~later], int(later.sum())


class Problems:
    """Problems by column, keeping the first MAX_PROBLEMS_PER_COLUMN of each and a count."""

    def __init__(self, rows: np.ndarray) -> None:
        self.rows = rows  # each array position's row number in the file
        self.kept: dict[str, list[Problem]] = {}
        self.more: dict[str, int] = {}
        self.extra: list[Problem] = []

    def add(self, mask: np.ndarray, column: str, message: str | np.ndarray) -> None:
        """A problem in column at each position where mask is true; one message or one each."""
        positions = np.flatnonzero(mask)
        if not len(positions):
            return
        kept = self.kept.setdefault(column, [])
        room = max(MAX_PROBLEMS_PER_COLUMN - len(kept), 0)
        for position in positions[:room]:
            text = message if isinstance(message, str) else str(message[position])
            kept.append(Problem(int(self.rows[position]), column, text))
        if len(positions) > room:
            self.more[column] = self.more.get(column, 0) + len(positions) - room

    def append(self, problem: Problem) -> None:
        self.extra.append(problem)

    def listed(self) -> list[Problem]:
        problems = [problem for kept in self.kept.values() for problem in kept] + self.extra
        problems.sort(key=lambda problem: problem.row)
        for column, count in self.more.items():
            problems.append(Problem(0, column, f"and {count:,} more rows with problems here"))
        return problems


def _foreign_codes(codes: list[str]) -> list[Problem]:
    """Codes already taken by an indicator from another source: codes are unique overall."""
    taken = BenchmarkIndicator.objects.filter(code__in=codes).exclude(source=SOURCE)
    return [
        Problem(0, CODE, f"{code} is already the code of an indicator from {source}")
        for code, source in taken.values_list("code", "source")
    ]


# Writing indicators, areas and values.


def _shown(value: object) -> str:
    # A polarity by its words ("higher is better"), not its stored value, as the dictionary
    # says High or Low and "-" for neither.
    if value is None:
        return "empty"
    if isinstance(value, Polarity):
        return value.label.lower()
    return str(value)


def _save_indicators(
    codes: list[str], infos: dict[str, IndicatorInfo], titles: dict[str, str], summary: LaitSummary
) -> dict[str, int]:
    """Create or update each code's indicator, writing only those that changed."""
    existing = {i.code: i for i in BenchmarkIndicator.objects.filter(code__in=codes)}
    fields = [
        "source",
        "title",
        "topic",
        "polarity",
        "decimal_places",
        "banded",
        "description",
        "y_axis_name",
        "year_type",
    ]
    create, update = [], []
    for code in codes:
        info = infos.get(code) or IndicatorInfo(title=titles.get(code) or code)
        wanted = {
            "source": SOURCE,
            "title": info.title[:500],
            "topic": info.topic[:200],
            "polarity": str(info.polarity),
            "decimal_places": info.decimal_places,
            "banded": info.banded,
            "description": info.description,
            "y_axis_name": info.y_axis_name[:200],
            "year_type": str(info.year_type),
        }
        indicator = existing.get(code)
        if indicator is None:
            # The slug is set once: addresses keep working if the dictionary's title changes.
            create.append(BenchmarkIndicator(code=code, slug=indicator_slug(code), **wanted))
        elif any(getattr(indicator, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(indicator, name, value)
            update.append(indicator)
    BenchmarkIndicator.objects.bulk_create(create, batch_size=1000)
    for indicator in update:
        indicator.updated_at = timezone.now()
    BenchmarkIndicator.objects.bulk_update(update, [*fields, "updated_at"], batch_size=1000)
    summary.indicators_created = len(create)
    summary.indicators_updated = len(update)
    summary.indicators_unchanged = len(codes) - len(create) - len(update)
    return dict(BenchmarkIndicator.objects.filter(code__in=codes).values_list("code", "id"))


def _area_ids(rows: pd.DataFrame, book: AreaBook) -> dict[str, int]:
    """Each old code's area id, creating authorities the first time the file names them."""
    areas = rows.drop_duplicates("old_code")
    return {
        code: book.from_lait(number=code, name=name, region_name=region).pk
        for code, name, region in zip(
            areas["old_code"], areas["name"], areas["region"], strict=True
        )
    }


def fill_year_types(*, dictionary: Path) -> int:
    """Set LAIT indicators' year types from the dictionary, without reading the long file.

    For data imported before year types were kept. Returns how many indicators changed.
    Raises TableError when the dictionary cannot be read.
    """
    infos, _, _ = read_dictionary(dictionary)
    changed = []
    for indicator in BenchmarkIndicator.objects.filter(source=SOURCE, code__in=list(infos)):
        year_type = str(infos[indicator.code].year_type)
        if indicator.year_type != year_type:
            indicator.year_type = year_type
            indicator.updated_at = timezone.now()
            changed.append(indicator)
    BenchmarkIndicator.objects.bulk_update(changed, ["year_type", "updated_at"], batch_size=1000)
    return len(changed)
