"""The API's operations (django-ninja), its rate limit and its human docs page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any, Literal, get_args, get_origin

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import http_date
from ninja import NinjaAPI, Query, Schema
from ninja.errors import Throttled
from ninja.throttling import AnonRateThrottle
from pydantic import BaseModel, Field

from committees.clocks import quarters_time_to_publish
from measures.spreadsheets import spreadsheet_response
from scrutiny.api import listing, reads, schemas
from scrutiny.api.paging import DEFAULT_LIMIT, MAX_LIMIT, rows_as_csv


class PerClientAddress(AnonRateThrottle):
    """API_RATE_LIMIT requests a minute from each client address, for those not signed in.

    Counted in Django's cache; the address is read as PROXY_COUNT says (NINJA_NUM_PROXIES).
    """

    def __init__(self) -> None:
        super().__init__(rate="1/min")  # the real rate is read per request, from settings

    def allow_request(self, request: HttpRequest) -> bool:
        self.num_requests, self.duration = settings.API_RATE_LIMIT, 60
        return super().allow_request(request)

    def get_cache_key(self, request: HttpRequest) -> str | None:
        if request.user.is_authenticated:
            return None
        return super().get_cache_key(request)


api = NinjaAPI(
    title="Children's services scrutiny: open data API",
    version="1",
    description=(
        "Read-only open data: measures, targets, published figures, committees, people in "
        "their public roles, memberships, meetings with their published agendas, public papers, "
        "minutes, actions, recommendations, benchmark indicators and values, and comparator "
        "groups. Every list "
        "is paged by a cursor (follow `next`), can be limited to rows changed since a time "
        "(`?since=`), and comes as CSV with `?format=csv`."
    ),
    urls_namespace="api",
    docs_url=None,  # the docs page is our own, from the schema: no assets from elsewhere
    throttle=[PerClientAddress()],
)


@api.exception_handler(Throttled)
def too_many_requests(request: HttpRequest, exc: Throttled) -> HttpResponse:
    response = api.create_response(
        request,
        {"detail": f"Too many requests: at most {settings.API_RATE_LIMIT} a minute."},
        status=429,
    )
    response["Retry-After"] = str(max(1, int(exc.wait or 60)))
    return response


class ListQuery(Schema):
    """What every list takes."""

    since: datetime | None = Field(
        None, description="Only rows changed at or after this time (ISO 8601)"
    )
    cursor: int | None = Field(
        None, ge=0, description="Continue after this id (taken from the `next` link)"
    )
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Rows a page")
    format: Literal["json", "csv"] = Field("json", description="json, or csv for a spreadsheet")


def _columns(model: type[BaseModel], prefix: str = "") -> list[str]:
    """A schema's CSV columns: nested objects as `outer.inner`."""
    names = []
    for name, field in model.model_fields.items():
        kind = field.annotation
        # An object, or an object or null, is nested; a list stays one cell (paging.cell).
        inner = [] if get_origin(kind) is list else [a for a in get_args(kind)]
        nested = next(
            (k for k in [kind, *inner] if isinstance(k, type) and issubclass(k, BaseModel)), None
        )
        if nested is not None:
            names += _columns(nested, f"{prefix}{name}.")
        else:
            names.append(f"{prefix}{name}")
    return names


def _answer(
    request: HttpRequest,
    query: ListQuery,
    name: str,
    item: type[schemas.Schema],
    page: reads.Page,
) -> Any:
    rows, more = page
    last = max((row["updated_at"] for row in rows), default=None)
    following = None
    if more:
        params = request.GET.copy()
        params["cursor"] = str(rows[-1]["id"])
        following = request.build_absolute_uri(f"{request.path}?{params.urlencode()}")
    if query.format == "csv":
        response = spreadsheet_response(rows_as_csv(rows, _columns(item)), fmt="csv", name=name)
        if following:
            response["Link"] = f'<{following}>; rel="next"'
    else:
        response = api.create_response(request, {"next": following, "results": rows}, status=200)
    if last is not None:
        response["Last-Modified"] = http_date(last.timestamp())
    return response


