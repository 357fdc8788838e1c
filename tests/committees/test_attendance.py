"""The minutes' attendance lines and the roles behind them (committees/attendance.py)."""

from __future__ import annotations

import pytest

from committees.attendance import (
    AttendanceLines,
    Attendee,
    attendance_lines,
    capacity_on_the_day,
    role_on_the_day,
)

EXEC = "Executive Councillor for Adult Care, Health and Children's Services"


def cllr(name: str, role: str = "member", status: str = "present", **more: str) -> Attendee:
    return Attendee(title="Councillor", name=name, role=role, status=status, **more)


def added(title: str, name: str, seat: str, status: str = "present") -> Attendee:
    return Attendee(title=title, name=name, role="added_member", status=status, capacity=seat)


def officer(name: str, job: str) -> Attendee:
    return Attendee(title="", name=name, role="officer", status="present", capacity=job)


# The seed's minutes of 21 July 2017, in the order the attendance was recorded.
JULY = [
    cllr("R L Foulkes", "chair"),
    cllr("R J Kendrick", "vice_chair"),
    cllr("R Wootten"),
    cllr("L Wootten"),
    cllr("Mrs W Bowkett"),
    cllr("S R Dodds"),
    cllr("C Matthews"),
    cllr("Mrs C L Perraton-Williams", status="substitute", substitute_for="Councillor Mrs K Cook"),
    cllr("Mrs K Cook", status="absent"),
    cllr("M D Boles", status="apologies"),
    added("Mr", "S C Rudman", "Church Representative"),
    added("Reverend", "Sue Evans", "Church Representative", status="apologies"),
    cllr("Mrs P A Bradwell", "other_councillor", capacity=EXEC),
    cllr("D Brailsford", "other_councillor", capacity="Executive Support Councillor"),
    officer("Tracy Johnson", "Senior Scrutiny Officer"),
    officer("Debbie Barnes", "Executive Director, Children's Services"),
    officer("Katrina Cope", "Senior Democratic Services Officer"),
]


def test_the_minutes_of_21_july_2017_print_as_the_council_printed_them() -> None:
    lines = attendance_lines(JULY)
    assert lines.present == "PRESENT: COUNCILLOR R L FOULKES (CHAIRMAN)"
    assert lines.councillors == (
        "Councillors R J Kendrick (Vice-Chairman), Mrs W Bowkett, S R Dodds, C Matthews, "
        "Mrs C L Perraton-Williams, L Wootten and R Wootten."
    )
    assert lines.added_members == ["Church Representative: Mr S C Rudman."]
    assert lines.others == (
        f"Councillors: Mrs P A Bradwell ({EXEC}) and D Brailsford (Executive Support "
        "Councillor) were also in attendance."
    )
    assert lines.officers == (
        "Debbie Barnes (Executive Director, Children's Services), Katrina Cope (Senior "
        "Democratic Services Officer) and Tracy Johnson (Senior Scrutiny Officer)."
    )


def test_the_meeting_page_adds_apologies_and_substitutions_to_the_printed_lines() -> None:
    lines = attendance_lines(JULY)
    assert lines.apologies == (
        "Councillor M D Boles and Reverend Sue Evans (Church Representative)"
    )
    assert lines.substitutions == ["Councillor Mrs C L Perraton-Williams for Councillor Mrs K Cook"]


@pytest.mark.parametrize(
    ("attendees", "present", "councillors"),
    [
        # The Vice-Chairman in the chair is named so.
        (
            [cllr("R J Kendrick", "vice_chair"), cllr("S R Dodds")],
            "PRESENT: COUNCILLOR R J KENDRICK (VICE-CHAIRMAN, IN THE CHAIR)",
            "Councillor S R Dodds.",
        ),
        # Neither there: the councillors follow PRESENT.
        (
            [cllr("S R Dodds"), cllr("C Matthews"), cllr("R L Foulkes", "chair", "apologies")],
            "PRESENT:",
            "Councillors S R Dodds and C Matthews.",
        ),
        # The Chairman alone.
        ([cllr("R L Foulkes", "chair")], "PRESENT: COUNCILLOR R L FOULKES (CHAIRMAN)", ""),
        # Nobody there, nothing printed.
        ([cllr("R L Foulkes", "chair", "apologies")], "", ""),
    ],
)
def test_the_chair_is_named_first_and_the_rest_by_surname(
    attendees: list[Attendee], present: str, councillors: str
) -> None:
    lines = attendance_lines(attendees)
    assert (lines.present, lines.councillors) == (present, councillors)


@pytest.mark.parametrize(
    ("attendees", "printed"),
    [
        (
            [added("Mr", "S C Rudman", "Church Representative")],
            ["Church Representative: Mr S C Rudman."],
        ),
        (
            [
                added("Mrs", "P J Barnett", "Parent Governor Representative"),
                added("Dr", "E van der Zee", "Parent Governor Representative"),
                added("Reverend", "Sue Evans", "Church Representative"),
            ],
            [
                "Parent Governor Representatives: Mrs P J Barnett and Dr E van der Zee.",
                "Church Representative: Reverend Sue Evans.",
            ],
        ),
        ([added("Mr", "A Person", "")], ["Added Member: Mr A Person."]),
    ],
)
def test_added_members_print_with_their_seat(attendees: list[Attendee], printed: list[str]) -> None:
    assert attendance_lines(attendees).added_members == printed


def test_one_other_councillor_was_also_in_attendance() -> None:
    lines = attendance_lines([cllr("D Brailsford", "other_councillor")])
    assert lines.others == "Councillor: D Brailsford was also in attendance."


def test_no_one_recorded_prints_nothing() -> None:
    assert not attendance_lines([])
    assert attendance_lines([]) == AttendanceLines()


@pytest.mark.parametrize(
    ("kind", "member_role", "substitute", "role"),
    [
        ("councillor", "chair", False, "chair"),
        ("councillor", "vice_chair", False, "vice_chair"),
        ("councillor", "member", False, "member"),
        ("added_member", "added_member", False, "added_member"),
        ("councillor", None, True, "member"),
        ("councillor", None, False, "other_councillor"),
        ("added_member", None, False, "added_member"),
        ("officer", None, False, "officer"),
    ],
)
def test_the_role_on_the_day_comes_from_the_seat_held_that_day(
    kind: str, member_role: str | None, substitute: bool, role: str
) -> None:
    assert role_on_the_day(kind=kind, member_role=member_role, substitute=substitute) == role


@pytest.mark.parametrize(
    ("role", "capacity"),
    [
        ("added_member", "Church Representative"),
        ("officer", "Senior Scrutiny Officer"),
        ("other_councillor", "Senior Scrutiny Officer"),
        ("member", ""),
        ("chair", ""),
    ],
)
def test_the_minutes_print_a_seat_for_added_members_and_a_title_for_officers(
    role: str, capacity: str
) -> None:
    printed = capacity_on_the_day(
        role=role, seat="Church Representative", job_title="Senior Scrutiny Officer"
    )
    assert printed == capacity
