"""The import_ees command: one column of a statistical release CSV as a benchmark indicator."""

import re
from datetime import date
from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from measures.benchmarking.models import Area, AreaKind, BenchmarkIndicator, BenchmarkValue
from measures.benchmarking.ranking import MISSING_CODES, period_sort_key
from measures.importers.releases import ReleaseRefused, import_release, indicator_slug
from measures.importers.tabular import ImportRejected
from measures.rules.benchmark_periods import period_end

pytestmark = pytest.mark.django_db

FILES = Path(__file__).resolve().parents[1] / "benchmarking" / "files"
CLA = FILES / "ees_cla_number_and_rate_per_10k_children.csv"
CPP = FILES / "ees_d5_cpps_at31march_by_duration.csv"
CARE_LEAVERS = FILES / "ees_la_care_leavers_accommodation_suitability.csv"
LOOKED_AFTER = "population_type=Children looked after on 31 March each year"
BOM = b"\xef\xbb\xbf"


def cla_args(code: str = "CLA_RATE", *extra: str) -> list[str]:
    """Lincolnshire's children looked after rate, as the README shows it."""
    return [
        "--column",
        "rate_per_10000",
        "--filter",
        LOOKED_AFTER,
        "--code",
        code,
        "--title",
        "Children looked after at 31 March, rate per 10,000 children",
        "--polarity",
        "none",
        "--unit",
        "rate_per_10000",
        *extra,
    ]


def cpp_args(code: str = "CPP_2YRS", *extra: str) -> list[str]:
    return [
        "--column",
        "2_years_or_more_percent",
        "--code",
        code,
        "--title",
        "Child protection plans lasting 2 years or more at 31 March (%)",
        "--polarity",
        "low",
        "--unit",
        "percentage",
        *extra,
    ]


def run(path: Path, *args: str) -> str:
    out, err = StringIO(), StringIO()
    call_command("import_ees", str(path), *args, stdout=out, stderr=err)
    assert err.getvalue() == ""
    return out.getvalue().strip()


def rejected(path: Path, *args: str) -> tuple[list[str], str]:
    """Run the command on input it must refuse: the problem lines and the error."""
    err = StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("import_ees", str(path), *args, stdout=StringIO(), stderr=err)
    return err.getvalue().splitlines(), str(failure.value)


def snapshot() -> tuple[list[dict[str, Any]], ...]:
    """Everything an import may write, to show that a refused one wrote nothing."""
    return (
        list(Area.objects.order_by("pk").values()),
        list(BenchmarkIndicator.objects.order_by("pk").values()),
        list(BenchmarkValue.objects.order_by("pk").values()),
    )


