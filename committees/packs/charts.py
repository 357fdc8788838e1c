"""Plotly charts drawn as SVG by kaleido in Debian's Chromium, one browser per pack.

kaleido runs on an event loop in a thread of our own, so that starting the browser and
drawing each chart have time limits, every failure reaches the build, and a browser that
hangs is killed rather than waited on for ever.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import plotly
import plotly.graph_objects as go

# Page-sized charts: the measure page's chart is sized by the browser, the pack's by A4.
WIDTH, HEIGHT = 680, 260


class ChartError(RuntimeError):
    """The chart renderer could not start or draw; the message says which and why."""


def _plotly_js() -> str:
    # The copy that came with plotly.py: kaleido would otherwise fetch one from a CDN.
    return str(Path(plotly.__file__).parent / "package_data" / "plotly.min.js")


def _seconds(seconds: float) -> str:
    shown = f"{seconds:g}"
    return f"{shown} second{'' if shown == '1' else 's'}"


class _Browser:
    """kaleido's Chromium on a private event loop."""

    def __init__(self, browser_path: str) -> None:
        self.path = browser_path
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
        import kaleido

        self.kaleido = kaleido.Kaleido(
            path=self.path, mathjax=False, plotlyjs=_plotly_js(), timeout=None
        )
        await self.kaleido.open()

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


@contextmanager
def chart_renderer(
    *, browser_path: str, start_seconds: float, chart_seconds: float
) -> Iterator[Callable[..., str]]:
    """Start Chromium once; yield draw(figure, name[, seconds]) giving a figure dict as SVG.

    Raises ChartError naming the step when Chromium is missing, does not start within
    start_seconds, or takes longer than chart_seconds over a chart.
    """
    if not (os.path.isfile(browser_path) and os.access(browser_path, os.X_OK)):
        raise ChartError(
            f"Chromium, which draws the charts, is not at {browser_path}: install Debian's "
            "chromium package or set BROWSER_PATH."
        )
    browser = _Browser(browser_path)
    clean = False
    try:
        try:
            browser.call(browser.open, start_seconds)
        except FutureTimeout:
            raise ChartError(
                f"Starting Chromium to draw the charts took longer than {_seconds(start_seconds)} "
                f"(BROWSER_PATH is {browser_path}), so it was stopped."
            ) from None
        except Exception as problem:
            raise ChartError(
                f"Could not start Chromium to draw the charts ({problem}). "
                "Install Debian's chromium package or set BROWSER_PATH."
            ) from problem

        def draw(figure: dict[str, Any], name: str, seconds: float | None = None) -> str:
            limit = chart_seconds if seconds is None else min(seconds, chart_seconds)
            chart = go.Figure(figure)
            chart.update_layout(width=WIDTH, height=HEIGHT)
            opts = {"format": "svg", "width": WIDTH, "height": HEIGHT}
            try:
                svg = browser.call(lambda: browser.kaleido.calc_fig(chart, opts=opts), limit)
            except FutureTimeout:
                raise ChartError(
                    f"Drawing the chart of {name} took longer than {_seconds(limit)}, "
                    "so Chromium was stopped."
                ) from None
            except Exception as problem:
                raise ChartError(f"Could not draw the chart of {name}: {problem}") from problem
            return svg.decode() if isinstance(svg, bytes) else svg

        yield draw
        clean = True
    finally:
        browser.close(clean=clean)
