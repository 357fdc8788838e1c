"""Tests for RAG status, rating schemes and direction of travel."""

from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from measures.rules.rating import (
    BENCHMARK_POLARITIES,
    MEASURE_POLARITIES,
    Direction,
    Polarity,
    Scheme,
    Status,
    arrow_for,
    band_contains_target,
    direction,
    is_due,
    measure_polarity,
    rate,
    resolve_band,
)

HIGHER, LOWER, TARGET, NONE = Polarity.HIGHER, Polarity.LOWER, Polarity.TARGET, Polarity.NONE
ACHIEVED, AMBER, NOT_ACHIEVED = Status.ACHIEVED, Status.WITHIN_TOLERANCE, Status.NOT_ACHIEVED
EXCEEDED, NO_DATA, NOT_RATED = Status.EXCEEDED, Status.NO_DATA, Status.NOT_RATED
IMPROVING, WORSENING, NO_CHANGE = Direction.IMPROVING, Direction.WORSENING, Direction.NO_CHANGE


def dec(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


# DOMAIN.md, "The demo figures, resolved": every figure with the band of the year it is reported in.
DEMO_FIGURES = [
    # measure, reported in: value, target, band low, band high, polarity, status
    ("first time entrants 2016/17 Q2", "265", "203", None, None, LOWER, NOT_ACHIEVED),
    ("first time entrants 2016/17 Q4", "266", "203", None, None, LOWER, NOT_ACHIEVED),
    ("first time entrants 2017/18 Q1", "268", "203", "183", "223", LOWER, NOT_ACHIEVED),
    ("re-offending 2016/17 Q4", "32.9", "34.8", None, None, LOWER, ACHIEVED),
    ("re-offending 2017/18 Q1", "32.6", "34.8", None, None, LOWER, ACHIEVED),
    ("looked after children 2016/17 Q4", "48.1", "45", "43", "47", TARGET, NOT_ACHIEVED),
    ("looked after children 2017/18 Q1", "48.7", "45", "43", "47", TARGET, NOT_ACHIEVED),
    ("child protection plans 2016/17 Q2", "322", "340", "310", "370", TARGET, ACHIEVED),
    ("child protection plans 2016/17 Q3", "354", "340", "310", "370", TARGET, ACHIEVED),
    ("child protection plans 2016/17 Q4", "374", "340", "310", "370", TARGET, NOT_ACHIEVED),
    ("child protection plans 2017/18 Q1", "363", "340", "320", "380", TARGET, ACHIEVED),
    ("days to adoptive family 2016/17 Q4", "379", "430", "430", "520", LOWER, ACHIEVED),
    ("days to adoptive family 2017/18 Q1", "375", "430", "430", "520", LOWER, ACHIEVED),
    ("days to match 2016/17 Q4", "174", "200", "190", "210", LOWER, ACHIEVED),
    ("days to match 2017/18 Q1", "167", "200", "190", "210", LOWER, ACHIEVED),
    ("16-17 participating 2017/18 Q1", "88.64", "87", "82", "89", HIGHER, ACHIEVED),
    ("care leavers accommodated 2016/17 Q4", "93.3", "90", "86", "98", HIGHER, ACHIEVED),
    ("care leavers accommodated 2017/18 Q1", None, "92", "88", "100", HIGHER, NO_DATA),
    ("16-18 participating 2016/17", "77.94", "85", "78.8", "87.5", HIGHER, NOT_ACHIEVED),
    ("good level of development 2016/17", "70.5", "70", "65", "70", HIGHER, ACHIEVED),
    ("closing the gap EYFSP 2016/17", "29", "25", "24", "28", LOWER, NOT_ACHIEVED),
    ("English and maths KS4 2016/17", "62", "63", "61", "64", HIGHER, AMBER),
    ("disadvantaged gap KS4 2016/17", "32", "28", "27", "31", LOWER, NOT_ACHIEVED),
    ("permanent exclusions 2016/17", "0.18", "0.15", "0.13", "0.15", LOWER, NOT_ACHIEVED),
    ("victim engagement 2016/17", "63.6", "25", None, None, HIGHER, ACHIEVED),
]


@pytest.mark.parametrize(
    ("value", "target", "band_low", "band_high", "polarity", "expected"),
    [pytest.param(*row[1:], id=row[0]) for row in DEMO_FIGURES],
)
def test_every_demo_figure_gets_the_status_domain_gives_it(
    value: str | None,
    target: str,
    band_low: str | None,
    band_high: str | None,
    polarity: Polarity,
    expected: Status,
) -> None:
    status = rate(dec(value), dec(target), dec(band_low), dec(band_high), polarity=polarity)
    assert status is expected


@pytest.mark.parametrize(
    ("value", "target", "band_low", "band_high", "polarity", "expected"),
    [pytest.param(*row[1:], id=row[0]) for row in DEMO_FIGURES],
)
def test_demo_figures_rate_the_same_when_given_as_strings(
    value: str | None,
    target: str,
    band_low: str | None,
    band_high: str | None,
    polarity: Polarity,
    expected: Status,
) -> None:
    assert rate(value, target, band_low, band_high, polarity=polarity.value) is expected


@pytest.mark.parametrize(
    ("current", "previous", "polarity", "target", "expected", "arrow"),
    [
        pytest.param("268", "266", LOWER, "203", WORSENING, "▲", id="first time entrants"),
        pytest.param("32.6", "32.9", LOWER, "34.8", IMPROVING, "▼", id="re-offending"),
        pytest.param("48.7", "48.1", TARGET, "45", WORSENING, "▲", id="looked after children"),
        pytest.param("363", "374", TARGET, "340", IMPROVING, "▼", id="child protection plans"),
        pytest.param("375", "379", LOWER, "430", IMPROVING, "▼", id="days to adoptive family"),
        pytest.param("167", "174", LOWER, "200", IMPROVING, "▼", id="days to match"),
        pytest.param("88.64", None, HIGHER, "87", None, "", id="16-17 participating"),
        pytest.param(None, "93.3", HIGHER, "92", None, "", id="care leavers accommodated"),
    ],
)
def test_every_demo_figure_moves_in_the_direction_domain_gives_it(
    current: str | None,
    previous: str | None,
    polarity: Polarity,
    target: str,
    expected: Direction | None,
    arrow: str,
) -> None:
    travel = direction(dec(current), dec(previous), polarity=polarity, target=dec(target))
    assert travel is expected
    assert arrow_for(travel, dec(current), dec(previous)) == arrow


@pytest.mark.parametrize(
    ("value", "polarity", "expected"),
    [
        # higher is better, target 87, band 82-89
        ("87", HIGHER, ACHIEVED),
        ("86.99", HIGHER, AMBER),
        ("82", HIGHER, AMBER),
        ("81.99", HIGHER, NOT_ACHIEVED),
        ("89", HIGHER, ACHIEVED),
        ("89.01", HIGHER, ACHIEVED),
        # lower is better, same target and band
        ("87", LOWER, ACHIEVED),
        ("87.01", LOWER, AMBER),
        ("89", LOWER, AMBER),
        ("89.01", LOWER, NOT_ACHIEVED),
        ("82", LOWER, ACHIEVED),
        ("81.99", LOWER, ACHIEVED),
        # on target is best, same target and band
        ("87", TARGET, ACHIEVED),
        ("82", TARGET, ACHIEVED),
        ("81.99", TARGET, NOT_ACHIEVED),
        ("89", TARGET, ACHIEVED),
        ("89.01", TARGET, NOT_ACHIEVED),
    ],
)
def test_band_edges_count_as_shown_in_the_domain_table(
    value: str, polarity: Polarity, expected: Status
) -> None:
    assert (
        rate(Decimal(value), Decimal(87), Decimal(82), Decimal(89), polarity=polarity) is expected
    )


@pytest.mark.parametrize(
    ("value", "polarity", "expected"),
    [
        ("203", LOWER, ACHIEVED),
        ("203.1", LOWER, NOT_ACHIEVED),
        ("202.9", LOWER, ACHIEVED),
        ("203", HIGHER, ACHIEVED),
        ("202.9", HIGHER, NOT_ACHIEVED),
        ("203", TARGET, ACHIEVED),
        ("203.1", TARGET, NOT_ACHIEVED),
        ("202.9", TARGET, NOT_ACHIEVED),
    ],
)
def test_a_target_without_a_band_has_no_amber(
    value: str, polarity: Polarity, expected: Status
) -> None:
    assert rate(Decimal(value), Decimal(203), polarity=polarity) is expected


@pytest.mark.parametrize(
    ("value", "band_low", "band_high", "polarity", "expected"),
    [
        ("86.99", None, "89", HIGHER, NOT_ACHIEVED),
        ("90", None, "89", HIGHER, ACHIEVED),
        ("82", "82", None, HIGHER, AMBER),
        ("87.01", "82", None, LOWER, NOT_ACHIEVED),
        ("81", "82", None, LOWER, ACHIEVED),
        ("89", None, "89", LOWER, AMBER),
        ("86", "82", None, TARGET, ACHIEVED),
        ("87.01", "82", None, TARGET, NOT_ACHIEVED),
        ("88", None, "89", TARGET, ACHIEVED),
        ("86.99", None, "89", TARGET, NOT_ACHIEVED),
    ],
)
def test_a_missing_band_end_ends_at_the_target(
    value: str, band_low: str | None, band_high: str | None, polarity: Polarity, expected: Status
) -> None:
    status = rate(Decimal(value), Decimal(87), dec(band_low), dec(band_high), polarity=polarity)
    assert status is expected


@pytest.mark.parametrize(
    ("value", "target", "band_low", "band_high", "polarity", "expected"),
    [
        # strictly beyond the better end of the band
        ("98.1", "90", "86", "98", HIGHER, EXCEEDED),
        ("98", "90", "86", "98", HIGHER, ACHIEVED),
        ("189.99", "200", "190", "210", LOWER, EXCEEDED),
        ("190", "200", "190", "210", LOWER, ACHIEVED),
        ("167", "200", "190", "210", LOWER, EXCEEDED),
        # no band beyond the target on the better side, so never exceeded
        ("375", "430", "430", "520", LOWER, ACHIEVED),
        ("70.5", "70", "65", "70", HIGHER, ACHIEVED),
        ("63.6", "25", None, None, HIGHER, ACHIEVED),
        # never for on target is best
        ("42", "45", "43", "47", TARGET, NOT_ACHIEVED),
        ("45", "45", "43", "47", TARGET, ACHIEVED),
        # the rest of the table is as the default
        ("62", "63", "61", "64", HIGHER, AMBER),
        ("77.94", "85", "78.8", "87.5", HIGHER, NOT_ACHIEVED),
        ("0.18", "0.15", "0.13", "0.15", LOWER, NOT_ACHIEVED),
        (None, "92", "88", "100", HIGHER, NO_DATA),
        ("92", None, "88", "100", HIGHER, NOT_RATED),
    ],
)
def test_exceeded_scheme_marks_figures_beyond_the_better_end_of_the_band(
    value: str | None,
    target: str | None,
    band_low: str | None,
    band_high: str | None,
    polarity: Polarity,
    expected: Status,
) -> None:
    status = rate(
        dec(value),
        dec(target),
        dec(band_low),
        dec(band_high),
        polarity=polarity,
        scheme=Scheme.EXCEEDED,
    )
    assert status is expected


@pytest.mark.parametrize(
    ("value", "target", "band_low", "band_high", "polarity", "expected"),
    [
        ("62", "63", "61", "64", HIGHER, ACHIEVED),
        ("61", "63", "61", "64", HIGHER, ACHIEVED),
        ("60.9", "63", "61", "64", HIGHER, NOT_ACHIEVED),
        ("210", "200", "190", "210", LOWER, ACHIEVED),
        ("210.1", "200", "190", "210", LOWER, NOT_ACHIEVED),
        ("0.18", "0.15", "0.13", "0.15", LOWER, NOT_ACHIEVED),
        ("48.7", "45", "43", "47", TARGET, NOT_ACHIEVED),
        ("363", "340", "320", "380", TARGET, ACHIEVED),
        ("99", "90", "86", "98", HIGHER, ACHIEVED),
    ],
)
def test_tolerance_achieved_scheme_counts_within_tolerance_as_achieved(
    value: str,
    target: str,
    band_low: str | None,
    band_high: str | None,
    polarity: Polarity,
    expected: Status,
) -> None:
    status = rate(
        dec(value),
        dec(target),
        dec(band_low),
        dec(band_high),
        polarity=polarity,
        scheme=Scheme.TOLERANCE_ACHIEVED,
    )
    assert status is expected


@pytest.mark.parametrize("scheme", list(Scheme))
@pytest.mark.parametrize("polarity", MEASURE_POLARITIES)
@pytest.mark.parametrize(
    ("value", "expected"), [("48.7", NOT_RATED), (None, NOT_RATED)], ids=["figure", "no figure"]
)
def test_no_target_is_not_rated_whether_or_not_there_is_a_figure(
    value: str | None, expected: Status, polarity: Polarity, scheme: Scheme
) -> None:
    assert rate(dec(value), None, polarity=polarity, scheme=scheme) is expected


@pytest.mark.parametrize("scheme", list(Scheme))
@pytest.mark.parametrize("polarity", MEASURE_POLARITIES)
def test_a_target_without_a_figure_is_no_data(polarity: Polarity, scheme: Scheme) -> None:
    status = rate(None, Decimal(45), Decimal(43), Decimal(47), polarity=polarity, scheme=scheme)
    assert status is NO_DATA


@pytest.mark.parametrize(
    ("value", "target", "band_low", "band_high"),
    [
        (0.18, "0.15", "0.13", "0.15"),
        ("0.18", 0.15, "0.13", "0.15"),
        ("0.18", "0.15", 0.13, "0.15"),
        ("0.18", "0.15", "0.13", 0.15),
        (0.18, None, None, None),
    ],
)
def test_a_float_anywhere_is_refused(
    value: object, target: object, band_low: object, band_high: object
) -> None:
    with pytest.raises(TypeError, match="float"):
        rate(value, target, band_low, band_high, polarity=LOWER)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "target", "polarity", "expected"),
    [
        (1, 1, HIGHER, ACHIEVED),
        (0, "0.0", TARGET, ACHIEVED),
        ("0.15", "0.15", LOWER, ACHIEVED),
        ("0.1500", Decimal("0.15"), TARGET, ACHIEVED),
        (Decimal("0.16"), "0.15", LOWER, NOT_ACHIEVED),
        (" 0.14 ", 1, LOWER, ACHIEVED),
    ],
)
def test_ints_and_strings_are_read_as_exact_decimals(
    value: int | str | Decimal, target: int | str | Decimal, polarity: Polarity, expected: Status
) -> None:
    assert rate(value, target, polarity=polarity) is expected