def row_of(path: Path, *needles: str) -> int:
    """The spreadsheet row (header = 1) of the first line holding every needle."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    return next(n for n, line in enumerate(lines, 1) if all(x in line for x in needles))


def copy_with(tmp_path: Path, source: Path, edit: Any, name: str | None = None) -> Path:
    """A copy of a slice with its text edited, keeping its byte-order mark if it has one."""
    raw = source.read_bytes()
    bom = BOM if raw.startswith(BOM) else b""
    text = edit(raw[len(bom) :].decode("utf-8"))
    path = tmp_path / (name or source.name)
    path.write_bytes(bom + text.encode("utf-8"))
    return path


def figures(code: str, area: str) -> dict[str, tuple[Decimal | None, str]]:
    return {
        value.period: (value.value, value.status)
        for value in BenchmarkValue.objects.filter(indicator__code=code, area__name=area)
    }


def lincolnshire() -> Area:
    return Area.objects.get(kind=AreaKind.AUTHORITY, old_code="925")


# --- what an import loads ------------------------------------------------------------------


def test_the_cla_rate_loads_for_authorities_england_and_the_region() -> None:
    out = run(CLA, *cla_args())

    assert out.startswith(f"Imported {CLA}: indicator CLA_RATE created; values for 2023, 2024, ")
    assert "51 created, 0 updated, 0 unchanged, 0 removed" in out
    assert "102 rows left out by the filters" in out
    assert figures("CLA_RATE", "Lincolnshire") == {
        "2023": (Decimal(50), ""),
        "2024": (Decimal(51), ""),
        "2025": (Decimal(54), ""),
    }
    assert figures("CLA_RATE", "England")["2025"] == (Decimal(67), "")
    assert figures("CLA_RATE", "East Midlands")["2025"] == (Decimal(62), "")
    # The release's London rows are London's; its Inner London rows are Inner London's.
    assert figures("CLA_RATE", "London")["2025"] == (Decimal(48), "")
    assert figures("CLA_RATE", "Inner London")["2025"] == (Decimal(59), "")
    england = BenchmarkValue.objects.get(
        indicator__code="CLA_RATE", period="2025", area__name="England"
    )
    assert england.area.kind == AreaKind.ENGLAND
    assert england.period_key == period_sort_key("2025")


def test_the_indicator_records_its_source_column_and_filters() -> None:
    run(CLA, *cla_args(), "--decimal-places", "0")

    indicator = BenchmarkIndicator.objects.get(code="CLA_RATE")
    assert indicator.source == CLA.name
    assert indicator.source_column == "rate_per_10000"
    assert indicator.source_filters == {
        "population_type": "Children looked after on 31 March each year"
    }
    assert indicator.title == "Children looked after at 31 March, rate per 10,000 children"
    assert (indicator.unit, indicator.polarity, indicator.decimal_places) == (
        "rate_per_10000",
        "none",
        0,
    )
    assert indicator.slug == indicator_slug("CLA_RATE")


@pytest.mark.parametrize(
    ("word", "stored", "shown"),
    [
        ("high", "higher", "Higher is better"),
        ("higher", "higher", "Higher is better"),
        ("low", "lower", "Lower is better"),
        ("lower", "lower", "Lower is better"),
        ("none", "none", "Neither is better"),
    ],
)
def test_the_polarity_is_stored_in_the_words_measures_use(
    word: str, stored: str, shown: str
) -> None:
    run(CLA, *cla_args(), "--polarity", word)
    indicator = BenchmarkIndicator.objects.get(code="CLA_RATE")
    assert (indicator.polarity, indicator.get_polarity_display()) == (stored, shown)


def test_a_polarity_word_the_command_does_not_know_is_refused() -> None:
    with pytest.raises(CommandError, match="invalid choice: 'target'"):
        call_command("import_ees", str(CLA), *cla_args(), "--polarity", "target")
    assert not BenchmarkIndicator.objects.exists()


def test_the_indicator_takes_its_year_type_from_the_time_identifier() -> None:
    run(CLA, *cla_args())
    # "Reporting year": children's social care's year to 31 March.
    assert BenchmarkIndicator.objects.get(code="CLA_RATE").year_type == "reporting_year"


def test_authorities_are_created_with_both_codes_and_their_region() -> None:
    run(CLA, *cla_args())

    area = lincolnshire()
    assert (area.name, area.old_code, area.new_code) == ("Lincolnshire", "925", "E10000019")
    assert area.region.name == "East Midlands"
    assert Area.objects.by_code("E10000019") == Area.objects.by_code("925") == area
    # Inner London boroughs belong to London.
    assert Area.objects.get(old_code="201").region.name == "London"


def test_an_authority_known_by_its_old_code_gains_its_new_one() -> None:
    existing = Area.objects.create(kind=AreaKind.AUTHORITY, name="Lincolnshire", old_code="925")

    run(CLA, *cla_args())

    existing.refresh_from_db()
    assert existing.new_code == "E10000019"
    assert Area.objects.filter(old_code="925").count() == 1
    assert figures("CLA_RATE", "Lincolnshire")["2025"] == (Decimal(54), "")


def test_an_authority_whose_new_code_changed_is_linked_to_its_latest() -> None:
    # North Yorkshire (815) is E10000023 in 2023 and E06000065 from 2024.
    run(CPP, *cpp_args())

    north_yorkshire = Area.objects.get(old_code="815")
    assert north_yorkshire.new_code == "E06000065"
    assert set(figures("CPP_2YRS", "North Yorkshire")) == {"2023", "2024", "2025"}


def test_columns_are_found_by_name_whatever_their_order_and_a_byte_order_mark() -> None:
    cla_header = CLA.read_bytes().split(b"\n")[0]
    cpp_header = CPP.read_bytes().split(b"\n")[0]
    assert cla_header.startswith(BOM) and not cpp_header.startswith(BOM)
    assert cla_header.index(b"la_name") < cla_header.index(b"new_la_code")
    assert cpp_header.index(b"new_la_code") < cpp_header.index(b"la_name")

    run(CLA, *cla_args())
    run(CPP, *cpp_args())

    assert lincolnshire().new_code == "E10000019"
    assert Area.objects.filter(kind=AreaKind.AUTHORITY, name="Lincolnshire").count() == 1
    assert figures("CPP_2YRS", "Lincolnshire")["2025"] == (None, "c")
    assert figures("CPP_2YRS", "England")["2025"] == (Decimal("2.3"), "")


@pytest.mark.parametrize(
    ("path", "args", "area", "period", "code"),
    [
        (CLA, cla_args(), "City of London", "2025", "c"),
        (CLA, cla_args(), "Northamptonshire", "2025", "z"),
        (CPP, cpp_args(), "Hampshire", "2024", "u"),
        (
            CARE_LEAVERS,
            [
                "--column",
                "care_leaver_percent",
                "--filter",
                "care_leaver_age=19 to 21 years",
                "--filter",
                "breakdown=No information",
                "--code",
                "CL_NO_INFO",
                "--title",
                "Care leavers aged 19 to 21 with no information on accommodation (%)",
                "--polarity",
                "low",
                "--unit",
                "percentage",
            ],
            "Leicester",
            "2024",
            "k",
        ),
    ],
)
def test_missing_value_codes_in_the_releases_are_kept_never_zero(
    path: Path, args: list[str], area: str, period: str, code: str
) -> None:
    run(path, *args)

    value = BenchmarkValue.objects.get(area__name=area, period=period)
    assert (value.value, value.status, value.raw) == (None, code, code)


def test_every_missing_value_code_is_read_as_missing(tmp_path: Path) -> None:
    codes = list(MISSING_CODES)
    header = "time_period,geographic_level,country_code,region_name,old_la_code,new_la_code,la_name"
    lines = [f"{header},rate"]
    for year, code in enumerate(codes, start=2010):
        lines.append(f"{year},National,E92000001,,,,,{code}")
    path = tmp_path / "codes.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    out = run(path, "--column", "rate", *cla_args("CODES")[4:])

    stored = BenchmarkValue.objects.filter(indicator__code="CODES")
    assert sorted(stored.values_list("status", flat=True)) == sorted(codes)
    assert not stored.filter(value__isnull=False).exists()
    assert f"{len(codes)} missing" in out


def test_academic_years_written_202425_are_stored_as_2024_25(tmp_path: Path) -> None:
    path = copy_with(
        tmp_path,
        CLA,
        lambda text: re.sub(
            r"^(2025|2024|2023),", lambda m: f"{int(m[1]) - 1}{m[1][2:]},", text, flags=re.M
        ),
    )

    out = run(path, *cla_args())

    assert "values for 2022-23, 2023-24, 2024-25:" in out
    value = BenchmarkValue.objects.get(area__old_code="925", period="2024-25")
    assert value.value == Decimal(54)
    assert value.period_key == period_sort_key("2024-25") == period_sort_key("202425")


def test_rows_at_other_geographic_levels_are_counted_and_ignored(tmp_path: Path) -> None:
    district = (
        "2025,Reporting year,Local authority district,E92000001,England,E12000004,"
        "East Midlands,,Lincoln,E07000138,Children looked after on 31 March each year,1,2,3\n"
    )
    path = copy_with(tmp_path, CLA, lambda text: text + district)

    out = run(path, *cla_args())

    assert "1 row at other geographic levels ignored (Local authority district 1)" in out
    assert not Area.objects.filter(name="Lincoln").exists()


def test_a_file_with_rows_at_other_levels_only_keeps_every_stored_value(tmp_path: Path) -> None:
    run(CLA, *cla_args())
    header = CLA.read_text(encoding="utf-8-sig").splitlines()[0]
    district = (
        "2025,Reporting year,Local authority district,E92000001,England,E12000004,"
        "East Midlands,,Lincoln,E07000138,Children looked after on 31 March each year,1,2,3"
    )
    path = copy_with(tmp_path, CLA, lambda text: f"{header}\n{district}\n")

    out = run(path, *cla_args())

    assert "values for no periods: 0 created, 0 updated, 0 unchanged, 0 removed" in out
    assert "51 values for other periods kept" in out
    assert BenchmarkValue.objects.filter(indicator__code="CLA_RATE").count() == 51


def test_a_regional_row_is_found_by_its_code_when_it_has_no_name(tmp_path: Path) -> None:
    path = tmp_path / "regions.csv"
    path.write_text(
        "time_period,geographic_level,region_code,region_name,rate\n"
        "2025,Regional,E13000002,,41\n"
        "2025,Regional,E12000004,,62\n",
        encoding="utf-8",
    )

    run(path, "--column", "rate", *cla_args("REGIONS")[4:])

    assert figures("REGIONS", "Outer London") == {"2025": (Decimal(41), "")}
    assert figures("REGIONS", "East Midlands") == {"2025": (Decimal(62), "")}


def test_a_region_that_is_not_one_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "regions.csv"
    path.write_text(
        "time_period,geographic_level,region_code,region_name,rate\n2025,Regional,,Midlands,41\n",
        encoding="utf-8",
    )

    lines, _ = rejected(path, "--column", "rate", *cla_args("REGIONS")[4:])

    assert lines == ["row 2, column region_name: 'Midlands' is not a region of England"]


# --- choosing one row per area and period ----------------------------------------------------


def test_without_a_filter_the_error_names_the_column_that_differs() -> None:
    args = [a for a in cla_args() if a not in ("--filter", LOOKED_AFTER)]

    lines, error = rejected(CLA, *args)

    assert error == "Nothing was imported: the file has problems."
    assert len(lines) == 1
    message = lines[0]
    assert message.startswith("rows 2, 3 and 4 are all for England, 2025 (and 50 more areas")
    assert "The rows differ in population_type (" in message
    assert "Children looked after on 31 March each year" in message
    # Figure columns differ too, but a filter is what the user needs.
    assert "children_count" not in message and "population_estimate" not in message
    assert "--filter 'population_type=" in message
    assert not BenchmarkIndicator.objects.exists()


def test_with_two_filter_columns_both_are_named_until_both_are_given() -> None:
    base = ["--column", "care_leaver_percent", "--code", "CL_SUITABLE", "--title", "Suitable"]
    base += ["--polarity", "high", "--unit", "percentage"]

    lines, _ = rejected(CARE_LEAVERS, *base)
    assert "care_leaver_age (17 to 18 years; 19 to 21 years)" in lines[0]
    assert "breakdown (Accommodation considered suitable; " in lines[0]

    lines, _ = rejected(
        CARE_LEAVERS, *base, "--filter", "breakdown=Accommodation considered suitable"
    )
    assert "care_leaver_age" in lines[0] and "breakdown" not in lines[0]

    out = run(
        CARE_LEAVERS,
        *base,
        "--filter",
        "breakdown=Accommodation considered suitable",
        "--filter",
        "care_leaver_age=19 to 21 years",
    )
    assert "values for 2024, 2025: 10 created" in out
    assert figures("CL_SUITABLE", "Lincolnshire")["2025"] == (Decimal(89), "")


def test_a_filter_value_that_no_row_has_is_named_with_the_values_there_are() -> None:
    args = cla_args()
    args[args.index(LOOKED_AFTER)] = "population_type=Children looked after"

    lines, _ = rejected(CLA, *args)

    assert lines == [
        "column population_type: no row has population_type = 'Children looked after'; its "
        "values are: Children ceasing to be looked after each year; Children looked after on "
        "31 March each year; Children starting to be looked after each year"
    ]


@pytest.mark.parametrize("bad", ["population_type", "=x"])
def test_a_filter_must_be_name_equals_value(bad: str) -> None:
    args = cla_args()
    args[args.index(LOOKED_AFTER)] = bad

    with pytest.raises(CommandError, match="should be NAME=VALUE"):
        call_command("import_ees", str(CLA), *args, stdout=StringIO(), stderr=StringIO())


# --- codes, re-imports and replacing -----------------------------------------------------------


def test_importing_the_same_file_again_changes_nothing() -> None:
    run(CLA, *cla_args())
    before = snapshot()

    out = run(CLA, *cla_args())

    assert "indicator CLA_RATE unchanged" in out
    assert "0 created, 0 updated, 51 unchanged, 0 removed" in out
    assert snapshot() == before


def test_importing_again_replaces_the_values_for_the_periods_in_the_file(tmp_path: Path) -> None:
    run(CLA, *cla_args())
    rutland = row_of(CLA, "2025,", ",857,", "31 March")

    def revise(text: str) -> str:
        lines = text.splitlines()
        del lines[rutland - 1]  # Rutland's 2025 figure withdrawn
        lines = [
            line.replace(",147954,805,54", ",147954,805,55")
            for line in lines  # Lincolnshire
        ]
        return "\n".join(line for line in lines if line.startswith("2025")) + "\n"

    header = CLA.read_text(encoding="utf-8-sig").splitlines()[0]
    path = copy_with(tmp_path, CLA, lambda text: header + "\n" + revise(text))

    out = run(path, *cla_args())

    assert "values for 2025: 0 created, 1 updated, 15 unchanged, 1 removed" in out
    assert "34 values for other periods kept" in out
    assert figures("CLA_RATE", "Lincolnshire") == {
        "2023": (Decimal(50), ""),
        "2024": (Decimal(51), ""),
        "2025": (Decimal(55), ""),
    }
    assert set(figures("CLA_RATE", "Rutland")) == {"2023", "2024"}


def test_a_code_another_source_uses_is_refused_without_replace() -> None:
    run(CLA, *cla_args())
    before = snapshot()

    lines, error = rejected(CPP, *cpp_args("CLA_RATE"))

    assert lines == []
    assert error.startswith(
        "The code CLA_RATE is already used by “Children looked after at 31 March, rate per "
        f"10,000 children” from {CLA.name}, column rate_per_10000 with filters population_type="
    )
    assert "--replace" in error
    assert snapshot() == before


def test_the_same_file_with_another_filter_is_another_source() -> None:
    run(CLA, *cla_args())
    args = cla_args()
    args[args.index(LOOKED_AFTER)] = (
        "population_type=Children starting to be looked after each year"
    )

    _, error = rejected(CLA, *args)

    assert error.startswith("The code CLA_RATE is already used")


def test_replace_lets_another_source_take_over_a_code() -> None:
    run(CLA, *cla_args())

    out = run(CPP, *cpp_args("CLA_RATE"), "--replace")

    assert "indicator CLA_RATE updated" in out
    indicator = BenchmarkIndicator.objects.get(code="CLA_RATE")
    assert (indicator.source, indicator.source_column, indicator.source_filters) == (
        CPP.name,
        "2_years_or_more_percent",
        {},
    )
    assert figures("CLA_RATE", "England")["2025"] == (Decimal("2.3"), "")


def test_the_service_refuses_a_reused_code_with_nothing_changed() -> None:
    run(CLA, *cla_args())
    before = snapshot()

    with pytest.raises(ReleaseRefused):
        import_release(
            path=CPP,
            column="CPP_At31",
            filters={},
            code="CLA_RATE",
            title="Child protection plans at 31 March",
            polarity="none",
            unit="count",
        )

    assert snapshot() == before


def test_slugs_are_url_safe_and_tell_similar_codes_apart() -> None:
    slugs = {indicator_slug(code) for code in ("CPP_Total_Rateper10,000", "LAC_Fixed_ Ex", "%")}

    assert len(slugs) == 3
    assert all(re.fullmatch(r"[a-z0-9_-]+", slug) for slug in slugs)
    assert indicator_slug("LAC_Fixed_ Ex") != indicator_slug("LAC_Fixed_Ex")


# --- broken copies: every problem with its row, and nothing changed ------------------------------


@pytest.fixture
def loaded() -> tuple[list[dict[str, Any]], ...]:
    """Another indicator already loaded, so that a refused import has something to leave alone."""
    run(CPP, *cpp_args())
    return snapshot()


def test_a_missing_column_is_named_with_the_columns_found(tmp_path: Path, loaded) -> None:
    def drop_new_code(text: str) -> str:
        rows = [line.split(",") for line in text.splitlines()]
        position = rows[0].index("new_la_code")
        return "\n".join(",".join(r[:position] + r[position + 1 :]) for r in rows) + "\n"

    path = copy_with(tmp_path, CLA, drop_new_code)

    lines, error = rejected(path, *cla_args())

    assert lines == [
        f"{path.name} has no “new_la_code” column. Its columns are: time_period, "
        "time_identifier, geographic_level, country_code, country_name, region_code, "
        "region_name, old_la_code, la_name, population_type, population_estimate, "
        "children_count, rate_per_10000."
    ]
    assert error == f"Nothing was imported from {path}."
    assert snapshot() == loaded


def test_a_misspelt_column_is_named(loaded) -> None:
    args = cla_args()
    args[args.index("rate_per_10000")] = "rate_per_10k"

    lines, _ = rejected(CLA, *args)

    assert lines[0].startswith(f"{CLA.name} has no “rate_per_10k” column. Its columns are: ")
    assert snapshot() == loaded


def test_malformed_codes_and_unreadable_values_are_reported_by_row(tmp_path: Path, loaded) -> None:
    lincolnshire_row = row_of(CLA, "2025,", ",925,", "31 March")
    derby_row = row_of(CLA, "2024,", ",831,", "31 March")
    leicester_row = row_of(CLA, "2023,", ",856,", "31 March")

    def damage(text: str) -> str:
        lines = text.splitlines()
        lines[lincolnshire_row - 1] = lines[lincolnshire_row - 1].replace(",925,", ",92X,")
        lines[derby_row - 1] = lines[derby_row - 1].replace(",E06000015,", ",E6000015,")
        lines[leicester_row - 1] = re.sub(r",\d+$", ",5O", lines[leicester_row - 1])
        return "\n".join(lines) + "\n"

    path = copy_with(tmp_path, CLA, damage)

    lines, error = rejected(path, *cla_args())

    # In the file's order, as a person works through them.
    assert lines == [
        f"row {lincolnshire_row}, column old_la_code: '92X' is not an authority code: old codes "
        "are three digits, like 925",
        f"row {derby_row}, column new_la_code: 'E6000015' is not an area code: new codes "
        "are E and eight digits, like E10000019",
        f"row {leicester_row}, column rate_per_10000: '5O' is not a number or a known "
        f"missing-value code ({', '.join(MISSING_CODES)})",
    ]
    assert error == "Nothing was imported: 3 rows have problems."
    assert snapshot() == loaded


def test_row_numbers_count_blank_lines_as_a_spreadsheet_does(tmp_path: Path, loaded) -> None:
    def damage(text: str) -> str:
        lines = text.splitlines()
        lines.insert(3, "")  # row 4
        # East Midlands' looked after rate, row 6 of the slice, is row 7 of the copy.
        lines[6] = re.sub(r",\d+$", ",n/a", lines[6])
        return "\n".join(lines) + "\n"

    path = copy_with(tmp_path, CLA, damage)

    lines, _ = rejected(path, *cla_args())

    assert [line.split(":")[0] for line in lines] == ["row 7, column rate_per_10000"]
    assert snapshot() == loaded


def test_an_unreadable_period_is_reported_by_row(tmp_path: Path, loaded) -> None:
    national = "Reporting year,National,E92000001,England,,,,,,Children looked after"
    path = copy_with(
        tmp_path, CLA, lambda text: text.replace(f"\n2024,{national}", f"\n2024/Q1,{national}")
    )

    lines, _ = rejected(path, *cla_args())

    row = row_of(path, "2024/Q1,")
    assert lines == [
        f"row {row}, column time_period: '2024/Q1' is not a period such as 2025, 2024-25 or 202425"
    ]
    assert snapshot() == loaded


def test_the_service_raises_every_problem_at_once(tmp_path: Path) -> None:
    path = copy_with(tmp_path, CLA, lambda text: text.replace(",54\n", ",fifty-four\n"))

    with pytest.raises(ImportRejected) as failure:
        import_release(
            path=path,
            column="rate_per_10000",
            filters={"population_type": "Children looked after on 31 March each year"},
            code="CLA_RATE",
            title="Children looked after rate",
            polarity="none",
            unit="rate_per_10000",
        )

    assert [(p.row, p.column) for p in failure.value.problems] == [
        (row_of(path, "fifty-four"), "rate_per_10000")
    ]
    assert not Area.objects.filter(kind=AreaKind.AUTHORITY).exists()


def test_a_file_that_is_not_there_is_named(tmp_path: Path) -> None:
    lines, error = rejected(tmp_path / "missing.csv", *cla_args())

    assert lines == [f"There is no file at {tmp_path / 'missing.csv'}."]
    assert error == f"Nothing was imported from {tmp_path / 'missing.csv'}."


WORKFORCE = FILES / "ees_csww_indicators.csv"


@pytest.mark.parametrize(
    ("extra", "year_type", "ends"),
    [
        # The file says "Reporting year", which for most releases ends on 31 March ...
        ((), "reporting_year", date(2025, 3, 31)),
        # ... but the workforce census counts social workers at 30 September.
        (("--year-type", "end_of_september"), "end_of_september", date(2025, 9, 30)),
    ],
)
def test_a_stated_year_type_overrides_the_files_time_identifier(
    extra: tuple[str, ...], year_type: str, ends: date
) -> None:
    run(
        WORKFORCE,
        "--column=agency_rate_fte",
        "--code=CSWW_AGENCY",
        "--title=Agency social workers",
        "--polarity=low",
        "--unit=percentage",
        *extra,
    )

    indicator = BenchmarkIndicator.objects.get(code="CSWW_AGENCY")
    assert indicator.year_type == year_type
    assert period_end("2025", indicator.year_type) == ends


def test_an_unknown_year_type_is_refused_with_nothing_loaded() -> None:
    with pytest.raises(ReleaseRefused, match="not one of"):
        import_release(
            path=WORKFORCE,
            column="agency_rate_fte",
            filters={},
            code="CSWW_AGENCY",
            title="Agency social workers",
            polarity="low",
            unit="percentage",
            year_type="fortnightly",
        )

    assert not BenchmarkIndicator.objects.filter(code="CSWW_AGENCY").exists()
