"""Tests for parsing benchmark values, ranks, quartile bands, group figures and period labels."""

import random
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from measures.benchmarking.ranking import (
    MISSING_CODES,
    GroupFigure,
    ParsedValue,
    bands,
    describe_rank,
    group_figure,
    normalise_period_label,
    ordinal,
    parse_value,
    period_sort_key,
    quartile_band,
    quartile_cut_points,
    rank,
)
from measures.rules.rating import Polarity

HIGH, LOW, NONE = Polarity.HIGHER, Polarity.LOWER, Polarity.NONE


def dec(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def decs(*values: str | None) -> list[Decimal | None]:
    return [dec(value) for value in values]


def areas(*values: str | None) -> dict[str, Decimal | None]:
    """Values keyed by made-up authority codes, in order: 'a', 'b', 'c' ..."""
    return {chr(ord("a") + index): dec(value) for index, value in enumerate(values)}


# Decimals as the sources print them: up to 6 places, magnitudes of real indicators.
figures = st.decimals(
    min_value=Decimal("-1000000"),
    max_value=Decimal("1000000"),
    places=3,
    allow_nan=False,
    allow_infinity=False,
)
figure_or_missing = st.one_of(st.none(), figures)


# --- parse_value ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "places", "expected"),
    [
        ("42", None, "42"),
        ("42", 0, "42"),
        ("-3.5", None, "-3.5"),
        ("+3.5", None, "3.5"),
        (".5", None, "0.5"),
        ("5.", None, "5"),
        ("  48.1  ", 1, "48.1"),
        ("48.10", 2, "48.1"),
        ("100", 2, "100"),
        ("0.125", 2, "0.13"),
        ("2.5", 0, "3"),
        ("-2.5", 0, "-3"),
        ("0.0000004", None, "0"),
        ("0.0000005", None, "0.000001"),
        ("-0.00", 2, "0"),
        ("431", None, "431"),
        ("12345678901234567890123456789012.5", 0, "12345678901234567890123456789013"),
        (42, None, "42"),
        (0.1 + 0.2, None, "0.3"),
        (88.64, 1, "88.6"),
        (Decimal("39") / Decimal("44") * 100, 2, "88.64"),
    ],
)
def test_numbers_are_read_and_rounded_half_up(
    text: str | float | int | Decimal, places: int | None, expected: str
) -> None:
    parsed = parse_value(text, decimal_places=places)
    assert parsed == ParsedValue(Decimal(expected), "")
    assert str(parsed.value) == expected


@pytest.mark.parametrize(
    ("printed", "plain", "places"),
    [
        ("93.200000000000003", "93.2", 1),
        ("93.200000000000003", "93.2", None),
        ("64.099999999999994", "64.1", 1),
        ("64.099999999999994", "64.1", None),
        ("0.30000000000000004", "0.3", 2),
        ("66.666666666666671", "66.666666666666657", None),
    ],
)
def test_float_artefacts_read_as_the_number_published(
    printed: str, plain: str, places: int | None
) -> None:
    artefact = parse_value(printed, decimal_places=places)
    assert artefact == parse_value(plain, decimal_places=places)
    assert str(artefact.value) == str(parse_value(plain, decimal_places=places).value)


def test_equal_figures_printed_two_ways_rank_as_equals() -> None:
    values = {
        "Lincolnshire": parse_value("93.200000000000003", decimal_places=None).value,
        "Norfolk": parse_value("93.2", decimal_places=None).value,
    }
    assert rank(values, HIGH) == {"Lincolnshire": 1, "Norfolk": 1}


@pytest.mark.parametrize("code", list(MISSING_CODES))
def test_every_missing_value_code_is_missing_not_zero(code: str) -> None:
    parsed = parse_value(code, decimal_places=1)
    assert parsed == ParsedValue(None, code)
    assert parsed.meaning == MISSING_CODES[code]


@pytest.mark.parametrize(
    ("text", "code"),
    [("C", "c"), ("LOW", "low"), ("Low", "low"), (" x ", "x"), ("Z", "z"), ("K", "k"), ("U", "u")],
)
def test_missing_value_codes_are_read_in_any_case(text: str, code: str) -> None:
    assert parse_value(text, decimal_places=None) == ParsedValue(None, code)