@pytest.mark.parametrize(
    ("target", "band_low", "band_high", "resolved"),
    [
        ("203", None, None, ("203", "203")),
        ("203", "183", "223", ("183", "223")),
        ("430", "430", "520", ("430", "520")),
        ("25", None, "28", ("25", "28")),
        ("25", "24", None, ("24", "25")),
    ],
)
def test_resolve_band_ends_a_missing_side_at_the_target(
    target: str, band_low: str | None, band_high: str | None, resolved: tuple[str, str]
) -> None:
    expected = (Decimal(resolved[0]), Decimal(resolved[1]))
    assert resolve_band(Decimal(target), dec(band_low), dec(band_high)) == expected


@pytest.mark.parametrize(
    ("target", "band_low", "band_high", "contains"),
    [
        ("340", "320", "380", True),
        ("340", "340", "340", True),
        ("340", None, None, True),
        ("340", None, "380", True),
        ("340", "320", None, True),
        ("25", "28", "24", False),
        ("340", "341", "380", False),
        ("340", "320", "339", False),
        ("340", None, "339", False),
        ("340", "341", None, False),
    ],
)
def test_band_contains_target_checks_both_given_ends(
    target: str, band_low: str | None, band_high: str | None, contains: bool
) -> None:
    assert band_contains_target(Decimal(target), dec(band_low), dec(band_high)) is contains


