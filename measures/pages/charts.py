"""A measure's trend chart and its words, built from plain values so the PDF pack can reuse them."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

import plotly.graph_objects as go

from measures.rules.rating import Direction, Status, resolve_band
from measures.rules.targets import describe_band
from measures.rules.units import Unit, format_target, format_value

# The rag palette of static/scss/app.scss, so the chart and the status tags agree.
STATUS_COLOURS: dict[Status, str] = {
    Status.ACHIEVED: "#00703c",
    Status.WITHIN_TOLERANCE: "#8a4500",
    Status.NOT_ACHIEVED: "#aa2a16",
    Status.EXCEEDED: "#1d70b8",
    Status.NO_DATA: "#505a5f",
    Status.NOT_RATED: "#505a5f",
}
# Each status has its own marker, so the chart never relies on colour alone.
STATUS_MARKERS: dict[Status, str] = {
    Status.EXCEEDED: "star",
    Status.ACHIEVED: "circle",
    Status.WITHIN_TOLERANCE: "triangle-up",
    Status.NOT_ACHIEVED: "x",
    Status.NOT_RATED: "diamond-open",
}
TEXT_COLOUR = "#0b0c0c"
LINE_COLOUR = "#505a5f"
GRID_COLOUR = "#d8d8d8"
BAND_COLOUR = "rgba(29, 112, 184, 0.16)"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
MAX_TICK_LABELS = 8  # more period labels than this crowd a phone
QUARTERS = ("Q1", "Q2", "Q3", "Q4")
# A rotated axis title longer than the plot is tall is cut off at both ends (the PDF's
# charts are 260 px high): a unit label longer than this is set in two lines.
AXIS_TITLE_LINE = 20

_TRAVEL_WORDS: dict[Direction, str] = {
    Direction.IMPROVING: "better than",
    Direction.WORSENING: "worse than",
    Direction.NO_CHANGE: "the same as",
}


@dataclass(frozen=True)
class TrendPoint:
    """One reporting quarter on the chart: its figure, target, band, status and direction."""

    period: str
    value: Decimal | None
    target: Decimal | None = None
    band_low: Decimal | None = None
    band_high: Decimal | None = None
    status: Status = Status.NOT_RATED
    direction: Direction | None = None
    # The target's financial year: a new year starts a new band even if the numbers repeat.
    year: str = ""
    draft: bool = False  # an unpublished figure, shown only to those who may see it


@dataclass(frozen=True)
class _Run:
    """Consecutive points sharing one target and band."""

    first: int
    last: int
    target: Decimal
    low: Decimal
    high: Decimal


def _runs(points: Sequence[TrendPoint]) -> list[_Run]:
    runs: list[_Run] = []
    for index, point in enumerate(points):
        if point.target is None:
            continue
        low, high = resolve_band(point.target, point.band_low, point.band_high)
        previous = runs[-1] if runs else None
        if (
            previous is not None
            and previous.last == index - 1
            and (previous.target, previous.low, previous.high) == (point.target, low, high)
            and points[index - 1].year == point.year
        ):
            runs[-1] = _Run(previous.first, index, point.target, low, high)
        else:
            runs.append(_Run(index, index, point.target, low, high))
    return runs


def _target_text(point: TrendPoint, unit: Unit, decimal_places: int) -> str:
    """ "a target of 45 per 10,000 (band 43 to 47 per 10,000)", a missing band end at the target."""
    if point.target is None:
        return ""
    low, high = resolve_band(point.target, point.band_low, point.band_high)
    target = format_target(point.target, unit, decimal_places)
    if low == high:
        return f"a target of {target} (no tolerance band)"
    return f"a target of {target} (band {describe_band(low, high, unit, decimal_places)})"


def _hover(point: TrendPoint, unit: Unit, decimal_places: int) -> str:
    lines = [f"<b>{point.period}</b>", format_value(point.value, unit, decimal_places)]
    if point.draft:
        lines.append("Draft – not published")
    lines.append(point.status.label)
    if point.target is not None:
        text = _target_text(point, unit, decimal_places)
        lines.append(text[0].upper() + text[1:])
    if point.direction is not None:
        lines.append(f"{point.direction.label} on the previous figure")
    return "<br>".join(lines)


def _number(value: Decimal | None) -> float | None:
    # Plotly draws floats; the exact Decimals stay in the hover text and the table.
    return None if value is None else float(value)


def _rest_of_year(points: Sequence[TrendPoint]) -> list[str]:
    """The quarters of the last point's target year after it: its band runs to the year's end.

    ["2017/18 Q2", "2017/18 Q3", "2017/18 Q4"] after "2017/18 Q1"; none when the last point
    has no target, or is not a quarter of its target year.
    """
    if not points or points[-1].target is None:
        return []
    year, _, quarter = points[-1].period.rpartition(" ")
    if year != points[-1].year or quarter not in QUARTERS:
        return []
    return [f"{year} {later}" for later in QUARTERS[QUARTERS.index(quarter) + 1 :]]


def _axis_title(label: str) -> str:
    """A long unit label in two lines, broken at the space nearest its middle, so that
    standing up the side of a short chart it is not cut off at both ends."""
    if len(label) <= AXIS_TITLE_LINE or " " not in label:
        return label
    middle = len(label) / 2
    split = min((i for i, c in enumerate(label) if c == " "), key=lambda i: abs(i - middle))
    return f"{label[:split]}<br>{label[split + 1 :]}"


def _tick_label(period: str) -> str:
    """ "Q1<br>2017/18" from "2017/18 Q1": two short lines fit a phone without turning."""
    year, _, quarter = period.rpartition(" ")
    return f"{quarter}<br>{year}" if year else period


def _tick_positions(count: int) -> list[int]:
    step = max(1, math.ceil(count / MAX_TICK_LABELS))
    positions = list(range(0, count, step))
    if positions and positions[-1] != count - 1:
        positions.append(count - 1)
    return positions


def _band_traces(runs: Sequence[_Run]) -> list[go.Scatter]:
    traces: list[go.Scatter] = []
    shown = False
    for run in runs:
        if run.low == run.high:
            continue  # no tolerance: the target line says it all
        # Each run covers its quarters edge to edge, so a one-quarter year still shows a band.
        x = [run.first - 0.5, run.last + 0.5]
        common = {"x": x, "mode": "lines", "line": {"width": 0}, "hoverinfo": "skip"}
        traces.append(
            go.Scatter(
                y=[float(run.low)] * 2, showlegend=False, legendgroup="band", name="", **common
            )
        )
        traces.append(
            go.Scatter(
                y=[float(run.high)] * 2,
                fill="tonexty",
                fillcolor=BAND_COLOUR,
                name="Target range",
                legendgroup="band",
                showlegend=not shown,
                **common,
            )
        )
        shown = True
    return traces


def _target_trace(runs: Sequence[_Run]) -> go.Scatter:
    x: list[float | None] = []
    y: list[float | None] = []
    for run in runs:
        start, end = run.first - 0.5, run.last + 0.5
        if x and x[-1] != start:
            x.append(None)  # a quarter without a target breaks the line
            y.append(None)
        x += [start, end]
        y += [float(run.target)] * 2
    return go.Scatter(
        x=x,
        y=y,
        mode="lines",
        line_shape="hv",
        line={"color": TEXT_COLOUR, "width": 2, "dash": "dash"},
        name="Target",
        hoverinfo="skip",
    )


def trend_figure(
    points: Sequence[TrendPoint], *, unit: Unit, decimal_places: int, title: str = ""
) -> go.Figure:
    """Every figure by reporting quarter, over the target's step line and its shaded band.

    x is the quarter's position in `points` (labelled with its period), so each year's band
    can run edge to edge of its quarters.
    """
    unit = Unit(unit)
    runs = _runs(points)
    # The last target year's band and target run on over its quarters still to come.
    later = _rest_of_year(points)
    if later and runs and runs[-1].last == len(points) - 1:
        runs[-1] = replace(runs[-1], last=runs[-1].last + len(later))
    periods = [p.period for p in points] + later
    traces: list[go.Scatter] = [*_band_traces(runs), _target_trace(runs)]
    traces.append(
        go.Scatter(
            x=list(range(len(points))),
            y=[_number(p.value) for p in points],
            text=[p.period for p in points],  # each x position's period, for readers of the JSON
            mode="lines",
            line={"color": LINE_COLOUR, "width": 2},
            name="Figure",
            showlegend=False,
            hoverinfo="skip",
        )
    )
    for status, symbol in STATUS_MARKERS.items():
        chosen = [
            (i, p) for i, p in enumerate(points) if p.value is not None and p.status == status
        ]
        if not chosen:
            continue
        traces.append(
            go.Scatter(
                x=[i for i, _ in chosen],
                y=[_number(p.value) for _, p in chosen],
                mode="markers",
                marker={
                    "symbol": symbol,
                    "size": 13,
                    "color": STATUS_COLOURS[status],
                    "line": {"width": 2, "color": STATUS_COLOURS[status]},
                },
                name=status.label,
                hovertext=[_hover(p, unit, decimal_places) for _, p in chosen],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    ticks = _tick_positions(len(periods))
    figure = go.Figure(data=traces)
    figure.update_layout(
        template="none",
        title={"text": title} if title else None,
        height=380,
        margin={"l": 16, "r": 16, "t": 72 if title else 32, "b": 16},
        font={"family": FONT, "size": 14, "color": TEXT_COLOUR},
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        hovermode="closest",
        hoverlabel={"font": {"family": FONT, "size": 14}},
        showlegend=True,
        # Above the plot, where it cannot collide with the period labels on a phone.
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1.02, "yanchor": "bottom"},
        xaxis={
            "tickmode": "array",
            "tickvals": ticks,
            "ticktext": [_tick_label(periods[i]) for i in ticks],
            "tickfont": {"size": 12},
            "range": [-0.5, len(periods) - 0.5],
            "showgrid": False,
            "zeroline": False,
            "showline": True,
            "linecolor": TEXT_COLOUR,
            "automargin": True,
            # Dragging would zoom instead of scrolling the page on a tablet.
            "fixedrange": True,
        },
        yaxis={
            "title": {"text": _axis_title(unit.label), "font": {"size": 12}},
            "ticksuffix": "%" if unit is Unit.PERCENTAGE else "",
            "gridcolor": GRID_COLOUR,
            "zeroline": False,
            "automargin": True,
            "fixedrange": True,
        },
    )
    return figure


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _listed(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def trend_summary(
    points: Sequence[TrendPoint], *, title: str, unit: Unit, decimal_places: int
) -> str:
    """What the trend chart shows, in sentences, for people who cannot see it."""
    unit = Unit(unit)

    def show(value: Decimal | None) -> str:
        return format_value(value, unit, decimal_places)

    figures = [p for p in points if p.value is not None]
    if not figures:
        return f"{title}: no figures have been reported yet."
    first, latest = figures[0], figures[-1]
    if len(figures) == 1:
        sentences = [f"{title}: 1 figure, for {first.period}."]
    else:
        sentences = [f"{title}: {len(figures)} figures from {first.period} to {latest.period}."]

    rating = (
        f"is rated {latest.status.label} against {_target_text(latest, unit, decimal_places)}"
        if latest.target is not None
        else "is not rated, as it has no target"
    )
    when = f"{latest.period}, a draft not yet published" if latest.draft else latest.period
    sentences.append(f"The latest, {show(latest.value)} ({when}), {rating}.")

    if latest.direction is not None and len(figures) > 1:
        previous = figures[-2]
        sentences.append(
            f"It is {_TRAVEL_WORDS[latest.direction]} the previous figure "
            f"({show(previous.value)}, {previous.period})."
        )

    if len(figures) > 2:
        # Charted figures all have a value; the type allows None for gaps elsewhere.
        lowest = min(figures, key=lambda p: p.value)  # type: ignore[arg-type,return-value]
        highest = max(figures, key=lambda p: p.value)  # type: ignore[arg-type,return-value]  # as above
        sentences.append(
            f"Figures ranged from {show(lowest.value)} ({lowest.period}) "
            f"to {show(highest.value)} ({highest.period})."
        )

    rated = [p for p in figures if p.status.rank is not None]
    if len(rated) > 1:
        counts = [
            f"{sum(p.status == status for p in rated)} {status.label}"
            for status in STATUS_MARKERS
            if any(p.status == status for p in rated)
        ]
        sentences.append(f"Of {len(rated)} rated figures: {_listed(counts)}.")

    missing = [p.period for p in points if p.value is None and p.target is not None]
    if missing:
        where = f": {_listed(missing)}" if len(missing) <= 4 else ""
        sentences.append(
            f"No figure is held for {_plural(len(missing), 'quarter')} with a target{where}."
        )
    return " ".join(sentences)
