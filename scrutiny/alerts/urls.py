"""Addresses of the alerts' pages, under /alerts/."""

from django.urls import path

from scrutiny.alerts import views

urlpatterns = [
    path("", views.index, name="alerts-index"),
    path("committees/<slug:slug>/", views.subscribe_committee, name="alerts-committee"),
    path("measures/<str:reference>/", views.subscribe_measure, name="alerts-measure"),
    path("check-your-email/", views.sent, name="alerts-sent"),
    path("confirm/<str:token>/", views.confirm, name="alerts-confirm"),
    path("manage/<str:token>/", views.manage, name="alerts-manage"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="alerts-unsubscribe"),
]
