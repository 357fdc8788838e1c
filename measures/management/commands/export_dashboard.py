"""Print a quarter's dashboard as CSV: the columns other tools rely on."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from measures.pages.dashboard import dashboard_rows, latest_published_period
from measures.pages.exports import to_csv
from measures.rules.periods import Period


class Command(BaseCommand):
    help = "Print the dashboard for a reporting period as CSV (published figures only)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--period", help='The reporting period, like "2017/18 Q1" (default: the latest).'
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            period = Period.parse(options["period"]) if options["period"] else None
        except ValueError as error:
            raise CommandError(str(error)) from None
        period = period or latest_published_period()
        if period is None:
            raise CommandError("No figures have been published yet.")
        self.stdout.write(to_csv(dashboard_rows(period=period)), ending="")
