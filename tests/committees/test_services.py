"""A new meeting's standard opening items, made after whatever the officer typed."""

from datetime import date

import pytest

from committees.models import OPENING_ITEMS, AgendaItem, Meeting
from committees.services import add_opening_items, previous_meeting

pytestmark = pytest.mark.django_db


def test_a_meeting_with_no_items_gets_all_four_in_order(make_committee) -> None:
    committee = make_committee()
    july = Meeting.objects.create(committee=committee, date=date(2017, 7, 21))
    october = Meeting.objects.create(committee=committee, date=date(2017, 10, 20))
    add_opening_items(meeting=october)
    items = list(october.items.order_by("number"))
    assert [(i.number, i.title) for i in items] == list(enumerate(OPENING_ITEMS, 1))
    assert items[2].minutes_of == july


@pytest.mark.parametrize(
    ("typed", "made"),
    [
        ([1], [2, 3, 4]),
        ([2, 4], [1, 3]),
        ([1, 2, 3, 4], []),
        ([5, 9], [1, 2, 3, 4]),
    ],
)
def test_numbers_already_on_the_agenda_keep_their_items(make_committee, typed, made) -> None:
    meeting = Meeting.objects.create(committee=make_committee(), date=date(2017, 10, 20))
    for number in typed:
        AgendaItem.objects.create(meeting=meeting, number=number, title=f"Typed {number}")
    created = add_opening_items(meeting=meeting)
    assert [item.number for item in created] == made
    titles = dict(meeting.items.values_list("number", "title"))
    assert all(titles[number] == f"Typed {number}" for number in typed)


def test_running_it_again_adds_nothing(make_committee) -> None:
    meeting = Meeting.objects.create(committee=make_committee(), date=date(2017, 10, 20))
    add_opening_items(meeting=meeting)
    assert add_opening_items(meeting=meeting) == []
    assert meeting.items.count() == 4


def test_the_previous_meeting_can_be_earlier_the_same_day(make_committee) -> None:
    committee = make_committee()
    Meeting.objects.create(committee=committee, date=date(2017, 7, 21))
    morning = Meeting.objects.create(committee=committee, date=date(2017, 10, 20))
    afternoon = Meeting.objects.create(committee=committee, date=date(2017, 10, 20), sequence=2)
    assert previous_meeting(meeting=afternoon) == morning
    add_opening_items(meeting=afternoon)
    assert afternoon.items.get(number=3).minutes_of == morning
