"""Cursor pages and CSV rows for the API's lists: pure functions of rows already fetched."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from measures.spreadsheets import csv_text

DEFAULT_LIMIT = 100
MAX_LIMIT = 500


def page_of(rows: Sequence[Any], limit: int) -> tuple[list[Any], bool]:
    """The first `limit` rows of `limit + 1` fetched, and whether more follow."""
    return list(rows[:limit]), len(rows) > limit


def cell(value: Any) -> str:
    """A value as one CSV cell: lists joined by "; ", nothing for None, dates in ISO 8601."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {cell(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return "; ".join(cell(v) for v in value)
    return str(value)


def flatten(row: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    """A JSON object as CSV columns: nested objects as `outer.inner`, lists as one cell."""
    flat: dict[str, str] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(flatten(value, f"{name}."))
        else:
            flat[name] = cell(value)
    return flat


def rows_as_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """The rows as CSV under these columns (named even when there are no rows); no cell can
    run as a formula in a spreadsheet (measures.spreadsheets)."""
    flat = (flatten(row) for row in rows)
    return csv_text(columns, ([row.get(name, "") for name in columns] for row in flat))
