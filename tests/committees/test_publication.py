"""Agendas, papers and minutes are public only once published; supplements; withdrawal."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from committees.access import can_read_paper, can_see_agenda
from committees.models import (
    Action,
    AgendaItem,
    Declaration,
    Meeting,
    Minute,
    Pack,
    Paper,
    Publication,
    Withdrawal,
)
from committees.packs.build import build_pack
from committees.publication import (
    PublicationError,
    publish,
    publish_agenda,
    publish_minutes,
    withdraw,
    withdraw_agenda,
)
from scrutiny.roles import Role
from tests.committees.admin_support import form_data
from tests.committees.conftest import EXEMPT_TEXT, PUBLISHED
from tests.committees.packs.test_views import body, pdf_text
from tests.committees.test_exempt import crawl

pytestmark = pytest.mark.django_db

ACTION = "Ask the contractor for the missing placement figures"
DECLARATION = "Declared a personal interest as a foster carer"
# Everything of the meeting's agenda that must not show before publication.
ITEM_TEXT = [
    "Performance - Quarter 1 2017/18",
    "Performance report",
    "Public text.",
    "Contract performance",
    EXEMPT_TEXT,
    ACTION,
    DECLARATION,
]


def address(meeting: Meeting, tail: str = "") -> str:
    return f"/committees/{meeting.committee.slug}/{meeting.slug}/{tail}"


def pack_files(meeting: Meeting) -> list[str]:
    return [
        address(meeting, "pack/public.pdf"),
        address(meeting, "pack/full.pdf"),
        address(meeting, "pack/public/item-8.pdf"),
        address(meeting, "pack/full/item-8.pdf"),
    ]


def every_door(meeting: Meeting) -> list[str]:
    """Where a crawl starts: the home page, the lists, the meeting's own pages and feeds."""
    slug = meeting.committee.slug
    return [
        "/",
        "/committees/",
        "/committees/meetings/",
        f"/committees/{slug}/",
        f"/committees/{slug}/actions/",
        "/committees/people/mrs-s-rawlins/",  # the member who declared an interest
        "/committees/meetings.ics",
        f"/committees/{slug}/meetings.ics",
        address(meeting),
        address(meeting, "pack/"),
    ]


def crawl_everything(client: Client, meeting: Meeting) -> dict[str, str]:
    pages: dict[str, str] = {}
    for start in every_door(meeting):
        pages.update(crawl(client, start))
    return pages


@pytest.fixture
def agenda(draft_meeting: Meeting, make_person) -> Meeting:
    """The draft meeting with an action and a declaration on its item, and both packs built."""
    item = AgendaItem.objects.get(meeting=draft_meeting)
    Action.objects.create(item=item, what=ACTION)
    Declaration.objects.create(item=item, person=make_person("Mrs S Rawlins"), text=DECLARATION)
    for version in ("public", "full"):
        build_pack(meeting=draft_meeting, version=version)
    return draft_meeting


@pytest.fixture
def member(make_user, make_person, draft_meeting: Meeting):
    user = make_user(username="councillor", role=Role.COMMITTEE_MEMBER)
    make_person("R L Foulkes", committee=draft_meeting.committee, user=user)
    return user


@pytest.mark.parametrize("who", ["public", "member"])
def test_before_publication_a_crawl_finds_nothing_of_the_agenda(
    client: Client, agenda: Meeting, member, who: str
) -> None:
    if who == "member":
        client.force_login(member)
    pages = crawl_everything(client, agenda)
    meeting_page = pages[address(agenda)]
    assert "Lincoln" in meeting_page  # the venue, date and time are public
    for path, text in pages.items():
        for secret in ITEM_TEXT:
            assert secret not in text, (path, secret)
    papers = [p.get_absolute_url() for p in Paper.objects.filter(item__meeting=agenda)]
    linked = [path for path in pages if path.startswith(("/committees/", "/papers/"))]
    assert not [path for path in linked if path in papers or path.endswith(".pdf")]
    for path in [*papers, *pack_files(agenda), address(agenda, "pack/")]:
        response = client.get(path)
        assert response.status_code == 404, path
        assert not response.streaming and EXEMPT_TEXT not in response.content.decode()
    # The calendar has the meeting, and nothing of its items.
    events = Calendar.from_ical(client.get("/committees/meetings.ics").content).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == [agenda.committee.name]


