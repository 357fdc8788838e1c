"""The papers' own comparator lists, benchmark rows and measure links (fixtures/demo)."""

import json
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from measures.benchmarking.areas import AreaBook
from measures.benchmarking.models import (
    BenchmarkIndicator,
    ComparatorGroup,
    GroupMember,
    GroupValue,
    MeasureBenchmark,
)
from measures.models import Measure

DEMO_FILE = (
    Path(__file__).resolve().parents[1] / "fixtures" / "demo" / "lincolnshire_benchmarks.json"
)


@transaction.atomic
def load_demo_benchmarks(*, path: Path = DEMO_FILE) -> dict[str, int]:
    """Load the papers' CIPFA and YOT groups, their published figures and the measure links."""
    data = json.loads(path.read_text(encoding="utf-8"))
    book = AreaBook()
    ours = book.by_old.get("925")
    groups: dict[str, ComparatorGroup] = {}
    for raw in data["groups"]:
        group, _ = ComparatorGroup.objects.update_or_create(
            slug=slugify(raw["name"]),
            defaults={
                "kind": raw["kind"],
                "name": raw["name"],
                "area": ours,
                "version": "Q1 2017/18 report",
                "source": raw.get("source", ""),
            },
        )
        for position, member in enumerate(raw["members"], 1):
            area = book.by_old.get(member["old_code"]) if member.get("old_code") else None
            GroupMember.objects.update_or_create(
                group=group,
                name=member["name"],
                defaults={"area": area, "position": position},
            )
        groups[raw["name"]] = group
    indicators = {i.code: i for i in BenchmarkIndicator.objects.all()}
    measures = {m.reference: m for m in Measure.objects.all()}
    values = 0
    for raw in data["group_values"]:
        if raw["group"] not in groups:
            groups[raw["group"]], _ = ComparatorGroup.objects.get_or_create(
                slug=slugify(f"{raw['group']} as published"),
                defaults={"kind": "custom", "name": raw["group"], "source": raw.get("source", "")},
            )
        group = groups[raw["group"]]
        GroupValue.objects.update_or_create(
            group=group,
            measure=measures.get(raw["measure"]),
            period=raw["period"],
            label=raw.get("label", ""),
            defaults={
                "indicator": indicators.get(raw.get("indicator") or ""),
                "value": Decimal(raw["value"]) if raw.get("value") not in (None, "") else None,
                "printed_as": raw.get("printed", ""),
                "source": raw.get("source", ""),
            },
        )
        values += 1
    links = 0
    for order, raw in enumerate(data["links"]):
        indicator, measure = indicators.get(raw["indicator"]), measures.get(raw["measure"])
        if indicator is None or measure is None:
            continue  # the national data has not been loaded
        MeasureBenchmark.objects.update_or_create(
            measure=measure,
            indicator=indicator,
            defaults={"note": raw.get("note", ""), "order": order},
        )
        links += 1
    return {"groups": len(groups), "group values": values, "links": links}
