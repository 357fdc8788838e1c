"""The recommendations tracker of a committee, a recommendation's page and its evidence."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from committees.models import Committee, Recommendation, RecommendationUpdate
from committees.recommendations import (
    CSV_HEADERS,
    RecommendationFilter,
    csv_rows,
    measure_rows,
    recommendations_of,
    tracked,
)
from measures.spreadsheets import csv_text, spreadsheet_response


def _private(request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
    if request.user.is_authenticated:
        # Staff see unpublished recommendations: never cached for anyone else.
        response["Cache-Control"] = "private, no-store"
    return response


def tracker(request: HttpRequest, slug: str, fmt: str = "html") -> HttpResponseBase:
    committee = get_object_or_404(Committee, slug=slug)
    today = timezone.localdate()
    chosen = RecommendationFilter(
        request.GET, queryset=recommendations_of(committee, request.user), today=today
    )
    rows = [tracked(r, today) for r in chosen.qs]
    if fmt == "csv":
        base = f"{request.scheme}://{request.get_host()}"
        content = csv_text(CSV_HEADERS, csv_rows(rows, base))
        return _private(
            request,
            spreadsheet_response(content, fmt="csv", name=f"{committee.slug}-recommendations"),
        )
    filtered = any(request.GET.get(name) for name in chosen.filters)
    response = render(
        request,
        "committees/recommendations/tracker.html",
        {
            "committee": committee,
            "filter": chosen,
            "filtered": filtered,
            "rows": rows,
            "query": request.GET.urlencode(),
        },
    )
    return _private(request, response)


def detail(request: HttpRequest, slug: str, pk: int) -> HttpResponseBase:
    committee = get_object_or_404(Committee, slug=slug)
    recommendation = get_object_or_404(
        recommendations_of(committee, request.user).prefetch_related("actions__item__meeting"),
        pk=pk,
    )
    response = render(
        request,
        "committees/recommendations/detail.html",
        {
            "committee": committee,
            "row": tracked(recommendation, timezone.localdate()),
            "recommendation": recommendation,
            "measure_rows": measure_rows(recommendation, request.user),
        },
    )
    return _private(request, response)


def evidence(request: HttpRequest, slug: str, pk: int, update: int) -> HttpResponseBase:
    """An update's evidence PDF, for those who may read its recommendation."""
    committee = get_object_or_404(Committee, slug=slug)
    visible = Recommendation.objects.visible_to(request.user).filter(committee=committee, pk=pk)
    found = get_object_or_404(
        RecommendationUpdate, recommendation__in=visible, pk=update, evidence__gt=""
    )
    if not found.evidence:
        raise Http404("No evidence is attached to this update.")
    response = FileResponse(found.evidence.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="evidence-{found.pk}.pdf"'
    return _private(request, response)
