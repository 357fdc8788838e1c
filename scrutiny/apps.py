"""The project's own app: roles, accounts and the pages every user shares."""

from django.apps import AppConfig


class ScrutinyConfig(AppConfig):
    """Roles, the base layout and the shared pages."""

    name = "scrutiny"
    verbose_name = "Scrutiny"

    def ready(self) -> None:
        from scrutiny.search.sources import register_builtin_sources

        register_builtin_sources()
