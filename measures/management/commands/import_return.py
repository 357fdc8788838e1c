"""Load a quarterly return of figures from a CSV or Excel file, published or as drafts."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from measures.importers.imports import import_return
from measures.importers.reporting import run_import
from measures.importers.resources import RETURN_OPTIONAL, RETURN_REQUIRED


class Command(BaseCommand):
    help = (
        "Load figures from a .csv or .xlsx file, one row per measure and quarter, and publish "
        f"them. Columns: {', '.join(RETURN_REQUIRED)}; optionally {', '.join(RETURN_OPTIONAL)}. "
        "Nothing is loaded if any row has a problem."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path, help="The .csv or .xlsx file.")
        parser.add_argument(
            "--draft",
            action="store_true",
            help="Load new and changed figures as drafts, to be approved and published later.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        publish = not options["draft"]
        run_import(self, path=path, load=lambda: import_return(path=path, publish=publish))
