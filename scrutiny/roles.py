"""The roles users hold, as Django groups."""

from enum import StrEnum
from typing import Any

from django.apps import apps as global_apps


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
