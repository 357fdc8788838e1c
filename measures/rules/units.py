"""Units a measure is expressed in, and how figures in them are computed, checked and shown."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

from django.db.models import TextChoices

# Enough digits that a rate computed from large counts is exact to any sensible number of places.
_PRECISION = 60


class Unit(TextChoices):
    """The unit a measure's figures, targets and bands are written in."""

    COUNT = "count", "Count"
    PERCENTAGE = "percentage", "Percentage"
    RATE_PER_10000 = "rate_per_10000", "Rate per 10,000 children under 18"
    RATE_PER_100000 = "rate_per_100000", "Rate per 100,000 young people aged 10-17"
    DAYS = "days", "Days"
    NUMBER = "number", "Number"

    @property
    def suffix(self) -> str:
        return _SUFFIXES[self]

    @property
    def multiplier(self) -> Decimal | None:
        return _MULTIPLIERS.get(self)

    @property
    def default_decimal_places(self) -> int:
        return _DEFAULT_DECIMAL_PLACES[self]


_SUFFIXES: dict[Unit, str] = {
    Unit.COUNT: "",
    Unit.PERCENTAGE: "%",
    Unit.RATE_PER_10000: " per 10,000",
    Unit.RATE_PER_100000: " per 100,000",
    Unit.DAYS: " days",
    Unit.NUMBER: "",
}

_MULTIPLIERS: dict[Unit, Decimal] = {
    Unit.PERCENTAGE: Decimal(100),
    Unit.RATE_PER_10000: Decimal(10000),
    Unit.RATE_PER_100000: Decimal(100000),
}

_DEFAULT_DECIMAL_PLACES: dict[Unit, int] = {
    Unit.COUNT: 0,
    Unit.PERCENTAGE: 1,
    Unit.RATE_PER_10000: 1,
    Unit.RATE_PER_100000: 1,
    Unit.DAYS: 0,
    Unit.NUMBER: 2,
}


def as_decimal(value: Decimal | int | str) -> Decimal:
    """A finite Decimal from a Decimal, int or numeric string; floats are refused."""
    # A float has already lost the figure (0.15 is really 0.1499999...), so refuse it outright.
    if isinstance(value, float | bool) or not isinstance(value, Decimal | int | str):
        raise TypeError(
            f"figures must be Decimal, int or str, not {type(value).__name__} ({value!r})"
        )
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a number") from None
    if not number.is_finite():
        raise ValueError(f"{value!r} is not a finite number")
    return number


def _round(value: Decimal, decimal_places: int) -> Decimal:
    if not isinstance(decimal_places, int) or decimal_places < 0:
        raise ValueError(
            f"decimal places must be a whole number of at least 0, not {decimal_places!r}"
        )
    with localcontext() as context:
        context.prec = max(_PRECISION, value.adjusted() + decimal_places + 2)
        rounded = value.quantize(Decimal(1).scaleb(-decimal_places), rounding=ROUND_HALF_UP)
    # Never show "-0.0": a figure that rounds to nothing has no sign.
    return rounded.copy_abs() if rounded.is_zero() else rounded


def value_from_fraction(
    numerator: Decimal, denominator: Decimal, unit: Unit, decimal_places: int
) -> Decimal:
    """numerator / denominator in the unit (x100 for a percentage, and so on), rounded half up."""
    top = as_decimal(numerator)
    bottom = as_decimal(denominator)
    if bottom.is_zero():
        raise ValueError("cannot work out a figure from a denominator of zero")
    multiplier = Unit(unit).multiplier
    with localcontext() as context:
        context.prec = _PRECISION
        value = top / bottom
        if multiplier is not None:
            value *= multiplier
    return _round(value, decimal_places)


def agrees_with_fraction(
    value: Decimal,
    numerator: Decimal,
    denominator: Decimal,
    unit: Unit,
    decimal_places: int,
) -> bool:
    """Whether a figure matches its numerator and denominator once both are rounded alike."""
    computed = value_from_fraction(numerator, denominator, unit, decimal_places)
    return _round(as_decimal(value), decimal_places) == computed


def format_value(value: Decimal | None, unit: Unit, decimal_places: int) -> str:
    """A figure for people to read: rounded, with thousands separators and the unit's suffix."""
    if value is None:
        return ""
    rounded = _round(as_decimal(value), decimal_places)
    return f"{rounded:,.{decimal_places}f}{Unit(unit).suffix}"


def plain(value: Decimal | None, decimal_places: int) -> str:
    """A bare figure for machines (CSV): rounded, no separators, no unit."""
    if value is None:
        return ""
    rounded = _round(as_decimal(value), decimal_places)
    return f"{rounded:.{decimal_places}f}"


def fewest_places(value: Decimal, decimal_places: int) -> int:
    """The fewest decimal places, up to the measure's, that show a value exactly (45 not 45.0)."""
    exponent = _round(as_decimal(value), decimal_places).normalize().as_tuple().exponent
    return min(decimal_places, max(0, -int(exponent)))


def format_target(value: Decimal | None, unit: Unit, decimal_places: int) -> str:
    """A target or band end as the papers write it: "45 per 10,000", "0.15%", "78.8%"."""
    if value is None:
        return ""
    return format_value(value, unit, fewest_places(value, decimal_places))
