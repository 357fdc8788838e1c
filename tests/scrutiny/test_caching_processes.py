"""Two gunicorn processes share the database cache, and neither serves a page made stale."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from measures.models import Actual, State

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def fetch(port: int, path: str = "/") -> tuple[str, str]:
    """The page's text and whether it came from the cache, as the second process says."""
    # One host name for both, as behind the proxy.
    asked = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": "127.0.0.1"})
    with urllib.request.urlopen(asked, timeout=30) as response:
        return response.read().decode(), response.headers.get("X-Cache", "")


@pytest.fixture
def servers() -> Iterator[list[int]]:
    """Two gunicorn processes of one worker each, on the test database."""
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DATABASE_URL": database_url(),
        "DEBUG": "1",  # static files by their own names: no collectstatic needed
        "ALLOWED_HOSTS": "127.0.0.1",
        "CACHE_BACKEND": "database",
    }
    ports = [free_port(), free_port()]
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "scrutiny.wsgi", "--workers", "1"]
            + ["--bind", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        deadline = time.monotonic() + 60
        for port in ports:
            while True:
                try:
                    fetch(port, "/healthz")
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
        yield ports
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


def test_publishing_a_figure_changes_the_dashboard_on_the_next_request_in_every_process(
    servers: list[int], make_target, make_actual
) -> None:
    first, second = servers
    make_actual(make_target().measure, state=State.PUBLISHED)
    draft = make_actual("LAC-RATE", period="2017/18 Q2", value="50.3")
    made, cached = fetch(first)
    assert "48.7" in made and cached == ""
    # The other process is served the page the first one made.
    shared, cached = fetch(second)
    assert shared == made and cached == "hit"
    # Published in a third process (this one), committed at once.
    Actual.objects.filter(pk=draft.pk).update(state=State.PUBLISHED, published_at=timezone.now())
    for port in (second, first):
        page, _ = fetch(port)
        assert "50.3" in page
    assert fetch(first)[1] == "hit"
