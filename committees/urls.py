"""Committee and meeting pages; other tools rely on these addresses."""

from django.urls import path

from committees import views

urlpatterns = [
    path("", views.committee_list, name="committee-list"),
    path("meetings/", views.meeting_list, name="meeting-list"),
    path("meetings.ics", views.all_meetings_feed, name="meetings-feed"),
    path("people/<slug:key>/", views.person_detail, name="person-detail"),
    path("<slug:slug>/meetings.ics", views.committee_feed, name="committee-feed"),
    path("<slug:slug>/actions/", views.action_log, name="action-log"),
    path("<slug:slug>/", views.committee_detail, name="committee-detail"),
    path("<slug:committee>/<str:when>/", views.meeting_detail, name="meeting-detail"),
]
