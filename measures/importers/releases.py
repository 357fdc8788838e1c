"""Importing one column of an explore-education-statistics release CSV as an indicator."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from django.db import transaction

from measures.benchmarking.areas import AreaBook, AreaError, is_joint, new_code, old_code
from measures.benchmarking.models import (
    Area,
    BenchmarkIndicator,
    BenchmarkValue,
    indicator_slug,  # noqa: F401  (re-exported)
)
from measures.benchmarking.ranking import (
    ParsedValue,
    normalise_period_label,
    parse_value,
    period_sort_key,
)
from measures.benchmarking.regions import REGIONS
from measures.importers.neighbours import placeholder_name
from measures.importers.replace import STORED_LIMIT, NewValue, replace_values, value_rows
from measures.importers.tabular import (
    NUL,
    ImportRejected,
    ImportSummary,
    Problem,
    TableError,
    field_length,
    nul_cells,
    nul_problem,
    read_raw_csv,
)
from measures.rules.benchmark_periods import YearType, year_type_of
from measures.rules.rating import Polarity
from measures.rules.units import Unit

PERIOD = "time_period"
TIME_IDENTIFIER = "time_identifier"
LEVEL = "geographic_level"
OLD_CODE, NEW_CODE, LA_NAME = "old_la_code", "new_la_code", "la_name"
REGION_NAME, REGION_CODE = "region_name", "region_code"
AUTHORITY_COLUMNS = (OLD_CODE, NEW_CODE, LA_NAME, REGION_NAME)

NATIONAL, REGIONAL, LOCAL_AUTHORITY = "national", "regional", "local authority"
LEVELS = {NATIONAL, REGIONAL, LOCAL_AUTHORITY}

# Where and when a row is: rows for one area and period may differ in these only by accident,
# so they are never the filter a user is missing.
PLACE_AND_TIME = {
    PERIOD,
    TIME_IDENTIFIER,
    LEVEL,
    "country_code",
    "country_name",
    REGION_CODE,
    REGION_NAME,
    OLD_CODE,
    NEW_CODE,
    LA_NAME,
}

# Region codes as the releases give them; inner and outer London have their own (E13), which
# regions.py does not hold because LAIT knows them by number only.
REGION_CODES = {region.code: region.name for region in REGIONS if region.code} | {
    "E13000001": "Inner London",
    "E13000002": "Outer London",
}

RAW_LENGTH = field_length(BenchmarkValue, "raw")
CODE_LENGTH = field_length(BenchmarkIndicator, "code")
TITLE_LENGTH = field_length(BenchmarkIndicator, "title")
MAX_DECIMAL_PLACES = 6
# How many of a filter column's values an error lists before saying "and N more".
SHOWN_VALUES = 12


class ReleaseRefused(ValueError):
    """The import was not attempted: its arguments are wrong or its code belongs elsewhere."""


def parse_filters(given: list[str], *, label: str = "--filter") -> dict[str, str]:
    """--filter NAME=VALUE options (or lines) as a mapping; ReleaseRefused says what is wrong."""
    filters: dict[str, str] = {}
    for text in given:
        name, equals, value = text.partition("=")
        if not equals or not name.strip():
            raise ReleaseRefused(f"{label} {text!r} should be NAME=VALUE, like population_type=…")
        if name.strip() in filters:
            raise ReleaseRefused(f"{label} {name.strip()} is given twice.")
        filters[name.strip()] = value.strip()
    return filters


@dataclass
class ReleaseSummary(ImportSummary):
    """What an import of one release column did to its indicator and values (created ...)."""

    code: str = ""
    indicator: str = "unchanged"  # "created", "updated" or "unchanged"
    periods: list[str] = field(default_factory=list)
    removed: int = 0
    missing: Counter[str] = field(default_factory=Counter)  # missing values by code
    other_periods: int = 0  # values kept for periods the file does not have
    filtered_out: int = 0
    ignored_levels: Counter[str] = field(default_factory=Counter)
    areas_created: int = 0

    def __str__(self) -> str:
        parts = [
            f"indicator {self.code} {self.indicator}",
            f"values for {', '.join(self.periods) or 'no periods'}: {self.created} created, "
            f"{self.updated} updated, {self.unchanged} unchanged, {self.removed} removed",
        ]
        if self.missing:
            codes = ", ".join(f"{code or 'blank'} {n}" for code, n in sorted(self.missing.items()))
            parts.append(f"{sum(self.missing.values())} missing ({codes})")
        if self.other_periods:
            parts.append(f"{_count(self.other_periods, 'value')} for other periods kept")
        if self.filtered_out:
            parts.append(f"{_count(self.filtered_out, 'row')} left out by the filters")
        if self.ignored_levels:
            levels = ", ".join(f"{level} {n}" for level, n in sorted(self.ignored_levels.items()))
            total = sum(self.ignored_levels.values())
            parts.append(f"{_count(total, 'row')} at other geographic levels ignored ({levels})")
        if self.areas_created:
            parts.append(f"{_count(self.areas_created, 'authority', 'authorities')} added")
        return "; ".join(parts)


def _count(number: int, word: str, plural: str = "") -> str:
    return f"{number} {word if number == 1 else plural or word + 's'}"


@dataclass(frozen=True)
class _Columns:
    """The file's headings, found by name whatever their case or order."""

    file_name: str
    names: tuple[str, ...]

    def find(self, name: str) -> str | None:
        wanted = name.strip().lower()
        return next((column for column in self.names if column.lower() == wanted), None)

    def missing(self, wanted: list[str]) -> TableError:
        quoted = [f"“{name}”" for name in wanted]
        names = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"
        return TableError(
            f"{self.file_name} has no {names} column. Its columns are: {', '.join(self.names)}."
        )


