"""Load the demo data and demo accounts, printing the sign-ins."""

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from committees.demo import load_demo_changes, load_demo_committees, load_demo_questions
from measures.benchmarking.models import BenchmarkIndicator
from measures.demo import load_demo_measures
from measures.demo_benchmarks import load_demo_benchmarks
from measures.following import resolve_following_targets
from measures.importers.lait import fill_year_types, import_lait
from measures.importers.neighbours import import_sn_model
from scrutiny.demo import create_demo_accounts


class Command(BaseCommand):
    help = "Load the demo data (Lincolnshire's papers, DfE's LAIT) and one account per role."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--reload-benchmarks",
            action="store_true",
            help="Import the LAIT data again even if it is already loaded (about 30 s on SQLite).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        accounts = create_demo_accounts()
        users = get_user_model().objects.in_bulk(
            [a.username for a in accounts], field_name="username"
        )
        count = load_demo_measures(
            owners={"quarterly": users["officer"], "annual": users["lead"]},
            publisher=users["lead"],
        )
        self.stdout.write(f"Loaded {count} measures from Lincolnshire's published papers.")
        benchmarks = Path(settings.BASE_DIR) / "fixtures" / "benchmarks"
        if options["reload_benchmarks"] or not BenchmarkIndicator.objects.exists():
            self.stdout.write("Importing DfE's LAIT data (641,070 values; about 30 s) ...")
            started = time.monotonic()
            lait = import_lait(
                parquet=benchmarks / "bds_long_0.parquet",
                dictionary=benchmarks / "lait_data_dictionary.csv",
            )
            self.stdout.write(
                f"  {lait.indicators_created + lait.indicators_updated} indicators, "
                f"{lait.values_created} values in {time.monotonic() - started:.0f} s."
            )
        else:
            # Data loaded before year types were kept: take them from the dictionary.
            fill_year_types(dictionary=benchmarks / "lait_data_dictionary.csv")
        # Both models: a figure is compared with the one in force for its period (2017's
        # figures with April 2021's, the oldest there is).
        import_sn_model(path=benchmarks / "sn_april_2021.xlsx", version="April 2021")
        import_sn_model(path=benchmarks / "sn_may_2025.xlsx", version="May 2025")
        papers = load_demo_benchmarks()
        resolved = resolve_following_targets()
        self.stdout.write(
            f"Statistical neighbours (April 2021 and May 2025), the papers' {papers['groups']} "
            f"comparator groups, {papers['links']} measure links; {resolved} comparator targets "
            "resolved."
        )
        loaded = load_demo_committees(member_user=users["member"])
        self.stdout.write(
            f"{loaded['committees']} committees, {loaded['meetings']} meetings and "
            f"{loaded['people']} people from the agenda pack of 8 September 2017."
        )
        asked = load_demo_questions(member=users["member"])
        self.stdout.write(f"{asked} made-up members' questions for 8 September 2017 (demo data).")
        self.stdout.write(
            f"{loaded['recommendations']} tracked recommendations: the 2012 peer challenge's "
            "(with made-up progress, marked as demo data) and the resolution of 21 July 2017."
        )
        load_demo_changes(publisher=users["lead"])
        self.stdout.write(
            "Two earlier quarters' figures, dated as the council would have published them; "
            "since the committee's last meeting, a paper and an action update (demo data, dated "
            "today)."
        )
        self.stdout.write("Demo sign-ins (username / password, role):")
        for account in accounts:
            self.stdout.write(f"  {account.username:<10} {account.password:<20} {account.role}")
