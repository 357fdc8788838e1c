"""The background worker in tests: the real db_worker, in this process or as its own process.

Both need the test's data committed (transactional_db): the worker reads what a request
queued as another connection would.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def run_worker(worker_id: str = "test-worker") -> None:
    """Run every task that is due, as `manage.py db_worker --batch` does, then return."""
    call_command(
        "db_worker", "--batch", "--no-reload", "--no-startup-delay", "--worker-id", worker_id
    )


def process_environment(**extra: str) -> dict[str, str]:
    """The environment of a `manage.py` process on the test database and media folder."""
    db = connection.settings_dict
    address = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return {
        **os.environ,
        "DATABASE_URL": address,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "DEBUG": "0",
        **extra,
    }


def worker_process(*arguments: str, worker_id: str = "test-worker") -> subprocess.Popen[str]:
    """`manage.py db_worker` as its own process, on the test database and media folder."""
    environment = process_environment()
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay"]
        + ["--interval", "0.2", "--worker-id", worker_id, *arguments],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_for(check: Callable[[], Any], *, seconds: float = 60, every: float = 0.05) -> Any:
    """Poll until check() gives something true, and give it; fail after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(every)
    raise AssertionError(f"Still waiting after {seconds} s")
