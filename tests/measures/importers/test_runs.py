"""National imports uploaded in the admin and run by the worker, reporting as the commands do."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from measures.benchmarking.models import BenchmarkIndicator, BenchmarkValue, ComparatorGroup
from measures.models import ImportRun
from scrutiny.roles import Role
from tests.worker_support import run_worker

pytestmark = pytest.mark.django_db(transaction=True)

FILES = Path(__file__).resolve().parents[1] / "benchmarking" / "files"
CLA = FILES / "ees_cla_number_and_rate_per_10k_children.csv"
ADD = "/admin/measures/importrun/add/"
RELEASE = {
    "kind": "release",
    "column": "rate_per_10000",
    "filters": "population_type=Children looked after on 31 March each year",
    "code": "CLA_RATE",
    "title": "Children looked after at 31 March, rate per 10,000 children",
    "polarity": "none",
    "unit": "rate_per_10000",
}


@pytest.fixture
def lead(client: Client, make_user) -> Client:
    client.force_login(make_user(username="lead", role=Role.PERFORMANCE_LEAD))
    return client


def upload(client: Client, fields: dict[str, str], **files: Path) -> str:
    handles = {name: path.open("rb") for name, path in files.items()}
    try:
        response = client.post(ADD, {**fields, **handles}, follow=True)
    finally:
        for handle in handles.values():
            handle.close()
    assert response.status_code == 200
    return response.content.decode()


def run_page(client: Client, run: ImportRun) -> str:
    return client.get(f"/admin/measures/importrun/{run.pk}/change/").content.decode()


def test_a_release_uploaded_in_the_admin_is_imported_by_the_worker_with_its_counts(
    lead: Client,
) -> None:
    page = upload(lead, RELEASE, file=CLA)
    assert "The import is queued" in page
    run = ImportRun.objects.get()
    assert run.state == "queued"
    assert not BenchmarkIndicator.objects.exists()  # nothing imported in the request

    run_worker()

    run.refresh_from_db()
    assert run.state == "done", run.outcome
    values = BenchmarkValue.objects.filter(indicator__code="CLA_RATE").count()
    assert values > 40
    assert run.outcome.startswith(f"Imported {run.file.name.rpartition('/')[2]}: ")
    assert "indicator CLA_RATE created" in run.outcome
    assert f": {values} created, 0 updated, 0 unchanged, 0 removed" in run.outcome
    page = run_page(lead, run)
    assert "indicator CLA_RATE created" in page
    assert "Done" in page


def test_a_damaged_release_fails_naming_each_row_and_imports_nothing(
    lead: Client, tmp_path: Path
) -> None:
    lines = CLA.read_text(encoding="utf-8").splitlines()
    lincolnshire = next(
        i
        for i, line in enumerate(lines)
        if line.startswith("2025,") and ",925," in line and "31 March" in line
    )
    lines[lincolnshire] = lines[lincolnshire].replace(",925,", ",92X,")
    damaged = tmp_path / "cla.csv"
    damaged.write_text("\n".join(lines) + "\n", encoding="utf-8")

    upload(lead, RELEASE, file=damaged)
    run_worker()

    run = ImportRun.objects.get()
    assert run.state == "failed"
    assert run.outcome == "Nothing was imported: 1 row has problems."
    assert run.problems == [
        f"row {lincolnshire + 1}, column old_la_code: '92X' is not an authority code: old codes "
        "are three digits, like 925"
    ]
    assert not BenchmarkIndicator.objects.exists()
    assert "&#x27;92X&#x27; is not an authority code" in run_page(lead, run)


def test_a_neighbour_model_is_imported_with_its_version(lead: Client) -> None:
    upload(lead, {"kind": "neighbours", "version": "May 2025"}, file=FILES / "sn_may_2025.xlsx")
    run_worker()
    run = ImportRun.objects.get()
    assert run.state == "done", run.outcome
    groups = ComparatorGroup.objects.count()
    assert groups > 10
    assert f": May 2025: {groups} groups ({groups} created, 0 updated, 0 unchanged" in run.outcome


def test_lait_is_imported_with_its_dictionary(lead: Client) -> None:
    upload(
        lead,
        {"kind": "lait"},
        file=FILES / "lait_slice.parquet",
        dictionary=FILES / "lait_dictionary_slice.csv",
    )
    run_worker()
    run = ImportRun.objects.get()
    assert run.state == "done", run.outcome
    indicators = BenchmarkIndicator.objects.count()
    assert f"indicators: {indicators:,} created, 0 updated, 0 unchanged" in run.outcome
    values = BenchmarkValue.objects.count()
    assert f"values: {values:,} created, 0 updated, 0 unchanged, 0 removed" in run.outcome


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        ({"kind": "lait"}, "LAIT&#x27;s long file needs its data dictionary too."),
        ({"kind": "neighbours"}, "A neighbour model needs its version."),
        ({**RELEASE, "code": ""}, "A release needs this."),
        ({**RELEASE, "filters": "population_type"}, "The filter &#x27;population_type&#x27;"),
    ],
)
def test_the_form_asks_for_what_the_kind_of_file_needs_and_queues_nothing(
    lead: Client, fields: dict[str, str], said: str
) -> None:
    page = upload(lead, fields, file=CLA)
    assert said in page
    assert not ImportRun.objects.exists()


@pytest.mark.parametrize("role", [Role.OFFICER, Role.SCRUTINY_OFFICER])
def test_only_performance_leads_import_national_data(client: Client, make_user, role: Role) -> None:
    client.force_login(make_user(username="someone", role=role))
    assert client.get(ADD).status_code == 403
