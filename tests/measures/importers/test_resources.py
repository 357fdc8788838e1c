"""ActualResource as the admin's bulk upload uses it, on datasets from django-import-export."""

from datetime import date, datetime
from decimal import Decimal

import pytest
import tablib
from django.utils import timezone

from measures.importers.resources import ActualResource, result_problems
from measures.importers.tabular import Problem
from measures.models import Actual, State
from scrutiny.roles import Role

pytestmark = pytest.mark.django_db

IMPORT = {
    "raise_errors": False,
    "use_transactions": True,
    "rollback_on_validation_errors": True,
    "collect_failed_rows": True,
}


@pytest.fixture
def lac_rate(make_measure, make_target):
    measure = make_measure("LAC-RATE")
    make_target(measure)
    return measure


def dataset(headers: list[str], *rows: list[object]) -> tablib.Dataset:
    data = tablib.Dataset(headers=headers)
    for row in rows:
        data.append(row)
    return data


def test_uploaded_headings_are_matched_whatever_their_case_or_spaces(lac_rate) -> None:
    data = dataset(["\ufeffMeasure", " Period ", "VALUE"], ["LAC-RATE", "2017/18 Q1", "48.7"])

    result = ActualResource().import_data(data, dry_run=False, **IMPORT)

    assert result_problems(result) == []
    assert result.totals["new"] == 1
    assert Actual.objects.get().value == Decimal("48.7")


def test_an_upload_with_an_unknown_column_is_refused_naming_it(lac_rate) -> None:
    data = dataset(
        ["measure", "period", "value", "colour"], ["LAC-RATE", "2017/18 Q1", "48.7", "red"]
    )

    result = ActualResource().import_data(data, dry_run=False, **IMPORT)

    (problem,) = result_problems(result)
    assert problem.row == 0
    assert problem.message.startswith("The file has unknown column “colour”. The columns are:")
    assert not Actual.objects.exists()


def test_a_dry_run_checks_the_rows_without_saving_them(lac_rate) -> None:
    data = dataset(["measure", "period", "value"], ["LAC-RATE", "2017/18 Q1", "48.7"])

    result = ActualResource().import_data(data, dry_run=True, **IMPORT)

    assert result.totals["new"] == 1
    assert not Actual.objects.exists()


def test_numbers_and_dates_from_an_excel_upload_are_read_as_written(lac_rate) -> None:
    data = dataset(
        ["measure", "period", "value", "covers_from", "covers_to", "forecast"],
        ["LAC-RATE", "2017/18 Q1", 48.7, datetime(2017, 6, 30), date(2017, 6, 30), 47],
    )

    result = ActualResource().import_data(data, dry_run=False, **IMPORT)

    assert result_problems(result) == []
    figure = Actual.objects.get()
    assert (figure.value, figure.forecast) == (Decimal("48.7"), Decimal(47))
    assert figure.covers_from == figure.covers_to == date(2017, 6, 30)


def test_problems_are_numbered_as_spreadsheet_rows_when_no_numbers_are_given(lac_rate) -> None:
    data = dataset(
        ["measure", "period", "value"],
        ["LAC-RATE", "2017/18 Q1", "48.7"],
        ["LAC-RATE", "2017/18 Q2", "48.7%"],
    )

    result = ActualResource().import_data(data, dry_run=False, **IMPORT)

    assert result_problems(result) == [
        Problem(
            row=3,
            column="value",
            message="'48.7%' is not a plain number: write numbers like 87 or 0.15, without % "
            "signs or commas",
        )
    ]
    assert not Actual.objects.exists()


def test_an_unchanged_row_is_reported_as_skipped_and_not_saved(lac_rate, make_actual) -> None:
    make_actual(lac_rate, period="2017/18 Q1", value="48.7", state=State.PUBLISHED)
    data = dataset(["measure", "period", "value"], ["LAC-RATE", "2017/18 Q1", "48.700"])

    result = ActualResource(state=State.PUBLISHED).import_data(data, dry_run=False, **IMPORT)

    assert [row.import_type for row in result.rows] == ["skip"]
    assert Actual.history.count() == 1


def test_a_changed_approved_figure_saved_as_a_draft_needs_signing_off_again(
    lac_rate, make_actual, make_user
) -> None:
    lead = make_user(username="lead", role=Role.PERFORMANCE_LEAD)
    make_actual(lac_rate, state=State.APPROVED, approved_by=lead, approved_at=timezone.now())
    data = dataset(["measure", "period", "value"], ["LAC-RATE", "2017/18 Q1", "48.9"])

    result = ActualResource(state=State.DRAFT, user=lead).import_data(data, dry_run=False, **IMPORT)

    assert result.totals["update"] == 1
    figure = Actual.objects.get()
    assert (figure.state, figure.approved_by, figure.approved_at) == (State.DRAFT, None, None)


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (State.DRAFT, []),
        (State.SUBMITTED, []),
        (
            State.APPROVED,
            [
                Problem(
                    2,
                    "",
                    "LAC-RATE 2017/18 Q1 is already approved: ask a performance lead to change it.",
                )
            ],
        ),
        (
            State.PUBLISHED,
            [
                Problem(
                    2,
                    "",
                    "LAC-RATE 2017/18 Q1 is already published: ask a performance lead "
                    "to change it.",
                )
            ],
        ),
    ],
)
def test_an_officer_uploads_changes_to_their_own_figures_only_until_they_are_approved(
    make_measure, make_target, make_actual, make_user, state, expected
) -> None:
    officer = make_user(username="officer", role=Role.OFFICER)
    lac_rate = make_measure("LAC-RATE", owner=officer)
    make_target(lac_rate)
    make_actual(lac_rate, state=state)
    data = dataset(["measure", "period", "value"], ["LAC-RATE", "2017/18 Q1", "48.9"])

    result = ActualResource(state=State.DRAFT, user=officer).import_data(
        data, dry_run=False, **IMPORT
    )

    assert result_problems(result) == expected
    # All or nothing: a refused row leaves the stored figure as it was.
    assert Actual.objects.get().value == (Decimal("48.9") if not expected else Decimal("48.7"))


def test_the_upload_takes_the_admins_form_keyword(lac_rate, make_user) -> None:
    lead = make_user(username="lead", role=Role.PERFORMANCE_LEAD)

    resource = ActualResource(state=State.DRAFT, user=lead, form=None)

    assert (resource.state, resource.user) == (State.DRAFT, lead)


def test_export_writes_references_period_labels_and_plain_numbers(lac_rate, make_actual) -> None:
    make_actual(
        lac_rate,
        period="2017/18 Q1",
        value="48.7",
        covers_from=date(2017, 6, 30),
        covers_to=date(2017, 6, 30),
        covers_label="As at 30 June 2017",
    )

    exported = ActualResource().export(Actual.objects.all())

    assert exported.headers == [
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
    assert exported.dict[0] == {
        "measure": "LAC-RATE",
        "period": "2017/18 Q1",
        "value": "48.7",
        "numerator": "",
        "denominator": "",
        "covers_from": "2017-06-30",
        "covers_to": "2017-06-30",
        "covers_label": "As at 30 June 2017",
        "commentary": "",
        "forecast": "",
        "reason": "",
    }


def test_an_exported_file_loads_back_unchanged(lac_rate, make_actual) -> None:
    make_actual(lac_rate, period="2017/18 Q1", value="48.7", state=State.PUBLISHED)
    exported = ActualResource().export(Actual.objects.all())

    result = ActualResource(state=State.PUBLISHED).import_data(exported, dry_run=False, **IMPORT)

    assert result_problems(result) == []
    assert result.totals["skip"] == 1
