"""Publishing and withdrawing agendas and minutes, supplements, and withdrawing packs.

Each function is one step a scrutiny officer takes; the admin and the demo loader call them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from committees.models import (
    Meeting,
    Pack,
    PackVersion,
    Paper,
    Publication,
    Withdrawal,
)


class PublicationError(Exception):
    """A publication step that cannot be taken, with the reason in words."""


def _user(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def _locked(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().select_related("committee").get(pk=meeting.pk)


@transaction.atomic
def publish_agenda(*, meeting: Meeting, user: Any, when: datetime | None = None) -> list[str]:
    """Publish a meeting's agenda and papers, and the minutes its minutes item prints.

    Returns what else was done, in words. Raises PublicationError if already published.
    """
    locked = _locked(meeting)
    if locked.agenda_published_at is not None:
        raise PublicationError(
            f"The agenda was already published on {locked.agenda_published_at:%-d %B %Y}."
        )
    when = when or timezone.now()
    locked.agenda_published_at, locked.agenda_published_by = when, _user(user)
    locked.save(update_fields=["agenda_published_at", "agenda_published_by"])
    # Papers already published keep their date; the rest are published with the agenda.
    Paper.objects.filter(item__meeting=locked, published_at__isnull=True).update(published_at=when)
    done = []
    # Draft minutes go out with the agenda whose minutes item prints them.
    printed = Meeting.objects.filter(
        confirmed_under__meeting=locked,
        minutes_published_at__isnull=True,
        items__minute__isnull=False,
    ).distinct()
    for earlier in printed.order_by("date"):
        publish_minutes(meeting=earlier, user=user, when=when)
        done.append(f"The draft minutes of {earlier.date:%-d %B %Y}, which it prints, too.")
    _copy(meeting, locked)
    return done


@transaction.atomic
def withdraw_agenda(*, meeting: Meeting, user: Any, reason: str) -> Withdrawal:
    """Take back a published agenda: recorded with who, when and why; its packs withdrawn."""
    reason = reason.strip()
    if not reason:
        raise PublicationError("Say why the agenda's publication is withdrawn.")
    locked = _locked(meeting)
    if locked.agenda_published_at is None:
        raise PublicationError("The agenda is not published, so there is nothing to withdraw.")
    now = timezone.now()
    withdrawal = Withdrawal.objects.create(
        meeting=locked,
        what=Publication.AGENDA,
        published_at=locked.agenda_published_at,
        published_by=locked.agenda_published_by,
        withdrawn_at=now,
        withdrawn_by=_user(user),
        reason=reason,
    )
    locked.agenda_published_at = locked.agenda_published_by = None
    locked.save(update_fields=["agenda_published_at", "agenda_published_by"])
    withdraw_packs(
        packs=Pack.objects.filter(meeting=locked),
        reason=f"The agenda's publication was withdrawn: {reason}",
        when=now,
    )
    _copy(meeting, locked)
    return withdrawal


@transaction.atomic
def publish_minutes(*, meeting: Meeting, user: Any, when: datetime | None = None) -> None:
    """Publish a meeting's minutes (draft until the next meeting approves them)."""
    locked = _locked(meeting)
    if locked.minutes_published_at is not None:
        raise PublicationError(
            f"The minutes were already published on {locked.minutes_published_at:%-d %B %Y}."
        )
    if not locked.items.filter(minute__isnull=False).exists():
        raise PublicationError("No minutes are recorded for this meeting yet.")
    locked.minutes_published_at = when or timezone.now()
    locked.minutes_published_by = _user(user)
    locked.save(update_fields=["minutes_published_at", "minutes_published_by"])
    _copy(meeting, locked)


@transaction.atomic
def withdraw_minutes(*, meeting: Meeting, user: Any, reason: str) -> Withdrawal:
    """Take back published minutes, and the packs of later meetings that print them."""
    reason = reason.strip()
    if not reason:
        raise PublicationError("Say why the minutes' publication is withdrawn.")
    locked = _locked(meeting)
    if locked.minutes_published_at is None:
        raise PublicationError("The minutes are not published, so there is nothing to withdraw.")
    now = timezone.now()
    withdrawal = Withdrawal.objects.create(
        meeting=locked,
        what=Publication.MINUTES,
        published_at=locked.minutes_published_at,
        published_by=locked.minutes_published_by,
        withdrawn_at=now,
        withdrawn_by=_user(user),
        reason=reason,
    )
    locked.minutes_published_at = locked.minutes_published_by = None
    locked.save(update_fields=["minutes_published_at", "minutes_published_by"])
    withdraw_packs(
        packs=Pack.objects.filter(meeting__items__minutes_of=locked),
        reason=f"The minutes of {locked.date:%-d %B %Y} it prints were withdrawn: {reason}",
        when=now,
    )
    _copy(meeting, locked)
    return withdrawal


def withdraw_packs(*, packs: Any, reason: str, when: datetime | None = None) -> int:
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
    Paper.objects.filter(pk__in=published).update(published_at=when)
    Paper.objects.filter(pk__in=drafts).update(published_at=None)
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
