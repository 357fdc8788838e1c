"""Meeting addresses: a meeting's date, with -2 for a second meeting that day. Pure rules.

The path converter (registered in committees/urls.py) reads an address once; the views
find the meeting with `Meeting.objects.at(committee, day, sequence)`.
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

_ADDRESS = re.compile(r"(\d{4}-\d{2}-\d{2})(?:-(\d+))?")


class MeetingAddress(NamedTuple):
    """A meeting's day and its place that day (1 for the first meeting)."""

    day: date
    sequence: int = 1

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d}" + (f"-{self.sequence}" if self.sequence > 1 else "")


def parse_meeting_address(text: str) -> MeetingAddress:
    """The address as written in a URL, like 2017-09-08 or 2017-09-08-2.

    Raises ValueError for anything else, a day that does not exist included.
    """
    found = _ADDRESS.fullmatch(text)
    if not found:
        raise ValueError(f"{text!r} is not a meeting's address, like 2017-09-08.")
    return MeetingAddress(date.fromisoformat(found[1]), int(found[2] or 1))


class MeetingAddressConverter:
    """`<meeting:when>`: a MeetingAddress; anything else does not match, so answers 404."""

    regex = _ADDRESS.pattern

    def to_python(self, value: str) -> MeetingAddress:
        return parse_meeting_address(value)

    def to_url(self, value: MeetingAddress | str) -> str:
        return str(value)
