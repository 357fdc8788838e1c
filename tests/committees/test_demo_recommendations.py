"""The demo's recommendations: the 2012 peer challenge's opportunities and the resolution of
21 July 2017, loaded from fixtures/demo/lincolnshire_recommendations.json."""

from datetime import date

import pytest

from committees.demo import load_demo_committees
from committees.models import Recommendation, RecommendationUpdate

pytestmark = pytest.mark.django_db


def test_the_demo_tracks_the_peer_challenge_and_the_july_2017_resolution_and_reloads() -> None:
    load_demo_committees()
    load_demo_committees()  # again: replaced, not doubled, though a minute is linked

    resolution = Recommendation.objects.get(source="resolution")
    assert resolution.minute.number == 16
    assert resolution.minute.item.meeting.date == date(2017, 7, 21)
    assert "Inclusive Lincolnshire Strategy" in resolution.text
    assert "six months' time" in resolution.text
    assert resolution.due == date(2018, 1, 19)
    assert not resolution.demo

    peer = Recommendation.objects.filter(source="peer_challenge")
    assert peer.count() == 8
    assert set(peer.values_list("source_name", flat=True)) == {"Peer Challenge Review, July 2012"}
    assert all(r.demo and r.owner is not None for r in peer)
    # Made-up progress is marked as demo data, and moved the status as an officer's would.
    assert not RecommendationUpdate.objects.filter(demo=False).exists()
    assert set(peer.values_list("status", flat=True)) == {
        "open",
        "in_progress",
        "implemented",
        "closed",
    }
    assert "North East Lincolnshire" not in " ".join(peer.values_list("text", flat=True))
