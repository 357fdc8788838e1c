"""How long the quarter's positions and a return import take, and how many queries, by size.

Run by `make bench` against a throwaway PostgreSQL; prints figures, asserts nothing.
"""

import os
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scrutiny.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from measures.importers.imports import import_return  # noqa: E402
from measures.models import Actual, Ambition, Measure, Outcome, State, Target  # noqa: E402
from measures.rules.periods import Period  # noqa: E402

PERIOD = Period.parse("2017/18 Q1")
QUARTERS = PERIOD.last_n(8)


def build(count: int) -> None:
    """count quarterly measures, each with two years' targets and eight published figures."""
    Actual.objects.all().delete()
    Target.objects.all().delete()
    Measure.objects.all().delete()
    Outcome.objects.all().delete()
    Ambition.objects.all().delete()
    ambition = Ambition.objects.create(name="Bench ambition")
    outcome = Outcome.objects.create(ambition=ambition, name="Bench outcome")
    measures = Measure.objects.bulk_create(
        Measure(
            reference=f"BENCH-{i}",
            title=f"Bench measure {i}",
            outcome=outcome,
            order=i,
            unit="rate_per_10000",
            decimal_places=1,
            polarity="target",
            frequency="quarterly",
        )
        for i in range(count)
    )
    Target.objects.bulk_create(
        Target(measure=m, year=year, value=45, band_low=43, band_high=47)
        for m in measures
        for year in (2016, 2017)
    )
    Actual.objects.bulk_create(
        Actual(
            measure=m,
            year=p.year,
            quarter=p.quarter,
            value=Decimal("44.0") + Decimal(n) / 2,
            state=State.PUBLISHED,
        )
        for m in measures
        for n, p in enumerate(QUARTERS)
    )


def positions() -> tuple[int, float, int]:
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        rows = [
            m.position_in(PERIOD) for m in Measure.objects.with_figures() if m.is_due_in(PERIOD)
        ]
    return len(queries), time.perf_counter() - start, len(rows)


def import_time(count: int) -> float:
    lines = ["measure,period,value,covers_label"]
    lines += [f"BENCH-{i},2017/18 Q2,46.{i % 10},As at 30 September 2017" for i in range(count)]
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as handle:
        handle.write("\n".join(lines) + "\n")
    start = time.perf_counter()
    import_return(path=Path(handle.name))
    elapsed = time.perf_counter() - start
    os.unlink(handle.name)
    return elapsed


def main() -> None:
    call_command("migrate", verbosity=0)
    print(
        f"{'measures':>9} {'queries':>8} {'positions ms':>13} {'import s':>9} {'import rows/s':>14}"
    )
    for count in (15, 150, 1500):
        with transaction.atomic():
            build(count)
        queries, elapsed, due = positions()
        seconds = import_time(count)
        rate = count / seconds
        print(f"{due:>9} {queries:>8} {elapsed * 1000:>13.1f} {seconds:>9.2f} {rate:>14.0f}")


if __name__ == "__main__":
    main()
