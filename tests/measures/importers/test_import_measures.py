"""The import_measures command: measures and yearly targets from a CSV or Excel file."""

import csv
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from measures.importers.imports import MEASURE_COLUMNS, import_measures
from measures.importers.tabular import ImportRejected, TableError
from measures.models import Ambition, Measure, Outcome, Target

# Also run on SQLite, the embedded database of make demo (make test's second run).
pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]

FILES = Path(__file__).resolve().parents[1] / "files"
HEADER = list(MEASURE_COLUMNS)
LAC_RATE = {
    "reference": "LAC-RATE",
    "title": "Looked after children",
    "ambition": "Communities are safe and protected",
    "outcome": "Children are safe and healthy",
    "unit": "rate_per_10000",
    "polarity": "target",
    "frequency": "quarterly",
    "decimal_places": "1",
    "target_year": "2017/18",
    "target": "45",
    "band_low": "43",
    "band_high": "47",
    "due_quarter": "",
}


def model_message(field: str, **target: Any) -> str:
    """What Target.clean says about a target's field, so these tests follow its wording."""
    values = {k: Decimal(v) if isinstance(v, int) else v for k, v in target.items()}
    with pytest.raises(ValidationError) as error:
        Target(year=2017, **values).clean()
    return error.value.message_dict[field][0]


