"""Measures pages."""

from itertools import groupby

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from measures.models import Measure


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
