"""Atom feeds of published agendas, minutes and figures, for all and per committee or measure.

Only what the public may read goes in: published agendas and minutes (items by number and
title, as the meeting page lists them; never a paper's title or text, so never an exempt one),
published figures, and a committee's answered members' questions (never an exempt one).
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from committees.models import (
    AgendaItem,
    Committee,
    Meeting,
    Question,
    Recommendation,
    RecommendationUpdate,
)
from committees.question_reads import question_url
from measures.models import Actual, Measure
from measures.rules.targets import target_for

LATEST = 50  # entries per feed: a reader keeps what it has already fetched


class _MeetingFeed(Feed):
    """Meetings of one committee (or of all) by when their agenda or minutes were published."""

    feed_type = Atom1Feed
    published_field = ""  # agenda_published_at or minutes_published_at
    what = ""  # "Agenda" or "Minutes"
    plural = ""  # "agendas" or "minutes"

    def get_object(self, request: HttpRequest, slug: str | None = None) -> Committee | None:
        return get_object_or_404(Committee, slug=slug) if slug else None

    def title(self, committee: Committee | None) -> str:
        whose = committee.name if committee else "All committees"
        return f"{whose}: {self.plural} published"

    def link(self, committee: Committee | None) -> str:
        return committee.get_absolute_url() if committee else reverse("meeting-list")

    def subtitle(self, committee: Committee | None) -> str:
        return f"{self.what} of meetings, newest first, as each is published."

    def items(self, committee: Committee | None) -> QuerySet[Meeting]:
        meetings = Meeting.objects.filter(**{f"{self.published_field}__isnull": False})
        if committee is not None:
            meetings = meetings.filter(committee=committee)
        return (
            meetings.select_related("committee")
            .prefetch_related(Prefetch("items", AgendaItem.objects.order_by("number")))
            .order_by(f"-{self.published_field}", "-pk")[:LATEST]
        )

    def item_title(self, meeting: Meeting) -> str:
        return f"{self.what} published: {meeting}"

    def item_description(self, meeting: Meeting) -> str:
        items = "; ".join(f"{item.number}. {item.title}" for item in meeting.items.all())
        held = f"{meeting.date:%A %-d %B %Y}" + (f", {meeting.venue}" if meeting.venue else "")
        return f"{meeting.committee}, {held}. " + (f"Items: {items}." if items else "")

    def item_link(self, meeting: Meeting) -> str:
        return meeting.get_absolute_url() + ("#minutes" if self.what == "Minutes" else "")

    def item_guid(self, meeting: Meeting) -> str:
        # Stable whatever the meeting's address: its uid, and which publication.
        return f"urn:scrutiny:{self.what.lower()}:{meeting.uid}"

    item_guid_is_permalink = False

    def item_pubdate(self, meeting: Meeting) -> datetime:
        return getattr(meeting, self.published_field)

    def item_updateddate(self, meeting: Meeting) -> datetime:
        return getattr(meeting, self.published_field)


class AgendasFeed(_MeetingFeed):
    published_field = "agenda_published_at"
    what = "Agenda"
    plural = "agendas"


class MinutesFeed(_MeetingFeed):
    published_field = "minutes_published_at"
    what = "Minutes"
    plural = "minutes"


class FiguresFeed(Feed):
    """Published figures of one committee's measures, or of one measure, newest first."""

    feed_type = Atom1Feed
    item_guid_is_permalink = False

    def get_object(
        self, request: HttpRequest, slug: str | None = None, reference: str | None = None
    ) -> Committee | Measure:
        if slug is not None:
            return get_object_or_404(Committee, slug=slug)
        return get_object_or_404(Measure, reference=reference)

    def title(self, subject: Committee | Measure) -> str:
        name = subject.name if isinstance(subject, Committee) else str(subject)
        return f"{name}: figures published"

    def link(self, subject: Committee | Measure) -> str:
        if isinstance(subject, Committee):
            return subject.get_absolute_url()
        return reverse("measure-detail", args=[subject.reference])

    def subtitle(self, subject: Committee | Measure) -> str:
        return "Each figure as it is published, with its status against the target."

    def items(self, subject: Committee | Measure) -> list[Actual]:
        figures = Actual.objects.published().filter(published_at__isnull=False)
        if isinstance(subject, Committee):
            figures = figures.filter(measure__committees=subject)
        else:
            figures = figures.filter(measure=subject)
        return list(
            figures.select_related("measure")
            .prefetch_related("measure__targets")
            .order_by("-published_at", "-pk")[:LATEST]
        )

    def _status(self, figure: Actual) -> str:
        target = target_for(list(figure.measure.targets.all()), figure.period)
        return figure.status_against(target).label

    def item_title(self, figure: Actual) -> str:
        value = figure.measure.format(figure.value) if figure.value is not None else "no figure"
        return f"{figure.measure.reference} {figure.period.label}: {value} ({self._status(figure)})"

    def item_description(self, figure: Actual) -> str:
        parts = [f"{figure.measure.title}, {figure.period.label}."]
        if figure.value is None and figure.missing_reason:
            parts.append(f"No figure: {figure.missing_reason}.")
        parts.append(f"Status: {self._status(figure)}.")
        if figure.commentary:
            parts.append(figure.commentary)
        return " ".join(parts)

    def item_link(self, figure: Actual) -> str:
        url = reverse("measure-detail", args=[figure.measure.reference])
        return f"{url}?{urlencode({'period': figure.period.label})}"

    def item_guid(self, figure: Actual) -> str:
        return f"urn:scrutiny:figure:{figure.measure.reference}:{figure.year}:Q{figure.quarter}"

    def item_pubdate(self, figure: Actual) -> datetime | None:
        return figure.published_at

    def item_updateddate(self, figure: Actual) -> datetime | None:
        return figure.published_at