@pytest.mark.parametrize(
    ("code", "meaning"),
    [
        ("c", "suppressed"),
        ("x", "not available"),
        ("z", "not applicable"),
        ("low", "rounds to zero"),
        ("k", "rounds to zero"),
        ("u", "low reliability"),
        ("..", "not available"),
        (":", "not available"),
        ("~", "rounds to zero"),
        ("-", "missing or suppressed"),
    ],
)
def test_missing_value_codes_say_what_they_mean(code: str, meaning: str) -> None:
    assert MISSING_CODES[code] == meaning


@pytest.mark.parametrize("empty", [None, "", "   ", float("nan"), Decimal("NaN")])
def test_an_empty_cell_is_missing_without_a_code(empty: str | float | None) -> None:
    parsed = parse_value(empty, decimal_places=2)
    assert parsed == ParsedValue(None, "")
    assert parsed.meaning == ""


@pytest.mark.parametrize(
    "text",
    ["abc", "1e-3", "1,234", "12%", "--", "+", ".", "1.2.3", "0x10", "inf", "nan", "c c"],
)
def test_text_that_is_neither_number_nor_code_is_refused_by_name(text: str) -> None:
    with pytest.raises(ValueError, match="is not a number or a known missing-value code") as error:
        parse_value(text, decimal_places=None)
    assert repr(text) in str(error.value)


def test_the_refusal_lists_the_codes_it_knows() -> None:
    with pytest.raises(ValueError) as error:
        parse_value("abc", decimal_places=None)
    assert str(error.value) == (
        "'abc' is not a number or a known missing-value code (c, x, z, low, k, u, .., :, ~, -)"
    )


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), True, Decimal("Infinity")])
def test_infinities_and_booleans_are_not_figures(value: object) -> None:
    with pytest.raises(ValueError):
        parse_value(value, decimal_places=None)  # type: ignore[arg-type]


def test_negative_decimal_places_are_refused() -> None:
    with pytest.raises(ValueError, match="decimal places"):
        parse_value("1", decimal_places=-1)


def test_numpy_scalars_from_pandas_are_read_like_python_numbers() -> None:
    numpy = pytest.importorskip("numpy")
    assert parse_value(numpy.int64(925), decimal_places=None).value == Decimal("925")
    assert parse_value(numpy.float64(93.2), decimal_places=1).value == Decimal("93.2")
    assert parse_value(numpy.float32(0.1), decimal_places=None).value == Decimal("0.1")
    assert parse_value(numpy.float64("nan"), decimal_places=None) == ParsedValue(None, "")


@given(figures, st.integers(min_value=0, max_value=6))
def test_a_printed_figure_reads_back_as_itself_rounded(value: Decimal, places: int) -> None:
    parsed = parse_value(str(value), decimal_places=places)
    assert parsed.status == ""
    assert parsed.value == value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9))
def test_a_float_and_its_printed_text_read_the_same(value: float) -> None:
    # Written out in full: repr writes 1e-05 for small floats, which the sources never print.
    printed = f"{Decimal(repr(value)):f}"
    assert parse_value(value, decimal_places=None) == parse_value(printed, decimal_places=None)


# --- rank ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "polarity", "expected"),
    [
        (areas("10", "20", "20", "30", "40"), HIGH, {"a": 5, "b": 3, "c": 3, "d": 2, "e": 1}),
        (areas("10", "20", "20", "30", "40"), LOW, {"a": 1, "b": 2, "c": 2, "d": 4, "e": 5}),
        (areas("48.1", "67", "48.1", "48.1"), LOW, {"a": 1, "b": 4, "c": 1, "d": 1}),
        (areas("48.1", "67", "48.1", "48.1"), HIGH, {"a": 2, "b": 1, "c": 2, "d": 2}),
        (areas("7", "7", "7"), HIGH, {"a": 1, "b": 1, "c": 1}),
        (areas("-1", "0", "1"), LOW, {"a": 1, "b": 2, "c": 3}),
        (areas("5"), HIGH, {"a": 1}),
    ],
)
def test_tied_authorities_share_the_lowest_rank(
    values: dict[str, Decimal | None], polarity: Polarity, expected: dict[str, int]
) -> None:
    assert rank(values, polarity) == expected


