"""Top-level URLs."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from scrutiny import views

admin.site.site_header = "Children's services scrutiny: administration"
admin.site.site_title = "Children's services scrutiny"

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("healthz", views.healthz, name="healthz"),
    path("sign-in/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("measures/", include("measures.urls")),
    path("committees/", include("committees.urls")),
    path("admin/", admin.site.urls),
]
