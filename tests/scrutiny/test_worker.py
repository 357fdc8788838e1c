"""What a worker does as it starts (db_worker, or recover_work from cron beside RQ's worker)."""

from __future__ import annotations

import os
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from committees.models import Meeting, Pack, PackBuild, ScheduledPublication
from committees.packs.queue import queue_pack_build
from measures.models import ImportRun
from scrutiny.jobs import JobState
from scrutiny.worker import INTERRUPTED

pytestmark = pytest.mark.django_db

LONG_AGO = timedelta(seconds=settings.PACK_BUILD_SECONDS * 2 + 60)


def running(meeting: Meeting, *, worker: str, started: timedelta = timedelta(0)) -> PackBuild:
    build = queue_pack_build(meeting=meeting, version="public")
    build.start(worker=worker)
    PackBuild.objects.filter(pk=build.pk).update(started_at=timezone.now() - started)
    return build


def test_a_build_run_by_this_worker_or_running_too_long_is_failed_others_are_left(
    draft_meeting: Meeting,
) -> None:
    mine = running(draft_meeting, worker="lincoln-1")
    elsewhere = running(draft_meeting, worker="lincoln-2")
    stuck = running(draft_meeting, worker="lincoln-2", started=LONG_AGO)
    run = ImportRun.objects.create(kind="lait", file="imports/x.parquet")
    run.start(worker="lincoln-1")

    call_command("recover_work", "--worker-id", "lincoln-1")

    states = dict(PackBuild.objects.values_list("pk", "state"))
    assert states == {mine.pk: "failed", elsewhere.pk: "running", stuck.pk: "failed"}
    assert PackBuild.objects.get(pk=mine.pk).outcome == INTERRUPTED
    assert ImportRun.objects.get(pk=run.pk).state == JobState.FAILED


def test_only_old_pack_files_without_a_record_are_removed(draft_meeting: Meeting) -> None:
    orphan = default_storage.save("packs/orphan.pdf", ContentFile(b"%PDF-1.7 left by a kill"))
    young = default_storage.save("packs/young.pdf", ContentFile(b"%PDF-1.7 still being built"))
    owned = default_storage.save("packs/owned.pdf", ContentFile(b"%PDF-1.7 on record"))
    Pack.objects.create(
        meeting=draft_meeting, version="public", file=owned, pages=1, size=20, checksum="x"
    )
    old = time.time() - LONG_AGO.total_seconds()
    for name in (orphan, owned):
        os.utime(Path(settings.MEDIA_ROOT) / name, (old, old))

    call_command("recover_work")

    assert not default_storage.exists(orphan)
    assert default_storage.exists(young)
    assert default_storage.exists(owned)


def test_an_agenda_whose_time_has_passed_is_published(draft_meeting: Meeting) -> None:
    ScheduledPublication.objects.create(
        meeting=draft_meeting, publish_at=timezone.now() - timedelta(minutes=1)
    )
    call_command("recover_work")
    draft_meeting.refresh_from_db()
    assert draft_meeting.agenda_is_published
    assert not ScheduledPublication.objects.exists()
