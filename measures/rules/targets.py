"""Which target a figure meets, and how a comparator-following target is derived."""

from collections.abc import Sequence
from decimal import Decimal
from typing import Protocol, TypeVar

from django.db.models import TextChoices

from measures.rules.periods import Period
from measures.rules.units import Unit, fewest_places, format_target, plain


class Comparator(TextChoices):
    """An area or group a target may follow ("in line with England")."""

    ENGLAND = "england", "England"
    REGION = "region", "the region"
    STATISTICAL_NEIGHBOURS = "statistical_neighbours", "statistical neighbours"
    CIPFA_NEIGHBOURS = "cipfa_neighbours", "CIPFA nearest neighbours"


# What a target's "follows" field offers: "In line with England" and so on.
FOLLOWING_CHOICES = [(c.value, f"In line with {c.label}") for c in Comparator]


class TargetTerms(Protocol):
    """A target as the rules see it: the year it is for and, optionally, the quarter."""

    year: int
    quarter: int | None


T = TypeVar("T", bound=TargetTerms)


def target_for(targets: Sequence[T], period: Period) -> T | None:
    """The target a figure reported in a period meets: the quarter's own, else the year's.

    A figure meets the target of the financial year it is reported in, whatever it covers.
    """
    year_target = None
    for target in targets:
        if target.year != period.year:
            continue
        if target.quarter == period.quarter:
            return target
        if target.quarter is None:
            year_target = target
    return year_target


def follow_comparator(
    comparator_value: Decimal, margin_above: Decimal | None, margin_below: Decimal | None
) -> tuple[Decimal, Decimal | None, Decimal | None]:
    """The target and band of a target that follows a comparator's value with margins."""
    low = None if margin_below is None else comparator_value - margin_below
    high = None if margin_above is None else comparator_value + margin_above
    return comparator_value, low, high


def describe_band(
    band_low: Decimal | None, band_high: Decimal | None, unit: Unit, decimal_places: int
) -> str:
    """A band in words, e.g. "43 to 47 per 10,000"; a missing end ends at the target."""
    if band_low is None and band_high is None:
        return "None: the target itself"
    if band_low is None:
        return f"Up to {format_target(band_high, unit, decimal_places)}"
    if band_high is None:
        return f"From {format_target(band_low, unit, decimal_places)}"
    low_places = fewest_places(band_low, decimal_places)
    return f"{plain(band_low, low_places)} to {format_target(band_high, unit, decimal_places)}"


def describe_following(
    comparator: Comparator,
    margin_above: Decimal | None,
    margin_below: Decimal | None,
    comparator_value: Decimal | None,
    unit: Unit,
    decimal_places: int,
) -> str:
    """How a comparator-following target is derived, in words."""
    above = (
        ""
        if margin_above is None
        else f"+{format_target(margin_above, Unit.NUMBER, decimal_places)}"
    )
    below = (
        ""
        if margin_below is None
        else f"−{format_target(margin_below, Unit.NUMBER, decimal_places)}"
    )
    margins = " / ".join(part for part in (above, below) if part)
    tolerance = f", tolerance {margins}" if margins else ""
    if comparator_value is None:
        return (
            f"In line with {comparator.label}{tolerance}: "
            "waiting for the comparator's figure for this period."
        )
    return (
        f"In line with {comparator.label} "
        f"({format_target(comparator_value, unit, decimal_places)}){tolerance}."
    )
