"""Who attended a meeting, printed as councils print it in their minutes, and in what order.

Pure rules on plain values: the service fills each attendance row's role from the membership
on the day, and the minutes (web page and agenda pack) print these lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from committees.packs.layout import join_names

# What someone was at a meeting (AttendanceRole's values, kept here as plain strings).
CHAIR, VICE_CHAIR, MEMBER, ADDED_MEMBER = "chair", "vice_chair", "member", "added_member"
OTHER_COUNCILLOR, OFFICER = "other_councillor", "officer"
PRESENT, SUBSTITUTE, APOLOGIES = "present", "substitute", "apologies"
COUNCILLOR_KIND, ADDED_MEMBER_KIND, OFFICER_KIND = "councillor", "added_member", "officer"


def role_on_the_day(*, kind: str, member_role: str | None, substitute: bool = False) -> str:
    """A person's role at a meeting, from their kind and their seat on the day (if any)."""
    if member_role:
        return member_role
    if substitute:
        return MEMBER
    if kind == OFFICER_KIND:
        return OFFICER
    if kind == ADDED_MEMBER_KIND:
        return ADDED_MEMBER
    # A councillor without a seat on the day attends as someone else (an Executive Councillor).
    return OTHER_COUNCILLOR


def capacity_on_the_day(*, role: str, seat: str, job_title: str) -> str:
    """What the minutes print beside the name: an added member's seat, anyone else's office."""
    if role == ADDED_MEMBER:
        return seat
    if role in (OFFICER, OTHER_COUNCILLOR):
        return job_title
    return ""


@dataclass(frozen=True)
class Attendee:
    """One attendance row, as plain values."""

    title: str  # "Councillor", "Mr", "Reverend"
    name: str  # "R L Foulkes"
    role: str
    status: str
    capacity: str = ""  # a seat or a job title, as the minutes print it
    substitute_for: str = ""  # the full name of the member substituted for

    @property
    def full_name(self) -> str:
        return f"{self.title} {self.name}".strip()


def surname_order(name: str) -> tuple[str, str]:
    """Councils list people by surname ("Mrs W Bowkett" before "S R Dodds"), then initials."""
    return name.split()[-1].lower() if name.split() else "", name.lower()


@dataclass(frozen=True)
class AttendanceLines:
    """The attendance paragraphs that open a meeting's minutes."""

    present: str = ""  # "PRESENT: COUNCILLOR R L FOULKES (CHAIRMAN)"
    councillors: str = ""  # "Councillors R J Kendrick (Vice-Chairman), … and R Wootten."
    added_members: list[str] = field(default_factory=list)  # "Church Representative: …."
    others: str = ""  # "Councillors: … were also in attendance."
    officers: str = ""  # "Debbie Barnes (Executive Director, Children's Services), …."
    # The record the meeting's page adds; the printed minutes carry these in the apologies
    # item's minute, as the clerk writes it.
    apologies: str = ""  # "Councillor M D Boles, … and Dr E van der Zee (Parent Governor …)"
    substitutions: list[str] = field(default_factory=list)  # "Councillor X for Councillor Y"

    def __bool__(self) -> bool:
        return any(
            (self.present, self.councillors, self.added_members, self.others, self.officers)
        ) or bool(self.apologies or self.substitutions)


def _councillors(names: list[str]) -> str:
    word = "Councillors" if len(names) > 1 else "Councillor"
    return f"{word} {join_names(names)}."


def _with_capacity(attendee: Attendee, name: str) -> str:
    return f"{name} ({attendee.capacity})" if attendee.capacity else name


def attendance_lines(attendees: Sequence[Attendee]) -> AttendanceLines:
    """The minutes' attendance: the chair, then councillors with the vice-chair first, added
    members by seat, other councillors attending, and officers with their job titles.

    Only those there are printed (present, or substituting for a member, who are listed
    among the councillors as the council prints them); apologies are minuted under their item.
    """
    there = sorted(
        (a for a in attendees if a.status in (PRESENT, SUBSTITUTE)),
        key=lambda a: surname_order(a.name),
    )
    chair = next((a for a in there if a.role == CHAIR), None)
    vice = next((a for a in there if a.role == VICE_CHAIR), None)
    present = ""
    councillors: list[str] = []
    if chair is not None:
        present = f"PRESENT: {chair.full_name.upper()} (CHAIRMAN)"
        if vice is not None:
            councillors.append(f"{vice.name} (Vice-Chairman)")
    elif vice is not None:
        present = f"PRESENT: {vice.full_name.upper()} (VICE-CHAIRMAN, IN THE CHAIR)"
    councillors += [a.name for a in there if a.role == MEMBER]
    seats: dict[str, list[Attendee]] = {}
    for attendee in (a for a in there if a.role == ADDED_MEMBER):
        seats.setdefault(attendee.capacity or "Added Member", []).append(attendee)
    added = [
        f"{seat}{'s' if len(people) > 1 else ''}: {join_names([p.full_name for p in people])}."
        for seat, people in seats.items()
    ]
    others = [_with_capacity(a, a.name) for a in there if a.role == OTHER_COUNCILLOR]
    officers = [_with_capacity(a, a.name) for a in there if a.role == OFFICER]
    other_line = ""
    if others:
        word, verb = ("Councillors", "were") if len(others) > 1 else ("Councillor", "was")
        other_line = f"{word}: {join_names(others)} {verb} also in attendance."
    apologies = [
        _with_capacity(a, a.full_name) if a.role == ADDED_MEMBER else a.full_name
        for a in sorted(attendees, key=lambda a: surname_order(a.name))
        if a.status == APOLOGIES
    ]
    substitutions = [
        f"{a.full_name} for {a.substitute_for}"
        for a in there
        if a.status == SUBSTITUTE and a.substitute_for
    ]
    return AttendanceLines(
        apologies=join_names(apologies),
        substitutions=substitutions,
        present=present if present else ("PRESENT:" if councillors else ""),
        councillors=_councillors(councillors) if councillors else "",
        added_members=added,
        others=other_line,
        officers=f"{join_names(officers)}." if officers else "",
    )