def read_release(path: Path) -> tuple[_Columns, pd.DataFrame]:
    """The file's columns and its non-blank data rows as stripped text, indexed by row number.

    Row numbers are a spreadsheet's: the header is row 1. Blank lines are counted, not read.
    """
    path = Path(path)
    if not path.is_file():
        raise TableError(f"There is no file at {path}.")
    frame = read_raw_csv(path)
    frame = frame.fillna("")
    header = [str(name).replace("\ufeff", "").strip() for name in frame.iloc[0]]
    if not any(header):
        raise TableError(f"{path.name} has no header: its first row should name the columns.")
    lowered = [name.lower() for name in header if name]
    repeated = sorted({name for name in lowered if lowered.count(name) > 1})
    if repeated:
        raise TableError(f"{path.name} has more than one column named {', '.join(repeated)}.")
    frame.columns = [name or f"column {position + 1}" for position, name in enumerate(header)]
    data = frame.iloc[1:]
    data.index = data.index + 1  # index 0 was the header, spreadsheet row 1
    data = data.apply(lambda column: column.str.strip())
    data = data[(data != "").any(axis=1)]
    if found := nul_cells(data):
        message = nul_problem(NUL)
        raise ImportRejected([Problem(int(row), column, message) for row, column in found])
    return _Columns(path.name, tuple(name for name in header if name)), data


def _is_figure(text: str) -> bool:
    try:
        parse_value(text, decimal_places=None)
    except ValueError:
        return False
    return True


def _show(values: list[str]) -> str:
    shown = "; ".join(values[:SHOWN_VALUES])
    more = len(values) - SHOWN_VALUES
    return f"{shown} and {more} more" if more > 0 else shown


def _rows_text(numbers: list[int]) -> str:
    numbers = sorted(numbers)
    if len(numbers) == 1:
        return f"row {numbers[0]}"
    return f"rows {', '.join(map(str, numbers[:-1]))} and {numbers[-1]}"


def _check_arguments(
    *, code: str, title: str, polarity: str, unit: str, decimal_places: int | None
) -> Polarity:
    if not code.strip():
        raise ReleaseRefused("The indicator needs a code.")
    if len(code.strip()) > CODE_LENGTH:
        raise ReleaseRefused(f"The code is longer than {CODE_LENGTH} characters.")
    if not title.strip():
        raise ReleaseRefused("The indicator needs a title.")
    if len(title.strip()) > TITLE_LENGTH:
        raise ReleaseRefused(f"The title is longer than {TITLE_LENGTH} characters.")
    if unit not in {u.value for u in Unit}:
        raise ReleaseRefused(f"'{unit}' is not a unit: use one of {', '.join(Unit)}.")
    if decimal_places is not None and not 0 <= decimal_places <= MAX_DECIMAL_PLACES:
        raise ReleaseRefused(f"Decimal places must be 0 to {MAX_DECIMAL_PLACES}.")
    try:
        return Polarity.from_source(polarity)
    except ValueError as error:
        raise ReleaseRefused(str(error)) from None


