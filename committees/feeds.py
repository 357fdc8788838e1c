"""iCalendar feeds of meetings, so members can subscribe in their calendar."""

from collections.abc import Iterable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone

from committees.models import Meeting, MeetingState

LONDON = ZoneInfo("Europe/London")


def meetings_calendar(meetings: Iterable[Meeting], *, name: str, base_url: str) -> bytes:
    """One event per meeting, with a UID that never changes, cancelled ones marked so.

    Times are London's, declared in the feed's VTIMEZONE so that every calendar reads them the
    same way; a meeting ends when its minutes say it closed, and has no end until then.
    """
    meetings = list(meetings)
    calendar = Calendar()
    calendar.add("prodid", "-//scrutiny//Children's services scrutiny//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/London")
    calendar.add_component(london_timezone(meeting.date for meeting in meetings))
    for meeting in meetings:
        event = Event()
        event.add("uid", f"{meeting.uid}@scrutiny")
        event.add("summary", f"{meeting.committee.name}")
        if meeting.start:
            starts = datetime.combine(meeting.date, meeting.start, tzinfo=LONDON)
            event.add("dtstart", starts)
            if meeting.closed_at:
                event.add("dtend", datetime.combine(meeting.date, meeting.closed_at, tzinfo=LONDON))
        else:
            event.add("dtstart", meeting.date)
        event.add("dtstamp", datetime.now(tz=LONDON))
        if meeting.venue:
            event.add("location", meeting.venue)
        url = base_url + meeting.get_absolute_url()
        event.add("url", url)
        # Only the meeting: its items and papers are on its page once the agenda is published.
        if meeting.agenda_is_published:
            event.add("description", f"Agenda and papers: {url}")
        else:
            event.add("description", f"The meeting, and its agenda once published: {url}")
        cancelled = meeting.state == MeetingState.CANCELLED
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()


def london_timezone(dates: Iterable[date]) -> Timezone:
    """Europe/London's changes of clock from the year of the first date to the year after the
    last (or this year and next, for no dates)."""
    today = datetime.now(tz=LONDON).date()
    years = [d.year for d in dates] or [today.year]
    return Timezone.from_tzid(
        "Europe/London",
        first_date=date(min(years), 1, 1),
        last_date=date(max(max(years), today.year) + 2, 1, 1),
    )
