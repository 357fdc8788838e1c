"""The background tasks that send the alerts' e-mail: given rows and events, never addresses."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from scrutiny.alerts.services import Event, deliver, send_confirmation


@task()
def send_alerts(fields: dict[str, Any]) -> int:
    """Queued once an event's change commits (services.announce); how many were sent."""
    return deliver(Event.from_task(fields))


@task()
def send_confirmation_task(ids: list[int]) -> int:
    """Queued once a subscription is asked for (services.subscribe)."""
    return send_confirmation(ids)
