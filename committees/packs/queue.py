"""Pack builds as background tasks: asked for in the admin (or build_pack --queue), run by the
worker, each step and the outcome kept on a PackBuild the meeting's admin page shows."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.db import transaction
from django_tasks import TaskContext, task

from committees.access import signed_in_user
from committees.models import Meeting, PackBuild, PackVersion
from committees.packs.build import PackError, build_pack
from scrutiny.jobs import JobState, running_worker

if TYPE_CHECKING:
    from committees.access import AnyUser

logger = logging.getLogger(__name__)


def queue_pack_build(*, meeting: Meeting, version: str, user: AnyUser = None) -> PackBuild:
    """Record a build as queued and hand it to the worker once the record is committed."""
    if version not in PackVersion.values:
        raise PackError(f"A pack is either public or full, not {version!r}.")
    build = PackBuild.objects.create(
        meeting=meeting, version=version, requested_by=signed_in_user(user)
    )
    transaction.on_commit(lambda: build_pack_task.enqueue(build.pk))
    return build


def run_pack_build(*, build: PackBuild, worker: str = "") -> PackBuild:
    """Build the pack a PackBuild asks for, recording each step, then done or failed.

    A PackError (a paper that cannot go in, no papers) fails the build with its reason; any
    other error fails it too, and is raised again so the worker logs it.
    """
    if build.state != JobState.QUEUED:
        return build  # run already, or failed by a restarted worker: build it again instead
    build.start(worker=worker)
    try:
        pack = build_pack(
            meeting=build.meeting,
            version=build.version,
            user=build.requested_by,
            progress=build.report,
        )
    except PackError as problem:
        build.fail(str(problem))
        return build
    except BaseException as problem:
        build.fail(f"The build stopped with an unexpected error ({type(problem).__name__}).")
        raise
    PackBuild.objects.filter(pk=build.pk).update(pack=pack)
    build.pack = pack
    outcome = f"{pack.pages} pages" + (f". {pack.note}" if pack.note else "")
    build.finish(outcome)
    return build


@task(takes_context=True)
def build_pack_task(context: TaskContext, build_id: int) -> str:
    """The worker's side of queue_pack_build."""
    build = (
        PackBuild.objects.select_related("meeting__committee", "requested_by")
        .filter(pk=build_id)
        .first()
    )
    if build is None:
        return "gone"  # its meeting was deleted while it waited
    logger.info("Building the %s pack of %s (build %s)", build.version, build.meeting, build.pk)
    run_pack_build(build=build, worker=running_worker(context))
    logger.info("Pack build %s: %s, %s", build.pk, build.state, build.outcome)
    return build.state
