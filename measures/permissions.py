"""Which permissions on measures each role holds, and who may change which figures."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeAlias

from django.apps import apps as global_apps

from measures.models import State
from scrutiny.roles import grant

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.auth.models import User as AuthUser

    from measures.models import Measure

    # Someone signed in (settings.AUTH_USER_MODEL is Django's own), and whoever a request is
    # from: someone signed in or no one (AnonymousUser). One place names the user types.
    SignedInUser: TypeAlias = AuthUser
    User: TypeAlias = AuthUser | AnonymousUser

MODELS = ["ambition", "outcome", "measure", "target", "targetchange", "actual"]
BENCHMARK_MODELS = [
    "area",
    "comparatorgroup",
    "groupmember",
    "groupvalue",
    "benchmarkindicator",
    "benchmarkvalue",
    "measurebenchmark",
]
# Officers define custom comparator groups and link their measures to national indicators.
OFFICER_BENCHMARKING = [
    f"{action}_{m}"
    for m in ("comparatorgroup", "groupmember", "groupvalue", "measurebenchmark")
    for action in ("add", "change")
]

GRANTS: dict[str, list[str]] = {
    # Officers keep their own measures' texts, targets and figures, and submit figures;
    # a change to a target already rating published figures waits for a lead's approval.
    "Officer": [
        *(f"view_{m}" for m in MODELS),
        "change_measure",
        "add_target",
        "change_target",
        "add_actual",
        "change_actual",
        "submit_actual",
        *(f"view_{m}" for m in BENCHMARK_MODELS),
        *OFFICER_BENCHMARKING,
    ],
    "Performance lead": [
        *(
            f"{action}_{m}"
            for m in [*MODELS, *BENCHMARK_MODELS]
            for action in ("add", "change", "delete", "view")
        ),
        "submit_actual",
        "approve_actual",
        "publish_actual",
        "approve_targetchange",
        # National imports, uploaded in the admin and run by the worker.
        "add_importrun",
        "view_importrun",
    ],
    "Scrutiny officer": [f"view_{m}" for m in [*MODELS, *BENCHMARK_MODELS]],
}


def grant_role_permissions(*, apps: Any = global_apps) -> None:
    """Give each role its measures permissions (idempotent; safe after migrate or flush)."""
    grant(GRANTS, app_label="measures", apps=apps)


class FigureRole(StrEnum):
    """What a user's permissions let them do with figures."""

    LEAD = "lead"  # approves figures, so may change any of them
    OFFICER = "officer"  # enters the figures of the measures they own
    READER = "reader"  # reads figures and changes none


# An officer's figure stays theirs to correct until a performance lead approves it.
OFFICER_MAY_CHANGE = frozenset({State.DRAFT, State.SUBMITTED})


def may_change_figure(*, role: FigureRole, owner: bool, state: str | None) -> bool:
    """Whether someone may enter or change a figure: a lead any figure; an officer a figure of
    a measure they own, until it is approved. `state` is None for a figure not yet entered."""
    if role is FigureRole.LEAD:
        return True
    if role is FigureRole.OFFICER:
        return owner and (state is None or state in OFFICER_MAY_CHANGE)
    return False


def figure_role(user: User) -> FigureRole:
    """The user's role with figures, read from their permissions (no query once cached)."""
    if not user.has_perm("measures.change_actual"):
        return FigureRole.READER
    if user.has_perm("measures.approve_actual"):
        return FigureRole.LEAD
    return FigureRole.OFFICER


def owns(user: User, measure: Measure) -> bool:
    """Whether the user is the measure's owner (no one signed in owns nothing)."""
    return user.pk is not None and measure.owner_id == user.pk


def may_change(user: User, *, measure: Measure, state: str | None = None) -> bool:
    """may_change_figure for this user and a figure of this measure (state None: a new one)."""
    return may_change_figure(role=figure_role(user), owner=owns(user, measure), state=state)
