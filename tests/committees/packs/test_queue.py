"""Pack builds as background tasks, run by the real database worker."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django_tasks_db.models import DBTaskResult

from committees.models import AgendaItem, Meeting, Pack, PackBuild, Paper
from committees.packs.queue import queue_pack_build
from scrutiny.jobs import JobState
from scrutiny.worker import INTERRUPTED
from tests.worker_support import run_worker, wait_for, worker_process

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def stored_pack_files() -> list[Path]:
    folder = Path(settings.MEDIA_ROOT) / "packs"
    return sorted(folder.glob("*.pdf")) if folder.exists() else []


def test_a_queued_build_goes_from_queued_to_running_to_done_in_the_worker(
    exempt_meeting: Meeting,
) -> None:
    build = queue_pack_build(meeting=exempt_meeting, version="public")
    assert PackBuild.objects.get(pk=build.pk).state == JobState.QUEUED
    assert not Pack.objects.exists()

    worker = worker_process("--batch")
    seen: list[tuple[str, str]] = []

    def finished() -> bool:
        now = PackBuild.objects.get(pk=build.pk)
        if not seen or seen[-1] != (now.state, now.step):
            seen.append((now.state, now.step))
        return now.state in (JobState.DONE, JobState.FAILED)

    wait_for(finished, seconds=120, every=0.02)
    output, _ = worker.communicate(timeout=60)
    states = [state for state, _ in seen]
    assert [s for i, s in enumerate(states) if i == 0 or states[i - 1] != s] == [
        "queued",
        "running",
        "done",
    ], output
    # The running build showed the build's own progress messages as its step.
    steps = [step for state, step in seen if state == "running"]
    # Which steps a 20 ms poll catches depends on the machine (storing takes a moment), so
    # each one seen must be one of the build's own messages, and at least one is seen.
    build_steps = ("Reading the agenda", "Drawing", "Laying out", "Merging", "Storing the")
    assert steps and all(step.startswith(build_steps) for step in steps), steps
    done = PackBuild.objects.select_related("pack").get(pk=build.pk)
    assert done.pack is not None and done.pack.version == "public"
    assert done.outcome.startswith(f"{done.pack.pages} pages")
    assert Path(done.pack.file.path).read_bytes()[:5] == b"%PDF-"


def test_a_build_with_a_corrupt_upload_fails_with_the_reason_and_stores_nothing(
    exempt_meeting: Meeting,
) -> None:
    item = AgendaItem.objects.create(meeting=exempt_meeting, number=9, title="Budget Monitoring")
    Paper.objects.create(
        item=item,
        kind="appendix",
        letter="B",
        title="Scanned letter",
        file=ContentFile(b"%PDF-1.4\n" + bytes(range(256)) * 8, name="letter.pdf"),
    )
    build = queue_pack_build(meeting=exempt_meeting, version="public")
    files_before = stored_pack_files()

    run_worker()

    build.refresh_from_db()
    assert build.state == JobState.FAILED
    assert "Appendix B of item 9 (Scanned letter)" in build.outcome
    assert "not a PDF the pack can read" in build.outcome
    assert build.pack is None
    assert not Pack.objects.exists()
    assert stored_pack_files() == files_before


def test_a_killed_worker_s_build_is_failed_when_the_worker_starts_again_and_can_be_retried(
    exempt_meeting: Meeting,
) -> None:
    build = queue_pack_build(meeting=exempt_meeting, version="public")
    worker = worker_process(worker_id="lincoln-1")
    wait_for(lambda: PackBuild.objects.get(pk=build.pk).state == JobState.RUNNING, seconds=60)
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=30)
    assert PackBuild.objects.get(pk=build.pk).state == JobState.RUNNING  # nobody said otherwise

    retry = queue_pack_build(meeting=exempt_meeting, version="public")
    run_worker(worker_id="lincoln-1")  # the same worker, started again

    build.refresh_from_db()
    assert build.state == JobState.FAILED
    assert build.outcome == INTERRUPTED
    assert DBTaskResult.objects.running().count() == 0  # the backend's record says so too
    retry.refresh_from_db()
    assert retry.state == JobState.DONE
    assert Pack.objects.count() == 1


def test_another_worker_starting_leaves_a_build_still_running_alone(
    exempt_meeting: Meeting,
) -> None:
    build = queue_pack_build(meeting=exempt_meeting, version="public")
    build.start(worker="lincoln-2")

    run_worker(worker_id="lincoln-1")

    assert PackBuild.objects.get(pk=build.pk).state == JobState.RUNNING
