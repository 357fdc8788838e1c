"""Time to publish: days from a quarter's end to its figures' publication and its meeting."""

from datetime import date

import pytest

from measures.rules.periods import Period
from measures.rules.time_to_publish import days_after, time_to_publish

Q1 = Period(2017, 1)  # April to June 2017


@pytest.mark.parametrize(
    ("day", "days"),
    [
        (date(2017, 6, 30), 0),  # the quarter's last day
        (date(2017, 7, 1), 1),
        (date(2017, 8, 29), 60),
        (date(2017, 6, 1), -29),  # published inside the quarter: a figure taken early
    ],
)
def test_days_are_counted_from_the_quarters_last_day(day: date, days: int) -> None:
    assert days_after(Q1, day) == days


@pytest.mark.parametrize(
    ("published", "meeting", "last", "median", "meeting_days"),
    [
        ([], None, None, None, None),
        ([], date(2017, 9, 8), None, None, 70),
        ([date(2017, 7, 31)], None, 31, 31, None),
        # Three figures: the last and the middle one.
        ([date(2017, 8, 29), date(2017, 7, 31), date(2017, 8, 1)], date(2017, 9, 8), 60, 32, 70),
        # Four: the lower of the middle two, a day a figure was really published.
        (
            [date(2017, 7, 10), date(2017, 7, 20), date(2017, 7, 30), date(2017, 8, 9)],
            None,
            40,
            20,
            None,
        ),
    ],
)
def test_a_quarters_clocks(
    published: list[date],
    meeting: date | None,
    last: int | None,
    median: int | None,
    meeting_days: int | None,
) -> None:
    clocks = time_to_publish(Q1, published_on=published, meeting_on=meeting)
    assert clocks.figures == len(published)
    assert clocks.last_figure_days == last
    assert clocks.median_figure_days == median
    assert clocks.meeting_days == meeting_days


def test_the_fourth_quarter_ends_on_31_march_of_the_next_calendar_year() -> None:
    clocks = time_to_publish(Period(2017, 4), published_on=[date(2018, 5, 30)])
    assert clocks.last_figure_days == 60  # April 30 days, May 30
