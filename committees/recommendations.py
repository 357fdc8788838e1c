"""Recommendations followed to the end: reads for the tracker, the page and the monitor paper,
recording a progress update, and the "since the last meeting" kind."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

import django_filters
from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from committees.models import (
    Committee,
    Meeting,
    Recommendation,
    RecommendationSource,
    RecommendationStatus,
    RecommendationUpdate,
)
from committees.recommendation_rules import FINISHED, Flag, flags
from committees.signals import recommendation_updated
from committees.since import Change, ChangeKind, Window, register_change_kind
from measures.pages.dashboard import Row, View, dashboard_rows, latest_published_period

if TYPE_CHECKING:
    from committees.access import AnyUser

# A recommendation implemented or closed stays on the monitor for this many days after.
RECENTLY_CLOSED_DAYS = 183


@dataclass(frozen=True)
class Tracked:
    """A recommendation as the tracker, the monitor and its page show it, with today's flags."""

    recommendation: Recommendation
    flags: list[Flag]
    updates: list[RecommendationUpdate] = field(default_factory=list)

    @property
    def last_update(self) -> date | None:
        return self.updates[-1].date if self.updates else None

    @property
    def is_finished(self) -> bool:
        return self.recommendation.status in FINISHED


def tracked(recommendation: Recommendation, today: date) -> Tracked:
    """A recommendation fetched by recommendations_of (its updates prefetched), flagged."""
    updates = list(recommendation.updates.all())
    last = updates[-1].date if updates else None
    return Tracked(
        recommendation,
        flags(
            status=recommendation.status,
            due=recommendation.due,
            raised=recommendation.raised,
            last_update=last,
            today=today,
        ),
        updates,
    )


def recommendations_of(
    committee: Committee, user: AnyUser, *, everything: bool = False
) -> QuerySet[Recommendation]:
    """A committee's recommendations the user may read (all of them for the full pack), with
    what the pages print (3 queries)."""
    shown = Recommendation.objects.all() if everything else Recommendation.objects.visible_to(user)
    return (
        shown.filter(committee=committee)
        .select_related("owner", "minute__item__meeting__committee", "committee")
        .prefetch_related(Prefetch("updates", RecommendationUpdate.objects.order_by("date", "pk")))
        .order_by("raised", "pk")
    )


OVERDUE, QUIET = "overdue", "quiet"


class RecommendationFilter(django_filters.FilterSet):
    """The tracker's filters: status, source, and overdue or quiet ones only."""

    status = django_filters.ChoiceFilter(
        choices=RecommendationStatus.choices, empty_label="Any status"
    )
    source = django_filters.ChoiceFilter(
        choices=RecommendationSource.choices, empty_label="Any source"
    )
    flag = django_filters.ChoiceFilter(
        label="Flagged",
        choices=[(OVERDUE, "Overdue"), (QUIET, "No update for 6 months")],
        empty_label="Flagged or not",
        method="filter_flag",
    )

    class Meta:
        model = Recommendation
        fields = ["status", "source", "flag"]

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        for name in self.form.fields:
            self.form.fields[name].widget.attrs["class"] = "govuk-select"

    def filter_flag(
        self, queryset: QuerySet[Recommendation], name: str, value: str
    ) -> QuerySet[Recommendation]:
        # The rule is a pure function (recommendation_rules.py): applied to the rows read.
        keep = [r.pk for r in queryset if any(f.key == value for f in tracked(r, self.today).flags)]
        return queryset.filter(pk__in=keep)


CSV_HEADERS = [
    "Raised",
    "Source",
    "Recommendation",
    "Addressed to",
    "Owner",
    "Due",
    "Response",
    "Reasons",
    "Status",
    "Flags",
    "Last update",
    "Latest progress",
    "Address",
]


def csv_rows(rows: list[Tracked], base: str) -> list[list[Any]]:
    """The tracker's rows as the CSV lists them."""
    return [
        [
            row.recommendation.raised,
            row.recommendation.source_label,
            row.recommendation.text,
            row.recommendation.addressed_to,
            str(row.recommendation.owner or ""),
            row.recommendation.due or "",
            row.recommendation.get_response_display(),
            row.recommendation.response_reasons,
            row.recommendation.get_status_display(),
            "; ".join(flag.words for flag in row.flags),
            row.last_update or "",
            row.updates[-1].text if row.updates else "",
            base + row.recommendation.get_absolute_url(),
        ]
        for row in rows
    ]


def measure_rows(recommendation: Recommendation, user: AnyUser) -> list[Row]:
    """The linked measures at their latest published figure, as the dashboard shows them
    (a fixed number of queries, however many measures)."""
    period = latest_published_period()
    if period is None:
        return []
    return dashboard_rows(
        period=period,
        user=user if user is not None else AnonymousUser(),
        view=View.LATEST,
        measures=recommendation.measures.all(),
    )


