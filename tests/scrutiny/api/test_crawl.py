"""A harvester crawling the whole API over the demo never meets what the public may not read."""

import pytest

from committees.models import AgendaItem, Committee, Meeting, Paper
from measures.models import Actual, Measure, State
from tests.committees.conftest import EXEMPT_TEXT

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]

DRAFT_WORDS = "Draft commentary: not yet signed off"
UNPUBLISHED_ITEM = "Proposed closure of a children's home"


@pytest.fixture
def demo_site(demo, settings) -> None:
    """The whole demo, with a draft figure and a meeting whose agenda is not yet published."""
    from committees.demo import load_demo_committees

    settings.API_RATE_LIMIT = 100_000  # the limit has its own test
    load_demo_committees()
    measure = Measure.objects.get(reference="LAC-RATE")
    Actual.objects.create(
        measure=measure,
        year=2030,
        quarter=1,
        value="987.6",
        commentary=DRAFT_WORDS,
        state=State.SUBMITTED,
    )
    meeting = Meeting.objects.create(committee=Committee.objects.first(), date="2030-06-01")
    item = AgendaItem.objects.create(meeting=meeting, number=1, title=UNPUBLISHED_ITEM)
    Paper.objects.create(item=item, kind="report", title="Draft report", text="Draft text")


def crawl(client, fmt: str) -> list[str]:
    """Every page of every list, following `next` (or the Link header for CSV)."""
    bodies = []
    for resource in client.get("/api/v1/").json()["resources"]:
        url = f"{resource['url']}?limit=500&format={fmt}"
        while url:
            response = client.get(url)
            assert response.status_code == 200, url
            bodies.append(response.content.decode())
            if fmt == "json":
                url = response.json()["next"]
            else:
                link = response.get("Link", "")
                url = link[1 : link.index(">")] if link else None
    return bodies


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_the_public_crawl_never_returns_exempt_draft_or_unpublished_content(client, demo_site, fmt):
    assert Paper.objects.filter(text__contains=EXEMPT_TEXT).exists()
    bodies = crawl(client, fmt)
    everything = "\n".join(bodies)
    assert len(bodies) >= 13
    assert "Performance" in everything  # the demo's published agenda is there
    for secret in [EXEMPT_TEXT, DRAFT_WORDS, "987.6", UNPUBLISHED_ITEM, "Draft text"]:
        assert secret not in everything
