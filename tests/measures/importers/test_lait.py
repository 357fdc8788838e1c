"""Tests for import_lait on slices of DfE's LAIT file and dictionary (see files/README.md)."""

import re
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from io import StringIO
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from measures.benchmarking.models import (
    Area,
    AreaKind,
    BenchmarkIndicator,
    BenchmarkValue,
)
from measures.importers.lait import (
    MAX_PROBLEMS_PER_COLUMN,
    LaitSummary,
    fill_year_types,
    import_lait,
    indicator_slug,
    lait_period,
    read_value,
)
from measures.importers.tabular import ImportRejected, TableError
from measures.rules.rating import Polarity

FILES = Path(__file__).resolve().parents[1] / "benchmarking" / "files"
SLICE = FILES / "lait_slice.parquet"
DICTIONARY = FILES / "lait_dictionary_slice.csv"

ROWS = 3910
NO_PERIOD_ROWS = 170  # CINPermExclusion's Years "0"
VALUES = ROWS - NO_PERIOD_ROWS
CODES = {
    "LAC",
    "CPP_rate",
    "FirstYJS",
    "CareLeaverAcc",
    "CINPermExclusion",
    "LAC_Over_Abs",
    "2yr_Ofsted_rating",
    "PriPermEx",
    "Hosp_Adm_Alc_<18yrs",
    "LAC_Fixed_ Ex",
}


@cache
def _slice() -> pd.DataFrame:
    return pd.read_parquet(SLICE)


def slice_frame() -> pd.DataFrame:
    """A fresh copy of the slice, to change for a test."""
    return _slice().copy()


def row_of(frame: pd.DataFrame, code: str, years: str, number: int) -> int:
    """The position of a row in the frame: its row number in an import's problems, less 1."""
    found = frame.index[
        (frame["Short Desc"] == code) & (frame["Years"] == years) & (frame["LA Number"] == number)
    ]
    assert len(found) == 1
    return int(found[0])


def write_copy(tmp_path: Path, change: Callable[[pd.DataFrame], pd.DataFrame]) -> Path:
    path = tmp_path / "bds_long_0.parquet"
    change(slice_frame()).to_parquet(path, index=False)
    return path


def run(parquet: Path = SLICE, dictionary: Path = DICTIONARY) -> LaitSummary:
    return import_lait(parquet=parquet, dictionary=dictionary)


def value(code: str, period: str, old_code: str) -> BenchmarkValue:
    return BenchmarkValue.objects.get(indicator__code=code, period=period, area__old_code=old_code)


def snapshot() -> dict[str, list[Any]]:
    """Everything an import may write, to show that a rejected one wrote nothing."""
    return {
        "areas": sorted(Area.objects.values_list("id", "kind", "name", "old_code", "region_id")),
        "indicators": sorted(
            BenchmarkIndicator.objects.values_list(
                "id", "code", "slug", "title", "polarity", "decimal_places", "banded"
            )
        ),
        "values": sorted(
            BenchmarkValue.objects.values_list(
                "id", "indicator_id", "period", "period_key", "area_id", "value", "status", "raw"
            )
        ),
    }


def row_writes() -> list[tuple[Any, ...]]:
    """Rows this transaction inserted, updated and deleted per table (PostgreSQL only).

    COPY goes round Django's query log, so the database's own counts are the sure test.
    """
    if connection.vendor != "postgresql":
        return []
    tables = [m._meta.db_table for m in (Area, BenchmarkIndicator, BenchmarkValue)]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_xact_user_tables "
            "WHERE relname = ANY(%s) ORDER BY relname",
            [tables],
        )
        return cursor.fetchall()


@pytest.fixture
def imported(db: None) -> LaitSummary:
    return run()


# The first import.


def test_import_counts_every_row(imported: LaitSummary) -> None:
    assert imported.rows_read == ROWS
    assert imported.rows_skipped == NO_PERIOD_ROWS
    assert imported.indicators_created == len(CODES)
    assert imported.values_created == VALUES
    assert (imported.values_updated, imported.values_unchanged, imported.values_removed) == (
        0,
        0,
        0,
    )
    assert imported.authorities_created == 158
    assert BenchmarkValue.objects.count() == VALUES
    assert not BenchmarkValue.objects.filter(period="0").exists()


