"""Calendar feeds, the action log and person pages."""

from datetime import date, datetime, time, timedelta

import pytest
from django.test import Client
from icalendar import Calendar

from committees.models import Action, AgendaItem, Attendance, Meeting

# Also run on SQLite, the embedded database of make demo (make test's second run).
pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]


def test_the_committee_feed_has_one_event_per_meeting_with_a_stable_uid(
    client: Client, exempt_meeting
) -> None:
    committee = exempt_meeting.committee
    Meeting.objects.filter(pk=exempt_meeting.pk).update(start=time(10, 0))
    cancelled = Meeting.objects.create(
        committee=committee, date=date(2017, 10, 20), state="cancelled"
    )
    feed = client.get(f"/committees/{committee.slug}/meetings.ics")
    assert feed["Content-Type"] == "text/calendar; charset=utf-8"
    events = Calendar.from_ical(feed.content).walk("VEVENT")
    assert len(events) == 2
    by_uid = {str(e["uid"]): e for e in events}
    first = by_uid[f"{exempt_meeting.uid}@scrutiny"]
    assert first["dtstart"].dt.isoformat() == "2017-09-08T10:00:00+01:00"
    assert str(first["url"]).endswith(exempt_meeting.get_absolute_url())
    assert str(by_uid[f"{cancelled.uid}@scrutiny"]["status"]) == "CANCELLED"
    again = Calendar.from_ical(client.get(f"/committees/{committee.slug}/meetings.ics").content)
    assert {str(e["uid"]) for e in again.walk("VEVENT")} == set(by_uid)


def test_the_all_committees_feed_lists_every_meeting(
    client: Client, exempt_meeting, make_committee
) -> None:
    other = make_committee("Corporate Parenting Sub-Group", parent=exempt_meeting.committee)
    Meeting.objects.create(committee=other, date=date(2017, 9, 21))
    events = Calendar.from_ical(client.get("/committees/meetings.ics").content).walk("VEVENT")
    assert {str(e["summary"]) for e in events} == {
        exempt_meeting.committee.name,
        "Corporate Parenting Sub-Group",
    }


def test_the_action_log_flags_overdue_actions(client: Client, exempt_meeting, make_person) -> None:
    item = AgendaItem.objects.get(meeting=exempt_meeting)
    owner = make_person("Debbie Barnes", kind="officer")
    Action.objects.create(
        item=item, what="Look into exclusions data", owner=owner, due=date(2017, 10, 1)
    )
    Action.objects.create(item=item, what="Report pilot results", state="done")
    page = client.get(f"/committees/{exempt_meeting.committee.slug}/actions/").content.decode()
    assert page.index("Look into exclusions data") < page.index("Report pilot results")
    assert "Overdue" in page and "Debbie Barnes" in page


def test_a_person_page_shows_memberships_and_attendance(
    client: Client, exempt_meeting, make_person
) -> None:
    person = make_person("Mrs C L Perraton-Williams", committee=exempt_meeting.committee)
    absent = make_person("Mrs K Cook")
    Attendance.objects.create(
        meeting=exempt_meeting, person=person, status="substitute", substitute_for=absent
    )
    page = client.get(f"/committees/people/{person.key}/").content.decode()
    assert "Children and Young People Scrutiny Committee</a>: Member" in page
    assert "Substitute for Mrs K Cook" in page


def test_the_feed_declares_london_time_and_invents_no_end(client: Client, exempt_meeting) -> None:
    committee = exempt_meeting.committee
    Meeting.objects.filter(pk=exempt_meeting.pk).update(start=time(10, 0))
    closed = Meeting.objects.create(
        committee=committee, date=date(2017, 11, 10), start=time(10, 30), closed_at=time(13, 5)
    )
    untimed = Meeting.objects.create(committee=committee, date=date(2018, 1, 19))
    calendar = Calendar.from_ical(client.get(f"/committees/{committee.slug}/meetings.ics").content)
    (timezone,) = calendar.walk("VTIMEZONE")
    assert str(timezone["tzid"]) == "Europe/London"
    # Read on its own, the declaration knows British Summer Time from the feed's first year on.
    london = timezone.to_tz()
    assert datetime(2018, 1, 19, 12, tzinfo=london).utcoffset() == timedelta(0)
    assert datetime(2018, 6, 1, 12, tzinfo=london).utcoffset() == timedelta(hours=1)
    assert datetime(2017, 9, 8, 10, tzinfo=london).utcoffset() == timedelta(hours=1)
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    september = events[f"{exempt_meeting.uid}@scrutiny"]
    assert september["dtstart"].params["tzid"] == "Europe/London"
    assert september["dtstart"].dt.isoformat() == "2017-09-08T10:00:00+01:00"
    assert "dtend" not in september and "duration" not in september
    november = events[f"{closed.uid}@scrutiny"]
    assert november["dtend"].dt.isoformat() == "2017-11-10T13:05:00+00:00"
    january = events[f"{untimed.uid}@scrutiny"]
    assert january["dtstart"].dt == date(2018, 1, 19) and "dtend" not in january


def test_the_committee_and_meetings_pages_offer_a_calendar_subscription(
    client: Client, exempt_meeting
) -> None:
    slug = exempt_meeting.committee.slug
    for page_url, feed in [
        (f"/committees/{slug}/", f"/committees/{slug}/meetings.ics"),
        ("/committees/meetings/", "/committees/meetings.ics"),
    ]:
        page = client.get(page_url).content.decode()
        link = f'<a class="govuk-link" href="webcal://testserver{feed}">Subscribe in your calendar'
        assert link in page
        # Google Calendar and Outlook on the web take the address itself.
        assert f">http://testserver{feed}</a>" in page
        assert "Google Calendar" in page and "Outlook" in page
        feed_response = client.get(feed)
        assert Calendar.from_ical(feed_response.content).walk("VTIMEZONE")
