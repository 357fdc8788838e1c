"""The trend chart and its text summary, from plain values."""

import ast
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from measures.pages import charts
from measures.pages.charts import (
    STATUS_COLOURS,
    STATUS_MARKERS,
    TrendPoint,
    trend_figure,
    trend_summary,
)
from measures.rules.rating import Direction, Status
from measures.rules.units import Unit

D = Decimal
NOT = Status.NOT_ACHIEVED
OK = Status.ACHIEVED


def point(period: str, value: str | None, target: str | None = "45", low: str | None = "43",
          high: str | None = "47", status: Status = NOT, direction: Direction | None = None,
          year: str | None = None) -> TrendPoint:  # fmt: skip
    return TrendPoint(
        period=period,
        value=None if value is None else D(value),
        target=None if target is None else D(target),
        band_low=None if low is None else D(low),
        band_high=None if high is None else D(high),
        status=status if value is not None or target is None else Status.NO_DATA,
        direction=direction,
        year=year or period.split()[0],
    )


LAC = [
    point("2016/17 Q3", None),
    point("2016/17 Q4", "48.1"),
    point("2017/18 Q1", "48.7", direction=Direction.WORSENING),
]

# Child protection plans: the band moves between years (310-370, then 320-380).
CP = [
    point("2016/17 Q2", "322", "340", "310", "370", OK),
    point("2016/17 Q3", "354", "340", "310", "370", OK, Direction.WORSENING),
    point("2016/17 Q4", "374", "340", "310", "370", NOT, Direction.WORSENING),
    point("2017/18 Q1", "363", "340", "320", "380", OK, Direction.IMPROVING),
]


def traces(figure: Any, name: str) -> list[Any]:
    return [trace for trace in figure.data if trace.name == name]


def band_spans(figure: Any) -> list[tuple[tuple[float, ...], float, float]]:
    """(x, low, high) of each shaded band: the filled trace and the one it fills to."""
    data = list(figure.data)
    return [
        (tuple(trace.x), data[i - 1].y[0], trace.y[0])
        for i, trace in enumerate(data)
        if trace.fill == "tonexty"
    ]


def test_the_figure_has_figures_target_step_and_band() -> None:
    figure = trend_figure(LAC, unit=Unit.RATE_PER_10000, decimal_places=1)
    (line,) = traces(figure, "Figure")
    assert list(line.y) == [None, 48.1, 48.7]  # the missing quarter breaks the line
    (target,) = traces(figure, "Target")
    assert target.line.shape == "hv"
    assert set(target.y) == {45.0}
    # 2017/18's band runs on over the quarters still to come (x 3 to 5).
    assert band_spans(figure) == [((-0.5, 1.5), 43.0, 47.0), ((1.5, 5.5), 43.0, 47.0)]
    assert list(line.text) == ["2016/17 Q3", "2016/17 Q4", "2017/18 Q1"]
    assert list(figure.layout.xaxis.ticktext) == [
        "Q3<br>2016/17",
        "Q4<br>2016/17",
        "Q1<br>2017/18",
        "Q2<br>2017/18",
        "Q3<br>2017/18",
        "Q4<br>2017/18",
    ]
    assert list(figure.layout.xaxis.tickvals) == [0, 1, 2, 3, 4, 5]
    assert tuple(figure.layout.xaxis.range) == (-0.5, 5.5)
    # In two lines, so that standing up the side of the PDF's short chart it is not cut off.
    assert figure.layout.yaxis.title.text == "Rate per 10,000<br>children under 18"


def test_each_year_has_its_own_band_and_the_target_steps_between_them() -> None:
    figure = trend_figure(CP, unit=Unit.COUNT, decimal_places=0)
    assert band_spans(figure) == [((-0.5, 2.5), 310.0, 370.0), ((2.5, 6.5), 320.0, 380.0)]
    # Only the first band is in the legend, once.
    assert [t.showlegend for t in traces(figure, "Target range")] == [True, False]


