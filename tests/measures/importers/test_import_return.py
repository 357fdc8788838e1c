"""The import_return command: a quarter's figures from a CSV or Excel file, all or nothing."""

import csv
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from measures.importers.imports import import_return
from measures.importers.resources import RETURN_COLUMNS
from measures.importers.tabular import ImportRejected
from measures.models import Actual, State
from scrutiny.roles import Role

# Also run on SQLite, the embedded database of make demo (make test's second run).
pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]

FILES = Path(__file__).resolve().parents[1] / "files"
HEADER = list(RETURN_COLUMNS)


@pytest.fixture
def measures(make_measure, make_target) -> None:
    """The demo measures the return files give figures for, with their 2017/18 targets."""
    make_target(make_measure("LAC-RATE"))
    make_target(
        make_measure("LAC-16-17-LEARN", unit="percentage", polarity="higher", decimal_places=2),
        value="87",
        band_low="82",
        band_high="89",
    )
    make_target(
        make_measure("FTE-YJ", unit="count", polarity="lower", decimal_places=0),
        value="203",
        band_low="183",
        band_high="223",
    )
    make_measure(
        "KS4-EM", unit="percentage", polarity="higher", frequency="annual", decimal_places=0
    )


def run(path: Path, *args: str) -> str:
    out, err = StringIO(), StringIO()
    call_command("import_return", str(path), *args, stdout=out, stderr=err)
    assert err.getvalue() == ""
    return out.getvalue().strip()


def rejected(path: Path, *args: str) -> tuple[list[str], str]:
    """Run the command on a file it must refuse: the problem lines and the summary."""
    err = StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("import_return", str(path), *args, stdout=StringIO(), stderr=err)
    return err.getvalue().splitlines(), str(failure.value)


@pytest.fixture
def write_return(tmp_path: Path) -> Callable[..., Path]:
    """Write figures (dicts over the standard header) to a CSV return."""

    def write(
        rows: list[dict[str, str]],
        *,
        header: list[str] | None = None,
        encoding: str = "utf-8",
    ) -> Path:
        path = tmp_path / "return.csv"
        columns = header or HEADER
        with path.open("w", newline="", encoding=encoding) as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            for row in rows:
                writer.writerow([row.get(name.strip().lower(), "") for name in columns])
        return path

    return write


def figure(reference: str, period: str) -> Actual:
    year, quarter = int(period[:4]), int(period[-1])
    return Actual.objects.get(measure__reference=reference, year=year, quarter=quarter)


def test_a_return_creates_published_figures_with_their_periods_and_commentary(
    measures,
) -> None:
    out = run(FILES / "return_q1.csv")

    assert out == f"Imported {FILES / 'return_q1.csv'}: 4 created, 0 updated, 0 unchanged"
    lac = figure("LAC-RATE", "2017/18 Q1")
    assert (lac.value, lac.forecast) == (Decimal("48.7"), Decimal(47))
    assert (lac.covers_from, lac.covers_to) == (date(2017, 6, 30), date(2017, 6, 30))
    assert lac.covers_label == "As at 30 June 2017"
    assert lac.commentary.startswith("There has been a rise")
    assert lac.state == State.PUBLISHED and lac.published_at is not None
    assert figure("FTE-YJ", "2017/18 Q1").commentary.endswith("target figure of 203.")
    results = figure("KS4-EM", "2017/18 Q4")
    assert results.value is None
    assert results.missing_reason == "Results for summer 2017 are published in January 2018"


def test_a_value_is_worked_out_from_the_numerator_and_denominator(measures) -> None:
    run(FILES / "return_q1.csv")

    learning = figure("LAC-16-17-LEARN", "2017/18 Q1")
    assert (learning.numerator, learning.denominator) == (Decimal(39), Decimal(44))
    assert learning.value == Decimal("88.64")  # 39 / 44 = 88.636...%, to 2 places


def test_draft_loads_figures_as_drafts_without_publishing_them(measures) -> None:
    run(FILES / "return_q1.csv", "--draft")

    assert set(Actual.objects.values_list("state", flat=True)) == {State.DRAFT}
    assert not Actual.objects.filter(published_at__isnull=False).exists()


