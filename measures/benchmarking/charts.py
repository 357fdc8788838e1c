"""Benchmark charts as plotly figures, from plain values (no Django)."""

from dataclasses import dataclass
from decimal import Decimal

import plotly.graph_objects as go

# Ours stands out; comparators are shades of grey and blue, always named on the axis too.
COLOURS = {
    "ours": "#00594f",
    "england": "#1d70b8",
    "region": "#4c2c92",
    "group": "#505a5f",
    "member": "#b1b4b6",
}


@dataclass(frozen=True)
class Bar:
    """One bar: who it is, their figure, and what kind of comparator they are."""

    label: str
    value: Decimal | None
    kind: str
    missing: str = ""  # why there is no figure, in words ("suppressed"), never a silent gap


def comparison_figure(bars: list[Bar], *, title: str, axis_title: str) -> go.Figure:
    """A horizontal bar chart of our figure against England, region, groups and neighbours."""
    shown = [bar for bar in bars if bar.value is not None]
    figure = go.Figure(
        go.Bar(
            # shown holds only bars with a value; mypy cannot narrow inside the comprehension.
            x=[float(bar.value) for bar in shown],  # type: ignore[arg-type]
            y=[bar.label for bar in shown],
            orientation="h",
            marker_color=[COLOURS[bar.kind] for bar in shown],
            text=[f"{bar.value.normalize():f}" for bar in shown],  # type: ignore[union-attr]  # as above
            textposition="outside",
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    figure.update_layout(
        title=title,
        xaxis_title=axis_title,
        yaxis={"autorange": "reversed", "automargin": True, "fixedrange": True},
        xaxis={"fixedrange": True},
        height=max(260, 28 * len(shown) + 120),
        margin={"l": 10, "r": 40, "t": 50, "b": 50},
        showlegend=False,
        plot_bgcolor="white",
        template="none",  # the default template would add kilobytes of unused styling
    )
    return figure


def comparison_summary(bars: list[Bar], *, ours_label: str, unit_text: str) -> str:
    """The bar chart in words, for everyone who does not read charts."""
    ours = next((bar for bar in bars if bar.kind == "ours"), None)
    if ours is None or ours.value is None:
        return f"There is no published figure for {ours_label} in this period."
    parts = [f"{ours_label}: {ours.value.normalize():f}{unit_text}."]
    for bar in bars:
        if bar.kind in ("england", "region", "group") and bar.value is not None:
            relation = (
                "above"
                if ours.value > bar.value
                else "below"
                if ours.value < bar.value
                else "level with"
            )
            parts.append(f"{relation.capitalize()} {bar.label} ({bar.value.normalize():f}).")
    return " ".join(parts)


def series_figure(
    periods: list[str], lines: dict[str, list[Decimal | None]], *, title: str, axis_title: str
) -> go.Figure:
    """Every year of ours and our comparators as lines; gaps where a figure is missing."""
    styles = ["solid", "dash", "dot", "dashdot"]
    colours = [COLOURS["ours"], COLOURS["england"], COLOURS["region"], COLOURS["group"]]
    figure = go.Figure()
    for index, (name, values) in enumerate(lines.items()):
        figure.add_trace(
            go.Scatter(
                x=periods,
                y=[None if v is None else float(v) for v in values],
                name=name,
                mode="lines+markers",
                line={
                    "color": colours[index % 4],
                    "dash": styles[index % 4],
                    "width": 3 if index == 0 else 2,
                },
                hovertemplate=f"{name}, %{{x}}: %{{y}}<extra></extra>",
            )
        )
    figure.update_layout(
        title=title,
        yaxis_title=axis_title,
        xaxis={"type": "category", "fixedrange": True},
        yaxis={"fixedrange": True},
        height=360,
        margin={"l": 10, "r": 10, "t": 50, "b": 40},
        legend={"orientation": "h", "y": -0.2},
        plot_bgcolor="white",
        template="none",
    )
    return figure


def series_summary(periods: list[str], lines: dict[str, list[Decimal | None]]) -> str:
    """The every-year chart in words: where each line started and ended."""
    parts = []
    for name, values in lines.items():
        known = [(p, v) for p, v in zip(periods, values, strict=True) if v is not None]
        if not known:
            parts.append(f"{name}: no figures.")
        elif len(known) == 1:
            parts.append(f"{name}: {known[0][1].normalize():f} in {known[0][0]}.")
        else:
            (first_period, first), (last_period, last) = known[0], known[-1]
            parts.append(
                f"{name}: from {first.normalize():f} in {first_period} "
                f"to {last.normalize():f} in {last_period}."
            )
    return " ".join(parts)