def test_indicators_come_from_the_dictionary(imported: LaitSummary) -> None:
    indicators = {i.code: i for i in BenchmarkIndicator.objects.all()}
    assert set(indicators) == CODES
    lac = indicators["LAC"]
    assert lac.source == "LAIT"
    assert lac.title == "Children looked after rate per 10,000"
    assert lac.topic == "Children Looked After"
    assert lac.y_axis_name == "Rate per 10,000"
    assert lac.polarity == Polarity.NONE  # the dictionary says "-"
    assert lac.decimal_places is None
    assert lac.banded
    assert indicators["CareLeaverAcc"].polarity == Polarity.HIGHER
    first = indicators["FirstYJS"]
    assert (first.polarity, first.decimal_places) == (Polarity.LOWER, None)
    assert "Youth Justice" in first.title
    alcohol = indicators["Hosp_Adm_Alc_<18yrs"]
    assert (alcohol.decimal_places, alcohol.banded) == (2, True)
    assert alcohol.description  # a long text from the dictionary


def test_each_indicator_keeps_its_year_type_from_the_dictionary(imported: LaitSummary) -> None:
    year_types = dict(BenchmarkIndicator.objects.values_list("code", "year_type"))
    assert year_types["LAC"] == "as_at_31_march"  # "Annual": children looked after at 31 March
    assert year_types["CareLeaverAcc"] == "financial"
    assert year_types["PriPermEx"] == "academic"
    assert year_types["FirstYJS"] == "calendar"


def test_year_types_fill_in_for_data_imported_without_them(imported: LaitSummary) -> None:
    BenchmarkIndicator.objects.update(year_type="")
    assert fill_year_types(dictionary=DICTIONARY) == len(CODES)
    assert BenchmarkIndicator.objects.get(code="LAC").year_type == "as_at_31_march"
    assert fill_year_types(dictionary=DICTIONARY) == 0


def test_codes_listed_twice_follow_the_documented_rule(imported: LaitSummary) -> None:
    """First row's words; the first stated dps; not banded if any row says N."""
    over_abs = BenchmarkIndicator.objects.get(code="LAC_Over_Abs")
    assert over_abs.decimal_places == 2  # rows: empty, then 2
    assert over_abs.title == "CLA Overall Absence"  # the first row's
    assert over_abs.topic == "Children Looked After"
    exclusion = BenchmarkIndicator.objects.get(code="CINPermExclusion")
    assert not exclusion.banded  # rows: N, then empty
    assert exclusion.title == "% with at least one permanent exclusion"
    warned = {code for code in CODES for w in imported.warnings if f" {code} in rows " in w}
    assert warned == {"LAC_Over_Abs", "CINPermExclusion", "LAC_Fixed_ Ex"}
    assert len(imported.warnings) == 3
    assert any("dps empty vs 2, using 2" in w for w in imported.warnings)
    assert any("banded False vs True, using False" in w for w in imported.warnings)


def test_areas_england_regions_and_authorities(imported: LaitSummary) -> None:
    assert Area.objects.filter(kind=AreaKind.ENGLAND).count() == 1
    assert Area.objects.regions().count() == 11
    assert Area.objects.authorities().count() == 158
    lincolnshire = Area.objects.get(old_code="925")
    assert (lincolnshire.name, lincolnshire.kind) == ("Lincolnshire", AreaKind.AUTHORITY)
    assert lincolnshire.region.name == "East Midlands"
    # LAIT says Camden is in "Inner London": a part of London, which is its region.
    camden = Area.objects.get(old_code="202")
    inner = Area.objects.regions().get(name="Inner London")
    assert inner.region.name == "London"
    assert camden.region.name == "London"
    # LAIT's rows for England (970) and London (Inner) (987) land on those areas.
    lac = BenchmarkValue.objects.filter(indicator__code="LAC", period="2025")
    assert lac.get(area__kind=AreaKind.ENGLAND).value == Decimal("67")
    assert lac.get(area=inner).value == Decimal("59")


