"""The committees admin's change pages make as many queries for twenty inline rows as for one."""

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from committees.models import (
    Action,
    AgendaItem,
    Attendance,
    Committee,
    Declaration,
    Meeting,
    Membership,
    Person,
)
from tests.conftest import own_queries

pytestmark = pytest.mark.django_db


def page_queries(client: Client, url: str) -> int:
    """The queries of a second look at the page (the first fills Django's own caches)."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return own_queries(captured)


def people(count: int, start: int) -> list[Person]:
    return Person.objects.bulk_create(
        Person(key=f"councillor-{n}", name=f"Councillor {n}", kind="councillor")
        for n in range(start, start + count)
    )


def meeting_with(committee: Committee, rows: int, day: date) -> str:
    """A meeting with as many agenda items and attendance rows (half of them substitutes)."""
    meeting = Meeting.objects.create(committee=committee, date=day, venue="Lincoln")
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, number=n, title=f"Item {n}", contributor="Director")
        for n in range(1, rows + 1)
    )
    attendees = people(rows, start=day.toordinal() * 100)
    absent = people(rows, start=day.toordinal() * 100 + 50)
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, person=person, status="present")
        if n % 2
        else Attendance(meeting=meeting, person=person, status="substitute", substitute_for=away)
        for n, (person, away) in enumerate(zip(attendees, absent, strict=True))
    )
    return f"/admin/committees/meeting/{meeting.pk}/change/"


def test_meeting_page_queries_do_not_grow_with_items_or_attendance(
    admin_client: Client, make_committee: Callable[..., Committee]
) -> None:
    committee = make_committee()
    one = meeting_with(committee, 1, date(2017, 9, 8))
    twenty = meeting_with(committee, 20, date(2017, 11, 8))
    assert page_queries(admin_client, twenty) == page_queries(admin_client, one)
    page = admin_client.get(twenty).content.decode()
    for row in Attendance.objects.filter(meeting__date=date(2017, 11, 8)):
        # Each box still shows whom it names, and each substitute whom they replaced.
        for person in filter(None, [row.person, row.substitute_for]):
            assert f'<option value="{person.pk}" selected>{person.name}</option>' in page


def item_with(meeting: Meeting, rows: int, number: int) -> str:
    """An agenda item with as many declarations and actions, each naming a person."""
    item = AgendaItem.objects.create(meeting=meeting, number=number, title=f"Item {number}")
    named = people(rows, start=number * 100)
    Declaration.objects.bulk_create(
        Declaration(item=item, person=person, text="Governor of a school.") for person in named
    )
    Action.objects.bulk_create(
        Action(item=item, what=f"Report back on {person.name}", owner=person) for person in named
    )
    return f"/admin/committees/agendaitem/{item.pk}/change/"


def test_agenda_item_page_queries_do_not_grow_with_declarations_or_actions(
    admin_client: Client, make_committee: Callable[..., Committee]
) -> None:
    meeting = Meeting.objects.create(
        committee=make_committee(), date=date(2017, 9, 8), venue="Lincoln"
    )
    one = item_with(meeting, 1, number=1)
    twenty = item_with(meeting, 20, number=2)
    assert page_queries(admin_client, twenty) == page_queries(admin_client, one)


def committee_with(make_committee: Callable[..., Committee], rows: int) -> str:
    committee = make_committee(f"Committee of {rows}")
    Membership.objects.bulk_create(
        Membership(person=person, committee=committee, start=date(2017, 5, 18) + timedelta(n))
        for n, person in enumerate(people(rows, start=rows * 1000))
    )
    return f"/admin/committees/committee/{committee.pk}/change/"


def test_committee_page_queries_do_not_grow_with_members(
    admin_client: Client, make_committee: Callable[..., Committee]
) -> None:
    one = committee_with(make_committee, 1)
    twenty = committee_with(make_committee, 20)
    assert page_queries(admin_client, twenty) == page_queries(admin_client, one)


def test_agenda_item_page_queries_do_not_grow_with_the_meetings_to_choose_from(
    admin_client: Client, make_committee: Callable[..., Committee]
) -> None:
    committee = make_committee()
    meeting = Meeting.objects.create(committee=committee, date=date(2017, 9, 8), venue="Lincoln")
    page = item_with(meeting, 1, number=1)
    before = page_queries(admin_client, page)
    Meeting.objects.bulk_create(
        Meeting(committee=make_committee(f"Panel {n}"), date=date(2018, 1, n), venue="Lincoln")
        for n in range(1, 21)
    )
    assert page_queries(admin_client, page) == before
