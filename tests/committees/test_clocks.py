"""The clocks: agendas at risk of missing their deadline, time to publish, the clocks page."""

from collections.abc import Callable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from committees.clocks import agenda_clocks, quarters_time_to_publish
from committees.models import AgendaItem, Committee, Meeting, Paper
from committees.publication import publish_agenda
from measures.models import State
from scrutiny.roles import Role

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def meeting_on(committee: Committee, day: date, *, items: int = 1, papers: int = 1) -> Meeting:
    meeting = Meeting.objects.create(committee=committee, date=day)
    AgendaItem.objects.create(meeting=meeting, number=1, title="Apologies", purpose="procedural")
    for number in range(2, items + 2):
        item = AgendaItem.objects.create(
            meeting=meeting, number=number, title=f"Report {number}", purpose="Policy Review"
        )
        if number - 2 < papers:
            Paper.objects.create(item=item, kind="report", title=f"Report {number}", text="Text.")
    return meeting


def test_the_agenda_clock_puts_unpublished_agendas_near_their_deadline_first(
    make_committee: Callable[..., Committee],
) -> None:
    committee = make_committee()
    today = date(2017, 8, 24)  # deadlines: 8 Sep meeting, 31 Aug; 29 Sep meeting, 21 Sep
    later = meeting_on(committee, date(2017, 9, 29))
    soon = meeting_on(committee, date(2017, 9, 8), items=3, papers=1)
    published = meeting_on(committee, date(2017, 9, 1))  # due 23 Aug, published 24th
    publish_agenda(meeting=published, user=None, when=datetime(2017, 8, 24, 10, tzinfo=LONDON))
    meeting_on(committee, date(2017, 12, 1))  # beyond eight weeks
    meeting_on(committee, date(2017, 8, 23))  # held already

    with CaptureQueriesContext(connection) as queries:
        clocks = agenda_clocks(today=today)
    assert len(queries) == 1

    assert [c.meeting for c in clocks] == [soon, published, later]
    first, second, third = clocks
    assert (first.status, first.deadline, first.days_left, first.papers_missing) == (
        "at-risk",
        date(2017, 8, 31),
        5,
        2,
    )
    assert first.words == "Not published yet: due by Thursday 31 August 2017."
    assert (second.status, second.late_by) == ("late", 1)
    assert second.words.startswith("Published Thursday 24 August 2017, late by 1 working day")
    assert (third.status, third.days_left, third.papers_missing) == ("on-track", 20, 0)


def test_time_to_publish_counts_from_the_quarters_end_in_two_queries(
    make_committee: Callable[..., Committee], make_actual, make_measure
) -> None:
    def published(day: date) -> datetime:
        return datetime(day.year, day.month, day.day, 12, tzinfo=LONDON)

    for reference, day in [
        ("A", date(2017, 7, 31)),
        ("B", date(2017, 8, 1)),
        ("C", date(2017, 8, 29)),
    ]:
        make_actual(
            make_measure(reference=reference), state=State.PUBLISHED, published_at=published(day)
        )
    make_actual(make_measure(reference="D"), state=State.DRAFT)  # not published: not counted
    make_actual(
        make_measure(reference="E"),
        period="2017/18 Q2",
        state=State.PUBLISHED,
        published_at=published(date(2017, 11, 10)),
    )
    committee = make_committee()
    considered = meeting_on(committee, date(2017, 9, 8))
    AgendaItem.objects.create(
        meeting=considered, number=9, title="Performance", period="2017/18 Q1"
    )
    publish_agenda(meeting=considered, user=None, when=published(date(2017, 8, 31)))
    draft = meeting_on(committee, date(2017, 9, 1))  # unpublished: the public cannot know it
    AgendaItem.objects.create(meeting=draft, number=9, title="Performance", period="2017/18 Q1")

    with CaptureQueriesContext(connection) as queries:
        quarters = quarters_time_to_publish()
    assert len(queries) == 2

    assert [q.period.label for q in quarters] == ["2017/18 Q2", "2017/18 Q1"]
    q2, q1 = quarters
    assert (q1.figures, q1.last_figure_days, q1.median_figure_days) == (3, 60, 32)
    assert (q1.meeting_on, q1.meeting_days) == (date(2017, 9, 8), 70)
    assert (q2.figures, q2.last_figure_days, q2.meeting_days) == (1, 41, None)