@pytest.mark.parametrize(("band_low", "band_high"), [("341", "380"), ("320", "339"), ("28", "24")])
def test_rating_against_a_band_that_excludes_its_target_is_refused(
    band_low: str, band_high: str
) -> None:
    with pytest.raises(ValueError, match="does not contain its target"):
        rate(Decimal(340), Decimal(340), Decimal(band_low), Decimal(band_high), polarity=HIGHER)


@pytest.mark.parametrize(
    ("current", "previous", "polarity", "target", "expected"),
    [
        ("5", "4", HIGHER, None, IMPROVING),
        ("4", "5", HIGHER, None, WORSENING),
        ("4", "4", HIGHER, None, NO_CHANGE),
        ("5", "4", LOWER, None, WORSENING),
        ("4", "5", LOWER, None, IMPROVING),
        ("4.0", "4", LOWER, None, NO_CHANGE),
        ("338", "342", TARGET, "340", NO_CHANGE),
        ("341", "338", TARGET, "340", IMPROVING),
        ("300", "380", TARGET, "340", NO_CHANGE),
        ("299", "380", TARGET, "340", WORSENING),
        ("45", "45", TARGET, None, None),
        ("48.7", None, HIGHER, None, None),
        (None, "48.7", LOWER, None, None),
    ],
)
def test_direction_is_judged_by_polarity(
    current: str | None,
    previous: str | None,
    polarity: Polarity,
    target: str | None,
    expected: Direction | None,
) -> None:
    travel = direction(dec(current), dec(previous), polarity=polarity, target=dec(target))
    assert travel is expected


