"""The meeting page reads a fixed number of queries however long its agenda."""

from collections.abc import Callable
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from committees.models import AgendaItem, Committee, Meeting, Paper
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
    with CaptureQueriesContext(connection) as queries:
        response = client.get(meeting.get_absolute_url())
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
