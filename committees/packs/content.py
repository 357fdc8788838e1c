"""What goes into a meeting's agenda pack, read once and shared by the PDF and the web page."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils import timezone

from committees.attendance import AttendanceLines
from committees.membership import CoverMembership, Seat, cover_membership
from committees.models import (
    AgendaItem,
    Attendance,
    Committee,
    Generated,
    Meeting,
    Membership,
    Minute,
    Paper,
    PaperKind,
    Question,
)
from committees.packs.layout import paper_label, range_label
from committees.recommendations import Monitor, recommendations_monitor
from measures.models import Measure
from measures.pages.dashboard import dashboard_rows
from measures.pages.detail import MeasurePage, measure_pages, paragraphs
from measures.rules.periods import Period

# What each document of an item is, which decides how the pack prints it.
TEXT, UPLOAD, RESTRICTED, MINUTES, MEASURES = "text", "upload", "restricted", "minutes", "measures"
QUESTIONS = "questions"
MONITOR = "monitor"  # the recommendations monitor (committees/recommendations.py)
RESTRICTED_HEADING = "Document is Restricted"


@dataclass
class MinutesPaper:
    """A previous meeting's minutes, as the system recorded them."""

    meeting: Meeting
    attendance: AttendanceLines
    minutes: list[tuple[Minute, AgendaItem]]
    full: bool = True  # False: exempt minutes print their Schedule 12A statement only

    @property
    def approved(self) -> bool:
        return all(minute.approved for minute, _ in self.minutes)


@dataclass(frozen=True)
class PrintedMeasure:
    """A measure page as the pack prints it, with where its chart goes."""

    page: MeasurePage
    chart_id: str  # the id of the chart's data on the web version
    svg: str = ""  # the chart drawn as a data: URL, once the PDF builder has drawn it


@dataclass
class Document:
    """One paper of an item as the pack prints it: written, uploaded, generated or restricted."""

    anchor: str
    label: str  # "Report", "Appendix D", "Minutes"
    title: str
    kind: str
    paper: Paper | None = None
    text: list[str] = field(default_factory=list)
    statement: str = ""  # the Schedule 12A paragraph, on restricted and exempt papers
    minutes: MinutesPaper | None = None
    measures: list[PrintedMeasure] = field(default_factory=list)
    period: Period | None = None
    monitor: Monitor | None = None
    upload_pages: int = 0  # filled in by the PDF builder once it has read the file
    supplement_on: date | None = None  # published after the agenda, on this day
    questions: list[Question] = field(default_factory=list)  # answered members' questions

    @property
    def supplement_text(self) -> str:
        """ "Published 4 September 2017, after the agenda", for a supplement."""
        if self.supplement_on is None:
            return ""
        return f"Published {self.supplement_on.day} {self.supplement_on:%B %Y}, after the agenda"

    @property
    def upload_page_numbers(self) -> range:
        return range(1, self.upload_pages + 1)

    @property
    def bookmark(self) -> str:
        return f"{self.label}: {self.title}" if self.title else self.label


@dataclass
class Entry:
    """An agenda item with the documents the pack prints for it."""

    item: AgendaItem
    documents: list[Document]
    pages_text: str = ""  # "15 - 154" in the latest PDF, for the web version's agenda

    @property
    def anchor(self) -> str:
        return f"item-{self.item.number}"

    @property
    def verbal(self) -> bool:
        return not self.documents and "verbal" in self.item.summary.lower()

    def pages(self, first: int | None, last: int | None) -> str:
        return range_label(first, last, verbal=self.verbal)


@dataclass
class PackContent:
    """Everything one version of a meeting's pack contains."""

    meeting: Meeting
    full: bool
    councillors: str
    added_members: list[tuple[str, str]]  # (seat, names)
    member_count: str
    entries: list[Entry]
    # Read when the pack is collected, not when this module is imported, so that a change
    # of settings (override_settings in a test) reaches the cover.
    council: str = field(default_factory=lambda: settings.COUNCIL_NAME)
    address: list[str] = field(default_factory=lambda: list(settings.COUNCIL_ADDRESS))
    chief_executive: str = field(default_factory=lambda: settings.CHIEF_EXECUTIVE)
    chief_executive_title: str = field(default_factory=lambda: settings.CHIEF_EXECUTIVE_TITLE)
    papers_url: str = field(default_factory=lambda: settings.PAPERS_URL)

    @property
    def dated(self) -> date:
        return pack_dated(self.meeting)

    @property
    def title(self) -> str:
        version = "" if self.full else " (public)"
        return f"{self.meeting.committee.name}, {self.meeting.date:%-d %B %Y}: agenda pack{version}"

    @property
    def documents(self) -> list[Document]:
        return [document for entry in self.entries for document in entry.documents]

    @property
    def uploads(self) -> list[Document]:
        return [document for document in self.documents if document.kind == UPLOAD]


def pack_dated(meeting: Meeting) -> date:
    """The cover letter's date: the agenda's publication, or the day it is due by (so a pack
    built to check before publishing on time stays up to date once published)."""
    published = meeting.agenda_published_at
    return timezone.localdate(published) if published else meeting.publication_deadline


def _membership(meeting: Meeting) -> CoverMembership:
    """The membership on the meeting's day, in the council's order (committees/membership.py)."""
    memberships = (
        Membership.objects.on(meeting.date)
        .filter(committee=meeting.committee)
        .select_related("person")
    )
    return cover_membership(
        [
            Seat(
                title=m.person.title,
                name=m.person.name,
                role=m.role,
                kind=m.person.kind,
                seat=m.person.seat,
                order=m.order,
            )
            for m in memberships
        ]
    )


