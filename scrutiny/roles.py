"""The roles users hold, as Django groups."""

from collections.abc import Callable
from enum import StrEnum
from typing import Any

from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db.models.signals import post_migrate


class Role(StrEnum):
    """A role is a Django group of this name."""

    COMMITTEE_MEMBER = "Committee member"
    OFFICER = "Officer"
    PERFORMANCE_LEAD = "Performance lead"
    SCRUTINY_OFFICER = "Scrutiny officer"

    @property
    def is_staff(self) -> bool:
        """Whether the role works in the Django admin."""
        return self is not Role.COMMITTEE_MEMBER


def grant(grants: dict[str, list[str]], *, app_label: str, apps: Any = global_apps) -> None:
    """Give each role the named permissions of one app (idempotent; safe after any flush)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in grants.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )


def keep_role_permissions(config: AppConfig, grant_role_permissions: Callable[[], None]) -> None:
    """Grant an app's role permissions after every migrate, so also after a flush (as tests do).

    Each app calls it from its AppConfig.ready with its own permissions' grant function.
    """

    def after_migrate(sender: AppConfig, **kwargs: Any) -> None:
        grant_role_permissions()

    # Kept strongly: the receiver is made here, and would otherwise be collected at once.
    post_migrate.connect(
        after_migrate, sender=config, weak=False, dispatch_uid=f"{config.label}-role-permissions"
    )
