"""Plotly charts drawn as SVG by kaleido in Debian's Chromium, one browser per pack, in the
background while the build reads its uploads; each chart's SVG is kept in a file named by a
hash of its figure.

kaleido runs on an event loop in a thread of our own, so that starting the browser and
drawing each chart have time limits, every failure reaches the build, and a browser that
hangs is killed rather than waited on for ever.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager, suppress
from importlib.metadata import version
from pathlib import Path
from typing import Any

import plotly
import plotly.graph_objects as go

# Page-sized charts: the measure page's chart is sized by the browser, the pack's by A4.
WIDTH, HEIGHT = 680, 260
Charts = list[tuple[dict[str, Any], str]]  # (figure, the measure it is for)


def chart_key(figure: dict[str, Any]) -> str:
    """The name a chart's SVG is kept under: a hash of its figure, its size and the renderer."""
    drawn_by = [WIDTH, HEIGHT, plotly.__version__, version("kaleido")]
    text = json.dumps([figure, drawn_by], sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


class ChartCache:
    """Charts already drawn, one SVG file each, named by chart_key.

    A file is written whole under a temporary name and renamed, so two builds drawing the same
    chart at once, or a build stopped half-way, never leave a partial SVG to be read.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def get(self, key: str) -> str | None:
        path = self.directory / f"{key}.svg"
        try:
            svg = path.read_text()
            os.utime(path)  # used: kept by prune for another while
        except OSError:
            return None
        return svg

    def put(self, key: str, svg: str) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.directory, suffix=".part")
        try:
            with os.fdopen(handle, "w") as file:
                file.write(svg)
            os.replace(temporary, self.directory / f"{key}.svg")
        except BaseException:
            with suppress(OSError):
                os.unlink(temporary)
            raise

    def prune(self, days: float) -> None:
        """Remove the charts no build has used for `days` days (and any left-over parts)."""
        now = time.time()
        # A part younger than a day may be a build's chart being written now.
        oldest = {".svg": now - days * 86_400, ".part": now - 86_400}
        for path in self.directory.glob("*"):
            with suppress(OSError):
                if path.stat().st_mtime < oldest.get(path.suffix, 0):
                    path.unlink()


class ChartError(RuntimeError):
    """The chart renderer could not start or draw; the message says which and why."""


def _plotly_js() -> str:
    # The copy that came with plotly.py: kaleido would otherwise fetch one from a CDN.
    return str(Path(plotly.__file__).parent / "package_data" / "plotly.min.js")


def _seconds(seconds: float) -> str:
    shown = f"{seconds:g}"
    return f"{shown} second{'' if shown == '1' else 's'}"


def _kaleido_keeping_its_tabs() -> type[Any]:
    """kaleido, but a tab is not reloaded after each chart it draws.

    kaleido reloads the tab (and its 4.6 MB of plotly.js) after every chart, as a guard for
    figures that leave state behind; Plotly.toImage draws each figure in a div of its own and
    removes it, so ours leave none. Without the reloads 60 charts take 1.3 s in one tab rather
    than 9 s, and Chromium's memory grows by about 0.3 MB a chart rather than 5.
    """
    import kaleido

    class KeptTabs(kaleido.Kaleido):
        async def _return_kaleido_tab(self, tab: Any) -> None:
            await self.tabs_ready.put(tab)

    return KeptTabs


class _Browser:
    """kaleido's Chromium on a private event loop."""

    def __init__(self, browser_path: str, *, tabs: int) -> None:
        self.path = browser_path
        self.tabs = tabs
        self.kaleido: Any = None
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def call(self, make: Callable[[], Any], seconds: float) -> Any:
        future = asyncio.run_coroutine_threadsafe(self._quietly(make), self.loop)
        try:
            return future.result(timeout=max(seconds, 0))
        except FutureTimeout:
            future.cancel()
            raise

    @staticmethod
    async def _quietly(make: Callable[[], Any]) -> Any:
        # choreographer turns a cancellation into its own error; once the step has been
        # given up on, nobody reads that, so it ends as the cancellation it was.
        try:
            return await make()
        except Exception:
            task = asyncio.current_task()
            if task is not None and task.cancelling():
                raise asyncio.CancelledError from None
            raise

    async def open(self) -> None:
        self.kaleido = _kaleido_keeping_its_tabs()(
            n=self.tabs, path=self.path, mathjax=False, plotlyjs=_plotly_js(), timeout=None
        )
        await self.kaleido.open()

    async def open_and_draw(
        self, charts: Charts, *, start_seconds: float, limit: float
    ) -> list[bytes | BaseException]:
        """Start the browser within start_seconds, then draw the charts (see draw_all)."""
        try:
            await asyncio.wait_for(self._quietly(self.open), start_seconds)
        except TimeoutError:
            raise ChartError(
                f"Starting Chromium to draw the charts took longer than {_seconds(start_seconds)} "
                f"(BROWSER_PATH is {self.path}), so it was stopped."
            ) from None
        except Exception as problem:
            raise ChartError(
                f"Could not start Chromium to draw the charts ({problem}). "
                "Install Debian's chromium package or set BROWSER_PATH."
            ) from problem
        return await self.draw_all(charts, limit)

    async def draw_all(self, charts: Charts, seconds: float) -> list[bytes | BaseException]:
        """Each chart as SVG bytes (or the error it ended in), `tabs` drawn at once.

        A chart's time limit starts when it has a tab, so waiting in the queue never counts.
        """
        tabs = asyncio.Semaphore(self.tabs)
        opts = {"format": "svg", "width": WIDTH, "height": HEIGHT}

        async def one(figure: dict[str, Any]) -> bytes:
            chart = go.Figure(figure)
            chart.update_layout(width=WIDTH, height=HEIGHT)
            async with tabs:
                loop = asyncio.get_running_loop()
                started = loop.time()
                try:
                    return await asyncio.wait_for(self.kaleido.calc_fig(chart, opts=opts), seconds)
                except TimeoutError:
                    raise
                except Exception:
                    # Cut off at its limit, kaleido may end in an error of its own ("Executor
                    # is closed") rather than the timeout: it was still the time that ran out.
                    if loop.time() - started >= seconds:
                        raise TimeoutError from None
                    raise

        return await asyncio.gather(*(one(figure) for figure, _ in charts), return_exceptions=True)

    def kill(self) -> None:
        """End the browser and everything it started (it leads a process group of its own)."""
        process = getattr(self.kaleido, "subprocess", None)
        if process is not None and process.poll() is None:
            with suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
            with suppress(Exception):
                process.wait(5)

    def close(self, *, clean: bool) -> None:
        if clean and self.kaleido is not None:
            with suppress(Exception):
                self.call(self.kaleido.close, 10)
        self.kill()
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)


