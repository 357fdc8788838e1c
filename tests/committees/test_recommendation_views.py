"""The recommendations tracker page, its filters and CSV, a recommendation's page and evidence."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from committees.recommendations import record_update
from measures.models import State
from scrutiny.roles import Role
from tests.committees.packs.pack_support import pdf_of_pages
from tests.conftest import own_queries

pytestmark = pytest.mark.django_db

TRACKER = "/committees/children-and-young-people-scrutiny-committee/recommendations/"
CSV = "/committees/children-and-young-people-scrutiny-committee/recommendations.csv"


@pytest.fixture
def tracker(make_recommendation):
    """Three published recommendations (one overdue, one quiet, one implemented) and a draft."""
    today = timezone.localdate()
    long_ago, recently = today - timedelta(days=400), today - timedelta(days=30)
    overdue = make_recommendation(
        "Define the gaps to close.", raised=long_ago, due=recently, status="in_progress"
    )
    record_update(recommendation=overdue, on=recently, text="Work started.")
    make_recommendation(
        "Adapt Families Working Together.",
        source="ofsted",
        raised=long_ago,
        due=today + timedelta(days=90),
    )
    done = make_recommendation("Refocus on closing the gap.", raised=long_ago, due=recently)
    record_update(recommendation=done, on=recently, text="Done.", status="implemented")
    make_recommendation("An unpublished draft.", raised=long_ago, published=False)
    return overdue


def rows_of(client, url: str, **params) -> list[str]:
    response = client.get(url, params)
    assert response.status_code == 200
    reader = csv.DictReader(io.StringIO(response.content.decode()))
    return [row["Recommendation"] for row in reader]


def test_the_public_tracker_lists_published_recommendations_with_flags_in_words(
    client, tracker
) -> None:
    page = client.get(TRACKER).content.decode()
    assert "Define the gaps to close." in page
    assert "An unpublished draft." not in page
    assert 'class="rec-flag rec-flag-overdue">Overdue</strong>' in page
    # Made over a year ago and never updated: quiet for more than six months.
    assert 'class="rec-flag rec-flag-quiet">No update for 6 months</strong>' in page


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "implemented"}, ["Refocus on closing the gap."]),
        ({"source": "ofsted"}, ["Adapt Families Working Together."]),
        ({"flag": "overdue"}, ["Define the gaps to close."]),
        ({"flag": "quiet"}, ["Adapt Families Working Together."]),
        ({"status": "open", "flag": "overdue"}, []),
    ],
)
def test_the_tracker_filters_and_its_csv_lists_what_the_page_lists(
    client, tracker, params, expected
) -> None:
    assert rows_of(client, CSV, **params) == expected
    page = client.get(TRACKER, params).content.decode()
    for text in expected:
        assert text in page
    assert page.count('id="recommendation-') == len(expected)


def test_the_csv_leaves_out_unpublished_recommendations_for_the_public_but_not_for_staff(
    client, tracker, make_user
) -> None:
    assert "An unpublished draft." not in rows_of(client, CSV)
    client.force_login(make_user("scrutiny", role=Role.SCRUTINY_OFFICER))
    assert "An unpublished draft." in rows_of(client, CSV)
    assert "Not published" in client.get(TRACKER).content.decode()


def test_an_unpublished_recommendation_s_page_and_evidence_are_not_found_by_the_public(
    client, make_recommendation, make_user
) -> None:
    draft = make_recommendation("An unpublished draft.", published=False)
    update = record_update(
        recommendation=draft,
        on=date(2013, 1, 1),
        evidence=ContentFile(pdf_of_pages("Evidence"), name="e.pdf"),
    )
    evidence = f"{draft.get_absolute_url()}evidence/{update.pk}.pdf"
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(evidence).status_code == 404
    client.force_login(make_user("scrutiny", role=Role.SCRUTINY_OFFICER))
    assert client.get(draft.get_absolute_url()).status_code == 200
    response = client.get(evidence)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"


def test_a_recommendation_s_page_shows_its_history_and_linked_measures_statuses_in_fixed_queries(
    client, make_recommendation, make_measure, make_target, make_actual
) -> None:
    recommendation = make_recommendation()
    record_update(recommendation=recommendation, on=date(2013, 2, 1), text="Strategy drafted.")

    def page_queries() -> tuple[str, int]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(recommendation.get_absolute_url())
        return response.content.decode(), own_queries(captured)

    measure = make_measure("LAC-RATE")
    make_target(measure)
    make_actual(measure, period="2017/18 Q1", value=Decimal("48.7"), state=State.PUBLISHED)
    recommendation.measures.add(measure)
    page, one = page_queries()
    assert "Strategy drafted." in page
    assert "LAC-RATE" in page
    assert "Not achieved" in page

    for reference in ("CIN-RATE", "CP-RATE", "CL-RATE"):
        other = make_measure(reference, title=f"{reference} measure")
        make_target(other)
        make_actual(other, period="2017/18 Q1", value=Decimal("40"), state=State.PUBLISHED)
        recommendation.measures.add(other)
    page, four = page_queries()
    assert "CL-RATE" in page
    assert four == one