@pytest.mark.parametrize("who", ["public", "member"])
def test_after_publication_a_crawl_reaches_the_agenda_papers_and_packs(
    client: Client, agenda: Meeting, member, who: str
) -> None:
    publish_agenda(meeting=agenda, user=None)
    if who == "member":
        client.force_login(member)
    pages = crawl_everything(client, agenda)
    text = "\n".join(pages.values())
    for shown in ["Performance - Quarter 1 2017/18", "Public text.", ACTION, DECLARATION]:
        assert shown in text
    report = Paper.objects.get(item__meeting=agenda, kind="report")
    assert report.get_absolute_url() in pages
    assert address(agenda, "pack/public.pdf") in pages
    assert address(agenda, "pack/public/item-8.pdf") in pages
    assert "Public text." in pdf_text(body(client.get(address(agenda, "pack/public.pdf"))))
    # The exempt rule still holds: only the member reads Appendix D.
    assert (EXEMPT_TEXT in text) is (who == "member")
    assert (address(agenda, "pack/full.pdf") in pages) is (who == "member")


def test_scrutiny_officers_read_drafts_marked_not_published(
    client: Client, agenda: Meeting, make_user
) -> None:
    client.force_login(make_user(username="scrutiny", role=Role.SCRUTINY_OFFICER))
    page = client.get(address(agenda))
    assert "Not published" in page.content.decode()
    assert "Public text." not in page.content.decode()  # the paper is linked, not shown
    assert "no-store" in page["Cache-Control"]
    report = Paper.objects.get(item__meeting=agenda, kind="report")
    paper = client.get(report.get_absolute_url()).content.decode()
    assert "Not published" in paper and "Public text." in paper
    assert "Not published" in client.get(address(agenda, "pack/")).content.decode()
    draft = client.get(address(agenda, "pack/public.pdf"))
    assert draft.status_code == 200 and "no-store" in draft["Cache-Control"]


def test_the_rule_and_its_queryset_agree(agenda: Meeting, member, make_user) -> None:
    officer = make_user(username="officer", role=Role.OFFICER)
    scrutiny = make_user(username="scrutiny", role=Role.SCRUTINY_OFFICER)
    from django.contrib.auth.models import AnonymousUser

    for published in (False, True):
        if published:
            publish_agenda(meeting=agenda, user=None)
            agenda.refresh_from_db()
        for user in (AnonymousUser(), member, officer, scrutiny):
            visible = Meeting.objects.agenda_visible_to(user).filter(pk=agenda.pk).exists()
            assert visible is can_see_agenda(user, agenda)
            for paper in Paper.objects.filter(item__meeting=agenda).select_related("item__meeting"):
                readable = Paper.objects.readable_by(user).filter(pk=paper.pk).exists()
                assert readable is can_read_paper(user, paper), (user, paper, published)
        assert can_see_agenda(member, agenda) is published
        assert can_see_agenda(scrutiny, agenda)


def test_before_publication_the_public_see_when_it_will_be_published(
    client: Client, make_committee
) -> None:
    coming = timezone.localdate() + timedelta(days=40)
    meeting = Meeting.objects.create(committee=make_committee(), date=coming, venue="Lincoln")
    page = client.get(meeting.get_absolute_url()).content.decode()
    deadline = meeting.publication_deadline
    assert f"The agenda will be published by {deadline:%A} {deadline.day} {deadline:%B %Y}." in page
    assert "Venue: Lincoln" in page


def test_a_past_meeting_never_says_its_agenda_is_not_published_yet(
    client: Client, draft_meeting: Meeting
) -> None:
    page = client.get(draft_meeting.get_absolute_url()).content.decode()
    assert "not been published yet" not in page
    assert "No agenda for this meeting was published on this site." in page


