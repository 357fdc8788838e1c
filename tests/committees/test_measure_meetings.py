"""The measure page lists the meetings where the measure was reported, from the committees side."""

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from committees.models import AgendaItem, Committee, Meeting
from committees.publication import publish_agenda
from measures.models import State
from tests.committees.conftest import PUBLISHED
from tests.conftest import own_queries

pytestmark = pytest.mark.django_db


def performance_item(committee: Committee, day: date, period: str, *, publish: bool = True) -> None:
    meeting = Meeting.objects.create(committee=committee, date=day)
    AgendaItem.objects.create(
        meeting=meeting, number=8, title=f"Theme Performance: {period}", period=period
    )
    if publish:
        publish_agenda(meeting=meeting, user=None, when=PUBLISHED)


def page_of(client: Client, reference: str = "LAC-RATE") -> str:
    return client.get(f"/measures/{reference}/", {"period": "2017/18 Q1"}).content.decode()


def test_the_measure_page_links_the_meetings_its_quarter_was_reported_at(
    client: Client, make_committee: Callable[..., Committee], make_target, make_actual
) -> None:
    lac = make_actual(make_target().measure, state=State.PUBLISHED).measure
    committee = make_committee()
    committee.measures.add(lac)
    performance_item(committee, date(2017, 9, 8), "2017/18 Q1")
    performance_item(committee, date(2017, 12, 1), "2017/18 Q2")  # no Q2 figure published
    performance_item(committee, date(2017, 10, 20), "2017/18 Q1", publish=False)
    page = page_of(client)
    section = page.split("Reported to committees</h2>")[1].split("</section>")[0]
    assert f'href="/committees/{committee.slug}/2017-09-08/"' in section
    assert "Theme Performance: 2017/18 Q1" in section
    assert "2017-12-01" not in section and "2017-10-20" not in section


def test_a_committee_naming_other_measures_is_not_listed(
    client: Client, make_committee: Callable[..., Committee], make_target, make_actual, make_measure
) -> None:
    make_actual(make_target().measure, state=State.PUBLISHED)
    committee = make_committee()
    committee.measures.add(make_measure("CP-PLANS"))
    performance_item(committee, date(2017, 9, 8), "2017/18 Q1")
    assert "Reported to committees" not in page_of(client)


def test_the_section_reads_as_many_queries_for_twenty_meetings_as_for_one(
    client: Client, make_committee: Callable[..., Committee], make_target, make_actual, make_user
) -> None:
    make_actual(make_target().measure, state=State.PUBLISHED)
    committee = make_committee()  # names no measures: it reports them all
    performance_item(committee, date(2017, 9, 8), "2017/18 Q1")
    # Signed in, so the page is made each time rather than served from the public cache.
    client.force_login(make_user())
    page_of(client)
    with CaptureQueriesContext(connection) as one:
        page_of(client)
    for week in range(1, 20):
        performance_item(committee, date(2017, 9, 8) + timedelta(weeks=week), "2017/18 Q1")
    with CaptureQueriesContext(connection) as twenty:
        page = page_of(client)
    assert page.count("Theme Performance: 2017/18 Q1") == 20
    assert own_queries(twenty) == own_queries(one)
