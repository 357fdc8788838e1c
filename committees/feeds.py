"""iCalendar feeds of meetings, so members can subscribe in their calendar."""

from collections.abc import Iterable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from committees.models import Meeting, MeetingState

LONDON = ZoneInfo("Europe/London")
DEFAULT_LENGTH = timedelta(hours=3)


def meetings_calendar(meetings: Iterable[Meeting], *, name: str, base_url: str) -> bytes:
    """One event per meeting, with a UID that never changes, cancelled ones marked so."""
    calendar = Calendar()
    calendar.add("prodid", "-//scrutiny//Children's services scrutiny//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/London")
    for meeting in meetings:
        event = Event()
        event.add("uid", f"{meeting.uid}@scrutiny")
        event.add("summary", f"{meeting.committee.name}")
        if meeting.start:
            starts = datetime.combine(meeting.date, meeting.start, tzinfo=LONDON)
            event.add("dtstart", starts)
            event.add("dtend", starts + DEFAULT_LENGTH)
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
