"""Structured logs: one JSON line per request, and per background task started and finished."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest, HttpResponse
from django.utils.functional import empty

requests = logging.getLogger("scrutiny.requests")
tasks = logging.getLogger("scrutiny.tasks")

ANONYMOUS = "anonymous"


def user_id(request: HttpRequest) -> str:
    """The signed-in user's id, or "anonymous", read without a query when the page made one."""
    user = getattr(request, "user", None)
    # Django's lazy user, or a user set directly (which counts as looked up already).
    if user is not None and getattr(user, "_wrapped", user) is not empty:
        # Evaluated by the view or template: no query to ask it.
        return str(user.pk) if user.is_authenticated else ANONYMOUS
    session = getattr(request, "session", None)
    if session is None:
        return ANONYMOUS
    # After a sign-out the session is flushed; after a sign-in it holds the new user.
    return str(session.get(SESSION_KEY) or ANONYMOUS)


class RequestLogMiddleware:
    """Log each request as it is answered: method, path, status, user and milliseconds."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        requests.info(
            "request",
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "user": user_id(request),
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
        return response


def _task_fields(task_result: Any) -> dict[str, Any]:
    task = getattr(task_result, "task", None)
    return {
        "task_id": str(task_result.id),
        "task": getattr(task, "module_path", str(task)),
        "status": str(getattr(task_result.status, "value", task_result.status)),
    }


def log_task_started(sender: Any, task_result: Any, **kwargs: Any) -> None:
    """Receiver for django-tasks' task_started signal."""
    tasks.info("task started", extra=_task_fields(task_result))


def log_task_finished(sender: Any, task_result: Any, **kwargs: Any) -> None:
    """Receiver for django-tasks' task_finished signal: finished, or failed with the reason."""
    fields = _task_fields(task_result)
    started, finished = task_result.started_at, task_result.finished_at
    if started and finished:
        fields["duration_ms"] = round((finished - started).total_seconds() * 1000, 1)
    errors = getattr(task_result, "errors", None) or []
    if fields["status"] == "FAILED":
        # The traceback's last line: the exception and its message.
        lines = str(getattr(errors[-1], "traceback", "")).strip().splitlines() if errors else []
        fields["error"] = lines[-1] if lines else ""
        tasks.error("task failed", extra=fields)
    else:
        tasks.info("task finished", extra=fields)


def connect_task_signals() -> bool:
    """Log every task's start and finish when django-tasks is installed; True if it is."""
    try:
        from django_tasks import signals
    except ImportError:
        return False
    signals.task_started.connect(log_task_started, dispatch_uid="scrutiny-task-started")
    signals.task_finished.connect(log_task_finished, dispatch_uid="scrutiny-task-finished")
    return True
