"""Running a search: the matching rows a user may read, counted by kind, ranked or dated,
one page at a time, in a fixed number of queries whatever the number of rows.

On PostgreSQL, full-text search (English stemming, websearch_to_tsquery, stored weighted
vectors with GIN indexes, ranks and highlighted snippets); on SQLite, the demo's database, every
word or quoted phrase as a case-insensitive substring.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import reduce
from operator import or_
from typing import TYPE_CHECKING, Any

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db import connection
from django.db.models import (
    CharField,
    DateField,
    Expression,
    F,
    FloatField,
    Q,
    QuerySet,
    TextField,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Concat

from scrutiny.search.kinds import KINDS, SOURCES, Hit, Source
from scrutiny.search.terms import START, STOP, Terms, excerpt, highlighted, parse

if TYPE_CHECKING:
    from committees.access import AnyUser
    from committees.models import Committee

# English stemming without English stop words (scrutiny/migrations/0003_search_indexes.py):
# "looked after" must not be read as "looked".
CONFIG = "scrutiny_english"
PER_PAGE = 20
RELEVANCE, NEWEST = "relevance", "date"


@dataclass(frozen=True)
class KindCount:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class Results:
    """One page of results, with the counts by kind the filter shows."""

    hits: list[Hit]
    total: int
    counts: list[KindCount]
    page: int
    pages: int


def full_text() -> bool:
    """Whether the database does full-text search (PostgreSQL) or the fallback (SQLite)."""
    return connection.vendor == "postgresql"


class StoredVector(Expression):
    """The table's weighted search vector, stored in its search_vector column and kept up to
    date by a trigger (scrutiny/migrations/0003_search_indexes.py), with a GIN index."""

    output_field = SearchVectorField()

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        alias = compiler.query.get_initial_alias()
        return f"{compiler.quote_name_unless_alias(alias)}.search_vector", []


def _document(source: Source) -> Any:
    """A source's fields joined, one a line, for a snippet."""
    texts = [
        Coalesce(Cast(name, TextField()), Value("", output_field=TextField()))
        for name, _ in source.fields
    ]
    joined: list[Any] = texts[:1]
    for text in texts[1:]:
        joined += [Value("\n", output_field=TextField()), text]
    return Concat(*joined, output_field=TextField()) if len(texts) > 1 else texts[0]


def _day(source: Source) -> Any:
    if source.day is None:
        return Value(None, output_field=DateField())
    return F(source.day) if isinstance(source.day, str) else source.day


def _matching(source: Source, user: AnyUser, query: str, terms: Terms) -> QuerySet[Any]:
    rows = source.visible(user)
    if full_text():
        search = SearchQuery(query, search_type="websearch", config=CONFIG)
        return rows.annotate(search_document=StoredVector()).filter(search_document=search)
    if not terms.wanted:
        return rows.none()
    for phrase in terms.wanted:
        rows = rows.filter(_anywhere(source, phrase))
    for phrase in terms.unwanted:
        rows = rows.exclude(_anywhere(source, phrase))
    return rows


def _anywhere(source: Source, phrase: str) -> Q:
    """In any of the source's fields, in any case."""
    return reduce(or_, (Q(**{f"{name}__icontains": phrase}) for name, _ in source.fields))


def _filtered(
    source: Source,
    rows: QuerySet[Any],
    committee: Committee | None,
    since: date | None,
    until: date | None,
) -> QuerySet[Any] | None:
    """The rows within the filters, or None where a filter rules out the whole source."""
    if committee is not None:
        if source.committee is None:
            return None
        model = rows.model
        within = model.objects.filter(**{source.committee: committee.pk}).values("pk")
        rows = rows.filter(pk__in=within)
    if since is not None or until is not None:
        if source.day is None:
            return None
        rows = rows.annotate(search_day=_day(source))
        if since is not None:
            rows = rows.filter(search_day__gte=since)
        if until is not None:
            rows = rows.filter(search_day__lte=until)
    return rows


def search(
    *,
    user: AnyUser,
    query: str,
    kinds: list[str] | None = None,
    committee: Committee | None = None,
    since: date | None = None,
    until: date | None = None,
    order: str = RELEVANCE,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> Results:
    """The page of results for a query, as the user may read them (see scrutiny/search/kinds)."""
    terms = parse(query)
    chosen = set(kinds or KINDS)
    counts: dict[str, int] = defaultdict(int)
    selected: list[QuerySet[Any]] = []
    search = SearchQuery(query, search_type="websearch", config=CONFIG)
    for source in SOURCES.values():
        rows = _filtered(source, _matching(source, user, query, terms), committee, since, until)
        if rows is None:
            continue
        counts[source.kind] += rows.count()
        if source.kind not in chosen or not counts[source.kind]:
            continue
        rank = (
            SearchRank(StoredVector(), search)
            if full_text()
            else Value(0.0, output_field=FloatField())
        )
        selected.append(
            # No model ordering in the branches: it would join the meeting and committee.
            rows.order_by()
            .annotate(
                search_key=Value(source.key, output_field=CharField()),
                search_id=F("pk"),
                search_rank=rank,
                search_when=_day(source),
            )
            .values_list("search_key", "search_id", "search_rank", "search_when")
        )
    total = sum(n for kind, n in counts.items() if kind in chosen)
    pages = max(1, math.ceil(total / per_page))
    page = min(max(page, 1), pages)
    found: list[tuple[str, int, float, date | None]] = []
    if selected:
        combined = selected[0].union(*selected[1:], all=True) if len(selected) > 1 else selected[0]
        when = F("search_when").desc(nulls_last=True)
        ordering: list[Any] = (
            ["-search_rank", when, "search_key", "search_id"]
            if order == RELEVANCE
            else [when, "-search_rank", "search_key", "search_id"]
        )
        start = (page - 1) * per_page
        found = list(combined.order_by(*ordering)[start : start + per_page])
    return Results(
        hits=_hits(found, user=user, query=query, terms=terms),
        total=total,
        counts=[KindCount(k.key, k.label, counts[k.key]) for k in KINDS.values()],
        page=page,
        pages=pages,
    )


def _hits(
    found: list[tuple[str, int, float, date | None]], *, user: AnyUser, query: str, terms: Terms
) -> list[Hit]:
    """The page's rows as Hits, in order: one query per source on the page."""
    wanted: dict[str, list[int]] = defaultdict(list)
    for key, pk, _, _ in found:
        wanted[key].append(pk)
    made: dict[tuple[str, int], Hit] = {}
    for key, pks in wanted.items():
        source = SOURCES[key]
        # Read again through the same rule: only what the user may read is ever shown.
        rows = source.visible(user).filter(pk__in=pks).select_related(*source.related)
        if full_text():
            search = SearchQuery(query, search_type="websearch", config=CONFIG)
            rows = rows.annotate(
                search_snippet=SearchHeadline(
                    _document(source),
                    search,
                    config=CONFIG,
                    start_sel=START,
                    stop_sel=STOP,
                    max_words=35,
                    min_words=15,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                )
            )
        for row in rows:
            if full_text():
                snippet = row.search_snippet
            else:
                text = "\n".join(str(getattr(row, name) or "") for name, _ in source.fields)
                snippet = excerpt(text, terms.wanted)
            made[(key, row.pk)] = source.hit(row, highlighted(snippet))
    return [made[(key, pk)] for key, pk, _, _ in found if (key, pk) in made]
