"""Every measures and benchmarking row a measure page prints, so a pack can tell it went stale."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, QuerySet

from measures.benchmarking.models import BenchmarkValue, GroupValue, MeasureBenchmark
from measures.models import Actual, Ambition, Measure, Outcome, State, Target

Rows = list[dict[str, Any]]  # a table's rows as plain values, by column name


def _rows(queryset: Any) -> Rows:
    return list(queryset.order_by("pk").values())


@dataclass(frozen=True)
class MeasureSources:
    """The rows behind some measures' pages, as plain values: what a digest of them reads."""

    measures: Rows
    outcomes: Rows
    ambitions: Rows
    targets: Rows
    figures: Rows  # published only, as a pack prints them
    benchmark_links: Rows
    printed_benchmarks: Rows
    # National figures run to thousands of rows: their count and newest row stand for them.
    national: dict[str, int | None]


def measure_sources(measures: QuerySet[Measure]) -> MeasureSources:
    """The rows behind these measures' pages, in a fixed number of queries.

    A new input to the measure page belongs here, so that a pack printing it notices the change.
    """
    links = MeasureBenchmark.objects.filter(measure__in=measures)
    return MeasureSources(
        measures=_rows(measures),
        outcomes=_rows(Outcome.objects.filter(measures__in=measures).distinct()),
        ambitions=_rows(Ambition.objects.filter(outcomes__measures__in=measures).distinct()),
        targets=_rows(Target.objects.filter(measure__in=measures)),
        figures=_rows(Actual.objects.filter(measure__in=measures, state=State.PUBLISHED)),
        benchmark_links=_rows(links),
        printed_benchmarks=_rows(GroupValue.objects.filter(measure__in=measures)),
        national=BenchmarkValue.objects.filter(indicator__in=links.values("indicator")).aggregate(
            count=Count("pk"), newest=Max("pk")
        ),
    )
