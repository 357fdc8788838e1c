"""Pages every user shares: home, accessibility statement, glossary, health check."""

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from scrutiny.glossary import SECTIONS


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
