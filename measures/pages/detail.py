"""The measure page: a measure's position in a chosen quarter, its history, chart and neighbours."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from django.shortcuts import get_object_or_404

from measures.benchmarking.models import GroupValue
from measures.benchmarking.reads import (
    MeasureComparison,
    comparisons_by_measure,
    group_values_by_measure,
    measure_comparisons,
    published_group_values,
)
from measures.models import Actual, Measure, State, Target, TargetChange
from measures.pages.benchmark_tables import (
    BenchmarkSection,
    Ours,
    PrintedTable,
    comparison_tables,
    printed_table,
)
from measures.pages.charts import TrendPoint, trend_figure, trend_summary
from measures.pages.dashboard import latest_published_period, report_order, visible_figures
from measures.pages.extensions import Section, measure_sections
from measures.rules.periods import Period
from measures.rules.positions import Position
from measures.rules.rating import Direction, Status, is_due, resolve_band
from measures.rules.targets import describe_band
from measures.rules.units import Unit, format_target

if TYPE_CHECKING:
    from measures.permissions import User

T = TypeVar("T")

# Our council's row when the national data does not name it (it has not been imported).
_OURS = "This council"


@dataclass(frozen=True)
class Travel:
    """A direction of travel against an earlier figure, or why there is none, ready to show."""

    direction: Direction | None
    earlier: str = ""
    earlier_period: Period | None = None
    note: str = ""  # why there is no direction
    meaning: str = ""  # what it means: "fewer days to adoption than 379 days in 2016/17 Q4 (…)"


@dataclass(frozen=True)
class HistoryRow:
    """One reporting quarter of the measure's history, formatted for the table."""

    period: Period
    covers: str
    figure: str
    missing_reason: str
    target: str
    band: str
    status: Status
    travel: Travel
    state: str  # "" once published, else the figure's workflow state ("Draft")
    is_chosen: bool


@dataclass(frozen=True)
class MeasurePage:
    """A measure's page in a chosen quarter, as the web and the agenda pack both show it."""

    measure: Measure
    period: Period
    period_error: str  # why the quarter asked for could not be shown
    is_due: bool
    # The chosen quarter's position, formatted.
    position: Position
    figure: Actual | None
    draft_state: str  # "" once published, else the figure's workflow state ("Draft")
    target: Target | None
    target_label: str
    target_text: str
    band_text: str
    figure_text: str
    numerator_text: str
    forecast_text: str
    travel_previous: Travel
    travel_last_year: Travel
    # The texts as entered, in paragraphs.
    about_latest: list[str]
    about_target: list[str]
    about_target_range: list[str]
    definition: list[str]
    about_benchmarking: list[str]
    # The history: a table row and a chart point for each quarter.
    rows: list[HistoryRow]
    chart: dict[str, Any]  # the plotly figure as JSON
    chart_label: str
    summary: str  # the chart in words
    benchmarks: list[MeasureComparison]
    published_benchmarks: list[GroupValue]
    # The same, laid out as the council prints them: compact tables, our council first.
    benchmark_sections: list[BenchmarkSection]
    printed_benchmarks: PrintedTable | None


