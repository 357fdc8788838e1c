"""How fast import_return and import_measures load files of 100, 1,000 and 4,000 rows.

Run by `make bench` against a throwaway PostgreSQL; prints rows per second, asserts nothing.
Each return is loaded three times: new figures (created), the same file again (unchanged) and
a file with every value changed (updated). A return over the row limit is timed too: it should
be refused at once.
"""

import os
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scrutiny.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from measures.importers.imports import import_measures, import_return  # noqa: E402
from measures.importers.tabular import ImportRejected, TableError  # noqa: E402
from measures.models import Actual, Ambition, Measure, Outcome, State, Target  # noqa: E402

SIZES = (100, 1000, 4000)
OVER_LIMIT = 100_000


def build(count: int) -> None:
    """count quarterly measures with a 2017/18 target and a published Q1 figure each."""
    Actual.history.model.objects.all().delete()
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
            unit="percentage",
            decimal_places=1,
            polarity="higher",
            frequency="quarterly",
        )
        for i in range(count)
    )
    Target.objects.bulk_create(
        Target(measure=m, year=2017, value=80, band_low=75, band_high=85) for m in measures
    )
    Actual.objects.bulk_create(
        Actual(measure=m, year=2017, quarter=1, value=Decimal("70.0"), state=State.PUBLISHED)
        for m in measures
    )


def write(lines: list[str]) -> Path:
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as handle:
        handle.write("\n".join(lines) + "\n")
    return Path(handle.name)


def return_file(count: int, *, tenths: int) -> Path:
    lines = ["measure,period,value,numerator,denominator,covers_label,commentary"]
    lines += [
        f"BENCH-{i},2017/18 Q2,{Decimal(tenths + i % 500) / 10},,,As at 30 September 2017,"
        f"Commentary for measure {i}."
        for i in range(count)
    ]
    return write(lines)


def measures_file(count: int) -> Path:
    lines = [
        "reference,title,ambition,outcome,unit,polarity,frequency,decimal_places,"
        "target_year,target,band_low,band_high"
    ]
    lines += [
        f"BENCH-{i},Bench measure {i},Bench ambition,Bench outcome,percentage,higher,"
        f"quarterly,1,2018/19,{80 + i % 10},75,90"
        for i in range(count)
    ]
    return write(lines)


def timed(load: Callable[[], object]) -> tuple[float, int, object]:
    queries = 0

    def count(execute, sql, params, many, context):  # noqa: ANN001, ANN202
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    start = time.perf_counter()
    with connection.execute_wrapper(count):
        result = load()
    return time.perf_counter() - start, queries, result


def report(what: str, count: int, load: Callable[[], object]) -> None:
    seconds, queries, result = timed(load)
    print(f"{what:<28} {count:>6} {seconds:>9.2f} {count / seconds:>9.0f} {queries:>8}  {result}")


def main() -> None:
    call_command("migrate", verbosity=0)
    print(f"{'import':<28} {'rows':>6} {'seconds':>9} {'rows/s':>9} {'queries':>8}  result")
    for count in SIZES:
        with transaction.atomic():
            build(count)
        first, second = return_file(count, tenths=0), return_file(count, tenths=1)
        targets = measures_file(count)
        report("import_return (created)", count, partial(import_return, path=first))
        report("import_return (unchanged)", count, partial(import_return, path=first))
        report("import_return (updated)", count, partial(import_return, path=second))
        report("import_measures (targets)", count, partial(import_measures, path=targets))
        targets.unlink()
        first.unlink()
        second.unlink()

    big = return_file(OVER_LIMIT, tenths=0)

    def refused() -> str:
        try:
            import_return(path=big)
        except (ImportRejected, TableError) as error:
            return f"refused: {str(error)[:60]}…"
        return "loaded"

    report("import_return (over limit)", OVER_LIMIT, refused)
    big.unlink()


if __name__ == "__main__":
    main()