def _resolve_filters(
    columns: _Columns, filters: Mapping[str, str]
) -> tuple[dict[str, str], list[str]]:
    resolved: dict[str, str] = {}
    missing = []
    for name, value in filters.items():
        column = columns.find(name)
        if column is None:
            missing.append(name.strip())
        elif column in resolved:
            raise ReleaseRefused(f"The filter on {column} is given twice.")
        else:
            resolved[column] = value.strip()
    return resolved, missing


class _Release:
    """One import: the rows it keeps, their areas, periods and values, and its problems."""

    def __init__(
        self,
        *,
        columns: _Columns,
        data: pd.DataFrame,
        column: str,
        filters: dict[str, str],
        decimal_places: int | None,
        summary: ReleaseSummary,
    ) -> None:
        self.columns = columns
        self.data = data
        self.column = column
        self.filters = filters
        self.decimal_places = decimal_places
        self.summary = summary
        self.problems: list[Problem] = []

    def kept_rows(self) -> pd.DataFrame:
        """The rows the filters keep at the levels imported; counts the rest in the summary."""
        data = self.data
        keep = pd.Series(True, index=data.index)
        for column, value in self.filters.items():
            matches = data[column] == value
            if not matches.any():
                values = sorted(set(data[column]) - {""})
                self.problems.append(
                    Problem(
                        0,
                        column,
                        f"no row has {column} = '{value}'; its values are: {_show(values)}",
                    )
                )
            keep &= matches
        if self.problems:
            return data.iloc[0:0]
        if not keep.any():
            self.problems.append(Problem(0, "", "no row matches all the filters together"))
            return data.iloc[0:0]
        self.summary.filtered_out = int((~keep).sum())
        kept = data[keep]
        for number in kept.index[kept[LEVEL] == ""]:
            self.problems.append(Problem(int(number), LEVEL, "the row has no geographic level"))
        levels = kept[LEVEL].str.lower()
        other = ~levels.isin(LEVELS) & (levels != "")
        self.summary.ignored_levels = Counter(kept.loc[other, LEVEL])
        return kept[levels.isin(LEVELS)]

    def check_place_columns(self, rows: pd.DataFrame) -> None:
        """Authority rows need their codes, name and region; regional rows their region."""
        levels = rows[LEVEL].str.lower()
        wanted: list[str] = []
        if (levels == LOCAL_AUTHORITY).any():
            wanted += [name for name in AUTHORITY_COLUMNS if self.columns.find(name) is None]
        if (levels == REGIONAL).any() and not (
            self.columns.find(REGION_NAME) or self.columns.find(REGION_CODE)
        ):
            wanted.append(REGION_NAME)
        if wanted:
            raise self.columns.missing(sorted(set(wanted), key=wanted.index))

    def periods(self, rows: pd.DataFrame) -> dict[str, tuple[str, int]]:
        """Each period text in the rows as (label, key); problems for those that are not."""
        found: dict[str, tuple[str, int]] = {}
        for text in rows[PERIOD].unique():
            label = normalise_period_label(text)
            try:
                found[text] = (label, period_sort_key(label))
            except ValueError as error:
                for number in rows.index[rows[PERIOD] == text]:
                    self.problems.append(Problem(int(number), PERIOD, str(error)))
        return found

    def value(self, number: int, text: str) -> ParsedValue | None:
        try:
            parsed = parse_value(text, decimal_places=self.decimal_places)
        except ValueError as error:
            self.problems.append(Problem(number, self.column, str(error)))
            return None
        if parsed.value is not None and abs(parsed.value) >= STORED_LIMIT:
            self.problems.append(Problem(number, self.column, f"'{text}' is too large to store"))
            return None
        if len(text) > RAW_LENGTH:
            self.problems.append(Problem(number, self.column, f"'{text}' is not a figure"))
            return None
        return parsed

    def area(self, book: AreaBook, number: int, row: Mapping[str, str]) -> Area | None:
        level = row[LEVEL].lower()
        if level == NATIONAL:
            return book.england
        if level == REGIONAL:
            return self.region(book, number, row)
        return self.authority(book, number, row)

    def region(self, book: AreaBook, number: int, row: Mapping[str, str]) -> Area | None:
        name = row.get(REGION_NAME, "")
        code = row.get(REGION_CODE, "")
        for text in (name, REGION_CODES.get(code, "")):
            if text:
                try:
                    return book.region(text)
                except AreaError:
                    pass
        column = REGION_CODE if code and not name else REGION_NAME
        given = name or code
        message = f"'{given}' is not a region of England" if given else "no region is named"
        self.problems.append(Problem(number, column, message))
        return None

    def authority(self, book: AreaBook, number: int, row: Mapping[str, str]) -> Area | None:
        old_text, new_text, name = row[OLD_CODE], row[NEW_CODE], row[LA_NAME]
        if is_joint(old_text) or is_joint(new_text) or is_joint(name):
            return self.joint(book, number, row)
        problems = len(self.problems)
        # Each code is read on its own, so that a problem names the column it is in.
        old = self._code(number, OLD_CODE, old_text, old_code)
        new = self._code(number, NEW_CODE, new_text, new_code)
        if not (old_text or new_text):
            self.problems.append(Problem(number, OLD_CODE, "the authority has no code"))
        if not name:
            self.problems.append(Problem(number, LA_NAME, "the authority has no name"))
        if len(self.problems) > problems:
            return None
        by_old, by_new = book.by_old.get(old), book.by_new.get(new)
        # AreaBook finds an authority by its old code first, then its new one: refuse a pair
        # that would tie one authority's code to another.
        if by_new is not None and (
            (by_old is not None and by_old.pk != by_new.pk)
            or (old and by_new.old_code and by_new.old_code != old)
        ):
            self.problems.append(
                Problem(
                    number,
                    NEW_CODE,
                    f"{new} is the code of {by_new.name} ({by_new.old_code or 'no old code'}), "
                    f"not of authority {old}",
                )
            )
            return None
        area = book.authority(name=name, old=old, new=new, region_name=row[REGION_NAME])
        if area.name == placeholder_name(area.old_code):
            # A statistical neighbour model named it only by code; the release names it.
            area.name = name
            area.save(update_fields=["name"])
        return area

    def joint(self, book: AreaBook, number: int, row: Mapping[str, str]) -> Area | None:
        """A joint return's row ("940 / 941"): one area for the authorities it reports for."""
        old_text, new_text, name = row[OLD_CODE], row[NEW_CODE], row[LA_NAME]
        problems = len(self.problems)
        for column, text, read in ((OLD_CODE, old_text, old_code), (NEW_CODE, new_text, new_code)):
            for part in text.split("/") if text else []:
                self._code(number, column, part.strip(), read)
        if len(self.problems) > problems:
            return None
        try:
            return book.joint(name=name, old=old_text, new=new_text, region_name=row[REGION_NAME])
        except AreaError as error:
            self.problems.append(Problem(number, LA_NAME, str(error)))
            return None

    def _code(self, number: int, column: str, text: str, read: Callable[[str], str]) -> str:
        if not text:
            return ""
        try:
            return read(text)
        except AreaError as error:
            self.problems.append(Problem(number, column, str(error)))
            return ""

    def ambiguity(self, rows: pd.DataFrame, keys: pd.Series) -> None:
        """One problem naming the columns that tell apart several rows for an area and period."""
        repeated = keys.duplicated(keep=False)
        if not repeated.any():
            return
        clashing = rows[repeated]
        groups = clashing.groupby(keys[repeated], sort=False)
        first = next(iter(groups.groups.values()))
        others = groups.ngroups - 1
        candidates = [
            column
            for column in rows.columns
            if column not in PLACE_AND_TIME
            and column != self.column
            and column in self.columns.names
        ]
        differing = [column for column in candidates if (groups[column].nunique() > 1).any()]
        # Filters hold words (population_type); figure columns hold numbers and missing codes.
        filters = [c for c in differing if not self.data[c].map(_is_figure).all()]
        sample = rows.loc[first[0]]
        where = sample[LA_NAME] or sample[REGION_NAME] or "England"
        also = f" (and {others} more areas and periods)" if others else ""
        intro = (
            f"{_rows_text(list(first))} are all for {where}, {sample[PERIOD]}{also}: "
            f"choose one row per area and period with --filter."
        )
        if filters:
            details = "; ".join(
                f"{column} ({_show(sorted(set(clashing[column])))})" for column in filters
            )
            example = clashing.loc[first[0], filters[0]]
            message = (
                f"{intro} The rows differ in {details}. "
                f"For example: --filter '{filters[0]}={example}'"
            )
        elif differing:
            message = f"{intro} The rows differ only in figures: {', '.join(differing)}."
        else:
            message = f"{intro} The rows are repeated."
        self.problems.append(Problem(0, "", message))


