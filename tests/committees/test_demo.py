"""The demo as a council first sees it: its demo changes since the committee's last meeting,
its figures' clocks, its meetings as the council held them, and the recommendations monitor."""

from datetime import date

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.utils import timezone

from committees.clocks import quarters_time_to_publish
from committees.demo import COMMITTEE, load_demo_changes, load_demo_committees
from committees.models import ActionUpdate, Meeting, MeetingState, Minute, Paper
from committees.packs.content import MINUTES, MONITOR, collect_pack
from measures.models import Actual
from measures.rules.periods import Period
from measures.rules.time_to_publish import days_after
from tests.committees.packs.pack_support import load_demo
from tests.committees.test_since import section

pytestmark = pytest.mark.django_db

# What the page lists under each heading; the paper and the update say they are demo data.
# The demo's earlier figures are dated as the council would have published them, years
# before its last meeting, so none is listed.
SINCE = {
    "Figures published": ["No figures have been published."],
    "Statuses changed": ["No measure has changed status."],
    "Papers published": [
        "Appendix E: Exclusions figures: why the Department for Education",
        "(demo data)",
    ],
    "Actions updated": [
        "Look into why Department for Education data",
        "answer is published as Appendix E to item 8 of 8 September 2017 (demo data)",
    ],
}


def test_the_demos_since_the_last_meeting_lists_its_demo_changes(client: Client, demo) -> None:
    load_demo_committees()
    load_demo_changes(publisher=demo["lead"])
    counts = (Actual.objects.count(), Paper.objects.count(), ActionUpdate.objects.count())
    load_demo_changes(publisher=demo["lead"])  # twice: nothing more
    assert (Actual.objects.count(), Paper.objects.count(), ActionUpdate.objects.count()) == counts

    page = client.get(f"/committees/{COMMITTEE}/since-last-meeting/").content.decode()
    for heading, lines in SINCE.items():
        for line in lines:
            assert line in section(page, heading), (heading, line)
    # An invented figure's commentary, shown with it, says so too.
    figure = Actual.objects.get(measure__reference="LAC-RATE", year=2016, quarter=3)
    assert figure.commentary.startswith("Demo data, not from the council's papers")


def test_the_demos_earlier_quarters_took_as_long_to_publish_as_the_papers_quarter() -> None:
    load_demo()
    load_demo_changes()
    clocks = {row.period.label: row for row in quarters_time_to_publish()}
    # 2017/18 Q1's figures went out with the pack of 31 August 2017, 62 days after it ended;
    # the oldest figures the pack prints (2016/17 Q2's) went out with it, 335 days after.
    assert clocks["2017/18 Q1"].last_figure_days == 62
    assert max(row.last_figure_days or 0 for row in clocks.values()) == 335
    for label in ("2016/17 Q2", "2016/17 Q3"):
        period = Period.parse(label)
        figure = Actual.objects.get(
            measure__reference="LAC-RATE", year=period.year, quarter=period.quarter
        )
        assert days_after(period, timezone.localdate(figure.published_at)) == 62, label
    assert clocks["2016/17 Q3"].median_figure_days == 62


def test_the_demos_meetings_were_held_and_the_minutes_confirmed_at_the_next_are_approved(
    client: Client,
) -> None:
    load_demo()
    meetings = Meeting.objects.filter(committee__slug=COMMITTEE)
    assert meetings.count() == 7
    assert set(meetings.values_list("state", flat=True)) == {MeetingState.HELD}
    # The pack of 8 September 2017 prints the minutes of 21 July, which that meeting confirmed.
    july = Minute.objects.filter(item__meeting__date=date(2017, 7, 21))
    assert july.count() == 9 and all(minute.approved for minute in july)
    page = client.get(meetings.get(date=date(2017, 7, 21)).get_absolute_url()).content.decode()
    assert "Minute 16" in page and 'govuk-tag--yellow">Draft minutes' not in page

    # Its agenda pack still says what the agenda said: the minutes are to be confirmed there.
    pack = collect_pack(meeting=meetings.get(date=date(2017, 9, 8)), full=False)
    (entry,) = [e for e in pack.entries if any(d.kind == MINUTES for d in e.documents)]
    html = render_to_string(
        "committees/pack/_document.html",
        {"pack": pack, "entry": entry, "document": entry.documents[0], "pdf": True},
    )
    assert "to be confirmed as a correct record at this meeting" in html


def test_the_demos_latest_meeting_carries_the_recommendations_monitor(client: Client) -> None:
    load_demo()
    meeting = Meeting.objects.get(committee__slug=COMMITTEE, date=date(2018, 4, 20))
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Recommendations Monitor" in page

    pack = collect_pack(meeting=meeting, full=False)
    (entry,) = [e for e in pack.entries if any(d.kind == MONITOR for d in e.documents)]
    html = render_to_string(
        "committees/pack/_document.html",
        {"pack": pack, "entry": entry, "document": entry.documents[0], "pdf": True},
    )
    # The resolution of 21 July 2017, due on 19 January 2018 with no update, is overdue.
    assert "That the work programme as detailed in Appendix A" in html
    assert "Overdue" in html