def test_repeated_return_changes_nothing_and_writes_no_history(measures) -> None:
    run(FILES / "return_q1.csv")
    history = Actual.history.count()
    published = dict(Actual.objects.values_list("pk", "published_at"))

    out = run(FILES / "return_q1.csv")

    assert out.endswith(": 0 created, 0 updated, 4 unchanged")
    assert Actual.history.count() == history
    assert dict(Actual.objects.values_list("pk", "published_at")) == published


def test_a_changed_figure_is_updated_and_republished_and_the_rest_left_alone(
    measures, write_return
) -> None:
    run(FILES / "return_q1.csv")
    before = {a.measure.reference: a.published_at for a in Actual.objects.all()}
    with (FILES / "return_q1.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["value"] = "48.9"

    out = run(write_return(rows))

    assert out.endswith(": 0 created, 1 updated, 3 unchanged")
    lac = figure("LAC-RATE", "2017/18 Q1")
    assert lac.value == Decimal("48.9")
    assert lac.published_at > before["LAC-RATE"]
    assert figure("FTE-YJ", "2017/18 Q1").published_at == before["FTE-YJ"]
    assert lac.history.count() == 2


def test_publishing_a_return_already_loaded_as_drafts_publishes_them(measures) -> None:
    run(FILES / "return_q1.csv", "--draft")

    out = run(FILES / "return_q1.csv")

    assert out.endswith(": 0 created, 4 updated, 0 unchanged")
    assert set(Actual.objects.values_list("state", flat=True)) == {State.PUBLISHED}


def test_a_return_can_leave_out_optional_columns(measures, write_return) -> None:
    path = write_return(
        [{"measure": "lac-rate", "period": "Q2 2017/18", "value": "47.2"}],
        header=["Measure", "Period", "Value"],
    )

    out = run(path)

    assert out.endswith(": 1 created, 0 updated, 0 unchanged")
    assert figure("LAC-RATE", "2017/18 Q2").value == Decimal("47.2")


def test_headings_are_matched_whatever_their_case_spaces_or_byte_order_mark(
    measures, write_return
) -> None:
    header = [f" {name.upper()}  " for name in HEADER]
    path = write_return(
        [{"measure": "LAC-RATE", "period": "2017/18 Q1", "value": "48.7"}],
        header=header,
        encoding="utf-8-sig",
    )

    out = run(path)

    assert out.endswith(": 1 created, 0 updated, 0 unchanged")


def test_an_excel_return_is_read_with_its_numbers_and_dates_as_written(
    measures, tmp_path: Path
) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(
        [
            "LAC-RATE",
            "2017/18 Q1",
            48.7,
            None,
            None,
            datetime(2017, 6, 30),
            date(2017, 6, 30),
            "As at 30 June 2017",
            None,
            0.1 + 0.2,
            None,
        ]
    )
    sheet.append([])
    sheet.append(["LAC-16-17-LEARN", "2017/18 Q1", None, 39, 44])
    path = tmp_path / "return.xlsx"
    workbook.save(path)

    out = run(path)

    assert out.endswith(": 2 created, 0 updated, 0 unchanged")
    lac = figure("LAC-RATE", "2017/18 Q1")
    assert (lac.value, lac.forecast) == (Decimal("48.7"), Decimal("0.3"))
    assert lac.covers_from == date(2017, 6, 30) == lac.covers_to
    assert figure("LAC-16-17-LEARN", "2017/18 Q1").value == Decimal("88.64")


def test_a_bad_return_reports_every_problem_by_row_and_column_and_loads_nothing(
    measures,
) -> None:
    lines, summary = rejected(FILES / "return_bad.csv")

    # Where each problem is, and what it is; checks.py words the figures in its messages.
    expected = [
        ("row 2, column value", "'87%' is not a plain number: write numbers like 87 or 0.15"),
        ("row 3, column value", "'1,234' is not a plain number"),
        ("row 4, column measure", "There is no measure with the reference 'LAC-RATE-TYPO'"),
        ("row 5, column value", "A percentage must be between 0 and 100"),
        ("row 6, column numerator", "a percentage cannot be over 100"),
        ("row 7, column period", "KS4-EM is reported once a year, in Q4: 2017/18 Q2 is not"),
        ("row 8, column covers_to", "a period ending 31 January 2018, after the quarter"),
        ("row 9, column value", "Enter a value, or a numerator and denominator, or say why"),
        ("row 10, column value", "does not agree with the numerator and denominator"),
    ]
    assert [line.split(": ", 1)[0] for line in lines] == [where for where, _ in expected]
    for line, (_, what) in zip(lines, expected, strict=True):
        assert what in line
    assert summary == "Nothing was imported: 9 rows have problems."
    assert not Actual.objects.exists()
    assert Actual.history.count() == 0


def test_a_bad_return_leaves_figures_already_loaded_as_they_were(measures, write_return) -> None:
    run(FILES / "return_q1.csv")
    history = Actual.history.count()
    path = write_return(
        [
            {"measure": "LAC-RATE", "period": "2017/18 Q1", "value": "49.9"},
            {"measure": "FTE-YJ", "period": "2017/18 Q2", "value": "270"},
            {"measure": "FTE-YJ", "period": "2017/18 Q3", "value": "two hundred"},
        ]
    )

    lines, _ = rejected(path)

    assert [line.split(":")[0] for line in lines] == ["row 4, column value"]
    assert figure("LAC-RATE", "2017/18 Q1").value == Decimal("48.7")
    assert not Actual.objects.filter(year=2017, quarter=2).exists()
    assert Actual.history.count() == history


def test_a_row_with_no_figure_and_no_reason_counts_rows_after_blank_lines(
    measures, tmp_path: Path
) -> None:
    path = tmp_path / "return.csv"
    path.write_text(
        "measure,period,value,reason\nLAC-RATE,2017/18 Q1,48.7,\n,,,\n\nFTE-YJ,2017/18 Q1,,\n",
        encoding="utf-8",
    )

    lines, _ = rejected(path)

    assert [line.split(":")[0] for line in lines] == ["row 5, column value"]


def test_the_same_measure_and_quarter_twice_is_refused(measures, write_return) -> None:
    row = {"measure": "LAC-RATE", "period": "2017/18 Q1", "value": "48.7"}

    lines, _ = rejected(write_return([row, {**row, "value": "48.8"}]))

    assert lines == [
        "row 3, column period: LAC-RATE 2017/18 Q1 is on an earlier row too: give each "
        "measure one row per quarter."
    ]


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (
            {"period": "2017 Q1"},
            "row 2, column period: '2017 Q1' is not a quarter: write it like 2017/18 Q1",
        ),
        (
            {"period": ""},
            "row 2, column period: Enter the quarter the figure is reported in, like 2017/18 Q1.",
        ),
        (
            {"measure": ""},
            "row 2, column measure: Enter the measure's reference, like LAC-RATE.",
        ),
        (
            {"covers_from": "30/06/2017"},
            "row 2, column covers_from: '30/06/2017' is not a date: write dates like 2017-06-30",
        ),
        (
            {"numerator": "39"},
            "row 2, column denominator: Give both the numerator and the denominator, or neither.",
        ),
        (
            {"forecast": "-1"},
            "row 2, column forecast: A rate per 10,000 children under 18 cannot be negative.",
        ),
        (
            {"value": "48.71234"},
            "row 2, column value: Ensure that there are no more than 4 decimal places.",
        ),
    ],
)
def test_each_kind_of_bad_cell_is_explained(
    measures, write_return, cells: dict[str, str], expected: str
) -> None:
    row = {"measure": "LAC-RATE", "period": "2017/18 Q1", "value": "48.7", **cells}

    lines, summary = rejected(write_return([row]))

    assert lines == [expected]
    assert summary == "Nothing was imported: 1 row has problems."