# First-time offenders: 2016/17's target had no band printed; 2017/18's is 183 to 223, and
# only its Q1 figure is in. Its band covers all four quarters of 2017/18, not Q1 alone.
FTE = [
    point("2016/17 Q2", "265", "203", None, None, year="2016/17"),
    point("2016/17 Q3", None, "203", None, None, year="2016/17"),
    point("2016/17 Q4", "266", "203", None, None, year="2016/17"),
    point("2017/18 Q1", "268", "203", "183", "223", year="2017/18"),
]


@pytest.mark.parametrize(
    ("points", "bands", "last_tick"),
    [
        (FTE, [((2.5, 6.5), 183.0, 223.0)], "Q4<br>2017/18"),
        (FTE[:3], [], "Q4<br>2016/17"),  # no band in 2016/17: only the target line
        (LAC, [((-0.5, 1.5), 43.0, 47.0), ((1.5, 5.5), 43.0, 47.0)], "Q4<br>2017/18"),
        (CP[:3], [((-0.5, 2.5), 310.0, 370.0)], "Q4<br>2016/17"),  # the year's end already
        ([point("2017/18 Q3", "44")], [((-0.5, 1.5), 43.0, 47.0)], "Q4<br>2017/18"),
        ([point("2017/18 Q4", "44")], [((-0.5, 0.5), 43.0, 47.0)], "Q4<br>2017/18"),
        # No target in the last quarter: nothing to run on.
        (
            [point("2017/18 Q1", "44"), point("2017/18 Q2", "44", target=None)],
            [((-0.5, 0.5), 43.0, 47.0)],
            "Q2<br>2017/18",
        ),
        # A period that is not a quarter of its target year (an annual figure): as it is.
        ([point("2016/17", "44", year="2016/17")], [((-0.5, 0.5), 43.0, 47.0)], "2016/17"),
    ],
)
def test_the_band_is_shaded_for_every_quarter_of_each_target_year(
    points: list[TrendPoint], bands: list[Any], last_tick: str
) -> None:
    figure = trend_figure(points, unit=Unit.COUNT, decimal_places=0)
    assert band_spans(figure) == bands
    assert figure.layout.xaxis.ticktext[-1] == last_tick
    assert figure.layout.xaxis.range[1] == figure.layout.xaxis.tickvals[-1] + 0.5


@pytest.mark.parametrize(
    ("unit", "title"),
    [
        (Unit.COUNT, "Count"),
        (Unit.PERCENTAGE, "Percentage"),
        (Unit.RATE_PER_10000, "Rate per 10,000<br>children under 18"),
        (Unit.RATE_PER_100000, "Rate per 100,000 young<br>people aged 10-17"),
    ],
)
def test_a_long_axis_title_is_set_in_short_lines(unit: Unit, title: str) -> None:
    figure = trend_figure(LAC, unit=unit, decimal_places=1)
    assert figure.layout.yaxis.title.text == title
    assert all(len(line) <= 22 for line in title.split("<br>"))


def test_a_missing_band_end_ends_at_the_target() -> None:
    points = [point("2017/18 Q1", "268", "203", None, "223", NOT)]
    figure = trend_figure(points, unit=Unit.COUNT, decimal_places=0)
    assert band_spans(figure) == [((-0.5, 3.5), 203.0, 223.0)]


def test_no_band_draws_only_the_target() -> None:
    points = [point("2017/18 Q1", "32.6", "34.8", None, None, OK)]
    figure = trend_figure(points, unit=Unit.PERCENTAGE, decimal_places=1)
    assert band_spans(figure) == []
    assert list(traces(figure, "Target")[0].y) == [34.8, 34.8]
    assert figure.layout.yaxis.ticksuffix == "%"


