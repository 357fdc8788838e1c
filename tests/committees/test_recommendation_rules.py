"""The recommendation rules: overdue, and no update for 6 months (tables of plain values)."""

from datetime import date

import pytest

from committees.recommendation_rules import flags, is_overdue, is_quiet, months_before

TODAY = date(2018, 3, 15)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2018, 3, 15), 6, date(2017, 9, 15)),
        (date(2018, 8, 31), 6, date(2018, 2, 28)),  # no 31 February: its last day
        (date(2020, 8, 31), 6, date(2020, 2, 29)),  # a leap year
        (date(2018, 1, 10), 1, date(2017, 12, 10)),  # back across a year
    ],
)
def test_months_before_counts_calendar_months(day, months, expected) -> None:
    assert months_before(day, months) == expected


@pytest.mark.parametrize(
    ("status", "due", "expected"),
    [
        ("open", date(2018, 3, 14), True),
        ("in_progress", date(2018, 1, 1), True),
        ("open", date(2018, 3, 15), False),  # due today is not yet overdue
        ("open", date(2018, 4, 1), False),
        ("open", None, False),  # no due date, never overdue
        ("implemented", date(2017, 1, 1), False),
        ("closed", date(2017, 1, 1), False),
    ],
)
def test_overdue_is_past_due_and_not_implemented_or_closed(status, due, expected) -> None:
    assert is_overdue(status=status, due=due, today=TODAY) is expected


@pytest.mark.parametrize(
    ("status", "raised", "last_update", "expected"),
    [
        ("open", date(2017, 1, 1), date(2017, 9, 15), True),  # exactly six months ago
        ("open", date(2017, 1, 1), date(2017, 9, 16), False),
        ("in_progress", date(2017, 1, 1), date(2017, 6, 1), True),
        ("open", date(2017, 9, 15), None, True),  # never updated: counted from when it was made
        ("open", date(2017, 12, 1), None, False),
        ("implemented", date(2016, 1, 1), None, False),
        ("closed", date(2016, 1, 1), date(2016, 2, 1), False),
    ],
)
def test_no_update_for_6_months_counts_from_the_last_update_or_when_made(
    status, raised, last_update, expected
) -> None:
    assert is_quiet(status=status, raised=raised, last_update=last_update, today=TODAY) is expected


@pytest.mark.parametrize(
    ("status", "due", "last_update", "expected"),
    [
        ("open", date(2018, 1, 1), date(2017, 6, 1), ["Overdue", "No update for 6 months"]),
        ("open", date(2018, 1, 1), date(2018, 3, 1), ["Overdue"]),
        ("open", None, date(2017, 6, 1), ["No update for 6 months"]),
        ("implemented", date(2018, 1, 1), date(2017, 6, 1), []),
    ],
)
def test_flags_are_worded_overdue_first(status, due, last_update, expected) -> None:
    found = flags(
        status=status, due=due, raised=date(2017, 1, 1), last_update=last_update, today=TODAY
    )
    assert [flag.words for flag in found] == expected
