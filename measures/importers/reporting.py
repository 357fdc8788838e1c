"""How the import commands report a summary, or every problem, to the person running them."""

from collections.abc import Callable
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from measures.importers.tabular import ImportRejected, ImportSummary, TableError


def run_import(command: BaseCommand, *, path: Path, load: Callable[[], ImportSummary]) -> None:
    """Run an import, printing its summary, or every problem and then failing."""
    try:
        summary = load()
    except ImportRejected as rejected:
        # One line per problem, so a long list can be worked through (or grepped) in order.
        for problem in rejected.problems:
            command.stderr.write(str(problem))
        raise CommandError(rejected.summary) from None
    except TableError as error:
        command.stderr.write(str(error))
        raise CommandError(f"Nothing was imported from {path}.") from None
    command.stdout.write(f"Imported {path}: {summary}")
