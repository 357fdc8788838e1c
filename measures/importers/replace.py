"""Replacing national indicators' published values with a file's, writing only what changed."""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

import pandas as pd
import pyarrow
import pyarrow.csv
from django.db import connection, transaction
from django.utils import timezone

from measures.benchmarking.models import BenchmarkValue

# BenchmarkValue.value is DecimalField(max_digits=20, decimal_places=6): 14 digits before the point.
STORED_PLACES = Decimal("0.000001")
STORED_LIMIT = Decimal(10) ** 14

VALUE_COLUMNS = ["indicator_id", "period", "period_key", "area_id", "value", "status", "raw"]
# What identifies a value; the rest of VALUE_COLUMNS is what may change.
KEY = ["indicator_id", "period", "area_id"]
_COMPARED = ["period_key", "value", "status", "raw"]
_ARROW = pyarrow.schema(
    [
        ("indicator_id", pyarrow.int64()),
        ("period", pyarrow.string()),
        ("period_key", pyarrow.int64()),
        ("area_id", pyarrow.int64()),
        ("value", pyarrow.string()),
        ("status", pyarrow.string()),
        ("raw", pyarrow.string()),
    ]
)
_DTYPES: dict[str, Any] = {
    "id": "int64",
    "indicator_id": "int64",
    "period": object,
    "period_key": "int64",
    "area_id": "int64",
    "value": object,
    "status": object,
    "raw": object,
}
# Rows per statement where COPY is not to hand (SQLite, the demo's database).
BATCH_SIZE = 5000


class NewValue(NamedTuple):
    """One area's figure for an indicator and period, as a file gives it."""

    indicator_id: int
    period: str
    period_key: int
    area_id: int
    value: Decimal | None
    status: str  # the source's missing-value code when there is no value, otherwise ""
    raw: str  # the text as published


@dataclass(frozen=True)
class ValueChanges:
    """What replacing values added, changed, removed and left alone."""

    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    kept: int = 0  # stored values for periods the new rows do not have, left as they were


def stored_text(value: Decimal) -> str:
    """A number as PostgreSQL prints it from the value column, so stored and new compare as text."""
    # Half up, away from zero, as PostgreSQL rounds numerics.
    return format(value.quantize(STORED_PLACES, rounding=ROUND_HALF_UP), "f")


def value_rows(values: Iterable[NewValue]) -> pd.DataFrame:
    """New values as the rows replace_values takes."""
    rows = pd.DataFrame(list(values), columns=VALUE_COLUMNS)
    rows["value"] = [None if value is None else stored_text(value) for value in rows["value"]]
    return rows.astype({"indicator_id": "int64", "period_key": "int64", "area_id": "int64"})


def replace_values(*, rows: pd.DataFrame) -> ValueChanges:
    """Make the stored values of each indicator and period in rows exactly the rows.

    rows has VALUE_COLUMNS, one row per indicator, period and area, with each value as
    stored_text writes it (or None for a missing figure). For every indicator and period the
    rows hold, new values are added, changed ones updated in place, and stored ones the rows
    lack removed; unchanged values are not written at all, and an indicator's other periods
    are kept. One transaction, and the same number of statements however many rows.
    """
    if rows.empty:
        return ValueChanges()
    repeated = rows.duplicated(KEY)
    if repeated.any():
        first = rows.loc[repeated, KEY].iloc[0].tolist()
        raise ValueError(f"The rows give more than one value for {first}.")
    with transaction.atomic():
        lock_values()
        stored = _read_values(rows["indicator_id"].unique().tolist())
        # Only the periods the rows have are replaced; an indicator's other periods stay.
        periods = rows[["indicator_id", "period"]].drop_duplicates()
        in_scope = stored.merge(periods, on=["indicator_id", "period"])
        both = rows.merge(in_scope, on=KEY, how="outer", suffixes=("", "_stored"), indicator=True)
        added = both["_merge"] == "left_only"
        removed = both["_merge"] == "right_only"
        matched = both["_merge"] == "both"
        same = matched.copy()
        for name in _COMPARED:
            new, old = both[name], both[f"{name}_stored"]
            same &= (new == old) | (new.isna() & old.isna())
        changed = matched & ~same
        _delete_values(both.loc[removed, "id"].astype("int64").tolist())
        _update_values(both.loc[changed, ["id", *_COMPARED]])
        _insert_values(both.loc[added, VALUE_COLUMNS])
    return ValueChanges(
        added=int(added.sum()),
        changed=int(changed.sum()),
        removed=int(removed.sum()),
        unchanged=int(same.sum()),
        kept=len(stored) - len(in_scope),
    )