def in_utc(moment: datetime) -> datetime:
    """A time in UTC, one without an offset read as UTC; one so near the ends of the calendar
    that UTC is past them, as that end (the database takes only offsets of up to 15:59)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        return (datetime.min if moment.year == 1 else datetime.max).replace(tzinfo=UTC)


def _window(query: ListQuery) -> reads.Window:
    since = in_utc(query.since) if query.since is not None else None
    return reads.Window(since=since, cursor=query.cursor, limit=query.limit)


CSV_TOO = {
    "responses": {
        200: {
            "content": {"text/csv": {"schema": {"type": "string"}}},
            "description": "The page as JSON, or as CSV with ?format=csv",
        }
    }
}


class MeetingQuery(ListQuery):
    committee: str | None = Field(None, description="Only this committee's, by its slug")


class MeasureQuery(ListQuery):
    measure: str | None = Field(None, description="Only this measure's, by its reference")


class IndicatorQuery(ListQuery):
    indicator: str | None = Field(None, description="Only this indicator's, by its slug")


def _list(
    path: str,
    item: type[schemas.Schema],
    read: Callable[..., reads.Page],
    summary: str,
    takes: type[ListQuery] = ListQuery,
) -> None:
    """Register one list operation: GET path, answering a page of `item`s."""
    name = path.strip("/").replace("-", "_")
    # Lists that can lose rows without a deletion, and the tombstones: the ledger first.
    withdrawals = name in reads.WITHDRAWABLE or name == "deletions"
    filters = [field for field in takes.model_fields if field not in ListQuery.model_fields]

    def operation(request: HttpRequest, query: ListQuery) -> Any:
        chosen = {f: getattr(query, f) for f in filters if getattr(query, f)}
        if withdrawals:
            listing.bring_up_to_date()
        page = read(_window(query), request.build_absolute_uri, **chosen)
        return _answer(request, query, name, item, page)

    operation.__name__ = name
    operation.__annotations__ = {"request": HttpRequest, "query": Query[takes], "return": Any}  # type: ignore[misc,valid-type]
    api.get(
        path,
        response={200: schemas.page_schema(item), 429: schemas.Problem},
        summary=summary,
        openapi_extra=CSV_TOO,
        operation_id=name,
    )(operation)


_list("/committees", schemas.Organization, reads.committees, "Committees (OCD Organization)")
_list("/people", schemas.Person, reads.people, "People in their public roles (OCD Person)")
_list("/memberships", schemas.Membership, reads.memberships, "Memberships (OCD Membership)")
_list(
    "/meetings",
    schemas.Event,
    reads.meetings,
    "Meetings with their published agendas (OCD Event)",
    MeetingQuery,
)
_list("/papers", schemas.Paper, reads.papers, "Public papers of published agendas")
_list("/minutes", schemas.Minute, reads.minutes, "Published minutes and their resolutions")
_list("/actions", schemas.Action, reads.actions, "Actions agreed at meetings")
_list("/measures", schemas.Measure, reads.measures, "Measures")
_list(
    "/targets",
    schemas.Target,
    reads.targets,
    "Targets and tolerance bands",
    MeasureQuery,
)
_list(
    "/figures",
    schemas.Figure,
    reads.figures,
    "Published figures with status and directions of travel",
    MeasureQuery,
)
_list(
    "/benchmark-indicators",
    schemas.BenchmarkIndicator,
    reads.benchmark_indicators,
    "National benchmark indicators",
)
_list(
    "/benchmark-values",
    schemas.BenchmarkValue,
    reads.benchmark_values,
    "Areas' published values of the benchmark indicators",
    IndicatorQuery,
)
_list("/comparator-groups", schemas.ComparatorGroup, reads.comparator_groups, "Comparator groups")
_list("/questions", schemas.Question, reads.questions, "Members' questions and their answers")
_list(
    "/recommendations",
    schemas.Recommendation,
    reads.recommendations,
    "Published recommendations a committee follows up, with their progress updates",
    MeetingQuery,
)
_list(
    "/deletions",
    schemas.Deletion,
    reads.deletions,
    "Rows deleted from the lists or no longer public in them, for harvesters following "
    "?since= (tombstones)",
)


class Resource(Schema):
    name: str
    url: str


class Index(Schema):
    resources: list[Resource]
    schema_url: str
    docs_url: str


@api.get("/", response={200: Index, 429: schemas.Problem}, summary="The lists this API holds")
def index(request: HttpRequest) -> dict[str, Any]:
    base = reverse("api:api-root")
    lists = [route for route in api.default_router.path_operations if route.strip("/")]
    return {
        "resources": [
            {"name": route.strip("/"), "url": request.build_absolute_uri(base + route.strip("/"))}
            for route in lists
        ],
        "schema_url": request.build_absolute_uri(reverse("api:openapi-json")),
        "docs_url": request.build_absolute_uri(reverse("api-docs")),
    }


def docs(request: HttpRequest) -> HttpResponse:
    """The API described for people, from its OpenAPI schema."""
    schema = api.get_openapi_schema(path_prefix=reverse("api:api-root"))
    operations = [
        {"path": path, "operation": methods["get"]}
        for path, methods in schema["paths"].items()
        if "get" in methods
    ]
    return render(
        request,
        "api/docs.html",
        {
            "info": schema["info"],
            "operations": operations,
            "rate_limit": settings.API_RATE_LIMIT,
            "max_limit": MAX_LIMIT,
            "default_limit": DEFAULT_LIMIT,
        },
    )


class QuarterTimeToPublish(Schema):
    """One quarter's time to publish, in calendar days from its last day."""

    quarter: str = Field(description="The financial year's quarter, like 2017/18 Q1")
    quarter_end: date
    figures: int = Field(description="Published figures for the quarter")
    last_figure_days: int | None = Field(description="Days to the last figure's publication")
    median_figure_days: int | None = Field(
        description="Days to the median figure's publication (the lower of the middle two)"
    )
    meeting_date: date | None = Field(
        description="The first meeting (of a published agenda) with an item reporting it"
    )
    meeting_days: int | None = Field(description="Days to that meeting")


