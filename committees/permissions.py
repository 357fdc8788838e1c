"""Which permissions on committees each role holds: scrutiny officers manage, others read."""

from typing import Any

from django.apps import apps as global_apps

MODELS = [
    "committee",
    "person",
    "membership",
    "meeting",
    "agendaitem",
    "paper",
    "attendance",
    "declaration",
    "minute",
    "action",
    "actionupdate",
    "workprogrammeitem",
    "forwardplanentry",
]
ACTIONS = ("add", "change", "delete", "view")

GRANTS: dict[str, list[str]] = {
    "Scrutiny officer": [
        *(f"{action}_{m}" for m in MODELS for action in ACTIONS),
        "view_exempt_paper",
    ],
    "Officer": [f"view_{m}" for m in MODELS],
    "Performance lead": [f"view_{m}" for m in MODELS],
}


def grant_role_permissions(*, apps: Any = global_apps) -> None:
    """Give each role its committees permissions (idempotent; safe after migrate or flush)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="committees", codename__in=codenames)
        )
