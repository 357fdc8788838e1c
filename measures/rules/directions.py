"""A direction of travel in words that say what it means for the measure and which way is better."""

from __future__ import annotations

from typing import Any

from measures.rules.rating import Direction, Number, Polarity, measure_polarity
from measures.rules.rating import direction as direction_of
from measures.rules.units import Unit, as_decimal

PREVIOUS = "the previous figure"
LAST_YEAR = "the same quarter last year"

# Units counted in whole things: "more days", "fewer first-time offenders".
_COUNTED = {Unit.COUNT, Unit.DAYS}

# What the figure is when the measure has no noun of its own.
_UNIT_NOUNS: dict[Unit, str] = {
    Unit.COUNT: "figure",
    Unit.NUMBER: "figure",
    Unit.DAYS: "days",
    Unit.PERCENTAGE: "percentage",
    Unit.RATE_PER_10000: "rate per 10,000",
    Unit.RATE_PER_100000: "rate per 100,000",
}

_BETTER: dict[Polarity, str] = {
    Polarity.HIGHER: "higher is better",
    Polarity.LOWER: "lower is better",
}


def _amount(unit: Unit, noun: str, *, up: bool) -> str:
    """ "more first-time offenders", "a lower percentage", "fewer days"."""
    what = noun or _UNIT_NOUNS[unit]
    if unit in _COUNTED and (noun or unit is Unit.DAYS):
        return f"{'more' if up else 'fewer'} {what}"
    return f"{'a higher' if up else 'a lower'} {what}"


def describe_direction(direction: Direction, **facts: Any) -> str:
    """The direction as members read it, e.g. "↓ Worsening: more first-time offenders than
    the previous figure (lower is better)".

    The arrow and word give the verdict (up is better); the rest, from explain_direction
    (which takes the same keywords), says which way the figure moved and which way is better.
    """
    return f"{direction.arrow} {direction.label}: {explain_direction(direction, **facts)}"


def explain_direction(
    direction: Direction,
    *,
    current: Number,
    earlier: Number,
    polarity: Polarity | str,
    unit: Unit | str,
    noun: str = "",
    compared_with: str = PREVIOUS,
) -> str:
    """What a direction means for the measure, e.g. "fewer days to adoption than the previous
    figure (lower is better)".

    A falling figure is never called Improving without saying lower is better: a direction
    that does not fit the figures and polarity is refused. `noun` is what the measure counts,
    plural for a count or days ("first-time offenders", "days to adoption").
    """
    polarity, unit = measure_polarity(polarity), Unit(unit)
    now, before = as_decimal(current), as_decimal(earlier)
    if polarity is not Polarity.TARGET and direction is not direction_of(
        now, before, polarity=polarity
    ):
        raise ValueError(
            f"{direction.label} does not fit a move from {before} to {now} when {_BETTER[polarity]}"
        )
    if now == before:
        return f"the same figure as {compared_with}"
    amount = _amount(unit, noun.strip(), up=now > before)
    if polarity is Polarity.TARGET:
        distance = {
            Direction.IMPROVING: "closer to the target than",
            Direction.WORSENING: "further from the target than",
            Direction.NO_CHANGE: "as far from the target as",
        }[direction]
        return f"{amount}, {distance} {compared_with}"
    return f"{amount} than {compared_with} ({_BETTER[polarity]})"
