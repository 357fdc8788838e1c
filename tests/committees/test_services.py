"""Committees' services: a new meeting's opening items, and attendance from the membership."""

from datetime import date

import pytest

from committees.models import (
    OPENING_ITEMS,
    AgendaItem,
    AttendanceStatus,
    Meeting,
    Membership,
)
from committees.services import (
    add_opening_items,
    previous_meeting,
    record_attendance_from_membership,
)

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


MEETING_DAY = date(2017, 9, 8)


@pytest.mark.parametrize(
    ("start", "end", "listed"),
    [
        (None, None, True),
        (date(2017, 5, 18), None, True),
        (MEETING_DAY, None, True),  # joined that day
        (None, MEETING_DAY, True),  # left that day
        (date(2017, 5, 18), date(2018, 5, 17), True),
        (date(2017, 9, 9), None, False),  # joined the day after
        (None, date(2017, 9, 7), False),  # left the day before
        (date(2016, 5, 19), date(2017, 5, 17), False),  # last year's seat
    ],
)
def test_attendance_lists_the_members_whose_seat_held_on_the_day(
    make_committee, make_person, start: date | None, end: date | None, listed: bool
) -> None:
    committee = make_committee()
    meeting = Meeting.objects.create(committee=committee, date=MEETING_DAY)
    person = make_person("Mrs J M Renshaw")
    Membership.objects.create(person=person, committee=committee, start=start, end=end)
    created = record_attendance_from_membership(meeting=meeting)
    rows = list(meeting.attendance.values_list("person__name", "status"))
    assert rows == ([("Mrs J M Renshaw", AttendanceStatus.PRESENT)] if listed else [])
    assert [row.person for row in created] == ([person] if listed else [])


def test_attendance_lists_only_the_meetings_own_committee(make_committee, make_person) -> None:
    committee, other = make_committee(), make_committee("Corporate Parenting Sub-Group")
    meeting = Meeting.objects.create(committee=committee, date=MEETING_DAY)
    make_person("Mrs J M Renshaw", committee=committee)
    make_person("Mr R A Renshaw", committee=other)
    record_attendance_from_membership(meeting=meeting)
    assert list(meeting.attendance.values_list("person__name", flat=True)) == ["Mrs J M Renshaw"]


def test_attendance_already_recorded_is_kept(make_committee, make_person) -> None:
    committee = make_committee()
    meeting = Meeting.objects.create(committee=committee, date=MEETING_DAY)
    apologies = make_person("Mrs J M Renshaw", committee=committee)
    make_person("Mr C E H Marfleet", committee=committee)
    meeting.attendance.create(person=apologies, status=AttendanceStatus.APOLOGIES)
    created = record_attendance_from_membership(meeting=meeting)
    assert [row.person.name for row in created] == ["Mr C E H Marfleet"]
    assert dict(meeting.attendance.values_list("person__name", "status")) == {
        "Mrs J M Renshaw": AttendanceStatus.APOLOGIES,
        "Mr C E H Marfleet": AttendanceStatus.PRESENT,
    }
    assert record_attendance_from_membership(meeting=meeting) == []


def test_attendance_records_each_members_role_and_seat_on_the_day(
    make_committee, make_person
) -> None:
    committee = make_committee()
    meeting = Meeting.objects.create(committee=committee, date=MEETING_DAY)
    chair = make_person("R L Foulkes")
    rudman = make_person("S C Rudman", kind="added_member", seat="Church Representative")
    Membership.objects.create(person=chair, committee=committee, role="chair")
    Membership.objects.create(person=rudman, committee=committee, role="added_member")
    record_attendance_from_membership(meeting=meeting)
    assert dict(meeting.attendance.values_list("person__name", "role")) == {
        "R L Foulkes": "chair",
        "S C Rudman": "added_member",
    }
    assert meeting.attendance.get(person=rudman).capacity == "Church Representative"
    assert meeting.attendance.lines().present == "PRESENT: R L FOULKES (CHAIRMAN)"
