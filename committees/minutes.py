"""A minute as councils print it: its text, with each RESOLVED decision in its place.

A clerk marks where a decision was taken during the discussion (a motion moved and seconded
to exclude the public, say) by typing RESOLVED on a line of its own in the minute's text.
Each such line takes the next decision in turn; the decisions left print at the end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MARKER = re.compile(r"^[ \t]*(?:\*\*)?RESOLVED(?:\*\*)?[ \t]*$", re.M)


@dataclass(frozen=True)
class MinutePart:
    """Some of the minute's text (Markdown), or a RESOLVED block with its decisions."""

    text: str = ""
    resolved: list[str] = field(default_factory=list)


def marked_places(text: str) -> int:
    """How many places the text marks for a decision."""
    return len(MARKER.findall(text))


def minute_parts(text: str, resolutions: list[str]) -> list[MinutePart]:
    """The minute in print order: text, each marked place's decision, the decisions left."""
    pieces = MARKER.split(text)
    parts: list[MinutePart] = []
    left = list(resolutions)
    for number, piece in enumerate(pieces):
        if number > 0 and left:
            parts.append(MinutePart(resolved=[left.pop(0)]))
        if piece.strip():
            parts.append(MinutePart(text=piece.strip()))
    if left:
        parts.append(MinutePart(resolved=left))
    return parts