@dataclass(frozen=True)
class MeasureDetail(MeasurePage):
    """The measure page on the web: the printed page, its neighbours and what else it shows."""

    previous_measure: Measure | None = None
    next_measure: Measure | None = None
    in_report: bool = False  # whether previous and next follow the quarter's report
    pending_target_changes: list[TargetChange] = field(default_factory=list)
    # Other apps' sections (measures/pages/extensions.py), in the order they registered.
    sections: list[Section] = field(default_factory=list)

    def context(self) -> dict[str, object]:
        """The page's fields by name, as the template reads them."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def paragraphs(text: str) -> list[str]:
    """Text as entered, split into paragraphs at blank lines."""
    blocks = text.replace("\r\n", "\n").split("\n\n")
    return [" ".join(block.split()) for block in blocks if block.strip()]


def adjacent(items: Sequence[T], item: T) -> tuple[T | None, T | None]:
    """The items either side of item in a sequence; (None, None) when it is not there."""
    if item not in items:
        return None, None
    index = list(items).index(item)
    before = items[index - 1] if index > 0 else None
    after = items[index + 1] if index + 1 < len(items) else None
    return before, after


def history_periods(
    *,
    figure_periods: Iterable[Period],
    target_years: Iterable[int],
    quarterly: bool,
    due_quarter: int | None,
    until: Period,
) -> list[Period]:
    """Every quarter up to `until` with a figure or a figure due (a target for its year)."""
    due = {
        Period(year, quarter)
        for year in set(target_years)
        for quarter in range(1, 5)
        if is_due(
            quarterly=quarterly,
            due_quarter=due_quarter,
            period_quarter=quarter,
            has_target_for_year=True,
        )
    }
    return sorted(p for p in due.union(figure_periods) if p <= until)


def choose_period(text: str | None, figure_periods: Iterable[Period]) -> tuple[Period | None, str]:
    """The quarter asked for, else the latest with a figure; and a message if the text was bad."""
    error = ""
    if text and text.strip():
        try:
            return Period.parse(text), ""
        except (TypeError, ValueError) as problem:
            error = f"{problem}. Showing the latest figure instead."
    periods = list(figure_periods)
    return (max(periods) if periods else None), error


def _target_label(target: Target | None) -> str:
    if target is None:
        return ""
    label = target.financial_year.label
    return f"{label} Q{target.quarter}" if target.quarter else label


def _band(target: Target | None, unit: Unit, places: int) -> str:
    if target is None or target.value is None:
        return ""
    low, high = resolve_band(target.value, target.band_low, target.band_high)
    if low == high:
        return "None: the band is the target itself"
    return describe_band(low, high, unit, places)


def _travel(
    measure: Measure,
    figure: Any,
    earlier: Any,
    direction: Direction | None,
    *,
    missing: str = "No earlier figure",
) -> Travel:
    """The direction against an earlier figure, or why there is none."""
    if figure is None or figure.value is None:
        return Travel(None, note="No figure to compare")
    if earlier is None or earlier.value is None:
        return Travel(None, note=missing)
    if direction is None:
        # On-target measures are judged by distance from a target, which this quarter lacks.
        return Travel(None, note="Not judged: there is no target to compare distances with")
    shown = measure.format(earlier.value)
    meaning = measure.explain_direction(
        direction,
        current=figure.value,
        earlier=earlier.value,
        compared_with=f"{shown} in {earlier.period.label}",
    )
    return Travel(direction, shown, earlier.period, meaning=meaning)


def _state(figure: Any) -> str:
    if figure is None or figure.state == State.PUBLISHED:
        return ""
    return State(figure.state).label


def _row(measure: Measure, position: Position, chosen: Period) -> HistoryRow:
    # Positions are built from Actuals and Targets here; Position only knows their protocols.
    figure: Actual | None = position.figure  # type: ignore[assignment]
    target: Target | None = position.target  # type: ignore[assignment]
    unit, places = measure.unit_kind, measure.decimal_places
    return HistoryRow(
        period=position.period,
        covers=figure.covers if figure else "",
        figure=measure.format(figure.value) if figure else "",
        missing_reason=figure.missing_reason if figure else "",
        target=format_target(target.value, unit, places) if target else "",
        band=_band(target, unit, places),
        status=position.status,
        travel=_travel(measure, figure, position.previous, position.direction),
        state=_state(figure),
        is_chosen=position.period == chosen,
    )


def _point(position: Position) -> TrendPoint:
    target = position.target
    return TrendPoint(
        period=position.period.label,
        value=position.figure.value if position.figure else None,
        target=target.value if target else None,
        band_low=target.band_low if target else None,
        band_high=target.band_high if target else None,
        status=position.status,
        direction=position.direction,
        year=f"{target.year}" if target else "",
        draft=bool(_state(position.figure)),
    )


def _neighbours(
    measure: Measure, period: Period, user: User
) -> tuple[Measure | None, Measure | None, bool]:
    """The measures before and after in the quarter's report, else in council order.

    The flag says whether the measure is in the quarter's report.
    """
    order = report_order(period=period, user=user)
    in_report = measure in order
    if not in_report:
        order = list(Measure.objects.filter(is_current=True).in_council_order())
    return (*adjacent(order, measure), in_report)


def measure_page(
    *, reference: str, user: User, period: str | None, benchmark_period: str | None = None
) -> MeasureDetail:
    """Everything the measure page shows, in a constant number of queries.

    Raises Http404 for an unknown reference; a period that cannot be read gives a message
    and the latest figure instead. The national figures are those of the figure's own time,
    or benchmark_period where the reader chose another year. Other apps' sections add their
    own queries, each a fixed number whatever the measure holds.
    """
    measure = get_object_or_404(Measure.objects.with_figures(user=user), reference=reference)
    chosen, period_error = _chosen(measure, period)
    page = _page(
        measure,
        chosen=chosen,
        period_error=period_error,
        benchmarks=measure_comparisons(
            measure, until=figure_end(measure, chosen), period=benchmark_period
        ),
        published_benchmarks=published_group_values(measure),
    )
    previous_measure, next_measure, in_report = _neighbours(measure, page.period, user)
    return MeasureDetail(
        **{f.name: getattr(page, f.name) for f in fields(page)},
        previous_measure=previous_measure,
        next_measure=next_measure,
        in_report=in_report,
        pending_target_changes=_pending_changes(measure, user),
        sections=_sections(measure, page.period, user),
    )


def _sections(measure: Measure, period: Period, user: User) -> list[Section]:
    """The sections other apps add to the page, in the order they registered."""
    shown = (provider(measure, period, user) for provider in measure_sections().values())
    return [section for section in shown if section is not None]


def _pending_changes(measure: Measure, user: User) -> list[TargetChange]:
    """Target changes waiting for approval: staff see them; nobody else knows of them."""
    if not getattr(user, "is_staff", False) or not user.has_perm("measures.view_targetchange"):
        return []
    return list(measure.target_changes.pending().select_related("proposed_by"))


def measure_pages(*, measures: Any, user: User, period: str) -> list[MeasurePage]:
    """The measure page of each measure, as the agenda pack prints them, in council order.

    The figures of every measure in three queries and the printed benchmarks in one; the
    national comparisons take a few queries per linked indicator. No previous/next links:
    they mean nothing on paper.
    """
    found = list(measures.with_figures(user=user))
    chosen = {measure.pk: _chosen(measure, period) for measure in found}
    # Each measure beside the national figures of its own figure's time.
    comparisons = comparisons_by_measure(
        found, until={m.pk: figure_end(m, chosen[m.pk][0]) for m in found}
    )
    printed = group_values_by_measure(found)
    return [
        _page(
            measure,
            chosen=chosen[measure.pk][0],
            period_error=chosen[measure.pk][1],
            benchmarks=comparisons.get(measure.pk, []),
            published_benchmarks=printed.get(measure.pk, []),
        )
        for measure in found
    ]


def _chosen(measure: Measure, period: str | None) -> tuple[Period, str]:
    """The quarter to show, from prefetched figures, and a message if the text was bad."""
    chosen, period_error = choose_period(period, (f.period for f in visible_figures(measure)))
    if chosen is None:
        # Nothing the user may see yet: show the quarter the dashboard opens on.
        chosen = latest_published_period() or Period.containing(date.today())
    return chosen, period_error


def figure_end(measure: Measure, period: Period) -> date:
    """The last day the quarter's figure covers (its covers-to date), else the quarter's end."""
    figure = measure.position_in(period).figure
    covers_to = getattr(figure, "covers_to", None)
    return covers_to if isinstance(covers_to, date) else period.end


def _page(
    measure: Measure,
    *,
    chosen: Period,
    period_error: str,
    benchmarks: list[MeasureComparison],
    published_benchmarks: list[GroupValue],
) -> MeasurePage:
    """A measure's position, history and chart for the chosen quarter, from prefetched rows."""
    figures = visible_figures(measure)

    periods = history_periods(
        figure_periods=(f.period for f in figures),
        target_years=(t.year for t in measure.targets.all()),
        quarterly=measure.is_quarterly,
        due_quarter=measure.due_quarter,
        until=chosen,
    )
    # Positions read the prefetched figures and targets: no query per quarter.
    positions = [measure.position_in(p) for p in periods]
    points = [_point(p) for p in positions]
    chart = trend_figure(points, unit=measure.unit_kind, decimal_places=measure.decimal_places)

    position = measure.position_in(chosen)
    # Positions are built from Actuals and Targets here; Position only knows their protocols.
    figure: Actual | None = position.figure  # type: ignore[assignment]
    target: Target | None = position.target  # type: ignore[assignment]
    unit, places = measure.unit_kind, measure.decimal_places
    forecast: Decimal | None = figure.forecast if figure else None
    about_target_range = (target.about_target_range if target else "") or (
        measure.about_target_range
    )
    last_year = position.period.same_period_last_year()
    return MeasurePage(
        measure=measure,
        period=chosen,
        period_error=period_error,
        is_due=measure.is_due_in(chosen),
        position=position,
        figure=figure,
        draft_state=_state(figure),
        target=target,
        target_label=_target_label(target),
        target_text=format_target(target.value, unit, places) if target else "",
        band_text=_band(target, unit, places),
        figure_text=measure.format(figure.value) if figure else "",
        numerator_text=_fraction(figure),
        forecast_text=measure.format(forecast) if forecast is not None else "",
        travel_previous=_travel(measure, figure, position.previous, position.direction),
        travel_last_year=_travel(
            measure,
            figure,
            position.last_year,
            position.direction_last_year,
            missing=f"No figure for {last_year.label}",
        ),
        about_latest=paragraphs(figure.commentary) if figure else [],
        about_target=paragraphs(target.about_target) if target else [],
        about_target_range=paragraphs(about_target_range),
        definition=paragraphs(measure.definition),
        about_benchmarking=paragraphs(measure.about_benchmarking),
        rows=[_row(measure, p, chosen) for p in positions],
        chart=json.loads(chart.to_json()),
        chart_label=_chart_label(measure, periods),
        summary=trend_summary(
            points,
            title=measure.title,
            unit=measure.unit_kind,
            decimal_places=measure.decimal_places,
        ),
        benchmarks=benchmarks,
        published_benchmarks=published_benchmarks,
        benchmark_sections=[
            BenchmarkSection(
                item,
                comparison_tables(
                    item.comparison,
                    Ours(
                        name=item.comparison.ours.area.name if item.comparison.ours else _OURS,
                        figure=measure.format(figure.value) if figure else "",
                        target=format_target(target.value, unit, places) if target else "",
                        period=chosen.label,
                        target_period=_target_label(target),
                    ),
                ),
            )
            for item in benchmarks
        ],
        printed_benchmarks=printed_table(published_benchmarks),
    )


def _fraction(figure: Actual | None) -> str:
    """ "39 out of 44" when a figure was worked out from its numerator and denominator."""
    if figure is None or figure.numerator is None or figure.denominator is None:
        return ""
    top = format_target(figure.numerator, Unit.COUNT, 4)
    bottom = format_target(figure.denominator, Unit.COUNT, 4)
    return f"{top} out of {bottom}"


def _chart_label(measure: Measure, periods: Sequence[Period]) -> str:
    if not periods:
        return f"Trend chart of {measure.title}: nothing to show yet"
    return (
        f"Trend chart of {measure.title} by quarter reported, "
        f"{periods[0].label} to {periods[-1].label}, against its target and target range"
    )