def record_update(
    *,
    recommendation: Recommendation,
    on: date,
    text: str = "",
    evidence: Any = None,
    status: str = "",
    demo: bool = False,
) -> RecommendationUpdate:
    """Add a progress update, checked as the admin checks it; a status given moves the
    recommendation to it."""
    update = RecommendationUpdate(
        recommendation=recommendation, date=on, text=text, status=status, demo=demo
    )
    if evidence is not None:
        update.evidence = evidence
    update.full_clean()
    update.save()
    if status and status != recommendation.status:
        recommendation.status = status
        recommendation.save(update_fields=["status", "updated_at"])
    recommendation_updated.send(sender=RecommendationUpdate, update=update)
    return update


@dataclass(frozen=True)
class Monitor:
    """The recommendations monitor paper: open ones and those recently closed, each with the
    updates since the committee's previous meeting."""

    since: date | None  # the day after the previous meeting; None if it has not met
    open: list[Tracked]
    closed: list[Tracked]

    def updates_since(self, row: Tracked) -> list[RecommendationUpdate]:
        return [u for u in row.updates if self.since is None or u.date >= self.since]

    @property
    def sections(self) -> list[tuple[str, list[tuple[Tracked, list[RecommendationUpdate]]], str]]:
        """(heading, [(recommendation, its updates since)], what to say if none), as printed."""
        return [
            (heading, [(row, self.updates_since(row)) for row in rows], empty)
            for heading, rows, empty in (
                ("Open recommendations", self.open, "No recommendation is open."),
                (
                    "Implemented or closed in the last six months",
                    self.closed,
                    "None has been implemented or closed in the last six months.",
                ),
            )
        ]


def recommendations_monitor(*, meeting: Meeting, full: bool) -> Monitor:
    """What a meeting's monitor paper prints: the public version only published ones."""
    from datetime import timedelta

    committee = meeting.committee
    previous = (
        Meeting.objects.filter(committee=committee, date__lt=meeting.date).order_by("-date").first()
    )
    since = previous.date + timedelta(days=1) if previous else None
    rows = [tracked(r, meeting.date) for r in recommendations_of(committee, None, everything=full)]
    cutoff = meeting.date - timedelta(days=RECENTLY_CLOSED_DAYS)
    closed = [
        row
        for row in rows
        if row.is_finished and (row.last_update or row.recommendation.raised) >= cutoff
    ]
    return Monitor(since, [row for row in rows if not row.is_finished], closed)


def monitor_sources(*, meeting: Meeting, full: bool) -> dict[str, Any]:
    """What the monitor paper prints, for the pack's digest: its recommendations (with their
    owners) and their updates, and the previous meeting's date (4 queries)."""
    shown = (Recommendation.objects.all() if full else Recommendation.objects.public()).filter(
        committee=meeting.committee
    )
    updates = RecommendationUpdate.objects.filter(recommendation__in=shown)
    previous = Meeting.objects.filter(committee=meeting.committee, date__lt=meeting.date)
    printed = [f.attname for f in Recommendation._meta.concrete_fields if f.name != "updated_at"]
    return {
        "rows": list(
            shown.order_by("pk").values(
                *printed,
                "owner__name",
                "minute__number",
            )
        ),
        "updates": list(updates.order_by("pk").values()),
        "previous": previous.order_by("-date").values_list("date", flat=True).first(),
    }


def recommendations_updated(window: Window, user: AnyUser) -> list[Change]:
    """Progress updates since the meeting on the committee's recommendations the user may read."""
    updates = (
        RecommendationUpdate.objects.filter(
            recommendation__in=Recommendation.objects.visible_to(user).filter(
                committee=window.committee
            ),
            date__gte=window.first_day,
        )
        .select_related("recommendation__committee")
        .order_by("-date", "-pk")
    )
    return [
        Change(
            title=str(update.recommendation),
            url=update.recommendation.get_absolute_url(),
            on=update.date,
            detail=f"{update.get_status_display() or update.recommendation.get_status_display()}"
            f": {update.text or 'evidence attached'}",
        )
        for update in updates
    ]


def register() -> None:
    """Add "Recommendations updated" to "Since the last meeting"."""
    register_change_kind(
        "recommendations",
        ChangeKind(
            "Recommendations updated",
            recommendations_updated,
            "No recommendation has been updated.",
        ),
    )


def tracker_url(committee: Committee) -> str:
    return reverse("recommendation-tracker", args=[committee.slug])
