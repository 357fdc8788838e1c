"""Resolving targets that follow a comparator, once the comparator's figure is published."""

from decimal import Decimal

from django.db import transaction

from measures.benchmarking.models import MeasureBenchmark
from measures.benchmarking.ranking import period_sort_key
from measures.benchmarking.reads import compare, our_area
from measures.models import Target
from measures.rules.targets import Comparator, follow_comparator


def _end_year_key(start_year: int) -> int:
    """The benchmark period key of a financial year ending the next March: 2016/17 → 2017."""
    return period_sort_key(f"{start_year}-{(start_year + 1) % 100:02d}")


def comparator_value(target: Target) -> Decimal | None:
    """The comparator's figure for the target's year, from the measure's first linked indicator."""
    link = (
        MeasureBenchmark.objects.filter(measure_id=target.measure_id)
        .select_related("indicator")
        .first()
    )
    if link is None:
        return None
    ours = our_area()
    key = _end_year_key(target.year)
    periods = [
        p
        for p in compare(indicator=link.indicator, ours=ours).periods
        if period_sort_key(p) // 10 == key // 10
    ]
    if not periods:
        return None
    comparison = compare(indicator=link.indicator, period=periods[-1], ours=ours)
    if target.follows == Comparator.ENGLAND:
        return comparison.england.value if comparison.england else None
    if target.follows == Comparator.REGION:
        return comparison.region.value if comparison.region else None
    kinds: dict[str, str] = {
        Comparator.STATISTICAL_NEIGHBOURS: "statistical_neighbours",
        Comparator.CIPFA_NEIGHBOURS: "cipfa",
    }
    group = next((g for g in comparison.groups if g.group.kind == kinds.get(target.follows)), None)
    return group.figure.mean if group else None


@transaction.atomic
def resolve_following_targets() -> int:
    """Set each comparator-following target still without a number; returns how many were set."""
    resolved = 0
    for target in Target.objects.exclude(follows="").filter(value__isnull=True):
        value = comparator_value(target)
        if value is None:
            continue
        target.value, target.band_low, target.band_high = follow_comparator(
            value, target.follows_margin_above, target.follows_margin_below
        )
        # simple_history reads the reason from this attribute, which the model does not declare.
        target._change_reason = f"resolved from {target.get_follows_display()}"  # type: ignore[attr-defined]
        target.save()
        resolved += 1
    return resolved
