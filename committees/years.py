"""Municipal years: councils number minutes through a year starting at the May annual meeting."""

from datetime import date


def municipal_year_start(day: date) -> date:
    """The first day of the municipal year containing a day (taken as 1 May)."""
    year = day.year if day.month >= 5 else day.year - 1
    return date(year, 5, 1)


def next_minute_number(previous: list[int]) -> int:
    """The number after the highest minute so far this municipal year (1 for the first)."""
    return max(previous, default=0) + 1
