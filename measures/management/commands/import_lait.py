"""Load DfE's LAIT long file and data dictionary: national indicators and every area's values."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from measures.importers.lait import import_lait
from measures.importers.tabular import ImportRejected, TableError


class Command(BaseCommand):
    help = (
        "Load LAIT's long file (bds_long_0.parquet) with its data dictionary "
        "(lait_data_dictionary.csv): indicators, England, regions, authorities and values. "
        "Values for the indicators and periods in the file are replaced; other periods are kept. "
        "Nothing is loaded if any row has a problem; row numbers count the parquet file's data "
        "rows from 1 (pandas index + 1) and the dictionary's CSV records with the header as row 1."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("parquet", type=Path, help="LAIT's long file, e.g. bds_long_0.parquet.")
        parser.add_argument(
            "dictionary", type=Path, help="LAIT's data dictionary, lait_data_dictionary.csv."
        )
        parser.add_argument(
            "--progress",
            action="store_true",
            help="Show a progress bar even when stderr is not a terminal.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        parquet: Path = options["parquet"]
        dictionary: Path = options["dictionary"]
        progress = options["progress"] or self.stderr.isatty()
        try:
            summary = import_lait(parquet=parquet, dictionary=dictionary, progress=progress)
        except ImportRejected as rejected:
            # One line per problem, as the other imports report them.
            for problem in rejected.problems:
                self.stderr.write(str(problem))
            raise CommandError(rejected.summary) from None
        except TableError as error:
            self.stderr.write(str(error))
            raise CommandError(f"Nothing was imported from {parquet}.") from None
        for warning in summary.warnings:
            self.stderr.write(f"Warning: {warning}")
        self.stdout.write(f"Imported {parquet} with {dictionary.name}:\n{summary}")
