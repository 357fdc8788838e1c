"""Measures pages: the dashboard, its exports, the measures list and the measure page."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django_tables2 import RequestConfig

from measures.models import Actual, Measure
from measures.pages import exports
from measures.pages.dashboard import (
    Row,
    View,
    dashboard_rows,
    latest_published_period,
    status_counts,
    with_group_headings,
)
from measures.pages.detail import measure_page
from measures.pages.filters import DashboardFilter, active_filters
from measures.pages.tables import DashboardTable
from measures.rules.periods import Period
from measures.spreadsheets import spreadsheet_response
from scrutiny.caching import cached_page

if TYPE_CHECKING:
    from measures.permissions import User


@dataclass(frozen=True)
class Dashboard:
    """What the dashboard's query string asks for, and the rows it gives."""

    period: Period | None
    view: str
    filters: DashboardFilter
    rows: list[Row]
    error: str = ""


def _dashboard(request: HttpRequest, *, user: User | None) -> Dashboard:
    text, error = request.GET.get("period", "").strip(), ""
    try:
        period = Period.parse(text) if text else latest_published_period()
    except ValueError as problem:
        period, error = latest_published_period(), f"{problem}. Showing the latest quarter."
    view = View.LATEST if request.GET.get("view") == View.LATEST else View.PERIOD
    filters = DashboardFilter(request.GET, queryset=Measure.objects.all())
    rows: list[Row] = []
    if period and filters.is_valid():
        rows = dashboard_rows(period=period, user=user, view=view, measures=filters.qs)
        status = filters.form.cleaned_data.get("status")
        if status:
            rows = [row for row in rows if row.status.value == status]
    return Dashboard(period=period, view=view, filters=filters, rows=rows, error=error)


@cached_page
def dashboard(request: HttpRequest) -> HttpResponse:
    board = _dashboard(request, user=request.user)
    table = DashboardTable(
        with_group_headings(board.rows), show_reported_in=board.view == View.LATEST
    )
    RequestConfig(request, paginate=False).configure(table)
    periods = (
        Actual.objects.visible_to(request.user)
        .order_by("-year", "-quarter")
        .values_list("year", "quarter")
        .distinct()
    )
    return render(
        request,
        "measures/dashboard.html",
        {
            "board": board,
            "table": table,
            "counts": status_counts(board.rows),
            "status_base": _without(request, "status"),
            "active_filters": active_filters(board.filters, request.GET),
            "changed": [row for row in board.rows if row.changed_status],
            "periods": [Period(*p) for p in periods],
            "query": request.GET.urlencode(),
        },
    )


def _without(request: HttpRequest, name: str) -> str:
    """The query string without one choice: what a link changing that choice starts from."""
    query = request.GET.copy()
    query.pop(name, None)
    return query.urlencode()


@cached_page
def dashboard_export(request: HttpRequest, fmt: str) -> HttpResponse:
    # Exports hold published figures only, whoever asks.
    board = _dashboard(request, user=None)
    if board.error:
        raise Http404(board.error)
    name = (
        f"dashboard-{board.period.label.replace('/', '-').replace(' ', '-')}"
        if board.period
        else "dashboard"
    )
    content = exports.to_xlsx(board.rows) if fmt == "xlsx" else exports.to_csv(board.rows)
    return spreadsheet_response(content, fmt=fmt, name=name)


def measure_list(request: HttpRequest) -> HttpResponse:
    measures = Measure.objects.filter(is_current=True).in_council_order()
    ambitions = [
        (
            ambition,
            [(outcome, list(group)) for outcome, group in groupby(items, lambda m: m.outcome)],
        )
        for ambition, items in groupby(measures, lambda m: m.outcome.ambition)
    ]
    return render(request, "measures/measure_list.html", {"ambitions": ambitions})


@cached_page
def measure_detail(request: HttpRequest, reference: str) -> HttpResponse:
    if "\x00" in reference:
        # No reference holds one, and PostgreSQL cannot even compare text holding one.
        raise Http404("There is no such measure.")
    page = measure_page(
        reference=reference,
        user=request.user,
        period=request.GET.get("period"),
        benchmark_period=request.GET.get("benchmark"),
    )
    return render(request, "measures/measure_detail.html", page.context())
