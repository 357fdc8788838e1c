"""A measure's position in a period, from plain targets and figures."""

from dataclasses import dataclass
from decimal import Decimal as D

from measures.rules.periods import Period
from measures.rules.positions import is_due_in, position
from measures.rules.rating import Direction, Polarity, Scheme, Status


@dataclass(frozen=True)
class Fig:
    year: int
    quarter: int
    value: D | None
    forecast: D | None = None


@dataclass(frozen=True)
class Tgt:
    year: int
    quarter: int | None
    value: D | None
    band_low: D | None = None
    band_high: D | None = None


CP_TARGETS = [Tgt(2016, None, D(340), D(310), D(370)), Tgt(2017, None, D(340), D(320), D(380))]
CP_FIGURES = [
    Fig(2016, 2, D(322)),
    Fig(2016, 3, D(354)),
    Fig(2016, 4, D(374)),
    Fig(2017, 1, D(363)),
]


def at(period: str, figures=CP_FIGURES, targets=CP_TARGETS, **kwargs):
    return position(
        period=Period.parse(period),
        polarity=kwargs.pop("polarity", Polarity.TARGET),
        targets=targets,
        figures=figures,
        **kwargs,
    )


def test_on_target_measure_closer_to_its_target_is_improving() -> None:
    q1 = at("2017/18 Q1")
    assert q1.status is Status.ACHIEVED
    assert q1.previous.value == D(374)
    assert q1.direction is Direction.IMPROVING
    assert q1.last_year is None and q1.direction_last_year is None


def test_same_period_last_year_is_compared_when_there_is_one() -> None:
    figures = [*CP_FIGURES, Fig(2017, 2, D(400))]
    q2 = at("2017/18 Q2", figures=figures)
    assert q2.last_year.value == D(322)
    assert q2.direction_last_year is Direction.WORSENING
    assert q2.status is Status.NOT_ACHIEVED


def test_previous_is_the_latest_earlier_figure_even_across_a_gap() -> None:
    fte = [Fig(2016, 2, D(265)), Fig(2016, 4, D(266))]
    q4 = at("2016/17 Q4", figures=fte, targets=[Tgt(2016, None, D(203))], polarity=Polarity.LOWER)
    assert q4.previous.value == D(265) and q4.direction is Direction.WORSENING
    assert q4.status is Status.NOT_ACHIEVED


def test_no_figure_in_a_period_with_a_target_is_no_data() -> None:
    empty = at("2017/18 Q2")
    assert empty.figure is None and empty.status is Status.NO_DATA and empty.direction is None


def test_no_target_is_not_rated_even_with_a_figure() -> None:
    assert at("2016/17 Q2", targets=[]).status is Status.NOT_RATED


def test_year_end_forecast_is_rated_against_the_years_target() -> None:
    figures = [Fig(2017, 1, D(363), forecast=D(395))]
    assert at("2017/18 Q1", figures=figures).forecast_status is Status.NOT_ACHIEVED


def test_the_councils_scheme_is_used() -> None:
    higher = [Tgt(2017, None, D(87), D(82), D(89))]
    position_ = at(
        "2017/18 Q1",
        figures=[Fig(2017, 1, D(95))],
        targets=higher,
        polarity=Polarity.HIGHER,
        scheme=Scheme.EXCEEDED,
    )
    assert position_.status is Status.EXCEEDED


def test_a_measure_is_due_only_in_a_year_with_a_target() -> None:
    q1 = Period.parse("2017/18 Q1")
    assert is_due_in(period=q1, quarterly=True, due_quarter=None, targets=CP_TARGETS)
    assert not is_due_in(
        period=q1.next().next().next().next(), quarterly=True, due_quarter=None, targets=CP_TARGETS
    )
    assert not is_due_in(period=q1, quarterly=False, due_quarter=4, targets=CP_TARGETS)


def test_a_measure_without_a_target_is_in_the_report_of_a_quarter_it_has_a_figure_in() -> None:
    q1 = Period.parse("2017/18 Q1")
    figures = [Fig(2017, 1, D(12))]

    assert is_due_in(period=q1, quarterly=True, due_quarter=None, targets=[], figures=figures)
    assert not is_due_in(
        period=q1.next(), quarterly=True, due_quarter=None, targets=[], figures=figures
    )
    assert at("2017/18 Q1", figures=figures, targets=[]).status is Status.NOT_RATED