def run(path: Path) -> tuple[str, str]:
    """Run the command, returning what it printed to stdout and stderr."""
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command("import_measures", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def rejected(path: Path) -> tuple[list[str], str]:
    """Run the command on a file it must refuse: the problem lines and the summary."""
    from io import StringIO

    err = StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("import_measures", str(path), stdout=StringIO(), stderr=err)
    return err.getvalue().splitlines(), str(failure.value)


@pytest.fixture
def write_csv(tmp_path: Path) -> Callable[..., Path]:
    """Write rows (dicts over the standard header, or lists under a given header) to a CSV."""

    def write(
        rows: list[dict[str, str]] | list[list[str]],
        *,
        header: list[str] | None = None,
        name: str = "measures.csv",
        encoding: str = "utf-8",
    ) -> Path:
        path = tmp_path / name
        with path.open("w", newline="", encoding=encoding) as handle:
            writer = csv.writer(handle)
            writer.writerow(header or HEADER)
            for row in rows:
                writer.writerow([row.get(c, "") for c in HEADER] if isinstance(row, dict) else row)
        return path

    return write


def test_a_measures_file_creates_ambitions_outcomes_measures_and_targets() -> None:
    out, err = run(FILES / "measures.csv")

    assert out.strip() == f"Imported {FILES / 'measures.csv'}: 5 created, 0 updated, 0 unchanged"
    assert err == ""
    assert list(Ambition.objects.values_list("name", "order")) == [
        ("Communities are safe and protected", 0),
        ("Learn and Achieve", 1),
    ]
    assert list(Outcome.objects.values_list("name", "order")) == [
        ("Children are safe and healthy", 0),
        ("Reduce the number of young people committing a crime", 1),
        ("Young people thrive in learning environments which best meet their needs", 2),
    ]
    lac = Measure.objects.get(reference="LAC-RATE")
    assert (lac.title, lac.unit, lac.polarity, lac.frequency) == (
        "Looked after children",
        "rate_per_10000",
        "target",
        "quarterly",
    )
    assert (lac.decimal_places, lac.due_quarter, lac.order) == (1, None, 0)
    assert lac.outcome.name == "Children are safe and healthy"
    assert Measure.objects.get(reference="CP-PLANS").order == 1
    targets = lac.targets.order_by("year")
    assert [(t.year, t.value, t.band_low, t.band_high) for t in targets] == [
        (2016, Decimal(45), Decimal(43), Decimal(47)),
        (2017, Decimal(45), Decimal(43), Decimal(47)),
    ]
    reoffending = Target.objects.get(measure__reference="REOFFEND-YJ")
    assert (reoffending.value, reoffending.band_low, reoffending.band_high) == (
        Decimal("34.8"),
        None,
        None,
    )
    exclusions = Measure.objects.get(reference="PERM-EXCL-RATE")
    assert (exclusions.frequency, exclusions.due_quarter) == ("annual", 4)
    assert exclusions.targets.get().band_low == Decimal("0.13")


def test_repeated_measures_file_changes_nothing_and_writes_no_history() -> None:
    run(FILES / "measures.csv")
    histories = Measure.history.count(), Target.history.count()

    out, _ = run(FILES / "measures.csv")

    assert out.strip().endswith(": 0 created, 0 updated, 5 unchanged")
    assert (Measure.history.count(), Target.history.count()) == histories
    assert Measure.objects.count() == 4 and Target.objects.count() == 5


def test_a_changed_band_updates_the_target_and_records_it_in_history(write_csv) -> None:
    run(write_csv([LAC_RATE]))
    path = write_csv([{**LAC_RATE, "band_low": "44"}])

    out, _ = run(path)

    assert out.strip().endswith(": 0 created, 1 updated, 0 unchanged")
    target = Target.objects.get(measure__reference="LAC-RATE")
    assert target.band_low == Decimal(44)
    assert target.history.count() == 2
    assert Measure.history.count() == 1  # the measure itself did not change


def test_a_new_target_year_for_a_known_measure_counts_as_created(write_csv) -> None:
    run(write_csv([LAC_RATE]))

    out, _ = run(write_csv([LAC_RATE, {**LAC_RATE, "target_year": "2018/19"}]))

    assert out.strip().endswith(": 1 created, 0 updated, 1 unchanged")
    assert Measure.objects.get().targets.count() == 2


def test_an_existing_measures_other_details_are_left_alone(make_measure, write_csv) -> None:
    make_measure("LAC-RATE", definition="Children looked after at the end of the quarter.")

    run(write_csv([{**LAC_RATE, "title": "Looked after children per 10,000"}]))

    measure = Measure.objects.get()
    assert measure.title == "Looked after children per 10,000"
    assert measure.definition == "Children looked after at the end of the quarter."


def test_an_excel_file_is_read_with_its_numbers_as_written(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(
        [
            "PERM-EXCL-RATE",
            "Rate of permanent exclusions",
            "Learn and Achieve",
            "Young people thrive in learning environments which best meet their needs",
            "percentage",
            "lower",
            "annual",
            2,
            "2016/17",
            0.1 + 0.05,  # a float that prints as 0.15000000000000002
            0.13,
            0.15,
            "Q4",
        ]
    )
    sheet.append([])  # a blank row is skipped
    sheet.append(["LAC-RATE", *list(LAC_RATE.values())[1:7], 1, "2017/18", 45, 43, 47, None])
    path = tmp_path / "measures.xlsx"
    workbook.save(path)

    out, _ = run(path)

    assert out.strip().endswith(": 2 created, 0 updated, 0 unchanged")
    target = Target.objects.get(measure__reference="PERM-EXCL-RATE")
    assert (target.value, target.band_low, target.band_high) == (
        Decimal("0.15"),
        Decimal("0.13"),
        Decimal("0.15"),
    )
    assert Measure.objects.get(reference="PERM-EXCL-RATE").decimal_places == 2
    assert Target.objects.get(measure__reference="LAC-RATE").value == Decimal(45)


def test_headings_are_matched_whatever_their_case_spaces_or_byte_order_mark(write_csv) -> None:
    header = [f"  {name.upper().replace('_', ' ')} " for name in HEADER]
    path = write_csv([list(LAC_RATE.values())], header=header, encoding="utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")

    out, _ = run(path)

    assert out.strip().endswith(": 1 created, 0 updated, 0 unchanged")


def test_empty_decimal_places_take_the_units_default_and_annual_measures_report_in_q4(
    write_csv,
) -> None:
    row = {
        **LAC_RATE,
        "reference": "KS4-EM",
        "unit": "percentage",
        "polarity": "higher",
        "frequency": "annual",
        "decimal_places": "",
        "target": "63",
        "band_low": "61",
        "band_high": "64",
    }

    run(write_csv([row]))

    measure = Measure.objects.get()
    assert (measure.decimal_places, measure.due_quarter) == (1, 4)


def test_a_measure_without_a_target_year_is_imported_without_a_target(write_csv) -> None:
    path = write_csv(
        [{**LAC_RATE, "target_year": "", "target": "", "band_low": "", "band_high": ""}]
    )

    out, _ = run(path)

    assert out.strip().endswith(": 1 created, 0 updated, 0 unchanged")
    assert Measure.objects.get().targets.count() == 0


def test_a_target_year_with_an_empty_target_and_band_is_a_year_without_a_target(
    write_csv,
) -> None:
    path = write_csv(
        [
            {**LAC_RATE, "target_year": "2016/17"},
            {**LAC_RATE, "target_year": "2017/18", "target": "", "band_low": "", "band_high": ""},
        ]
    )

    out, err = run(path)

    assert err == ""
    # The second row creates nothing: the measure is the first row's.
    assert out.strip().endswith(": 1 created, 0 updated, 1 unchanged")
    measure = Measure.objects.get()
    # No empty Target for 2017/18: the measure is Not rated that year.
    assert list(measure.targets.values_list("year", "value")) == [(2016, Decimal(45))]
    assert run(path)[0].strip().endswith(": 0 created, 0 updated, 2 unchanged")


def test_an_empty_target_leaves_a_target_already_stored_for_that_year(
    make_target, write_csv
) -> None:
    stored = make_target(year=2017)
    path = write_csv([{**LAC_RATE, "target": "", "band_low": "", "band_high": ""}])

    out, _ = run(path)

    assert out.strip().endswith(": 0 created, 0 updated, 1 unchanged")
    assert list(Target.objects.all()) == [stored]
    assert stored.history.count() == 1


def test_the_files_order_sets_the_order_measures_are_shown_in(write_csv) -> None:
    rows = [
        {**LAC_RATE, "reference": "CP-PLANS", "title": "Child protection plans"},
        LAC_RATE,
    ]

    run(write_csv(rows))

    assert list(Measure.objects.values_list("reference", flat=True)) == ["CP-PLANS", "LAC-RATE"]


def test_a_bad_file_reports_every_problem_by_row_and_column_and_imports_nothing() -> None:
    lines, summary = rejected(FILES / "measures_bad.csv")

    assert lines == [
        "row 2, column unit: 'per_10000' is not a unit: use one of count, percentage, "
        "rate_per_10000, rate_per_100000, days, number",
        "row 3, column target: '87%' is not a plain number: write numbers like 87 or 0.15, "
        "without % signs or commas",
        "row 4, column band_low: '1,234' is not a plain number: write numbers like 87 or 0.15, "
        "without % signs or commas",
        "row 5, column band_low: "
        + model_message("band_low", value=92, band_low=93, band_high=100),
        "row 6, column due_quarter: REOFFEND-YJ is quarterly: leave due_quarter empty (it is the "
        "quarter an annual measure is reported in)",
        "row 7, column target_year: '2016/2018' is not a financial year: write it like 2016/17",
    ]
    assert summary == "Nothing was imported: 6 rows have problems."
    assert not Measure.objects.exists() and not Ambition.objects.exists()
    assert Measure.history.count() == 0


def test_a_band_is_checked_against_the_measures_unit_when_the_measure_exists(
    make_measure, write_csv
) -> None:
    make_measure("LAC-RATE")

    lines, _ = rejected(write_csv([{**LAC_RATE, "band_high": "44"}]))

    measure = Measure.objects.get()
    message = model_message("band_high", measure=measure, value=45, band_low=43, band_high=44)
    assert lines == [f"row 2, column band_high: {message}"]
    assert "(44 per 10,000)" in message and "(45 per 10,000)" in message


def test_an_unknown_unit_for_an_existing_measure_is_reported_once(make_target, write_csv) -> None:
    make_target("LAC-RATE")

    lines, _ = rejected(write_csv([{**LAC_RATE, "unit": "per 10,000", "band_low": "46"}]))

    assert lines == [
        "row 2, column unit: 'per 10,000' is not a unit: use one of count, percentage, "
        "rate_per_10000, rate_per_100000, days, number",
        "row 2, column band_low: "
        + model_message(
            "band_low", measure=Measure.objects.get(), value=45, band_low=46, band_high=47
        ),
    ]


def test_a_bad_file_leaves_existing_measures_and_targets_as_they_were(write_csv) -> None:
    run(write_csv([LAC_RATE]))
    path = write_csv(
        [{**LAC_RATE, "title": "Renamed"}, {**LAC_RATE, "reference": "CP-PLANS", "unit": "kg"}]
    )

    rejected(path)

    assert Measure.objects.get().title == "Looked after children"
    assert Measure.objects.count() == 1


def test_the_rows_of_one_measure_must_describe_it_the_same_way(write_csv) -> None:
    path = write_csv(
        [
            LAC_RATE,
            {**LAC_RATE, "target_year": "2018/19", "title": "LAC rate", "polarity": "lower"},
        ]
    )

    lines, _ = rejected(path)

    assert lines == [
        "row 3, column title: LAC-RATE has title 'Looked after children' on row 2: give a "
        "measure the same title on every row.",
        "row 3, column polarity: LAC-RATE has polarity 'target' on row 2: give a measure the "
        "same polarity on every row.",
    ]


def test_a_target_year_given_twice_for_a_measure_is_refused(write_csv) -> None:
    lines, _ = rejected(write_csv([LAC_RATE, LAC_RATE]))

    assert lines == ["row 3, column target_year: LAC-RATE already has a 2017/18 target on row 2."]


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (
            {"target_year": "", "target": "45"},
            "row 2, column target_year: Give the financial year the target is for, like "
            "2017/18; leave the target and band empty for a measure without a target.",
        ),
        (
            {"target": "", "band_low": "43"},
            "row 2, column target: Give the target for 2017/18: a band needs its target. Leave "
            "the band empty too if the measure has no target that year.",
        ),
        (
            {"decimal_places": "1.5"},
            "row 2, column decimal_places: '1.5' is not a number of decimal places: use 0, 1, "
            "2, 3 or 4",
        ),
        (
            {"frequency": "annual", "due_quarter": "Q5"},
            "row 2, column due_quarter: 'Q5' is not a quarter: use Q1, Q2, Q3 or Q4",
        ),
        (
            {"polarity": "up"},
            "row 2, column polarity: 'up' is not a polarity: use one of higher, lower, target",
        ),
        (
            {"polarity": "none"},
            "row 2, column polarity: 'none' is not a polarity: use one of higher, lower, target",
        ),
        (
            {"frequency": "monthly"},
            "row 2, column frequency: 'monthly' is not a frequency: use one of quarterly, annual",
        ),
        (
            {"reference": "lac rate"},
            "row 2, column reference: Use capital letters, digits and hyphens, like LAC-RATE.",
        ),
        ({"title": ""}, "row 2, column title: This field cannot be blank."),
        ({"outcome": ""}, "row 2, column outcome: Enter the outcome the measure comes under."),
    ],
)
def test_each_kind_of_bad_cell_is_explained(
    write_csv, cells: dict[str, str], expected: str
) -> None:
    lines, summary = rejected(write_csv([{**LAC_RATE, **cells}]))

    assert lines == [expected]
    assert summary == "Nothing was imported: 1 row has problems."