def lock_values() -> None:
    """Hold off other writers of values (readers carry on) until this transaction commits.

    The comparison reads the stored values once; a write between that read and ours would be
    lost, or break the one-value-per-area constraint halfway through.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {_table()} IN SHARE ROW EXCLUSIVE MODE")


def _table() -> str:
    return connection.ops.quote_name(BenchmarkValue._meta.db_table)


def _columns(names: list[str]) -> str:
    return ", ".join(connection.ops.quote_name(name) for name in names)


@contextmanager
def _raw_cursor() -> Iterator[Any]:
    """psycopg2's own cursor, for COPY, on Django's connection and so in its transaction."""
    with connection.cursor() as cursor:
        yield cursor.connection.cursor()


def _read_values(indicator_ids: list[int]) -> pd.DataFrame:
    """The stored values of these indicators, with values as text at 6 places."""
    names = ["id", *VALUE_COLUMNS]
    if connection.vendor == "postgresql":
        buffer = io.StringIO()
        with _raw_cursor() as cursor:
            query = cursor.mogrify(
                f"SELECT {_columns(names)} FROM {_table()} WHERE indicator_id = ANY(%s)",
                [indicator_ids],
            ).decode()
            # COPY's CSV is several times quicker to read than rows through the ORM.
            cursor.copy_expert(f"COPY ({query}) TO STDOUT WITH (FORMAT csv, NULL '\\N')", buffer)
        if not buffer.tell():
            return pd.DataFrame({name: pd.Series(dtype=_DTYPES[name]) for name in names})
        buffer.seek(0)
        stored = pd.read_csv(
            buffer,
            names=names,
            dtype={name: str for name in ("period", "value", "status", "raw")},
            keep_default_na=False,
            na_values={"value": ["\\N"]},
        )
        stored["value"] = stored["value"].astype(object).where(stored["value"].notna(), None)
        return stored
    stored = pd.DataFrame(
        list(BenchmarkValue.objects.filter(indicator_id__in=indicator_ids).values_list(*names)),
        columns=names,
    ).astype(_DTYPES)
    stored["value"] = stored["value"].map(lambda v: None if v is None else stored_text(v))
    return stored


def _delete_values(ids: list[int]) -> None:
    if not ids:
        return
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {_table()} WHERE id = ANY(%s)", [ids])
        return
    size = connection.ops.bulk_batch_size(["id"], ids) or len(ids)
    for start in range(0, len(ids), size):
        BenchmarkValue.objects.filter(id__in=ids[start : start + size]).delete()


def _update_values(rows: pd.DataFrame) -> None:
    """Write the changed fields of stored values, each row by its id, in place."""
    if rows.empty:
        return
    if connection.vendor == "postgresql":
        # One statement, however many rows: bulk_update's CASE per row would grow with them.
        names = _columns(_COMPARED)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {_table()} AS stored SET ({names}) = "
                "(new.period_key, new.value::numeric, new.status, new.raw), updated_at = now() "
                "FROM unnest(%s::bigint[], %s::integer[], %s::text[], %s::text[], %s::text[]) "
                "AS new(id, period_key, value, status, raw) WHERE stored.id = new.id",
                [
                    rows["id"].astype("int64").tolist(),
                    rows["period_key"].astype("int64").tolist(),
                    [None if pd.isna(value) else value for value in rows["value"]],
                    rows["status"].tolist(),
                    rows["raw"].tolist(),
                ],
            )
        return
    BenchmarkValue.objects.bulk_update(
        [
            BenchmarkValue(
                id=int(id_),
                period_key=int(period_key),
                value=None if pd.isna(value) else Decimal(value),
                status=status,
                raw=raw,
                updated_at=timezone.now(),
            )
            for id_, period_key, value, status, raw in rows.itertuples(index=False, name=None)
        ],
        [*_COMPARED, "updated_at"],
        batch_size=BATCH_SIZE,
    )


def _insert_values(rows: pd.DataFrame) -> None:
    if rows.empty:
        return
    # In key order, rows go into the unique index's pages one after another.
    rows = rows.astype({"period_key": "int64"}).sort_values(KEY)
    if connection.vendor == "postgresql":
        # Arrow writes CSV ten times faster than pandas, and as COPY reads it: an unquoted empty
        # field is NULL (a missing value) and a quoted "" an empty string (an empty status).
        table = pyarrow.Table.from_pandas(rows[VALUE_COLUMNS], schema=_ARROW, preserve_index=False)
        buffer = io.BytesIO()
        pyarrow.csv.write_csv(
            table, buffer, pyarrow.csv.WriteOptions(include_header=False, quoting_style="needed")
        )
        buffer.seek(0)
        with _raw_cursor() as cursor:
            cursor.copy_expert(
                f"COPY {_table()} ({_columns(VALUE_COLUMNS)}) FROM STDIN WITH (FORMAT csv)", buffer
            )
        return
    # bulk_create lists what it is given, so hand it a slice at a time to keep memory down.
    records = rows[VALUE_COLUMNS].itertuples(index=False, name=None)
    while chunk := list(itertools.islice(records, 50_000)):
        BenchmarkValue.objects.bulk_create(
            [
                BenchmarkValue(
                    indicator_id=indicator_id,
                    period=period,
                    period_key=period_key,
                    area_id=area_id,
                    value=None if pd.isna(value) else Decimal(value),
                    status=status,
                    raw=raw,
                )
                for indicator_id, period, period_key, area_id, value, status, raw in chunk
            ],
            batch_size=BATCH_SIZE,
        )
