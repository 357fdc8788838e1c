"""Releasing an exempt paper once its exemption no longer applies: it becomes public."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from committees.access import AnyUser, signed_in_user
from committees.models import Paper, PaperRelease


class ReleaseError(Exception):
    """Why a paper cannot be released; nothing was changed."""


def release_paper(
    *, paper: Paper, user: AnyUser, reason: str, when: datetime | None = None
) -> PaperRelease:
    """Make an exempt paper public, recording who released it, when and why.

    From then on it is read like any public paper: on the meeting page, in search, the open
    data API and feeds; the public pack printed without it is out of date (its digest counts
    the paper now) and is built again to include it.
    """
    reason = reason.strip()
    if not reason:
        raise ReleaseError("Say why the exemption no longer applies: the reason is recorded.")
    with transaction.atomic():
        paper = Paper.objects.select_for_update().get(pk=paper.pk)
        if paper.exempt_paragraph is None:
            raise ReleaseError(f"{paper} is not exempt: there is nothing to release.")
        release = PaperRelease.objects.create(
            paper=paper,
            exempt_paragraph=paper.exempt_paragraph,
            released_at=when or timezone.now(),
            released_by=signed_in_user(user),
            reason=reason,
        )
        paper.exempt_paragraph = None
        paper.save()
    return release
