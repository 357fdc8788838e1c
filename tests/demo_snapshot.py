"""The demo fixture's rows, written by the real loader once and then copied into each test.

Loading the demo through `load_demo_measures` takes about 1,100 queries (seconds a test). The
first test that asks for it on a database in a given state runs the real loader inside a
transaction, records the rows it wrote and rolls it back; later tests on a database in the same
state get those rows again in one insert per table. A database in another state (a test that
made rows first) gets its own run of the real loader, so the copy is only used where the
loader would have written it. Tests that commit (the live server's) always run the loader.
"""

from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Model, UUIDField

Rows = list[tuple[type[Model], list[dict[str, Any]]]]

State = tuple[tuple[int, str | None], ...]

# Rows written by each loader (known by its qualified name: the demo fixture's, the pack tests',
# the admin forms test's), by the state of the database they were written on.
_WRITTEN: dict[tuple[str, State], Rows] = {}


def _models() -> list[type[Model]]:
    """Every table's model, many-to-many tables included."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]


def _state() -> State:
    """Each table's row count and highest key, in one query."""
    quote = connection.ops.quote_name

    def highest(model: type[Model]) -> str:
        column = quote(model._meta.pk.column)
        # PostgreSQL has no MAX of a UUID (django-tasks-db's results are keyed by one).
        if isinstance(model._meta.pk, UUIDField):
            return f"MAX(CAST({column} AS TEXT))"
        return f"CAST(MAX({column}) AS TEXT)"

    counts = " UNION ALL ".join(
        f"SELECT {position}, COUNT(*), {highest(model)} FROM {quote(model._meta.db_table)}"
        for position, model in enumerate(_models())
    )
    with connection.cursor() as cursor:
        cursor.execute(counts)
        return tuple((count, highest) for _, count, highest in sorted(cursor.fetchall()))


def _rows() -> dict[type[Model], dict[Any, dict[str, Any]]]:
    """Every row of every table, by model and primary key."""
    return {
        model: {
            row["pk"]: row
            for row in model._base_manager.values(
                "pk", *(field.attname for field in model._meta.concrete_fields)
            )
        }
        for model in _models()
    }


def _record(load: Callable[[], None]) -> Rows:
    """The rows load() writes, which are then rolled back."""
    with transaction.atomic():
        before = _rows()
        load()
        after = _rows()
        transaction.set_rollback(True)
    written = []
    for model, rows in after.items():
        kept = {pk: row for pk, row in rows.items() if pk in before[model]}
        if kept != before[model]:
            # Only new rows can be copied; a loader that changes existing rows needs the loader.
            raise RuntimeError(f"The demo loader changed rows of {model.__name__} already there.")
        new = [
            {name: value for name, value in row.items() if name != "pk"}
            for pk, row in rows.items()
            if pk not in before[model]
        ]
        if new:
            written.append((model, new))
    return written


def write_demo(load: Callable[[], None]) -> None:
    """Write what load() writes: copied if it was recorded on a database in this state."""
    if not connection.in_atomic_block:
        # The live server's tests commit, and the flush after each makes the groups and
        # permissions anew under new keys, so no state comes twice: load it the real way.
        load()
        return
    # Two loaders may start from the same state (an empty database): each has its own rows.
    key = (f"{load.__module__}.{load.__qualname__}", _state())
    if key not in _WRITTEN:
        _WRITTEN[key] = _record(load)
    with transaction.atomic():
        for model, rows in _WRITTEN[key]:
            model._base_manager.bulk_create([model(**row) for row in rows])
        # The rows came with their keys: move each table's key sequence past them.
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(
                no_style(), [model for model, _ in _WRITTEN[key]]
            ):
                cursor.execute(statement)
