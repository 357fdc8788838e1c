"""Tests for which authorities existed when, and who stands for one that did not."""

from datetime import date

import pytest

from measures.rules.reorganisations import existed, stand_in


@pytest.mark.parametrize(
    ("code", "on", "exists"),
    [
        ("940", date(2017, 6, 30), False),
        ("940", date(2021, 4, 1), True),
        ("928", date(2017, 6, 30), True),
        ("928", date(2021, 4, 1), False),
        ("909", date(2023, 3, 31), True),
        ("942", date(2023, 3, 31), False),
        ("925", date(1990, 1, 1), True),
    ],
)
def test_authorities_exist_between_their_creation_and_abolition(
    code: str, on: date, exists: bool
) -> None:
    assert existed(code, on) is exists


@pytest.mark.parametrize(
    ("code", "name", "on", "code_shown", "note"),
    [
        (
            "940",
            "North Northamptonshire",
            date(2017, 6, 30),
            "928",
            "in place of North Northamptonshire, created 2021",
        ),
        (
            "941",
            "West Northamptonshire",
            date(2020, 3, 31),
            "928",
            "in place of West Northamptonshire, created 2021",
        ),
        ("940", "North Northamptonshire", date(2021, 6, 30), "940", ""),
        ("838", "Dorset", date(2017, 6, 30), "835", "in place of Dorset, created 2019"),
        # Several authorities merged into it: no single predecessor.
        (
            "839",
            "Bournemouth, Christchurch and Poole",
            date(2017, 6, 30),
            "",
            "did not exist in 2017",
        ),
        # A member abolished by then.
        ("909", "Cumbria", date(2024, 3, 31), "", "no longer existed in 2024"),
        ("925", "Lincolnshire", date(2017, 6, 30), "925", ""),
    ],
)
def test_a_member_is_stood_in_for_by_its_predecessor_or_by_nobody(
    code: str, name: str, on: date, code_shown: str, note: str
) -> None:
    found = stand_in(code, name, on)
    assert (found.code, found.note) == (code_shown, note)
