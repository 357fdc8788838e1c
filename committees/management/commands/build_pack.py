"""Build a meeting's agenda pack as a PDF, stored and linked as one built in the admin is."""

import shutil
import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from committees.models import PackVersion
from committees.packs.build import PackError, build_pack, find_meeting
from committees.packs.queue import queue_pack_build


class Command(BaseCommand):
    help = (
        "Build the public or full agenda pack of a meeting, store it, and write a copy to a file. "
        "MEETING is committee-slug/YYYY-MM-DD as in the meeting's address, or its id."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("meeting", metavar="MEETING")
        version = parser.add_mutually_exclusive_group(required=True)
        version.add_argument(
            "--public", action="store_true", help="Exempt papers replaced by a notice."
        )
        version.add_argument(
            "--full", action="store_true", help="With exempt papers, for those entitled."
        )
        parser.add_argument("--output", metavar="FILE", help="Where to write it.")
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Hand the build to the background worker and return at once; the meeting's "
            "admin page shows how it goes (no --output then).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        version = PackVersion.FULL if options["full"] else PackVersion.PUBLIC
        if options["queue"]:
            if options["output"]:
                raise CommandError("A queued build is stored only: leave out --output.")
            try:
                build = queue_pack_build(meeting=find_meeting(options["meeting"]), version=version)
            except PackError as problem:
                raise CommandError(str(problem)) from None
            self.stdout.write(
                f"Queued the {version} pack of {build.meeting} (build {build.pk}); "
                "the worker builds it (manage.py db_worker)."
            )
            return
        if not options["output"]:
            raise CommandError("Give --output FILE, or --queue to build it in the worker.")
        started = time.monotonic()
        output = Path(options["output"])
        if not output.parent.exists():
            raise CommandError(f"The folder {output.parent} does not exist.")
        if output.is_dir():
            raise CommandError(f"{output} is a folder: give the name of the file to write.")

        def progress(message: str) -> None:
            print(f"[{time.monotonic() - started:5.1f}s] {message}", file=sys.stderr, flush=True)

        try:
            meeting = find_meeting(options["meeting"])
            pack = build_pack(meeting=meeting, version=version, progress=progress)
        except PackError as problem:
            raise CommandError(str(problem)) from None
        with pack.file.open("rb") as source, output.open("wb") as target:
            shutil.copyfileobj(source, target)
        progress(
            f"Wrote {output}: {pack.pages} pages, {pack.size / 1024:.0f} KB, "
            f"SHA-256 {pack.checksum[:12]}…"
            + ("" if pack.fully_tagged else " (only partly tagged: it merges uploaded PDFs)")
        )
