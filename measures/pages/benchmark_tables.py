"""Benchmark tables as the council prints them: a compact table per comparator group."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from measures.benchmarking.models import BenchmarkIndicator, GroupAverage, GroupValue
from measures.benchmarking.ranking import MISSING_CODES
from measures.benchmarking.reads import Comparison, MeasureComparison, model_name
from measures.rules.units import Unit, format_value


@dataclass(frozen=True)
class TableRow:
    """One authority, or a group's mean, in a compact benchmark table."""

    name: str
    value: str  # with its unit where the unit has a sign ("%"); "No figure: suppressed"
    kind: str  # ours, region, england, member, mean: doubles as the row's CSS class
    performance: str = ""  # our council's own figure, on our row only
    target: str = ""  # our council's target, on our row only

    @property
    def is_ours(self) -> bool:
        return self.kind == "ours"


@dataclass(frozen=True)
class BenchmarkTable:
    """A compact table: England and the region, or one comparator group, for one period."""

    caption: str
    value_heading: str  # the indicator's unit and period: "Rate per 10,000, 2017"
    performance_heading: str  # "Our figure, 2017/18 Q1"
    target_heading: str
    rows: list[TableRow]


@dataclass(frozen=True)
class Ours:
    """What the council's own row prints beside the national figure, as the paper does."""

    name: str
    figure: str  # "48.7 per 10,000", or "" when there is none
    target: str
    period: str  # "2017/18 Q1"
    target_period: str  # "2017/18"


def unit_of(indicator: BenchmarkIndicator) -> str:
    """The indicator's unit in words, never nothing: "Rate per 10,000", else "Value"."""
    return indicator.y_axis_name or "Value"


def _value(indicator: BenchmarkIndicator, value: Decimal | None, status: str = "") -> str:
    if value is None:
        return f"No figure: {MISSING_CODES.get(status, 'not published')}"
    places = indicator.decimal_places if indicator.decimal_places is not None else 1
    unit = Unit(indicator.unit) if indicator.unit in {u.value for u in Unit} else Unit.NUMBER
    return format_value(value, unit, places)


def comparison_tables(comparison: Comparison, ours: Ours) -> list[BenchmarkTable]:
    """England and the region in one table, then each comparator group in its own.

    Our council's row comes first in each, with our own figure and target beside it.
    """
    indicator = comparison.indicator
    if not comparison.period:
        return []
    period = comparison.period
    ends = f" (to {comparison.period_ends:%-d %B %Y})" if comparison.period_ends else ""
    heading = f"{unit_of(indicator)}, {period}"
    performance = f"Our figure, {ours.period}"
    target = f"Our target, {ours.target_period}" if ours.target_period else "Our target"
    our_row = _our_row(comparison, ours)

    summary = [our_row]
    if comparison.region is not None:
        region = comparison.region
        summary.append(
            TableRow(region.area.name, _value(indicator, region.value, region.status), "region")
        )
    if comparison.england is not None:
        england = comparison.england
        value = _value(indicator, england.value, england.status)
        summary.append(TableRow("England", value, "england"))
    tables = [
        BenchmarkTable(
            caption=f"{indicator.title}, {period}{ends}: {ours.name}, its region and England",
            value_heading=heading,
            performance_heading=performance,
            target_heading=target,
            rows=summary,
        )
    ]
    for group in comparison.groups:
        figure = group.figure
        rows = [our_row]
        rows += [
            TableRow(name, _value(indicator, value, status), "member")
            for name, value, status in group.members
        ]
        counted = f"{figure.count} of {figure.members}"
        rule = group.group.average
        if rule in (GroupAverage.MEAN, GroupAverage.MEAN_AND_MEDIAN):
            mean = _mean(indicator, figure.mean)
            rows.append(TableRow(f"Mean of the group ({counted} with a figure)", mean, "mean"))
        if rule in (GroupAverage.MEDIAN, GroupAverage.MEAN_AND_MEDIAN):
            median = _mean(indicator, figure.median)
            rows.append(TableRow(f"Median of the group ({counted} with a figure)", median, "mean"))
        tables.append(
            BenchmarkTable(
                caption=f"{indicator.title}, {period}{ends}: {model_name(group.group)}",
                value_heading=heading,
                performance_heading=performance,
                target_heading=target,
                rows=rows,
            )
        )
    return tables


def _mean(indicator: BenchmarkIndicator, value: Decimal | None) -> str:
    return _value(indicator, value) if value is not None else "No figure: no member has one"


def _our_row(comparison: Comparison, ours: Ours) -> TableRow:
    row = comparison.ours
    name = f"{ours.name} (this council)"
    if row is not None and row.jointly_with:
        name = f"{ours.name} (this council, reported jointly with {row.jointly_with})"
    value = (
        _value(comparison.indicator, row.value, row.status)
        if row is not None
        else "No figure: not published"
    )
    return TableRow(
        name,
        value,
        "ours",
        performance=ours.figure or "No figure",
        target=ours.target or "No target",
    )


@dataclass(frozen=True)
class BenchmarkSection:
    """One national indicator on a measure's page: its comparison and its compact tables."""

    item: MeasureComparison
    tables: list[BenchmarkTable]


@dataclass(frozen=True)
class PrintedTable:
    """The benchmark rows a paper printed, laid out as it printed them.

    Papers print either a row per comparator and a column per period ("Lincolnshire",
    "Midlands YOT Region" against "Apr 14 - Mar 15: rate") or a row per period and a column
    per comparator ("2013/14 Q4" against "LCC Performance", "National Average").
    """

    corner: str  # the heading over the row names: "Comparator" or "Period"
    columns: list[str]  # each column's heading as printed
    rows: list[tuple[str, list[str]]]  # the row's name as printed, then a cell per column
    # Figures the papers quote in their text rather than in the table, each as a sentence.
    quoted: list[str]


# The demo's printed rows say how the paper named the row: "...; row printed as 'England'",
# or, where the paper printed a row per period, the column: "...; column printed as 'LCC Target'".
_PRINTED_AS = "; row printed as "
_COLUMN_AS = "; column printed as "
# ... and of a figure quoted in the text, not the table: "...; printed as 'the National rate'".
_QUOTED_AS = "; printed as "


def printed_table(values: list[GroupValue]) -> PrintedTable | None:
    """The printed rows of one measure as one compact table, in the order the paper gave them."""
    if not values:
        return None
    columns: dict[str, None] = {}
    cells: dict[str, dict[str, str]] = {}
    quoted = []
    by_period = False
    for value in sorted(values, key=lambda v: v.pk):
        # The paper left a cell blank where it had no figure (no target that year).
        text = value.printed_as or (
            f"{value.value.normalize():f}" if value.value is not None else "–"
        )
        what, found, printed = value.label.partition(_PRINTED_AS)
        if not found and _COLUMN_AS in value.label:
            by_period = True
            row, column = value.period, value.label.partition(_COLUMN_AS)[2].strip().strip("'")
        elif not found and _QUOTED_AS in value.label:
            # Not a table row: a figure the text quotes ("the National average").
            quoted.append(f"{value.group.name}, {value.period}: {text} ({value.label})")
            continue
        else:
            row = printed.strip().strip("'") or value.group.name
            column = f"{value.period}: {what.strip()}"
        columns.setdefault(column)
        cells.setdefault(row, {})[column] = text
    ordered = list(columns)
    return PrintedTable(
        corner="Period" if by_period else "Comparator",
        columns=ordered,
        rows=[(row, [found.get(c, "–") for c in ordered]) for row, found in cells.items()],
        quoted=quoted,
    )