def test_a_quarter_without_a_target_breaks_the_target_line() -> None:
    points = [point("2015/16 Q4", "40"), point("2016/17 Q1", "41", target=None)]
    points.append(point("2016/17 Q2", "42"))
    (target,) = traces(trend_figure(points, unit=Unit.COUNT, decimal_places=0), "Target")
    assert list(target.x) == [-0.5, 0.5, None, 1.5, 4.5]


def test_hover_text_names_the_status_and_the_target() -> None:
    figure = trend_figure(CP, unit=Unit.COUNT, decimal_places=0)
    (achieved,) = traces(figure, "Achieved")
    assert list(achieved.x) == [0, 1, 3]
    assert achieved.hovertext[0] == (
        "<b>2016/17 Q2</b><br>322<br>Achieved<br>A target of 340 (band 310 to 370)"
    )
    assert "Improving on the previous figure" in achieved.hovertext[2]
    (missed,) = traces(figure, "Not achieved")
    assert "Not achieved" in missed.hovertext[0] and "374" in missed.hovertext[0]
    assert achieved.hovertemplate == "%{hovertext}<extra></extra>"


def test_a_draft_says_so_in_its_hover_text_and_the_summary() -> None:
    draft = TrendPoint("2017/18 Q2", D("46.1"), D("45"), D("43"), D("47"), OK, draft=True)
    figure = trend_figure([draft], unit=Unit.RATE_PER_10000, decimal_places=1)
    assert "<br>Draft – not published<br>" in traces(figure, "Achieved")[0].hovertext[0]
    summary = trend_summary([draft], title="LAC", unit=Unit.RATE_PER_10000, decimal_places=1)
    assert "The latest, 46.1 per 10,000 (2017/18 Q2, a draft not yet published), is" in summary


def test_each_status_has_its_own_marker_and_colour() -> None:
    statuses = [
        Status.EXCEEDED,
        Status.ACHIEVED,
        Status.WITHIN_TOLERANCE,
        Status.NOT_ACHIEVED,
        Status.NOT_RATED,
    ]
    points = [point(f"2017/18 Q{i % 4 + 1}", "45", status=s) for i, s in enumerate(statuses)]
    figure = trend_figure(points, unit=Unit.COUNT, decimal_places=0)
    markers = {s.label: traces(figure, s.label)[0].marker for s in statuses}
    assert len({m.symbol for m in markers.values()}) == len(statuses)
    for status in statuses:
        assert markers[status.label].color == STATUS_COLOURS[status]
    assert set(STATUS_MARKERS) == set(statuses)


def test_no_data_has_no_marker() -> None:
    figure = trend_figure(LAC, unit=Unit.RATE_PER_10000, decimal_places=1)
    assert traces(figure, "No data") == []
    assert list(traces(figure, "Not achieved")[0].x) == [1, 2]


def test_many_quarters_label_only_some_ticks() -> None:
    points = [point(f"{2000 + i // 4}/xx Q{i % 4 + 1}", "44", status=OK) for i in range(40)]
    axis = trend_figure(points, unit=Unit.COUNT, decimal_places=0).layout.xaxis
    assert len(axis.tickvals) <= 9
    assert axis.tickvals[0] == 0 and axis.tickvals[-1] == 39


def test_an_empty_chart_still_builds_and_serialises() -> None:
    figure = trend_figure([], unit=Unit.COUNT, decimal_places=0, title="Nothing yet")
    assert json.loads(figure.to_json())["layout"]["title"]["text"] == "Nothing yet"


def test_the_figure_serialises_without_a_plotly_template() -> None:
    data = json.loads(trend_figure(CP, unit=Unit.COUNT, decimal_places=0).to_json())
    # A template would add kilobytes of JSON the chart does not use.
    assert data["layout"]["template"] == {"data": {}, "layout": {}} or "template" not in data
    assert data["layout"]["xaxis"]["fixedrange"] is True


