"""The events alerts are sent for, heard from committees' and measures' signals (a figure
published in the workflow, or a file import's figures, heard once for the whole file).

What each message says is worked out here, inside the publishing transaction, from what the
public page shows: a meeting's committee, date and venue (never an item's papers, so never
an exempt one), a published figure with its status, a progress update on a published
recommendation (as its feed says it), and an answered question the public may read (never an
exempt one).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse

from committees.models import Meeting, Publication, Question, Recommendation, RecommendationUpdate
from committees.question_reads import question_url
from committees.signals import published, question_answered, recommendation_updated
from measures.models import Actual
from measures.rules.targets import target_for
from measures.signals import figure_published, figures_published
from scrutiny.alerts.services import Event, announce, confirmed
from scrutiny.alerts.topics import (
    AGENDA_PUBLISHED,
    FIGURE_PUBLISHED,
    MINUTES_PUBLISHED,
    QUESTION_ANSWERED,
    RECOMMENDATION_UPDATED,
    STATUS_CHANGED,
)

# What a published figure can alert: its followers' new figure, or a change of its status.
FIGURE_TOPICS = (FIGURE_PUBLISHED, STATUS_CHANGED)


def meeting_event(meeting: Meeting, what: Publication) -> Event:
    """What subscribers to the committee hear when an agenda or minutes are published."""
    committee = meeting.committee
    held = f"{meeting.date:%A %-d %B %Y}" + (f" at {meeting.venue}" if meeting.venue else "")
    if what == Publication.AGENDA:
        return Event(
            topics=(AGENDA_PUBLISHED,),
            subject=f"Agenda published: {committee}, {meeting.date:%-d %B %Y}",
            lines=(
                f"The agenda for the meeting of {committee} on {held} is published, "
                "with its public reports.",
            ),
            path=meeting.get_absolute_url(),
            committee_id=committee.pk,
        )
    return Event(
        topics=(MINUTES_PUBLISHED,),
        subject=f"Minutes published: {committee}, {meeting.date:%-d %B %Y}",
        lines=(f"The minutes of the meeting of {committee} on {held} are published.",),
        path=meeting.get_absolute_url() + "#minutes",
        committee_id=committee.pk,
    )


def figure_event(actual: Actual) -> Event:
    """What a measure's subscribers hear when a figure is published: the figure and its
    status, and, if its status differs from the previous published figure's, that too."""
    measure = actual.measure
    targets = list(measure.targets.all())
    status = actual.status_against(target_for(targets, actual.period))
    previous = (
        Actual.objects.published()
        .filter(measure=measure)
        .filter(Q(year__lt=actual.year) | Q(year=actual.year, quarter__lt=actual.quarter))
        .order_by("-year", "-quarter")
        .first()
    )
    if actual.value is not None:
        figure = measure.format(actual.value)
    else:
        figure = f"no figure ({actual.missing_reason})" if actual.missing_reason else "no figure"
    lines = [
        f"{measure}: the figure for {actual.period.label} is published: {figure}, "
        f"status {status.label}."
    ]
    topics = [FIGURE_PUBLISHED]
    subject = f"New figure: {measure.reference} {actual.period.label} ({status.label})"
    if previous is not None:
        before = previous.status_against(target_for(targets, previous.period))
        if before != status:
            topics.append(STATUS_CHANGED)
            lines.append(
                f"Its status changed from {before.label} ({previous.period.label}) "
                f"to {status.label}."
            )
            subject = (
                f"Status changed: {measure.reference} {actual.period.label} "
                f"({before.label} to {status.label})"
            )
    return Event(
        topics=tuple(topics),
        subject=subject,
        lines=tuple(lines),
        path=reverse("measure-detail", args=[measure.reference])
        + "?"
        + urlencode({"period": actual.period.label}),
        measure_id=measure.pk,
    )


