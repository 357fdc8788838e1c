"""The rules a reported figure must meet, as pure functions returning messages per field."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from measures.rules.periods import Period
from measures.rules.units import (
    Unit,
    agrees_with_fraction,
    fewest_places,
    plain,
    value_from_fraction,
)

Errors = dict[str, list[str]]
# Figures are stored with 16 digits, 4 of them after the point.
LARGEST_STORED = Decimal(10) ** 12


@dataclass(frozen=True)
class FigureFacts:
    """What a check needs to know about a measure and the figure entered for it."""

    reference: str
    unit: Unit
    decimal_places: int
    quarterly: bool
    due_quarter: int | None
    period: Period
    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    forecast: Decimal | None = None
    covers_from: date | None = None
    covers_to: date | None = None
    missing_reason: str = ""


def _show(number: Decimal) -> str:
    """A number as typed: 50, not 50.0000."""
    return plain(number, fewest_places(number, 4))


def _add(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def check_figure(facts: FigureFacts) -> Errors:
    """Every problem with a figure, keyed by the field to correct; empty when it is sound."""
    errors: Errors = {}
    period, unit, dp = facts.period, facts.unit, facts.decimal_places

    if not facts.quarterly:
        due = facts.due_quarter or 4
        if period.quarter != due:
            _add(
                errors,
                "period",
                f"{facts.reference} is reported once a year, in Q{due}: "
                f"{period.label} is not its reporting quarter.",
            )

    has_fraction = facts.numerator is not None and facts.denominator is not None
    if (facts.numerator is None) != (facts.denominator is None):
        field = "denominator" if facts.denominator is None else "numerator"
        _add(errors, field, "Give both the numerator and the denominator, or neither.")
    no_fraction = facts.numerator is None and facts.denominator is None
    if facts.value is None and no_fraction and not facts.missing_reason.strip():
        _add(
            errors,
            "value",
            "Enter a value, or a numerator and denominator, or say why the figure is missing "
            "(for example “not yet available”).",
        )

    if has_fraction:
        assert facts.numerator is not None and facts.denominator is not None
        if facts.denominator <= 0:
            _add(errors, "denominator", "The denominator must be more than 0.")
        elif facts.numerator < 0:
            _add(errors, "numerator", "The numerator cannot be negative.")
        elif unit is Unit.PERCENTAGE and facts.numerator > facts.denominator:
            _add(
                errors,
                "numerator",
                f"The numerator ({_show(facts.numerator)}) is more than the denominator "
                f"({_show(facts.denominator)}): a percentage cannot be over 100.",
            )
        elif (
            facts.value is None
            and abs(value_from_fraction(facts.numerator, facts.denominator, unit, dp))
            >= LARGEST_STORED
        ):
            _add(
                errors,
                "numerator",
                "The numerator and denominator give a figure too large to store "
                f"(a figure must be under {LARGEST_STORED:,}): check them.",
            )
        elif facts.value is not None and not agrees_with_fraction(
            facts.value, facts.numerator, facts.denominator, unit, dp
        ):
            computed = value_from_fraction(facts.numerator, facts.denominator, unit, dp)
            _add(
                errors,
                "value",
                f"The value {plain(facts.value, dp)} does not agree with the numerator and "
                f"denominator, which give {plain(computed, dp)}.",
            )

    if unit is Unit.PERCENTAGE:
        for field, figure in (("value", facts.value), ("forecast", facts.forecast)):
            if figure is not None and not Decimal(0) <= figure <= Decimal(100):
                _add(
                    errors,
                    field,
                    f"A percentage must be between 0 and 100: {plain(figure, dp)} is not.",
                )
    elif unit is not Unit.NUMBER:
        for field, figure in (("value", facts.value), ("forecast", facts.forecast)):
            if figure is not None and figure < 0:
                _add(errors, field, f"A {unit.label.lower()} cannot be negative.")

    if facts.covers_from and facts.covers_to and facts.covers_from > facts.covers_to:
        _add(errors, "covers_to", "The covered period must end on or after the day it starts.")
    if facts.covers_to and facts.covers_to > period.end:
        _add(
            errors,
            "covers_to",
            f"The figure covers a period ending {facts.covers_to:%-d %B %Y}, after the quarter "
            f"it is reported in ({period.label}) ends on {period.end:%-d %B %Y}.",
        )
    return errors


def resolved_value(facts: FigureFacts) -> Decimal | None:
    """The value to store: as given, or computed from the numerator and denominator."""
    if facts.value is not None:
        return facts.value
    if facts.numerator is not None and facts.denominator is not None and facts.denominator > 0:
        return value_from_fraction(
            facts.numerator, facts.denominator, facts.unit, facts.decimal_places
        )
    return None
