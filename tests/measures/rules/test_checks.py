"""The rules a reported figure must meet, checked with plain values."""

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest

from measures.rules.checks import FigureFacts, check_figure, resolved_value
from measures.rules.periods import Period
from measures.rules.units import Unit

Q1 = Period.parse("2017/18 Q1")
LEARNING = FigureFacts(
    reference="LAC-16-17-LEARN",
    unit=Unit.PERCENTAGE,
    decimal_places=2,
    quarterly=True,
    due_quarter=None,
    period=Q1,
)
EXCLUSIONS = replace(LEARNING, reference="PERM-EXCL-RATE", quarterly=False, due_quarter=4)


@pytest.mark.parametrize(
    "facts",
    [
        replace(LEARNING, value=D("88.64"), numerator=D(39), denominator=D(44)),
        replace(LEARNING, numerator=D(39), denominator=D(44)),
        replace(LEARNING, missing_reason="not yet available"),
        replace(LEARNING, value=D(0)),
        replace(LEARNING, value=D(100)),
        replace(LEARNING, value=D(88), covers_from=date(2017, 4, 1), covers_to=date(2017, 6, 30)),
        replace(EXCLUSIONS, period=Period.parse("2016/17 Q4"), value=D("0.18")),
        replace(EXCLUSIONS, period=Period.parse("2016/17 Q2"), due_quarter=2, value=D("0.18")),
    ],
)
def test_sound_figure_has_no_problems(facts: FigureFacts) -> None:
    assert check_figure(facts) == {}


@pytest.mark.parametrize(
    ("facts", "field", "fragment"),
    [
        (replace(LEARNING, value=D(120)), "value", "between 0 and 100"),
        (replace(LEARNING, value=D(-1)), "value", "between 0 and 100"),
        (replace(LEARNING, value=D(50), forecast=D(101)), "forecast", "between 0 and 100"),
        (
            replace(LEARNING, numerator=D(45), denominator=D(44)),
            "numerator",
            "more than the denominator",
        ),
        (
            replace(LEARNING, numerator=D(39)),
            "denominator",
            "both the numerator and the denominator",
        ),
        (replace(LEARNING, numerator=D(1), denominator=D(0)), "denominator", "more than 0"),
        (
            replace(LEARNING, unit=Unit.RATE_PER_10000, numerator=D(10**11), denominator=D("0.5")),
            "numerator",
            "too large to store",
        ),
        (
            replace(LEARNING, value=D("88.63"), numerator=D(39), denominator=D(44)),
            "value",
            "which give 88.64",
        ),
        (LEARNING, "value", "say why the figure is missing"),
        (replace(LEARNING, missing_reason="  ", value=None), "value", "say why"),
        (
            replace(EXCLUSIONS, period=Period.parse("2017/18 Q1"), value=D("0.2")),
            "period",
            "reported once a year, in Q4: 2017/18 Q1 is not its reporting quarter",
        ),
        (
            replace(LEARNING, value=D(88), covers_to=date(2017, 7, 1)),
            "covers_to",
            "ending 1 July 2017, after the quarter it is reported in (2017/18 Q1) ends on "
            "30 June 2017",
        ),
        (
            replace(
                LEARNING, value=D(88), covers_from=date(2017, 6, 1), covers_to=date(2017, 5, 1)
            ),
            "covers_to",
            "must end on or after the day it starts",
        ),
        (
            replace(LEARNING, unit=Unit.DAYS, decimal_places=0, value=D(-3)),
            "value",
            "cannot be negative",
        ),
    ],
)
def test_bad_figure_names_the_field_and_the_problem(
    facts: FigureFacts, field: str, fragment: str
) -> None:
    problems = check_figure(facts)
    assert any(fragment in message for message in problems.get(field, [])), problems


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (replace(LEARNING, numerator=D(39), denominator=D(44)), D("88.64")),
        (replace(LEARNING, value=D("88.64"), numerator=D(39), denominator=D(44)), D("88.64")),
        (
            replace(
                LEARNING,
                unit=Unit.RATE_PER_10000,
                decimal_places=1,
                numerator=D(684),
                denominator=D(142000),
            ),
            D("48.2"),
        ),
        (replace(LEARNING, missing_reason="not yet available"), None),
    ],
)
def test_value_stored_is_given_or_computed_from_the_fraction(facts, expected) -> None:
    assert resolved_value(facts) == expected


def test_a_number_measure_may_be_negative() -> None:
    gap = replace(LEARNING, unit=Unit.NUMBER, decimal_places=0, value=D(-2))
    assert check_figure(gap) == {}