def _indicator(
    *,
    code: str,
    source: str,
    column: str,
    filters: dict[str, str],
    fields: dict[str, Any],
    replace: bool,
    summary: ReleaseSummary,
) -> BenchmarkIndicator:
    """The indicator for this code, created or brought up to date; another source's is refused."""
    wanted = {"source": source, "source_column": column, "source_filters": filters, **fields}
    indicator = BenchmarkIndicator.objects.select_for_update().filter(code=code).first()
    if indicator is None:
        summary.indicator = "created"
        return BenchmarkIndicator.objects.create(code=code, slug=indicator_slug(code), **wanted)
    same_source = (indicator.source, indicator.source_column, indicator.source_filters) == (
        source,
        column,
        filters,
    )
    if not same_source and not replace:
        given = ", ".join(f"{name}={value}" for name, value in indicator.source_filters.items())
        where = f"{indicator.source}" + (
            f", column {indicator.source_column}" if indicator.source_column else ""
        )
        raise ReleaseRefused(
            f"The code {code} is already used by “{indicator.title}” from {where}"
            + (f" with filters {given}" if given else "")
            + ". Choose another code, or give --replace to take it over: its values for the "
            "periods in this file are then replaced, and those for other periods kept."
        )
    changed = [name for name, value in wanted.items() if getattr(indicator, name) != value]
    if changed:
        for name in changed:
            setattr(indicator, name, wanted[name])
        indicator.save(update_fields=[*changed, "updated_at"])
        summary.indicator = "updated"
    return indicator