class TimeToPublishList(Schema):
    next: str | None = Field(None, description="Always null: every quarter is on one page")
    results: list[QuarterTimeToPublish]


class FormatQuery(Schema):
    format: Literal["json", "csv"] = Field("json", description="json, or csv for a spreadsheet")


@api.get(
    "/time-to-publish",
    response={200: TimeToPublishList, 429: schemas.Problem},
    summary="Time to publish: the service's own measure, quarter by quarter",
    description=(
        "For each quarter with published figures, newest first: the days from the quarter's "
        "end to its last and its median figure's publication, and to the meeting that "
        "considered them."
    ),
    openapi_extra=CSV_TOO,
    operation_id="time_to_publish",
    url_name="time_to_publish",
)
def time_to_publish(request: HttpRequest, query: Query[FormatQuery]) -> Any:
    rows = [
        {
            "quarter": q.period.label,
            "quarter_end": q.period.end,
            "figures": q.figures,
            "last_figure_days": q.last_figure_days,
            "median_figure_days": q.median_figure_days,
            "meeting_date": q.meeting_on,
            "meeting_days": q.meeting_days,
        }
        for q in quarters_time_to_publish()
    ]
    if query.format == "csv":
        columns = list(QuarterTimeToPublish.model_fields)
        return spreadsheet_response(rows_as_csv(rows, columns), fmt="csv", name="time_to_publish")
    return {"next": None, "results": rows}