class QuestionsFeed(Feed):
    """A committee's answered members' questions, newest answer first (never an exempt one)."""

    feed_type = Atom1Feed
    item_guid_is_permalink = False

    def get_object(self, request: HttpRequest, slug: str) -> Committee:
        return get_object_or_404(Committee, slug=slug)

    def title(self, committee: Committee) -> str:
        return f"{committee.name}: questions answered"

    def link(self, committee: Committee) -> str:
        return committee.get_absolute_url()

    def subtitle(self, committee: Committee) -> str:
        return "Members' questions for the committee's meetings, as each answer is published."

    def items(self, committee: Committee) -> list[Question]:
        return list(
            Question.objects.filter(meeting__committee=committee, answered_at__isnull=False)
            .readable_by(None)
            .answered()
            .select_related("meeting__committee", "item", "measure")
            .order_by("-answered_at", "-pk")[:LATEST]
        )

    def item_title(self, question: Question) -> str:
        return f"Question answered: {question.subject}"

    def item_description(self, question: Question) -> str:
        return f"Question: {question.text}\n\nAnswer: {question.answer}"

    def item_link(self, question: Question) -> str:
        return question_url(question)

    def item_guid(self, question: Question) -> str:
        return f"urn:scrutiny:question:{question.pk}"

    def item_pubdate(self, question: Question) -> datetime | None:
        return question.answered_at

    def item_updateddate(self, question: Question) -> datetime | None:
        return question.updated_at


class RecommendationUpdatesFeed(Feed):
    """Progress updates on a committee's published recommendations, newest first."""

    feed_type = Atom1Feed
    item_guid_is_permalink = False

    def get_object(self, request: HttpRequest, slug: str) -> Committee:
        return get_object_or_404(Committee, slug=slug)

    def title(self, committee: Committee) -> str:
        return f"{committee.name}: recommendation updates"

    def link(self, committee: Committee) -> str:
        return reverse("recommendation-tracker", args=[committee.slug])

    def subtitle(self, committee: Committee) -> str:
        return "Each progress update on the committee's published recommendations."

    def items(self, committee: Committee) -> list[RecommendationUpdate]:
        # As the public reads the tracker: published recommendations only, whoever asks.
        published = Recommendation.objects.public().filter(committee=committee)
        return list(
            RecommendationUpdate.objects.filter(recommendation__in=published)
            .select_related("recommendation__committee")
            .order_by("-date", "-pk")[:LATEST]
        )

    def item_title(self, update: RecommendationUpdate) -> str:
        return f"{update.date:%-d %B %Y}: {update.recommendation}"

    def item_description(self, update: RecommendationUpdate) -> str:
        status = update.get_status_display() or update.recommendation.get_status_display()
        return f"{update.text or 'Evidence attached.'} Status: {status}."

    def item_link(self, update: RecommendationUpdate) -> str:
        return f"{update.recommendation.get_absolute_url()}#update-{update.pk}"

    def item_guid(self, update: RecommendationUpdate) -> str:
        return f"urn:scrutiny:recommendation-update:{update.pk}"

    def item_pubdate(self, update: RecommendationUpdate) -> datetime:
        return update.created_at

    def item_updateddate(self, update: RecommendationUpdate) -> datetime:
        return update.created_at
