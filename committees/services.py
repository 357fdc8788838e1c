"""Writes that take several steps on committees' records, for the admin, commands and loaders."""

from django.db import transaction
from django.db.models import Q

from committees.attendance import capacity_on_the_day, role_on_the_day
from committees.models import (
    OPENING_ITEMS,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Meeting,
    Membership,
    Person,
)


def previous_meeting(*, meeting: Meeting) -> Meeting | None:
    """The committee's meeting before this one (an earlier day, or earlier the same day)."""
    earlier = Q(date__lt=meeting.date) | Q(date=meeting.date, sequence__lt=meeting.sequence)
    return (
        Meeting.objects.filter(earlier, committee_id=meeting.committee_id)
        .order_by("-date", "-sequence")
        .first()
    )


@transaction.atomic
def add_opening_items(*, meeting: Meeting) -> list[AgendaItem]:
    """Give a meeting the standard opening items, under the numbers it has not used yet.

    Every agenda opens the same way (apologies, declarations, the previous meeting's minutes,
    announcements), and the items stay editable. Items already on the agenda win: no opening
    item is made under a number the officer has typed. The minutes item prints the minutes
    of the committee's previous meeting.
    """
    taken = set(meeting.items.values_list("number", flat=True))
    previous = None
    created = []
    for number, title in enumerate(OPENING_ITEMS, 1):
        if number in taken:
            continue
        minutes_of = None
        if title.startswith("Minutes"):
            previous = previous or previous_meeting(meeting=meeting)
            minutes_of = previous
        created.append(
            AgendaItem.objects.create(
                meeting=meeting, number=number, title=title, minutes_of=minutes_of
            )
        )
    return created


def attendance_role(*, meeting: Meeting, person: Person, status: str) -> dict[str, str]:
    """The role and seat or job title a person attends a meeting in, from the seat on the day."""
    seat = (
        Membership.objects.on(meeting.date)
        .filter(committee_id=meeting.committee_id, person=person)
        .first()
    )
    role = role_on_the_day(
        kind=person.kind,
        member_role=seat.role if seat else None,
        substitute=status == AttendanceStatus.SUBSTITUTE,
    )
    capacity = capacity_on_the_day(role=role, seat=person.seat, job_title=person.role_title)
    return {"role": role, "capacity": capacity}


@transaction.atomic
def record_attendance_from_membership(*, meeting: Meeting) -> list[Attendance]:
    """List the committee's members on the meeting's day as present, to mark apologies after.

    Membership changes during a year: only those whose seat held on the day are listed, each
    with the role held that day (Chairman, Vice-Chairman, member, added member and seat).
    Anyone already listed keeps what was recorded. Returns the rows made.
    """
    members = Membership.objects.on(meeting.date).filter(committee_id=meeting.committee_id)
    created = []
    for membership in members.select_related("person"):
        person = membership.person
        role = role_on_the_day(kind=person.kind, member_role=membership.role)
        attendance, made = Attendance.objects.get_or_create(
            meeting=meeting,
            person=person,
            defaults={
                "status": AttendanceStatus.PRESENT,
                "role": role,
                "capacity": capacity_on_the_day(
                    role=role, seat=person.seat, job_title=person.role_title
                ),
            },
        )
        if made:
            created.append(attendance)
    return created


@transaction.atomic
def fill_attendance_roles(*, meeting: Meeting) -> None:
    """Give each attendance row left without a role the one it held on the day, and its seat
    or job title if none was typed (the admin saves rows as the officer typed them)."""
    for row in meeting.attendance.filter(role="").select_related("person"):
        found = attendance_role(meeting=meeting, person=row.person, status=row.status)
        row.role = found["role"]
        row.capacity = row.capacity or found["capacity"]
        row.save(update_fields=["role", "capacity"])