@pytest.mark.parametrize(
    ("direction_", "current", "previous", "arrow"),
    [
        (IMPROVING, "5", "4", "▲"),
        (IMPROVING, "4", "5", "▼"),
        (NO_CHANGE, "338", "342", "▼"),
        (NO_CHANGE, "4", "4", "▶"),
        (None, "4", "5", ""),
        (WORSENING, None, "5", ""),
    ],
)
def test_arrow_for_shows_how_the_figure_itself_moved(
    direction_: Direction | None, current: str | None, previous: str | None, arrow: str
) -> None:
    assert arrow_for(direction_, dec(current), dec(previous)) == arrow


@pytest.mark.parametrize(
    ("quarterly", "due_quarter", "period_quarter", "has_target", "due"),
    [
        (True, None, 1, True, True),
        (True, None, 4, True, True),
        (True, 4, 2, True, True),
        (True, None, 1, False, False),
        (False, None, 4, True, True),
        (False, None, 1, True, False),
        (False, 4, 3, True, False),
        (False, 2, 2, True, True),
        (False, 2, 4, True, False),
        (False, None, 4, False, False),
    ],
)
def test_a_measure_is_due_each_quarter_or_once_a_year_when_it_has_a_target(
    quarterly: bool, due_quarter: int | None, period_quarter: int, has_target: bool, due: bool
) -> None:
    result = is_due(
        quarterly=quarterly,
        due_quarter=due_quarter,
        period_quarter=period_quarter,
        has_target_for_year=has_target,
    )
    assert result is due


