"""The cover's membership in the council's order (committees/membership.py)."""

from __future__ import annotations

import pytest

from committees.membership import Seat, council_order, cover_membership


def cllr(name: str, role: str = "member", order: int = 0) -> Seat:
    return Seat(title="Councillor", name=name, role=role, kind="councillor", order=order)


def added(title: str, name: str, seat: str, order: int = 0) -> Seat:
    return Seat(
        title=title, name=name, role="added_member", kind="added_member", seat=seat, order=order
    )


# The seed's cover of 8 September 2017: Mrs K Cook before Mrs W Bowkett, as the papers list them.
SEPTEMBER = [
    added("Dr", "E van der Zee", "Parent Governor Representative", 4),
    cllr("R Wootten", order=10),
    cllr("Mrs W Bowkett", order=3),
    cllr("M D Boles", order=1),
    cllr("Mrs K Cook", order=2),
    cllr("S R Dodds", order=4),
    cllr("M T Fido", order=5),
    cllr("C Matthews", order=6),
    cllr("A P Maughan", order=7),
    cllr("L Wootten", order=9),
    cllr("R J Kendrick", "vice_chair"),
    cllr("R L Foulkes", "chair"),
    added("Mrs", "P J Barnett", "Parent Governor Representative", 3),
    added("Reverend", "Sue Evans", "Church Representative", 2),
    added("Mr", "S C Rudman", "Church Representative", 1),
]


def test_the_cover_of_8_september_2017_lists_the_membership_as_the_council_did() -> None:
    cover = cover_membership(SEPTEMBER)
    assert cover.councillors == (
        "Councillors R L Foulkes (Chairman), R J Kendrick (Vice-Chairman), M D Boles, "
        "Mrs K Cook, Mrs W Bowkett, S R Dodds, M T Fido, C Matthews, A P Maughan, L Wootten "
        "and R Wootten"
    )
    assert cover.added_members == [
        ("Church Representatives", "Mr S C Rudman and Reverend Sue Evans"),
        ("Parent Governor Representatives", "Mrs P J Barnett and Dr E van der Zee"),
    ]
    assert cover.count == "11 Members of the Council and 4 Added Members"


@pytest.mark.parametrize(
    ("seats", "names"),
    [
        # With no order given, members follow the chairs by surname.
        (
            [cllr("S R Dodds"), cllr("Mrs W Bowkett"), cllr("R L Foulkes", "chair")],
            ["R L Foulkes", "Mrs W Bowkett", "S R Dodds"],
        ),
        # Members the papers place come first, in that place; the rest by surname after.
        (
            [cllr("A Adams"), cllr("Z Zed", order=2), cllr("Y Young", order=1)],
            ["Y Young", "Z Zed", "A Adams"],
        ),
        # The Vice-Chairman comes before any member, whatever order was typed.
        (
            [cllr("A Adams", order=1), cllr("R J Kendrick", "vice_chair", order=9)],
            ["R J Kendrick", "A Adams"],
        ),
        # Added members come after every councillor.
        (
            [added("Mr", "A Able", "Church Representative", 1), cllr("Z Zed", order=5)],
            ["Z Zed", "A Able"],
        ),
    ],
)
def test_council_order_puts_the_chairs_first_then_the_papers_order(
    seats: list[Seat], names: list[str]
) -> None:
    assert [seat.name for seat in council_order(seats)] == names


def test_a_committee_without_added_members_counts_its_councillors_only() -> None:
    cover = cover_membership([cllr("R L Foulkes", "chair")])
    assert cover.councillors == "Councillors R L Foulkes (Chairman)"
    assert (cover.added_members, cover.count) == ([], "1 Members of the Council")
