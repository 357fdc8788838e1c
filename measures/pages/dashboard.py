"""The quarterly dashboard's rows: each measure's position, trend and forecast."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import F, Max

from measures.models import Actual, Measure, State
from measures.rules.periods import Period
from measures.rules.positions import Position
from measures.rules.rating import Direction, Status
from measures.rules.targets import describe_band
from measures.rules.units import format_target

if TYPE_CHECKING:
    from measures.permissions import User

TREND_PERIODS = 8
HISTORY_PERIODS = 12
DIRECTION_ORDER = [Direction.IMPROVING, Direction.NO_CHANGE, Direction.WORSENING, None]
STATUS_ORDER = [
    Status.EXCEEDED,
    Status.ACHIEVED,
    Status.WITHIN_TOLERANCE,
    Status.NOT_ACHIEVED,
    Status.NO_DATA,
    Status.NOT_RATED,
]


class View:
    """The dashboard's two views."""

    PERIOD = "period"  # the measures due in the chosen quarter
    LATEST = "latest"  # every current measure at its most recent figure


@dataclass(frozen=True)
class Row:
    """One measure on the dashboard."""

    measure: Measure
    position: Position
    trend: list[tuple[Period, Decimal | None]]
    previous_status: Status | None
    group: str = ""  # "Ambition: outcome" on the first row of each group, for the table

    @property
    def figure(self) -> Actual | None:
        # Positions are built from Actuals here; Position itself only knows FigureLike.
        return self.position.figure  # type: ignore[return-value]

    @property
    def is_draft(self) -> bool:
        return self.figure is not None and self.figure.state != State.PUBLISHED

    @property
    def reported_in(self) -> Period:
        return self.position.period

    @property
    def status(self) -> Status:
        return self.position.status

    @property
    def direction(self) -> Direction | None:
        return self.position.direction

    @property
    def changed_status(self) -> bool:
        return self.previous_status is not None and self.previous_status != self.status

    # What the table shows, and the keys it sorts by (None sorts last).
    @property
    def actual_text(self) -> str:
        return self.measure.format(self.figure.value) if self.figure else ""

    @property
    def target_text(self) -> str:
        target = self.position.target
        if target is None or target.value is None:
            return ""
        return format_target(target.value, self.measure.unit_kind, self.measure.decimal_places)

    @property
    def band_text(self) -> str:
        target = self.position.target
        if target is None or target.value is None:
            return ""
        measure = self.measure
        return describe_band(
            target.band_low, target.band_high, measure.unit_kind, measure.decimal_places
        )

    @property
    def forecast_text(self) -> str:
        forecast = self.figure.forecast if self.figure else None
        return self.measure.format(forecast) if forecast is not None else ""

    @property
    def trend_points(self) -> str:
        return sparkline([value for _, value in self.trend])

    @property
    def trend_text(self) -> str:
        shown = [f"{p.label} {self.measure.format(v)}" for p, v in self.trend if v is not None]
        return "; ".join(shown) if shown else "No figures in the last eight quarters"

    @property
    def sort_title(self) -> str:
        return self.measure.title.lower()

    @property
    def sort_actual(self) -> tuple[bool, Decimal]:
        value = self.figure.value if self.figure else None
        return (value is None, value if value is not None else Decimal(0))

    @property
    def sort_target(self) -> tuple[bool, Decimal]:
        target = self.position.target
        value = target.value if target else None
        return (value is None, value if value is not None else Decimal(0))

    @property
    def sort_status(self) -> int:
        return STATUS_ORDER.index(self.status)

    @property
    def sort_direction(self) -> int:
        return DIRECTION_ORDER.index(self.position.direction)

    @property
    def sort_direction_last_year(self) -> int:
        return DIRECTION_ORDER.index(self.position.direction_last_year)

    @property
    def sort_forecast(self) -> int:
        status = self.position.forecast_status
        return STATUS_ORDER.index(status) if status else len(STATUS_ORDER)


def sparkline(values: list[Decimal | None], width: int = 96, height: int = 24) -> str:
    """SVG polyline points for a small trend line; gaps are skipped, flat lines sit midway."""
    known = [(i, v) for i, v in enumerate(values) if v is not None]
    if not known:
        return ""
    low, high = min(v for _, v in known), max(v for _, v in known)
    span = high - low
    step = width / max(len(values) - 1, 1)
    pad = 2

    def y(value: Decimal) -> float:
        if span == 0:
            return height / 2
        return pad + float((high - value) / span) * (height - 2 * pad)

    return " ".join(f"{i * step:.1f},{y(v):.1f}" for i, v in known)


