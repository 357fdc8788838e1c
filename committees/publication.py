"""Publishing and withdrawing agendas and minutes, supplements, and withdrawing packs.

Each function is one step a scrutiny officer takes; the admin and the demo loader call them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from committees.access import signed_in_user
from committees.models import (
    Meeting,
    Pack,
    PackVersion,
    Paper,
    Publication,
    Withdrawal,
)
from committees.signals import published

if TYPE_CHECKING:
    from committees.access import AnyUser


class PublicationError(Exception):
    """A publication step that cannot be taken, with the reason in words."""


def _locked(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().select_related("committee").get(pk=meeting.pk)


@dataclass(frozen=True)
class _Published:
    """Where a meeting records one publication, and how its messages name it."""

    at: str
    by: str
    name: str  # as a sentence starts
    possessive: str
    was: str
    is_: str


_PUBLISHED = {
    Publication.AGENDA: _Published(
        "agenda_published_at", "agenda_published_by", "The agenda", "the agenda's", "was", "is"
    ),
    Publication.MINUTES: _Published(
        "minutes_published_at", "minutes_published_by", "The minutes", "the minutes'", "were", "are"
    ),
}


@transaction.atomic
def publish(
    *, meeting: Meeting, what: Publication, user: AnyUser, when: datetime | None = None
) -> list[str]:
    """Publish a meeting's agenda (with its papers) or its minutes, recording who and when.

    Returns what else was done, in words. Raises PublicationError if already published, or
    for minutes none of which are recorded.
    """
    fields = _PUBLISHED[what]
    locked = _locked(meeting)
    published_at = getattr(locked, fields.at)
    if published_at is not None:
        raise PublicationError(
            f"{fields.name} {fields.was} already published on {published_at:%-d %B %Y}."
        )
    if what == Publication.MINUTES and not locked.items.filter(minute__isnull=False).exists():
        raise PublicationError("No minutes are recorded for this meeting yet.")
    when = when or timezone.now()
    setattr(locked, fields.at, when)
    setattr(locked, fields.by, signed_in_user(user))
    locked.save(update_fields=[fields.at, fields.by, "updated_at"])
    done = _publish_with_agenda(locked, user=user, when=when) if what == Publication.AGENDA else []
    _copy(meeting, locked)
    published.send(sender=Meeting, meeting=locked, what=what)
    return done


def _publish_with_agenda(meeting: Meeting, *, user: AnyUser, when: datetime) -> list[str]:
    """The papers, and the draft minutes the agenda's minutes item prints."""
    # Papers already published keep their date; the rest are published with the agenda.
    Paper.objects.filter(item__meeting=meeting, published_at__isnull=True).update(
        published_at=when, updated_at=timezone.now()
    )
    done = []
    printed = Meeting.objects.filter(
        confirmed_under__meeting=meeting,
        minutes_published_at__isnull=True,
        items__minute__isnull=False,
    ).distinct()
    for earlier in printed.order_by("date"):
        publish_minutes(meeting=earlier, user=user, when=when)
        done.append(f"The draft minutes of {earlier.date:%-d %B %Y}, which it prints, too.")
    return done


@transaction.atomic
def withdraw(*, meeting: Meeting, what: Publication, user: AnyUser, reason: str) -> Withdrawal:
    """Take back a published agenda or minutes: recorded with who, when and why.

    The packs printed from it are withdrawn too: the meeting's own for an agenda, and for
    minutes those of later meetings that print them.
    """
    fields = _PUBLISHED[what]
    reason = reason.strip()
    if not reason:
        raise PublicationError(f"Say why {fields.possessive} publication is withdrawn.")
    locked = _locked(meeting)
    if getattr(locked, fields.at) is None:
        raise PublicationError(
            f"{fields.name} {fields.is_} not published, so there is nothing to withdraw."
        )
    now = timezone.now()
    withdrawal = Withdrawal.objects.create(
        meeting=locked,
        what=what,
        published_at=getattr(locked, fields.at),
        published_by_id=getattr(locked, f"{fields.by}_id"),
        withdrawn_at=now,
        withdrawn_by=signed_in_user(user),
        reason=reason,
    )
    setattr(locked, fields.at, None)
    setattr(locked, fields.by, None)
    locked.save(update_fields=[fields.at, fields.by, "updated_at"])
    if what == Publication.AGENDA:
        packs = Pack.objects.filter(meeting=locked)
        why = f"The agenda's publication was withdrawn: {reason}"
    else:
        packs = Pack.objects.filter(meeting__items__minutes_of=locked)
        why = f"The minutes of {locked.date:%-d %B %Y} it prints were withdrawn: {reason}"
    withdraw_packs(packs=packs, reason=why, when=now)
    _copy(meeting, locked)
    return withdrawal


