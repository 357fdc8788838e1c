"""How an authority compares on an indicator: fetched in a fixed number of queries."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Q

from measures.benchmarking.charts import (
    Bar,
    comparison_figure,
    comparison_summary,
    series_figure,
    series_summary,
)
from measures.benchmarking.models import (
    RANKED_KINDS,
    Area,
    AreaKind,
    BenchmarkIndicator,
    BenchmarkValue,
    ComparatorGroup,
    GroupKind,
    GroupValue,
    MeasureBenchmark,
)
from measures.benchmarking.ranking import (
    MISSING_CODES,
    GroupFigure,
    bands,
    describe_rank,
    group_figure,
    rank,
)
from measures.rules.benchmark_periods import model_for, period_end, period_for
from measures.rules.rating import Polarity
from measures.rules.reorganisations import stand_in


def our_area() -> Area | None:
    """The council's own authority (the OUR_AUTHORITY setting), if it has been imported."""
    return Area.objects.by_code(settings.OUR_AUTHORITY)


@dataclass(frozen=True)
class AuthorityRow:
    """One authority's published figure, with where it stands among all authorities."""

    area: Area
    value: Decimal | None
    status: str
    rank: int | None
    band: str | None
    is_ours: bool
    # For our authority's joint return: the other authorities in it, by name.
    jointly_with: str = ""

    @property
    def missing_meaning(self) -> str:
        return MISSING_CODES.get(self.status, "") if self.value is None else ""

    # Sort keys: missing figures last whichever way a column is sorted first.
    @property
    def sort_value(self) -> tuple[bool, Decimal]:
        return (self.value is None, self.value if self.value is not None else Decimal(0))

    @property
    def sort_rank(self) -> tuple[bool, int]:
        return (self.rank is None, self.rank or 0)

    @property
    def sort_band(self) -> tuple[bool, str]:
        return (self.band is None, self.band or "")


@dataclass(frozen=True)
class GroupComparison:
    """A comparator group's members' figures and their mean and median."""

    group: ComparatorGroup
    figure: GroupFigure
    members: list[tuple[str, Decimal | None, str]]


@dataclass
class Comparison:
    """An indicator in one period: every authority, England, a region and our groups."""

    indicator: BenchmarkIndicator
    period: str
    periods: list[str]
    ours: AuthorityRow | None
    england: BenchmarkValue | None
    region: BenchmarkValue | None
    rows: list[AuthorityRow]
    groups: list[GroupComparison] = field(default_factory=list)
    # The end of the period our figure covers, when the comparison is for a figure.
    until: date | None = None
    # When the period shown ends; and why none is shown when nothing is that old.
    period_ends: date | None = None
    note: str = ""
    # Every period with when it ends, oldest first: the other years a reader may choose.
    period_choices: list[tuple[str, date | None]] = field(default_factory=list)

    @property
    def ranked(self) -> int:
        return sum(1 for row in self.rows if row.rank is not None)

    @property
    def rank_text(self) -> str:
        return describe_rank(self.ours.rank, self.ranked) if self.ours else ""


def periods_of(indicator: BenchmarkIndicator) -> list[str]:
    """The indicator's periods, oldest first."""
    pairs = indicator.values.order_by("period_key", "period").values_list("period", "period_key")
    return list(dict.fromkeys(period for period, _ in pairs))


def ends_of(indicator: BenchmarkIndicator, periods: list[str]) -> dict[str, date | None]:
    """When each period ends, by the indicator's year type; None for a label that is no period."""
    ends: dict[str, date | None] = {}
    for label in periods:
        try:
            ends[label] = period_end(label, indicator.year_type)
        except ValueError:
            ends[label] = None
    return ends


