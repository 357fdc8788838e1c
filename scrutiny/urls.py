"""Top-level URLs."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from committees import views as committee_views
from measures import views as measure_views
from scrutiny import feeds, views
from scrutiny.api import views as api_views

admin.site.site_header = "Children's services scrutiny: administration"
admin.site.site_title = "Children's services scrutiny"

urlpatterns = [
    path("", measure_views.dashboard, name="home"),
    path("dashboard.csv", measure_views.dashboard_export, {"fmt": "csv"}, name="dashboard-csv"),
    path("dashboard.xlsx", measure_views.dashboard_export, {"fmt": "xlsx"}, name="dashboard-xlsx"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("healthz", views.healthz, name="healthz"),
    path("sign-in/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("measures/", include("measures.urls")),
    path("benchmarks/", include("measures.benchmarking.urls")),
    path("committees/", include("committees.urls")),
    path("papers/<uuid:key>/", committee_views.paper, name="paper"),
    path("admin/", admin.site.urls),
    path("feeds/agendas.atom", feeds.AgendasFeed(), name="agendas-atom"),
    path("feeds/minutes.atom", feeds.MinutesFeed(), name="minutes-atom"),
    path("feeds/<slug:slug>/agendas.atom", feeds.AgendasFeed(), name="committee-agendas-atom"),
    path("feeds/<slug:slug>/minutes.atom", feeds.MinutesFeed(), name="committee-minutes-atom"),
    path("feeds/<slug:slug>/figures.atom", feeds.FiguresFeed(), name="committee-figures-atom"),
    path(
        "feeds/measures/<str:reference>/figures.atom",
        feeds.FiguresFeed(),
        name="measure-figures-atom",
    ),
    path("api/v1/docs/", api_views.docs, name="api-docs"),
    path("api/v1/", api_views.api.urls),
]
