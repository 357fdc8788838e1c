"""Load the demo measures, targets and figures from the council's papers (fixtures/demo)."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models, transaction
from django.utils import timezone

from measures.models import Actual, Ambition, Measure, Outcome, State, Target
from measures.rules.periods import FinancialYear, Period
from measures.rules.targets import Comparator

if TYPE_CHECKING:
    from measures.permissions import SignedInUser

DEMO_FILE = (
    Path(__file__).resolve().parent.parent / "fixtures" / "demo" / "lincolnshire_measures.json"
)
# Publication is dated as the papers were: the pack for 8 September 2017 went out a week before.
PUBLISHED_AT = timezone.make_aware(datetime(2017, 8, 31, 12, 0))

M = TypeVar("M", bound=models.Model)


def _decimal(text: str | None) -> Decimal | None:
    return None if text is None or text == "" else Decimal(text)


def _date(text: str | None) -> date | None:
    return None if not text else date.fromisoformat(text)


def save_if_changed(
    model: type[M], lookup: dict[str, Any], values: dict[str, Any]
) -> tuple[M, bool]:
    """Create or update a row, saving only when something differs (so history stays quiet)."""
    instance = model._default_manager.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **values)
        instance.full_clean()
        instance.save()
        return instance, True
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, values[name])
    if changed:
        instance.full_clean()
        instance.save()
    return instance, bool(changed)


def _target_values(raw: dict[str, Any]) -> dict[str, Any]:
    value, low, high = (_decimal(raw[k]) for k in ("value", "band_low", "band_high"))
    follows = ""
    above = below = None
    # The papers write comparator targets as "in line with national (63%)".
    if raw.get("follows") and "national" in raw["follows"].lower():
        follows = Comparator.ENGLAND.value
        above = None if high is None or value is None else high - value
        below = None if low is None or value is None else value - low
    return {
        "value": value,
        "band_low": low,
        "band_high": high,
        "follows": follows,
        "follows_margin_above": above,
        "follows_margin_below": below,
        "about_target": raw.get("about_target", ""),
        "about_target_range": raw.get("about_target_range", ""),
        "source": raw.get("source", ""),
    }


def _actual_values(raw: dict[str, Any], publisher: SignedInUser | None) -> dict[str, Any]:
    return {
        "value": _decimal(raw["value"]),
        "numerator": _decimal(raw.get("numerator")),
        "denominator": _decimal(raw.get("denominator")),
        "covers_from": _date(raw.get("covers_from")),
        "covers_to": _date(raw.get("covers_to")),
        "covers_label": raw.get("covers_label", ""),
        "commentary": raw.get("commentary", ""),
        "source": raw.get("source", ""),
        "state": State.PUBLISHED,
        "published_at": PUBLISHED_AT,
        "published_by": publisher,
    }


@transaction.atomic
def load_demo_measures(
    *,
    path: Path = DEMO_FILE,
    owners: dict[str, SignedInUser] | None = None,
    publisher: SignedInUser | None = None,
) -> int:
    """Load every measure in the demo file; owners maps "quarterly"/"annual" to a user."""
    owners = owners or {}
    records = json.loads(path.read_text(encoding="utf-8"))
    ambitions: dict[str, Ambition] = {}
    outcomes: dict[tuple[str, str], Outcome] = {}
    for position, raw in enumerate(records):
        if raw["ambition"] not in ambitions:
            ambitions[raw["ambition"]], _ = save_if_changed(
                Ambition, {"name": raw["ambition"]}, {"order": len(ambitions)}
            )
        key = (raw["ambition"], raw["outcome"])
        if key not in outcomes:
            outcomes[key], _ = save_if_changed(
                Outcome,
                {"ambition": ambitions[raw["ambition"]], "name": raw["outcome"]},
                {"order": len(outcomes)},
            )
        measure, _ = save_if_changed(
            Measure,
            {"reference": raw["reference"]},
            {
                "title": raw["title"],
                "outcome": outcomes[key],
                "order": position,
                "definition": raw["definition"],
                "numerator_definition": raw["numerator"],
                "denominator_definition": raw["denominator"],
                "unit": raw["unit"],
                "decimal_places": raw["decimal_places"],
                "polarity": raw["polarity"],
                "noun": raw.get("noun", ""),
                "frequency": raw["frequency"],
                "due_quarter": raw["due_quarter"],
                "how_taken": raw["how_taken"],
                "data_lag": raw["data_lag"],
                "owner": owners.get(raw["frequency"]),
                "service": raw["service"],
                "data_source": raw["data_source"],
                "council_business_plan": raw["council_business_plan"],
                "about_target_range": raw["about_target_range"],
                "about_benchmarking": raw["about_benchmarking"],
                "source": raw["source"],
            },
        )
        for target in raw["targets"]:
            save_if_changed(
                Target,
                {
                    "measure": measure,
                    "year": FinancialYear.parse(target["year"]).start_year,
                    "quarter": None,
                },
                _target_values(target),
            )
        for actual in raw["actuals"]:
            period = Period.parse(actual["period"])
            save_if_changed(
                Actual,
                {"measure": measure, "year": period.year, "quarter": period.quarter},
                _actual_values(actual, publisher),
            )
    return len(records)
