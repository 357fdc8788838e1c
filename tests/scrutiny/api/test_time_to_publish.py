"""The open data API's time to publish: each quarter's days, as JSON, CSV and in OpenAPI."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from measures.models import State

pytestmark = pytest.mark.django_db


def test_time_to_publish_is_listed_by_quarter_as_json_and_csv(client: Client, make_actual) -> None:
    make_actual(
        state=State.PUBLISHED,
        published_at=datetime(2017, 8, 29, 12, tzinfo=ZoneInfo("Europe/London")),
    )

    rows = client.get("/api/v1/time-to-publish").json()["results"]
    assert rows == [
        {
            "quarter": "2017/18 Q1",
            "quarter_end": "2017-06-30",
            "figures": 1,
            "last_figure_days": 60,
            "median_figure_days": 60,
            "meeting_date": None,
            "meeting_days": None,
        }
    ]
    csv = client.get("/api/v1/time-to-publish", {"format": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    assert csv.content.decode().splitlines() == [
        "quarter,quarter_end,figures,last_figure_days,median_figure_days,meeting_date,meeting_days",
        "2017/18 Q1,2017-06-30,1,60,60,,",
    ]


def test_time_to_publish_is_in_the_openapi_schema_and_the_index(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/time-to-publish" in schema["paths"]
    names = [r["name"] for r in client.get("/api/v1/").json()["resources"]]
    assert "time-to-publish" in names
