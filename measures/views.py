"""Measures pages."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def measure_list(request: HttpRequest) -> HttpResponse:
    return render(request, "measures/measure_list.html")
