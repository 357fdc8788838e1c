"""National imports started in the admin: the uploaded file is imported by the worker, in one
transaction, and the same summary and row problems the commands print are kept on the run."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django_tasks import TaskContext, task

from measures.importers.lait import import_lait
from measures.importers.neighbours import ModelRefused, import_sn_model
from measures.importers.releases import ReleaseRefused, import_release
from measures.importers.tabular import ImportRejected, TableError
from measures.models import ImportKind, ImportRun
from scrutiny.jobs import JobState, running_worker

if TYPE_CHECKING:
    from measures.permissions import User

logger = logging.getLogger(__name__)


def queue_import(*, run: ImportRun, user: User | None = None) -> ImportRun:
    """Save an import run as queued and hand it to the worker once it is committed."""
    run.state = JobState.QUEUED
    if user is not None and user.is_authenticated:
        run.requested_by = user
    run.save()
    transaction.on_commit(lambda: import_task.enqueue(run.pk))
    return run


def _load(run: ImportRun) -> tuple[str, list[str]]:
    """Run the import the record asks for: its summary, and any warnings."""
    path = Path(run.file.path)
    options: dict[str, Any] = run.options
    if run.kind == ImportKind.LAIT:
        summary = import_lait(parquet=path, dictionary=Path(run.dictionary.path))
        return str(summary), list(summary.warnings)
    if run.kind == ImportKind.RELEASE:
        release = import_release(
            path=path,
            column=options["column"],
            filters=options.get("filters", {}),
            code=options["code"],
            title=options["title"],
            polarity=options["polarity"],
            unit=options["unit"],
            decimal_places=options.get("decimal_places"),
            replace=bool(options.get("replace")),
        )
        return str(release), []
    return str(import_sn_model(path=path, version=options["version"])), []


def run_import(*, run: ImportRun, worker: str = "") -> ImportRun:
    """Import a queued run's file, all or nothing, recording the outcome as the commands say it."""
    if run.state != JobState.QUEUED:
        return run
    run.start(worker=worker)
    name = run.file.name.rpartition("/")[2]
    run.report(f"Importing {name}")
    try:
        with transaction.atomic():
            summary, warnings = _load(run)
    except ImportRejected as rejected:
        ImportRun.objects.filter(pk=run.pk).update(problems=[str(p) for p in rejected.problems])
        run.problems = [str(p) for p in rejected.problems]
        run.fail(rejected.summary)
        return run
    except TableError as error:
        run.fail(f"Nothing was imported from {name}: {error}")
        return run
    except (ReleaseRefused, ModelRefused) as refused:
        run.fail(f"Nothing was imported from {name}: {refused}")
        return run
    except BaseException as problem:
        run.fail(f"The import stopped with an unexpected error ({type(problem).__name__}).")
        raise
    said = "\n".join([f"Imported {name}: {summary}", *(f"Warning: {w}" for w in warnings)])
    run.finish(said)
    return run


@task(takes_context=True)
def import_task(context: TaskContext, run_id: int) -> str:
    """The worker's side of queue_import."""
    run = ImportRun.objects.filter(pk=run_id).first()
    if run is None:
        return "gone"
    logger.info("Importing %s (run %s)", run.file.name, run.pk)
    run_import(run=run, worker=running_worker(context))
    logger.info("Import run %s: %s", run.pk, run.state)
    return run.state
