"""The pack as one PDF: WeasyPrint lays out every page; uploaded papers go under their pages.

Every outside step has a time limit and ends in a PackError naming it: reading each upload,
starting Chromium and drawing each chart, laying out, merging. Reading, laying out and
merging run in child processes with a memory limit (committees/sandbox.py); the whole
build shares one time budget (PACK_BUILD_SECONDS).
"""

from __future__ import annotations

import base64
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

from committees.packs import printing
from committees.packs.charts import (
    ChartCache,
    ChartError,
    chart_drawing,
    chart_key,
)
from committees.packs.content import (
    MEASURES,
    Document,
    MinutesPaper,
    PackContent,
    PrintedMeasure,
)
from committees.packs.layout import item_ranges, range_label
from committees.pdfs import UnusablePdf, check_pdf
from committees.sandbox import Crashed, OutOfMemory, TimedOut, run_limited
from committees.uploads import paper_limits

Progress = Callable[[str], None]
Wait = Callable[[], None]
Ranges = dict[str, tuple[int, int]]
LAYOUTS = 3  # at most: the agenda's ranges are found, printed, and checked


class PackError(Exception):
    """The pack cannot be built; the message says which paper or step, and why."""


@dataclass(frozen=True)
class BuiltPDF:
    """A laid-out pack: the bytes, its page count, item page ranges and how it is tagged."""

    data: bytes
    pages: int
    item_pages: dict[int, tuple[int, int]]
    fully_tagged: bool
    note: str


class Budget:
    """The build's time budget, shared by its steps, and the children's memory limit."""

    def __init__(self) -> None:
        self.seconds = settings.PACK_BUILD_SECONDS
        self.deadline = time.monotonic() + self.seconds
        self.memory_mb = settings.PACK_MEMORY_MB

    def left(self, step: str) -> float:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise PackError(
                f"The build used up its {self.seconds:g}-second budget before {step}, so it "
                "was stopped; nothing was stored."
            )
        return remaining

    def within(self, step: str, seconds: float) -> tuple[float, bool]:
        """The time the step may take, and whether that is the rest of the whole budget."""
        remaining = self.left(step)
        return (seconds, False) if seconds < remaining else (remaining, True)

    def run(self, step: str, function: Callable[..., Any], *args: Any, seconds: float = 0) -> Any:
        """function(*args) in a limited child process, its overruns told as PackErrors."""
        limit, whole = self.within(step, seconds or float("inf"))
        try:
            return run_limited(function, *args, seconds=limit, memory_mb=self.memory_mb)
        except TimedOut:
            if whole:
                raise PackError(
                    f"The build took longer than its {self.seconds:g}-second budget while "
                    f"{step}, so it was stopped; nothing was stored."
                ) from None
            raise PackError(
                f"{step[0].upper()}{step[1:]} took longer than {seconds:g} seconds, so it "
                "was stopped; nothing was stored."
            ) from None
        except OutOfMemory:
            raise PackError(
                f"{step[0].upper()}{step[1:]} needed more than the {self.memory_mb:,} MB memory "
                "limit (PACK_MEMORY_MB), so it was stopped; nothing was stored."
            ) from None
        except Crashed as problem:
            raise PackError(f"{step[0].upper()}{step[1:]} {problem}; nothing was stored.") from None
        except (PackError, UnusablePdf):
            raise
        except Exception as problem:  # raised by WeasyPrint or qpdf in the child
            raise PackError(
                f"{step[0].upper()}{step[1:]} failed ({type(problem).__name__}: {problem}); "
                "nothing was stored."
            ) from problem


def _where(document: Document) -> str:
    paper = document.paper
    assert paper is not None
    return f"{document.label} of item {paper.item.number} ({paper.title})"