def compare(
    *,
    indicator: BenchmarkIndicator,
    period: str | None = None,
    ours: Area | None = None,
    until: date | None = None,
) -> Comparison:
    """Everything the benchmark charts and table show for one period (about five queries).

    The period asked for where the indicator has it; else, for a figure covering up to until,
    the latest period ending by then (none, with a note, when nothing is that old); else
    the latest.
    """
    periods = periods_of(indicator)
    ends = ends_of(indicator, periods)
    note = ""
    if period in periods:
        chosen = period
    elif until is not None:
        choice = period_for([(label, end) for label, end in ends.items() if end is not None], until)
        chosen, note = choice.period or "", choice.note
    else:
        chosen = periods[-1] if periods else ""
    values = list(
        BenchmarkValue.objects.filter(indicator=indicator, period=chosen)
        .select_related("area__region")
        .prefetch_related("area__joint_members")
    )
    # A joint return is one entry, ranked and banded as DfE publishes it.
    authorities = [v for v in values if v.area.kind in RANKED_KINDS]
    polarity = Polarity(indicator.polarity)
    by_area = {v.area_id: v.value for v in authorities}
    ranks = rank(by_area, polarity)
    letters = bands(by_area, polarity, banded=indicator.banded)
    # Our own figure, or, when we are reported jointly, the joint return's, labelled.
    own = ours is not None and any(v.area_id == ours.pk for v in authorities)
    joint = (
        None
        if ours is None or own
        else next(
            (v.area for v in authorities if v.area.is_joint and ours in v.area.joint_members.all()),
            None,
        )
    )
    rows = [
        AuthorityRow(
            area=v.area,
            value=v.value,
            status=v.status,
            rank=ranks.get(v.area_id),
            band=letters.get(v.area_id),
            is_ours=ours is not None and (v.area_id == ours.pk or v.area == joint),
            jointly_with=v.area.partners_of(ours) if ours and v.area == joint else "",
        )
        for v in sorted(authorities, key=lambda v: v.area.name)
    ]
    england = next((v for v in values if v.area.kind == AreaKind.ENGLAND), None)
    region_id = ours.region_id if ours else None
    region = next((v for v in values if v.area_id == region_id), None)
    comparison = Comparison(
        indicator=indicator,
        period=chosen,
        periods=periods,
        ours=next((row for row in rows if row.is_ours), None),
        england=england,
        region=region,
        rows=rows,
        until=until,
        period_ends=ends.get(chosen),
        note=note,
        period_choices=list(ends.items()),
    )
    if ours is not None:
        on = ends.get(chosen) or until
        comparison.groups = _groups(ours, {v.area_id: v for v in values}, indicator, on=on)
    return comparison


def model_name(group: ComparatorGroup) -> str:
    """ "statistical neighbours, April 2021 model"; other groups by their kind's name."""
    if group.kind == GroupKind.STATISTICAL_NEIGHBOURS and group.version:
        return f"statistical neighbours, {group.version} model"
    return group.get_kind_display()


def _groups(
    ours: Area,
    values: dict[int, BenchmarkValue],
    indicator: BenchmarkIndicator,
    *,
    on: date | None = None,
) -> list[GroupComparison]:
    groups = (
        ComparatorGroup.objects.filter(Q(area=ours) | Q(members__area=ours, kind=GroupKind.CUSTOM))
        .filter(kind__in=[GroupKind.STATISTICAL_NEIGHBOURS, GroupKind.CIPFA, GroupKind.CUSTOM])
        .distinct()
        .prefetch_related("members__area")
        .order_by("kind", "-version")
    )
    joint_of = {
        member.pk: value
        for value in values.values()
        if value.area.is_joint
        for member in value.area.joint_members.all()
    }
    by_code = {v.area.old_code: v for v in values.values() if v.area.old_code}
    # One statistical neighbour model: the version in force for the period, else the oldest.
    models = [g for g in groups if g.kind == GroupKind.STATISTICAL_NEIGHBOURS]
    in_force = model_for([(g, g.in_force_from) for g in models], on)
    compared = []
    for group in groups:
        if group.kind == GroupKind.STATISTICAL_NEIGHBOURS and group != in_force:
            continue
        members: list[tuple[str, Decimal | None, str]] = []
        counted: dict[int, Decimal | None] = {}
        shown: set[int] = set()
        absent = 0
        for member in group.members.all():
            found = values.get(member.area_id) if member.area_id else None
            name = member.name
            standing = (
                stand_in(member.area.old_code, member.name, on)
                if on is not None and member.area is not None and member.area.old_code
                else None
            )
            if standing is not None and standing.note:
                # Not there in the period: its predecessor's figure, or none and not counted.
                found = by_code.get(standing.code) if standing.code else None
                if found is None:
                    # A predecessor without a figure stands for nothing: the member is absent.
                    members.append((f"{member.name} ({standing.absent})", None, ""))
                    absent += 1
                    continue
                if found.area_id in shown:
                    continue
                name = f"{found.area.name} ({standing.note})"
            if found is None and member.area is not None and member.area_id in joint_of:
                # Reported jointly: the joint figure stands for the member, and counts once.
                found = joint_of[member.area_id]
                name = f"{member.name} (jointly with {found.area.partners_of(member.area)})"
            if found is not None:
                counted[found.area_id] = found.value
                shown.add(found.area_id)
            members.append((name, found.value if found else None, found.status if found else ""))
        figure = group_figure(list(counted.values()), decimal_places=indicator.decimal_places)
        # Members that did not exist in the period are listed, but were not members then.
        figure = replace(
            figure,
            members=len(members) - absent,
            count=sum(1 for _, value, _ in members if value is not None),
        )
        compared.append(GroupComparison(group=group, figure=figure, members=members))
    return compared


