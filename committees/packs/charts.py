"""Plotly charts drawn as SVG by kaleido in Debian's Chromium, one browser per pack."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import plotly
import plotly.graph_objects as go
from django.conf import settings

# Page-sized charts: the measure page's chart is sized by the browser, the pack's by A4.
WIDTH, HEIGHT = 680, 260


class ChartError(RuntimeError):
    """The chart renderer could not start or draw."""


def _plotly_js() -> str:
    # The copy that came with plotly.py: kaleido would otherwise fetch one from a CDN.
    return str(Path(plotly.__file__).parent / "package_data" / "plotly.min.js")


@contextmanager
def chart_renderer() -> Iterator[Any]:
    """Start kaleido's browser once; yield a function drawing a figure dict as SVG text."""
    import kaleido

    browser = settings.BROWSER_PATH
    if not os.environ.get("BROWSER_PATH") and Path(browser).exists():
        os.environ["BROWSER_PATH"] = browser  # how choreographer is told which browser to use
    try:
        kaleido.start_sync_server(mathjax=False, plotlyjs=_plotly_js(), silence_warnings=True)
    except Exception as problem:  # choreographer raises its own types for a missing browser
        raise ChartError(
            f"Could not start Chromium to draw the charts ({problem}). "
            "Install Debian's chromium package or set BROWSER_PATH."
        ) from problem

    def draw(figure: dict[str, Any]) -> str:
        chart = go.Figure(figure)
        chart.update_layout(width=WIDTH, height=HEIGHT)
        try:
            svg = kaleido.calc_fig_sync(
                chart, opts={"format": "svg", "width": WIDTH, "height": HEIGHT}
            )
        except Exception as problem:
            raise ChartError(f"Could not draw a chart: {problem}") from problem
        return svg.decode() if isinstance(svg, bytes) else svg

    try:
        yield draw
    finally:
        kaleido.stop_sync_server(silence_warnings=True)
