"""Search finds a committee's recommendations: published ones for the public, all for staff."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils.safestring import SafeString

from committees.models import Recommendation
from scrutiny.search.kinds import Hit, Source, register_kind, register_source

if TYPE_CHECKING:
    from committees.access import AnyUser

# As committees_recommendation's search trigger (the recommendation_search migration).
FIELDS = (("text", "A"), ("source_name", "B"), ("addressed_to", "C"), ("response_reasons", "C"))


def _recommendations(user: AnyUser) -> QuerySet[Recommendation]:
    return Recommendation.objects.visible_to(user)


def _recommendation(recommendation: Recommendation, snippet: SafeString) -> Hit:
    due = f", due {recommendation.due:%-d %B %Y}" if recommendation.due else ""
    return Hit(
        kind="recommendation",
        label="Recommendation",
        title=str(recommendation),
        url=recommendation.get_absolute_url(),
        snippet=snippet,
        day=recommendation.raised,
        context=f"{recommendation.committee.name}; {recommendation.source_label}; "
        f"{recommendation.get_status_display()}{due}",
        unpublished=not recommendation.published,
    )


def register() -> None:
    """Called from ScrutinyConfig.ready(), after the built-in sources."""
    register_kind("recommendation", "Recommendations")
    register_source(
        Source(
            "recommendation",
            "recommendation",
            FIELDS,
            _recommendations,
            _recommendation,
            day="raised",
            committee="committee",
            related=("committee",),
        )
    )