@dataclass(frozen=True)
class SeriesPoint:
    """One period of ours against England, our region and our statistical neighbours' mean."""

    period: str
    ours: Decimal | None
    england: Decimal | None
    region: Decimal | None
    neighbours: Decimal | None


def series(
    *, indicator: BenchmarkIndicator, ours: Area, comparison: Comparison
) -> list[SeriesPoint]:
    """Every period's figures for ours and our comparators, in one query."""
    neighbours = next(
        (g for g in comparison.groups if g.group.kind == GroupKind.STATISTICAL_NEIGHBOURS), None
    )
    members = neighbours.group.members.all() if neighbours else []
    # A member without an area has no figures: it adds nothing to the mean.
    member_ids = {m.area_id for m in members if m.area_id is not None}
    wanted = {ours.pk, *member_ids} | ({ours.region_id} if ours.region_id else set())
    # An authority reported jointly takes its joint return's figure in the years it has no own.
    links = Area.joint_members.through.objects.filter(to_area_id__in={ours.pk, *member_ids})
    joint_of: dict[int, set[int]] = {}
    for member_id, joint_id in links.values_list("to_area_id", "from_area_id"):
        joint_of.setdefault(member_id, set()).add(joint_id)
    wanted |= {joint_id for ids in joint_of.values() for joint_id in ids}
    values = (
        BenchmarkValue.objects.filter(indicator=indicator)
        .filter(Q(area_id__in=wanted) | Q(area__kind=AreaKind.ENGLAND))
        .select_related("area")
    )
    by_period: dict[str, dict[int, Decimal | None]] = {}
    england: dict[str, Decimal | None] = {}
    for value in values:
        if value.area.kind == AreaKind.ENGLAND:
            england[value.period] = value.value
        else:
            by_period.setdefault(value.period, {})[value.area_id] = value.value

    def figure_of(figures: dict[int, Decimal | None], area_id: int) -> tuple[int, Decimal | None]:
        if area_id in figures:
            return area_id, figures[area_id]
        joint = next((j for j in sorted(joint_of.get(area_id, ())) if j in figures), None)
        return (joint, figures[joint]) if joint is not None else (area_id, None)

    points = []
    # A figure's comparison shows no year after the figure's own.
    ends = dict(comparison.period_choices)
    shown = [
        period
        for period in comparison.periods
        if comparison.until is None or ((end := ends.get(period)) and end <= comparison.until)
    ]
    for period in shown:
        figures = by_period.get(period, {})
        # A joint return standing for two neighbours counts once, as one entry.
        counted = dict(figure_of(figures, i) for i in member_ids)
        mean = (
            group_figure(list(counted.values()), decimal_places=indicator.decimal_places).mean
            if member_ids
            else None
        )
        points.append(
            SeriesPoint(
                period=period,
                ours=figure_of(figures, ours.pk)[1],
                england=england.get(period),
                region=figures.get(ours.region_id) if ours.region_id else None,
                neighbours=mean,
            )
        )
    return points


def bars_for(comparison: Comparison, ours: Area | None) -> list[Bar]:
    """Ours, England, our region, each group's mean, then each neighbour by name."""
    bars = []
    if ours is not None:
        label = ours.name
        if comparison.ours and comparison.ours.jointly_with:
            label = f"{ours.name} (reported jointly with {comparison.ours.jointly_with})"
        bars.append(Bar(label, comparison.ours.value if comparison.ours else None, "ours"))
    if comparison.england:
        bars.append(Bar("England", comparison.england.value, "england"))
    if comparison.region:
        bars.append(Bar(comparison.region.area.name, comparison.region.value, "region"))
    for group in comparison.groups:
        bars.append(Bar(f"{group.group.get_kind_display()} (mean)", group.figure.mean, "group"))
    for group in comparison.groups:
        if group.group.kind == GroupKind.STATISTICAL_NEIGHBOURS:
            bars += [
                Bar(name, value, "member", missing=MISSING_CODES.get(status, "no figure"))
                for name, value, status in group.members
            ]
    return bars