def test_missing_values_are_never_zero(imported: LaitSummary) -> None:
    published = slice_frame()
    dashes = ((published["Values"] == "-") & (published["Years"] != "0")).sum()
    missing = BenchmarkValue.objects.filter(status="-")
    assert missing.count() == dashes > 100
    assert not missing.filter(value__isnull=False).exists()
    assert set(missing.values_list("raw", flat=True)) == {"-"}
    assert not BenchmarkValue.objects.filter(value__isnull=True).exclude(status="-").exists()


def test_values_are_normalised(imported: LaitSummary) -> None:
    assert value("LAC", "2025", "925").value == Decimal("54")
    artefact = BenchmarkValue.objects.filter(indicator__code="CPP_rate", raw="34.700000000000003")
    assert artefact.exists()
    assert {v.value for v in artefact} == {Decimal("34.7")}
    # The same figure printed two ways is the same value, so the two authorities rank equal.
    bradford = value("2yr_Ofsted_rating", "2018", "380")
    tower_hamlets = value("2yr_Ofsted_rating", "2018", "211")
    assert (bradford.raw, tower_hamlets.raw) == ("93.2", "93.199999999999989")
    assert bradford.value == tower_hamlets.value == Decimal("93.2")
    # Exponent notation, rounded to the dictionary's 2 places; the text is kept as published.
    exclusions = value("PriPermEx", "2022/23", "925")
    assert exclusions.raw == "5.6419999999999998E-2"
    assert exclusions.value == Decimal("0.06")


def test_periods_and_their_keys(imported: LaitSummary) -> None:
    assert value("LAC", "2025", "925").period_key == 20251
    assert value("PriPermEx", "2023/24", "925").period_key == 20240
    pooled = value("Hosp_Adm_Alc_<18yrs", "2021/22-23/24", "925")
    assert pooled.period_key == 20240  # with its last year, 2023/24


def test_slugs_are_url_safe_unique_and_not_the_code(imported: LaitSummary) -> None:
    slugs = dict(BenchmarkIndicator.objects.values_list("code", "slug"))
    assert len(set(slugs.values())) == len(slugs)
    for code, slug in slugs.items():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), slug
        assert slug != code
    assert slugs["LAC_Fixed_ Ex"].startswith("lac-fixed-ex-")
    assert slugs["Hosp_Adm_Alc_<18yrs"].startswith("hosp-adm-alc-18yrs-")


def test_slug_is_stable() -> None:
    # Addresses depend on it: the same code gives the same slug on every machine, for ever.
    assert indicator_slug("CPP_Total_Rateper10,000") == "cpp-total-rateper10000-31a173"
    assert re.fullmatch(r"indicator-[0-9a-f]{6}", indicator_slug("%"))  # nothing readable
    assert indicator_slug("LAC %") != indicator_slug("LAC")


# Importing again.


def test_reimporting_the_same_file_writes_nothing(imported: LaitSummary) -> None:
    before = snapshot()
    writes = row_writes()
    with CaptureQueriesContext(connection) as queries:
        again = run()
    assert again.values_unchanged == VALUES
    assert (again.values_created, again.values_updated, again.values_removed) == (0, 0, 0)
    assert (again.indicators_created, again.indicators_updated) == (0, 0)
    assert again.indicators_unchanged == len(CODES)
    assert again.authorities_created == 0
    assert not again.changed
    assert snapshot() == before
    assert row_writes() == writes
    assert not [
        q["sql"] for q in queries if re.match(r"\s*(INSERT|UPDATE|DELETE|COPY)", q["sql"], re.I)
    ]


def test_reimporting_an_edited_copy_replaces_what_changed(
    imported: LaitSummary, tmp_path: Path
) -> None:
    def edit(frame: pd.DataFrame) -> pd.DataFrame:
        frame.loc[row_of(frame, "LAC", "2025", 925), "Values"] = "55"
        frame.loc[row_of(frame, "CPP_rate", "2025", 925), "Values"] = "-"
        return frame.drop(index=row_of(frame, "LAC", "2025", 857))  # Rutland's figure withdrawn

    untouched = value("LAC", "2024", "925")
    writes = row_writes()
    summary = run(write_copy(tmp_path, edit))
    assert connection.vendor != "postgresql" or row_writes() != writes  # the counts see writes
    assert (summary.values_updated, summary.values_removed) == (2, 1)
    assert summary.values_created == 0
    assert summary.values_unchanged == VALUES - 3
    assert value("LAC", "2025", "925").value == Decimal("55")
    cpp = value("CPP_rate", "2025", "925")
    assert (cpp.value, cpp.status, cpp.raw) == (None, "-", "-")
    assert not BenchmarkValue.objects.filter(
        indicator__code="LAC", period="2025", area__old_code="857"
    ).exists()
    assert value("LAC", "2024", "925").pk == untouched.pk  # rows that did not change stay put


