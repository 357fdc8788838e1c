"""Committee and meeting pages; other tools rely on these addresses."""

from django.urls import path, register_converter

from committees import clock_views, question_views, recommendation_views, views
from committees.addresses import MeetingAddressConverter
from committees.packs import views as pack_views

register_converter(MeetingAddressConverter, "meeting")

urlpatterns = [
    path("", views.committee_list, name="committee-list"),
    path("meetings/", views.meeting_list, name="meeting-list"),
    path("meetings.ics", views.all_meetings_feed, name="meetings-feed"),
    path("people/<slug:key>/", views.person_detail, name="person-detail"),
    path("<slug:slug>/meetings.ics", views.committee_feed, name="committee-feed"),
    path("<slug:slug>/actions/", views.action_log, name="action-log"),
    path("<slug:slug>/", views.committee_detail, name="committee-detail"),
    path("<slug:committee>/<meeting:when>/", views.meeting_detail, name="meeting-detail"),
    path("<slug:committee>/<meeting:when>/pack/", pack_views.pack_page, name="meeting-pack"),
    path(
        "<slug:committee>/<meeting:when>/pack/<str:version>.pdf",
        pack_views.pack_pdf,
        name="meeting-pack-pdf",
    ),
    path(
        "<slug:committee>/<meeting:when>/pack/<str:version>/item-<int:number>.pdf",
        pack_views.pack_pdf,
        name="meeting-pack-item",
    ),
    path("<slug:committee>/<meeting:when>/minutes/", views.minutes_page, name="meeting-minutes"),
    path(
        "<slug:committee>/<meeting:when>/minutes.pdf", views.minutes_pdf, name="meeting-minutes-pdf"
    ),
    path("<slug:slug>/forward-plan/", views.forward_plan, name="forward-plan"),
    path("<slug:slug>/since-last-meeting/", views.since_last_meeting, name="since-last-meeting"),
    path("<slug:committee>/<meeting:when>/questions/", question_views.ask, name="ask-question"),
    path(
        "<slug:slug>/recommendations/",
        recommendation_views.tracker,
        name="recommendation-tracker",
    ),
    path(
        "<slug:slug>/recommendations.csv",
        recommendation_views.tracker,
        {"fmt": "csv"},
        name="recommendation-tracker-csv",
    ),
    path(
        "<slug:slug>/recommendations/<int:pk>/",
        recommendation_views.detail,
        name="recommendation-detail",
    ),
    path(
        "<slug:slug>/recommendations/<int:pk>/evidence/<int:update>.pdf",
        recommendation_views.evidence,
        name="recommendation-evidence",
    ),
    # Literal first segments: "meetings" and "papers" are not read as a committee's slug here.
    path("meetings/clocks/", clock_views.clocks, name="clocks"),
    path("papers/<uuid:key>/release/", clock_views.release, name="paper-release"),
]
