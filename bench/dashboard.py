"""Server time and queries for the dashboard, a measure page and the CSV export at scale.

200 quarterly measures with ten years of figures on PostgreSQL; 50 requests each through
Django's test client, against /healthz (one query) as the floor. Prints figures only.
"""

import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scrutiny.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from measures.models import Actual, Ambition, Measure, Outcome, State, Target  # noqa: E402
from measures.rules.periods import Period  # noqa: E402

MEASURES, YEARS, REQUESTS = 200, 10, 50
LATEST = Period.parse("2017/18 Q1")


def make_outcomes(*, names: str = "", order: int = 0) -> list[Outcome]:
    """Ten outcomes under four ambitions (bench/search.py uses them too)."""
    ambitions = [
        Ambition.objects.create(name=f"{names}Ambition {a}", order=order + a) for a in range(4)
    ]
    return [
        Outcome.objects.create(
            ambition=ambitions[o % 4], name=f"{names}Outcome {o}", order=order + o
        )
        for o in range(10)
    ]


@transaction.atomic
def build() -> None:
    for model in (Actual, Target, Measure, Outcome, Ambition):
        model.objects.all().delete()
    create_measures()


def create_measures(prefix: str = "BENCH-", *, names: str = "", order: int = 0) -> None:
    """MEASURES quarterly measures with YEARS years of published figures and targets."""
    outcomes = make_outcomes(names=names, order=order)
    measures = Measure.objects.bulk_create(
        Measure(
            reference=f"{prefix}{i:03d}",
            title=f"{names}Bench measure {i}",
            outcome=outcomes[i % 10],
            order=order + i,
            unit="rate_per_10000",
            decimal_places=1,
            polarity=("higher", "lower", "target")[i % 3],
            frequency="quarterly",
        )
        for i in range(MEASURES)
    )
    periods = LATEST.last_n(YEARS * 4)
    Target.objects.bulk_create(
        Target(measure=m, year=year, value=45, band_low=43, band_high=47)
        for m in measures
        for year in sorted({p.year for p in periods})
    )
    Actual.objects.bulk_create(
        Actual(
            measure=m,
            year=p.year,
            quarter=p.quarter,
            value=Decimal(40 + (n * 7 + i) % 12),
            covers_label=f"As at {p.end:%-d %B %Y}",
            state=State.PUBLISHED,
        )
        for i, m in enumerate(measures)
        for n, p in enumerate(periods)
    )


class QueryCounter:
    """Counts the queries run through the connection (an execute wrapper)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        self.count += 1
        return execute(sql, params, many, context)


def measure(client: Client, path: str) -> tuple[float, float, int]:
    queries = QueryCounter()
    with connection.execute_wrapper(queries):
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    times = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], queries.count


def prepare() -> None:
    """Migrate, and serve pages to the test client (bench/search.py uses it too)."""
    call_command("migrate", verbosity=0)
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.SECURE_SSL_REDIRECT = False
    # Pages render without a collectstatic manifest, as in the tests.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def main() -> None:
    prepare()
    build()
    client = Client()
    pages = {
        "trivial view (/healthz, 1 query)": "/healthz",
        "dashboard (200 measures)": "/",
        "dashboard, latest position": "/?view=latest",
        "measure page (40 quarters)": "/measures/BENCH-007/",
        "CSV export (200 rows)": "/dashboard.csv",
    }
    print(f"{MEASURES} measures x {YEARS * 4} quarters, {REQUESTS} requests each")
    print(f"{'page':<36} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'x floor':>8}")
    floor = None
    for name, path in pages.items():
        median, p95, queries = measure(client, path)
        floor = floor or median
        print(f"{name:<36} {median:>10.1f} {p95:>8.1f} {queries:>8} {median / floor:>8.1f}")


if __name__ == "__main__":
    if "--profile" in sys.argv:
        import cProfile

        cProfile.run("main()", sort="cumulative")
    else:
        main()
