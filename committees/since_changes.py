"""The kinds of change "Since the last meeting" starts with: figures, statuses, papers, actions.

Each reads what it needs in a fixed number of queries, and only what the user may read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from committees.models import ActionUpdate, Meeting, Paper
from committees.packs.content import pack_measures
from committees.since import Change, ChangeKind, Window, register_change_kind
from measures.models import Actual, Measure

if TYPE_CHECKING:
    from committees.access import AnyUser


def _published_figures(window: Window) -> list[Actual]:
    """The committee's measures' figures published in the window, newest first (one query)."""
    return list(
        Actual.objects.published()
        .filter(
            measure__in=pack_measures(window.committee),
            published_at__gte=window.start,
        )
        .select_related("measure")
        .order_by("-published_at", "measure__reference")
    )


def _measure_url(actual: Actual) -> str:
    url = reverse("measure-detail", args=[actual.measure.reference])
    return f"{url}?{urlencode({'period': actual.period.label})}"


def figures_published(window: Window, user: AnyUser) -> list[Change]:
    """Each figure published since the meeting, linked to its measure page for its quarter."""
    return [
        Change(
            title=f"{actual.measure.title}: {actual.period.label}",
            url=_measure_url(actual),
            on=timezone.localdate(actual.published_at),  # published() figures have a date
            detail=f"Published {timezone.localdate(actual.published_at):%-d %B %Y}",
        )
        for actual in _published_figures(window)
    ]


def statuses_changed(window: Window, user: AnyUser) -> list[Change]:
    """Figures published since the meeting whose status differs from the quarter before's."""
    published = _published_figures(window)
    # Published figures only, whoever looks: three queries for every measure concerned.
    measures = {
        m.pk: m
        for m in Measure.objects.filter(pk__in={a.measure_id for a in published}).with_figures()
    }
    changes = []
    for actual in published:
        measure = measures[actual.measure_id]
        now = measure.position_in(actual.period)
        before = measure.position_in(actual.period.previous())
        if before.figure is None or before.status == now.status:
            continue
        changes.append(
            Change(
                title=f"{measure.title}: {before.status.label} to {now.status.label}",
                url=_measure_url(actual),
                on=timezone.localdate(actual.published_at),
                detail=f"{actual.period.previous().label} to {actual.period.label}",
            )
        )
    return changes


def papers_published(window: Window, user: AnyUser) -> list[Change]:
    """The committee's papers published since the meeting that the user may read."""
    papers = (
        Paper.objects.readable_by(user)
        .filter(item__meeting__committee=window.committee, published_at__gte=window.start)
        .select_related("item__meeting")
        .order_by("-published_at", "item__meeting__date", "item__number", "-kind", "letter")
    )
    return [
        Change(
            title=str(paper),
            url=paper.get_absolute_url(),
            on=timezone.localdate(paper.published_at),
            detail=f"Item {paper.item.number}, {paper.item.title}, for the meeting of "
            f"{paper.item.meeting.date:%-d %B %Y}",
        )
        for paper in papers
    ]


def actions_updated(window: Window, user: AnyUser) -> list[Change]:
    """Updates since the meeting on the actions of the committee's published agendas."""
    updates = (
        ActionUpdate.objects.filter(
            action__item__meeting__committee=window.committee,
            action__item__meeting__in=Meeting.objects.agenda_visible_to(user),
            date__gte=window.first_day,
        )
        .select_related("action")
        .order_by("-date", "-pk")
    )
    log = reverse("action-log", args=[window.committee.slug])
    return [
        Change(
            title=str(update.action),
            url=f"{log}#action-{update.action_id}",
            on=update.date,
            detail=f"{update.action.get_state_display()}: {update.note}",
        )
        for update in updates
    ]


def register() -> None:
    """The four kinds the page starts with, in the order it lists them."""
    register_change_kind(
        "figures",
        ChangeKind("Figures published", figures_published, "No figures have been published."),
    )
    register_change_kind(
        "statuses",
        ChangeKind("Statuses changed", statuses_changed, "No measure has changed status."),
    )
    register_change_kind(
        "papers", ChangeKind("Papers published", papers_published, "No papers have been published.")
    )
    register_change_kind(
        "actions", ChangeKind("Actions updated", actions_updated, "No action has been updated.")
    )
