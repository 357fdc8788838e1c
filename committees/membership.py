"""The order a committee's membership is printed in, as the council lists it on its papers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from committees.attendance import surname_order
from committees.packs.layout import join_names

RANK = {"chair": 0, "vice_chair": 1, "member": 2, "added_member": 3}
MARKS = {"chair": " (Chairman)", "vice_chair": " (Vice-Chairman)"}


@dataclass(frozen=True)
class Seat:
    """One membership, as plain values."""

    title: str
    name: str
    role: str
    kind: str  # councillor or added_member
    seat: str = ""
    order: int = 0  # set by the admin: the place the papers give the member (0: by surname)


def council_order(seats: Sequence[Seat]) -> list[Seat]:
    """Chairman, Vice-Chairman, members in the papers' order, then added members in theirs.

    Where the papers give no order (0), members follow those that have one, by surname.
    """
    return sorted(
        seats,
        key=lambda s: (RANK.get(s.role, 2), s.order == 0, s.order, *surname_order(s.name)),
    )


@dataclass(frozen=True)
class CoverMembership:
    """The cover's membership: the councillors' line, added members by seat, and the count."""

    councillors: str
    added_members: list[tuple[str, str]]  # (seat, names)
    count: str


def cover_membership(seats: Sequence[Seat]) -> CoverMembership:
    """The membership as the cover prints it, seats of added members in the papers' order."""
    councillors: list[str] = []
    by_seat: dict[str, list[str]] = {}
    for seat in council_order(seats):
        if seat.kind == "councillor":
            councillors.append(seat.name + MARKS.get(seat.role, ""))
        elif seat.kind == "added_member":
            by_seat.setdefault(seat.seat or "Added Members", []).append(
                f"{seat.title} {seat.name}".strip()
            )
    added = [(s + ("s" if len(n) > 1 else ""), join_names(n)) for s, n in by_seat.items()]
    count = f"{len(councillors)} Members of the Council"
    if added:
        count += f" and {sum(len(n) for n in by_seat.values())} Added Members"
    names = f"Councillors {join_names(councillors)}" if councillors else ""
    return CoverMembership(names, added, count)
