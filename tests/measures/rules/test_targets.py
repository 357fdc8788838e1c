"""Which target a figure meets, and comparator-following targets, with plain values."""

from dataclasses import dataclass
from decimal import Decimal as D

import pytest

from measures.rules.periods import Period
from measures.rules.targets import (
    Comparator,
    describe_band,
    describe_following,
    follow_comparator,
    target_for,
)
from measures.rules.units import Unit


@dataclass(frozen=True)
class T:
    year: int
    quarter: int | None
    value: D | None = None


YEAR_2016, YEAR_2017, Q3_2017 = T(2016, None, D(203)), T(2017, None, D(203)), T(2017, 3, D(200))
TARGETS = [YEAR_2016, YEAR_2017, Q3_2017]


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("2017/18 Q1", YEAR_2017),  # the year it is reported in, whatever it covers
        ("2016/17 Q4", YEAR_2016),
        ("2017/18 Q3", Q3_2017),  # a quarter's own profiled target wins
        ("2018/19 Q1", None),
    ],
)
def test_figure_meets_the_target_of_the_period_it_is_reported_in(period, expected) -> None:
    assert target_for(TARGETS, Period.parse(period)) == expected


def test_comparator_target_resolves_with_its_margins() -> None:
    assert follow_comparator(D(63), D(1), D(2)) == (D(63), D(61), D(64))
    assert follow_comparator(D(28), None, D(1)) == (D(28), D(27), None)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D(63), "In line with England (63%), tolerance +1 / −2."),
        (
            None,
            "In line with England, tolerance +1 / −2: waiting for the comparator's figure "
            "for this period.",
        ),
    ],
)
def test_comparator_target_is_described_with_its_derivation(value, expected) -> None:
    text = describe_following(Comparator.ENGLAND, D(1), D(2), value, Unit.PERCENTAGE, 0)
    assert text == expected


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (D(43), D(47), "43 to 47 per 10,000"),
        (D("78.8"), D("87.5"), "78.8 to 87.5 per 10,000"),
        (None, None, "None: the target itself"),
        (D(43), None, "From 43 per 10,000"),
        (None, D(47), "Up to 47 per 10,000"),
    ],
)
def test_band_is_described_in_the_measures_unit(low, high, expected) -> None:
    assert describe_band(low, high, Unit.RATE_PER_10000, 1) == expected
