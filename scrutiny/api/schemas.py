"""The shapes the API answers with: Open Civic Data's where they fit, OParl's `public` flag."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema


class Item(Schema):
    """Every row has a stable id and when it last changed."""

    id: int
    updated_at: datetime


class Organization(Item):
    """A committee, as Open Civic Data's Organization."""

    name: str
    slug: str
    classification: str = Field(description="scrutiny_committee, sub_group, panel or board")
    parent_id: int | None
    remit: str
    contact: str
    measures: list[str] = Field(description="References of the measures it scrutinises")
    url: str


class Person(Item):
    """A councillor, added member or officer: their public role only, as OCD's Person."""

    key: str
    name: str
    honorific_prefix: str
    kind: str = Field(description="councillor, added_member or officer")
    seat: str = Field(description="An added member's seat")
    role_title: str = Field(description="An officer's job title")
    url: str


class Membership(Item):
    """A person's seat on a committee, as OCD's Membership."""

    person_id: int
    organization_id: int
    role: str
    label: str
    start_date: date | None
    end_date: date | None


class PaperRef(Schema):
    """A paper as its meeting's agenda shows it: an exempt one only by its exemption."""

    id: int | None = Field(description="Null for an exempt paper")
    kind: str
    letter: str
    title: str
    public: bool = Field(description="OParl's flag: false for exempt (Schedule 12A)")
    url: str | None


class AgendaItem(Schema):
    """A numbered item on a published agenda, as OCD's EventAgendaItem."""

    order: int
    description: str
    purpose: str
    contributor: str
    summary: str
    recommendations: str
    period: str
    papers: list[PaperRef]


class Location(Schema):
    name: str


class Participant(Schema):
    entity_type: Literal["organization"]
    entity_id: int
    entity_name: str


class Event(Item):
    """A meeting, as OCD's Event: its agenda once published, and only then."""

    uid: str
    name: str
    classification: Literal["committee-meeting"]
    start_date: str = Field(description="ISO 8601: a date, or a date and local time")
    all_day: bool
    status: Literal["confirmed", "cancelled", "passed"]
    location: Location
    participants: list[Participant]
    agenda_published_at: datetime | None
    minutes_published_at: datetime | None
    agenda: list[AgendaItem]
    url: str


class Paper(Item):
    """A public paper of a published agenda, with a link to its page or file."""

    key: str
    meeting_id: int
    item_number: int
    kind: str
    letter: str
    title: str
    text: str
    public: bool
    has_file: bool
    url: str
    published_at: datetime | None


class Minute(Item):
    """A published minute and its resolutions."""

    meeting_id: int
    item_number: int
    item_title: str
    number: int | None
    text: str
    resolutions: list[str]
    approved: bool


class Action(Item):
    """An action agreed at a meeting whose agenda is published."""

    meeting_id: int
    item_number: int
    what: str
    owner_id: int | None
    due: date | None
    state: str


class Measure(Item):
    """A Council Business Plan measure."""

    reference: str
    title: str
    ambition: str
    outcome: str
    unit: str
    decimal_places: int
    polarity: str = Field(description="higher, lower, target or none: which way is better")
    frequency: str
    due_quarter: int | None
    how_taken: str
    definition: str
    numerator_definition: str
    denominator_definition: str
    data_source: str
    service: str
    is_current: bool
    url: str


class Target(Item):
    """A measure's target and tolerance band for a financial year, or one quarter of it."""

    measure: str
    year: str = Field(description="The financial year, like 2017/18")
    quarter: int | None
    value: Decimal | None
    band_low: Decimal | None
    band_high: Decimal | None
    follows: str = Field(description="The comparator a target follows, if any")
    about_target: str


