"""Tests for the words of a direction of travel: the verdict, what moved, which way is better."""

import pytest

from measures.rules.directions import LAST_YEAR, PREVIOUS, describe_direction
from measures.rules.rating import Direction, Polarity
from measures.rules.units import Unit

IMPROVING, WORSENING, NO_CHANGE = Direction.IMPROVING, Direction.WORSENING, Direction.NO_CHANGE
HIGHER, LOWER, TARGET = Polarity.HIGHER, Polarity.LOWER, Polarity.TARGET


@pytest.mark.parametrize(
    ("direction", "current", "earlier", "polarity", "unit", "noun", "compared", "words"),
    [
        # The two examples, with the measure's own noun.
        (
            WORSENING, "268", "266", LOWER, Unit.COUNT, "first-time offenders", PREVIOUS,
            "↓ Worsening: more first-time offenders than the previous figure (lower is better)",
        ),
        (
            IMPROVING, "486", "517", LOWER, Unit.DAYS, "days to adoption", PREVIOUS,
            "↑ Improving: fewer days to adoption than the previous figure (lower is better)",
        ),
        # Without a noun the unit says what moved.
        (
            IMPROVING, "486", "517", LOWER, Unit.DAYS, "", LAST_YEAR,
            "↑ Improving: fewer days than the same quarter last year (lower is better)",
        ),
        (
            IMPROVING, "0.30", "0.35", LOWER, Unit.PERCENTAGE, "", PREVIOUS,
            "↑ Improving: a lower percentage than the previous figure (lower is better)",
        ),
        (
            WORSENING, "0.60", "0.72", HIGHER, Unit.PERCENTAGE, "", PREVIOUS,
            "↓ Worsening: a lower percentage than the previous figure (higher is better)",
        ),
        (
            IMPROVING, "12", "10", HIGHER, Unit.COUNT, "", PREVIOUS,
            "↑ Improving: a higher figure than the previous figure (higher is better)",
        ),
        (
            WORSENING, "0.9", "0.7", LOWER, Unit.NUMBER, "", PREVIOUS,
            "↓ Worsening: a higher figure than the previous figure (lower is better)",
        ),
        # A percentage or rate with a noun: "a higher re-offending rate", not "more".
        (
            WORSENING, "0.40", "0.35", LOWER, Unit.PERCENTAGE, "re-offending rate", PREVIOUS,
            "↓ Worsening: a higher re-offending rate than the previous figure (lower is better)",
        ),
        # On target is best: the words say closer or further, whichever way the figure moved.
        (
            WORSENING, "0.00523", "0.00515", TARGET, Unit.RATE_PER_10000, "", PREVIOUS,
            "↓ Worsening: a higher rate per 10,000, further from the target than "
            "the previous figure",
        ),
        (
            IMPROVING, "580", "600", TARGET, Unit.COUNT, "children on a plan", LAST_YEAR,
            "↑ Improving: fewer children on a plan, closer to the target than "
            "the same quarter last year",
        ),
        (
            NO_CHANGE, "90", "110", TARGET, Unit.COUNT, "children on a plan", PREVIOUS,
            "→ No change: fewer children on a plan, as far from the target as "
            "the previous figure",
        ),
        # The same figure.
        (
            NO_CHANGE, "266", "266", LOWER, Unit.COUNT, "first-time offenders", PREVIOUS,
            "→ No change: the same figure as the previous figure",
        ),
    ],
)  # fmt: skip
def test_a_direction_says_what_moved_and_which_way_is_better(
    direction, current, earlier, polarity, unit, noun, compared, words
) -> None:
    assert (
        describe_direction(
            direction,
            current=current,
            earlier=earlier,
            polarity=polarity,
            unit=unit,
            noun=noun,
            compared_with=compared,
        )
        == words
    )


@pytest.mark.parametrize(
    ("direction", "current", "earlier", "polarity"),
    [
        (IMPROVING, "10", "12", HIGHER),  # a fall is never Improving when higher is better
        (IMPROVING, "12", "10", LOWER),
        (WORSENING, "10", "12", LOWER),
        (NO_CHANGE, "10", "12", LOWER),
    ],
)
def test_a_direction_that_does_not_fit_the_figures_is_refused(
    direction, current, earlier, polarity
) -> None:
    with pytest.raises(ValueError, match="does not fit"):
        describe_direction(
            direction, current=current, earlier=earlier, polarity=polarity, unit=Unit.COUNT
        )


def test_a_measure_needs_a_way_to_be_better() -> None:
    with pytest.raises(ValueError, match="higher, lower or target"):
        describe_direction(
            IMPROVING, current="1", earlier="2", polarity=Polarity.NONE, unit=Unit.COUNT
        )