def test_a_paper_added_after_publication_is_a_supplement_on_the_page_and_in_the_pack(
    client: Client, exempt_meeting: Meeting, make_user
) -> None:
    client.force_login(make_user(username="scrutiny", role=Role.SCRUTINY_OFFICER))
    item = AgendaItem.objects.get(meeting=exempt_meeting)
    change = f"/admin/committees/agendaitem/{item.pk}/change/"
    form = client.get(change)
    assert "papers you add or change now" not in form.content.decode()  # wording below
    assert "a paper you add or change now is published when you save" in form.content.decode()
    data = form_data(form)
    total = int(data["papers-TOTAL_FORMS"])
    data.update(
        {
            "papers-TOTAL_FORMS": total + 1,
            f"papers-{total}-kind": "appendix",
            f"papers-{total}-letter": "E",
            f"papers-{total}-title": "Late figures",
            f"papers-{total}-text": "Figures that arrived after the agenda.",
            "_save": "Save",
        }
    )
    response = client.post(change, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    late = Paper.objects.get(letter="E")
    assert late.published_at > exempt_meeting.agenda_published_at
    today = timezone.localdate()
    mark = f"Published {today.day} {today:%B %Y}, after the agenda"
    client.logout()
    page = client.get(exempt_meeting.get_absolute_url()).content.decode()
    assert mark in page
    assert page.count("after the agenda") == 1  # the papers published with it are not marked
    pack = build_pack(meeting=exempt_meeting, version="public")
    with pack.file.open("rb") as handle:
        assert mark in " ".join(pdf_text(handle.read()).split())


def test_a_paper_changed_before_publication_is_published_with_the_agenda(
    draft_meeting: Meeting,
) -> None:
    publish_agenda(meeting=draft_meeting, user=None)
    draft_meeting.refresh_from_db()
    for paper in Paper.objects.filter(item__meeting=draft_meeting):
        assert paper.published_at == draft_meeting.agenda_published_at
        assert not draft_meeting.is_supplement(paper)


def test_a_scrutiny_officer_publishes_the_agenda_from_the_admin_beside_its_deadline(
    client: Client, draft_meeting: Meeting, make_user
) -> None:
    scrutiny = make_user(username="scrutiny", role=Role.SCRUTINY_OFFICER)
    client.force_login(scrutiny)
    change = f"/admin/committees/meeting/{draft_meeting.pk}/change/"
    page = client.get(change).content.decode()
    assert "Statutory deadline:</strong> Thursday 31 August 2017" in page
    assert "The deadline has passed" in page
    assert "Publish the agenda" in page
    response = client.post(
        f"/admin/committees/meeting/{draft_meeting.pk}/publish/", {"what": "agenda"}, follow=True
    )
    draft_meeting.refresh_from_db()
    assert draft_meeting.agenda_published_by == scrutiny
    assert abs(draft_meeting.agenda_published_at - timezone.now()) < timedelta(minutes=1)
    assert "Published the agenda" in response.content.decode()
    assert "It was due by Thursday 31 August 2017" in response.content.decode()
    assert "Withdraw the publication" in response.content.decode()


def test_no_warning_while_the_deadline_is_still_ahead(
    client: Client, make_committee, make_user
) -> None:
    meeting = Meeting.objects.create(
        committee=make_committee(), date=timezone.localdate() + timedelta(days=30)
    )
    client.force_login(make_user(username="scrutiny", role=Role.SCRUTINY_OFFICER))
    page = client.get(f"/admin/committees/meeting/{meeting.pk}/change/").content.decode()
    assert "Statutory deadline" in page and "The deadline has passed" not in page


@pytest.mark.parametrize("role", [Role.OFFICER, Role.PERFORMANCE_LEAD])
def test_only_scrutiny_officers_publish(
    client: Client, draft_meeting: Meeting, make_user, role: Role
) -> None:
    client.force_login(make_user(username="staff", role=role))
    response = client.post(
        f"/admin/committees/meeting/{draft_meeting.pk}/publish/", {"what": "agenda"}
    )
    assert response.status_code == 403
    draft_meeting.refresh_from_db()
    assert draft_meeting.agenda_published_at is None


def test_withdrawing_a_publication_records_why_and_stops_its_packs(
    client: Client, agenda: Meeting, make_user
) -> None:
    publish_agenda(meeting=agenda, user=None)
    scrutiny = make_user(username="scrutiny", role=Role.SCRUTINY_OFFICER)
    client.force_login(scrutiny)
    url = f"/admin/committees/meeting/{agenda.pk}/withdraw/"
    form = client.get(url, {"what": "agenda"})
    assert "Why is it withdrawn?" in form.content.decode()
    refused = client.post(url, {"what": "agenda", "reason": "  "})
    assert "Say why" in refused.content.decode()
    agenda.refresh_from_db()
    assert agenda.agenda_published_at is not None

    client.post(url, {"what": "agenda", "reason": "Published a week early by mistake."})
    agenda.refresh_from_db()
    assert agenda.agenda_published_at is None
    withdrawal = Withdrawal.objects.get(meeting=agenda)
    assert withdrawal.withdrawn_by == scrutiny
    assert withdrawal.reason == "Published a week early by mistake."
    assert not Pack.objects.filter(meeting=agenda, withdrawn_at__isnull=True).exists()
    admin_page = client.get(f"/admin/committees/meeting/{agenda.pk}/change/").content.decode()
    assert "Published a week early by mistake." in admin_page

    client.logout()
    page = client.get(address(agenda)).content.decode()
    assert "was withdrawn on" in page and "Published a week early" not in page
    assert "Public text." not in client.get(address(agenda, "pack/")).content.decode()
    assert client.get(address(agenda, "pack/public.pdf")).status_code == 404

    # Published again, the old packs stay withdrawn until a new build.
    publish_agenda(meeting=agenda, user=scrutiny)
    gone = client.get(address(agenda, "pack/public.pdf"))
    assert gone.status_code == 410 and "has been withdrawn" in gone.content.decode()
    build_pack(meeting=agenda, version="public")
    assert client.get(address(agenda, "pack/public.pdf")).status_code == 200


def test_the_services_refuse_what_cannot_be_done(draft_meeting: Meeting) -> None:
    with pytest.raises(PublicationError, match="not published"):
        withdraw_agenda(meeting=draft_meeting, user=None, reason="Mistake")
    publish_agenda(meeting=draft_meeting, user=None)
    with pytest.raises(PublicationError, match="already published"):
        publish_agenda(meeting=draft_meeting, user=None)
    with pytest.raises(PublicationError, match="Say why"):
        withdraw_agenda(meeting=draft_meeting, user=None, reason="")
    with pytest.raises(PublicationError, match="No minutes"):
        publish_minutes(meeting=draft_meeting, user=None)


def test_minutes_are_public_once_published_and_marked_draft_until_approved(
    client: Client, exempt_meeting: Meeting, make_user
) -> None:
    item = AgendaItem.objects.get(meeting=exempt_meeting)
    Minute.objects.create(item=item, text="The committee noted the performance report.")
    page = client.get(address(exempt_meeting)).content.decode()
    assert "noted the performance report" not in page
    assert "The minutes of this meeting have not been published." in page

    scrutiny = make_user(username="scrutiny", role=Role.SCRUTINY_OFFICER)
    client.force_login(scrutiny)
    draft = client.get(address(exempt_meeting)).content.decode()
    assert "noted the performance report" in draft and "Not published" in draft
    client.post(f"/admin/committees/meeting/{exempt_meeting.pk}/publish/", {"what": "minutes"})
    exempt_meeting.refresh_from_db()
    assert exempt_meeting.minutes_published_by == scrutiny

    client.logout()
    page = client.get(address(exempt_meeting)).content.decode()
    assert "noted the performance report" in page and "Draft minutes" in page
    Minute.objects.filter(item=item).update(approved=True)
    assert "Draft minutes" not in client.get(address(exempt_meeting)).content.decode()


def test_publishing_an_agenda_publishes_the_draft_minutes_it_prints(
    exempt_meeting: Meeting, make_committee
) -> None:
    earlier = Meeting.objects.create(committee=exempt_meeting.committee, date=date(2017, 7, 21))
    minuted = AgendaItem.objects.create(meeting=earlier, number=5, title="Strategy update")
    Minute.objects.create(item=minuted, text="Noted.")
    later = Meeting.objects.create(committee=exempt_meeting.committee, date=date(2017, 10, 20))
    AgendaItem.objects.create(meeting=later, number=3, title="Minutes", minutes_of=earlier)
    done = publish_agenda(meeting=later, user=None)
    earlier.refresh_from_db()
    assert earlier.minutes_published_at is not None
    assert "21 July 2017" in done[0]


def test_the_demo_agendas_are_published_as_the_papers_record(db) -> None:
    from tests.committees.packs.pack_support import demo_meeting_record, load_demo

    september = load_demo()
    july = Meeting.objects.get(committee=september.committee, date=date(2017, 7, 21))
    assert timezone.localdate(september.agenda_published_at) == date(2017, 8, 31)
    assert timezone.localdate(july.agenda_published_at) == date(2017, 7, 13)
    assert "Estimated" in demo_meeting_record("2017-07-21")["agenda_published_estimated"]
    # The July minutes went out with the September agenda, which prints them.
    assert timezone.localdate(july.minutes_published_at) == date(2017, 8, 31)
    # Of the later meetings, only the last has a published agenda (the demo's own, for the
    # recommendations monitor), on its statutory deadline, an estimate marked so.
    later = Meeting.objects.filter(committee=september.committee, date__gt=september.date)
    published = later.filter(agenda_published_at__isnull=False)
    assert [m.date for m in published] == [date(2018, 4, 20)]
    assert timezone.localdate(published[0].agenda_published_at) == date(2018, 4, 12)
    assert "Estimated" in demo_meeting_record("2018-04-20")["agenda_published_estimated"]


@pytest.mark.parametrize(
    ("what", "not_published", "again", "why"),
    [
        (
            Publication.AGENDA,
            "The agenda is not published, so there is nothing to withdraw.",
            "The agenda was already published on 31 August 2017.",
            "Say why the agenda's publication is withdrawn.",
        ),
        (
            Publication.MINUTES,
            "The minutes are not published, so there is nothing to withdraw.",
            "The minutes were already published on 31 August 2017.",
            "Say why the minutes' publication is withdrawn.",
        ),
    ],
)
def test_agenda_and_minutes_are_refused_each_in_its_own_words(
    draft_meeting: Meeting, what: Publication, not_published: str, again: str, why: str
) -> None:
    Minute.objects.create(item=AgendaItem.objects.get(meeting=draft_meeting), text="Noted.")
    with pytest.raises(PublicationError) as refused:
        withdraw(meeting=draft_meeting, what=what, user=None, reason="Mistake")
    assert str(refused.value) == not_published
    publish(meeting=draft_meeting, what=what, user=None, when=PUBLISHED)
    with pytest.raises(PublicationError) as refused:
        publish(meeting=draft_meeting, what=what, user=None)
    assert str(refused.value) == again
    with pytest.raises(PublicationError) as refused:
        withdraw(meeting=draft_meeting, what=what, user=None, reason="  ")
    assert str(refused.value) == why


def stored_pack(meeting: Meeting) -> Pack:
    """A pack's record (its file is not read here)."""
    return Pack.objects.create(
        meeting=meeting, version="public", file="packs/x.pdf", pages=1, size=1, checksum="x"
    )


@pytest.mark.parametrize(
    ("what", "withdrawn", "reason"),
    [
        (Publication.AGENDA, "own", "The agenda's publication was withdrawn: Wrong meeting."),
        (
            Publication.MINUTES,
            "later",
            "The minutes of 8 September 2017 it prints were withdrawn: Wrong meeting.",
        ),
    ],
)
def test_withdrawing_stops_the_packs_printed_from_it(
    draft_meeting: Meeting, make_user, what: Publication, withdrawn: str, reason: str
) -> None:
    Minute.objects.create(item=AgendaItem.objects.get(meeting=draft_meeting), text="Noted.")
    later = Meeting.objects.create(committee=draft_meeting.committee, date=date(2017, 10, 20))
    AgendaItem.objects.create(meeting=later, number=3, title="Minutes", minutes_of=draft_meeting)
    packs = {"own": stored_pack(draft_meeting), "later": stored_pack(later)}
    publish(meeting=draft_meeting, what=what, user=None, when=PUBLISHED)
    scrutiny = make_user(username="scrutiny", role=Role.SCRUTINY_OFFICER)
    record = withdraw(meeting=draft_meeting, what=what, user=scrutiny, reason=" Wrong meeting. ")
    assert (record.what, record.published_at, record.withdrawn_by) == (what, PUBLISHED, scrutiny)
    assert record.reason == "Wrong meeting."
    assert getattr(draft_meeting, f"{what}_published_at") is None
    for name, pack in packs.items():
        pack.refresh_from_db()
        assert pack.is_withdrawn == (name == withdrawn)
        assert pack.withdrawn_reason == (reason if name == withdrawn else "")
