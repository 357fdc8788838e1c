"""Questions close a number of clear working days before the meeting (3 unless set)."""

from datetime import date

import pytest

from committees.deadlines import clear_working_days_between
from committees.question_deadline import question_deadline, questions_open


@pytest.mark.parametrize(
    ("meeting", "clear_days", "deadline"),
    [
        # Friday 8 September 2017: Tuesday, Wednesday and Thursday are clear; Monday is the last.
        (date(2017, 9, 8), 3, date(2017, 9, 4)),
        # A Monday meeting: Wednesday, Thursday and Friday clear; the Tuesday before is the last.
        (date(2017, 9, 11), 3, date(2017, 9, 5)),
        # The August bank holiday (Monday 28 August 2017) is not a clear day, nor a day to ask.
        (date(2017, 8, 31), 3, date(2017, 8, 24)),
        (date(2017, 9, 1), 3, date(2017, 8, 25)),
        # Christmas Day, Boxing Day and the weekend before a Friday 29 December 2017 meeting.
        (date(2017, 12, 29), 3, date(2017, 12, 21)),
        # Good Friday and Easter Monday 2018.
        (date(2018, 4, 4), 3, date(2018, 3, 27)),
        # The King's coronation bank holiday (Monday 8 May 2023).
        (date(2023, 5, 11), 3, date(2023, 5, 4)),
        # A council asking for five clear days, or none (the working day before the meeting).
        (date(2017, 9, 8), 5, date(2017, 8, 31)),
        (date(2017, 9, 8), 0, date(2017, 9, 7)),
        (date(2017, 9, 11), 0, date(2017, 9, 8)),
    ],
)
def test_questions_close_the_set_number_of_clear_working_days_before(
    meeting: date, clear_days: int, deadline: date
) -> None:
    assert question_deadline(meeting, clear_days=clear_days) == deadline
    assert clear_working_days_between(deadline, meeting) == clear_days


@pytest.mark.parametrize(
    ("today", "still_open"),
    [
        (date(2017, 9, 1), True),
        (date(2017, 9, 4), True),  # all of the last day counts
        (date(2017, 9, 5), False),
        (date(2017, 9, 8), False),
    ],
)
def test_questions_are_open_until_the_end_of_the_last_day(today: date, still_open: bool) -> None:
    assert questions_open(today=today, meeting_day=date(2017, 9, 8), clear_days=3) is still_open
