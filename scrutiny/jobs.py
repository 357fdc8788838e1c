"""Background jobs people start (pack builds, imports): their state, step and outcome on record."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class JobState(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


# What a job still waiting or under way shows: its page refreshes itself while any is.
UNFINISHED = [JobState.QUEUED, JobState.RUNNING]


class Job(models.Model):
    """A piece of background work someone asked for: who, when, how far it got and how it ended.

    Its state is written outside any transaction of the work itself, so the page that lists it
    sees each step as it happens.
    """

    state = models.CharField(max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    step = models.CharField(max_length=300, blank=True, help_text="What it is doing now.")
    outcome = models.TextField(blank=True, help_text="What it did, or why it failed.")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    worker = models.CharField(max_length=64, blank=True, help_text="The worker that ran it.")

    class Meta:
        abstract = True
        ordering = ["-requested_at", "-pk"]

    @classmethod
    def state_constraint(cls, name: str) -> models.CheckConstraint:
        return models.CheckConstraint(condition=Q(state__in=JobState.values), name=name)

    def _set(self, **fields: Any) -> None:
        type(self)._default_manager.filter(pk=self.pk).update(**fields)
        for name, value in fields.items():
            setattr(self, name, value)

    def start(self, *, worker: str = "") -> None:
        self._set(state=JobState.RUNNING, started_at=timezone.now(), worker=worker[:64])

    def report(self, step: str) -> None:
        self._set(step=step[:300])

    def finish(self, outcome: str) -> None:
        self._set(state=JobState.DONE, outcome=outcome, finished_at=timezone.now())

    def fail(self, reason: str) -> None:
        self._set(state=JobState.FAILED, outcome=reason, finished_at=timezone.now())

    @property
    def is_unfinished(self) -> bool:
        return self.state in UNFINISHED


def running_worker(context: Any) -> str:
    """The id of the worker running a task, from its TaskContext ("" if the backend has none)."""
    worker_ids = getattr(context.task_result, "worker_ids", None) or []
    return str(worker_ids[-1]) if worker_ids else ""
