"""Entering a figure: the quarter being reported, and what an officer sees beside the form."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from measures.models import Actual, Measure, Target, rating_scheme
from measures.pages.dashboard import latest_published_period
from measures.rules.checks import resolved_value
from measures.rules.periods import Period
from measures.rules.rating import Status, rate
from measures.rules.targets import describe_band, target_for
from measures.rules.units import format_target


def reporting_period() -> Period:
    """The quarter officers are reporting: the latest with any figure, else last quarter."""
    latest = Actual.objects.order_by("-year", "-quarter").values_list("year", "quarter").first()
    if latest:
        return Period(*latest)
    return Period.containing(timezone.localdate()).previous()


def return_period() -> Period:
    """The quarter a blank return is for: the one after the latest published, else as above."""
    latest = latest_published_period()
    return latest.next() if latest else reporting_period()


def figure_value(*, measure: Measure, period: Period, figures: dict[str, Any]) -> Decimal | None:
    """The value a figure would be stored with: as typed, or worked out as saving does."""
    typed = Actual(
        measure=measure,
        year=period.year,
        quarter=period.quarter,
        value=figures.get("value"),
        numerator=figures.get("numerator"),
        denominator=figures.get("denominator"),
    )
    return resolved_value(typed.facts())


@dataclass(frozen=True)
class FigureEntry:
    """What an officer sees beside the entry fields: definition, target, history, status."""

    measure: Measure
    unit_label: str
    period: Period | None
    target: Target | None
    target_text: str
    band_text: str
    recent: list[tuple[str, str, str]]  # (reported in, figure, period covered), latest first
    value_text: str
    status: Status | None
    forecast_status: Status | None


def figure_entry(
    *, measure: Measure, period: Period | None, figures: dict[str, Any]
) -> FigureEntry:
    """The entry panel for a figure of the measure in the period, as typed so far."""
    unit, dp = measure.unit_kind, measure.decimal_places
    targets = list(measure.targets.all())
    target = target_for(targets, period) if period else None
    recent = measure.actuals.published().order_by("-year", "-quarter")
    if period:
        recent = recent.exclude(year=period.year, quarter=period.quarter)
    value = status = forecast_status = None
    if period:
        value = figure_value(measure=measure, period=period, figures=figures)
        forecast = figures.get("forecast")
        terms = (target.value, target.band_low, target.band_high) if target else (None, None, None)
        scheme = rating_scheme()
        status = rate(value, *terms, polarity=measure.polarity_kind, scheme=scheme)
        if forecast is not None:
            forecast_status = rate(forecast, *terms, polarity=measure.polarity_kind, scheme=scheme)
    return FigureEntry(
        measure=measure,
        unit_label=unit.label,
        period=period,
        target=target,
        target_text=format_target(target.value, unit, dp) if target else "",
        band_text=describe_band(target.band_low, target.band_high, unit, dp) if target else "",
        recent=[(a.period.label, measure.format(a.value), a.covers) for a in recent[:4]],
        value_text=measure.format(value) if value is not None else "",
        status=status,
        forecast_status=forecast_status,
    )
