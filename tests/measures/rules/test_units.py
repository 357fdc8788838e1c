"""Tests for measure units: computing, checking and showing figures."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from measures.rules.units import (
    Unit,
    agrees_with_fraction,
    as_decimal,
    format_value,
    plain,
    value_from_fraction,
)


@pytest.mark.parametrize(
    ("unit", "label", "suffix", "multiplier", "places"),
    [
        (Unit.COUNT, "Count", "", None, 0),
        (Unit.PERCENTAGE, "Percentage", "%", "100", 1),
        (Unit.RATE_PER_10000, "Rate per 10,000 children under 18", " per 10,000", "10000", 1),
        (
            Unit.RATE_PER_100000,
            "Rate per 100,000 young people aged 10-17",
            " per 100,000",
            "100000",
            1,
        ),
        (Unit.DAYS, "Days", " days", None, 0),
        (Unit.NUMBER, "Number", "", None, 2),
    ],
)
def test_each_unit_describes_itself(
    unit: Unit, label: str, suffix: str, multiplier: str | None, places: int
) -> None:
    assert unit.label == label
    assert unit.suffix == suffix
    assert unit.multiplier == (None if multiplier is None else Decimal(multiplier))
    assert unit.default_decimal_places == places


def test_unit_choices_pair_each_stored_value_with_its_label() -> None:
    assert Unit.choices[0] == ("count", "Count")
    assert [value for value, _ in Unit.choices] == [
        "count",
        "percentage",
        "rate_per_10000",
        "rate_per_100000",
        "days",
        "number",
    ]


@pytest.mark.parametrize(
    ("numerator", "denominator", "unit", "places", "expected"),
    [
        ("39", "44", Unit.PERCENTAGE, 2, "88.64"),
        ("39", "44", Unit.PERCENTAGE, 1, "88.6"),
        ("684", "142200", Unit.RATE_PER_10000, 1, "48.1"),
        ("268", "62181", Unit.RATE_PER_100000, 0, "431"),
        ("750", "2", Unit.DAYS, 0, "375"),
        ("1", "16", Unit.PERCENTAGE, 1, "6.3"),
        ("1", "8", Unit.NUMBER, 2, "0.13"),
        ("3", "20", Unit.NUMBER, 2, "0.15"),
        ("0", "5", Unit.PERCENTAGE, 1, "0.0"),
    ],
)
def test_value_from_fraction_scales_by_the_unit_and_rounds_half_up(
    numerator: str, denominator: str, unit: Unit, places: int, expected: str
) -> None:
    value = value_from_fraction(Decimal(numerator), Decimal(denominator), unit, places)
    assert value == Decimal(expected)
    assert str(value) == expected


def test_value_from_fraction_refuses_a_zero_denominator() -> None:
    with pytest.raises(ValueError, match="denominator of zero"):
        value_from_fraction(Decimal(1), Decimal(0), Unit.PERCENTAGE, 1)


def test_value_from_fraction_refuses_a_float() -> None:
    with pytest.raises(TypeError):
        value_from_fraction(0.15, Decimal(1), Unit.NUMBER, 2)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "numerator", "denominator", "unit", "places", "agrees"),
    [
        ("88.64", "39", "44", Unit.PERCENTAGE, 2, True),
        ("88.636", "39", "44", Unit.PERCENTAGE, 2, True),
        ("88.6", "39", "44", Unit.PERCENTAGE, 1, True),
        ("88.63", "39", "44", Unit.PERCENTAGE, 2, False),
        ("88.6", "39", "44", Unit.PERCENTAGE, 2, False),
        ("89", "39", "44", Unit.PERCENTAGE, 0, True),
        ("48.1", "684", "142200", Unit.RATE_PER_10000, 1, True),
        ("48.7", "684", "142200", Unit.RATE_PER_10000, 1, False),
    ],
)
def test_a_figure_agrees_with_its_fraction_when_both_round_alike(
    value: str, numerator: str, denominator: str, unit: Unit, places: int, agrees: bool
) -> None:
    result = agrees_with_fraction(
        Decimal(value), Decimal(numerator), Decimal(denominator), unit, places
    )
    assert result is agrees


@pytest.mark.parametrize(
    ("value", "unit", "places", "shown"),
    [
        ("48.7", Unit.RATE_PER_10000, 1, "48.7 per 10,000"),
        ("431", Unit.RATE_PER_100000, 0, "431 per 100,000"),
        ("88.64", Unit.PERCENTAGE, 2, "88.64%"),
        ("88.636", Unit.PERCENTAGE, 1, "88.6%"),
        ("1234", Unit.COUNT, 0, "1,234"),
        ("2266", Unit.COUNT, 0, "2,266"),
        ("375", Unit.DAYS, 0, "375 days"),
        ("0.15", Unit.NUMBER, 2, "0.15"),
        ("2.5", Unit.COUNT, 0, "3"),
        ("70", Unit.PERCENTAGE, 1, "70.0%"),
        ("-0.001", Unit.NUMBER, 2, "0.00"),
        ("1234567.891", Unit.NUMBER, 2, "1,234,567.89"),
    ],
)
def test_format_value_shows_a_rounded_figure_with_its_unit(
    value: str, unit: Unit, places: int, shown: str
) -> None:
    assert format_value(Decimal(value), unit, places) == shown


def test_format_value_shows_nothing_for_a_missing_figure() -> None:
    assert format_value(None, Unit.PERCENTAGE, 1) == ""


@pytest.mark.parametrize(
    ("value", "places", "shown"),
    [
        ("0.15", 2, "0.15"),
        ("268", 0, "268"),
        ("88.636", 2, "88.64"),
        ("0.125", 2, "0.13"),
        ("1234567", 0, "1234567"),
        ("1E+3", 0, "1000"),
        ("48.1", 2, "48.10"),
        ("-0.4", 0, "0"),
        ("-2.5", 0, "-3"),
    ],
)
def test_plain_is_a_bare_rounded_number_for_csv(value: str, places: int, shown: str) -> None:
    assert plain(Decimal(value), places) == shown


def test_plain_is_empty_for_a_missing_figure() -> None:
    assert plain(None, 2) == ""


@pytest.mark.parametrize("places", [-1])
def test_negative_decimal_places_are_refused(places: int) -> None:
    with pytest.raises(ValueError, match="decimal places"):
        plain(Decimal("1.5"), places)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("0.15", "0.15"), (7, "7"), (Decimal("88.64"), "88.64"), (" 12.5 ", "12.5")],
)
def test_as_decimal_takes_decimals_ints_and_strings(
    raw: Decimal | int | str, expected: str
) -> None:
    assert as_decimal(raw) == Decimal(expected)


@pytest.mark.parametrize("raw", [0.15, True, None, [1]])
def test_as_decimal_refuses_floats_and_other_types(raw: object) -> None:
    with pytest.raises(TypeError):
        as_decimal(raw)  # type: ignore[arg-type]


@pytest.mark.parametrize("raw", ["abc", "", "NaN", "Infinity", Decimal("NaN")])
def test_as_decimal_refuses_text_that_is_not_a_finite_number(raw: str | Decimal) -> None:
    with pytest.raises(ValueError):
        as_decimal(raw)


units = st.sampled_from(list(Unit))
places = st.integers(0, 4)
numerators = st.integers(0, 1_000_000).map(Decimal)
denominators = st.integers(1, 1_000_000).map(Decimal)


@given(numerators, denominators, units, places)
def test_a_computed_figure_always_agrees_with_its_own_fraction(
    numerator: Decimal, denominator: Decimal, unit: Unit, places: int
) -> None:
    value = value_from_fraction(numerator, denominator, unit, places)
    assert value.as_tuple().exponent == -places
    assert agrees_with_fraction(value, numerator, denominator, unit, places)


@given(numerators, denominators, units, places)
def test_a_figure_one_step_away_never_agrees_with_the_fraction(
    numerator: Decimal, denominator: Decimal, unit: Unit, places: int
) -> None:
    value = value_from_fraction(numerator, denominator, unit, places)
    step = Decimal(1).scaleb(-places)
    assert not agrees_with_fraction(value + step, numerator, denominator, unit, places)
    assert not agrees_with_fraction(value - step, numerator, denominator, unit, places)


@given(numerators, denominators, units, places)
def test_a_computed_figure_is_within_half_a_step_of_the_exact_ratio(
    numerator: Decimal, denominator: Decimal, unit: Unit, places: int
) -> None:
    value = value_from_fraction(numerator, denominator, unit, places)
    exact_scaled = numerator * (unit.multiplier or 1) * 10**places
    # Compare without dividing: |value - n/d * m| <= half a step, scaled up by d.
    assert abs(value * 10**places * denominator - exact_scaled) <= denominator / 2


@given(
    st.decimals(
        allow_nan=False, allow_infinity=False, places=4, max_value=10**9, min_value=-(10**9)
    ),
    places,
)
def test_plain_and_format_value_show_the_same_rounded_figure(value: Decimal, places: int) -> None:
    assert format_value(value, Unit.NUMBER, places).replace(",", "") == plain(value, places)
    assert Decimal(plain(value, places)) == Decimal(plain(Decimal(plain(value, places)), places))