@pytest.mark.parametrize(
    ("quarterly", "due_quarter", "period_quarter", "has_target", "has_figure", "due"),
    [
        # No target but a figure reported in the quarter: in the report, as Not rated.
        (True, None, 1, False, True, True),
        (False, None, 4, False, True, True),
        (False, 2, 2, False, True, True),
        # No target and no figure: nothing to report.
        (True, None, 1, False, False, False),
        (False, None, 4, False, False, False),
        # A target makes a figure due whether or not it has come (No data until it does).
        (True, None, 2, True, False, True),
        (True, None, 2, True, True, True),
        (False, None, 4, True, False, True),
        # A figure reported out of the measure's quarter is still in that quarter's report.
        (False, None, 2, True, True, True),
        (False, None, 2, True, False, False),
    ],
)
def test_a_measure_with_a_figure_in_the_quarter_is_in_its_report_target_or_not(
    quarterly: bool,
    due_quarter: int | None,
    period_quarter: int,
    has_target: bool,
    has_figure: bool,
    due: bool,
) -> None:
    result = is_due(
        quarterly=quarterly,
        due_quarter=due_quarter,
        period_quarter=period_quarter,
        has_target_for_year=has_target,
        has_figure=has_figure,
    )
    assert result is due


@pytest.mark.parametrize(("due_quarter", "period_quarter"), [(None, 0), (None, 5), (0, 1), (5, 1)])
def test_is_due_refuses_a_quarter_outside_one_to_four(
    due_quarter: int | None, period_quarter: int
) -> None:
    with pytest.raises(ValueError):
        is_due(
            quarterly=False,
            due_quarter=due_quarter,
            period_quarter=period_quarter,
            has_target_for_year=True,
        )


@pytest.mark.parametrize(
    ("status", "value", "label", "shape", "symbol", "rank"),
    [
        (ACHIEVED, "rag-green", "Achieved", "tick", "✓", 2),
        (AMBER, "rag-amber", "Within tolerance", "triangle", "▲", 3),
        (NOT_ACHIEVED, "rag-red", "Not achieved", "cross", "✗", 4),
        (EXCEEDED, "rag-blue", "Exceeded", "star", "★", 1),
        (NO_DATA, "rag-grey", "No data", "dash", "–", None),
        (NOT_RATED, "rag-none", "Not rated", "circle", "○", None),
    ],
)
def test_each_status_has_words_a_shape_and_a_symbol_besides_its_colour(
    status: Status, value: str, label: str, shape: str, symbol: str, rank: int | None
) -> None:
    assert (status.value, status.label, status.shape, status.symbol, status.rank) == (
        value,
        label,
        shape,
        symbol,
        rank,
    )


