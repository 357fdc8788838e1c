"""What a worker does as it starts, on its own: for cron beside a worker that does not (RQ)."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from scrutiny.worker import default_worker_id, prepare_worker


class Command(BaseCommand):
    help = (
        "Mark as failed the builds and imports a killed worker left running, remove pack files "
        "no record owns, and publish the agendas whose scheduled time has passed."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--worker-id",
            default=default_worker_id(),
            help="Fail what the worker of this id was running (default: the host's name).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        prepare_worker(worker_id=options["worker_id"])