@dataclass(frozen=True)
class MeasureComparison:
    """A measure's linked national indicator, as the measure page shows it."""

    link: MeasureBenchmark
    comparison: Comparison
    points: list[SeriesPoint]
    bars: list[Bar]
    chart: dict
    summary: str
    series_chart: dict | None = None
    series_text: str = ""


def measure_comparisons(
    measure: object, *, until: date | None = None, period: str | None = None
) -> list[MeasureComparison]:
    """Each national indicator a measure is compared with, for a figure covering up to until.

    period, when an indicator has it, is the reader's choice of another year.
    """
    # measure is a Measure, typed object so benchmarking need not import measures.models.
    pk = measure.pk  # type: ignore[attr-defined]
    return comparisons_by_measure([measure], until={pk: until}, period=period).get(pk, [])


def comparisons_by_measure(
    measures: Iterable[object],
    *,
    until: Mapping[int, date | None] | None = None,
    period: str | None = None,
) -> dict[int, list[MeasureComparison]]:
    """Each measure's national comparisons, keyed by the measure's id.

    until gives, by measure id, the end of the period its figure covers: each is compared with
    the national periods ending by then (the latest where a measure has none). Two queries,
    then a few per linked indicator (usually one or two), whatever the number of authorities
    or years.
    """
    ours = our_area()
    until = until or {}
    found: dict[int, list[MeasureComparison]] = {}
    links = MeasureBenchmark.objects.filter(measure__in=list(measures)).select_related("indicator")
    for link in links.order_by("pk"):
        indicator = link.indicator
        comparison = compare(
            indicator=indicator, ours=ours, until=until.get(link.measure_id), period=period
        )
        if not comparison.period:
            # Nothing as old as the figure: say so, rather than show a later year.
            found.setdefault(link.measure_id, []).append(
                MeasureComparison(
                    link=link,
                    comparison=comparison,
                    points=[],
                    bars=[],
                    chart={},
                    summary=comparison.note,
                )
            )
            continue
        bars = bars_for(comparison, ours)
        points = series(indicator=indicator, ours=ours, comparison=comparison) if ours else []
        figure = comparison_figure(
            bars, title=f"{indicator.title}, {comparison.period}", axis_title=indicator.y_axis_name
        )
        found.setdefault(link.measure_id, []).append(
            MeasureComparison(
                link=link,
                comparison=comparison,
                points=points,
                series_chart=_series_chart(indicator, ours, points),
                series_text=series_summary(*_series_lines(ours, points)) if ours else "",
                bars=bars,
                chart=json.loads(figure.to_json()),
                summary=comparison_summary(
                    bars,
                    ours_label=ours.name if ours else "",
                    unit_text=f" {indicator.y_axis_name}" if indicator.y_axis_name else "",
                ),
            )
        )
    return found


def _series_chart(
    indicator: BenchmarkIndicator, ours: Area | None, points: list[SeriesPoint]
) -> dict | None:
    if ours is None or not points:
        return None
    periods, lines = _series_lines(ours, points)
    figure = series_figure(
        periods,
        lines,
        title=f"{indicator.title}, every year",
        axis_title=indicator.y_axis_name,
    )
    return json.loads(figure.to_json())


def published_group_values(measure: object) -> list[GroupValue]:
    """The benchmark rows the council's papers printed for a measure, as printed."""
    # measure is a Measure, typed object so benchmarking need not import measures.models.
    return group_values_by_measure([measure]).get(measure.pk, [])  # type: ignore[attr-defined]


def group_values_by_measure(measures: Iterable[object]) -> dict[int, list[GroupValue]]:
    """The printed benchmark rows of several measures in one query, keyed by measure id."""
    found: dict[int, list[GroupValue]] = {}
    rows = (
        GroupValue.objects.filter(measure__in=list(measures))
        .select_related("group")
        .order_by("label", "period", "group__name")
    )
    for row in rows:
        # measure__in above leaves out rows without a measure, so measure_id is never None.
        found.setdefault(row.measure_id, []).append(row)  # type: ignore[arg-type]
    return found


def _series_lines(
    ours: Area, points: list[SeriesPoint]
) -> tuple[list[str], dict[str, list[Decimal | None]]]:
    return [p.period for p in points], {
        ours.name: [p.ours for p in points],
        "England": [p.england for p in points],
        "Region": [p.region for p in points],
        "Statistical neighbours (mean)": [p.neighbours for p in points],
    }
