"""Pages every user shares: home, accessibility statement, glossary, health check, search."""

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from scrutiny.glossary import SECTIONS
from scrutiny.search.forms import SearchForm
from scrutiny.search.reads import RELEVANCE
from scrutiny.search.reads import search as search_for


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "accessibility.html")


def help_page(request: HttpRequest) -> HttpResponse:
    return render(request, "help.html", {"sections": SECTIONS})


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def search(request: HttpRequest) -> HttpResponse:
    """Results for /search/?q=…, as the user may read them (scrutiny/search)."""
    form = SearchForm(request.GET)
    results = None
    if form.is_valid() and form.cleaned_data["q"]:
        data = form.cleaned_data
        results = search_for(
            user=request.user,
            query=data["q"],
            kinds=data["kind"],
            committee=data["committee"],
            since=data["since"],
            until=data["until"],
            order=data["order"] or RELEVANCE,
            page=data["page"] or 1,
        )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "search.html",
        {"form": form, "results": results, "address": query.urlencode()},
    )
