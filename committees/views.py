"""Committee and meeting pages."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def committee_list(request: HttpRequest) -> HttpResponse:
    return render(request, "committees/committee_list.html")


def meeting_list(request: HttpRequest) -> HttpResponse:
    return render(request, "committees/meeting_list.html")