@pytest.mark.parametrize(
    ("values", "polarity", "expected"),
    [
        (areas("10", None, "30", None), HIGH, {"a": 2, "c": 1}),
        (areas("10", None, "30", None), LOW, {"a": 1, "c": 2}),
        (areas(None, None), HIGH, {}),
        ({}, LOW, {}),
    ],
)
def test_authorities_without_a_value_get_no_rank_and_do_not_count(
    values: dict[str, Decimal | None], polarity: Polarity, expected: dict[str, int]
) -> None:
    assert rank(values, polarity) == expected


def test_an_indicator_without_polarity_ranks_nobody() -> None:
    assert rank(areas("10", "20", "30"), NONE) == {}


def test_rank_accepts_the_polarity_as_its_word() -> None:
    assert rank(areas("10", "20"), "higher") == {"a": 2, "b": 1}  # type: ignore[arg-type]


@pytest.mark.parametrize("polarity", [Polarity.TARGET, "target", "high"])
def test_ranks_and_bands_refuse_a_polarity_an_indicator_cannot_have(polarity: str) -> None:
    values = areas("10", "20")
    for ranked in (
        lambda: rank(values, polarity),  # type: ignore[arg-type]
        lambda: bands(values, polarity),  # type: ignore[arg-type]
        lambda: quartile_band(Decimal("10"), CUTS, polarity),  # type: ignore[arg-type]
    ):
        with pytest.raises(ValueError, match="(?i)polarity"):
            ranked()


def test_ranks_are_keyed_by_whatever_the_caller_keys_values_by() -> None:
    values = {925: Decimal("48.1"), (926, "Norfolk"): Decimal("60")}
    assert rank(values, LOW) == {925: 1, (926, "Norfolk"): 2}


@given(st.lists(figure_or_missing, max_size=40), st.sampled_from([HIGH, LOW]))
def test_rank_is_between_one_and_the_number_with_a_value(
    values: list[Decimal | None], polarity: Polarity
) -> None:
    ranks = rank(dict(enumerate(values)), polarity)
    present = [index for index, value in enumerate(values) if value is not None]
    assert sorted(ranks) == present
    assert all(1 <= position <= len(present) for position in ranks.values())
    if present:
        assert min(ranks.values()) == 1


@given(st.lists(figures, min_size=2, max_size=40), st.sampled_from([HIGH, LOW]))
def test_a_better_value_never_gets_a_worse_rank(values: list[Decimal], polarity: Polarity) -> None:
    ranks = rank(dict(enumerate(values)), polarity)
    for one, this in enumerate(values):
        for other, that in enumerate(values):
            better = this > that if polarity is HIGH else this < that
            if better:
                assert ranks[one] < ranks[other]
            elif this == that:
                assert ranks[one] == ranks[other]


@given(st.lists(figures, min_size=1, max_size=40), st.sampled_from([HIGH, LOW]))
def test_a_rank_counts_the_authorities_strictly_better(
    values: list[Decimal], polarity: Polarity
) -> None:
    ranks = rank(dict(enumerate(values)), polarity)
    for index, value in enumerate(values):
        better = [
            other for other in values if (other > value if polarity is HIGH else other < value)
        ]
        assert ranks[index] == len(better) + 1


# --- quartile cut points -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["1", "2", "3", "4"], ("1.75", "2.5", "3.25")),
        (["4", "3", "2", "1"], ("1.75", "2.5", "3.25")),
        (["1", "2", "3", "4", "5"], ("2", "3", "4")),
        (["10", "20", "20", "30", "40"], ("20", "20", "30")),
        (["7"], ("7", "7", "7")),
        (["1", "3"], ("1.5", "2", "2.5")),
        (["0", "10", "20", "30", "40", "50", "60"], ("15", "30", "45")),
        # n = 6: h = 1.25, 2.5, 3.75 along 1.1, 2.2, 3.3, 4.4, 5.5, 6.6
        (["1.1", "2.2", "3.3", "4.4", "5.5", "6.6"], ("2.475", "3.85", "5.225")),
        (["-5", "-1", "0", "2"], ("-2", "-0.5", "0.5")),
    ],
)
def test_cut_points_interpolate_between_sorted_values(
    values: list[str], expected: tuple[str, str, str]
) -> None:
    cut_points = quartile_cut_points([Decimal(value) for value in values])
    assert cut_points == tuple(Decimal(point) for point in expected)
    assert all(isinstance(point, Decimal) for point in cut_points)