def test_a_file_replaces_only_the_periods_it_has(imported: LaitSummary, tmp_path: Path) -> None:
    def latest_lac(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[(frame["Short Desc"] == "LAC") & (frame["Years"] == "2025")]

    summary = run(write_copy(tmp_path, latest_lac))
    assert summary.values_unchanged == 170
    assert (summary.values_created, summary.values_updated, summary.values_removed) == (0, 0, 0)
    assert BenchmarkValue.objects.count() == VALUES  # 2023, 2024 and the other indicators kept


def test_equal_repeated_rows_are_kept_once(db: None, tmp_path: Path) -> None:
    def repeat(frame: pd.DataFrame) -> pd.DataFrame:
        bradford = frame.loc[[row_of(frame, "2yr_Ofsted_rating", "2018", 380)]].copy()
        bradford["Values"] = "93.200000000000003"
        return pd.concat([frame, bradford], ignore_index=True)

    summary = run(write_copy(tmp_path, repeat))
    assert summary.duplicates_dropped == 1
    assert summary.values_created == VALUES
    assert value("2yr_Ofsted_rating", "2018", "380").raw == "93.2"  # the first row's text


# Files that stop the import.


@pytest.fixture
def before(imported: LaitSummary) -> dict[str, list[Any]]:
    return snapshot()


def rejected(path: Path, dictionary: Path = DICTIONARY) -> list[str]:
    with pytest.raises(ImportRejected) as caught:
        run(path, dictionary)
    return [str(problem) for problem in caught.value.problems]


def test_a_missing_column_is_named_with_the_columns_found(
    before: dict[str, list[Any]], tmp_path: Path
) -> None:
    path = write_copy(tmp_path, lambda frame: frame.drop(columns=["Values"]))
    with pytest.raises(TableError) as caught:
        run(path)
    message = str(caught.value)
    assert "no “Values” column" in message
    assert "“Short Desc”, “Data item”, “Years”" in message
    assert snapshot() == before


def test_a_malformed_la_number_stops_everything(
    before: dict[str, list[Any]], tmp_path: Path
) -> None:
    lincolnshire = row_of(slice_frame(), "LAC", "2025", 925)

    def break_it(frame: pd.DataFrame) -> pd.DataFrame:
        frame["LA Number"] = frame["LA Number"].map(lambda n: f"{n:.1f}")  # read as text too
        frame.loc[row_of(frame, "CPP_rate", "2024", "925.0"), "LA Number"] = "9X5"
        frame.loc[lincolnshire, "Values"] = "55"  # a change that must not be made
        return frame

    broken = row_of(slice_frame(), "CPP_rate", "2024", 925)
    problems = rejected(write_copy(tmp_path, break_it))
    assert problems[0] == (
        f"row {broken + 1}, column LA Number: "
        "'9X5' is not an authority code: old codes are three digits, like 925"
    )
    assert "pandas index + 1" in problems[-1]
    assert snapshot() == before
    assert value("LAC", "2025", "925").value == Decimal("54")


def test_an_unreadable_value_stops_everything(before: dict[str, list[Any]], tmp_path: Path) -> None:
    def break_it(frame: pd.DataFrame) -> pd.DataFrame:
        frame.loc[row_of(frame, "FirstYJS", "2024", 925), "Values"] = "abc"
        frame.loc[row_of(frame, "FirstYJS", "2023", 925), "Years"] = "2023-99"
        return frame

    frame = slice_frame()
    problems = rejected(write_copy(tmp_path, break_it))
    assert problems[:2] == sorted(
        [
            f"row {row_of(frame, 'FirstYJS', '2024', 925) + 1}, column Values: "
            "'abc' is not a number or a known missing-value code (c, x, z, low, k, u, .., :, ~, -)",
            f"row {row_of(frame, 'FirstYJS', '2023', 925) + 1}, column Years: "
            "'2023-99' does not run forward from one year to a later one",
        ],
        key=lambda text: int(text.split(",")[0].split()[1]),
    )
    assert snapshot() == before


def test_repeated_rows_with_different_values_stop_everything(
    before: dict[str, list[Any]], tmp_path: Path
) -> None:
    def repeat(frame: pd.DataFrame) -> pd.DataFrame:
        again = frame.loc[[row_of(frame, "LAC", "2025", 925)]].copy()
        again["Values"] = "60"
        return pd.concat([frame, again], ignore_index=True)

    first = row_of(slice_frame(), "LAC", "2025", 925) + 1
    problems = rejected(write_copy(tmp_path, repeat))
    message = f"LAC for 2025 and LA Number 925 is in rows {first}, {ROWS + 1} with different values"
    assert problems[:2] == [
        f"row {first}, column Values: {message}",
        f"row {ROWS + 1}, column Values: {message}",
    ]
    assert snapshot() == before


def test_a_rejected_first_import_creates_no_areas_or_indicators(db: None, tmp_path: Path) -> None:
    def break_it(frame: pd.DataFrame) -> pd.DataFrame:
        frame.loc[frame.index[-1], "Values"] = "12%"
        return frame

    rejected(write_copy(tmp_path, break_it))
    assert not Area.objects.exists()
    assert not BenchmarkIndicator.objects.exists()


def test_a_systematic_fault_is_listed_briefly(db: None, tmp_path: Path) -> None:
    def shift(frame: pd.DataFrame) -> pd.DataFrame:
        frame["Values"] = frame["LA and Regions"]
        return frame

    problems = rejected(write_copy(tmp_path, shift))
    assert len(problems) == MAX_PROBLEMS_PER_COLUMN + 2
    assert (
        problems[-2]
        == f"column Values: and {VALUES - MAX_PROBLEMS_PER_COLUMN:,} more rows with problems here"
    )


def test_a_code_listed_twice_takes_the_first_stated_polarity_and_says_so(
    db: None, tmp_path: Path
) -> None:
    table = pd.read_csv(DICTIONARY, dtype=str, keep_default_na=False)
    first, second = table.index[table["Measure_short"] == "LAC_Over_Abs"]
    table.loc[first, "Polarity"], table.loc[second, "Polarity"] = "-", "High"
    dictionary = tmp_path / "lait_data_dictionary.csv"
    table.to_csv(dictionary, index=False)
    summary = run(SLICE, dictionary)
    assert BenchmarkIndicator.objects.get(code="LAC_Over_Abs").polarity == "higher"
    warning = next(w for w in summary.warnings if " LAC_Over_Abs in rows " in w)
    assert "polarity neither is better vs higher is better, using higher is better" in warning


def test_a_bad_dictionary_cell_is_reported_by_record(db: None, tmp_path: Path) -> None:
    table = pd.read_csv(DICTIONARY, dtype=str, keep_default_na=False)
    table.loc[table["Measure_short"] == "FirstYJS", "Polarity"] = "Sideways"
    dictionary = tmp_path / "lait_data_dictionary.csv"
    table.to_csv(dictionary, index=False)
    record = int(table.index[table["Measure_short"] == "FirstYJS"][0]) + 2  # the header is row 1
    problems = rejected(SLICE, dictionary)
    assert problems == [
        f"row {record}, column Polarity: in lait_data_dictionary.csv, "
        "'Sideways' is not a polarity (high, low, none, - or empty)"
    ]
    assert not BenchmarkIndicator.objects.exists()


def test_an_indicator_missing_from_the_dictionary_is_still_imported(
    db: None, tmp_path: Path
) -> None:
    table = pd.read_csv(DICTIONARY, dtype=str, keep_default_na=False)
    dictionary = tmp_path / "lait_data_dictionary.csv"
    table[table["Measure_short"] != "FirstYJS"].to_csv(dictionary, index=False)

    def titled(frame: pd.DataFrame) -> pd.DataFrame:
        frame.loc[frame["Short Desc"] == "FirstYJS", "Data item"] = "First time entrants"
        return frame

    summary = run(write_copy(tmp_path, titled), dictionary)
    first = BenchmarkIndicator.objects.get(code="FirstYJS")
    assert first.title == "First time entrants"
    assert (first.polarity, first.decimal_places, first.banded) == ("none", None, True)
    assert any("FirstYJS" in w and "not in lait_data_dictionary.csv" in w for w in summary.warnings)
    assert value("FirstYJS", "2024", "925").value == Decimal("79")


# Pure helpers.


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("2025", ("2025", 20251)),
        ("2016-17 (OT)", ("2016-17 (OT)", 20170)),
        ("2018 (Rev)", ("2018 (Rev)", 20181)),
        ("2013/14-15/16", ("2013/14-15/16", 20160)),
        ("2021/22-23/24", ("2021/22-23/24", 20240)),
        (" 202425 ", ("2024-25", 20250)),
    ],
)
def test_lait_period(label: str, expected: tuple[str, int]) -> None:
    assert lait_period(label) == expected


