"""The benchmarks explorer: search the national indicators, compare any authority."""

import json

from django import forms
from django.core.paginator import Paginator
from django.db.models import Case, Q, Value, When
from django.db.models.functions import Length
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django_tables2 import RequestConfig

from measures.benchmarking.abbreviations import used_in
from measures.benchmarking.charts import comparison_figure, comparison_summary
from measures.benchmarking.models import Area, BenchmarkIndicator
from measures.benchmarking.reads import Comparison, bars_for, compare, our_area
from measures.benchmarking.tables import AuthorityTable
from measures.rules.units import plain
from measures.spreadsheets import csv_text, spreadsheet_response, xlsx_bytes
from scrutiny.caching import cached_page

EXPORT_COLUMNS = ["authority_code", "authority", "region", "value", "status", "rank", "quartile"]


class SearchForm(forms.Form):
    """The explorer's search box; its CharField refuses NUL characters, as every form does."""

    q = forms.CharField(required=False, max_length=200)


@cached_page
def explorer(request: HttpRequest) -> HttpResponse:
    search = SearchForm(request.GET)
    query = search.cleaned_data["q"].strip() if search.is_valid() else ""
    indicators = BenchmarkIndicator.objects.order_by("topic", "title")
    if query:
        # Titles that are the words searched for, or start with them, come first, then titles
        # with a word starting with them, then any other match; shorter titles first in each.
        indicators = (
            indicators.filter(
                Q(title__icontains=query) | Q(topic__icontains=query) | Q(code__icontains=query)
            )
            .annotate(
                match=Case(
                    When(title__iexact=query, then=Value(0)),
                    When(title__istartswith=query, then=Value(1)),
                    When(title__icontains=f" {query}", then=Value(2)),
                    When(title__icontains=query, then=Value(3)),
                    default=Value(4),
                )
            )
            .order_by("match", Length("title"), "title")
        )
    page = Paginator(indicators, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "benchmarking/explorer.html",
        {
            "query": query,
            "error": next(iter(search.errors.get("q", [])), ""),
            "page": page,
            "abbreviations": used_in([indicator.title for indicator in page]),
            "total": BenchmarkIndicator.objects.count(),
        },
    )


@cached_page
def indicator_page(request: HttpRequest, slug: str) -> HttpResponse:
    indicator = get_object_or_404(BenchmarkIndicator, slug=slug)
    code = request.GET.get("area", "").strip()
    ours = Area.objects.authorities().by_code(code) if code else our_area()
    comparison = compare(indicator=indicator, period=request.GET.get("period"), ours=ours)
    table = AuthorityTable(comparison.rows, indicator=indicator)
    RequestConfig(request, paginate=False).configure(table)
    bars = bars_for(comparison, ours)
    unit = f" {indicator.y_axis_name}" if indicator.y_axis_name else ""
    chart = comparison_figure(
        bars, title=f"{indicator.title}, {comparison.period}", axis_title=indicator.y_axis_name
    )
    return render(
        request,
        "benchmarking/indicator.html",
        {
            "indicator": indicator,
            "comparison": comparison,
            "ours": ours,
            "table": table,
            "bars": bars,
            "chart": json.loads(chart.to_json()),
            "summary": comparison_summary(
                bars, ours_label=ours.name if ours else "", unit_text=unit
            ),
            "authorities": Area.objects.authorities().order_by("name"),
        },
    )


def export_records(comparison: Comparison) -> list[list[str]]:
    places = comparison.indicator.decimal_places
    return [
        [
            row.area.code,
            row.area.name,
            row.area.region.name if row.area.region else "",
            plain(row.value, places if places is not None else 6) if row.value is not None else "",
            row.status,
            str(row.rank or ""),
            row.band or "",
        ]
        for row in comparison.rows
    ]


@cached_page
def indicator_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    indicator = get_object_or_404(BenchmarkIndicator, slug=slug)
    comparison = compare(indicator=indicator, period=request.GET.get("period"))
    records = export_records(comparison)
    name = f"{indicator.slug}-{comparison.period}".replace(" ", "-")
    content = (
        xlsx_bytes(EXPORT_COLUMNS, records, title="Authorities")
        if fmt == "xlsx"
        else csv_text(EXPORT_COLUMNS, records)
    )
    return spreadsheet_response(content, fmt=fmt, name=name)
