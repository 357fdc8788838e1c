"""What the meetings list says a meeting has: its agenda, pack and minutes, in words. Pure rules.

Each status word doubles as its CSS class (a tag colour), and is never shown by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True)
class Holding:
    """One thing a meeting has or lacks: a word for the tag, and the sentence beside it."""

    status: str  # "published", "due", "missing", "draft", "approved", "cancelled"
    text: str


@dataclass(frozen=True)
class MeetingHoldings:
    """The meeting's agenda, pack and minutes as the meetings list shows them."""

    agenda: Holding
    pack: Holding | None  # None: nothing to say (no agenda the reader may read)
    minutes: Holding | None  # None: no minutes are due yet, or none the reader may read


def meeting_holdings(
    *,
    meeting_day: date,
    today: date,
    cancelled: bool,
    agenda_published_on: date | None,
    agenda_visible: bool,
    deadline: date,
    pack: bool,
    minutes_visible: bool,
    minutes: int,
    approved_minutes: int,
) -> MeetingHoldings:
    """What a meeting has, for a reader who may or may not see its agenda and minutes.

    `minutes` counts the minutes recorded, `approved_minutes` those approved; a meeting's
    minutes are approved once every minute is.
    """
    if cancelled:
        return MeetingHoldings(Holding("cancelled", "Meeting cancelled"), None, None)
    if agenda_published_on is not None:
        agenda = Holding("published", f"Agenda published {_day(agenda_published_on)}")
    elif meeting_day >= today:
        agenda = Holding("due", f"Agenda due by {_day(deadline)}")
    else:
        agenda = Holding("missing", "No agenda published")
    pack_holding = None
    if agenda_visible:
        pack_holding = (
            Holding("published", "Agenda pack (PDF)") if pack else Holding("missing", "No pack yet")
        )
    minutes_holding = None
    if minutes_visible and minutes:
        minutes_holding = (
            Holding("approved", "Minutes approved")
            if approved_minutes == minutes
            else Holding("draft", "Draft minutes")
        )
    elif meeting_day < today:
        minutes_holding = Holding("missing", "No minutes published")
    return MeetingHoldings(agenda, pack_holding, minutes_holding)
