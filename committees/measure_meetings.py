"""The measure page's "Reported to committees" section: the meetings where the measure was
reported, by each performance item's reporting period. Registered from CommitteesConfig.ready().
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from committees.models import AgendaItem, Committee, Meeting
from measures.models import Actual, State
from measures.pages.dashboard import visible_figures
from measures.pages.extensions import Section, register_measure_section
from measures.rules.periods import Period

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from measures.models import Measure


def _period(text: str) -> Period | None:
    try:
        return Period.parse(text)
    except ValueError:  # the admin lets any text in; such an item reports no quarter here
        return None


def _published_periods(measure: Measure) -> set[Period]:
    """The quarters of the measure's published figures: read from those the measure page
    fetched (Measure.objects.with_figures) when it has them, else in one query."""
    if hasattr(measure, "visible_figures"):
        return {f.period for f in visible_figures(measure) if f.state == State.PUBLISHED}
    published = Actual.objects.published().filter(measure=measure)
    return {Period(year, quarter) for year, quarter in published.values_list("year", "quarter")}


def reported_at(measure: Measure, user: User | AnonymousUser) -> list[AgendaItem]:
    """The performance items of published agendas whose quarter has the measure's published
    figure, for the committees that scrutinise it (or name no measures): one query."""
    reported = _published_periods(measure)
    if not reported:
        return []
    # A committee naming no measures has every measure in its performance report (the pack's rule).
    naming = Committee.objects.filter(measures__isnull=False)
    items = (
        AgendaItem.objects.exclude(period="")
        .filter(meeting__in=Meeting.objects.agenda_visible_to(user))
        .filter(Q(meeting__committee__measures=measure) | ~Q(meeting__committee__in=naming))
        .select_related("meeting__committee")
        .order_by("-meeting__date", "meeting__committee__name", "number")
        .distinct()
    )
    return [item for item in items if _period(item.period) in reported]


def meetings_section(
    measure: Measure, period: Period, user: User | AnonymousUser
) -> Section | None:
    """The section, or nothing for a measure no published agenda has reported yet."""
    items = reported_at(measure, user)
    if not items:
        return None
    return Section(
        title="Reported to committees",
        template_name="committees/includes/measure_meetings.html",
        context={"items": items},
    )


def register() -> None:
    register_measure_section("committee-meetings", meetings_section)
