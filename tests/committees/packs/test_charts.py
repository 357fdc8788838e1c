"""The pack's charts: drawn several at once in one Chromium, and each drawn once per figure."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from pypdf import PdfReader

from committees.models import AgendaItem, Committee, Meeting, Pack, Paper
from committees.packs.build import build_pack
from committees.packs.charts import ChartCache, chart_drawing, chart_key
from measures.models import Actual, State


def figure(title: str, values: list[float]) -> dict[str, Any]:
    return {
        "data": [{"type": "scatter", "x": list(range(len(values))), "y": values}],
        "layout": {"yaxis": {"title": {"text": title}}},
    }


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        (figure("Rate", [1, 2]), figure("Rate", [1, 2]), True),
        (figure("Rate", [1, 2]), figure("Rate", [1, 2.5]), False),  # a figure changed
        (figure("Rate", [1, 2]), figure("Per cent", [1, 2]), False),  # its axis changed
        # Keys in another order are the same figure.
        ({"layout": {}, "data": []}, {"data": [], "layout": {}}, True),
    ],
)
def test_a_chart_is_kept_under_a_name_that_changes_only_with_its_figure(
    first: dict[str, Any], second: dict[str, Any], same: bool
) -> None:
    assert (chart_key(first) == chart_key(second)) is same


def test_the_cache_gives_back_what_was_put_and_nothing_else(tmp_path: Path) -> None:
    cache = ChartCache(tmp_path / "charts")
    assert cache.get("abc") is None
    cache.put("abc", "<svg>one</svg>")
    assert cache.get("abc") == "<svg>one</svg>"
    assert cache.get("abd") is None
    assert sorted(p.name for p in (tmp_path / "charts").iterdir()) == ["abc.svg"]


def test_pruning_removes_charts_no_build_has_used_lately(tmp_path: Path) -> None:
    cache = ChartCache(tmp_path)
    cache.put("old", "<svg/>")
    cache.put("used", "<svg/>")
    cache.put("recent", "<svg/>")
    long_ago = time.time() - 100 * 86_400
    for name in ("old", "used"):
        os.utime(tmp_path / f"{name}.svg", (long_ago, long_ago))
    assert cache.get("used") == "<svg/>"  # reading a chart counts as using it
    cache.prune(90)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["recent.svg", "used.svg"]


@pytest.mark.slow
def test_charts_drawn_at_once_each_come_back_as_their_own_svg() -> None:
    charts = [(figure(f"Axis {n}", [n, n + 1, n * 2]), f"M-{n}") for n in range(5)]
    with chart_drawing(
        charts,
        browser_path=django_settings.BROWSER_PATH,
        start_seconds=60,
        chart_seconds=60,
        seconds=120,
        tabs=3,
    ) as drawing:
        svgs = drawing.result(120)
    assert len(svgs) == 5
    for n, svg in enumerate(svgs):
        assert svg.startswith("<svg") and f"Axis {n}" in svg
        assert all(f"Axis {other}" not in svg for other in range(5) if other != n)


@pytest.fixture
def meeting(
    make_committee: Callable[..., Committee], make_target, make_actual, settings, tmp_path: Path
) -> Meeting:
    """A performance appendix of two measures with charts, and a chart cache of its own."""
    settings.MEDIA_ROOT = tmp_path
    committee = make_committee()
    for reference, value in [("LAC-RATE", "48.7"), ("CP-PLANS", "44.1")]:
        make_target(reference)
        actual = make_actual(reference, period="2017/18 Q1", value=value, state=State.PUBLISHED)
        committee.measures.add(actual.measure)
    meeting = Meeting.objects.create(committee=committee, date=date(2017, 9, 8), venue="Lincoln")
    item = AgendaItem.objects.create(
        meeting=meeting, number=8, title="Performance - Quarter 1 2017/18", period="2017/18 Q1"
    )
    Paper.objects.create(
        item=item, kind="appendix", letter="A", title="Measures", generated="measures"
    )
    return meeting


def rebuild(meeting: Meeting, pages: list[str] | None = None) -> list[str]:
    """Build the public pack again; the build's progress messages (and its pages' text)."""
    Pack.objects.filter(meeting=meeting).delete()
    messages: list[str] = []
    pack = build_pack(meeting=meeting, version="public", progress=messages.append)
    if pages is not None:
        with pack.file.open("rb") as handle:
            pages += [page.extract_text() for page in PdfReader(handle).pages]
    return messages


@pytest.mark.django_db
@pytest.mark.slow
def test_a_rebuild_draws_only_the_chart_whose_figure_changed(meeting: Meeting, settings) -> None:
    chromium = settings.BROWSER_PATH
    drawn: list[str] = []
    assert "Drawing 2 of 2 trend charts" in rebuild(meeting, drawn)
    cached = sorted((Path(settings.MEDIA_ROOT) / "cache" / "charts").glob("*.svg"))
    assert len(cached) == 2

    # Every chart already drawn: Chromium is not even started.
    settings.BROWSER_PATH = "/nonexistent"
    kept: list[str] = []
    assert "Drawing 0 of 2 trend charts (2 unchanged since they were last drawn)" in rebuild(
        meeting, kept
    )
    # The charts were drawn while the pages were first laid out, standing in as blanks of
    # their size: the pack printed every chart, on the pages the cached build prints them.
    assert drawn == kept
    axis_titles = sum(
        " ".join(page.split()).count("Rate per 10,000 children under 18") for page in drawn
    )
    assert axis_titles == 2, "a chart was printed blank"

    settings.BROWSER_PATH = chromium
    Actual.objects.filter(measure__reference="CP-PLANS").update(value="51.2")
    assert "Drawing 1 of 2 trend charts (1 unchanged since they were last drawn)" in rebuild(
        meeting
    )
