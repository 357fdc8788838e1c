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
    Paper,
    Person,
    WorkProgrammeItem,
)
from committees.publication import publish_agenda
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


def test_the_meeting_page_reads_as_many_queries_for_twenty_items_as_for_one(
    client: Client, make_committee: Callable[..., Committee]
) -> None:
    one = meeting_with_items(make_committee("One Item Committee"), 1)
    twenty = meeting_with_items(make_committee("Twenty Items Committee"), 20)
    queries_for_page(client, one)  # the first request warms the session and content types
    few, _ = queries_for_page(client, one)
    many, page = queries_for_page(client, twenty)
    # Every item's papers are listed; the exempt appendix by its statement, not its title.
    assert "Report 20" in page and "Appendix 20" not in page
    assert many == few


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
