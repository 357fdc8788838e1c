"""A digest of everything a pack prints, so a later change to a paper or figure shows as stale."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from typing import Any

from django.conf import settings

from committees.models import AgendaItem, Attendance, Generated, Meeting, Membership, Minute, Paper
from committees.packs.content import pack_dated, pack_measures, printed_questions
from committees.recommendations import monitor_sources
from measures.pages.sources import measure_sources
from scrutiny.caching import cached_value

# When a row last changed is not what the pack prints (the open data API's updated_at moves on
# every save, even of an exempt paper the public pack leaves out).
_NOT_PRINTED = ("updated_at",)


def _rows(queryset: Any) -> list[dict[str, Any]]:
    rows = list(queryset.order_by("pk").values())
    for row in rows:
        for name in _NOT_PRINTED:
            row.pop(name, None)
    return rows


def sources_digest(*, meeting: Meeting, full: bool) -> str:
    """SHA-256 of the meeting, its agenda, papers, members, minutes and published figures.

    A fixed number of queries however large the pack. The public version leaves out exempt
    papers, since changing one does not change what the public pack prints.
    """
    items = _rows(AgendaItem.objects.filter(meeting=meeting))
    papers = _rows(Paper.objects.filter(item__meeting=meeting))
    agenda_published = meeting.agenda_published_at
    for paper in papers:
        # The pack prints a paper's publication only when it came after the agenda.
        published = paper.pop("published_at")
        late = agenda_published is not None and published is not None
        paper["supplement"] = published if late and published > agenda_published else None
        if not full and paper["exempt_paragraph"] is not None:
            paper.update(title="", text="", file="")
    minuted = [item["minutes_of_id"] for item in items if item["minutes_of_id"]]
    minutes = _rows(Minute.objects.filter(item__meeting_id__in=minuted))
    for minute in minutes:
        if not full and minute["exempt_paragraph"] is not None:
            minute.update(text="", resolutions="")  # the public pack prints the statement only
    parts: dict[str, Any] = {
        # What the cover prints of the meeting: not who published it, nor the minutes' state.
        "meeting": list(
            Meeting.objects.filter(pk=meeting.pk).values(
                "date", "sequence", "start", "venue", "state"
            )
        ),
        "dated": pack_dated(meeting),
        "committee": [meeting.committee.name, meeting.committee.contact],
        "items": items,
        "papers": papers,
        "members": list(
            Membership.objects.on(meeting.date)
            .filter(committee=meeting.committee)
            .order_by("pk")
            .values(
                "role", "order", "person__title", "person__name", "person__kind", "person__seat"
            )
        ),
        "minutes": minutes,
        # The printed minutes name their items and who attended.
        "minuted_items": _rows(AgendaItem.objects.filter(meeting_id__in=minuted)),
        "attendance": list(
            Attendance.objects.filter(meeting_id__in=minuted)
            .order_by("pk")
            .values(
                "status",
                "role",
                "capacity",
                "person__title",
                "person__name",
                "substitute_for__name",
            )
        ),
        "closed_at": list(
            Meeting.objects.filter(pk__in=minuted).order_by("pk").values_list("closed_at")
        ),
        "settings": [
            settings.COUNCIL_NAME,
            settings.COUNCIL_ADDRESS,
            settings.CHIEF_EXECUTIVE,
            settings.CHIEF_EXECUTIVE_TITLE,
            settings.PAPERS_URL,
        ],
    }
    # Answered members' questions print under their items (the public pack without exempt ones).
    parts["questions"] = [
        [q.pk, q.item_id, q.measure_id, q.period, q.text, q.answer]
        for printed in printed_questions(meeting, full=full).values()
        for q in printed
    ]
    if any(paper["generated"] == Generated.MEASURES for paper in papers):
        parts.update(asdict(measure_sources(pack_measures(meeting.committee))))
    if any(paper["generated"] == Generated.MONITOR for paper in papers):
        parts["recommendations"] = monitor_sources(meeting=meeting, full=full)
    text = json.dumps(parts, default=str, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def current_digest(*, meeting: Meeting | int, full: bool) -> str:
    """sources_digest, worked out once per data version and shared by every worker.

    Takes the meeting or its key: a page that has only the key reads the meeting only when
    the digest is not in the cache.
    """
    key = meeting if isinstance(meeting, int) else meeting.pk

    def compute() -> str:
        found = meeting if isinstance(meeting, Meeting) else Meeting.objects.get(pk=meeting)
        return sources_digest(meeting=found, full=full)

    return cached_value("pack-sources", key, full, compute=compute)
