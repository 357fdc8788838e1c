"""Since the last meeting: what changed for a committee since its previous meeting, each kind
from a registered provider, exempt-aware, in a fixed number of queries."""

from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone

from committees import since
from committees.models import Action, ActionUpdate, AgendaItem, Committee, Meeting, Paper
from committees.publication import publish_agenda
from committees.since import Change, ChangeKind, register_change_kind, window_after
from measures.models import State
from scrutiny.roles import Role
from tests.committees.test_views import queries_for

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
TODAY = timezone.localdate()
LAST = TODAY - timedelta(days=40)  # the committee's previous meeting
NEXT = TODAY + timedelta(days=10)
EXEMPT = "Contract performance, provider by provider"


def moment(day: date) -> datetime:
    return datetime.combine(day, time(10, 0), tzinfo=LONDON)


@pytest.fixture
def committee(make_committee: Callable[..., Committee]) -> Committee:
    """A committee that met 40 days ago and meets again in 10 days."""
    committee = make_committee()
    held = Meeting.objects.create(committee=committee, date=LAST, state="held")
    publish_agenda(meeting=held, user=None, when=moment(LAST - timedelta(days=8)))
    Meeting.objects.create(committee=committee, date=NEXT)
    return committee


def url(committee: Committee) -> str:
    return f"/committees/{committee.slug}/since-last-meeting/"


def section(page: str, heading: str) -> str:
    return page.split(f">{heading}")[1].split("<h2")[0]


def next_agenda(committee: Committee, papers: int = 1) -> Meeting:
    """The next meeting's agenda, published 2 days ago, with reports and an exempt appendix."""
    meeting = Meeting.objects.get(committee=committee, date=NEXT)
    item = AgendaItem.objects.create(meeting=meeting, number=5, title="Performance")
    for number in range(1, papers + 1):
        Paper.objects.create(item=item, kind="report", title=f"Report {number}", text="Public.")
    Paper.objects.create(
        item=item, kind="appendix", letter="D", title=EXEMPT, text="Secret.", exempt_paragraph=3
    )
    publish_agenda(meeting=meeting, user=None, when=moment(TODAY - timedelta(days=2)))
    return meeting


def test_the_window_starts_the_day_after_the_previous_meeting(committee: Committee) -> None:
    window = window_after(committee, Meeting.objects.last_before(committee, TODAY))
    assert window.meeting is not None and window.meeting.date == LAST
    assert window.first_day == LAST + timedelta(days=1)
    assert window.start == datetime.combine(LAST + timedelta(days=1), time(0), tzinfo=LONDON)


def test_a_cancelled_meeting_is_not_the_last_meeting(committee: Committee) -> None:
    Meeting.objects.create(committee=committee, date=TODAY - timedelta(days=5), state="cancelled")
    assert Meeting.objects.last_before(committee, TODAY).date == LAST  # type: ignore[union-attr]


def test_papers_published_since_are_listed_but_not_an_exempt_one_for_the_public(
    client: Client, committee: Committee, make_person, make_user
) -> None:
    next_agenda(committee)
    papers = section(client.get(url(committee)).content.decode(), "Papers published")
    assert "Report 1" in papers and EXEMPT not in papers
    member = make_user(username="member", role=Role.COMMITTEE_MEMBER)
    make_person("Cllr Member", committee=committee, user=member)
    client.force_login(member)
    papers = section(client.get(url(committee)).content.decode(), "Papers published")
    assert "Report 1" in papers and EXEMPT in papers


def test_figures_published_since_and_their_changes_of_status_are_listed_and_linked(
    client: Client, committee: Committee, make_target, make_actual
) -> None:
    target = make_target(year=2017)  # LAC-RATE: 45, band 43 to 47
    make_target(target.measure, year=2016)
    committee.measures.add(target.measure)
    published_before = {"state": State.PUBLISHED, "published_at": moment(LAST - timedelta(days=3))}
    make_actual(target.measure, period="2016/17 Q4", value="52", **published_before)
    published_since = {"state": State.PUBLISHED, "published_at": moment(LAST + timedelta(days=9))}
    make_actual(target.measure, period="2017/18 Q1", value="45", **published_since)
    make_actual(target.measure, period="2017/18 Q2", value="46")  # a draft: never listed
    page = client.get(url(committee)).content.decode()
    figures = section(page, "Figures published")
    assert "2017/18 Q1" in figures and "2016/17 Q4" not in figures and "Q2" not in figures
    assert "/measures/LAC-RATE/?period=2017%2F18+Q1" in figures
    statuses = section(page, "Statuses changed")
    assert "Not achieved to Achieved" in statuses
    assert "2016/17 Q4 to 2017/18 Q1" in statuses


