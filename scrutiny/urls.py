"""Top-level URLs."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from committees import views as committee_views
from measures import views as measure_views
from scrutiny import feeds, views
from scrutiny.alerts import views as alert_views
from scrutiny.api import views as api_views
from scrutiny.passwords import ResetForm, link_lifetime

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
    path("help/", views.help_page, name="help"),
    # Forgotten passwords: Django's own reset flow, in the site's templates (registration/).
    path(
        "sign-in/forgotten/",
        auth_views.PasswordResetView.as_view(
            form_class=ResetForm,
            extra_context={"link_lifetime": link_lifetime(settings.PASSWORD_RESET_TIMEOUT)},
            extra_email_context={
                "service_name": settings.SERVICE_NAME,
                "link_lifetime": link_lifetime(settings.PASSWORD_RESET_TIMEOUT),
            },
        ),
        name="password_reset",
    ),
    path(
        "sign-in/forgotten/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "sign-in/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "sign-in/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("search/", views.search, name="search"),
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
    path(
        "feeds/<slug:slug>/questions.atom",
        feeds.QuestionsFeed(),
        name="committee-questions-atom",
    ),
    path(
        "feeds/<slug:slug>/recommendations.atom",
        feeds.RecommendationUpdatesFeed(),
        name="committee-recommendations-atom",
    ),
    path("alerts/", include("scrutiny.alerts.urls")),
    path("privacy/", alert_views.privacy, name="privacy"),
    # Django's admin sign-in page links to "Forgotten your login credentials?" when this name
    # exists: it leads to the site's own reset flow.
    path(
        "sign-in/forgotten/admin/",
        RedirectView.as_view(pattern_name="password_reset"),
        name="admin_password_reset",
    ),
]
