"""The registry of what search finds: each source is one table, read as a user may read it.

A later feature adds its own with register_source() from its AppConfig.ready(); results of
sources sharing a kind are filtered together ("Measures" covers measures and their figures).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import Model, QuerySet
from django.utils.safestring import SafeString

if TYPE_CHECKING:
    from committees.access import AnyUser


@dataclass(frozen=True)
class Hit:
    """One result as the page shows it."""

    kind: str
    label: str
    title: str
    url: str
    snippet: SafeString
    day: date | None = None
    context: str = ""
    exempt: bool = False
    unpublished: bool = False


@dataclass(frozen=True)
class Source:
    """A table search reads: its text fields with their weights (A most, D least), the rows a
    user may read, and how a row becomes a Hit.

    `day` and `committee` are lookups on the table for the date and committee filters (`day`
    may be an expression; None: the rows have none, so those filters leave them out).
    `visible` must apply the rule of committees/access.py or its equivalent: nothing a user
    may not read is ever matched. On PostgreSQL the table needs the stored search_vector
    column, its trigger and its GIN index for these fields and weights: add them in a
    migration as scrutiny/migrations/0003_search_indexes.py does.
    """

    key: str
    kind: str
    fields: tuple[tuple[str, str], ...]
    visible: Callable[[AnyUser], QuerySet[Any]]
    hit: Callable[[Any, SafeString], Hit]
    day: str | Any = None  # a lookup, or an expression (a datetime's day)
    committee: str | None = None
    related: tuple[str, ...] = field(default_factory=tuple)

    @property
    def model(self) -> type[Model]:
        return self.visible(None).model


@dataclass(frozen=True)
class Kind:
    """What the kind filter offers: a key for the address and a plural label."""

    key: str
    label: str


KINDS: dict[str, Kind] = {}
SOURCES: dict[str, Source] = {}


def register_kind(key: str, label: str) -> None:
    """Offer a kind in the filter, in the order registered."""
    KINDS.setdefault(key, Kind(key, label))


def register_source(source: Source) -> None:
    """Search a table too; its kind must be registered first."""
    if source.kind not in KINDS:
        raise ValueError(f"Register the kind {source.kind!r} before its source {source.key!r}.")
    SOURCES[source.key] = source
