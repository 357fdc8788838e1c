"""What search finds out of the box: measures and their published commentary, agenda items,
papers (with the text of uploaded PDFs), minutes, actions, benchmark indicators, committees
and people. Each reads its table through the access rules the pages use."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import SafeString

from committees.access import exempt_entitlement
from committees.models import (
    Action,
    AgendaItem,
    Committee,
    Meeting,
    Minute,
    Paper,
    Person,
)
from measures.benchmarking.models import BenchmarkIndicator
from measures.models import Actual, Measure
from scrutiny.search.kinds import Hit, Source, register_kind, register_source

if TYPE_CHECKING:
    from committees.access import AnyUser


def _meeting_context(meeting: Meeting) -> str:
    return f"{meeting.committee.name}, {meeting.date:%-d %B %Y}"


def _papers(user: AnyUser) -> QuerySet[Paper]:
    return Paper.objects.readable_by(user)


def _paper(paper: Paper, snippet: SafeString) -> Hit:
    meeting = paper.item.meeting
    return Hit(
        kind="paper",
        label="Paper",
        title=str(paper),
        url=paper.get_absolute_url(),
        snippet=snippet,
        day=meeting.date,
        context=f"{_meeting_context(meeting)}, item {paper.item.number}: {paper.item.title}",
        exempt=paper.is_exempt,
        unpublished=meeting.agenda_published_at is None,
    )


def _items(user: AnyUser) -> QuerySet[AgendaItem]:
    return AgendaItem.objects.filter(meeting__in=Meeting.objects.agenda_visible_to(user))


def _item(item: AgendaItem, snippet: SafeString) -> Hit:
    return Hit(
        kind="item",
        label="Agenda item",
        title=f"{item.number}. {item.title}",
        url=item.meeting.get_absolute_url(),
        snippet=snippet,
        day=item.meeting.date,
        context=_meeting_context(item.meeting),
        unpublished=item.meeting.agenda_published_at is None,
    )


def _minutes(user: AnyUser) -> QuerySet[Minute]:
    # An exempt minute (an item taken in private) only for those entitled to read it.
    return Minute.objects.filter(
        exempt_entitlement(user), item__meeting__in=Meeting.objects.minutes_visible_to(user)
    )


def _minute(minute: Minute, snippet: SafeString) -> Hit:
    meeting = minute.item.meeting
    return Hit(
        kind="minutes",
        label="Minutes" if minute.approved else "Draft minutes",
        title=f"Minute {minute.number}: {minute.item.title}",
        url=meeting.get_absolute_url(),
        snippet=snippet,
        day=meeting.date,
        context=_meeting_context(meeting),
        unpublished=meeting.minutes_published_at is None,
    )


def _actions(user: AnyUser) -> QuerySet[Action]:
    return Action.objects.filter(item__meeting__in=Meeting.objects.agenda_visible_to(user))


def _action(action: Action, snippet: SafeString) -> Hit:
    meeting = action.item.meeting
    due = f", due {action.due:%-d %B %Y}" if action.due else ""
    return Hit(
        kind="action",
        label="Action",
        title=str(action),
        url=reverse("action-log", args=[meeting.committee.slug]),
        snippet=snippet,
        day=meeting.date,
        context=f"Agreed at {_meeting_context(meeting)}; {action.get_state_display()}{due}",
        unpublished=meeting.agenda_published_at is None,
    )


def _measures(user: AnyUser) -> QuerySet[Measure]:
    return Measure.objects.all()


def _measure(measure: Measure, snippet: SafeString) -> Hit:
    return Hit(
        kind="measure",
        label="Measure",
        title=f"{measure.reference} {measure.title}",
        url=reverse("measure-detail", args=[measure.reference]),
        snippet=snippet,
    )


def _figures(user: AnyUser) -> QuerySet[Actual]:
    # Only published figures' commentary, whoever asks: drafts are never found.
    return Actual.objects.published().exclude(commentary="")


def _figure(actual: Actual, snippet: SafeString) -> Hit:
    period = actual.period.label
    url = reverse("measure-detail", args=[actual.measure.reference])
    return Hit(
        kind="measure",
        label="Commentary on a figure",
        title=f"{actual.measure.reference} {actual.measure.title}: {period}",
        url=f"{url}?{urlencode({'period': period})}",
        snippet=snippet,
        day=actual.published_at.date() if actual.published_at else None,
        context=f"About the latest performance, {period}",
    )


def _indicators(user: AnyUser) -> QuerySet[BenchmarkIndicator]:
    return BenchmarkIndicator.objects.all()


def _indicator(indicator: BenchmarkIndicator, snippet: SafeString) -> Hit:
    return Hit(
        kind="indicator",
        label="Benchmark indicator",
        title=indicator.title,
        url=reverse("benchmark-indicator", args=[indicator.slug]),
        snippet=snippet,
        context=indicator.source,
    )


def _committees(user: AnyUser) -> QuerySet[Committee]:
    return Committee.objects.all()


def _committee(committee: Committee, snippet: SafeString) -> Hit:
    return Hit(
        kind="committee",
        label="Committee",
        title=committee.name,
        url=committee.get_absolute_url(),
        snippet=snippet,
    )


def _people(user: AnyUser) -> QuerySet[Person]:
    return Person.objects.all()


def _person(person: Person, snippet: SafeString) -> Hit:
    return Hit(
        kind="person",
        label="Person",
        title=f"{person.title} {person.name}".strip(),
        url=reverse("person-detail", args=[person.key]),
        snippet=snippet,
        context=person.role_title or person.get_kind_display(),
    )


def register_builtin_sources() -> None:
    """Called once from ScrutinyConfig.ready()."""
    for key, label in (
        ("measure", "Measures"),
        ("item", "Agenda items"),
        ("paper", "Papers"),
        ("minutes", "Minutes and resolutions"),
        ("action", "Actions"),
        ("indicator", "Benchmark indicators"),
        ("committee", "Committees"),
        ("person", "People"),
    ):
        register_kind(key, label)
    meeting_day, meeting_committee = "item__meeting__date", "item__meeting__committee"
    for source in (
        Source(
            "measure",
            "measure",
            (("reference", "A"), ("title", "A"), ("definition", "B")),
            _measures,
            _measure,
            committee="committees",
        ),
        Source(
            "figure",
            "measure",
            (("commentary", "B"),),
            _figures,
            _figure,
            day=TruncDate("published_at"),
            committee="measure__committees",
            related=("measure",),
        ),
        Source(
            "item",
            "item",
            (("title", "A"), ("summary", "B"), ("recommendations", "B"), ("contributor", "C")),
            _items,
            _item,
            day="meeting__date",
            committee="meeting__committee",
            related=("meeting__committee",),
        ),
        Source(
            "paper",
            "paper",
            (("title", "A"), ("text", "B"), ("file_text", "C")),
            _papers,
            _paper,
            day=meeting_day,
            committee=meeting_committee,
            related=("item__meeting__committee",),
        ),
        Source(
            "minutes",
            "minutes",
            (("resolutions", "A"), ("text", "B")),
            _minutes,
            _minute,
            day=meeting_day,
            committee=meeting_committee,
            related=("item__meeting__committee",),
        ),
        Source(
            "action",
            "action",
            (("what", "A"),),
            _actions,
            _action,
            day=meeting_day,
            committee=meeting_committee,
            related=("item__meeting__committee",),
        ),
        Source(
            "indicator",
            "indicator",
            (("title", "A"), ("topic", "B"), ("description", "C")),
            _indicators,
            _indicator,
        ),
        Source(
            "committee",
            "committee",
            (("name", "A"), ("remit", "B")),
            _committees,
            _committee,
            committee="pk",
        ),
        Source(
            "person",
            "person",
            (("name", "A"), ("role_title", "B"), ("seat", "C")),
            _people,
            _person,
            committee="memberships__committee",
        ),
    ):
        register_source(source)
