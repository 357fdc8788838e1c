"""The link committees adds to the dashboard: when it shows one committee's measures,
"Since the committee's last meeting". Registered from CommitteesConfig.ready()."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.urls import reverse

from committees.models import Committee
from measures.pages.extensions import Link, register_dashboard_link

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


def since_last_meeting_link(query: Mapping[str, str], user: User | AnonymousUser) -> Link | None:
    """For a dashboard filtered to a committee (the committee filter's value is its id)."""
    chosen = query.get("committee", "")
    if not chosen.isdigit():
        return None
    committee = Committee.objects.filter(pk=int(chosen)).only("name", "slug").first()
    if committee is None:
        return None
    return Link(
        text=f"What has changed since the {committee.name}'s last meeting",
        url=reverse("since-last-meeting", args=[committee.slug]),
    )


def register() -> None:
    register_dashboard_link("since-last-meeting", since_last_meeting_link)
