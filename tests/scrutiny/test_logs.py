"""Each request, and each background task, is logged as one JSON line."""

import io
import json
import logging
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from pythonjsonlogger.json import JsonFormatter

from scrutiny.logs import log_task_finished, log_task_started
from scrutiny.roles import Role


def captured(name: str) -> Iterator[io.StringIO]:
    """The configured handler's lines for one logger, formatted as settings.LOGGING says."""
    (handler,) = [
        h for h in logging.getLogger(name).handlers if isinstance(h.formatter, JsonFormatter)
    ]
    assert isinstance(handler, logging.StreamHandler)
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        yield stream
    finally:
        handler.setStream(previous)


@pytest.fixture
def request_lines() -> Iterator[io.StringIO]:
    yield from captured("scrutiny.requests")


@pytest.fixture
def task_lines() -> Iterator[io.StringIO]:
    yield from captured("scrutiny.tasks")


def lines(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


@pytest.mark.django_db
def test_a_public_request_is_one_json_line_with_status_user_and_duration(
    client: Client, request_lines: io.StringIO
) -> None:
    client.get("/no-such-page/?q=x")
    (line,) = lines(request_lines)
    assert line["message"] == "request"
    assert line["method"] == "GET"
    assert line["path"] == "/no-such-page/"
    assert line["status"] == 404
    assert line["user"] == "anonymous"
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] > 0
    datetime.strptime(line["time"], "%Y-%m-%d %H:%M:%S,%f")


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/healthz"])  # one reads the user, one never does
def test_a_signed_in_request_names_the_user_by_id(
    client: Client, make_user, request_lines: io.StringIO, path: str
) -> None:
    user = make_user(username="officer", role=Role.OFFICER)
    client.force_login(user)
    client.get(path)
    (line,) = lines(request_lines)
    assert (line["path"], line["status"], line["user"]) == (path, 200, str(user.pk))


@pytest.mark.django_db
def test_signing_in_is_logged_with_the_redirect(
    client: Client, make_user, request_lines: io.StringIO
) -> None:
    from tests.conftest import TEST_PASSWORD

    user = make_user(username="officer", role=Role.OFFICER)
    client.post("/sign-in/", {"username": "officer", "password": TEST_PASSWORD})
    (line,) = lines(request_lines)
    assert (line["method"], line["status"], line["user"]) == ("POST", 302, str(user.pk))


# django-tasks' TaskResult, as its task_started and task_finished signals send it.
@dataclass
class Task:
    module_path: str


@dataclass
class TaskError:
    exception_class_path: str
    traceback: str


@dataclass
class TaskResult:
    status: str
    id: str = "6d0e2b2e"
    task: Task = field(default_factory=lambda: Task("committees.tasks.build_pack_task"))
    started_at: datetime | None = None
    finished_at: datetime | None = None
    errors: list[TaskError] = field(default_factory=list)


STARTED = datetime(2026, 11, 29, 12, 0, 0)


def test_a_task_start_is_one_json_line(task_lines: io.StringIO) -> None:
    log_task_started(sender=None, task_result=TaskResult("RUNNING", started_at=STARTED))
    (line,) = lines(task_lines)
    assert line["message"] == "task started"
    assert (line["task"], line["task_id"], line["status"]) == (
        "committees.tasks.build_pack_task",
        "6d0e2b2e",
        "RUNNING",
    )


def test_a_finished_task_logs_its_duration(task_lines: io.StringIO) -> None:
    result = TaskResult(
        "SUCCESSFUL", started_at=STARTED, finished_at=STARTED + timedelta(seconds=2.5)
    )
    log_task_finished(sender=None, task_result=result)
    (line,) = lines(task_lines)
    assert (line["message"], line["level"], line["duration_ms"]) == (
        "task finished",
        "INFO",
        2500.0,
    )


def test_a_failed_task_logs_an_error_with_the_reason(task_lines: io.StringIO) -> None:
    try:
        raise ValueError("The upload is not a PDF")
    except ValueError:
        text = traceback.format_exc()
    result = TaskResult(
        "FAILED",
        started_at=STARTED,
        finished_at=STARTED + timedelta(seconds=1),
        errors=[TaskError("builtins.ValueError", text)],
    )
    log_task_finished(sender=None, task_result=result)
    (line,) = lines(task_lines)
    assert (line["message"], line["level"]) == ("task failed", "ERROR")
    assert line["error"] == "ValueError: The upload is not a PDF"
