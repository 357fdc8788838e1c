"""The Children and Young People Scrutiny Committee as the papers record it (fixtures/demo)."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

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
    MeetingState,
    Membership,
    Minute,
    Paper,
    Person,
    Question,
    QuestionState,
    Recommendation,
    WorkProgrammeItem,
)
from committees.publication import publish_agenda
from committees.recommendations import record_update
from committees.services import add_opening_items, attendance_role
from measures.demo import PUBLISHED_AT, save_if_changed
from measures.models import Actual, Measure, State
from measures.rules.periods import Period

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

    # Their recommendations go first: one from a resolution holds on to its minute.
    Recommendation.objects.filter(committee__in=committees.values()).delete()
    Meeting.objects.filter(committee__in=committees.values()).delete()
    meetings: dict[tuple[str, str], Meeting] = {}
    # A held meeting confirmed the minutes its minutes item printed as a correct record.
    confirmed = {
        (raw["committee"], item["minutes_of"])
        for raw in data["meetings"]
        if raw.get("state") == MeetingState.HELD
        for item in raw.get("items", [])
        if item.get("minutes_of")
    }
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
                approved=(raw["committee"], raw["date"]) in confirmed,
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
    recommendations = load_demo_recommendations()
    return {
        "committees": len(committees),
        "meetings": len(meetings),
        "people": len(people),
        "recommendations": recommendations,
    }


RECOMMENDATIONS_FILE = DEMO_FILE.with_name("lincolnshire_recommendations.json")


@transaction.atomic
def load_demo_recommendations(*, path: Path = RECOMMENDATIONS_FILE) -> int:
    """The 2012 peer challenge's opportunities and the resolution of 21 July 2017, tracked.

    Idempotent: the committee's recommendations are replaced with the file's. Run after
    load_demo_committees (the resolution's minute must exist).
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    committee = Committee.objects.get(slug=data["committee"])
    Recommendation.objects.filter(committee=committee).delete()
    for raw in data["recommendations"]:
        minute = None
        if raw.get("minute"):
            minute = Minute.objects.get(
                item__meeting__committee=committee,
                item__meeting__date=date.fromisoformat(raw["minute"]["meeting"]),
                number=raw["minute"]["number"],
            )
        # The status comes from the updates, as it does when an officer records them.
        recommendation = Recommendation.objects.create(
            committee=committee,
            source=raw["source"],
            source_name=raw.get("source_name", ""),
            minute=minute,
            text=raw["text"],
            addressed_to=raw.get("addressed_to", ""),
            owner=Person.objects.filter(key=raw.get("owner") or "").first(),
            raised=date.fromisoformat(raw["raised"]),
            due=_day(raw.get("due")),
            response=raw.get("response", ""),
            response_reasons=raw.get("response_reasons", ""),
            published=True,
            demo=raw.get("demo", False),
        )
        recommendation.measures.set(Measure.objects.filter(reference__in=raw.get("measures", [])))
        for update in raw.get("updates", []):
            record_update(
                recommendation=recommendation,
                on=date.fromisoformat(update["date"]),
                text=update["text"],
                status=update.get("status", ""),
                demo=recommendation.demo,
            )
        if recommendation.status != raw["status"]:
            recommendation.status = raw["status"]
            recommendation.save(update_fields=["status", "updated_at"])
    return len(data["recommendations"])


def load_demo_questions(*, member: User | None = None) -> int:
    """Made-up members' questions for the meeting of 8 September 2017, marked as demo data:
    one on a figure answered before the meeting, one on an item to be answered at it.

    Kept apart from load_demo_committees, whose pack reproduces the council's own. Run after
    it (which replaces the meetings, and with them their questions); returns how many.
    """
    meeting = Meeting.objects.filter(
        committee__slug="children-and-young-people-scrutiny-committee", date=date(2017, 9, 8)
    ).first()
    measure = Measure.objects.filter(reference="LAC-RATE").first()
    if meeting is None or measure is None:
        return 0
    Question.objects.filter(meeting=meeting, demo=True).delete()
    performance = meeting.items.filter(period="2017/18 Q1").first()
    answered = Question.objects.create(
        meeting=meeting,
        item=performance,
        measure=measure,
        period="2017/18 Q1",
        text="The rate of looked after children is above the target range this quarter. "
        "Is this more children coming into care, or fewer leaving it?",
        asked_by=member,
        asked_at=datetime(2017, 9, 1, 11, 30, tzinfo=LONDON),
        routed_to=measure.owner,
        demo=True,
    )
    answered.state = QuestionState.ANSWERED
    answered.answer = (
        "Mostly fewer leaving care: adoption orders and special guardianship orders were "
        "lower than in the same quarter last year, while the number coming into care was "
        "about the same. The service expects more orders to be made in the second quarter."
    )
    answered.answered_by = measure.owner
    answered.answered_at = datetime(2017, 9, 6, 15, 0, tzinfo=LONDON)
    answered.save()
    partners = meeting.items.filter(title__startswith="Partners in Practice").first()
    if partners is not None:
        Question.objects.create(
            meeting=meeting,
            item=partners,
            text="How will the Partners in Practice programme be evaluated, and when will "
            "the committee see the results?",
            asked_by=member,
            asked_at=datetime(2017, 9, 4, 9, 15, tzinfo=LONDON),
            state=QuestionState.AT_MEETING,
            demo=True,
        )
    return Question.objects.filter(meeting=meeting, demo=True).count()


# The papers' meetings are long past, so "Since the last meeting" would be empty: a paper and
# an action update, dated the day the demo is loaded, give those kinds an entry. None is in
# the council's papers, and each says so.
DEMO_NOTE = (
    "Demo data, not from the council's papers: added when the demo was loaded, to show what "
    "changed since the committee's last meeting."
)
# Earlier quarters for the looked after children rate, rising as the later ones do: 2016/17 Q2
# within the tolerance band (43 to 47), Q3 outside it.
DEMO_FIGURES = [("LAC-RATE", "2016/17 Q2", "46.2"), ("LAC-RATE", "2016/17 Q3", "47.6")]
FIGURE_NOTE = (
    "Demo data, not from the council's papers: an earlier quarter added to show the measure's "
    "trend, dated as the council would have published it."
)
# Each published as long after its quarter as the papers' own quarter was (2017/18 Q1's
# figures went out with the pack of 31 August 2017, 62 days after it ended), so the clocks
# read as a council's would.
PUBLICATION_LAG = timezone.localdate(PUBLISHED_AT) - Period.parse("2017/18 Q1").end
COMMITTEE = "children-and-young-people-scrutiny-committee"


@transaction.atomic
def load_demo_changes(*, publisher: User | None = None) -> dict[str, int]:
    """Demo data, marked so: two earlier quarters' figures (one a change of status), published
    when the council would have, and since the committee's last meeting a paper published and
    an action updated.

    Idempotent: loading again adds nothing, keeps the paper's and update's first dates, and
    puts right the figures' dates of a demo loaded before they were the council's.
    """
    now = timezone.now()
    figures = 0
    for reference, label, value in DEMO_FIGURES:
        period = Period.parse(label)
        lookup: dict[str, Any] = {
            "measure": Measure.objects.get(reference=reference),
            "year": period.year,
            "quarter": period.quarter,
        }
        published = datetime.combine(period.end + PUBLICATION_LAG, time(12, 0), tzinfo=LONDON)
        _, changed = save_if_changed(
            Actual,
            lookup,
            {
                "value": Decimal(value),
                "commentary": FIGURE_NOTE,
                "source": FIGURE_NOTE,
                "state": State.PUBLISHED,
                "published_at": published,
                "published_by": publisher,
            },
        )
        figures += int(changed)
    september = AgendaItem.objects.get(
        meeting__committee__slug=COMMITTEE, meeting__date=date(2017, 9, 8), number=8
    )
    _, created = Paper.objects.get_or_create(
        item=september,
        kind="appendix",
        letter="E",
        defaults={
            "title": "Exclusions figures: why the Department for Education's data is used "
            "(demo data)",
            "text": "The Executive Director of Children's Services answers the committee's "
            "question of 21 July 2017: the measure uses the Department for Education's "
            "published figures so that it can be compared with other councils; the live "
            f"figures are reported alongside it from Quarter 2.\n\n{DEMO_NOTE}",
            "published_at": now,
        },
    )
    action = Action.objects.get(
        item__meeting__committee__slug=COMMITTEE,
        item__meeting__date=date(2017, 7, 21),
        what__startswith="Look into why Department for Education data",
    )
    _, updated = ActionUpdate.objects.get_or_create(
        action=action,
        note="The Executive Director's answer is published as Appendix E to item 8 of 8 "
        "September 2017 (demo data).",
        defaults={"date": timezone.localdate(now)},
    )
    return {"figures": figures, "papers": int(created), "updates": int(updated)}
