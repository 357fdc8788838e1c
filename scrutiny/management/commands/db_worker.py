"""The database backend's worker, first clearing up after a worker that was killed."""

from argparse import ArgumentParser
from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand
from django_tasks_db.management.commands.db_worker import validate_worker_id

from scrutiny.worker import default_worker_id, prepare_worker


class Command(DatabaseWorkerCommand):
    help = (
        "Run the background worker (pack builds, imports, scheduled publication, e-mail). As it "
        "starts it marks what it was running when it was last stopped as failed, and publishes "
        "agendas whose scheduled time passed while no worker ran."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        # The host's name, not a random one, so a restarted worker recognises its own work.
        parser.set_defaults(worker_id=default_worker_id())
        for action in parser._actions:
            if action.dest == "worker_id":
                action.type = validate_worker_id
                action.help = (
                    "This worker's id, unique among the workers (default: the host's name)."
                )

    def handle(self, *args: Any, **options: Any) -> None:
        self.configure_logging(options["verbosity"])
        prepare_worker(worker_id=options["worker_id"])
        super().handle(*args, **options)
