"""The RQ backend (TASKS_BACKEND=rq): work queued on a real Redis, done by a real RQ worker."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator

import pytest
import redis
from django.core.files.storage import default_storage
from django.test import override_settings

from committees.models import Meeting, PackVersion
from committees.packs.queue import queue_pack_build
from scrutiny.jobs import JobState
from tests.worker_support import ROOT, process_environment, wait_for

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def redis_url(tmp_path) -> Iterator[str]:
    """A throwaway redis-server (Debian's; `make test` installs it) on a free port."""
    server = shutil.which("redis-server")
    assert server, "redis-server is missing: scripts/ensure-system-packages installs it"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        + ["--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_for(lambda: _answers(port), seconds=10)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def _answers(port: int) -> bool:
    try:
        return bool(redis.Redis(port=port).ping())
    except redis.ConnectionError:
        return False


def test_a_pack_build_queued_on_redis_is_built_by_an_rq_worker(
    exempt_meeting: Meeting, redis_url: str
) -> None:
    rq = {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}
    with override_settings(TASKS={"default": rq}, RQ_QUEUES={"default": {"URL": redis_url}}):
        build = queue_pack_build(meeting=exempt_meeting, version=PackVersion.PUBLIC)
    assert redis.Redis.from_url(redis_url).llen("rq:queue:default") == 1

    # The worker as the README runs it, configured by the environment alone.
    worker = ("rqworker", "default", "--burst", "--job-class", "django_tasks_rq.Job")
    environment = process_environment(TASKS_BACKEND="rq", REDIS_URL=redis_url)
    worked = subprocess.run(
        [sys.executable, "manage.py", *worker],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert worked.returncode == 0, worked.stderr

    build.refresh_from_db()
    assert build.state == JobState.DONE, f"{build.outcome}\n{worked.stdout}\n{worked.stderr}"
    assert build.outcome.endswith("pages")
    assert build.pack is not None and default_storage.exists(build.pack.file.name)
