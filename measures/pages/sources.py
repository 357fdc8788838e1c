"""Every measures and benchmarking row a measure page prints, so a pack can tell it went stale."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Max, QuerySet

from measures.benchmarking.models import BenchmarkValue, GroupValue, MeasureBenchmark
from measures.models import Actual, Ambition, Measure, Outcome, State, Target


def _rows(queryset: Any) -> list[dict[str, Any]]:
    return list(queryset.order_by("pk").values())


def measure_sources(measures: QuerySet[Measure]) -> dict[str, Any]:
    """The rows behind these measures' pages, as plain values, in a fixed number of queries.

    A new input to the measure page belongs here, so that a pack printing it notices the change.
    """
    links = MeasureBenchmark.objects.filter(measure__in=measures)
    return {
        "measures": _rows(measures),
        "outcomes": _rows(Outcome.objects.filter(measures__in=measures).distinct()),
        "ambitions": _rows(Ambition.objects.filter(outcomes__measures__in=measures).distinct()),
        "targets": _rows(Target.objects.filter(measure__in=measures)),
        "figures": _rows(Actual.objects.filter(measure__in=measures, state=State.PUBLISHED)),
        "benchmark_links": _rows(links),
        "printed_benchmarks": _rows(GroupValue.objects.filter(measure__in=measures)),
        # National figures run to thousands of rows: their count and newest row stand for them.
        "national": BenchmarkValue.objects.filter(
            indicator__in=links.values("indicator")
        ).aggregate(count=Count("pk"), newest=Max("pk")),
    }
