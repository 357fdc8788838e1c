"""A meeting's minutes have their own page and PDF; exempt minutes only for those entitled."""

import io
from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client
from pypdf import PdfReader

from committees.models import AgendaItem, Committee, Meeting, Minute
from committees.publication import publish_agenda, publish_minutes
from scrutiny.roles import Role
from tests.committees.conftest import PUBLISHED

pytestmark = pytest.mark.django_db

SECRET = "The bids of the three providers were compared line by line."


@pytest.fixture
def july(make_committee: Callable[..., Committee]) -> Meeting:
    """21 July 2017 with a public minute and an exempt one, its minutes published."""
    meeting = Meeting.objects.create(committee=make_committee(), date=date(2017, 7, 21))
    public = AgendaItem.objects.create(meeting=meeting, number=8, title="Inclusive Lincolnshire")
    Minute.objects.create(
        item=public,
        text="The Committee noted the progress.",
        resolutions="That the report be noted.",
    )
    private = AgendaItem.objects.create(meeting=meeting, number=12, title="Contract award")
    Minute.objects.create(item=private, text=SECRET, exempt_paragraph=3)
    publish_minutes(meeting=meeting, user=None, when=PUBLISHED)
    return meeting


def minutes_url(meeting: Meeting, pdf: bool = False) -> str:
    return meeting.get_absolute_url() + ("minutes.pdf" if pdf else "minutes/")


def pdf_text(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    data = b"".join(response.streaming_content)
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_minutes_page_prints_each_minute_with_its_decisions(
    client: Client, july: Meeting
) -> None:
    page = client.get(minutes_url(july)).content.decode()
    assert "Minutes of Friday 21 July 2017" in page
    assert "The Committee noted the progress." in page and "That the report be noted." in page
    assert "Draft minutes" in page


def test_an_exempt_minute_shows_the_public_only_its_statement(
    client: Client, july: Meeting
) -> None:
    page = client.get(minutes_url(july)).content.decode()
    assert "2. Contract award" in page
    assert "paragraph 3 of Part 1 of Schedule 12A" in page
    assert SECRET not in page
    assert SECRET not in client.get(july.get_absolute_url()).content.decode()


def test_a_committee_member_reads_the_exempt_minute(
    client: Client, july: Meeting, make_person, make_user
) -> None:
    user = make_user(username="member", role=Role.COMMITTEE_MEMBER)
    make_person("Cllr Member", committee=july.committee, user=user)
    client.force_login(user)
    assert SECRET in client.get(minutes_url(july)).content.decode()
    assert SECRET in client.get(july.get_absolute_url()).content.decode()
    assert client.get(minutes_url(july))["Cache-Control"] == "private, no-store"


def test_the_minutes_pdf_holds_the_minutes_and_for_the_public_not_the_exempt_one(
    client: Client, july: Meeting, make_person, make_user
) -> None:
    text = pdf_text(client, minutes_url(july, pdf=True))
    assert "The Committee noted the progress." in text
    assert "RESOLVED" in text and "That the report be noted." in text
    assert "NOT FOR PUBLICATION" in text and "Schedule 12A" in text
    assert "compared line by line" not in text
    user = make_user(username="member", role=Role.COMMITTEE_MEMBER)
    make_person("Cllr Member", committee=july.committee, user=user)
    client.force_login(user)
    assert "compared line by line" in pdf_text(client, minutes_url(july, pdf=True))


def test_unpublished_minutes_have_no_page_or_pdf_for_the_public(
    client: Client, make_committee: Callable[..., Committee]
) -> None:
    meeting = Meeting.objects.create(committee=make_committee(), date=date(2017, 7, 21))
    item = AgendaItem.objects.create(meeting=meeting, number=1, title="Apologies")
    Minute.objects.create(item=item, text="None.")
    assert client.get(minutes_url(meeting)).status_code == 404
    assert client.get(minutes_url(meeting, pdf=True)).status_code == 404


def test_the_meeting_page_and_the_next_meetings_minutes_item_link_to_the_minutes(
    client: Client, july: Meeting
) -> None:
    september = Meeting.objects.create(committee=july.committee, date=date(2017, 9, 8))
    AgendaItem.objects.create(
        meeting=september, number=3, title="Minutes of the previous meeting", minutes_of=july
    )
    publish_agenda(meeting=september, user=None, when=PUBLISHED)
    assert f'href="{minutes_url(july)}"' in client.get(july.get_absolute_url()).content.decode()
    page = client.get(september.get_absolute_url()).content.decode()
    assert f'href="{minutes_url(july)}">Read the minutes of 21 July 2017<' in page


def test_the_web_pack_prints_an_exempt_minute_as_its_statement_for_the_public(
    client: Client, july: Meeting, make_person, make_user
) -> None:
    september = Meeting.objects.create(committee=july.committee, date=date(2017, 9, 8))
    AgendaItem.objects.create(meeting=september, number=3, title="Minutes", minutes_of=july)
    publish_agenda(meeting=september, user=None, when=PUBLISHED)
    pack = september.get_absolute_url() + "pack/"
    page = client.get(pack).content.decode()
    assert "The Committee noted the progress." in page
    assert "NOT FOR PUBLICATION" in page and SECRET not in page
    user = make_user(username="member", role=Role.COMMITTEE_MEMBER)
    make_person("Cllr Member", committee=july.committee, user=user)
    client.force_login(user)
    assert SECRET in client.get(pack).content.decode()
