"""Since the last meeting: what changed for a committee since its previous meeting, by kind.

An extension point of its own. Each kind of change (figures published, statuses changed,
papers published, actions updated, and later questions, recommendations or alerts) is a
provider registered under a name from an AppConfig.ready(); the page lists each provider's
changes under its heading, in the order they registered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.conf import settings

if TYPE_CHECKING:
    from committees.access import AnyUser
    from committees.models import Committee, Meeting


@dataclass(frozen=True)
class Change:
    """One thing that changed: what, when, a link to it, and a line of detail."""

    title: str
    url: str
    on: date
    detail: str = ""


@dataclass(frozen=True)
class Window:
    """The committee whose changes are wanted, and the moment after its previous meeting."""

    committee: Committee
    meeting: Meeting | None  # the previous meeting; None if it has not met
    start: datetime  # changes made at or after this moment count, in the council's time zone

    @property
    def first_day(self) -> date:
        """The first day whose dated changes (an action's update) count."""
        return self.start.date()


# What a kind of change is read by: the window and who is looking (None for no one signed
# in). It returns the changes the user may read, newest first, in a fixed number of queries.
ChangeProvider = Callable[[Window, "AnyUser"], list[Change]]


@dataclass(frozen=True)
class ChangeKind:
    """A kind of change as the page shows it: its heading and what to say when there is none."""

    heading: str
    provider: ChangeProvider
    none: str = "None."


@dataclass(frozen=True)
class ChangeGroup:
    """The changes of one kind, under its heading."""

    name: str  # the registered name, also the section's id on the page
    heading: str
    none: str
    changes: list[Change] = field(default_factory=list)


_kinds: dict[str, ChangeKind] = {}


def register_change_kind(name: str, kind: ChangeKind) -> None:
    """Add a kind of change to "Since the last meeting", after those already registered.

    Registering a name again replaces its kind, so a second ready() changes nothing.
    """
    _kinds[name] = kind


def change_kinds() -> dict[str, ChangeKind]:
    """The registered kinds of change, by name, in the order they registered."""
    return dict(_kinds)


def window_after(committee: Committee, meeting: Meeting | None) -> Window:
    """Changes from the day after the previous meeting (its own decisions are in its minutes).

    A committee that has not met yet counts everything.
    """
    zone = ZoneInfo(settings.TIME_ZONE)
    if meeting is None:
        return Window(committee, None, datetime(1900, 1, 1, tzinfo=zone))
    start = datetime.combine(meeting.date + timedelta(days=1), time(0, 0), tzinfo=zone)
    return Window(committee, meeting, start)


def changes_since(window: Window, user: AnyUser) -> list[ChangeGroup]:
    """Each registered kind's changes in the window that the user may read."""
    return [
        ChangeGroup(name, kind.heading, kind.none, kind.provider(window, user))
        for name, kind in change_kinds().items()
    ]
