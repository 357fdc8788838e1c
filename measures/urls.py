"""Measures pages."""

from django.urls import path

from measures import views

urlpatterns = [
    path("", views.measure_list, name="measure-list"),
    path("<str:reference>/", views.measure_detail, name="measure-detail"),
]