def recommendation_event(update: RecommendationUpdate) -> Event | None:
    """What the committee's subscribers hear of a progress update: the words of its public
    feed, or None for an update on a recommendation the public cannot read (unpublished, or
    from a minute taken in private)."""
    recommendation = (
        Recommendation.objects.public()
        .select_related("committee")
        .filter(pk=update.recommendation_id)
        .first()
    )
    if recommendation is None:
        return None
    committee = recommendation.committee
    status = update.get_status_display() or recommendation.get_status_display()
    return Event(
        topics=(RECOMMENDATION_UPDATED,),
        subject=f"Recommendation updated: {committee}, {update.date:%-d %B %Y}",
        lines=(
            f"A recommendation of {committee} has a progress update, dated "
            f"{update.date:%-d %B %Y}:",
            str(recommendation),
            f"{update.text or 'Evidence attached.'} Status: {status}.",
        ),
        path=f"{recommendation.get_absolute_url()}#update-{update.pk}",
        committee_id=committee.pk,
    )


def question_event(question: Question) -> Event | None:
    """What the committee's subscribers hear of an answer: the question and its answer, as
    its public feed has them, or None for a question the public may not read (an exempt one,
    or one on an agenda not yet published)."""
    public = (
        Question.objects.filter(pk=question.pk)
        .readable_by(None)
        .answered()
        .select_related("meeting__committee", "item", "measure")
        .first()
    )
    if public is None:
        return None
    committee = public.meeting.committee
    return Event(
        topics=(QUESTION_ANSWERED,),
        subject=f"Question answered: {public.subject}",
        lines=(
            f"A member's question for the meeting of {committee} on "
            f"{public.meeting.date:%-d %B %Y} is answered.",
            f"Question: {public.text}",
            f"Answer: {public.answer}",
        ),
        path=question_url(public),
        committee_id=committee.pk,
    )


# Most events are followed by no one: each receiver first asks, in one query, whether anyone
# has confirmed an alert the event could send, and only then works out what to say.


def on_published(sender: Any, *, meeting: Meeting, what: Publication, **kwargs: Any) -> None:
    topics = (AGENDA_PUBLISHED,) if what == Publication.AGENDA else (MINUTES_PUBLISHED,)
    if confirmed(topics).filter(committee_id=meeting.committee_id).exists():
        announce(meeting_event(meeting, what))


def on_figure_published(sender: Any, *, actual: Actual, **kwargs: Any) -> None:
    if confirmed(FIGURE_TOPICS).filter(measure_id=actual.measure_id).exists():
        announce(figure_event(actual))


def on_figures_published(sender: Any, *, actuals: list[Actual], **kwargs: Any) -> None:
    """A file import's figures: each followed one is announced as if published on its own,
    in the file's order, so a follower hears of their measures' figures and no others."""
    followed = set(
        confirmed(FIGURE_TOPICS)
        .filter(measure_id__in={actual.measure_id for actual in actuals})
        .values_list("measure_id", flat=True)
    )
    for actual in actuals:
        if actual.measure_id in followed:
            announce(figure_event(actual))


def on_recommendation_updated(sender: Any, *, update: RecommendationUpdate, **kwargs: Any) -> None:
    if not confirmed((RECOMMENDATION_UPDATED,)).exists():
        return
    event = recommendation_event(update)
    if event is not None:
        announce(event)


def on_question_answered(sender: Any, *, question: Question, **kwargs: Any) -> None:
    if not confirmed((QUESTION_ANSWERED,)).exists():
        return
    event = question_event(question)
    if event is not None:
        announce(event)


def connect() -> None:
    published.connect(on_published, dispatch_uid="alerts-published")
    figure_published.connect(on_figure_published, dispatch_uid="alerts-figure-published")
    figures_published.connect(on_figures_published, dispatch_uid="alerts-figures-published")
    recommendation_updated.connect(
        on_recommendation_updated, dispatch_uid="alerts-recommendation-updated"
    )
    question_answered.connect(on_question_answered, dispatch_uid="alerts-question-answered")