def test_the_clocks_page_words_a_genuinely_late_quarter_and_a_prompt_one(
    client: Client, make_user, make_actual, make_measure
) -> None:
    # 2017/18 Q1 ended on 30 June 2017: a figure three years late, and one the next day.
    late = datetime(2020, 6, 30, 12, tzinfo=LONDON)
    make_actual(make_measure(reference="A"), state=State.PUBLISHED, published_at=late)
    prompt = datetime(2017, 7, 1, 12, tzinfo=LONDON)
    make_actual(make_measure(reference="B"), state=State.PUBLISHED, published_at=prompt)
    client.force_login(make_user("officer", Role.SCRUTINY_OFFICER))

    html = client.get("/committees/meetings/clocks/").content.decode()

    assert "2017/18 Q1: 2 figures published, the last 1,096 days after the quarter ended" in html
    assert "(the median figure 1); no meeting has considered it yet." in html
    row = html.split(">2017/18 Q1</th>")[1].split("</tr>")[0]
    assert ">1,096 days</td>" in row and ">1 day</td>" in row


def test_the_clocks_page_is_for_scrutiny_officers(client: Client, make_user) -> None:
    assert client.get("/committees/meetings/clocks/").status_code == 302  # to sign in
    client.force_login(make_user("member", Role.COMMITTEE_MEMBER))
    assert client.get("/committees/meetings/clocks/").status_code == 403


def test_the_clocks_page_lists_agendas_at_risk_and_papers_due_for_review(
    client: Client, make_committee: Callable[..., Committee], make_user, exempt_meeting: Meeting
) -> None:
    today = timezone.localdate()
    at_risk = meeting_on(make_committee("Corporate Parenting Panel"), today + timedelta(days=9))
    Paper.objects.filter(exempt_paragraph__isnull=False).update(exempt_review_on=today)
    client.force_login(make_user("officer", Role.SCRUTINY_OFFICER))

    html = client.get("/committees/meetings/clocks/").content.decode()

    assert f"Corporate Parenting Panel, {at_risk.date:%-d %B %Y}" in html
    assert "At risk" in html
    assert "Appendix D: Contract performance" in html  # due for review, with its release link
    assert f"/committees/papers/{Paper.objects.get(exempt_paragraph=3).key}/release/" in html


def test_a_paper_marked_exempt_is_reviewed_twelve_months_later(exempt_meeting: Meeting) -> None:
    paper = Paper.objects.get(item__meeting=exempt_meeting, exempt_paragraph__isnull=True)
    paper.exempt_paragraph = 1
    paper.save()
    today = timezone.localdate()
    assert paper.exempt_review_on == today.replace(year=today.year + 1) or (
        today.month == 2 and today.day == 29
    )
    assert not Paper.objects.due_for_review(today).filter(pk=paper.pk).exists()
    assert Paper.objects.due_for_review(paper.exempt_review_on).filter(pk=paper.pk).exists()


def test_the_meeting_record_shows_the_deadline_beside_the_day_it_was_published(
    client: Client, exempt_meeting: Meeting, make_user
) -> None:
    # Published 31 August 2017 for 8 September: on its deadline.
    words = "Published Thursday 31 August 2017, on time: due by Thursday 31 August 2017."
    assert words not in client.get(exempt_meeting.get_absolute_url()).content.decode()
    client.force_login(make_user("officer", Role.SCRUTINY_OFFICER, is_superuser=True))
    assert words in client.get(exempt_meeting.get_absolute_url()).content.decode()
    admin = client.get(f"/admin/committees/meeting/{exempt_meeting.pk}/change/")
    assert words in admin.content.decode()


def test_the_dashboard_gives_staff_the_latest_time_to_publish(
    client: Client, make_user, make_actual
) -> None:
    make_actual(state=State.PUBLISHED, published_at=datetime(2017, 8, 29, 12, tzinfo=LONDON))
    said = "last figure was published 60 days after the quarter ended"
    assert said not in client.get("/").content.decode()
    client.force_login(make_user("officer", Role.SCRUTINY_OFFICER))
    assert said in client.get("/").content.decode()


def test_the_admin_filters_meetings_to_those_at_risk(
    client: Client, make_committee: Callable[..., Committee], make_user
) -> None:
    today = timezone.localdate()
    committee = make_committee()
    soon = meeting_on(committee, today + timedelta(days=9))
    later = meeting_on(committee, today + timedelta(days=45))
    client.force_login(make_user("officer", Role.SCRUTINY_OFFICER))

    listed = client.get("/admin/committees/meeting/", {"deadline": "at-risk"})

    assert list(listed.context["cl"].result_list) == [soon]
    assert later not in listed.context["cl"].result_list