def test_a_draft_cannot_replace_a_published_figure(measures, make_actual, write_return) -> None:
    make_actual("LAC-RATE", period="2017/18 Q1", value="48.7", state=State.PUBLISHED)
    row = {"measure": "LAC-RATE", "period": "2017/18 Q1", "value": "48.9"}

    lines, _ = rejected(write_return([row]), "--draft")

    assert lines == [
        "row 2: LAC-RATE 2017/18 Q1 is already published: ask a performance lead to change it."
    ]
    assert figure("LAC-RATE", "2017/18 Q1").value == Decimal("48.7")


def test_a_draft_return_repeating_a_published_figure_leaves_it_published(
    measures, make_actual, write_return
) -> None:
    make_actual("LAC-RATE", period="2017/18 Q1", value="48.7", state=State.PUBLISHED)
    row = {"measure": "LAC-RATE", "period": "2017/18 Q1", "value": "48.70"}

    out = run(write_return([row]), "--draft")

    assert out.endswith(": 0 created, 0 updated, 1 unchanged")
    assert figure("LAC-RATE", "2017/18 Q1").state == State.PUBLISHED


def test_an_unreadable_file_is_reported_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "return.xlsx"
    path.write_text("not really a workbook")

    lines, summary = rejected(path)

    assert lines == ["return.xlsx cannot be opened as an Excel .xlsx workbook."]
    assert summary == f"Nothing was imported from {path}."


