"""Members' questions: who may ask, asking (and routing the question by e-mail), answering,
merging duplicates, declining and holding a question for the meeting."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from committees.access import AnyUser, sits_for
from committees.models import (
    AgendaItem,
    Meeting,
    MeetingState,
    Question,
    QuestionState,
)
from committees.question_deadline import question_deadline, questions_open
from committees.signals import question_answered
from measures.rules.periods import Period
from scrutiny.mail import queue_email
from scrutiny.roles import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from measures.models import Measure


def closing_day(meeting: Meeting) -> date:
    """The last day questions for the meeting may be asked (settings.QUESTION_CLEAR_DAYS)."""
    return question_deadline(meeting.date, clear_days=settings.QUESTION_CLEAR_DAYS)


def still_open(meeting: Meeting, today: date | None = None) -> bool:
    """Whether questions for a scheduled meeting are still taken."""
    if meeting.state != MeetingState.SCHEDULED:
        return False
    return questions_open(
        today=today or timezone.localdate(),
        meeting_day=meeting.date,
        clear_days=settings.QUESTION_CLEAR_DAYS,
    )


def may_ask(user: AnyUser, meeting: Meeting) -> bool:
    """The committee's members (added members too) on the day, and the meeting's substitutes."""
    return sits_for(user, meeting)


def performance_item(meeting: Meeting, period: Period) -> AgendaItem | None:
    """The meeting's item reporting the quarter, under which a figure's question is printed."""
    return meeting.items.filter(period=period.label).order_by("number").first()


def scrutiny_officers() -> list[str]:
    """The addresses of the scrutiny officers, who take the questions nobody else owns."""
    users = get_user_model().objects.filter(
        groups__name=Role.SCRUTINY_OFFICER.value, is_active=True
    )
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


def answerer(question: Question) -> User | None:
    """Who answers: the measure's owner, or the item's report author; None for the officers."""
    measure = question.measure
    if measure is not None:
        return measure.owner
    return question.item.report_author if question.item else None


@transaction.atomic
def ask_question(
    *,
    user: User,
    meeting: Meeting,
    text: str,
    item: AgendaItem | None = None,
    measure: Measure | None = None,
    period: Period | None = None,
    link: str = "",
    today: date | None = None,
) -> Question:
    """Record a question and e-mail it (from a task, once saved) to whoever answers it."""
    if not may_ask(user, meeting):
        raise ValidationError("Only members of the committee may ask questions for its meetings.")
    if not still_open(meeting, today):
        raise ValidationError(
            f"Questions for this meeting closed on {closing_day(meeting):%-d %B %Y}."
        )
    if not text.strip():
        raise ValidationError({"text": "Write your question."})
    if measure is not None and period is not None:
        item = performance_item(meeting, period)
    question = Question(
        meeting=meeting,
        item=item,
        measure=measure,
        period=period.label if measure is not None and period is not None else "",
        text=text.strip(),
        asked_by=user,
    )
    question.routed_to = answerer(question)
    question.full_clean()
    question.save()
    _send(question, link)
    return question


def _send(question: Question, link: str) -> None:
    to = [question.routed_to.email] if question.routed_to and question.routed_to.email else []
    meeting = question.meeting
    lines = [
        f"A member has asked a question for the {meeting.committee.name} on "
        f"{meeting.date:%-d %B %Y}.",
        "",
        f"About: {question.subject}",
        "",
        question.text,
        "",
    ]
    if not to:
        to = scrutiny_officers()
        lines += ["Nobody owns this subject: please find who should answer it.", ""]
    if link:
        lines.append(f"Answer it in the admin: {link}")
    if to:
        queue_email(
            EmailMessage(
                subject=f"Members' question: {question.subject}",
                body="\n".join(lines),
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=to,
            )
        )


def answer_question(*, question: Question, answer: str, user: User | None) -> Question:
    """Publish an answer (its draft, written in the admin, becomes the answer)."""
    question.answer = answer
    question.state = QuestionState.ANSWERED
    question.answered_by = user
    question.answered_at = timezone.now()
    question.full_clean()
    question.save()
    question_answered.send(sender=Question, question=question)
    return question


def hold_for_meeting(*, question: Question) -> Question:
    """Mark a question to be answered at the meeting itself."""
    question.state = QuestionState.AT_MEETING
    question.save(update_fields=["state", "updated_at"])
    return question


def decline_question(*, question: Question, reason: str) -> Question:
    """Decline a question, saying why (the reason is required)."""
    question.state = QuestionState.DECLINED
    question.decline_reason = reason.strip()
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def merge_duplicates(*, keep: Question, duplicates: list[Question]) -> int:
    """Point duplicates (and what was merged into them) at the question kept; its asker and
    theirs then read the kept one's answer."""
    merged = [q for q in duplicates if q.pk != keep.pk]
    if any(q.meeting_id != keep.meeting_id for q in merged):
        raise ValidationError("Only questions for the same meeting can be merged.")
    if keep.state == QuestionState.DUPLICATE:
        raise ValidationError("The question kept cannot itself be a merged duplicate.")
    pks = [q.pk for q in merged]
    Question.objects.filter(Q(pk__in=pks) | Q(duplicate_of__in=pks)).update(
        state=QuestionState.DUPLICATE, duplicate_of=keep, updated_at=timezone.now()
    )
    return len(pks)