def test_an_annual_measure_may_report_in_another_quarter(write_csv) -> None:
    run(write_csv([{**LAC_RATE, "frequency": "annual", "due_quarter": "q2"}]))

    assert Measure.objects.get().due_quarter == 2


def test_missing_and_unknown_columns_are_named_with_the_expected_ones(write_csv) -> None:
    header = [name for name in HEADER if name not in ("unit", "band_low")] + ["colour"]
    path = write_csv([], header=header)

    lines, summary = rejected(path)

    assert lines == [
        "The file has no “unit” and “band_low” columns. The file has unknown column “colour”. "
        "The columns are: " + ", ".join(HEADER[:-1]) + "; and optionally due_quarter."
    ]
    assert summary == f"Nothing was imported from {path}."


def test_the_import_function_raises_with_the_problems_for_other_callers(write_csv) -> None:
    with pytest.raises(ImportRejected) as failure:
        import_measures(path=write_csv([{**LAC_RATE, "target": "45.0.1"}]))

    (problem,) = failure.value.problems
    assert (problem.row, problem.column) == (2, "target")


def test_a_file_that_is_not_csv_or_excel_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "measures.ods"
    path.write_bytes(b"")

    with pytest.raises(TableError, match="not a .csv or .xlsx file"):
        import_measures(path=path)


# SQLite writes in batches bounded by its variable limit: the count is PostgreSQL's.
@pytest.mark.postgres_only
def test_a_measures_file_is_loaded_in_a_fixed_number_of_queries_with_history(
    write_csv, tmp_path: Path
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def rows(start: int, count: int) -> list[dict[str, str]]:
        return [{**LAC_RATE, "reference": f"M-{i}"} for i in range(start, start + count)]

    small = write_csv(rows(0, 10), name="small.csv")
    large = write_csv(rows(10, 100), name="large.csv")
    with CaptureQueriesContext(connection) as first:
        import_measures(path=small)
    with CaptureQueriesContext(connection) as second:
        summary = import_measures(path=large)

    assert summary.created == 100
    assert len(second) <= len(first)
    assert Measure.history.count() == Target.history.count() == 110
    changed = write_csv([{**LAC_RATE, "reference": "M-3", "band_high": "48"}], name="one.csv")
    assert import_measures(path=changed).updated == 1
    assert Target.objects.get(measure__reference="M-3").history.first().band_high == 48