def test_every_status_has_a_distinct_shape_and_symbol() -> None:
    assert len({status.shape for status in Status}) == len(Status)
    assert len({status.symbol for status in Status}) == len(Status)


@pytest.mark.parametrize(
    ("polarity", "label", "sentence"),
    [
        (HIGHER, "Higher is better", "A higher figure indicates better performance."),
        (LOWER, "Lower is better", "A lower figure indicates better performance."),
        (
            TARGET,
            "On target is best",
            "Being within the target range is best: too many and too few both call for questions.",
        ),
        (
            NONE,
            "Neither is better",
            "Neither a higher nor a lower figure indicates better performance.",
        ),
    ],
)
def test_each_polarity_explains_itself(polarity: Polarity, label: str, sentence: str) -> None:
    assert (polarity.label, polarity.sentence) == (label, sentence)


def test_measures_never_have_no_polarity_and_indicators_never_a_target() -> None:
    assert set(MEASURE_POLARITIES) | set(BENCHMARK_POLARITIES) == set(Polarity)
    assert NONE not in MEASURE_POLARITIES
    assert TARGET not in BENCHMARK_POLARITIES


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("High", HIGHER),
        ("Low", LOWER),
        ("-", NONE),
        ("", NONE),
        (None, NONE),
        (float("nan"), NONE),
        ("high", HIGHER),
        ("low", LOWER),
        ("none", NONE),
        ("higher", HIGHER),
        ("lower", LOWER),
        ("Higher", HIGHER),
        (" HIGH ", HIGHER),
        (" - ", NONE),
    ],
)
def test_polarity_is_read_from_the_dictionary_and_the_command_line(
    text: str | float | None, expected: Polarity
) -> None:
    assert Polarity.from_source(text) is expected


@pytest.mark.parametrize("text", ["target", "up", "highest", "1", 1.0, 1])
def test_an_unknown_polarity_is_refused_naming_the_words_that_do(text: str | float) -> None:
    with pytest.raises(ValueError, match=r"is not a polarity \(high, low, none, - or empty\)"):
        Polarity.from_source(text)


@pytest.mark.parametrize(("polarity", "expected"), [("higher", HIGHER), (TARGET, TARGET)])
def test_a_measure_polarity_is_read_from_its_word(polarity: str, expected: Polarity) -> None:
    assert measure_polarity(polarity) is expected


@pytest.mark.parametrize("polarity", [NONE, "none", "high"])
def test_a_measure_cannot_have_a_polarity_only_indicators_have(polarity: str) -> None:
    with pytest.raises(ValueError, match="(?i)polarity"):
        measure_polarity(polarity)


def test_rating_and_direction_refuse_no_polarity() -> None:
    with pytest.raises(ValueError, match="a measure's polarity is higher, lower or target"):
        rate(Decimal(5), Decimal(4), polarity=NONE)
    with pytest.raises(ValueError, match="a measure's polarity is higher, lower or target"):
        direction(Decimal(5), Decimal(4), polarity=NONE)


@pytest.mark.parametrize(
    ("travel", "label", "arrow"),
    [(IMPROVING, "Improving", "↑"), (WORSENING, "Worsening", "↓"), (NO_CHANGE, "No change", "→")],
)
def test_each_direction_has_words_and_an_arrow(travel: Direction, label: str, arrow: str) -> None:
    assert (travel.label, travel.arrow) == (label, arrow)


@pytest.mark.parametrize(
    ("choices", "first"),
    [
        (Polarity.choices, ("higher", "Higher is better")),
        (Scheme.choices, ("default", Scheme.DEFAULT.label)),
    ],
)
def test_choices_pair_each_stored_value_with_its_label(
    choices: list[tuple[str, str]], first: tuple[str, str]
) -> None:
    assert choices[0] == first
    assert all(label for _, label in choices)


# Figures, targets and band widths on a 0.01 grid, so band edges come up often.
figures = st.decimals(min_value=-1000, max_value=1000, places=2)
widths = st.none() | st.decimals(min_value=0, max_value=100, places=2)
schemes = st.sampled_from(list(Scheme))


def band_around(
    target: Decimal, below: Decimal | None, above: Decimal | None
) -> tuple[Decimal | None, Decimal | None]:
    return (
        None if below is None else target - below,
        None if above is None else target + above,
    )