class Figure(Item):
    """A published figure with its status against the target and its directions of travel."""

    measure: str
    period: str = Field(description="The quarter it is reported in, like 2017/18 Q1")
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    missing_reason: str
    covers: str
    commentary: str
    forecast: Decimal | None
    target_id: int | None
    status: str = Field(
        description="exceeded, achieved, within_tolerance, not_achieved, no_data or not_rated"
    )
    status_label: str
    forecast_status: str | None
    direction: str | None = Field(description="improving, worsening or no-change")
    direction_last_year: str | None
    published_at: datetime | None
    url: str


class BenchmarkIndicator(Item):
    """A nationally published indicator."""

    code: str
    slug: str
    title: str
    topic: str
    source: str
    unit: str
    polarity: str
    year_type: str
    description: str
    url: str


class Area(Schema):
    name: str
    code: str
    kind: str


class BenchmarkValue(Item):
    """One area's published figure for an indicator and period; missing is never zero."""

    indicator: str = Field(description="The indicator's slug")
    period: str
    area: Area
    value: Decimal | None
    status: str = Field(description="The source's code for a missing value")
    raw: str


class GroupMember(Schema):
    name: str
    area_code: str | None
    position: int


class ComparatorGroup(Item):
    """A set of areas an authority compares itself with."""

    kind: str
    name: str
    slug: str
    area: str | None = Field(description="Whose group it is, by area code")
    version: str
    in_force_from: date | None
    description: str
    members: list[GroupMember]


class Deletion(Item):
    """A row deleted from one of the lists, or no longer public in it (a tombstone): its id
    here is this record's own."""

    list: str = Field(description="The list it left, as in its path: papers")
    object_id: int = Field(description="The row's id in that list")
    deleted_at: datetime = Field(
        description="When it was deleted, or when the API first found it no longer public"
    )
    reason: Literal["deleted", "withdrawn"] = Field(
        description=(
            "deleted, or withdrawn: no longer public (a paper made exempt, an agenda, minutes, "
            "figure, question or recommendation withdrawn). Remove the row either way; one "
            "public again is listed again with a later updated_at"
        )
    )


class Page(Schema):
    """A page of a list: follow `next` until it is null."""

    next: str | None = Field(description="The next page's address, with its cursor")
    results: list


def page_schema(item: type[Schema]) -> type[Schema]:
    """A Page whose results are of one kind, named for it in the schema."""
    results = list[item]  # type: ignore[valid-type]
    return type(f"{item.__name__}Page", (Page,), {"__annotations__": {"results": results}})


class Problem(Schema):
    detail: str


class Question(Item):
    """A member's question answered before or at a meeting (public, not exempt, only)."""

    meeting_id: int
    committee: str = Field(description="The committee's slug")
    item_number: int | None = Field(description="The agenda item it is printed under, if any")
    measure: str | None = Field(description="For a question on a figure: the measure's reference")
    period: str = Field(description="For a question on a figure: its quarter, like 2017/18 Q1")
    question: str
    answer: str
    answered_at: datetime | None
    url: str


class RecommendationUpdate(Schema):
    """A dated progress update (evidence files are on the recommendation's page)."""

    date: date
    text: str
    status: str = Field(description="The status it moved the recommendation to, or empty")


class Recommendation(Item):
    """A published recommendation on a committee's tracker, with its progress updates."""

    committee_id: int
    source: Literal["resolution", "peer_challenge", "ofsted", "internal_audit", "other"]
    source_name: str
    minute_id: int | None = Field(description="The minute of a committee's own resolution")
    text: str
    addressed_to: str
    owner_id: int | None
    raised: date
    due: date | None
    response: Literal["", "accepted", "partly", "not_accepted"] = Field(
        description="Empty while the response is awaited"
    )
    response_reasons: str
    status: Literal["open", "in_progress", "implemented", "closed"] = Field(
        description="closed: closed without implementation"
    )
    measures: list[str] = Field(description="References of the linked measures")
    updates: list[RecommendationUpdate]
    demo: bool = Field(description="Made up for the demo, not the council's own")
    url: str