def visible_figures(measure: Measure) -> list[Actual]:
    """The figures Measure.objects.with_figures() fetched for the user, oldest first."""
    # with_figures() prefetches into this attribute, which the model does not declare.
    figures: list[Actual] = measure.visible_figures  # type: ignore[attr-defined]
    return figures


def latest_published_period() -> Period | None:
    """The latest quarter with a published figure: the dashboard's default."""
    latest = (
        Actual.objects.published()
        .order_by("-year", "-quarter")
        .values_list("year", "quarter")
        .first()
    )
    return Period(*latest) if latest else None


def _row(measure: Measure, period: Period) -> Row:
    position = measure.position_in(period)
    figures = {f.period: f.value for f in visible_figures(measure)}
    trend = [(p, figures.get(p)) for p in period.last_n(TREND_PERIODS)]
    before = period.previous()
    earlier = measure.position_in(before)
    # A quarter it was due in without a figure counts as No data, so a change from it shows.
    was_reported = earlier.figure is not None or measure.is_due_in(before)
    previous_status = earlier.status if was_reported else None
    return Row(measure=measure, position=position, trend=trend, previous_status=previous_status)


def dashboard_rows(
    *,
    period: Period,
    user: User | None = None,
    view: str = View.PERIOD,
    measures: Any = None,
) -> list[Row]:
    """The rows of a quarter's report, or of the latest position, in council order.

    Three queries (four for the latest position) whatever the number of measures or periods.
    `measures` narrows the measures (filters); figures are those the user may see.
    """
    queryset = (measures if measures is not None else Measure.objects.all()).filter(is_current=True)
    # Enough history for the trend, the previous figure and the same quarter last year: for the
    # latest position, as much before the oldest of the measures' latest quarters.
    oldest = period if view == View.PERIOD else _oldest_latest(queryset, user=user, until=period)
    if oldest is None:
        return []
    since = oldest.last_n(HISTORY_PERIODS)[0]
    rows = []
    for measure in queryset.with_figures(user=user, since=since, until=period):
        if view == View.LATEST:
            reported = [f.period for f in visible_figures(measure) if f.period <= period]
            if not reported:
                continue
            rows.append(_row(measure, max(reported)))
        elif measure.is_due_in(period):
            rows.append(_row(measure, period))
    return rows


def _oldest_latest(measures: Any, *, user: User | None, until: Period) -> Period | None:
    """The earliest of the measures' latest quarters with a figure the user sees (up to until).

    One query, so the latest position fetches recent figures only, not every figure ever.
    """
    index = (
        Actual.objects.visible_to(user)
        .filter(measure__in=measures.values("pk"))
        .filter(year__lte=until.year)
        .exclude(year=until.year, quarter__gt=until.quarter)
        .values("measure")
        .annotate(latest=Max(F("year") * 4 + F("quarter") - 1))
        .order_by("latest")
        .values_list("latest", flat=True)
        .first()
    )
    return None if index is None else Period(index // 4, index % 4 + 1)


def with_group_headings(rows: list[Row]) -> list[Row]:
    """Mark the first row of each ambition and outcome, as the papers group them."""
    marked, last = [], None
    for row in rows:
        outcome = row.measure.outcome
        key = (outcome.ambition.name, outcome.name)
        group = f"{key[0]}: {key[1]}" if key != last else ""
        marked.append(replace(row, group=group))
        last = key
    return marked


def report_order(*, period: Period, user: User | None = None) -> list[Measure]:
    """The measures of a quarter's report in the order members page through them.

    The rows of dashboard_rows without their positions: only the quarter's own figures and
    the targets say which measures are due.
    """
    measures = Measure.objects.filter(is_current=True).with_figures(
        user=user, since=period, until=period
    )
    return [measure for measure in measures if measure.is_due_in(period)]


def status_counts(rows: list[Row]) -> list[tuple[Status, int]]:
    """How many rows have each status, in a fixed order, including the zeros."""
    counts = Counter(row.status for row in rows)
    return [(status, counts.get(status, 0)) for status in STATUS_ORDER]