def test_the_chart_module_does_not_need_django() -> None:
    tree = ast.parse(Path(charts.__file__).read_text())
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in (node.names if isinstance(node, ast.Import) else [ast.alias(node.module)])
    }
    assert "django" not in imported


@pytest.mark.parametrize(
    ("title", "points", "unit", "places", "expected"),
    [
        (
            "Looked after children",
            LAC[1:],
            Unit.RATE_PER_10000,
            1,
            "Looked after children: 2 figures from 2016/17 Q4 to 2017/18 Q1. The latest, "
            "48.7 per 10,000 (2017/18 Q1), is rated Not achieved against a target of "
            "45 per 10,000 (band 43 to 47 per 10,000). It is worse than the previous figure "
            "(48.1 per 10,000, 2016/17 Q4). Of 2 rated figures: 2 Not achieved.",
        ),
        (
            "Child protection plans",
            CP,
            Unit.COUNT,
            0,
            "Child protection plans: 4 figures from 2016/17 Q2 to 2017/18 Q1. The latest, 363 "
            "(2017/18 Q1), is rated Achieved against a target of 340 (band 320 to 380). "
            "It is better than the previous figure (374, 2016/17 Q4). Figures ranged from 322 "
            "(2016/17 Q2) to 374 (2016/17 Q4). Of 4 rated figures: 3 Achieved and 1 Not achieved.",
        ),
        (
            "Care leavers in suitable accommodation",
            [
                point("2016/17 Q4", "93.3", "90", "86", "98", OK),
                point("2017/18 Q1", None, "92", "88", "100"),
            ],
            Unit.PERCENTAGE,
            1,
            "Care leavers in suitable accommodation: 1 figure, for 2016/17 Q4. The latest, 93.3% "
            "(2016/17 Q4), is rated Achieved against a target of 90% (band 86 to 98%). "
            "No figure is held for 1 quarter with a target: 2017/18 Q1.",
        ),
        (
            "Victim engagement",
            [point("2016/17 Q4", "63.6", None, None, None, Status.NOT_RATED)],
            Unit.PERCENTAGE,
            1,
            "Victim engagement: 1 figure, for 2016/17 Q4. The latest, 63.6% (2016/17 Q4), "
            "is not rated, as it has no target.",
        ),
        (
            "Juvenile re-offending",
            [
                point("2016/17 Q4", "32.9", "34.8", None, None, OK),
                point("2017/18 Q1", "32.9", "34.8", None, None, OK, Direction.NO_CHANGE),
            ],
            Unit.PERCENTAGE,
            1,
            "Juvenile re-offending: 2 figures from 2016/17 Q4 to 2017/18 Q1. The latest, 32.9% "
            "(2017/18 Q1), is rated Achieved against a target of 34.8% (no tolerance band). "
            "It is the same as the previous figure (32.9%, 2016/17 Q4). "
            "Of 2 rated figures: 2 Achieved.",
        ),
        (
            "A new measure",
            [point(f"2017/18 Q{q}", None) for q in (1, 2, 3, 4, 1)],
            Unit.COUNT,
            0,
            "A new measure: no figures have been reported yet.",
        ),
        ("Nothing at all", [], Unit.COUNT, 0, "Nothing at all: no figures have been reported yet."),
    ],
)
def test_trend_summary(
    title: str, points: list[TrendPoint], unit: Unit, places: int, expected: str
) -> None:
    assert trend_summary(points, title=title, unit=unit, decimal_places=places) == expected


def test_trend_summary_counts_rather_than_lists_many_missing_quarters() -> None:
    points = [point(f"2016/17 Q{q}", None) for q in (1, 2, 3, 4)]
    points += [point("2017/18 Q1", "46", status=OK), point("2017/18 Q2", None)]
    summary = trend_summary(
        points, title="Looked after children", unit=Unit.COUNT, decimal_places=0
    )
    assert summary.endswith("No figure is held for 5 quarters with a target.")
