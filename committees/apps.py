"""Committees app configuration."""

from django.apps import AppConfig


class CommitteesConfig(AppConfig):
    """Committees, meetings and their papers."""

    name = "committees"
    verbose_name = "Committees"
