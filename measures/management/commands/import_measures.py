"""Create or update measures and their yearly targets from a CSV or Excel file."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from measures.importers.imports import MEASURE_OPTIONAL, MEASURE_REQUIRED, import_measures
from measures.importers.reporting import run_import


class Command(BaseCommand):
    help = (
        "Create or update measures and their yearly targets from a .csv or .xlsx file, one row "
        f"per measure and target year. Columns: {', '.join(MEASURE_REQUIRED)}; optionally "
        f"{', '.join(MEASURE_OPTIONAL)}. Nothing is imported if any row has a problem."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path, help="The .csv or .xlsx file.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        run_import(self, path=path, load=lambda: import_measures(path=path))