@pytest.mark.parametrize("label", ["0", "2013/14-12/13", "2013/15-15/16", "2013/14-15/17", ""])
def test_lait_period_rejects(label: str) -> None:
    with pytest.raises(ValueError):
        lait_period(label)


@pytest.mark.parametrize(
    ("text", "places", "expected"),
    [
        ("93.200000000000003", None, ("93.200000", "")),
        ("93.2", None, ("93.200000", "")),
        ("64.099999999999994", 1, ("64.100000", "")),
        ("7.0000000000000007E-2", None, ("0.070000", "")),
        ("-7.0000000000000007E-2", 2, ("-0.070000", "")),
        ("-", 2, (None, "-")),
        ("", None, (None, "")),
        (64.1, None, ("64.100000", "")),
    ],
)
def test_read_value(text: Any, places: int | None, expected: tuple[str | None, str]) -> None:
    assert read_value(text, decimal_places=places) == expected


@pytest.mark.parametrize("text", ["abc", "1e5e", "12%", "1,234", "E-2", "1" * 15])
def test_read_value_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        read_value(text, decimal_places=None)


# The command.


def test_command_prints_a_summary_and_warnings(db: None) -> None:
    out, err = StringIO(), StringIO()
    call_command("import_lait", str(SLICE), str(DICTIONARY), stdout=out, stderr=err)
    assert f"values: {VALUES:,} created, 0 updated, 0 unchanged, 0 removed" in out.getvalue()
    assert "indicators: 10 created, 0 updated, 0 unchanged" in out.getvalue()
    assert "authorities created: 158" in out.getvalue()
    assert "elapsed:" in out.getvalue()
    assert err.getvalue().count("Warning: ") == 3