def minutes_paper(meeting: Meeting, *, full: bool) -> MinutesPaper:
    """A meeting's minutes as printed: for those entitled to its exempt minutes, or not."""
    minutes = Minute.objects.filter(item__meeting=meeting).select_related("item")
    return MinutesPaper(
        meeting=meeting,
        attendance=Attendance.objects.filter(meeting=meeting).lines(),
        minutes=[(minute, minute.item) for minute in minutes.order_by("number")],
        full=full,
    )


def pack_measures(committee: Committee) -> QuerySet[Measure]:
    """The measures a committee's performance appendix covers: its own, or all if it names none."""
    ours = Measure.objects.filter(committees=committee)
    return ours if ours.exists() else Measure.objects.all()


def performance_measures(item: AgendaItem) -> list[MeasurePage]:
    """Each measure of the item's quarter, as its measure page shows it to the public."""
    period = Period.parse(item.period)
    measures = pack_measures(item.meeting.committee)
    rows = dashboard_rows(period=period, user=AnonymousUser(), measures=measures)
    # The quarter's report, in its order, read as the measure page reads them.
    due = Measure.objects.filter(pk__in=[row.measure.pk for row in rows])
    return measure_pages(measures=due, user=AnonymousUser(), period=period.label)


def paper_document(paper: Paper, item: AgendaItem, *, full: bool) -> Document:
    """One paper as the pack prints it (and the paper's own page shows a generated one)."""
    anchor = f"item-{item.number}-" + (
        f"appendix-{paper.letter.lower()}"
        if paper.kind == PaperKind.APPENDIX
        else f"report-{paper.pk}"
    )
    label = paper_label(kind=paper.kind, letter=paper.letter)
    published = paper.published_at if item.meeting.is_supplement(paper) else None
    supplement_on = timezone.localdate(published) if published else None
    if paper.is_exempt and not full:
        # Not even the title: the public see which paper is withheld and why, nothing more.
        return Document(
            anchor,
            label,
            RESTRICTED_HEADING,
            RESTRICTED,
            statement=paper.exempt_statement,
            supplement_on=supplement_on,
        )
    common: dict[str, Any] = {
        "paper": paper,
        "statement": paper.exempt_statement,
        "supplement_on": supplement_on,
    }
    if paper.generated == Generated.MEASURES and item.period:
        period = Period.parse(item.period)
        measures = [
            PrintedMeasure(page, chart_id=f"{anchor}-{page.measure.reference.lower()}-data")
            for page in performance_measures(item)
        ]
        return Document(
            anchor, label, paper.title, MEASURES, measures=measures, period=period, **common
        )
    if paper.generated == Generated.MONITOR:
        monitor = recommendations_monitor(meeting=item.meeting, full=full)
        return Document(anchor, label, paper.title, MONITOR, monitor=monitor, **common)
    if paper.file:
        return Document(anchor, label, paper.title, UPLOAD, **common)
    return Document(anchor, label, paper.title, TEXT, text=paragraphs(paper.text), **common)


def printed_questions(meeting: Meeting, *, full: bool) -> dict[int, list[Question]]:
    """The meeting's answered questions by item: the public pack leaves out exempt ones (about
    an exempt paper, or an item taken in private)."""
    answered = Question.objects.filter(meeting=meeting, item__isnull=False).answered()
    answered = answered.with_exemption().select_related("measure").order_by("asked_at", "pk")
    by_item: dict[int, list[Question]] = {}
    for question in answered:
        if not full and getattr(question, "exempt_paragraph", None) is not None:
            continue
        by_item.setdefault(question.item_id, []).append(question)  # type: ignore[arg-type]
    return by_item


def questions_document(item: AgendaItem, questions: list[Question]) -> Document:
    """An item's answered questions, printed after its papers."""
    return Document(
        f"item-{item.number}-questions",
        "Members' questions and answers",
        "",
        QUESTIONS,
        questions=questions,
    )


def collect_pack(
    *, meeting: Meeting, full: bool, published_minutes_only: bool = False
) -> PackContent:
    """The pack's contents for the public (full=False) or for those entitled to exempt papers.

    The built pack prints the minutes its minutes item names (publishing the agenda publishes
    them); the web version read by the public leaves out minutes withdrawn since.
    """
    items = meeting.items.select_related("minutes_of__committee").prefetch_related("papers")
    questions = printed_questions(meeting, full=full)
    entries = []
    for item in items.order_by("number"):
        documents = []
        minutes_of = item.minutes_of
        if minutes_of is not None and (
            not published_minutes_only or minutes_of.minutes_published_at is not None
        ):
            minutes = minutes_paper(minutes_of, full=full)
            if minutes.minutes:
                documents.append(
                    Document(
                        f"item-{item.number}-minutes",
                        "Minutes",
                        f"{minutes_of.committee.name}, {minutes_of.date:%-d %B %Y}",
                        MINUTES,
                        minutes=minutes,
                    )
                )
        documents += [paper_document(paper, item, full=full) for paper in item.papers.all()]
        if questions.get(item.pk):
            documents.append(questions_document(item, questions[item.pk]))
        entries.append(Entry(item=item, documents=documents))
    membership = _membership(meeting)
    return PackContent(
        meeting=meeting,
        full=full,
        councillors=membership.councillors,
        added_members=membership.added_members,
        member_count=membership.count,
        entries=entries,
    )


__all__ = [
    "MEASURES",
    "MINUTES",
    "MONITOR",
    "RESTRICTED",
    "RESTRICTED_HEADING",
    "TEXT",
    "UPLOAD",
    "Document",
    "Entry",
    "PackContent",
    "PrintedMeasure",
    "QUESTIONS",
    "collect_pack",
    "minutes_paper",
    "paper_document",
]