def _year_type(rows: pd.DataFrame) -> YearType:
    """What the rows' periods count, from time_identifier; unknown if absent or mixed."""
    if TIME_IDENTIFIER not in rows.columns:
        return YearType.UNKNOWN
    kinds = {year_type_of(str(text)) for text in rows[TIME_IDENTIFIER].unique()}
    return kinds.pop() if len(kinds) == 1 else YearType.UNKNOWN


def import_release(
    *,
    path: Path,
    column: str,
    filters: Mapping[str, str],
    code: str,
    title: str,
    polarity: str,
    unit: str,
    decimal_places: int | None = None,
    replace: bool = False,
    year_type: str | None = None,
) -> ReleaseSummary:
    """Load one column of a release CSV, one row per area and period, as a benchmark indicator.

    National rows become England's values, regional rows their region's, and local authority
    rows their authority's (created where new, with both codes). The indicator's values for the
    periods the file holds are replaced by the file's; other periods are kept. Raises TableError
    for a file that cannot be read, ImportRejected listing every problem (nothing changes), and
    ReleaseRefused for wrong arguments or a code another source already uses. year_type says
    what the periods count where time_identifier does not: a release's "Reporting year" ends
    on 31 March for most, but on 30 September for the workforce census ("end_of_september").
    """
    path = Path(path)
    code = code.strip()
    stated = year_type_of(year_type) if year_type else None
    if stated is YearType.UNKNOWN:
        choices = ", ".join(kind.value for kind in YearType if kind is not YearType.UNKNOWN)
        raise ReleaseRefused(f"Year type {year_type!r} is not one of: {choices}.")
    polarity_value = _check_arguments(
        code=code, title=title, polarity=polarity, unit=unit, decimal_places=decimal_places
    )
    columns, data = read_release(path)
    wanted = [name for name in (PERIOD, LEVEL) if columns.find(name) is None]
    found = columns.find(column)
    if found is None:
        wanted.append(column.strip())
    resolved_filters, missing_filters = _resolve_filters(columns, filters)
    wanted += missing_filters
    if wanted:
        raise columns.missing(wanted)
    # Every column is known by the name the code below uses, whatever the file's case.
    canonical = {columns.find(name): name for name in PLACE_AND_TIME if columns.find(name)}
    data = data.rename(columns=canonical)
    columns = _Columns(columns.file_name, tuple(canonical.get(n, n) for n in columns.names))
    # found is not None here: a missing value column raised above.
    value_column: str = canonical.get(found, found)  # type: ignore[assignment]
    resolved_filters = {
        canonical.get(name, name): value for name, value in resolved_filters.items()
    }

    summary = ReleaseSummary(code=code)
    release = _Release(
        columns=columns,
        data=data,
        column=value_column,
        filters=resolved_filters,
        decimal_places=decimal_places,
        summary=summary,
    )
    rows = release.kept_rows()
    if release.problems:
        raise ImportRejected(release.problems)
    release.check_place_columns(rows)
    for name in (*AUTHORITY_COLUMNS, REGION_CODE):
        if name not in rows.columns:
            rows = rows.assign(**{name: ""})
    periods = release.periods(rows)

    with transaction.atomic():
        book = AreaBook()
        # Newest first, so an authority whose new code changed (North Yorkshire's in 2024)
        # is linked to the code it has now.
        order = sorted(
            (int(number) for number in rows.index),
            key=lambda number: -periods.get(rows.at[number, PERIOD], ("", 0))[1],
        )
        records = {int(number): row for number, row in rows.to_dict("index").items()}
        area_of: dict[int, int] = {}
        parsed: dict[int, ParsedValue] = {}
        for number in order:
            row = records[number]
            area = release.area(book, number, row)
            value = release.value(number, row[value_column])
            if area is not None and value is not None and row[PERIOD] in periods:
                area_of[number], parsed[number] = area.pk, value
        good = rows.loc[list(area_of)]
        keys = pd.Series(
            [(area_of[n], periods[good.at[n, PERIOD]][0]) for n in good.index],
            index=good.index,
            dtype=object,
        )
        release.ambiguity(good, keys)
        if release.problems:
            raise ImportRejected(sorted(release.problems, key=lambda p: (p.row, p.column)))
        summary.areas_created = book.created

        indicator = _indicator(
            code=code,
            source=path.name,
            column=value_column,
            filters=resolved_filters,
            fields={
                "title": title.strip(),
                "unit": unit,
                "decimal_places": decimal_places,
                "polarity": polarity_value.value,
                "year_type": str(stated or _year_type(rows)),
            },
            replace=replace,
            summary=summary,
        )
        _store_values(
            indicator=indicator,
            values={
                (periods[good.at[n, PERIOD]][0], area_of[n]): (
                    periods[good.at[n, PERIOD]][1],
                    parsed[n],
                    good.at[n, value_column],
                )
                for n in good.index
            },
            summary=summary,
        )
    return summary


def _store_values(
    *,
    indicator: BenchmarkIndicator,
    values: dict[tuple[str, int], tuple[int, ParsedValue, str]],
    summary: ReleaseSummary,
) -> None:
    """Make the indicator's values for the file's periods the file's, writing only changes."""
    periods = sorted({period for period, _ in values}, key=lambda p: (period_sort_key(p), p))
    summary.periods = periods
    summary.missing.update(
        parsed.status for _, parsed, _ in values.values() if parsed.value is None
    )
    changes = replace_values(
        rows=value_rows(
            NewValue(indicator.pk, period, period_key, area_id, parsed.value, parsed.status, raw)
            for (period, area_id), (period_key, parsed, raw) in values.items()
        )
    )
    summary.created, summary.updated = changes.added, changes.changed
    summary.unchanged, summary.removed = changes.unchanged, changes.removed
    # With no rows the routine has no indicator to read, and every stored value is kept.
    summary.other_periods = changes.kept if values else indicator.values.count()
