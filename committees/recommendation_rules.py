"""When a recommendation is overdue, and when it has gone too long without an update."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

# The statuses that end a recommendation's life (RecommendationStatus's values).
FINISHED = frozenset({"implemented", "closed"})
# "No update for 6 months": the months a live recommendation may go without a progress update.
QUIET_MONTHS = 6


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier (31 August less 6 months: 28/29 February)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def is_overdue(*, status: str, due: date | None, today: date) -> bool:
    """Past its due date and neither implemented nor closed."""
    return status not in FINISHED and due is not None and due < today


def is_quiet(*, status: str, raised: date, last_update: date | None, today: date) -> bool:
    """Live, and nothing heard for 6 months or more: since the last update, or since it was
    made if it has none."""
    if status in FINISHED:
        return False
    return (last_update or raised) <= months_before(today, QUIET_MONTHS)


@dataclass(frozen=True)
class Flag:
    """A warning on a recommendation, in words (and a CSS class for its shape)."""

    key: str  # "overdue" or "quiet": also its CSS class
    words: str


OVERDUE = Flag("overdue", "Overdue")
QUIET = Flag("quiet", f"No update for {QUIET_MONTHS} months")


def flags(
    *, status: str, due: date | None, raised: date, last_update: date | None, today: date
) -> list[Flag]:
    """The flags a recommendation carries today, overdue first."""
    found = []
    if is_overdue(status=status, due=due, today=today):
        found.append(OVERDUE)
    if is_quiet(status=status, raised=raised, last_update=last_update, today=today):
        found.append(QUIET)
    return found
