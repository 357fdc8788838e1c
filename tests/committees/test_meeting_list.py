"""The meetings list says what each meeting has, filters by when and committee, and reads a
fixed number of queries."""

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from committees.models import AgendaItem, Committee, Meeting, Minute
from committees.publication import publish_agenda, publish_minutes
from tests.committees.conftest import PUBLISHED
from tests.committees.test_views import queries_for

pytestmark = pytest.mark.django_db

URL = "/committees/meetings/"


def minuted(meeting: Meeting, *, approved: bool) -> Meeting:
    item = AgendaItem.objects.create(meeting=meeting, number=1, title="Apologies")
    Minute.objects.create(item=item, text="None were received.", approved=approved)
    return meeting


def test_each_meeting_says_whether_its_agenda_is_published_or_due_and_its_minutes_state(
    client: Client, make_committee: Callable[..., Committee]
) -> None:
    committee = make_committee()
    today = timezone.localdate()
    coming = Meeting.objects.create(committee=committee, date=today + timedelta(days=30))
    draft = minuted(
        Meeting.objects.create(committee=committee, date=today - timedelta(days=60)), approved=False
    )
    approved = minuted(
        Meeting.objects.create(committee=committee, date=today - timedelta(days=90)), approved=True
    )
    unpublished = minuted(
        Meeting.objects.create(committee=committee, date=today - timedelta(days=120)), approved=True
    )
    for meeting in (draft, approved):
        publish_agenda(meeting=meeting, user=None, when=PUBLISHED)
        publish_minutes(meeting=meeting, user=None)
    page = client.get(URL).content.decode()
    deadline = coming.publication_deadline
    assert f"Agenda due by {deadline.day} {deadline:%B %Y}" in page
    assert page.count("Agenda published 31 August 2017") == 2
    assert page.count("Draft minutes") == 1 and page.count("Minutes approved") == 1
    # Minutes nobody has published are never described as approved to the public.
    assert page.count("No minutes published") == 1
    assert f"/committees/{committee.slug}/{draft.slug}/minutes/" in page
    assert f"/committees/{committee.slug}/{unpublished.slug}/minutes/" not in page


def test_a_meeting_with_a_built_public_pack_links_to_it(
    client: Client, make_committee: Callable[..., Committee], draft_meeting: Meeting
) -> None:
    from committees.models import Pack

    publish_agenda(meeting=draft_meeting, user=None, when=PUBLISHED)
    page = client.get(URL).content.decode()
    assert "No pack yet" in page
    Pack.objects.create(
        meeting=draft_meeting, version="public", file="packs/x.pdf", pages=3, size=1, checksum="0"
    )
    page = client.get(URL).content.decode()
    assert "Agenda pack (PDF)" in page
    assert f"{draft_meeting.get_absolute_url()}pack/public.pdf" in page
    Pack.objects.update(withdrawn_at=timezone.now(), withdrawn_reason="A mistake")
    assert "Agenda pack (PDF)" not in client.get(URL).content.decode()


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        (
            "when=upcoming",
            ["Coming up</h2>", "Children", "Schools"],
            ["Past meetings", "1 January 2017"],
        ),
        ("when=past", ["Past meetings", "1 January 2017"], ["Coming up</h2>"]),
        ("committee=schools-committee", ["Schools Committee"], ["Children Committee,"]),
    ],
)
def test_the_list_filters_to_upcoming_or_past_meetings_and_to_one_committee(
    client: Client,
    make_committee: Callable[..., Committee],
    query: str,
    shown: list[str],
    hidden: list[str],
) -> None:
    children, schools = make_committee("Children Committee"), make_committee("Schools Committee")
    later = timezone.localdate() + timedelta(days=10)
    for committee in (children, schools):
        Meeting.objects.create(committee=committee, date=later)
    Meeting.objects.create(committee=children, date=date(2017, 1, 1))
    page = client.get(f"{URL}?{query}").content.decode()
    for text in shown:
        assert text in page
    for text in hidden:
        assert text not in page


def test_the_list_reads_as_many_queries_for_twenty_meetings_as_for_one(
    client: Client, make_committee: Callable[..., Committee]
) -> None:
    committee = make_committee()
    first = minuted(
        Meeting.objects.create(committee=committee, date=date(2017, 1, 6)), approved=True
    )
    publish_agenda(meeting=first, user=None, when=PUBLISHED)
    publish_minutes(meeting=first, user=None)
    queries_for(client, URL)
    few, _ = queries_for(client, URL)
    for week in range(1, 20):
        meeting = minuted(
            Meeting.objects.create(
                committee=committee, date=date(2017, 1, 6) + timedelta(weeks=week)
            ),
            approved=week % 2 == 0,
        )
        publish_agenda(meeting=meeting, user=None, when=PUBLISHED)
        publish_minutes(meeting=meeting, user=None)
    many, page = queries_for(client, URL)
    assert page.count("Minutes approved") == 10 and page.count("Draft minutes") == 10
    assert many == few