class Drawing:
    """Charts being drawn in the background; result() waits for their SVGs."""

    def __init__(
        self, future: Future[list[bytes | BaseException]], charts: Charts, *, limit: float
    ) -> None:
        self.future = future
        self.charts = charts
        self.limit = limit  # each chart's, from when it has a tab

    def result(self, seconds: float) -> list[str]:
        """The SVGs in the charts' order, waiting at most `seconds` more; ChartError if not."""
        try:
            drawn = self.future.result(timeout=max(seconds, 0))
        except FutureTimeout:
            raise ChartError(
                f"Drawing the {len(self.charts)} charts took longer than {_seconds(seconds)}, "
                "so Chromium was stopped."
            ) from None
        svgs = []
        for (_, name), svg in zip(self.charts, drawn, strict=True):
            if isinstance(svg, TimeoutError):
                raise ChartError(
                    f"Drawing the chart of {name} took longer than {_seconds(self.limit)}, "
                    "so Chromium was stopped."
                )
            if isinstance(svg, BaseException):
                raise ChartError(f"Could not draw the chart of {name}: {svg}") from svg
            svgs.append(svg.decode())
        return svgs


@contextmanager
def chart_drawing(
    charts: Charts,
    *,
    browser_path: str,
    start_seconds: float,
    chart_seconds: float,
    seconds: float,
    tabs: int = 1,
) -> Iterator[Drawing]:
    """Start Chromium with `tabs` tabs and draw the (figure dict, name) pairs in the background.

    Yields at once, so the caller can work meanwhile (a build checks its uploads); then
    Drawing.result() gives the SVGs.
    Chromium must start within start_seconds, each chart be drawn within chart_seconds of
    getting a tab, and all within `seconds`; otherwise ChartError names the step or the
    measure. Leaving the block stops Chromium, whether or not the charts were waited for.
    """
    if not (os.path.isfile(browser_path) and os.access(browser_path, os.X_OK)):
        raise ChartError(
            f"Chromium, which draws the charts, is not at {browser_path}: install Debian's "
            "chromium package or set BROWSER_PATH."
        )
    browser = _Browser(browser_path, tabs=max(tabs, 1))
    limit = min(seconds, chart_seconds)
    clean = False
    try:
        future = asyncio.run_coroutine_threadsafe(
            browser.open_and_draw(charts, start_seconds=start_seconds, limit=limit), browser.loop
        )
        yield Drawing(future, charts, limit=limit)
        clean = future.done() and future.exception() is None
    finally:
        browser.close(clean=clean)
