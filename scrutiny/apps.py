"""The project's own app: roles, accounts and the pages every user shares."""

from django.apps import AppConfig


class ScrutinyConfig(AppConfig):
    """Roles, the base layout and the shared pages."""

    name = "scrutiny"
    verbose_name = "Scrutiny"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from scrutiny.caching import after_migrate

        post_migrate.connect(after_migrate, dispatch_uid="scrutiny-data-version")

        from scrutiny.logs import connect_task_signals

        connect_task_signals()

        from scrutiny.search.sources import register_builtin_sources

        register_builtin_sources()

        from scrutiny.search import recommendations

        recommendations.register()
