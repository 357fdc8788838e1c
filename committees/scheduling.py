"""Scheduled publication: an agenda set to be published at a date and time, by the worker."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from committees.access import signed_in_user
from committees.models import Meeting, ScheduledPublication
from committees.publication import PublicationError, publish_agenda

if TYPE_CHECKING:
    from committees.access import AnyUser

logger = logging.getLogger(__name__)


def schedule_agenda(*, meeting: Meeting, at: datetime, user: AnyUser) -> ScheduledPublication:
    """Set (or move) the time a meeting's agenda is published; the worker publishes it then."""
    if meeting.agenda_is_published:
        raise PublicationError("The agenda is already published.")
    if at <= timezone.now():
        raise PublicationError("Choose a time in the future, or publish the agenda now.")
    scheduled, _ = ScheduledPublication.objects.update_or_create(
        meeting=meeting,
        defaults={
            "publish_at": at,
            "scheduled_by": signed_in_user(user),
            "scheduled_at": timezone.now(),
            "failure": "",
        },
    )
    transaction.on_commit(lambda: publish_due_agendas_task.using(run_after=at).enqueue())
    return scheduled


def cancel_schedule(*, meeting: Meeting) -> bool:
    """Take back a scheduled publication; whether there was one."""
    deleted, _ = ScheduledPublication.objects.filter(meeting=meeting).delete()
    return bool(deleted)


def publish_due_agendas(*, now: datetime | None = None) -> list[str]:
    """Publish every agenda whose time has come, as "Publish the agenda" does; what was done.

    One that cannot be published keeps its schedule with the reason, for the officer to see.
    """
    now = now or timezone.now()
    done = []
    due = ScheduledPublication.objects.filter(publish_at__lte=now, failure="").select_related(
        "meeting__committee", "scheduled_by"
    )
    for scheduled in due:
        meeting = scheduled.meeting
        try:
            with transaction.atomic():
                publish_agenda(meeting=meeting, user=scheduled.scheduled_by)
                scheduled.delete()
        except PublicationError as problem:
            scheduled.failure = str(problem)
            scheduled.save(update_fields=["failure"])
            logger.warning("The scheduled publication of %s failed: %s", meeting, problem)
            continue
        logger.info("Published the agenda of %s as scheduled", meeting)
        done.append(f"Published the agenda of {meeting}.")
    return done


@task()
def publish_due_agendas_task() -> list[str]:
    """Queued for each scheduled time (and run when a worker starts, so none is missed)."""
    return publish_due_agendas()
