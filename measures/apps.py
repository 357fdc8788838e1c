"""Measures app configuration."""

from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    """Measures, targets, actuals and benchmarks."""

    name = "measures"
    verbose_name = "Measures"

    def ready(self) -> None:
        from measures.permissions import grant_role_permissions
        from scrutiny.roles import keep_role_permissions

        keep_role_permissions(self, grant_role_permissions)
