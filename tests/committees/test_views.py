"""Committees' pages read a fixed number of queries however many rows they list."""

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from committees.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    Committee,
    Meeting,
    Pack,
    Paper,
    Person,
    WorkProgrammeItem,
)
from committees.publication import publish_agenda
from scrutiny.roles import Role
from tests.committees.conftest import PUBLISHED

pytestmark = pytest.mark.django_db


def meeting_with_items(committee: Committee, count: int) -> Meeting:
    """A published meeting of `count` items, each with a report and an exempt appendix."""
    meeting = Meeting.objects.create(committee=committee, date=date(2017, 9, 8), venue="Lincoln")
    for number in range(1, count + 1):
        item = AgendaItem.objects.create(
            meeting=meeting, number=number, title=f"Item {number}", purpose="Performance Scrutiny"
        )
        Paper.objects.create(item=item, kind="report", title=f"Report {number}", text="Public.")
        Paper.objects.create(
            item=item,
            kind="appendix",
            letter="A",
            title=f"Appendix {number}",
            text="Exempt.",
            exempt_paragraph=3,
        )
    publish_agenda(meeting=meeting, user=None, when=PUBLISHED)
    return meeting


def queries_for_page(client: Client, meeting: Meeting) -> tuple[int, str]:
    return queries_for(client, meeting.get_absolute_url())


def queries_for(client: Client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def stored_packs(meeting: Meeting, count: int) -> None:
    """`count` public packs' records, as earlier builds leave them (the files are not read)."""
    for number in range(count):
        Pack.objects.create(
            meeting=meeting,
            version="public",
            file=f"packs/{meeting.slug}-{number}.pdf",
            pages=1,
            size=1,
            checksum="x",
            item_pages={"1": [1, 1]},
        )


def test_the_meeting_page_reads_as_many_queries_for_twenty_items_as_for_one(
    client: Client, make_committee: Callable[..., Committee], make_user
) -> None:
    counts = {}
    for items in (1, 20):
        for packs in (0, 1, 5):
            meeting = meeting_with_items(make_committee(f"{items} items {packs} packs"), items)
            stored_packs(meeting, packs)
            # A member's page is made afresh each time (only the public's is kept whole).
            client.force_login(make_user(f"member-{items}-{packs}", Role.COMMITTEE_MEMBER))
            queries_for_page(client, meeting)  # warms the session and the pack's digest
            counts[items, packs], page = queries_for_page(client, meeting)
            # Every item's papers are listed; the exempt appendix by its statement, not its title.
            assert f"Report {items}" in page and f"Appendix {items}" not in page
    assert counts[1, 0] == counts[20, 0]
    assert counts[1, 1] == counts[1, 5] == counts[20, 1] == counts[20, 5]
    # A pack adds its withdrawal check and its digest, read from the cache by data version.
    assert counts[1, 5] - counts[1, 0] <= 3


def test_the_public_meeting_page_is_made_once_and_then_read_in_two_queries(
    client: Client, make_committee: Callable[..., Committee]
) -> None:
    meeting = meeting_with_items(make_committee(), 20)
    stored_packs(meeting, 5)
    made, page = queries_for_page(client, meeting)
    served, again = queries_for_page(client, meeting)
    assert again == page
    assert served == 2 < made


def committee_with_rows(
    committee: Committee, count: int, make_person: Callable[..., Person]
) -> Committee:
    """A committee of `count` members, published meetings, programme entries and actions
    (half of them done), each action with its owner and an update."""
    for number in range(1, count + 1):
        person = make_person(f"Member {number} of {committee.name}", committee=committee)
        meeting = Meeting.objects.create(
            committee=committee, date=date(2017, 9, 8) + timedelta(weeks=number)
        )
        publish_agenda(meeting=meeting, user=None, when=PUBLISHED)
        item = AgendaItem.objects.create(meeting=meeting, number=1, title=f"Item {number}")
        WorkProgrammeItem.objects.create(
            committee=committee, meeting=meeting, title=f"Plan {number}"
        )
        action = Action.objects.create(
            item=item,
            what=f"Action {number}",
            owner=person,
            due=date(2017, 10, 1),
            state="done" if number % 2 == 0 else "open",
        )
        ActionUpdate.objects.create(action=action, date=date(2017, 9, 20), note=f"Note {number}")
    return committee


def test_the_committee_page_reads_as_many_queries_for_twenty_rows_as_for_one(
    client: Client, make_committee: Callable[..., Committee], make_person
) -> None:
    one = committee_with_rows(make_committee("One Row Committee"), 1, make_person)
    twenty = committee_with_rows(make_committee("Twenty Rows Committee"), 20, make_person)
    queries_for(client, one.get_absolute_url())
    few, _ = queries_for(client, one.get_absolute_url())
    many, page = queries_for(client, twenty.get_absolute_url())
    assert "Member 20" in page and "Plan 20" in page and "Action 19" in page
    assert page.count("overdue</strong>") == 10  # the open ones, due in 2017
    assert many == few


def test_the_action_log_reads_as_many_queries_for_twenty_actions_as_for_one(
    client: Client, make_committee: Callable[..., Committee], make_person
) -> None:
    one = committee_with_rows(make_committee("One Row Committee"), 1, make_person)
    twenty = committee_with_rows(make_committee("Twenty Rows Committee"), 20, make_person)
    queries_for(client, f"/committees/{one.slug}/actions/")
    few, _ = queries_for(client, f"/committees/{one.slug}/actions/")
    many, page = queries_for(client, f"/committees/{twenty.slug}/actions/")
    assert "Action 20" in page and "Note 20" in page and "Member 20" in page
    assert page.count(">Overdue<") == 10  # done ones are never overdue
    assert many == few