def test_cut_points_need_a_value() -> None:
    with pytest.raises(ValueError, match="at least one value"):
        quartile_cut_points([])


@pytest.mark.parametrize("seed", [1, 2, 3, 152, 2025])
def test_cut_points_agree_with_numpy(seed: int) -> None:
    numpy = pytest.importorskip("numpy")
    generator = random.Random(seed)
    size = generator.randint(1, 160)
    values = [Decimal(generator.randint(-100000, 1000000)) / 1000 for _ in range(size)]
    expected = numpy.percentile([float(value) for value in values], [25, 50, 75])
    for ours, theirs in zip(quartile_cut_points(values), expected, strict=True):
        assert abs(float(ours) - theirs) < 1e-9


@given(st.lists(figures, min_size=1, max_size=60))
def test_cut_points_rise_within_the_values(values: list[Decimal]) -> None:
    q25, q50, q75 = quartile_cut_points(values)
    assert min(values) <= q25 <= q50 <= q75 <= max(values)


# --- quartile bands ------------------------------------------------------------------------

CUTS = (Decimal("10"), Decimal("20"), Decimal("30"))


@pytest.mark.parametrize(
    ("value", "polarity", "expected"),
    [
        # Low is good: A up to and including Q25, D above Q75.
        ("5", LOW, "A"),
        ("10", LOW, "A"),
        ("10.01", LOW, "B"),
        ("20", LOW, "B"),
        ("25", LOW, "C"),
        ("30", LOW, "C"),
        ("30.01", LOW, "D"),
        ("99", LOW, "D"),
        # High is good: A above Q75, D up to and including Q25.
        ("99", HIGH, "A"),
        ("30.01", HIGH, "A"),
        ("30", HIGH, "B"),
        ("25", HIGH, "B"),
        ("20", HIGH, "C"),
        ("10.01", HIGH, "C"),
        ("10", HIGH, "D"),
        ("5", HIGH, "D"),
    ],
)
def test_bands_run_from_a_best_to_d_worst_as_lait_draws_them(
    value: str, polarity: Polarity, expected: str
) -> None:
    assert quartile_band(Decimal(value), CUTS, polarity) == expected


@pytest.mark.parametrize(
    ("value", "polarity", "banded"),
    [
        (None, LOW, True),
        (None, HIGH, True),
        ("15", LOW, False),
        ("15", HIGH, False),
        ("15", NONE, True),
    ],
)
def test_no_band_when_missing_unbanded_or_without_polarity(
    value: str | None, polarity: Polarity, banded: bool
) -> None:
    assert quartile_band(dec(value), CUTS, polarity, banded=banded) is None


def test_cut_points_out_of_order_are_refused() -> None:
    with pytest.raises(ValueError, match="cut points must rise"):
        quartile_band(Decimal("1"), (Decimal("3"), Decimal("2"), Decimal("1")), LOW)


@pytest.mark.parametrize(
    ("values", "polarity", "expected"),
    [
        # Cut points 1.75, 2.5, 3.25.
        (areas("1", "2", "3", "4"), LOW, {"a": "A", "b": "B", "c": "C", "d": "D"}),
        (areas("1", "2", "3", "4"), HIGH, {"a": "D", "b": "C", "c": "B", "d": "A"}),
        # Cut points 2, 3, 4: values on them take the lower quarter.
        (areas("1", "2", "3", "4", "5"), LOW, {"a": "A", "b": "A", "c": "B", "d": "C", "e": "D"}),
        (areas("1", "2", "3", "4", "5"), HIGH, {"a": "D", "b": "D", "c": "C", "d": "B", "e": "A"}),
        # Missing values neither get a band nor move the cut points.
        (areas("1", None, "2", "3", None, "4"), LOW, {"a": "A", "c": "B", "d": "C", "f": "D"}),
        (areas("7", "7", "7"), HIGH, {"a": "D", "b": "D", "c": "D"}),
        (areas("7", "7", "7"), LOW, {"a": "A", "b": "A", "c": "A"}),
    ],
)
def test_bands_cut_at_the_quartiles_of_the_values_present(
    values: dict[str, Decimal | None], polarity: Polarity, expected: dict[str, str]
) -> None:
    assert bands(values, polarity) == expected


