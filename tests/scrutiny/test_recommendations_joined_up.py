"""Recommendations wherever the service gathers things: the API, search and the Atom feed,
each showing the public published recommendations only."""

import csv
import io
from datetime import date

import feedparser
import pytest

from committees.recommendations import record_update
from scrutiny.roles import Role
from scrutiny.search.reads import search

pytestmark = pytest.mark.django_db

FEED = "/feeds/children-and-young-people-scrutiny-committee/recommendations.atom"


@pytest.fixture
def recommendations(make_recommendation):
    shown = make_recommendation("Define the Lincolnshire gaps to close.")
    hidden = make_recommendation("Unpublished Lincolnshire draft.", published=False)
    record_update(recommendation=shown, on=date(2013, 1, 10), text="Published progress.")
    record_update(recommendation=hidden, on=date(2013, 1, 11), text="Unpublished progress.")
    return shown, hidden


def test_the_api_lists_published_recommendations_with_their_updates_as_json_and_csv(
    client, recommendations
) -> None:
    shown, _ = recommendations
    response = client.get("/api/v1/recommendations")
    assert response.status_code == 200
    (row,) = response.json()["results"]
    assert row["text"] == "Define the Lincolnshire gaps to close."
    assert row["source"] == "peer_challenge"
    assert row["updates"] == [{"date": "2013-01-10", "text": "Published progress.", "status": ""}]
    assert row["url"].endswith(shown.get_absolute_url())

    table = client.get("/api/v1/recommendations", {"format": "csv"}).content.decode()
    assert [r["text"] for r in csv.DictReader(io.StringIO(table))] == [row["text"]]
    assert "Unpublished" not in table

    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/recommendations" in schema["paths"]


def test_the_api_answers_as_the_public_even_to_staff(client, recommendations, make_user) -> None:
    client.force_login(make_user("scrutiny", role=Role.SCRUTINY_OFFICER))
    texts = [r["text"] for r in client.get("/api/v1/recommendations").json()["results"]]
    assert texts == ["Define the Lincolnshire gaps to close."]


@pytest.mark.postgres_only
def test_search_finds_an_unpublished_recommendation_only_for_staff(
    recommendations, make_user
) -> None:
    public = search(user=None, query="Lincolnshire")
    assert [(hit.label, hit.title) for hit in public.hits] == [
        ("Recommendation", "Define the Lincolnshire gaps to close.")
    ]
    officer = make_user("scrutiny", role=Role.SCRUTINY_OFFICER)
    hits = search(user=officer, query="Lincolnshire").hits
    found = {(hit.title, hit.unpublished) for hit in hits}
    assert ("Unpublished Lincolnshire draft.", True) in found


def test_the_feed_has_updates_of_published_recommendations_only(client, recommendations) -> None:
    response = client.get(FEED)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert [entry.title for entry in feed.entries] == [
        "10 January 2013: Define the Lincolnshire gaps to close."
    ]
    assert "Unpublished" not in response.content.decode()
