"""Time to publish: how many days after a quarter ends its figures are published, and its
meeting considers them. The service's own measure of how fresh its reports are. Pure rules.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from measures.rules.periods import Period


@dataclass(frozen=True)
class TimeToPublish:
    """One quarter's clocks, in calendar days from the quarter's last day."""

    period: Period
    figures: int  # how many published figures the quarter has
    last_figure_days: int | None  # to the day its last figure was published
    median_figure_days: int | None  # the median figure's days (the lower of the middle two)
    meeting_days: int | None  # to the meeting that considered them
    meeting_on: date | None


def days_after(period: Period, day: date) -> int:
    """Calendar days from the quarter's last day: the day after it is 1."""
    return (day - period.end).days


def time_to_publish(
    period: Period, *, published_on: Sequence[date], meeting_on: date | None = None
) -> TimeToPublish:
    """The quarter's clocks from the days its figures were published and its meeting's day."""
    days = sorted(days_after(period, day) for day in published_on)
    return TimeToPublish(
        period=period,
        figures=len(days),
        last_figure_days=days[-1] if days else None,
        median_figure_days=statistics.median_low(days) if days else None,
        meeting_days=days_after(period, meeting_on) if meeting_on else None,
        meeting_on=meeting_on,
    )
