"""What each API list holds for the public, a page at a time, in a fixed number of queries.

The API answers as the public whoever asks: published figures only, agendas and minutes once
published, papers only where committees/access.py lets the public read them (an exempt one
appears only on its item, by its exemption, as the meeting page shows it), people by their
public role and never their accounts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from django.db.models import Exists, Max, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone

from committees.access import exempt_entitlement
from committees.models import (
    Action,
    AgendaItem,
    Committee,
    Meeting,
    MeetingState,
    Membership,
    Minute,
    Paper,
    PaperKind,
    Person,
    Recommendation,
    RecommendationUpdate,
)
from measures.models import (
    Actual,
    BenchmarkIndicator,
    BenchmarkValue,
    ComparatorGroup,
    GroupMember,
    Measure,
    Target,
)
from scrutiny.api.paging import page_of
from scrutiny.models import Deletion, Listed

PUBLIC = None  # committees/access.py's rules, asked for no one signed in

Link = Callable[[str], str]


@dataclass(frozen=True)
class Window:
    """Which rows of a list to answer with: changed since, after a cursor, how many."""

    since: datetime | None
    cursor: int | None
    limit: int


def _rows(rows: QuerySet[Any], window: Window, changed: str = "updated_at") -> tuple[list, bool]:
    """One page of rows in id order: the cursor is the last id of the page before."""
    if window.since is not None:
        rows = rows.filter(**{f"{changed}__gte": window.since})
    if window.cursor is not None:
        rows = rows.filter(pk__gt=window.cursor)
    return page_of(list(rows.order_by("pk")[: window.limit + 1]), window.limit)


Page = tuple[list[dict[str, Any]], bool]


def _public_papers() -> QuerySet[Any]:
    return Paper.objects.readable_by(PUBLIC)


def _public_minutes() -> QuerySet[Any]:
    # Never an exempt minute (an item taken in private): the API answers as the public.
    return Minute.objects.filter(
        exempt_entitlement(PUBLIC), item__meeting__in=Meeting.objects.minutes_visible_to(PUBLIC)
    )


def _public_actions() -> QuerySet[Any]:
    return Action.objects.filter(item__meeting__in=Meeting.objects.agenda_visible_to(PUBLIC))


def _public_figures() -> QuerySet[Any]:
    return Actual.objects.visible_to(PUBLIC)


def _public_questions() -> QuerySet[Any]:
    from committees.models import Question

    return Question.objects.readable_by(PUBLIC).answered()


def _public_recommendations() -> QuerySet[Any]:
    return Recommendation.objects.public()


# The lists whose rows can stop being public without being deleted, each with its public rows:
# scrutiny/api/listing.py compares them with its ledger, for withdrawals.
WITHDRAWABLE: dict[str, Callable[[], QuerySet[Any]]] = {
    "papers": _public_papers,
    "minutes": _public_minutes,
    "actions": _public_actions,
    "figures": _public_figures,
    "questions": _public_questions,
    "recommendations": _public_recommendations,
}


def _listed(rows: QuerySet[Any], name: str, changed: str = "updated_at") -> QuerySet[Any]:
    """Only the rows the ledger holds as listed (scrutiny/api/listing.py), each `listed_changed`
    also when it was back after a withdrawal: a harvester asking ?since= sees it again."""
    ledger = Listed.objects.filter(list=name, object_id=OuterRef("pk"), withdrawn_at__isnull=True)
    back = Subquery(ledger.values("back_at")[:1])
    return rows.filter(Exists(ledger)).annotate(
        listed_changed=Greatest(changed, Coalesce(back, changed))
    )


def committees(window: Window, link: Link) -> Page:
    rows, more = _rows(Committee.objects.prefetch_related("measures"), window)
    return [
        {
            "id": c.pk,
            "updated_at": c.updated_at,
            "name": c.name,
            "slug": c.slug,
            "classification": c.kind,
            "parent_id": c.parent_id,
            "remit": c.remit,
            "contact": c.contact,
            "measures": sorted(m.reference for m in c.measures.all()),
            "url": link(c.get_absolute_url()),
        }
        for c in rows
    ], more


def people(window: Window, link: Link) -> Page:
    rows, more = _rows(Person.objects.all(), window)
    return [
        {
            "id": p.pk,
            "updated_at": p.updated_at,
            "key": p.key,
            "name": p.name,
            "honorific_prefix": p.title,
            "kind": p.kind,
            "seat": p.seat,
            "role_title": p.role_title,
            "url": link(reverse("person-detail", args=[p.key])),
        }
        for p in rows
    ], more


def memberships(window: Window, link: Link) -> Page:
    rows, more = _rows(Membership.objects.all(), window)
    return [
        {
            "id": m.pk,
            "updated_at": m.updated_at,
            "person_id": m.person_id,
            "organization_id": m.committee_id,
            "role": m.role,
            "label": m.get_role_display(),
            "start_date": m.start,
            "end_date": m.end,
        }
        for m in rows
    ], more


def _paper_ref(paper: Paper, link: Link) -> dict[str, Any]:
    if paper.is_exempt:
        name = f"Appendix {paper.letter}" if paper.kind == PaperKind.APPENDIX else "Report"
        title = f"{name} – {paper.exempt_statement}"
        return {
            "id": None,
            "kind": paper.kind,
            "letter": paper.letter,
            "title": title,
            "public": False,
            "url": None,
        }
    return {
        "id": paper.pk,
        "kind": paper.kind,
        "letter": paper.letter,
        "title": str(paper),
        "public": True,
        "url": link(paper.get_absolute_url()),
    }


def _status(meeting: Meeting) -> str:
    if meeting.state == MeetingState.CANCELLED:
        return "cancelled"
    if meeting.state == MeetingState.HELD or meeting.date < timezone.localdate():
        return "passed"
    return "confirmed"


def meetings(window: Window, link: Link, *, committee: str | None = None) -> Page:
    # A meeting changes when its items do: harvesters asking ?since= see either.
    items_changed = (
        AgendaItem.objects.filter(meeting=OuterRef("pk"))
        .values("meeting")
        .annotate(latest=Max("updated_at"))
        .values("latest")
    )
    # And when a paper does: one made exempt shows on its item by its exemption only.
    papers_changed = (
        Paper.objects.filter(item__meeting=OuterRef("pk"))
        .values("item__meeting")
        .annotate(latest=Max("updated_at"))
        .values("latest")
    )
    rows_qs = Meeting.objects.select_related("committee").annotate(
        changed=Greatest(
            "updated_at",
            Coalesce(Subquery(items_changed), "updated_at"),
            Coalesce(Subquery(papers_changed), "updated_at"),
        )
    )
    if committee:
        rows_qs = rows_qs.filter(committee__slug=committee)
    rows, more = _rows(rows_qs, window, changed="changed")
    published = [m.pk for m in rows if m.agenda_published_at is not None]
    items: dict[int, list[AgendaItem]] = {}
    # The papers the public may read by title, and the exempt ones by their exemption only.
    papers = Paper.objects.published_for(PUBLIC).order_by("-kind", "letter")
    for item in AgendaItem.objects.filter(meeting_id__in=published).prefetch_related(
        Prefetch("papers", queryset=papers)
    ):
        items.setdefault(item.meeting_id, []).append(item)
    return [
        {
            "id": m.pk,
            "updated_at": m.changed,
            "uid": str(m.uid),
            "name": str(m),
            "classification": "committee-meeting",
            "start_date": (
                f"{m.date.isoformat()}T{m.start:%H:%M}" if m.start else m.date.isoformat()
            ),
            "all_day": m.start is None,
            "status": _status(m),
            "location": {"name": m.venue},
            "participants": [
                {
                    "entity_type": "organization",
                    "entity_id": m.committee_id,
                    "entity_name": m.committee.name,
                }
            ],
            "agenda_published_at": m.agenda_published_at,
            "minutes_published_at": m.minutes_published_at,
            "agenda": [
                {
                    "order": item.number,
                    "description": item.title,
                    "purpose": item.purpose,
                    "contributor": item.contributor,
                    "summary": item.summary,
                    "recommendations": item.recommendations,
                    "period": item.period,
                    "papers": [_paper_ref(p, link) for p in item.papers.all()],
                }
                for item in sorted(items.get(m.pk, []), key=lambda i: i.number)
            ],
            "url": link(m.get_absolute_url()),
        }
        for m in rows
    ], more


def papers(window: Window, link: Link) -> Page:
    readable = _listed(_public_papers().select_related("item"), "papers")
    rows, more = _rows(readable, window, changed="listed_changed")
    return [
        {
            "id": p.pk,
            "updated_at": p.listed_changed,
            "key": str(p.key),
            "meeting_id": p.item.meeting_id,
            "item_number": p.item.number,
            "kind": p.kind,
            "letter": p.letter,
            "title": p.title,
            "text": p.text,
            "public": True,
            "has_file": bool(p.file),
            "url": link(p.get_absolute_url()),
            "published_at": p.published_at,
        }
        for p in rows
    ], more


def minutes(window: Window, link: Link) -> Page:
    published = _listed(_public_minutes().select_related("item"), "minutes")
    rows, more = _rows(published, window, changed="listed_changed")
    return [
        {
            "id": m.pk,
            "updated_at": m.listed_changed,
            "meeting_id": m.item.meeting_id,
            "item_number": m.item.number,
            "item_title": m.item.title,
            "number": m.number,
            "text": m.text,
            "resolutions": m.resolution_list,
            "approved": m.approved,
        }
        for m in rows
    ], more


def actions(window: Window, link: Link) -> Page:
    agreed = _listed(_public_actions().select_related("item"), "actions")
    rows, more = _rows(agreed, window, changed="listed_changed")
    return [
        {
            "id": a.pk,
            "updated_at": a.listed_changed,
            "meeting_id": a.item.meeting_id,
            "item_number": a.item.number,
            "what": a.what,
            "owner_id": a.owner_id,
            "due": a.due,
            "state": a.state,
        }
        for a in rows
    ], more


def measures(window: Window, link: Link) -> Page:
    rows, more = _rows(Measure.objects.select_related("outcome__ambition"), window)
    return [
        {
            "id": m.pk,
            "updated_at": m.updated_at,
            "reference": m.reference,
            "title": m.title,
            "ambition": m.outcome.ambition.name,
            "outcome": m.outcome.name,
            "unit": m.unit,
            "decimal_places": m.decimal_places,
            "polarity": m.polarity,
            "frequency": m.frequency,
            "due_quarter": m.due_quarter,
            "how_taken": m.how_taken,
            "definition": m.definition,
            "numerator_definition": m.numerator_definition,
            "denominator_definition": m.denominator_definition,
            "data_source": m.data_source,
            "service": m.service,
            "is_current": m.is_current,
            "url": link(reverse("measure-detail", args=[m.reference])),
        }
        for m in rows
    ], more


def targets(window: Window, link: Link, *, measure: str | None = None) -> Page:
    rows_qs = Target.objects.select_related("measure")
    if measure:
        rows_qs = rows_qs.filter(measure__reference=measure)
    rows, more = _rows(rows_qs, window)
    return [
        {
            "id": t.pk,
            "updated_at": t.updated_at,
            "measure": t.measure.reference,
            "year": t.financial_year.label,
            "quarter": t.quarter,
            "value": t.value,
            "band_low": t.band_low,
            "band_high": t.band_high,
            "follows": t.follows,
            "about_target": t.about_target,
        }
        for t in rows
    ], more


def figures(window: Window, link: Link, *, measure: str | None = None) -> Page:
    rows_qs = _listed(_public_figures(), "figures")
    if measure:
        rows_qs = rows_qs.filter(measure__reference=measure)
    rows, more = _rows(rows_qs, window, changed="listed_changed")
    # Each figure's measure with its targets and published figures: for status and direction.
    measures_by_id = Measure.objects.with_figures(user=PUBLIC).in_bulk(
        {figure.measure_id for figure in rows}
    )
    page = []
    for figure in rows:
        m = measures_by_id[figure.measure_id]
        position = m.position_in(figure.period)
        forecast = position.forecast_status
        page.append(
            {
                "id": figure.pk,
                "updated_at": figure.listed_changed,
                "measure": m.reference,
                "period": figure.period.label,
                "value": figure.value,
                "numerator": figure.numerator,
                "denominator": figure.denominator,
                "missing_reason": figure.missing_reason,
                "covers": figure.covers,
                "commentary": figure.commentary,
                "forecast": figure.forecast,
                "target_id": getattr(position.target, "pk", None),
                "status": position.status.name.lower(),
                "status_label": position.status.label,
                "forecast_status": forecast.name.lower() if forecast else None,
                "direction": position.direction.value if position.direction else None,
                "direction_last_year": (
                    position.direction_last_year.value if position.direction_last_year else None
                ),
                "published_at": figure.published_at,
                "url": link(
                    reverse("measure-detail", args=[m.reference])
                    + "?"
                    + urlencode({"period": figure.period.label})
                ),
            }
        )
    return page, more


def benchmark_indicators(window: Window, link: Link) -> Page:
    rows, more = _rows(BenchmarkIndicator.objects.all(), window)
    return [
        {
            "id": i.pk,
            "updated_at": i.updated_at,
            "code": i.code,
            "slug": i.slug,
            "title": i.title,
            "topic": i.topic,
            "source": i.source,
            "unit": i.unit,
            "polarity": i.polarity,
            "year_type": i.year_type,
            "description": i.description,
            "url": link(reverse("benchmark-indicator", args=[i.slug])),
        }
        for i in rows
    ], more


def benchmark_values(window: Window, link: Link, *, indicator: str | None = None) -> Page:
    rows_qs = BenchmarkValue.objects.select_related("indicator", "area")
    if indicator:
        rows_qs = rows_qs.filter(indicator__slug=indicator)
    rows, more = _rows(rows_qs, window)
    return [
        {
            "id": v.pk,
            "updated_at": v.updated_at,
            "indicator": v.indicator.slug,
            "period": v.period,
            "area": {"name": v.area.name, "code": v.area.code, "kind": v.area.kind},
            "value": v.value,
            "status": v.status,
            "raw": v.raw,
        }
        for v in rows
    ], more


def comparator_groups(window: Window, link: Link) -> Page:
    members = GroupMember.objects.select_related("area").order_by("position", "name")
    rows, more = _rows(
        ComparatorGroup.objects.select_related("area").prefetch_related(
            Prefetch("members", queryset=members)
        ),
        window,
    )
    return [
        {
            "id": g.pk,
            "updated_at": g.updated_at,
            "kind": g.kind,
            "name": g.name,
            "slug": g.slug,
            "area": g.area.code if g.area else None,
            "version": g.version,
            "in_force_from": g.in_force_from,
            "description": g.description,
            "members": [
                {
                    "name": member.name,
                    "area_code": member.area.code if member.area else None,
                    "position": member.position,
                }
                for member in g.members.all()
            ],
        }
        for g in rows
    ], more


def questions(window: Window, link: Link) -> Page:
    """Answered members' questions of published agendas; never an exempt one."""
    from committees.question_reads import question_url

    answered = _listed(
        _public_questions().select_related("meeting__committee", "item", "measure"), "questions"
    )
    rows, more = _rows(answered, window, changed="listed_changed")
    return [
        {
            "id": q.pk,
            "updated_at": q.listed_changed,
            "meeting_id": q.meeting_id,
            "committee": q.meeting.committee.slug,
            "item_number": q.item.number if q.item else None,
            "measure": q.measure.reference if q.measure else None,
            "period": q.period,
            "question": q.text,
            "answer": q.answer,
            "answered_at": q.answered_at,
            "url": link(question_url(q)),
        }
        for q in rows
    ], more