@pytest.mark.parametrize(
    ("values", "polarity", "banded"),
    [
        (areas("1", "2", "3", "4"), LOW, False),
        (areas("1", "2", "3", "4"), NONE, True),
        (areas(None, None), HIGH, True),
        ({}, LOW, True),
    ],
)
def test_no_bands_when_unbanded_without_polarity_or_without_values(
    values: dict[str, Decimal | None], polarity: Polarity, banded: bool
) -> None:
    assert bands(values, polarity, banded=banded) == {}


@given(st.lists(figures, min_size=1, max_size=60), st.sampled_from([HIGH, LOW]))
def test_band_letters_are_monotonic_in_value(values: list[Decimal], polarity: Polarity) -> None:
    banded = bands(dict(enumerate(values)), polarity)
    assert set(banded) == set(range(len(values)))
    for one, this in enumerate(values):
        for other, that in enumerate(values):
            if this < that:
                if polarity is HIGH:
                    assert banded[one] >= banded[other]  # "D" >= "A": a lower value is no better
                else:
                    assert banded[one] <= banded[other]


# --- group figures -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "places", "expected"),
    [
        (decs("1", "2", "3"), None, GroupFigure(Decimal("2"), Decimal("2"), 3, 3)),
        (decs("1", "2", "3", "10"), None, GroupFigure(Decimal("4"), Decimal("2.5"), 4, 4)),
        (decs("1", None, "3", None), None, GroupFigure(Decimal("2"), Decimal("2"), 2, 4)),
        (decs("10", "20", None, "60"), None, GroupFigure(Decimal("30"), Decimal("20"), 3, 4)),
        (decs("1", "2", "2"), None, GroupFigure(Decimal("1.7"), Decimal("2"), 3, 3)),
        (decs("64.2", "64.25", "64"), None, GroupFigure(Decimal("64.15"), Decimal("64.2"), 3, 3)),
        (decs("1.5", "2"), None, GroupFigure(Decimal("1.75"), Decimal("1.75"), 2, 2)),
        (decs("1", "2", "2"), 1, GroupFigure(Decimal("1.7"), Decimal("2"), 3, 3)),
        (decs("1", "2", "2"), 0, GroupFigure(Decimal("2"), Decimal("2"), 3, 3)),
        (decs("48.1", "48.2"), 1, GroupFigure(Decimal("48.2"), Decimal("48.2"), 2, 2)),
        (decs("-1", "-2"), 0, GroupFigure(Decimal("-2"), Decimal("-2"), 2, 2)),
        (decs("5"), 2, GroupFigure(Decimal("5"), Decimal("5"), 1, 1)),
        (decs(None, None, None), 1, GroupFigure(None, None, 0, 3)),
        ([], None, GroupFigure(None, None, 0, 0)),
    ],
)
def test_a_group_figure_is_the_mean_and_median_of_the_members_with_a_value(
    values: list[Decimal | None], places: int | None, expected: GroupFigure
) -> None:
    assert group_figure(values, decimal_places=places) == expected


def test_a_group_figure_says_how_many_members_had_no_value() -> None:
    assert group_figure(decs("1", None, "3", None, None), decimal_places=None).missing == 3


def test_statistical_neighbours_mean_and_median_differ_when_one_stands_out() -> None:
    # Ten neighbours, one far above the rest: LAIT's mean moves, the dashboard's median does not.
    neighbours = decs("40", "42", "44", "45", "46", "48", "50", "52", "54", "120")
    figure = group_figure(neighbours, decimal_places=1)
    assert figure.mean == Decimal("54.1")
    assert figure.median == Decimal("47")
    assert (figure.count, figure.members) == (10, 10)


@given(st.lists(figure_or_missing, max_size=30))
def test_group_mean_and_median_lie_within_the_members_values(
    values: list[Decimal | None],
) -> None:
    figure = group_figure(values, decimal_places=None)
    present = [value for value in values if value is not None]
    assert (figure.count, figure.members) == (len(present), len(values))
    if not present:
        assert figure.mean is figure.median is None
    else:
        assert figure.mean is not None and figure.median is not None
        assert min(present) <= figure.mean <= max(present)
        assert min(present) <= figure.median <= max(present)


