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
    Model,
    Q,
    QuerySet,
    TextField,
    Value,
)
from django.db.models.constants import LOOKUP_SEP
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
        if _many(rows.model, source.committee):
            # Through a many relation (a measure's committees): a join would repeat rows.
            within = rows.model.objects.filter(**{source.committee: committee.pk})
            rows = rows.filter(pk__in=within.values("pk"))
        else:
            # Along foreign keys: one join, not a second scan of the table.
            rows = rows.filter(**{source.committee: committee.pk})
    if since is not None or until is not None:
        if source.day is None:
            return None
        rows = rows.annotate(search_day=_day(source))
        if since is not None:
            rows = rows.filter(search_day__gte=since)
        if until is not None:
            rows = rows.filter(search_day__lte=until)
    return rows


def _many(model: type[Model], lookup: str) -> bool:
    """Whether a lookup crosses a relation to many rows (so a filter on it may repeat rows)."""
    for name in lookup.split(LOOKUP_SEP):
        if name == "pk":
            return False
        field = model._meta.get_field(name)
        if field.many_to_many or field.one_to_many:
            return True
        if not isinstance(field.related_model, type):
            return False
        model = field.related_model
    return False


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
    search = SearchQuery(query, search_type="websearch", config=CONFIG)
    branches: list[QuerySet[Any]] = []
    for source in SOURCES.values():
        rows = _filtered(source, _matching(source, user, query, terms), committee, since, until)
        if rows is None:
            continue
        # A kind left out by the filter is only counted: its rows need no rank.
        rank = (
            SearchRank(StoredVector(), search)
            if full_text() and source.kind in chosen
            else Value(0.0, output_field=FloatField())
        )
        branches.append(
            # No model ordering in the branches: it would join the meeting and committee.
            rows.order_by()
            .annotate(
                search_key=Value(source.key, output_field=CharField()),
                search_kind=Value(source.kind, output_field=CharField()),
                search_id=F("pk"),
                search_rank=rank,
                search_when=_day(source),
            )
            .values_list("search_key", "search_kind", "search_id", "search_rank", "search_when")
        )
    counts: dict[str, int] = defaultdict(int)
    found: list[tuple[str, int]] = []
    page = max(page, 1)
    if branches:
        counts, found = _counted_page(branches, chosen, order, (page - 1) * per_page, per_page)
    total = sum(n for kind, n in counts.items() if kind in chosen)
    pages = max(1, math.ceil(total / per_page))
    if page > pages:
        # Past the last page (an old link): the last page instead, in a second query.
        page = pages
        _, found = _counted_page(branches, chosen, order, (page - 1) * per_page, per_page)
    return Results(
        hits=_hits(found, user=user, query=query, terms=terms),
        total=total,
        counts=[KindCount(k.key, k.label, counts[k.key]) for k in KINDS.values()],
        page=page,
        pages=pages,
    )


def _counted_page(
    branches: list[QuerySet[Any]], chosen: set[str], order: str, start: int, per_page: int
) -> tuple[dict[str, int], list[tuple[str, int]]]:
    """The matches counted by kind, and a page of the chosen kinds' in order, in one query:
    each table is matched once, rather than once to count and again for the page (a common
    word's matches are most of the time a search takes)."""
    combined = branches[0].union(*branches[1:], all=True) if len(branches) > 1 else branches[0]
    sql, params = combined.query.sql_with_params()
    when = "search_when DESC NULLS LAST"
    ordering = (
        f"search_rank DESC, {when}, search_key, search_id"
        if order == RELEVANCE
        else f"{when}, search_rank DESC, search_key, search_id"
    )
    kinds = sorted(chosen)
    # Referred to twice, the matches are worked out once (PostgreSQL materialises the CTE).
    statement = f"""
WITH found (search_key, search_kind, search_id, search_rank, search_when) AS ({sql})
SELECT search_kind, NULL, COUNT(*) FROM found GROUP BY search_kind
UNION ALL
SELECT search_key, search_id, ROW_NUMBER() OVER (ORDER BY {ordering}) FROM (
    SELECT * FROM found WHERE search_kind IN ({", ".join(["%s"] * len(kinds))})
    ORDER BY {ordering} LIMIT %s OFFSET %s
) AS page"""
    with connection.cursor() as cursor:
        cursor.execute(statement, [*params, *kinds, per_page, start])
        rows = cursor.fetchall()
    counts: dict[str, int] = defaultdict(int)
    page: list[tuple[int, str, int]] = []
    for key, pk, number in rows:
        if pk is None:
            counts[key] = number
        else:
            page.append((number, key, pk))
    return counts, [(key, pk) for _, key, pk in sorted(page)]


def _hits(found: list[tuple[str, int]], *, user: AnyUser, query: str, terms: Terms) -> list[Hit]:
    """The page's rows as Hits, in order: one query per source on the page."""
    wanted: dict[str, list[int]] = defaultdict(list)
    for key, pk in found:
        wanted[key].append(pk)
    made: dict[tuple[str, int], Hit] = {}
    for key, pks in wanted.items():
        source = SOURCES[key]
        # Read again through the same rule: only what the user may read is ever shown.
        rows = source.visible(user).filter(pk__in=pks).select_related(*source.related)
        rows = rows.order_by()  # put in the page's order below
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
    return [made[(key, pk)] for key, pk in found if (key, pk) in made]