def recommendations(window: Window, link: Link, *, committee: str | None = None) -> Page:
    # Published recommendations only, as the public tracker lists them, with their updates.
    published = (
        _public_recommendations()
        .select_related("committee", "owner", "minute")
        .prefetch_related(
            Prefetch("updates", RecommendationUpdate.objects.order_by("date", "pk")),
            "measures",
        )
        .annotate(
            changed=Greatest("updated_at", Coalesce(Max("updates__created_at"), "updated_at"))
        )
    )
    if committee:
        published = published.filter(committee__slug=committee)
    rows, more = _rows(_listed(published, "recommendations", "changed"), window, "listed_changed")
    return [
        {
            "id": r.pk,
            "updated_at": r.listed_changed,
            "committee_id": r.committee_id,
            "source": r.source,
            "source_name": r.source_name,
            "minute_id": r.minute_id,
            "text": r.text,
            "addressed_to": r.addressed_to,
            "owner_id": r.owner_id,
            "raised": r.raised,
            "due": r.due,
            "response": r.response,
            "response_reasons": r.response_reasons,
            "status": r.status,
            "measures": [m.reference for m in r.measures.all()],
            "updates": [
                {"date": u.date, "text": u.text, "status": u.status} for u in r.updates.all()
            ],
            "demo": r.demo,
            "url": link(r.get_absolute_url()),
        }
        for r in rows
    ], more


def deletions(window: Window, link: Link) -> Page:
    rows, more = _rows(Deletion.objects.all(), window, changed="deleted_at")
    return [
        {
            "id": d.pk,
            "updated_at": d.deleted_at,
            "list": d.list,
            "object_id": d.object_id,
            "deleted_at": d.deleted_at,
            "reason": d.reason,
        }
        for d in rows
    ], more
