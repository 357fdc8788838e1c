"""Measures app configuration."""

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _grant(sender: AppConfig, **kwargs: Any) -> None:
    from measures.permissions import grant_role_permissions

    grant_role_permissions()


class MeasuresConfig(AppConfig):
    """Measures, targets, actuals and benchmarks."""

    name = "measures"
    verbose_name = "Measures"

    def ready(self) -> None:
        # Roles keep their permissions after a flush (as tests do), not only after migrating.
        post_migrate.connect(_grant, sender=self)
