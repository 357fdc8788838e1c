"""What a meeting's page says about an agenda or minutes nobody may read yet: pure wording.

A past meeting never promises an agenda "yet": that would not be true years later.
"""

from __future__ import annotations

from datetime import date


def _day(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def agenda_notice(
    *,
    meeting_day: date,
    today: date,
    deadline: date,
    withdrawn_on: date | None = None,
    published_on: date | None = None,
) -> str:
    """The sentence shown instead of an agenda that is not published.

    `published_on` and `withdrawn_on` describe the latest withdrawn publication, if any.
    """
    coming = meeting_day >= today
    said = ""
    if withdrawn_on is not None:
        said = (
            f"The agenda published on {_day(published_on)} was withdrawn on {_day(withdrawn_on)}."
            if published_on
            else f"The agenda was withdrawn on {_day(withdrawn_on)}."
        )
        if not coming:
            return said
        said += " "
    if not coming:
        return "No agenda for this meeting was published on this site."
    if deadline >= today:
        return said + f"The agenda will be published by {_day(deadline)}."
    return said + (
        f"The agenda was due to be published by {_day(deadline)} and will be published "
        "before the meeting."
    )


def minutes_notice(*, meeting_day: date, today: date, cancelled: bool) -> str:
    """The sentence shown instead of minutes that are not published (none before the day)."""
    if cancelled or meeting_day >= today:
        return ""
    return "The minutes of this meeting have not been published."
