"""Changing a target once figures rated against it are public: propose, then approve or reject.

A target rates every figure reported in its financial year. Once any of those figures is
published, an officer's change (or a new target for that year) would silently re-rate the
public dashboard, so it waits as a TargetChange until a performance lead approves it. Leads'
own changes, and changes to years with nothing published, apply at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from measures.models import (
    TARGET_TERMS,
    Actual,
    ChangeState,
    Measure,
    State,
    Target,
    TargetChange,
)

if TYPE_CHECKING:
    from measures.permissions import SignedInUser, User


class TargetChangeRefused(Exception):
    """The change cannot be approved or rejected; the message says why."""


def is_target_lead(user: User) -> bool:
    """Whether the user's target changes apply at once, and who approves others'."""
    return bool(user.has_perm("measures.approve_targetchange"))


def needs_approval(*, measure: Measure, years: set[int], by: User) -> bool:
    """Whether a change to these years' target must wait for a lead: something is published."""
    if is_target_lead(by):
        return False
    published = Actual.objects.filter(measure=measure, year__in=years, state=State.PUBLISHED)
    return published.exists()


@transaction.atomic
def save_target(*, target: Target, by: SignedInUser) -> TargetChange | None:
    """Save a target as typed, or hold the change for approval and return the pending change.

    `target` carries the typed terms (it may be a new, unsaved target); when the change is
    held, the stored target is left exactly as it was.
    """
    original = Target.objects.filter(pk=target.pk).first() if target.pk else None
    years = {target.year} | ({original.year} if original else set())
    if not needs_approval(measure=target.measure, years=years, by=by):
        target.save()
        return None
    return propose_target_change(measure=target.measure, target=original, terms=target, by=by)


@transaction.atomic
def propose_target_change(
    *, measure: Measure, target: Target | None, terms: Target, by: SignedInUser
) -> TargetChange:
    """Record new terms for a target (or a new target) as the one pending change for it."""
    pending = TargetChange.objects.select_for_update().pending().filter(measure=measure)
    if target is not None:
        change = pending.filter(target=target).first()
    else:
        change = pending.filter(target__isnull=True, year=terms.year, quarter=terms.quarter).first()
    change = change or TargetChange(measure=measure, target=target)
    for name in TARGET_TERMS:
        setattr(change, name, getattr(terms, name))
    change.proposed_by, change.proposed_at = by, timezone.now()
    change.full_clean()
    change.save()
    return change


def _decidable(change: TargetChange, by: User) -> None:
    if not is_target_lead(by):
        raise TargetChangeRefused("Only performance leads approve or reject target changes.")
    if change.state != ChangeState.PENDING:
        raise TargetChangeRefused(
            f"{change} was already {change.get_state_display().lower()}: nothing to decide."
        )


@transaction.atomic
def approve_target_change(*, change: TargetChange, by: SignedInUser) -> Target:
    """Make the proposed terms the target, recording who approved it and when."""
    change = TargetChange.objects.select_for_update().select_related("measure").get(pk=change.pk)
    _decidable(change, by)
    target = change.target or Target(measure=change.measure)
    for name in TARGET_TERMS:
        setattr(target, name, getattr(change, name))
    try:
        target.full_clean()
    except ValidationError as error:
        problem = " ".join(error.messages)
        raise TargetChangeRefused(f"{change} cannot be approved: {problem}") from None
    proposer = change.proposed_by.get_username() if change.proposed_by else "someone"
    # simple_history reads the reason and user from these attributes, undeclared on the model.
    target._change_reason = (  # type: ignore[attr-defined]
        f"approved by {by.get_username()}: a change proposed by {proposer}"
    )
    target._history_user = by  # type: ignore[attr-defined]
    target.save()
    change.target = target
    change.state, change.decided_by, change.decided_at = ChangeState.APPROVED, by, timezone.now()
    change.save()
    return target


@transaction.atomic
def reject_target_change(*, change: TargetChange, by: SignedInUser) -> TargetChange:
    """Turn the change down: the target stays as approved; who and when are kept."""
    change = TargetChange.objects.select_for_update().select_related("measure").get(pk=change.pk)
    _decidable(change, by)
    change.state, change.decided_by, change.decided_at = ChangeState.REJECTED, by, timezone.now()
    change.save()
    return change
