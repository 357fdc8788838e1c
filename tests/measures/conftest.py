"""make_* builders for ambitions, outcomes, measures, targets and figures."""

import json
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from measures.models import Actual, Ambition, Measure, Outcome, State, Target
from measures.rules.periods import FinancialYear, Period

DEMO_FILE = Path(__file__).resolve().parents[2] / "fixtures" / "demo" / "lincolnshire_measures.json"


@cache
def demo_records() -> dict[str, dict[str, Any]]:
    """The demo measures by reference, for realistic titles and places."""
    records = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    return {record["reference"]: record for record in records}


def _decimal(value: Decimal | int | str | None) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value))


@pytest.fixture
def make_ambition(db: None) -> Callable[..., Ambition]:
    """An ambition by name, created if it is not there yet."""

    def make(name: str = "Communities are safe and protected", *, order: int = 0) -> Ambition:
        return Ambition.objects.get_or_create(name=name, defaults={"order": order})[0]

    return make


@pytest.fixture
def make_outcome(make_ambition: Callable[..., Ambition]) -> Callable[..., Outcome]:
    """An outcome by name under an ambition (by default the first), created if need be."""

    def make(
        name: str = "Children are safe and healthy",
        *,
        ambition: Ambition | str | None = None,
        order: int = 0,
    ) -> Outcome:
        if not isinstance(ambition, Ambition):
            ambition = make_ambition(ambition) if ambition else make_ambition()
        return Outcome.objects.get_or_create(
            ambition=ambition, name=name, defaults={"order": order}
        )[0]

    return make


@pytest.fixture
def make_measure(make_outcome: Callable[..., Outcome]) -> Callable[..., Measure]:
    """A new measure; by default LAC-RATE, a quarterly rate per 10,000 aiming at a target.

    The title, ambition and outcome come from the demo file when the reference is in it.
    """

    def make(
        reference: str = "LAC-RATE",
        *,
        title: str | None = None,
        unit: str = "rate_per_10000",
        polarity: str = "target",
        frequency: str = "quarterly",
        decimal_places: int = 1,
        due_quarter: int | None = None,
        outcome: Outcome | str | None = None,
        owner: Any = None,
        **fields: Any,
    ) -> Measure:
        record = demo_records().get(reference, {})
        if not isinstance(outcome, Outcome):
            outcome = make_outcome(
                outcome or record.get("outcome", "Children are safe and healthy"),
                ambition=record.get("ambition"),
            )
        if frequency == "annual" and due_quarter is None:
            due_quarter = 4
        measure = Measure(
            reference=reference,
            title=title or record.get("title", f"Measure {reference}"),
            outcome=outcome,
            unit=unit,
            polarity=polarity,
            frequency=frequency,
            decimal_places=decimal_places,
            due_quarter=due_quarter,
            owner=owner,
            **fields,
        )
        measure.full_clean()
        measure.save()
        return measure

    return make


def _measure_for(make_measure: Callable[..., Measure], measure: Measure | str | None) -> Measure:
    if isinstance(measure, Measure):
        return measure
    reference = measure or "LAC-RATE"
    return Measure.objects.filter(reference=reference).first() or make_measure(reference)


@pytest.fixture
def make_target(make_measure: Callable[..., Measure]) -> Callable[..., Target]:
    """A whole-year target; by default LAC-RATE's 2017/18 target of 45, band 43 to 47."""

    def make(
        measure: Measure | str | None = None,
        *,
        year: int | str = 2017,
        value: Decimal | int | str | None = "45",
        band_low: Decimal | int | str | None = "43",
        band_high: Decimal | int | str | None = "47",
        quarter: int | None = None,
        **fields: Any,
    ) -> Target:
        if isinstance(year, str):
            year = FinancialYear.parse(year).start_year
        target = Target(
            measure=_measure_for(make_measure, measure),
            year=year,
            quarter=quarter,
            value=_decimal(value),
            band_low=_decimal(band_low),
            band_high=_decimal(band_high),
            **fields,
        )
        target.full_clean()
        target.save()
        return target

    return make


@pytest.fixture
def make_actual(make_measure: Callable[..., Measure]) -> Callable[..., Actual]:
    """A figure; by default LAC-RATE's 48.7 for 2017/18 Q1, as a draft."""

    def make(
        measure: Measure | str | None = None,
        *,
        period: Period | str = "2017/18 Q1",
        value: Decimal | int | str | None = "48.7",
        numerator: Decimal | int | str | None = None,
        denominator: Decimal | int | str | None = None,
        forecast: Decimal | int | str | None = None,
        state: str = State.DRAFT,
        **fields: Any,
    ) -> Actual:
        if isinstance(period, str):
            period = Period.parse(period)
        if state == State.PUBLISHED:
            fields.setdefault("published_at", timezone.now())
        actual = Actual(
            measure=_measure_for(make_measure, measure),
            year=period.year,
            quarter=period.quarter,
            value=_decimal(value),
            numerator=_decimal(numerator),
            denominator=_decimal(denominator),
            forecast=_decimal(forecast),
            state=state,
            **fields,
        )
        actual.full_clean()
        actual.save()
        return actual

    return make