def test_a_csv_saved_in_a_windows_code_page_is_explained(tmp_path: Path) -> None:
    path = tmp_path / "return.csv"
    path.write_bytes("measure,period,commentary\nLAC-RATE,2017/18 Q1,caf\xe9\n".encode("cp1252"))

    lines, _ = rejected(path)

    assert lines == [
        "return.csv is not in UTF-8: in Excel, save it as “CSV UTF-8 (Comma delimited)”."
    ]


class TestWhoMayLoadWhat:
    """import_return(user=...) as the admin's upload uses it: officers load their own drafts."""

    @pytest.fixture
    def officer(self, make_user) -> Any:
        return make_user(username="officer", role=Role.OFFICER, first_name="Andy", last_name="Cook")

    @pytest.fixture
    def path(self, measures, officer, make_user, write_return) -> Path:
        from measures.models import Measure

        Measure.objects.filter(reference="LAC-RATE").update(owner=officer)
        other = make_user(username="other", role=Role.OFFICER, first_name="Jo", last_name="Kay")
        Measure.objects.filter(reference="FTE-YJ").update(owner=other)
        return write_return(
            [
                {"measure": "LAC-RATE", "period": "2017/18 Q1", "value": "48.7"},
                {"measure": "FTE-YJ", "period": "2017/18 Q1", "value": "268"},
                {"measure": "KS4-EM", "period": "2017/18 Q4", "value": "62"},
            ]
        )

    def test_an_officer_cannot_load_figures_for_anothers_measure(self, officer, path) -> None:
        with pytest.raises(ImportRejected) as failure:
            import_return(path=path, publish=False, user=officer)

        assert [str(problem) for problem in failure.value.problems] == [
            "row 3, column measure: You can only load figures for measures you own: FTE-YJ is "
            "owned by Jo Kay.",
            "row 4, column measure: You can only load figures for measures you own: KS4-EM is "
            "owned by nobody yet.",
        ]
        assert not Actual.objects.exists()

    def test_an_officer_loads_drafts_of_their_own_measures(
        self, officer, write_return, measures
    ) -> None:
        from measures.models import Measure

        Measure.objects.filter(reference="LAC-RATE").update(owner=officer)
        path = write_return([{"measure": "LAC-RATE", "period": "2017/18 Q1", "value": "48.7"}])

        summary = import_return(path=path, publish=False, user=officer)

        assert str(summary) == "1 created, 0 updated, 0 unchanged"
        assert figure("LAC-RATE", "2017/18 Q1").state == State.DRAFT

    def test_an_officer_cannot_publish(self, officer, write_return, measures) -> None:
        from measures.models import Measure

        Measure.objects.filter(reference="LAC-RATE").update(owner=officer)
        path = write_return([{"measure": "LAC-RATE", "period": "2017/18 Q1", "value": "48.7"}])

        with pytest.raises(ImportRejected) as failure:
            import_return(path=path, publish=True, user=officer)

        assert [str(problem) for problem in failure.value.problems] == [
            "row 2: You cannot publish figures: load them as drafts for a performance lead to "
            "approve."
        ]

    def test_a_performance_lead_publishes_anyones_figures_in_their_name(
        self, make_user, path
    ) -> None:
        lead = make_user(username="lead", role=Role.PERFORMANCE_LEAD)

        summary = import_return(path=path, publish=True, user=lead)

        assert summary.created == 3
        assert set(Actual.objects.values_list("published_by__username", flat=True)) == {"lead"}
        assert figure("FTE-YJ", "2017/18 Q1").history.first().history_change_reason == (
            "loaded from a file by lead"
        )


