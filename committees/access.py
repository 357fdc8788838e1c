"""Who may read exempt information (Schedule 12A): the committee's own, and officers."""

from typing import Any

from django.utils import timezone

from committees.models import Attendance, AttendanceStatus, Meeting, Membership, Person


def can_read_exempt(user: Any, meeting: Meeting) -> bool:
    """The committee's current members, that meeting's substitutes, and permitted staff.

    Not the parent committee's members, nor anyone else.
    """
    if not getattr(user, "is_authenticated", False):
        return False
    if user.has_perm("committees.view_exempt_paper"):
        return True
    person = Person.objects.filter(user=user).first()
    if person is None:
        return False
    current = Membership.objects.on(timezone.localdate()).filter(
        committee_id=meeting.committee_id, person=person
    )
    substitute = Attendance.objects.filter(
        meeting=meeting, person=person, status=AttendanceStatus.SUBSTITUTE
    )
    return current.exists() or substitute.exists()