def test_command_lists_every_problem_then_fails(db: None, tmp_path: Path) -> None:
    def break_it(frame: pd.DataFrame) -> pd.DataFrame:
        frame.loc[[5, 9], "Values"] = "abc"
        return frame

    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="Nothing was imported: 2 rows have problems"):
        call_command(
            "import_lait",
            str(write_copy(tmp_path, break_it)),
            str(DICTIONARY),
            stdout=out,
            stderr=err,
        )
    lines = err.getvalue().splitlines()
    assert lines[0].startswith("row 6, column Values: 'abc' is not a number")
    assert lines[1].startswith("row 10, column Values: ")
    assert not out.getvalue()


def test_a_nul_character_in_an_area_name_is_refused_by_row_and_column(
    db: None, tmp_path: Path
) -> None:
    row = row_of(slice_frame(), "LAC", "2025", 925.0)

    def damage(frame: pd.DataFrame) -> pd.DataFrame:
        frame.loc[row, "LA and Regions"] = "Lincoln\x00shire"
        return frame

    with pytest.raises(ImportRejected) as caught:
        run(parquet=write_copy(tmp_path, damage))

    assert [(p.row, p.column) for p in caught.value.problems] == [(row + 1, "LA and Regions")]
    assert "NUL character" in caught.value.problems[0].message
    assert not BenchmarkValue.objects.exists()
