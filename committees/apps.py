"""Committees app configuration."""

from django.apps import AppConfig


class CommitteesConfig(AppConfig):
    """Committees, meetings and their papers."""

    name = "committees"
    verbose_name = "Committees"

    def ready(self) -> None:
        from committees import dashboard_links, measure_meetings, since_changes
        from committees.filters import register
        from committees.permissions import grant_role_permissions
        from scrutiny.roles import keep_role_permissions

        keep_role_permissions(self, grant_role_permissions)

        register()
        measure_meetings.register()
        dashboard_links.register()
        since_changes.register()

        from committees import question_reads

        question_reads.register()
        # The recommendations tracker (issue 18): its admin and its kind of change.
        from committees import recommendation_admin, recommendations

        recommendation_admin.register()
        recommendations.register()
