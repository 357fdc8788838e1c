"""The benchmarks explorer's addresses: indicators by URL-safe slug, never raw code."""

from django.urls import path

from measures.benchmarking import views

urlpatterns = [
    path("", views.explorer, name="benchmark-explorer"),
    path("<slug:slug>/", views.indicator_page, name="benchmark-indicator"),
    path(
        "<slug:slug>/authorities.csv", views.indicator_export, {"fmt": "csv"}, name="benchmark-csv"
    ),
    path(
        "<slug:slug>/authorities.xlsx",
        views.indicator_export,
        {"fmt": "xlsx"},
        name="benchmark-xlsx",
    ),
]
