"""What a background worker does as it starts: fail the work a killed worker left running,
remove pack files no record owns, and publish agendas whose time passed while none ran."""

from __future__ import annotations

import logging
import socket
from datetime import timedelta

from django.conf import settings
from django.core.files.storage import default_storage
from django.db.models import Q
from django.utils import timezone

from committees.models import Pack, PackBuild
from committees.scheduling import publish_due_agendas
from measures.models import ImportRun
from scrutiny.jobs import JobState

logger = logging.getLogger(__name__)

INTERRUPTED = (
    "The worker stopped while this was running (it was killed, or the server restarted), "
    "so nothing of it was kept. Start it again."
)


def default_worker_id() -> str:
    """The host's name: a worker started again on the same host knows its own unfinished work."""
    return socket.gethostname()[:64] or "worker"


def _stale(*, worker_id: str) -> Q:
    # Work of this worker's earlier life, or of any worker and older than a build may run.
    too_old = timezone.now() - timedelta(seconds=settings.PACK_BUILD_SECONDS * 2)
    return Q(state=JobState.RUNNING) & (Q(worker=worker_id) | Q(started_at__lt=too_old))


def fail_interrupted_jobs(*, worker_id: str) -> int:
    """Mark as failed the builds and imports a killed worker left running; how many."""
    failed = 0
    for model in (PackBuild, ImportRun):
        failed += model.objects.filter(_stale(worker_id=worker_id)).update(
            state=JobState.FAILED, outcome=INTERRUPTED, finished_at=timezone.now()
        )
    _fail_interrupted_task_results(worker_id=worker_id)
    return failed


def _fail_interrupted_task_results(*, worker_id: str) -> None:
    """The database backend's own record of the killed worker's task says failed too."""
    if "django_tasks_db" not in settings.INSTALLED_APPS:
        return
    from django_tasks_db.models import DBTaskResult

    for result in DBTaskResult.objects.running():
        if result.worker_ids and result.worker_ids[-1] == worker_id:
            result.set_failed(RuntimeError(INTERRUPTED))


def remove_orphan_pack_files() -> int:
    """Delete stored pack files no Pack owns (a build killed between writing and committing)."""
    folder = "packs"
    if not default_storage.exists(folder):
        return 0
    owned = set(Pack.objects.values_list("file", flat=True))
    settled = timezone.now() - timedelta(seconds=settings.PACK_BUILD_SECONDS * 2)
    removed = 0
    for name in default_storage.listdir(folder)[1]:
        path = f"{folder}/{name}"
        if path in owned or default_storage.get_modified_time(path) > settled:
            continue  # a build still under way writes its file before its record commits
        default_storage.delete(path)
        removed += 1
    return removed


def prepare_worker(*, worker_id: str) -> None:
    """Everything a worker does before taking its first task."""
    failed = fail_interrupted_jobs(worker_id=worker_id)
    if failed:
        logger.warning("Marked %s interrupted build(s) or import(s) as failed", failed)
    removed = remove_orphan_pack_files()
    if removed:
        logger.warning("Removed %s pack file(s) without a record", removed)
    for line in publish_due_agendas():
        logger.info(line)
