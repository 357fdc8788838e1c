"""Members' questions where the service shows them: the measure page's section, the meeting
page (answers under their items, and the counts), "since the last meeting" and search.
Each reads in a fixed number of queries, and only what the user may read."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString

from committees.access import AnyUser, signed_in_user
from committees.models import (
    AgendaItem,
    Committee,
    Meeting,
    MeetingState,
    Membership,
    Question,
    QuestionState,
)
from committees.questions import closing_day, still_open
from committees.since import Change, ChangeKind, Window, register_change_kind
from measures.pages.extensions import Section, register_measure_section
from scrutiny.search.kinds import Hit, Source, register_kind, register_source

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from measures.models import Measure
    from measures.rules.periods import Period


def ask_url(meeting: Meeting, **subject: str) -> str:
    url = reverse("ask-question", args=[meeting.committee.slug, meeting.slug])
    return f"{url}?{urlencode(subject)}" if subject else url


def _meeting_start(meeting: Meeting) -> datetime:
    return datetime.combine(meeting.date, time(0, 0), tzinfo=ZoneInfo(settings.TIME_ZONE))


@dataclass(frozen=True)
class QuestionCounts:
    """How a meeting's questions went: asked, answered before it, at it, and declined."""

    asked: int
    answered_before: int
    at_meeting: int
    declined: int


def question_counts(meeting: Meeting, user: AnyUser) -> QuestionCounts:
    """The counts of the questions the user may read (exempt ones only for those entitled)."""
    start = _meeting_start(meeting)
    answered = Q(state=QuestionState.ANSWERED)
    counts = (
        Question.objects.filter(meeting=meeting)
        .readable_by(user)
        .aggregate(
            asked=Count("pk"),
            answered_before=Count("pk", filter=answered & Q(answered_at__lt=start)),
            at_meeting=Count(
                "pk",
                filter=Q(state=QuestionState.AT_MEETING) | answered & Q(answered_at__gte=start),
            ),
            declined=Count("pk", filter=Q(state=QuestionState.DECLINED)),
        )
    )
    return QuestionCounts(**counts)


def meeting_questions(meeting: Meeting, items: list[AgendaItem], user: AnyUser) -> dict[str, Any]:
    """What the meeting page shows of questions: each item's answered questions (set on the
    item as `answered_questions`), the counts, and whether and until when the user may ask."""
    answered: dict[int, list[Question]] = defaultdict(list)
    readable = Question.objects.filter(meeting=meeting, item__isnull=False).readable_by(user)
    for question in readable.answered().select_related("measure"):
        answered[question.item_id].append(question)  # type: ignore[index]  # not null here
    for item in items:
        item.answered_questions = answered.get(item.pk, [])  # type: ignore[attr-defined]
    from committees.questions import may_ask

    scheduled = meeting.state == MeetingState.SCHEDULED and meeting.date >= timezone.localdate()
    return {
        "question_counts": question_counts(meeting, user),
        "questions_close": closing_day(meeting) if scheduled else None,
        "questions_open": scheduled and still_open(meeting),
        "may_ask": scheduled and may_ask(user, meeting),
        "ask_url": ask_url(meeting),
    }


def questions_section(
    measure: Measure, period: Period, user: User | AnonymousUser
) -> Section | None:
    """The measure page's "Members' questions": answered questions on this quarter's figure,
    and for a committee member the meetings they may still ask one for."""
    answered = list(
        Question.objects.filter(measure=measure, period=period.label)
        .readable_by(user)
        .answered()
        .select_related("meeting__committee")
        .order_by("meeting__date", "asked_at")
    )
    asking = []
    member = signed_in_user(user)
    if member is not None:
        today = timezone.localdate()
        naming = Committee.objects.filter(measures__isnull=False)
        meetings = (
            Meeting.objects.filter(
                state=MeetingState.SCHEDULED,
                date__gte=today,
                committee__in=Membership.objects.on(today)
                .filter(person__user=member)
                .values("committee"),
            )
            .filter(Q(committee__measures=measure) | ~Q(committee__in=naming))
            .select_related("committee")
            .distinct()
            .order_by("date")
        )
        asking = [
            (m, closing_day(m), ask_url(m, measure=measure.reference, period=period.label))
            for m in meetings
            if still_open(m, today)
        ]
    if not answered and not asking:
        return None
    return Section(
        title="Members' questions",
        template_name="committees/includes/measure_questions.html",
        context={"questions": answered, "asking": asking, "period": period},
    )


def _day(question: Question) -> date:
    # Only answered questions are dated this way: they have a time of answer.
    return timezone.localdate(question.answered_at)


def questions_answered(window: Window, user: AnyUser) -> list[Change]:
    """Questions for the committee's meetings answered since its last meeting."""
    questions = (
        Question.objects.filter(meeting__committee=window.committee, answered_at__gte=window.start)
        .readable_by(user)
        .answered()
        .select_related("meeting__committee", "item", "measure")
        .order_by("-answered_at", "pk")
    )
    return [
        Change(
            title=question.text if len(question.text) <= 120 else question.text[:117] + "…",
            url=question_url(question),
            on=_day(question),
            detail=f"{question.subject}; answered {_day(question):%-d %B %Y}",
        )
        for question in questions
    ]


def question_url(question: Question) -> str:
    """Where an answered question is shown: its item on the meeting page, or its figure."""
    measure = question.measure
    if measure is None:
        return f"{question.meeting.get_absolute_url()}#question-{question.pk}"
    url = reverse("measure-detail", args=[measure.reference])
    return f"{url}?{urlencode({'period': question.period})}#question-{question.pk}"


def _searchable(user: AnyUser) -> Any:
    return Question.objects.readable_by(user).answered()


def _hit(question: Question, snippet: SafeString) -> Hit:
    meeting = question.meeting
    return Hit(
        kind="question",
        label="Member's question",
        title=question.subject,
        url=question_url(question),
        snippet=snippet,
        day=timezone.localdate(question.answered_at) if question.answered_at else None,
        context=f"For the {meeting.committee.name}, {meeting.date:%-d %B %Y}",
        exempt=getattr(question, "exempt_paragraph", None) is not None,
    )


def register() -> None:
    """Called once from CommitteesConfig.ready()."""
    register_measure_section("members-questions", questions_section)
    register_change_kind(
        "questions", ChangeKind("Questions answered", questions_answered, "No questions answered.")
    )
    register_kind("question", "Members' questions")
    register_source(
        Source(
            "question",
            "question",
            (("text", "A"), ("answer", "B")),
            _searchable,
            _hit,
            day=TruncDate("answered_at"),
            committee="meeting__committee",
            related=("meeting__committee", "item", "measure"),
        )
    )
