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


def clocks_link(query: Mapping[str, str], user: User | AnonymousUser) -> Link | None:
    """For scrutiny officers: the latest quarter's time to publish, linking to the clocks."""
    from committees.access import sees_unpublished
    from committees.clocks import quarters_time_to_publish

    if not sees_unpublished(user):
        return None
    latest = next(iter(quarters_time_to_publish(quarters=1)), None)
    said = "Time to publish, agendas at risk and exempt papers due for review"
    if latest is not None:
        meeting = (
            f", its meeting {latest.meeting_days} days after"
            if latest.meeting_days is not None
            else ", no meeting yet"
        )
        said = (
            f"Time to publish: {latest.period.label}'s last figure was published "
            f"{latest.last_figure_days} days after the quarter ended (the median figure "
            f"{latest.median_figure_days}){meeting}. See the clocks: agendas at risk, exempt "
            "papers due for review"
        )
    return Link(text=said, url=reverse("clocks"))


def register() -> None:
    register_dashboard_link("since-last-meeting", since_last_meeting_link)
    register_dashboard_link("clocks", clocks_link)
