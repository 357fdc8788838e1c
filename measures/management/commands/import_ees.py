"""Load one column of an explore-education-statistics release CSV as a benchmark indicator."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from measures.importers.releases import ReleaseRefused, import_release, parse_filters
from measures.importers.reporting import run_import
from measures.rules.benchmark_periods import YearType
from measures.rules.units import Unit


def _filters(given: list[str]) -> dict[str, str]:
    try:
        return parse_filters(given)
    except ReleaseRefused as refused:
        raise CommandError(str(refused)) from None


class Command(BaseCommand):
    help = (
        "Load one figure column of a release CSV from explore education statistics as a "
        "benchmark indicator: national rows for England, regional rows for their region, local "
        "authority rows for their authority. Use --filter until one row is left per area and "
        "period. Nothing is loaded if any row has a problem."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path, help="The release's .csv file.")
        parser.add_argument(
            "--column", required=True, help="The figure column, e.g. rate_per_10000."
        )
        parser.add_argument(
            "--filter",
            action="append",
            default=[],
            metavar="NAME=VALUE",
            help="Keep only rows whose NAME column is VALUE; repeat for several columns.",
        )
        parser.add_argument("--code", required=True, help="The indicator's code, e.g. CLA_RATE.")
        parser.add_argument("--title", required=True, help="The indicator's title.")
        parser.add_argument(
            "--polarity",
            required=True,
            choices=["high", "higher", "low", "lower", "none"],
            help="Whether a high or a low figure is better, or neither (higher and lower also do).",
        )
        parser.add_argument(
            "--unit", required=True, choices=[unit.value for unit in Unit], help="The unit."
        )
        parser.add_argument(
            "--decimal-places",
            type=int,
            default=None,
            help="Round figures to this many places (0-6); by default they are kept as published.",
        )
        parser.add_argument(
            "--year-type",
            choices=[kind.value for kind in YearType if kind is not YearType.UNKNOWN],
            default=None,
            help="What the periods count, where the file's time_identifier does not say it: "
            "the workforce census's 'Reporting year' is as at 30 September (end_of_september).",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Let this file take over a code another file, column or filter already uses.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        filters = _filters(options["filter"])
        try:
            run_import(
                self,
                path=path,
                load=lambda: import_release(
                    path=path,
                    column=options["column"],
                    filters=filters,
                    code=options["code"],
                    title=options["title"],
                    polarity=options["polarity"],
                    unit=options["unit"],
                    decimal_places=options["decimal_places"],
                    replace=options["replace"],
                    year_type=options["year_type"],
                ),
            )
        except ReleaseRefused as refused:
            raise CommandError(str(refused)) from None