def test_action_updates_since_are_listed_with_a_link_to_the_action(
    client: Client, committee: Committee
) -> None:
    held = Meeting.objects.get(committee=committee, date=LAST)
    item = AgendaItem.objects.create(meeting=held, number=6, title="Exclusions")
    action = Action.objects.create(item=item, what="Report back on exclusions", state="in_progress")
    ActionUpdate.objects.create(action=action, date=LAST - timedelta(days=1), note="Old note")
    ActionUpdate.objects.create(action=action, date=TODAY - timedelta(days=3), note="Figures sent")
    actions = section(client.get(url(committee)).content.decode(), "Actions updated")
    assert "Report back on exclusions" in actions and "In progress: Figures sent" in actions
    assert "Old note" not in actions
    assert f"/committees/{committee.slug}/actions/#action-{action.pk}" in actions


def test_the_page_reads_as_many_queries_for_twenty_changes_of_each_kind_as_for_one(
    client: Client, committee: Committee, make_committee, make_target, make_actual, make_measure
) -> None:
    other = make_committee("Other Committee")
    Meeting.objects.create(committee=other, date=LAST, state="held")
    for c, count in ((committee, 1), (other, 20)):
        next_meeting = Meeting.objects.create(committee=c, date=NEXT + timedelta(days=1))
        item = AgendaItem.objects.create(meeting=next_meeting, number=1, title="Performance")
        for number in range(count):
            Paper.objects.create(item=item, kind="report", title=f"Paper {number}", text="x")
            measure = make_measure(f"M-{c.pk}-{number}")
            make_target(measure, year=2017)
            make_target(measure, year=2016)
            c.measures.add(measure)
            before = {"state": State.PUBLISHED, "published_at": moment(LAST - timedelta(days=3))}
            make_actual(measure, period="2016/17 Q4", value="52", **before)
            after = {"state": State.PUBLISHED, "published_at": moment(TODAY - timedelta(days=1))}
            make_actual(measure, period="2017/18 Q1", value="45", **after)
            action = Action.objects.create(item=item, what=f"Action {number}")
            ActionUpdate.objects.create(action=action, date=TODAY, note=f"Note {number}")
        publish_agenda(meeting=next_meeting, user=None, when=moment(TODAY - timedelta(days=1)))
    queries_for(client, url(committee))
    few, _ = queries_for(client, url(committee))
    many, page = queries_for(client, url(other))
    assert page.count("Not achieved to Achieved") == 20 and page.count("Note 19") == 1
    assert many == few


@pytest.fixture
def kinds(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # Registered as a later feature's ready() would, then removed for other tests.
    monkeypatch.setattr(since, "_kinds", dict(since._kinds))
    yield


def test_a_registered_kind_of_change_is_listed_after_the_others_under_its_heading(
    client: Client, committee: Committee, kinds: None
) -> None:
    def questions(window, user):
        return [Change("Why are exclusions rising?", "/q/1/", window.first_day, "Answered")]

    register_change_kind("questions", ChangeKind("Members' questions", questions, "None asked."))
    page = client.get(url(committee)).content.decode()
    headings = ["Figures published", "Statuses changed", "Papers published", "Actions updated"]
    positions = [page.index(h) for h in [*headings, "Members&#x27; questions"]]
    assert positions == sorted(positions)
    assert 'href="/q/1/">Why are exclusions rising?</a>' in page


def test_the_committee_meeting_and_a_committees_dashboard_link_to_the_page(
    client: Client, committee: Committee, make_target, make_actual
) -> None:
    make_actual(make_target().measure, state=State.PUBLISHED)
    link = f'href="{url(committee)}"'
    assert link in client.get(committee.get_absolute_url()).content.decode()
    upcoming = Meeting.objects.get(committee=committee, date=NEXT)
    assert link in client.get(upcoming.get_absolute_url()).content.decode()
    assert link in client.get(f"/?committee={committee.pk}").content.decode()
    assert link not in client.get("/").content.decode()
