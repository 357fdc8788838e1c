"""Committee and meeting pages; other tools rely on these addresses."""

from django.urls import path

from committees import views

urlpatterns = [
    path("", views.committee_list, name="committee-list"),
    path("meetings/", views.meeting_list, name="meeting-list"),
    path("<slug:slug>/", views.committee_detail, name="committee-detail"),
    path("<slug:committee>/<str:when>/", views.meeting_detail, name="meeting-detail"),
]
