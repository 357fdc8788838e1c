"""The Children and Young People Scrutiny Committee as the papers record it (fixtures/demo)."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.db import transaction

from committees.exempt_review import review_date
from committees.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    Attendance,
    Committee,
    Declaration,
    ForwardPlanEntry,
    Meeting,
    Membership,
    Minute,
    Paper,
    Person,
    WorkProgrammeItem,
)
from committees.publication import publish_agenda
from committees.services import add_opening_items, attendance_role
from measures.models import Measure

if TYPE_CHECKING:
    from django.contrib.auth.models import User

DEMO_FILE = (
    Path(__file__).resolve().parent.parent / "fixtures" / "demo" / "lincolnshire_committees.json"
)


LONDON = ZoneInfo("Europe/London")


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _paper_text(paper: dict[str, Any], path: Path) -> str:
    """A paper's text: inline, or (a long published paper) a Markdown file beside the JSON."""
    if paper.get("text_file"):
        return (path.parent / paper["text_file"]).read_text(encoding="utf-8")
    return paper.get("text", "")


@transaction.atomic
def load_demo_committees(
    *, path: Path = DEMO_FILE, member_user: User | None = None
) -> dict[str, int]:
    """Load committees, people, meetings with agendas, papers, minutes and the work programme.

    Idempotent: meetings are replaced with the file's, so running it twice changes nothing.
    `member_user` is linked to the committee's chair so the demo member sees what members see.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    committees: dict[str, Committee] = {}
    for raw in data["committees"]:
        committee, _ = Committee.objects.update_or_create(
            slug=raw["slug"],
            defaults={
                "name": raw["name"],
                "kind": raw["kind"],
                "parent": committees.get(raw["parent"]) if raw["parent"] else None,
                "remit": raw.get("remit", ""),
                "contact": raw.get("contact", ""),
            },
        )
        committee.measures.set(Measure.objects.filter(reference__in=raw.get("measures", [])))
        committees[raw["slug"]] = committee
    people = {}
    for raw in data["people"]:
        people[raw["key"]], _ = Person.objects.update_or_create(
            key=raw["key"],
            defaults={
                "title": raw.get("title", ""),
                "name": raw["name"],
                "kind": raw["kind"],
                "seat": raw.get("seat", ""),
                "role_title": raw.get("role_title", ""),
            },
        )
    Membership.objects.filter(committee__in=committees.values()).delete()
    for raw in data["memberships"]:
        Membership.objects.create(
            person=people[raw["person"]],
            committee=committees[raw["committee"]],
            role=raw["role"],
            order=raw.get("order", 0),
            start=_day(raw.get("from")),
            end=_day(raw.get("to")),
        )
    chair = next((m for m in data["memberships"] if m["role"] == "chair"), None)
    if member_user is not None and chair:
        Person.objects.filter(user=member_user).update(user=None)
        Person.objects.filter(key=chair["person"]).update(user=member_user)

    Meeting.objects.filter(committee__in=committees.values()).delete()
    meetings: dict[tuple[str, str], Meeting] = {}
    for raw in data["meetings"]:
        hour, minute = (int(p) for p in raw.get("time", "10:00").split(":"))
        meeting = Meeting.objects.create(
            committee=committees[raw["committee"]],
            date=date.fromisoformat(raw["date"]),
            start=time(hour, minute),
            closed_at=time.fromisoformat(raw["closed"]) if raw.get("closed") else None,
            venue=raw.get("venue", ""),
            state=raw.get("state", "scheduled"),
        )
        meetings[(raw["committee"], raw["date"])] = meeting
        items = {}
        for item in raw.get("items", []):
            items[item["number"]] = agenda_item = AgendaItem.objects.create(
                meeting=meeting,
                number=item["number"],
                title=item["title"],
                purpose=item.get("purpose", "procedural"),
                contributor=item.get("contributor", ""),
                summary=item.get("summary", ""),
                recommendations=item.get("recommendations", ""),
                period=item.get("period") or "",
                # The minutes item prints the recorded minutes of an earlier meeting.
                minutes_of=meetings.get((raw["committee"], item.get("minutes_of") or "")),
            )
            for paper in item.get("papers", []):
                Paper.objects.create(
                    item=agenda_item,
                    kind=paper["kind"],
                    letter=paper.get("letter", ""),
                    title=paper["title"],
                    text=_paper_text(paper, path),
                    exempt_paragraph=paper.get("exempt_paragraph"),
                    generated=paper.get("generated", ""),
                )
        # Meetings the papers give no agenda for start as any new meeting does.
        add_opening_items(meeting=meeting)
        for raw_attendance in raw.get("attendance", []):
            person = people[raw_attendance["person"]]
            # As the service records it from the membership on the day, unless the minutes
            # print someone otherwise (an officer's job title as it was then).
            role = attendance_role(meeting=meeting, person=person, status=raw_attendance["status"])
            Attendance.objects.create(
                meeting=meeting,
                person=person,
                status=raw_attendance["status"],
                substitute_for=people.get(raw_attendance.get("substitute_for") or ""),
                role=raw_attendance.get("role", role["role"]),
                capacity=raw_attendance.get("capacity", role["capacity"]),
            )
        for declaration in raw.get("declarations", []):
            Declaration.objects.create(
                item=items[declaration["item"]],
                person=people[declaration["person"]],
                text=declaration["text"],
            )
        for minute in raw.get("minutes", []):
            Minute.objects.create(
                item=items[minute["item"]],
                number=minute["minute_number"],
                text=minute["text"],
                resolutions="\n".join(minute.get("resolutions", [])),
                # The next meeting's agenda confirms these minutes.
                approved=False,
            )
        for action in raw.get("actions", []):
            created = Action.objects.create(
                item=items[action["item"]],
                what=action["what"],
                owner=people.get(action.get("owner") or ""),
                due=_day(action.get("due")),
                state=action.get("state", "open"),
            )
            for update in action.get("updates", []):
                ActionUpdate.objects.create(
                    action=created, date=date.fromisoformat(update["date"]), note=update["note"]
                )
    # Published as the papers record (or, where marked, estimate): papers with their agenda,
    # and draft minutes with the next agenda that prints them.
    for raw in sorted(data["meetings"], key=lambda m: m["date"]):
        published = _day(raw.get("agenda_published"))
        if published:
            publish_agenda(
                meeting=meetings[(raw["committee"], raw["date"])],
                user=None,
                when=datetime.combine(published, time(0, 0), tzinfo=LONDON),
            )
            # Marked exempt as the agenda was published: due for review a year later.
            Paper.objects.filter(
                item__meeting=meetings[(raw["committee"], raw["date"])],
                exempt_paragraph__isnull=False,
            ).update(exempt_review_on=review_date(published))
    WorkProgrammeItem.objects.filter(committee__in=committees.values()).delete()
    for raw in data["work_programme"]:
        WorkProgrammeItem.objects.create(
            committee=committees[raw["committee"]],
            meeting=meetings.get((raw["committee"], raw["meeting_date"] or "")),
            title=raw["title"],
            contributor=raw.get("contributor", ""),
            purpose=raw.get("purpose") or "",
        )
    for raw in data.get("forward_plan", []):
        # An entry the pack prints without a reference is known by its matter.
        key = {"reference": raw["reference"]} if raw["reference"] else {"matter": raw["matter"]}
        entry, _ = ForwardPlanEntry.objects.update_or_create(
            **key,
            defaults={k: v for k, v in raw.items() if k not in {"committees", "source", *key}},
        )
        entry.committees.set([committees[slug] for slug in raw["committees"]])
    return {"committees": len(committees), "meetings": len(meetings), "people": len(people)}
