"""Officers upload a quarter's return in the admin: preview every row, then confirm."""

from decimal import Decimal

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
