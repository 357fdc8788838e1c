"""The Atom feeds of published agendas, minutes and figures, read as a feed reader does."""

from datetime import datetime
from zoneinfo import ZoneInfo

import feedparser
import pytest
from django.test import Client

from committees.models import Meeting, Minute
from committees.publication import publish_minutes
from measures.models import State
from tests.committees.conftest import EXEMPT_TEXT, PUBLISHED

LONDON = ZoneInfo("Europe/London")
pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]


def read(client: Client, url: str) -> feedparser.FeedParserDict:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def test_published_agenda_is_an_entry_linking_to_its_meeting_with_the_item_titles(
    client, exempt_meeting
):
    feed = read(client, "/feeds/agendas.atom")
    [entry] = feed.entries
    assert entry.title == (
        "Agenda published: Children and Young People Scrutiny Committee, 8 September 2017"
    )
    committee = "children-and-young-people-scrutiny-committee"
    assert entry.link.endswith(f"/committees/{committee}/2017-09-08/")
    assert "8. Performance - Quarter 1 2017/18" in entry.summary
    assert entry.published_parsed[:3] == (2017, 8, 31)


def test_an_unpublished_agenda_is_not_in_the_feed(client, draft_meeting):
    assert read(client, "/feeds/agendas.atom").entries == []


def test_no_feed_carries_the_exempt_papers_words_or_title(client, exempt_meeting):
    committee = exempt_meeting.committee.slug
    for url in ["/feeds/agendas.atom", f"/feeds/{committee}/agendas.atom"]:
        body = client.get(url).content.decode()
        assert "Performance - Quarter 1" in body
        assert EXEMPT_TEXT not in body
        assert "Contract performance" not in body


def test_a_committees_feed_has_only_its_own_meetings(client, exempt_meeting, make_committee):
    other = make_committee("Adults Scrutiny Committee")
    Meeting.objects.create(committee=other, date=exempt_meeting.date, agenda_published_at=PUBLISHED)
    feed = read(client, f"/feeds/{other.slug}/agendas.atom")
    assert [e.title for e in feed.entries] == [
        "Agenda published: Adults Scrutiny Committee, 8 September 2017"
    ]
    assert feed.feed.title == "Adults Scrutiny Committee: agendas published"
    assert len(read(client, "/feeds/agendas.atom").entries) == 2


def test_minutes_appear_once_published(client, exempt_meeting):
    assert read(client, "/feeds/minutes.atom").entries == []
    Minute.objects.create(item=exempt_meeting.items.get(), text="Noted.")
    publish_minutes(
        meeting=exempt_meeting, user=None, when=datetime(2017, 9, 20, 10, tzinfo=LONDON)
    )
    [entry] = read(client, f"/feeds/{exempt_meeting.committee.slug}/minutes.atom").entries
    assert entry.title.startswith("Minutes published: ")
    assert entry.link.endswith("/2017-09-08/#minutes")
    assert entry.id != read(client, "/feeds/agendas.atom").entries[0].id


def test_figures_feed_lists_published_figures_with_status_and_never_drafts(
    client, make_committee, make_target, make_actual
):
    target = make_target()  # LAC-RATE 2017/18: 45, band 43 to 47 (aiming at the target)
    measure = target.measure
    committee = make_committee()
    committee.measures.add(measure)
    make_actual(measure, period="2017/18 Q1", value="46", state=State.PUBLISHED)
    make_actual(measure, period="2017/18 Q2", value="99.9", state=State.DRAFT)
    for url in [f"/feeds/{committee.slug}/figures.atom", "/feeds/measures/LAC-RATE/figures.atom"]:
        [entry] = read(client, url).entries
        assert entry.title == "LAC-RATE 2017/18 Q1: 46.0 per 10,000 (Achieved)"
        assert "period=2017%2F18+Q1" in entry.link
        assert "99.9" not in client.get(url).content.decode()


def test_a_committee_without_those_measures_has_an_empty_figures_feed(
    client, make_committee, make_actual
):
    make_actual(state=State.PUBLISHED)
    committee = make_committee()
    assert read(client, f"/feeds/{committee.slug}/figures.atom").entries == []


def test_unknown_committee_or_measure_has_no_feed(client):
    assert client.get("/feeds/no-such-committee/agendas.atom").status_code == 404
    assert client.get("/feeds/measures/NO-SUCH/figures.atom").status_code == 404


def test_pages_link_their_feeds_for_feed_readers(client, exempt_meeting, make_measure):
    make_measure()
    committee = exempt_meeting.committee.slug
    pages = {
        f"/committees/{committee}/": f"/feeds/{committee}/agendas.atom",
        "/committees/meetings/": "/feeds/minutes.atom",
        "/measures/LAC-RATE/": "/feeds/measures/LAC-RATE/figures.atom",
    }
    for page, feed in pages.items():
        html = client.get(page).content.decode()
        assert 'type="application/atom+xml"' in html
        assert f'href="{feed}"' in html