def test_full_width_and_arabic_indic_digits_are_refused_as_figures(measures, write_return) -> None:
    path = write_return(
        [
            {"measure": "LAC-RATE", "period": "2017/18 Q1", "value": "４８.７"},
            {"measure": "FTE-YJ", "period": "2017/18 Q1", "value": "٢٦٨"},
        ]
    )

    lines, _ = rejected(path)

    assert lines == [
        "row 2, column value: '４８.７' is written with full-width digits: type it with the "
        "digits 0 to 9",
        "row 3, column value: '٢٦٨' is written with Arabic-Indic digits: type it with the "
        "digits 0 to 9",
    ]
    assert not Actual.objects.exists()


def test_a_nul_character_in_commentary_is_refused_before_it_reaches_the_database(
    measures, write_return
) -> None:
    path = write_return(
        [{"measure": "LAC-RATE", "period": "2017/18 Q1", "value": "48.7", "commentary": "A\x00B"}]
    )

    lines, _ = rejected(path)

    assert lines == [
        "row 2, column commentary: the cell holds a NUL character (an invisible control "
        "character, often left by copying from another program): delete it and type the text "
        "again"
    ]
    assert not Actual.objects.exists()


def excel_return(path: Path, values: list[object]) -> Path:
    """A return with one LAC-RATE row per value, written by openpyxl as another program would."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["measure", "period", "value", "reason"])
    for quarter, value in enumerate(values, start=1):
        sheet.append(["LAC-RATE", f"2017/18 Q{quarter}", value, ""])
    workbook.save(path)
    return path


def test_an_excel_cell_with_nan_infinity_or_a_formula_without_its_result_says_so(
    measures, tmp_path: Path
) -> None:
    # openpyxl writes NaN and infinity as number cells with no number, and a formula without
    # the result Excel would have saved: each read as empty, which "Enter a value" misexplains.
    path = excel_return(tmp_path / "return.xlsx", [float("nan"), float("inf"), "=40+8.7"])

    lines, _ = rejected(path)

    empty_number = (
        "the cell is a number cell with no number in it (a program may have written NaN or "
        "infinity there): type the figure"
    )
    assert lines == [
        f"row 2, column value: {empty_number}",
        f"row 3, column value: {empty_number}",
        "row 4, column value: the cell holds a formula with no saved result: open and save the "
        "file in Excel, or type the value",
    ]
    assert not Actual.objects.exists()


def test_an_excel_cell_holding_nan_as_text_is_named_not_a_traceback(
    measures, tmp_path: Path
) -> None:
    import re
    import zipfile

    written = excel_return(tmp_path / "written.xlsx", [1, 2])
    path = tmp_path / "return.xlsx"
    with zipfile.ZipFile(written) as source, zipfile.ZipFile(path, "w") as copy:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                text = re.sub(r'<c r="C2"[^>]*>.*?</c>', '<c r="C2"><v>NaN</v></c>', text)
                text = re.sub(r'<c r="C3"[^>]*>.*?</c>', '<c r="C3"><v>-INF</v></c>', text)
                data = text.encode()
            copy.writestr(item, data)

    lines, _ = rejected(path)

    assert lines == [
        "row 2, column value: the cell holds NaN (not a number), not a figure: type the figure",
        "row 3, column value: the cell holds infinity, not a figure: type the figure",
    ]


# --- returns at scale ---------------------------------------------------------------------


def many_measures(count: int) -> list[str]:
    """count quarterly measures, bulk-made (the builders would take longer than the import)."""
    from measures.models import Ambition, Measure, Outcome

    outcome = Outcome.objects.create(
        ambition=Ambition.objects.create(name="Scale"), name="Many measures"
    )
    Measure.objects.bulk_create(
        Measure(
            reference=f"M-{i}",
            title=f"Measure {i}",
            outcome=outcome,
            unit="percentage",
            decimal_places=1,
            polarity="higher",
            frequency="quarterly",
        )
        for i in range(count)
    )
    return [f"M-{i}" for i in range(count)]


def queries_for(load: Callable[[], Any]) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        load()
    return len(queries)


# SQLite writes in batches bounded by its variable limit: the count is PostgreSQL's.
@pytest.mark.postgres_only
def test_a_return_is_checked_in_a_fixed_number_of_queries_however_many_rows(
    write_return, tmp_path: Path
) -> None:
    references = many_measures(200)

    def rows(count: int, value: str) -> list[dict[str, str]]:
        return [
            {"measure": ref, "period": "2017/18 Q1", "value": value, "commentary": "Steady."}
            for ref in references[:count]
        ]

    small, large = write_return(rows(20, "50")), tmp_path / "large.csv"
    small.rename(tmp_path / "small.csv")
    small = tmp_path / "small.csv"
    write_return(rows(200, "50")).rename(large)

    created_small = queries_for(lambda: import_return(path=small))
    created_large = queries_for(lambda: import_return(path=large))
    unchanged = queries_for(lambda: import_return(path=large))

    # New figures are written together, so 200 rows cost what 20 do; unchanged ones nothing.
    assert created_large == created_small
    assert unchanged <= created_small
    assert Actual.objects.count() == 200
    assert Actual.history.count() == 200


def test_changed_figures_keep_their_history_and_who_loaded_them(
    measures, make_user, write_return
) -> None:
    lead = make_user(username="lead", role=Role.PERFORMANCE_LEAD)
    import_return(path=FILES / "return_q1.csv", user=lead)
    path = write_return([{"measure": "LAC-RATE", "period": "2017/18 Q1", "value": "48.9"}])

    summary = import_return(path=path, user=lead)

    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 0)
    lac = figure("LAC-RATE", "2017/18 Q1")
    history = list(lac.history.order_by("history_date"))
    assert [(h.history_type, h.value, h.history_user) for h in history] == [
        ("+", Decimal("48.7"), lead),
        ("~", Decimal("48.9"), lead),
    ]
    assert history[-1].history_change_reason == "loaded from a file by lead"
    assert lac.covers_label == ""  # the column is in the file and empty: as the file says


def test_a_return_over_the_row_limit_is_refused_before_it_is_read_through(
    measures, tmp_path: Path
) -> None:
    from measures.importers.resources import RETURN_ROW_LIMIT

    path = tmp_path / "huge.csv"
    with path.open("w") as handle:
        handle.write("measure,period,value\n")
        for _ in range(RETURN_ROW_LIMIT + 1):
            handle.write("LAC-RATE,2017/18 Q1,48.7\n")

    lines, error = rejected(path)

    assert lines == [
        "huge.csv has more than 10,000 rows: an import may have at most 10,000. Split it into "
        "smaller files."
    ]
    assert error == f"Nothing was imported from {path}."
    assert not Actual.objects.exists()


def test_a_return_reads_the_stored_figures_once(measures) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        import_return(path=FILES / "return_q1.csv")

    stored = [q["sql"] for q in queries if q["sql"].startswith('SELECT "measures_actual"."id"')]
    assert len(stored) == 1
