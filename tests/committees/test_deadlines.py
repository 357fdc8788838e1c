"""Five clear working days: weekends, England's bank holidays and the two end days left out."""

from datetime import date

import pytest

from committees.deadlines import (
    at_risk,
    clear_working_days_between,
    is_working_day,
    publication_deadline,
    timeliness,
    working_days_late,
    working_days_left,
)


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
        # Christmas on a Saturday (2021): the 27th and 28th are the substitute holidays.
        (date(2022, 1, 7), date(2021, 12, 29)),
        (date(2021, 12, 31), date(2021, 12, 21)),
        # Boxing Day on a Saturday (2020): Monday 28th is its substitute.
        (date(2021, 1, 6), date(2020, 12, 24)),
        # Easter 2019: Good Friday 19 April, Easter Monday 22 April.
        (date(2019, 4, 26), date(2019, 4, 16)),
        # The August bank holiday 2019 (26 August).
        (date(2019, 8, 30), date(2019, 8, 21)),
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
        (date(2021, 12, 23), date(2021, 12, 31), 3),  # 24, 29 and 30: 27 and 28 substitutes
        (date(2020, 12, 24), date(2020, 12, 31), 2),  # 29 and 30: 28 is Boxing Day's substitute
        (date(2019, 4, 17), date(2019, 4, 24), 2),  # 18 and 23: Easter leaves out 19 to 22
        (date(2019, 8, 22), date(2019, 8, 29), 3),  # 23, 27 and 28: not the bank holiday
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
        (date(2022, 12, 26), False),  # Boxing Day on the Monday
        (date(2021, 12, 27), False),  # Christmas on a Saturday: the Monday is its substitute
        (date(2021, 12, 28), False),  # and Boxing Day's (a Sunday) the Tuesday
        (date(2020, 12, 28), False),  # Boxing Day on a Saturday: the Monday instead
        (date(2020, 12, 29), True),
        (date(2021, 12, 29), True),
        (date(2019, 4, 19), False),  # Good Friday
        (date(2019, 4, 22), False),  # Easter Monday
        (date(2019, 4, 18), True),  # Maundy Thursday is a working day
        (date(2019, 8, 26), False),  # the August bank holiday: the last Monday of August
        (date(2019, 8, 5), True),  # not the first Monday (Scotland's)
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


@pytest.mark.parametrize(
    ("deadline", "published", "late"),
    [
        (date(2017, 8, 31), date(2017, 8, 30), 0),  # early
        (date(2017, 8, 31), date(2017, 8, 31), 0),  # on the day
        (date(2017, 8, 31), date(2017, 9, 1), 1),
        (date(2017, 8, 31), date(2017, 9, 2), 1),  # a Saturday adds nothing
        (date(2017, 8, 31), date(2017, 9, 4), 2),
        (date(2017, 8, 24), date(2017, 8, 29), 2),  # Friday, then Tuesday: not the bank holiday
        (date(2021, 12, 24), date(2021, 12, 29), 1),  # over Christmas and its substitute days
    ],
)
def test_a_late_agenda_is_late_by_the_working_days_after_its_deadline(
    deadline: date, published: date, late: int
) -> None:
    assert working_days_late(deadline, published) == late


@pytest.mark.parametrize(
    ("today", "deadline", "left"),
    [
        (date(2017, 8, 31), date(2017, 8, 31), 1),  # the deadline itself
        (date(2017, 8, 30), date(2017, 8, 31), 2),
        (date(2017, 8, 26), date(2017, 8, 31), 3),  # Saturday: 29, 30, 31 (28 a bank holiday)
        (date(2017, 8, 21), date(2017, 8, 31), 8),
        (date(2017, 9, 1), date(2017, 8, 31), 0),  # passed
        (date(2021, 12, 23), date(2021, 12, 29), 3),  # 23, 24, 29
    ],
)
def test_working_days_left_to_publish_in_time(today: date, deadline: date, left: int) -> None:
    assert working_days_left(today, deadline) == left


@pytest.mark.parametrize(
    ("today", "published", "risk"),
    [
        (date(2017, 8, 21), False, False),  # 8 working days left
        (date(2017, 8, 24), False, True),  # 5 left: 24, 25, 29, 30, 31
        (date(2017, 9, 4), False, True),  # passed, still not published
        (date(2017, 8, 24), True, False),  # published: no risk
        (date(2017, 9, 4), True, False),
    ],
)
def test_an_unpublished_agenda_is_at_risk_five_working_days_before_its_deadline(
    today: date, published: bool, risk: bool
) -> None:
    assert at_risk(today=today, deadline=date(2017, 8, 31), published=published) is risk


@pytest.mark.parametrize(
    ("published", "words"),
    [
        (None, "Not published yet: due by Thursday 31 August 2017."),
        (
            date(2017, 8, 31),
            "Published Thursday 31 August 2017, on time: due by Thursday 31 August 2017.",
        ),
        (
            date(2017, 9, 1),
            "Published Friday 1 September 2017, late by 1 working day: due by Thursday 31 August "
            "2017.",
        ),
        (
            date(2017, 9, 4),
            "Published Monday 4 September 2017, late by 2 working days: due by Thursday 31 August "
            "2017.",
        ),
    ],
)
def test_the_deadline_is_said_beside_the_day_the_agenda_was_published(
    published: date | None, words: str
) -> None:
    assert timeliness(deadline=date(2017, 8, 31), published=published) == words
