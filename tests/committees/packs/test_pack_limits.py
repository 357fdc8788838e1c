"""A pack build never hangs or exhausts the machine: every outside step has a limit and
ends in a message naming the step, and nothing is stored."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile

from committees.models import AgendaItem, Committee, Meeting, Pack, Paper
from committees.packs.build import PackError, build_pack
from measures.models import State
from tests.committees.packs.pack_support import (
    bomb_pdf,
    deep_pdf,
    encrypted_pdf,
    many_pages_pdf,
    read_pack,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_charts_drawn_yet(settings, tmp_path: Path) -> None:
    """A media folder of its own, so no chart is in the cache and every limit is met."""
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def meeting(make_committee: Callable[..., Committee]) -> Meeting:
    committee = make_committee()
    return Meeting.objects.create(committee=committee, date=date(2017, 9, 8), venue="Lincoln")


@pytest.fixture
def with_charts(meeting: Meeting, make_target, make_actual) -> Meeting:
    """Item 8's generated appendix: LAC-RATE's page, with its trend chart."""
    make_target("LAC-RATE")
    figure = make_actual("LAC-RATE", period="2017/18 Q1", state=State.PUBLISHED)
    meeting.committee.measures.add(figure.measure)
    item = AgendaItem.objects.create(
        meeting=meeting, number=8, title="Performance - Quarter 1 2017/18", period="2017/18 Q1"
    )
    Paper.objects.create(
        item=item, kind="appendix", letter="A", title="Measures", generated="measures"
    )
    return meeting


def refused(meeting: Meeting) -> str:
    with pytest.raises(PackError) as problem:
        build_pack(meeting=meeting, version="public")
    assert not Pack.objects.exists()
    return str(problem.value)


def test_a_missing_browser_is_a_message_not_a_hang(with_charts: Meeting, settings) -> None:
    settings.BROWSER_PATH = "/nonexistent"
    started = time.monotonic()
    message = refused(with_charts)
    assert "Chromium, which draws the charts, is not at /nonexistent" in message
    assert time.monotonic() - started < 10


def browser_processes(script: Path) -> list[str]:
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if str(script) in cmdline.read_bytes().decode(errors="replace"):
                found.append(cmdline.parent.name)
        except OSError:
            continue
    return found


def test_a_browser_that_hangs_is_stopped_after_its_time_limit(
    with_charts: Meeting, settings, tmp_path: Path
) -> None:
    script = tmp_path / "hanging-chromium"
    script.write_text("#!/bin/sh\nsleep 120\n")
    script.chmod(0o755)
    settings.BROWSER_PATH = str(script)
    settings.PACK_BROWSER_SECONDS = 2
    started = time.monotonic()
    message = refused(with_charts)
    assert "Starting Chromium to draw the charts took longer than 2 seconds" in message
    assert time.monotonic() - started < 20
    assert browser_processes(script) == [], "the hanging browser was left running"


def test_a_chart_that_takes_too_long_is_stopped_naming_its_measure(
    with_charts: Meeting, settings
) -> None:
    settings.PACK_CHART_SECONDS = 0.001
    message = refused(with_charts)
    assert "Drawing the chart of LAC-RATE took longer than 0.001 seconds" in message


def test_the_whole_build_has_a_time_budget(meeting: Meeting, settings) -> None:
    item = AgendaItem.objects.create(meeting=meeting, number=5, title="Budget")
    Paper.objects.create(item=item, kind="report", title="Report", text="Words. " * 2000)
    settings.PACK_BUILD_SECONDS = 0.05
    message = refused(meeting)
    assert "0.05-second budget" in message and "laying out the pages" in message


def test_a_step_over_the_memory_limit_is_stopped_with_a_message(meeting: Meeting, settings) -> None:
    item = AgendaItem.objects.create(meeting=meeting, number=5, title="Budget")
    Paper.objects.create(item=item, kind="report", title="Report", text="Words.")
    # Less than a child process needs to start, so the first step to run is stopped.
    settings.PACK_MEMORY_MB = 20
    message = refused(meeting)
    assert message.startswith("Laying out the pages needed more than the 20 MB memory limit")


def stored_upload(meeting: Meeting, data: bytes) -> None:
    """An upload saved before today's limits (or by a path that skipped the form's check)."""
    item = AgendaItem.objects.create(meeting=meeting, number=5, title="Contracts")
    Paper.objects.create(item=item, kind="report", title="Contracts report", text="Words.")
    Paper.objects.create(
        item=item,
        kind="appendix",
        letter="B",
        title="Scanned letter",
        file=ContentFile(data, name="letter.pdf"),
    )


@pytest.mark.parametrize(
    ("make", "message", "limits"),
    [
        pytest.param(encrypted_pdf, "is password-protected", {}, id="aes-encrypted"),
        pytest.param(
            lambda: deep_pdf(2000), "nested more than 100 levels deep", {}, id="2000-deep"
        ),
        pytest.param(
            lambda: many_pages_pdf(30),
            "has more than 20 pages",
            {"PAPER_MAX_PAGES": 20},
            id="too-many-pages",
        ),
        pytest.param(
            lambda: bomb_pdf(40),
            "holds more than 16 MB once decompressed",
            {"PAPER_MAX_DECOMPRESSED_MB": 16},
            id="deflate-bomb",
        ),
    ],
)
def test_a_stored_upload_over_a_limit_stops_the_build_naming_the_paper(
    meeting: Meeting, settings, make: Callable[[], bytes], message: str, limits: dict[str, Any]
) -> None:
    for name, value in limits.items():
        setattr(settings, name, value)
    stored_upload(meeting, make())
    text = refused(meeting)
    assert text.startswith("Appendix B of item 5 (Scanned letter) ")
    assert message in text


def test_merging_keeps_an_upload_s_streams_compressed(meeting: Meeting, settings) -> None:
    """A 20 MB deflated stream goes into the pack as it was stored, never inflated."""
    stored_upload(meeting, bomb_pdf(20))
    pack = build_pack(meeting=meeting, version="public")
    assert pack.size < 2 * 1024 * 1024
    titles = [title for _, title, _ in read_pack(pack).outline]
    assert "Appendix B: Scanned letter" in titles
