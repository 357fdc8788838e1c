"""Query strings held to lengths every page and database can take."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, QueryDict

# Searches ("q", in the benchmarks explorer and every admin list) are words, not documents:
# SQLite refuses LIKE patterns over 50,000 bytes and deep expression trees, so a pasted
# page of text used to answer 500. Other values (periods, filters, addresses) are short.
SEARCH_PARAMETERS = frozenset({"q"})
MAX_SEARCH_LENGTH = 200
MAX_VALUE_LENGTH = 1000


def capped(query: QueryDict) -> QueryDict | None:
    """The query with over-long values cut to their limits, or None if none is too long."""
    too_long = any(
        len(value) > (MAX_SEARCH_LENGTH if name in SEARCH_PARAMETERS else MAX_VALUE_LENGTH)
        for name, values in query.lists()
        for value in values
    )
    if not too_long:
        return None
    shortened = QueryDict(mutable=True)
    for name, values in query.lists():
        limit = MAX_SEARCH_LENGTH if name in SEARCH_PARAMETERS else MAX_VALUE_LENGTH
        shortened.setlist(name, [value[:limit] for value in values])
    shortened._mutable = False
    return shortened


class CapQueryLengthMiddleware:
    """Cut every query-string value to its limit before any view reads it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        shortened = capped(request.GET)
        if shortened is not None:
            # The stubs type GET as immutable; replacing it whole is how a middleware caps it.
            request.GET = shortened  # type: ignore[assignment]
        return self.get_response(request)