def _read_upload(document: Document, budget: Budget) -> bytes:
    """The uploaded paper's bytes, checked as an upload is (limits, encryption, page sizes)."""
    paper = document.paper
    assert paper is not None and paper.file
    where = _where(document)
    limit = settings.PAPER_MAX_MB * 1024 * 1024
    try:
        if paper.file.size > limit:
            raise PackError(
                f"{where} is {paper.file.size / 1024 / 1024:.1f} MB: papers can be at most "
                f"{settings.PAPER_MAX_MB} MB."
            )
        with paper.file.open("rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as problem:
        raise PackError(f"{where} cannot be read: {problem}") from problem
    try:
        facts = budget.run(
            f"reading {where}", check_pdf, raw, paper_limits(), seconds=settings.PAPER_CHECK_SECONDS
        )
    except UnusablePdf as problem:
        raise PackError(f"{where} {problem}") from None
    document.upload_pages = facts.pages
    return raw


def _svg_url(svg: str) -> str:
    """A chart's SVG as a data: URL for the page's image."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def chart_cache() -> ChartCache:
    """The charts already drawn, under MEDIA_ROOT (never served: only views serve media)."""
    return ChartCache(Path(settings.MEDIA_ROOT) / "cache" / "charts")


@contextmanager
def _charts_drawn(pack: PackContent, progress: Progress, budget: Budget) -> Iterator[Wait]:
    """Every measure's trend chart on its page: from the cache, or drawn in the background.

    Yields at once, so the uploads are read while Chromium draws, with a function that waits
    for the charts, keeps them in the cache and puts them on their pages. Leaving the block
    stops Chromium.
    """
    documents = [d for d in pack.documents if d.kind == MEASURES]
    keys = [[chart_key(m.page.chart) if m.page.rows else "" for m in d.measures] for d in documents]
    charted = [key for row in keys for key in row if key]
    cache = chart_cache()
    svgs = {key: svg for key in set(charted) if (svg := cache.get(key)) is not None}
    missing: dict[str, PrintedMeasure] = {}
    for document, row in zip(documents, keys, strict=True):
        for measure, key in zip(document.measures, row, strict=True):
            if key and key not in svgs:
                missing.setdefault(key, measure)

    def show() -> None:
        for document, row in zip(documents, keys, strict=True):
            document.measures = [
                replace(m, svg=_svg_url(svgs[key])) if key else m
                for m, key in zip(document.measures, row, strict=True)
            ]

    if charted:
        progress(
            f"Drawing {len(missing)} of {len(charted)} trend charts"
            + (
                f" ({len(charted) - len(missing)} unchanged since they were last drawn)"
                if svgs
                else ""
            )
        )
    if not missing:
        show()
        yield lambda: None
        return
    charts = [(m.page.chart, m.page.measure.reference) for m in missing.values()]
    try:
        start, _ = budget.within(
            "starting Chromium to draw the charts", settings.PACK_BROWSER_SECONDS
        )
        drawing = chart_drawing(
            charts,
            browser_path=settings.BROWSER_PATH,
            start_seconds=start,
            chart_seconds=settings.PACK_CHART_SECONDS,
            seconds=budget.left("drawing the charts"),
            tabs=min(settings.PACK_CHART_TABS, len(missing)),
        )
        with drawing as pending:

            def wait() -> None:
                if all(key in svgs for key in missing):
                    return
                drawn = pending.result(budget.left("drawing the charts"))
                for key, svg in zip(missing, drawn, strict=True):
                    cache.put(key, svg)
                    svgs[key] = svg
                show()

            yield wait
            wait()
    except ChartError as problem:
        raise PackError(f"{problem} Nothing was stored.") from problem
    cache.prune(settings.PACK_CHART_CACHE_DAYS)


def _lay_out_numbered(pack: PackContent, budget: Budget) -> tuple[printing.LaidOut, Ranges]:
    """The pack laid out with the agenda's page ranges as they fall in that layout.

    A range that counts the blank filler page ("5 - 14"), or a single page ("15"), is not
    something CSS can print, so the first layout finds the ranges and the next prints them
    (ranges of the same width, so the agenda and what follows it keep their pages; laid out
    again in the rare case where they do not).
    """
    items = [entry.anchor for entry in pack.entries if entry.documents]
    printed: Ranges | None = None
    for _ in range(LAYOUTS):
        html = render_to_string("committees/pack/pdf.html", {"pack": pack, "pdf": True})
        laid = budget.run("laying out the pages", printing.lay_out, html)
        ranges = item_ranges(laid.anchors_by_page, items)
        if ranges == printed:
            break
        for entry in pack.entries:
            entry.pages_text = range_label(*ranges[entry.anchor]) if entry.anchor in ranges else ""
        printed = ranges
    return laid, ranges


def render_pack(pack: PackContent, *, progress: Progress = lambda _: None) -> BuiltPDF:
    """Lay out the whole pack, number its pages and merge in uploaded PDFs."""
    budget = Budget()
    with _charts_drawn(pack, progress, budget) as charts_drawn:
        uploads = {document.anchor: _read_upload(document, budget) for document in pack.uploads}
        # Chromium is stopped before the pages are laid out: drawing during the first layout
        # was tried, and with the layout's child process needed about 1.1 GB for a 240-page
        # pack (bench/pack.py), over the 1 GB aim.
        charts_drawn()
    progress("Laying out the pages")
    laid, ranges = _lay_out_numbered(pack, budget)
    data = laid.data
    note = ""
    if uploads:
        progress(f"Merging {len(uploads)} uploaded PDF{'s' if len(uploads) > 1 else ''}")
        data = budget.run(
            "merging the uploaded PDFs",
            printing.lay_uploads_under,
            data,
            uploads,
            laid.anchors_by_page,
        )
        names = ", ".join(f"item {d.paper.item.number} {d.label}" for d in pack.uploads if d.paper)
        note = (
            "Only partly tagged for accessibility: the generated pages are tagged (PDF/UA), "
            f"but the uploaded PDFs laid into the pack are not ({names})."
        )
    return BuiltPDF(
        data=data,
        pages=len(laid.anchors_by_page),
        item_pages={int(key.split("-")[1]): value for key, value in ranges.items()},
        fully_tagged=not uploads,
        note=note,
    )


def render_minutes(minutes: MinutesPaper) -> bytes:
    """A meeting's minutes on their own, laid out as the pack prints them (PDF/UA-1)."""
    html = render_to_string(
        "committees/minutes_pdf.html",
        {"minutes": minutes, "council": settings.COUNCIL_NAME, "pdf": True},
    )
    laid: printing.LaidOut = Budget().run("laying out the minutes", printing.lay_out, html)
    return laid.data