def publish_agenda(*, meeting: Meeting, user: AnyUser, when: datetime | None = None) -> list[str]:
    """Publish a meeting's agenda and papers, and the minutes its minutes item prints."""
    return publish(meeting=meeting, what=Publication.AGENDA, user=user, when=when)


def publish_minutes(*, meeting: Meeting, user: AnyUser, when: datetime | None = None) -> None:
    """Publish a meeting's minutes (draft until the next meeting approves them)."""
    publish(meeting=meeting, what=Publication.MINUTES, user=user, when=when)


def withdraw_agenda(*, meeting: Meeting, user: AnyUser, reason: str) -> Withdrawal:
    """Take back a published agenda, and the meeting's packs."""
    return withdraw(meeting=meeting, what=Publication.AGENDA, user=user, reason=reason)


def withdraw_minutes(*, meeting: Meeting, user: AnyUser, reason: str) -> Withdrawal:
    """Take back published minutes, and the packs of later meetings that print them."""
    return withdraw(meeting=meeting, what=Publication.MINUTES, user=user, reason=reason)


def withdraw_packs(*, packs: QuerySet[Pack], reason: str, when: datetime | None = None) -> int:
    """Stop serving these stored packs (and their item downloads) until a new build."""
    return Pack.objects.filter(pk__in=packs.values("pk"), withdrawn_at__isnull=True).update(
        withdrawn_at=when or timezone.now(), withdrawn_reason=reason
    )


@transaction.atomic
def record_paper_changes(
    *,
    changed: Iterable[Paper],
    made_exempt: Iterable[Paper] = (),
    when: datetime | None = None,
) -> int:
    """After papers were added or changed: date their publication, withdraw what leaked.

    A paper changed while its agenda is published is published at once, as a supplement;
    one changed while it is not waits for the agenda. Public packs that printed a paper now
    made exempt are withdrawn. Returns how many packs were withdrawn.
    """
    when = when or timezone.now()
    changed = list(changed)
    published = [p.pk for p in changed if p.item.meeting.agenda_published_at is not None]
    drafts = [p.pk for p in changed if p.pk not in published]
    Paper.objects.filter(pk__in=published).update(published_at=when, updated_at=timezone.now())
    Paper.objects.filter(pk__in=drafts).update(published_at=None, updated_at=timezone.now())
    for paper in changed:
        paper.published_at = when if paper.pk in published else None
    exempted = [paper for paper in made_exempt if paper.is_exempt]
    return withdraw_packs_printing(
        papers=exempted, why="A paper it printed has since been made exempt", when=when
    )


def withdraw_packs_printing(
    *, papers: Iterable[Paper], why: str, when: datetime | None = None
) -> int:
    """Withdraw the public packs that printed any of these papers (call it before deleting
    them: the record of what a pack printed goes with the paper)."""
    papers = list(papers)
    if not papers:
        return 0
    return withdraw_packs(
        packs=Pack.objects.filter(version=PackVersion.PUBLIC, printed_papers__in=papers),
        reason=f"{why}: " + "; ".join(f"item {p.item.number}, {p}" for p in papers),
        when=when,
    )


def _copy(meeting: Meeting, locked: Meeting) -> None:
    """Give the caller's meeting the saved publication fields."""
    for name in (
        "agenda_published_at",
        "agenda_published_by_id",
        "minutes_published_at",
        "minutes_published_by_id",
    ):
        setattr(meeting, name, getattr(locked, name))
