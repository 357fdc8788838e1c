"""Access to Information deadlines: clear working days, and when an agenda must be published.

Section 100B of the Local Government Act 1972 opens an agenda to inspection at least five
clear days before the meeting; "clear days" leave out the day of publication, the day of
the meeting, weekends and bank holidays. Pure rules: no database.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import holidays

STATUTORY_CLEAR_DAYS = 5


@cache
def _bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: date) -> bool:
    """Monday to Friday, and not one of England's bank holidays."""
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def clear_working_days_between(start: date, end: date) -> int:
    """How many working days fall strictly after `start` and strictly before `end`."""
    count = 0
    day = start + timedelta(days=1)
    while day < end:
        count += is_working_day(day)
        day += timedelta(days=1)
    return count


def publication_deadline(meeting_day: date, *, clear_days: int = STATUTORY_CLEAR_DAYS) -> date:
    """The last working day on which a meeting's agenda can be published in time.

    Publication on that day leaves `clear_days` clear working days before the meeting.
    It is a working day because the agenda is opened to inspection at the council's offices
    (a weekend publication would count the same, but nobody could inspect it).
    """
    if clear_days < 0:
        raise ValueError("A deadline needs zero or more clear days.")
    day = meeting_day - timedelta(days=1)
    counted = 0
    while counted < clear_days:  # walk back over the clear working days themselves
        counted += is_working_day(day)
        day -= timedelta(days=1)
    while not is_working_day(day):  # then to the working day before them
        day -= timedelta(days=1)
    return day


def working_days_late(deadline: date, published: date) -> int:
    """How many working days after its deadline an agenda was published (0 when in time).

    The day of publication counts when it is a working day: published the working day after
    the deadline is one working day late.
    """
    if published <= deadline:
        return 0
    return clear_working_days_between(deadline, published) + is_working_day(published)


# An unpublished agenda is at risk once this few working days are left before its deadline.
AT_RISK_WORKING_DAYS = 5


def working_days_left(today: date, deadline: date) -> int:
    """The working days on which the agenda can still be published in time, today and the
    deadline included: 0 once the deadline has passed."""
    if today > deadline:
        return 0
    if today == deadline:
        return int(is_working_day(today))
    inside = clear_working_days_between(today, deadline)
    return is_working_day(today) + inside + is_working_day(deadline)


def at_risk(*, today: date, deadline: date, published: bool) -> bool:
    """An agenda not yet published whose deadline is near or has passed."""
    return not published and working_days_left(today, deadline) <= AT_RISK_WORKING_DAYS


def _day(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def timeliness(*, deadline: date, published: date | None) -> str:
    """An agenda's deadline beside the day it was published, its lateness in words."""
    due = f"due by {_day(deadline)}"
    if published is None:
        return f"Not published yet: {due}."
    late = working_days_late(deadline, published)
    if not late:
        return f"Published {_day(published)}, on time: {due}."
    days = "working day" if late == 1 else "working days"
    return f"Published {_day(published)}, late by {late} {days}: {due}."
