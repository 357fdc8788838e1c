"""The clocks that keep scrutiny honest, read for a page: agendas at risk of missing their
deadline, and each quarter's time to publish (figures, then the meeting). Fixed queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from committees.deadlines import at_risk, timeliness, working_days_late, working_days_left
from committees.models import Meeting
from measures.models import Actual
from measures.rules.periods import Period
from measures.rules.time_to_publish import TimeToPublish, time_to_publish

# How far ahead the agenda clock looks: meetings in the next eight weeks.
AGENDA_WEEKS = 8


@dataclass(frozen=True)
class AgendaClock:
    """An upcoming meeting's agenda against its deadline."""

    meeting: Meeting
    deadline: date
    days_left: int  # working days on which it can still be published in time
    published_on: date | None
    papers_missing: int
    at_risk: bool
    late_by: int  # working days, once published late
    words: str

    @property
    def status(self) -> str:
        """A status word that doubles as the row's CSS class."""
        if self.published_on is not None:
            return "late" if self.late_by else "published"
        return "at-risk" if self.at_risk else "on-track"


def agenda_clocks(*, today: date) -> list[AgendaClock]:
    """Meetings of the next eight weeks, the ones at risk first. One query."""
    clocks = []
    horizon = date.fromordinal(today.toordinal() + 7 * AGENDA_WEEKS)
    for meeting in Meeting.objects.upcoming_with_papers_missing(today).filter(date__lte=horizon):
        deadline = meeting.publication_deadline
        published = meeting.agenda_published_at
        published_on = timezone.localdate(published) if published else None
        clocks.append(
            AgendaClock(
                meeting=meeting,
                deadline=deadline,
                days_left=working_days_left(today, deadline),
                published_on=published_on,
                papers_missing=meeting.papers_missing,  # type: ignore[attr-defined]
                at_risk=at_risk(today=today, deadline=deadline, published=published is not None),
                late_by=working_days_late(deadline, published_on) if published_on else 0,
                words=timeliness(deadline=deadline, published=published_on),
            )
        )
    return sorted(clocks, key=lambda clock: (not clock.at_risk, clock.deadline))


def quarters_time_to_publish(*, quarters: int | None = None) -> list[TimeToPublish]:
    """Each quarter with published figures, newest first, with the first meeting (of a
    published agenda) whose item reports it. Two queries."""
    days = Actual.objects.publication_days()
    considered = Meeting.objects.filter(agenda_published_at__isnull=False).first_to_consider()
    meetings: dict[Period, date] = {}
    for label, day in considered.items():
        try:
            period = Period.parse(label)
        except ValueError:  # a period typed some other way reports no quarter
            continue
        if day >= period.end:
            meetings[period] = min(day, meetings.get(period, day))
    rows = [
        time_to_publish(period, published_on=days[period], meeting_on=meetings.get(period))
        for period in sorted(days, reverse=True)
    ]
    return rows[:quarters] if quarters else rows
