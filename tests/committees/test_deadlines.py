"""Five clear working days: weekends, England's bank holidays and the two end days left out."""

from datetime import date

import pytest

from committees.deadlines import clear_working_days_between, is_working_day, publication_deadline


@pytest.mark.parametrize(
    ("meeting", "deadline"),
    [
        # The demo's cover letter: Friday 8 September 2017, dated Thursday 31 August.
        (date(2017, 9, 8), date(2017, 8, 31)),
        (date(2017, 7, 21), date(2017, 7, 13)),
        # A Monday meeting: the Friday a week and a day before.
        (date(2017, 9, 11), date(2017, 9, 1)),
        (date(2017, 9, 12), date(2017, 9, 4)),  # a Tuesday: back to the Monday before
        # The August bank holiday (28 August 2017) does not count.
        (date(2017, 9, 1), date(2017, 8, 23)),
        (date(2017, 9, 4), date(2017, 8, 24)),
        # Christmas Day and Boxing Day (and the weekend) do not count.
        (date(2017, 12, 29), date(2017, 12, 19)),
        # New Year's Day 2018, then Christmas and Boxing Day before it.
        (date(2018, 1, 5), date(2017, 12, 27)),
        # Good Friday (30 March 2018) and Easter Monday (2 April 2018) do not count.
        (date(2018, 4, 6), date(2018, 3, 27)),
        (date(2018, 4, 3), date(2018, 3, 22)),
        # One-off bank holidays: the Queen's funeral, the King's coronation.
        (date(2022, 9, 23), date(2022, 9, 14)),
        (date(2023, 5, 12), date(2023, 5, 3)),
    ],
)
def test_the_agenda_is_due_five_clear_working_days_before(meeting: date, deadline: date) -> None:
    assert publication_deadline(meeting) == deadline
    assert clear_working_days_between(deadline, meeting) == 5
    assert is_working_day(deadline)


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        (date(2017, 8, 31), date(2017, 9, 8), 5),  # neither end counts
        (date(2017, 9, 7), date(2017, 9, 8), 0),  # the day before
        (date(2017, 9, 8), date(2017, 9, 8), 0),
        (date(2017, 9, 1), date(2017, 9, 4), 0),  # only a weekend between
        (date(2017, 8, 25), date(2017, 8, 29), 0),  # a weekend and the August bank holiday
        (date(2017, 12, 22), date(2017, 12, 28), 1),  # 27 December only
        (date(2017, 9, 8), date(2017, 8, 31), 0),  # the wrong way round: none
    ],
)
def test_clear_working_days_between_two_dates(start: date, end: date, days: int) -> None:
    assert clear_working_days_between(start, end) == days


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2017, 9, 8), True),
        (date(2017, 9, 9), False),  # Saturday
        (date(2017, 9, 10), False),  # Sunday
        (date(2017, 8, 28), False),  # Summer bank holiday
        (date(2017, 12, 25), False),
        (date(2017, 12, 26), False),
        (date(2022, 12, 27), False),  # Christmas Day on a Sunday: the Tuesday is the holiday
        (date(2017, 3, 17), True),  # St Patrick's Day is a holiday in Northern Ireland only
        (date(2017, 8, 7), True),  # Scotland's summer bank holiday, not England's
    ],
)
def test_working_days_are_weekdays_that_are_not_englands_bank_holidays(
    day: date, working: bool
) -> None:
    assert is_working_day(day) is working


def test_more_clear_days_can_be_asked_for() -> None:
    assert publication_deadline(date(2017, 9, 8), clear_days=10) == date(2017, 8, 23)
    assert publication_deadline(date(2017, 9, 8), clear_days=0) == date(2017, 9, 7)
