"""Moving a figure through draft, submitted, approved and published, by role."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from measures.models import Actual, State
from measures.permissions import may_change
from measures.signals import figure_published

if TYPE_CHECKING:
    from measures.permissions import SignedInUser, User


class Action(StrEnum):
    """A step a user may take with a figure."""

    SUBMIT = "submit"
    APPROVE = "approve"
    PUBLISH = "publish"
    RETURN_TO_DRAFT = "return_to_draft"


@dataclass(frozen=True)
class Step:
    """Which states an action starts from, where it leads, and the permission it needs."""

    sources: tuple[State, ...]
    target: State
    permission: str
    verb: str


STEPS: dict[Action, Step] = {
    Action.SUBMIT: Step((State.DRAFT,), State.SUBMITTED, "measures.submit_actual", "submitted"),
    Action.APPROVE: Step((State.SUBMITTED,), State.APPROVED, "measures.approve_actual", "approved"),
    Action.PUBLISH: Step(
        (State.APPROVED,), State.PUBLISHED, "measures.publish_actual", "published"
    ),
    Action.RETURN_TO_DRAFT: Step(
        (State.SUBMITTED, State.APPROVED, State.PUBLISHED),
        State.DRAFT,
        "measures.approve_actual",
        "returned to draft",
    ),
}


class NotAllowed(Exception):
    """The user may not take this step with this figure; the message says why."""


def refusal(*, user: User, actual: Actual, action: Action) -> str | None:
    """Why the user may not take the action with the figure, or None if they may."""
    step = STEPS[action]
    if not user.has_perm(step.permission):
        return f"You cannot {action.value.replace('_', ' ')} figures with your role."
    if actual.state not in step.sources:
        return (
            f"{actual} is {actual.get_state_display().lower()}: only "
            f"{' or '.join(s.label.lower() for s in step.sources)} figures can be "
            f"{step.verb}."
        )
    # Submitting is a change to the figure: only those who may change it may submit it.
    if action is Action.SUBMIT and not may_change(user, measure=actual.measure, state=actual.state):
        return f"You can only submit figures for measures you own: {actual.measure.reference}."
    return None


@transaction.atomic
def move(*, actual: Actual, action: Action, by: SignedInUser) -> Actual:
    """Take one workflow step, recording who took it and when."""
    reason = refusal(user=by, actual=actual, action=action)
    if reason:
        raise NotAllowed(reason)
    step = STEPS[action]
    now = timezone.now()
    actual.state = step.target
    if action is Action.SUBMIT:
        actual.submitted_by, actual.submitted_at = by, now
    elif action is Action.APPROVE:
        actual.approved_by, actual.approved_at = by, now
    elif action is Action.PUBLISH:
        actual.published_by, actual.published_at = by, now
    else:
        actual.approved_by = actual.approved_at = None
        actual.published_by = actual.published_at = None
    # simple_history reads the reason from this attribute, which the model does not declare.
    actual._change_reason = f"{step.verb} by {by.get_username()}"  # type: ignore[attr-defined]
    actual.save()
    if action is Action.PUBLISH:
        figure_published.send(sender=Actual, actual=actual)
    return actual
