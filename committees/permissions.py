"""Which permissions on committees each role holds: scrutiny officers manage, others read."""

from typing import Any

from django.apps import apps as global_apps

from scrutiny.roles import grant

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
    "recommendation",
    "recommendationupdate",
]
ACTIONS = ("add", "change", "delete", "view")

GRANTS: dict[str, list[str]] = {
    "Scrutiny officer": [
        *(f"{action}_{m}" for m in MODELS for action in ACTIONS),
        "view_exempt_paper",
        "publish_meeting",
        "view_unpublished_meeting",
        # Packs are built, never edited: a new build replaces the old as the latest.
        "add_pack",
        "view_pack",
        "delete_pack",
    ],
    "Officer": [f"view_{m}" for m in MODELS],
    "Performance lead": [f"view_{m}" for m in MODELS],
}


def grant_role_permissions(*, apps: Any = global_apps) -> None:
    """Give each role its committees permissions (idempotent; safe after migrate or flush)."""
    grant(GRANTS, app_label="committees", apps=apps)


# Members' questions (issue 18): officers answer them; scrutiny officers also merge, decline
# and hold them for the meeting.
GRANTS["Scrutiny officer"] += [
    *(f"{action}_question" for action in ACTIONS),
    "manage_question",
]
GRANTS["Officer"] += ["view_question", "change_question"]
GRANTS["Performance lead"] += ["view_question", "change_question"]