# --- ordinals and ranks in words -----------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "0th"),
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (10, "10th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (14, "14th"),
        (21, "21st"),
        (22, "22nd"),
        (23, "23rd"),
        (101, "101st"),
        (111, "111th"),
        (112, "112th"),
        (113, "113th"),
        (151, "151st"),
        (152, "152nd"),
    ],
)
def test_ordinals_read_as_english_says_them(n: int, expected: str) -> None:
    assert ordinal(n) == expected


def test_negative_ordinals_are_refused() -> None:
    with pytest.raises(ValueError):
        ordinal(-1)


@pytest.mark.parametrize(
    ("position", "of", "expected"),
    [(12, 151, "12th of 151"), (1, 151, "1st of 151"), (151, 151, "151st of 151"), (None, 151, "")],
)
def test_a_rank_is_described_against_the_number_ranked(
    position: int | None, of: int, expected: str
) -> None:
    assert describe_rank(position, of) == expected


@pytest.mark.parametrize(("position", "of"), [(0, 151), (152, 151), (-1, 10)])
def test_an_impossible_rank_is_refused(position: int, of: int) -> None:
    with pytest.raises(ValueError, match="impossible"):
        describe_rank(position, of)


# --- period labels -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("2025", 20251),
        ("2024-25", 20250),
        ("2024/25", 20250),
        ("2024-2025", 20250),
        ("202425", 20250),
        ("2016-17 (OT)", 20170),
        ("2018 (Rev)", 20181),
        ("2014-16", 20160),
        ("2099-00", 21000),
        ("209900", 21000),
        ("  2025  ", 20251),
    ],
)
def test_periods_are_keyed_by_the_year_they_end_in(label: str, key: int) -> None:
    assert period_sort_key(label) == key


def test_a_mixed_list_of_labels_sorts_chronologically() -> None:
    labels = [
        "2025",
        "2018 (Rev)",
        "202324",
        "2013-15",
        "2016-17 (OT)",
        "2024-25",
        "2017",
        "2015-16",
        "2019",
    ]
    assert sorted(labels, key=period_sort_key) == [
        "2013-15",
        "2015-16",
        "2016-17 (OT)",
        "2017",
        "2018 (Rev)",
        "2019",
        "202324",
        "2024-25",
        "2025",
    ]


def test_a_year_range_sorts_before_the_single_year_it_ends_in() -> None:
    assert period_sort_key("2024-25") < period_sort_key("2025") < period_sort_key("2025-26")


def test_a_note_in_brackets_does_not_move_a_period() -> None:
    assert period_sort_key("2016-17 (OT)") == period_sort_key("2016-17")
    assert period_sort_key("2018 (Rev)") == period_sort_key("2018")


@pytest.mark.parametrize(
    "label",
    ["0", "", "abc", "25", "0999", "2016-15", "2016-16", "2000-2020", "202426", "2024-25-26"],
)
def test_labels_that_are_not_periods_are_refused(label: str) -> None:
    with pytest.raises(ValueError):
        period_sort_key(label)


@given(st.integers(min_value=1900, max_value=2200))
def test_consecutive_years_sort_in_order_however_they_are_written(year: int) -> None:
    financial = f"{year}-{(year + 1) % 100:02d}"
    ees = f"{year}{(year + 1) % 100:02d}"
    assert period_sort_key(financial) == period_sort_key(ees)
    assert period_sort_key(str(year)) < period_sort_key(financial) < period_sort_key(str(year + 1))
    assert normalise_period_label(ees) == financial


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("202425", "2024-25"),
        ("209900", "2099-00"),
        ("2025", "2025"),
        ("2024-25", "2024-25"),
        ("2016-17 (OT)", "2016-17 (OT)"),
        ("2018 (Rev)", "2018 (Rev)"),
        ("  2024-25 ", "2024-25"),
        (" 202425\n", "2024-25"),
        ("0", "0"),
        ("202426", "202426"),
    ],
)
def test_period_labels_are_written_as_lait_writes_them(text: str, expected: str) -> None:
    assert normalise_period_label(text) == expected


@pytest.mark.parametrize("text", ["１２", "٤٥", "۴۵.۵"])
def test_a_figure_in_digits_other_than_0_to_9_is_not_read_as_a_number(text: str) -> None:
    # Python's Decimal and \d would take these as 12, 45 and 45.5.
    with pytest.raises(ValueError, match="is not a number"):
        parse_value(text, decimal_places=None)
    with pytest.raises(ValueError):
        period_sort_key(f"{text}{text}")
