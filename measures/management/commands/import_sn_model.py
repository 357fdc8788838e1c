"""Load a DfE statistical neighbour model as one comparator group per authority."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from measures.importers.neighbours import ModelRefused, import_sn_model
from measures.importers.reporting import run_import


class Command(BaseCommand):
    help = (
        "Load a statistical neighbour model: DfE's workbook (sheet “LA SN Groups”) or the wide "
        "CSV (old_la_code, SN_1, SN_1P, ...). Each authority gets a group of its 10 nearest "
        "neighbours for this version; loading the version again replaces its groups' members. "
        "Nothing is loaded if any row has a problem."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        # Django gives every command --version (its own version number); here --version names
        # the model, so this command's option replaces Django's.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path, help="The model's .xlsx workbook or wide .csv.")
        parser.add_argument(
            "--version",
            required=True,
            help="The model's version, as people will see it: “May 2025”, “April 2021”.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        version: str = options["version"]
        try:
            run_import(self, path=path, load=lambda: import_sn_model(path=path, version=version))
        except ModelRefused as refused:
            raise CommandError(str(refused)) from None
