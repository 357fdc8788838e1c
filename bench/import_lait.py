"""How long importing the full LAIT file takes on PostgreSQL, against a bare COPY of its rows.

Run by `make bench` against a throwaway PostgreSQL; prints figures, asserts nothing. Skips
itself when ../shared/data/lait is absent (a council's clone) or the database is not PostgreSQL.
"""

import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scrutiny.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from measures.benchmarking.models import Area, BenchmarkIndicator, BenchmarkValue  # noqa: E402
from measures.importers.lait import SOURCE, import_lait  # noqa: E402
from measures.importers.replace import VALUE_COLUMNS  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "lait"
PARQUET = DATA / "bds_long_0.parquet"
DICTIONARY = DATA / "lait_data_dictionary.csv"
TABLE = BenchmarkValue._meta.db_table

BARE_TABLE = """
CREATE TEMPORARY TABLE bare_lait_values (
    indicator_id bigint NOT NULL,
    period varchar(40) NOT NULL,
    period_key integer NOT NULL,
    area_id bigint NOT NULL,
    value numeric(20, 6),
    status varchar(4) NOT NULL,
    raw varchar(60) NOT NULL
)
"""


def stored_rows() -> io.StringIO:
    """The imported values as COPY's CSV, in the order the import writes them."""
    buffer = io.StringIO()
    columns = ", ".join(VALUE_COLUMNS)
    with connection.cursor() as cursor:
        cursor.copy_expert(
            f"COPY (SELECT {columns} FROM {TABLE} ORDER BY indicator_id, period, area_id) "
            "TO STDOUT WITH (FORMAT csv, NULL '\\N')",
            buffer,
        )
    buffer.seek(0)
    return buffer


def copy_into(table: str, buffer: io.StringIO) -> float:
    """Seconds to COPY the rows into a table and commit (when deferred foreign keys are checked)."""
    buffer.seek(0)
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.copy_expert(
            f"COPY {table} ({', '.join(VALUE_COLUMNS)}) FROM STDIN WITH (FORMAT csv, NULL '\\N')",
            buffer,
        )
    return time.perf_counter() - start


def bare_copy(buffer: io.StringIO) -> float:
    """A temporary table of the same columns, without indexes or constraints."""
    with connection.cursor() as cursor:
        cursor.execute(BARE_TABLE)
    try:
        return copy_into("bare_lait_values", buffer)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE bare_lait_values")


def same_table_copy(buffer: io.StringIO) -> float:
    """A table like BenchmarkValue's: its indexes, checks and deferred foreign keys.

    The least any import of these rows into the model's table can take. A temporary table
    cannot refer to permanent ones, so this one is permanent, in the throwaway database.
    """
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE same_lait_values (LIKE {TABLE} INCLUDING ALL)")
        for column, model in (("indicator_id", BenchmarkIndicator), ("area_id", Area)):
            cursor.execute(
                f"ALTER TABLE same_lait_values ADD FOREIGN KEY ({column}) "
                f"REFERENCES {model._meta.db_table} (id) DEFERRABLE INITIALLY DEFERRED"
            )
    try:
        return copy_into("same_lait_values", buffer)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE same_lait_values")


def timed_import() -> tuple[float, str]:
    start = time.perf_counter()
    summary = import_lait(parquet=PARQUET, dictionary=DICTIONARY)
    return time.perf_counter() - start, (
        f"{summary.values_created:,} created, {summary.values_unchanged:,} unchanged"
    )


def main() -> None:
    if not PARQUET.is_file() or not DICTIONARY.is_file():
        print(f"Skipped: no LAIT files in {DATA} (they are beside the project, not in it).")
        return
    if connection.vendor != "postgresql":
        print("Skipped: the LAIT import bench needs PostgreSQL (run it under make bench).")
        return
    call_command("migrate", verbosity=0)
    # A fresh first import even when run twice on one database; VACUUM clears the dead rows
    # that would otherwise slow the unique index's checks.
    BenchmarkIndicator.objects.filter(source=SOURCE).delete()
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {TABLE}")

    first, first_counts = timed_import()
    second, second_counts = timed_import()
    rows = stored_rows()
    bare = bare_copy(rows)
    same = same_table_copy(rows)
    count = BenchmarkValue.objects.filter(indicator__source=SOURCE).count()

    print(f"{count:,} values from {PARQUET.name}")
    print(f"{'':<36} {'seconds':>8} {'x bare':>7} {'x same':>7}")
    for label, seconds, note in (
        ("first import", first, first_counts),
        ("second import (same file)", second, second_counts),
        ("COPY into a bare table", bare, "no indexes or constraints"),
        ("COPY into a table like the model's", same, "its 6 indexes and 2 deferred FKs"),
    ):
        print(f"{label:<36} {seconds:>8.2f} {seconds / bare:>7.1f} {seconds / same:>7.2f}   {note}")
    explorer()


def explorer() -> None:
    """Rank and band timing, and every indicator's page, on the full national data."""
    import statistics

    from django.conf import settings
    from django.test import Client

    from measures.benchmarking.reads import compare, our_area

    ours = our_area()
    indicator = BenchmarkIndicator.objects.get(source=SOURCE, code="FirstYJS")
    times = []
    for _ in range(50):
        start = time.perf_counter()
        compare(indicator=indicator, ours=ours)
        times.append((time.perf_counter() - start) * 1000)
    print(
        f"rank, band and groups for one indicator across all authorities (FirstYJS, latest "
        f"period): median {statistics.median(times):.1f} ms, worst {max(times):.1f} ms"
    )
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    client = Client()
    slugs = list(BenchmarkIndicator.objects.filter(source=SOURCE).values_list("slug", flat=True))
    start = time.perf_counter()
    failures = [slug for slug in slugs if client.get(f"/benchmarks/{slug}/").status_code != 200]
    elapsed = time.perf_counter() - start
    print(
        f"explorer: {len(slugs) - len(failures)} of {len(slugs)} indicator pages answer 200 "
        f"({elapsed / len(slugs) * 1000:.0f} ms each on average)"
        + (f"; failing: {', '.join(failures[:10])}" if failures else "")
    )


if __name__ == "__main__":
    main()
