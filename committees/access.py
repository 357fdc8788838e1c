"""Who may read what: agendas and minutes once published, exempt information (Schedule 12A)
only for the committee's own and permitted officers.

Every page, file, feed and admin screen asks these predicates, or the QuerySet methods
built on the same rules (Meeting.objects.agenda_visible_to, Paper.objects.readable_by).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias, TypeGuard

from django.db.models import Q
from django.utils import timezone

from committees.models import (
    Attendance,
    AttendanceStatus,
    Meeting,
    Membership,
    Paper,
    Person,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

# Whoever asks: a signed-in user, an anonymous visitor, or None where nobody does (a command).
AnyUser: TypeAlias = "User | AnonymousUser | None"

UNPUBLISHED_PERMISSION = "committees.view_unpublished_meeting"
EXEMPT_PERMISSION = "committees.view_exempt_paper"


def _signed_in(user: AnyUser) -> TypeGuard[User]:
    return bool(getattr(user, "is_authenticated", False))


def signed_in_user(user: AnyUser) -> User | None:
    """The user to record as having done something: nobody for a visitor or a command."""
    return user if _signed_in(user) else None


def sees_unpublished(user: AnyUser) -> bool:
    """Those who prepare agendas (scrutiny officers, by permission) read them as drafts."""
    return _signed_in(user) and user.has_perm(UNPUBLISHED_PERMISSION)


def can_see_agenda(user: AnyUser, meeting: Meeting) -> bool:
    """A meeting's items, papers, packs and their files: once the agenda is published.

    Before that everyone but those preparing it (the public, committee members, officers and
    performance leads alike) sees only the meeting's date, time and venue.
    """
    return meeting.agenda_published_at is not None or sees_unpublished(user)


def can_see_minutes(user: AnyUser, meeting: Meeting) -> bool:
    """A meeting's minutes: once published (as a draft or approved)."""
    return meeting.minutes_published_at is not None or sees_unpublished(user)


def can_read_exempt(user: AnyUser, meeting: Meeting) -> bool:
    """The committee's current members, that meeting's substitutes, and permitted staff.

    Not the parent committee's members, nor anyone else.
    """
    if not _signed_in(user):
        return False
    return user.has_perm(EXEMPT_PERMISSION) or sits_for(user, meeting)


def sits_for(user: AnyUser, meeting: Meeting) -> bool:
    """Whether the user is a current member of the meeting's committee (added members too),
    or attends that meeting as a substitute."""
    if not _signed_in(user):
        return False
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


def can_read_paper(user: AnyUser, paper: Paper) -> bool:
    """A paper's title, text and file: its agenda published, and if exempt, entitled."""
    meeting = paper.item.meeting
    if not can_see_agenda(user, meeting):
        return False
    return not paper.is_exempt or can_read_exempt(user, meeting)


def exempt_entitlement(user: AnyUser) -> Q:
    """can_read_exempt as a filter on papers: the public ones, and the exempt ones of the
    user's current committees and of the meetings they attend as a substitute."""
    public = Q(exempt_paragraph__isnull=True)
    if not _signed_in(user):
        return public
    if user.has_perm(EXEMPT_PERMISSION):
        return Q()
    committees = (
        Membership.objects.on(timezone.localdate()).filter(person__user=user).values("committee_id")
    )
    substituted = Attendance.objects.filter(
        person__user=user, status=AttendanceStatus.SUBSTITUTE
    ).values("meeting_id")
    return (
        public | Q(item__meeting__committee_id__in=committees) | Q(item__meeting_id__in=substituted)
    )
