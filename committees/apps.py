"""Committees app configuration."""

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _grant(sender: AppConfig, **kwargs: Any) -> None:
    from committees.permissions import grant_role_permissions

    grant_role_permissions()


class CommitteesConfig(AppConfig):
    """Committees, meetings and their papers."""

    name = "committees"
    verbose_name = "Committees"

    def ready(self) -> None:
        # Roles keep their permissions after a flush (as tests do), not only after migrating.
        post_migrate.connect(_grant, sender=self)
        from committees.filters import register

        register()
