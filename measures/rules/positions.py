"""A measure's position in a reporting period: its figure, target, status and direction."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from measures.rules.periods import Period
from measures.rules.rating import Direction, Polarity, Scheme, Status, direction, is_due, rate
from measures.rules.targets import target_for


class FigureLike(Protocol):
    """What a position needs from a figure."""

    year: int
    quarter: int
    value: Decimal | None
    forecast: Decimal | None


class TargetLike(Protocol):
    """What a position needs from a target."""

    year: int
    quarter: int | None
    value: Decimal | None
    band_low: Decimal | None
    band_high: Decimal | None


@dataclass(frozen=True)
class Position:
    """Where a measure stands in a period, judged against its target and earlier figures."""

    period: Period
    figure: FigureLike | None
    target: TargetLike | None
    status: Status
    forecast_status: Status | None
    previous: FigureLike | None
    direction: Direction | None
    last_year: FigureLike | None
    direction_last_year: Direction | None


def _rate(
    value: Decimal | None, target: TargetLike | None, polarity: Polarity, scheme: Scheme
) -> Status:
    if target is None:
        return rate(value, None, polarity=polarity, scheme=scheme)
    return rate(
        value, target.value, target.band_low, target.band_high, polarity=polarity, scheme=scheme
    )


def _period(figure: FigureLike) -> Period:
    return Period(figure.year, figure.quarter)


def position(
    *,
    period: Period,
    polarity: Polarity,
    targets: Sequence[TargetLike],
    figures: Sequence[FigureLike],
    scheme: Scheme = Scheme.DEFAULT,
) -> Position:
    """The position in a period, from a measure's targets and its figures (any order).

    "Previous" is the latest earlier figure, so a gap in reporting still gives a direction.
    """
    by_period = {_period(f): f for f in figures}
    figure = by_period.get(period)
    target = target_for(targets, period)
    earlier = sorted((p for p in by_period if p < period), reverse=True)
    previous = by_period[earlier[0]] if earlier else None
    last_year = by_period.get(period.same_period_last_year())
    goal = target.value if target else None
    current = figure.value if figure else None

    def travel(other: FigureLike | None) -> Direction | None:
        if other is None:
            return None
        return direction(current, other.value, polarity=polarity, target=goal)

    forecast = figure.forecast if figure else None
    return Position(
        period=period,
        figure=figure,
        target=target,
        status=_rate(current, target, polarity, scheme),
        forecast_status=None if forecast is None else _rate(forecast, target, polarity, scheme),
        previous=previous,
        direction=travel(previous),
        last_year=last_year,
        direction_last_year=travel(last_year),
    )


def is_due_in(
    *,
    period: Period,
    quarterly: bool,
    due_quarter: int | None,
    targets: Sequence[TargetLike],
    figures: Sequence[FigureLike] = (),
) -> bool:
    """Whether a measure is in a period's report.

    A target in that financial year makes it due; a figure reported in the period puts it
    there whether or not it has a target.
    """
    return is_due(
        quarterly=quarterly,
        due_quarter=due_quarter,
        period_quarter=period.quarter,
        has_target_for_year=any(t.year == period.year for t in targets),
        has_figure=any(_period(f) == period for f in figures),
    )
