"""Committee and meeting pages."""

from django.urls import path

from committees import views

urlpatterns = [
    path("", views.committee_list, name="committee-list"),
    path("meetings/", views.meeting_list, name="meeting-list"),
]
