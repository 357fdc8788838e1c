"""An exempt paper's review date: 12 months after it was marked exempt."""

from datetime import date

import pytest

from committees.exempt_review import is_due_for_review, review_date


@pytest.mark.parametrize(
    ("marked", "months", "review"),
    [
        (date(2017, 9, 8), 12, date(2018, 9, 8)),
        (date(2016, 2, 29), 12, date(2017, 2, 28)),  # no 29 February in 2017
        (date(2017, 8, 31), 6, date(2018, 2, 28)),
        (date(2017, 12, 15), 1, date(2018, 1, 15)),
        (date(2017, 1, 31), 1, date(2017, 2, 28)),
    ],
)
def test_the_review_falls_the_same_day_months_later(
    marked: date, months: int, review: date
) -> None:
    assert review_date(marked, months=months) == review


def test_a_review_cannot_be_sooner_than_a_month() -> None:
    with pytest.raises(ValueError, match="one month or more"):
        review_date(date(2017, 9, 8), months=0)


@pytest.mark.parametrize(
    ("review_on", "today", "due"),
    [
        (date(2018, 9, 8), date(2018, 9, 7), False),
        (date(2018, 9, 8), date(2018, 9, 8), True),
        (date(2018, 9, 8), date(2019, 1, 1), True),
        (None, date(2019, 1, 1), False),  # a public paper has none
    ],
)
def test_a_paper_is_due_for_review_from_its_review_date(
    review_on: date | None, today: date, due: bool
) -> None:
    assert is_due_for_review(review_on=review_on, today=today) is due
