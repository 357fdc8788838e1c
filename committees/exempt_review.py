"""When an exempt paper's exemption is next reviewed: 12 months after it was marked exempt.

Schedule 12A information stays exempt only while the reason for it holds; councils review
their exempt papers and release those whose exemption no longer applies. Pure rules.
"""

from __future__ import annotations

import calendar
from datetime import date

REVIEW_MONTHS = 12


def review_date(marked: date, *, months: int = REVIEW_MONTHS) -> date:
    """The same day `months` later, or that month's last day when it is shorter (29 February
    becomes 28 February in a year that is not a leap year)."""
    if months < 1:
        raise ValueError("A review needs to be one month or more away.")
    index = marked.month - 1 + months
    year, month = marked.year + index // 12, index % 12 + 1
    return date(year, month, min(marked.day, calendar.monthrange(year, month)[1]))


def is_due_for_review(*, review_on: date | None, today: date) -> bool:
    """A paper is due for review on its review date and every day after it."""
    return review_on is not None and review_on <= today
