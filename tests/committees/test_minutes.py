"""A minute's RESOLVED decisions in their place (committees/minutes.py)."""

from __future__ import annotations

import pytest

from committees.minutes import MinutePart, marked_places, minute_parts

EXCLUDE = "That the public and press be excluded."
RECEIVE = "That the report be received."


@pytest.mark.parametrize(
    ("text", "resolutions", "parts"),
    [
        # No place marked: the decisions print after the text, as one RESOLVED.
        (
            "Discussion.",
            [EXCLUDE, RECEIVE],
            [MinutePart(text="Discussion."), MinutePart(resolved=[EXCLUDE, RECEIVE])],
        ),
        # The seed's minute 15: the motion moved and seconded prints where it was taken.
        (
            "It was moved, seconded and\n\nRESOLVED\n\nThe Chairman invited questions.",
            [EXCLUDE, RECEIVE],
            [
                MinutePart(text="It was moved, seconded and"),
                MinutePart(resolved=[EXCLUDE]),
                MinutePart(text="The Chairman invited questions."),
                MinutePart(resolved=[RECEIVE]),
            ],
        ),
        # Every decision placed: nothing left to print at the end.
        (
            "Moved and seconded.\n\n**RESOLVED**\n",
            [EXCLUDE],
            [MinutePart(text="Moved and seconded."), MinutePart(resolved=[EXCLUDE])],
        ),
        # A minute that is only its decision (the previous minutes confirmed).
        ("", [RECEIVE], [MinutePart(resolved=[RECEIVE])]),
        # "RESOLVED" inside a sentence is the text's own word, not a place.
        (
            "It was RESOLVED earlier.",
            [],
            [MinutePart(text="It was RESOLVED earlier.")],
        ),
        ("Noted.", [], [MinutePart(text="Noted.")]),
    ],
)
def test_each_marked_place_takes_the_next_decision(
    text: str, resolutions: list[str], parts: list[MinutePart]
) -> None:
    assert minute_parts(text, resolutions) == parts


@pytest.mark.parametrize(
    ("text", "places"),
    [("a\n\nRESOLVED\n\nb\n\nRESOLVED", 2), ("It was RESOLVED", 0), ("  RESOLVED  ", 1)],
)
def test_marked_places_counts_lines_that_are_only_resolved(text: str, places: int) -> None:
    assert marked_places(text) == places