@given(figures, figures, figures, widths, widths, schemes)
def test_a_larger_figure_never_rates_worse_when_higher_is_better(
    a: Decimal,
    b: Decimal,
    target: Decimal,
    below: Decimal | None,
    above: Decimal | None,
    scheme: Scheme,
) -> None:
    smaller, larger = sorted((a, b))
    band_low, band_high = band_around(target, below, above)
    worse = rate(smaller, target, band_low, band_high, polarity=HIGHER, scheme=scheme)
    better = rate(larger, target, band_low, band_high, polarity=HIGHER, scheme=scheme)
    assert better.rank is not None and worse.rank is not None
    assert better.rank <= worse.rank


@given(figures, figures, figures, widths, widths, schemes)
def test_a_smaller_figure_never_rates_worse_when_lower_is_better(
    a: Decimal,
    b: Decimal,
    target: Decimal,
    below: Decimal | None,
    above: Decimal | None,
    scheme: Scheme,
) -> None:
    smaller, larger = sorted((a, b))
    band_low, band_high = band_around(target, below, above)
    better = rate(smaller, target, band_low, band_high, polarity=LOWER, scheme=scheme)
    worse = rate(larger, target, band_low, band_high, polarity=LOWER, scheme=scheme)
    assert better.rank is not None and worse.rank is not None
    assert better.rank <= worse.rank


@given(figures, widths, widths, st.integers(0, 100), schemes)
def test_every_figure_inside_the_band_is_achieved_when_on_target_is_best(
    target: Decimal,
    below: Decimal | None,
    above: Decimal | None,
    percent_across: int,
    scheme: Scheme,
) -> None:
    band_low, band_high = band_around(target, below, above)
    low, high = resolve_band(target, band_low, band_high)
    inside = low + (high - low) * percent_across / 100
    status = rate(inside, target, band_low, band_high, polarity=TARGET, scheme=scheme)
    assert status is ACHIEVED


@given(figures, widths, widths, st.decimals(min_value="0.01", max_value=1000, places=2), schemes)
def test_every_figure_outside_the_band_is_not_achieved_when_on_target_is_best(
    target: Decimal,
    below: Decimal | None,
    above: Decimal | None,
    distance: Decimal,
    scheme: Scheme,
) -> None:
    band_low, band_high = band_around(target, below, above)
    low, high = resolve_band(target, band_low, band_high)
    for outside in (low - distance, high + distance):
        status = rate(outside, target, band_low, band_high, polarity=TARGET, scheme=scheme)
        assert status is NOT_ACHIEVED


@given(figures, figures, widths, widths, st.sampled_from([HIGHER, LOWER]))
def test_schemes_differ_from_the_default_only_where_they_say(
    value: Decimal,
    target: Decimal,
    below: Decimal | None,
    above: Decimal | None,
    polarity: Polarity,
) -> None:
    band_low, band_high = band_around(target, below, above)
    default = rate(value, target, band_low, band_high, polarity=polarity)
    exceeded = rate(value, target, band_low, band_high, polarity=polarity, scheme=Scheme.EXCEEDED)
    lenient = rate(
        value, target, band_low, band_high, polarity=polarity, scheme=Scheme.TOLERANCE_ACHIEVED
    )
    assert default is not EXCEEDED
    assert exceeded is default or (exceeded is EXCEEDED and default is ACHIEVED)
    assert lenient is default or (lenient is ACHIEVED and default is AMBER)


@given(figures, figures, st.sampled_from(MEASURE_POLARITIES), figures)
def test_swapping_the_two_figures_reverses_the_direction(
    current: Decimal, previous: Decimal, polarity: Polarity, target: Decimal
) -> None:
    forwards = direction(current, previous, polarity=polarity, target=target)
    backwards = direction(previous, current, polarity=polarity, target=target)
    opposite = {IMPROVING: WORSENING, WORSENING: IMPROVING, NO_CHANGE: NO_CHANGE}
    assert forwards is not None
    assert backwards is opposite[forwards]


@given(figures, figures)
def test_higher_and_lower_polarity_disagree_unless_nothing_changed(
    current: Decimal, previous: Decimal
) -> None:
    assume(current != previous)
    higher = direction(current, previous, polarity=HIGHER)
    lower = direction(current, previous, polarity=LOWER)
    assert {higher, lower} == {IMPROVING, WORSENING}
