"""A meeting's address is its date, with -2 for a second meeting that day: parsed once."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from committees.addresses import MeetingAddress, parse_meeting_address
from committees.models import Meeting


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("2017-09-08", MeetingAddress(date(2017, 9, 8), 1)),
        ("2017-09-08-2", MeetingAddress(date(2017, 9, 8), 2)),
        ("2017-09-08-1", MeetingAddress(date(2017, 9, 8), 1)),
        ("2016-02-29", MeetingAddress(date(2016, 2, 29), 1)),
        ("2017-09-08-12", MeetingAddress(date(2017, 9, 8), 12)),
    ],
)
def test_an_address_reads_as_a_day_and_a_sequence(text: str, address: MeetingAddress) -> None:
    assert parse_meeting_address(text) == address


@pytest.mark.parametrize(
    "text",
    [
        "2017-13-45",  # no such month
        "2017-02-29",  # not a leap year
        "2017-9-8",  # the date in full only
        "08-09-2017",
        "2017-09-08-",
        "2017-09-08-two",
        "2017-09-08x",
        "yesterday",
        "",
    ],
)
def test_anything_else_is_not_an_address(text: str) -> None:
    with pytest.raises(ValueError):
        parse_meeting_address(text)


@pytest.mark.parametrize(
    ("address", "text"),
    [
        (MeetingAddress(date(2017, 9, 8)), "2017-09-08"),
        (MeetingAddress(date(2017, 9, 8), 1), "2017-09-08"),
        (MeetingAddress(date(2017, 9, 8), 2), "2017-09-08-2"),
        (MeetingAddress(date(2018, 1, 5), 3), "2018-01-05-3"),
    ],
)
def test_an_address_is_written_as_it_is_read(address: MeetingAddress, text: str) -> None:
    assert str(address) == text
    assert parse_meeting_address(text) == address


@pytest.mark.django_db
def test_at_finds_a_committees_meeting_by_the_committee_or_its_slug(make_committee) -> None:
    committee, other = make_committee(), make_committee("Corporate Parenting Sub-Group")
    first = Meeting.objects.create(committee=committee, date=date(2017, 9, 8))
    second = Meeting.objects.create(committee=committee, date=date(2017, 9, 8), sequence=2)
    Meeting.objects.create(committee=other, date=date(2017, 9, 8))
    assert list(Meeting.objects.at(committee, date(2017, 9, 8))) == [first]
    assert list(Meeting.objects.at(committee.slug, date(2017, 9, 8), 2)) == [second]
    assert not Meeting.objects.at(committee, date(2017, 9, 8), 3).exists()


@pytest.mark.parametrize("tail", ["", "pack/"])
@pytest.mark.parametrize(
    ("when", "status"),
    [
        ("2017-09-08", 200),
        ("2017-09-08-2", 200),
        ("2017-09-08-3", 404),  # no third meeting that day
        ("2017-09-09", 404),
        ("2017-13-45", 404),
        ("2017-02-30", 404),
        ("2017-9-8", 404),
        ("meeting", 404),
    ],
)
def test_meeting_pages_answer_at_their_address_and_404_elsewhere(
    client: Client, exempt_meeting: Meeting, tail: str, when: str, status: int
) -> None:
    second = Meeting.objects.create(
        committee=exempt_meeting.committee, date=exempt_meeting.date, sequence=2
    )
    second.agenda_published_at = exempt_meeting.agenda_published_at
    second.save()
    slug = exempt_meeting.committee.slug
    assert client.get(f"/committees/{slug}/{when}/{tail}").status_code == status


@pytest.mark.parametrize("when", ["2017-09-08-3", "2017-13-45", "2017-02-30", "meeting"])
def test_a_pack_file_at_a_bad_address_is_not_found(
    client: Client, exempt_meeting: Meeting, when: str
) -> None:
    slug = exempt_meeting.committee.slug
    assert client.get(f"/committees/{slug}/{when}/pack/public.pdf").status_code == 404
    assert client.get(f"/committees/{slug}/{when}/pack/public/item-8.pdf").status_code == 404


def test_meeting_urls_are_built_from_the_address() -> None:
    url = reverse("meeting-detail", args=["cyp", MeetingAddress(date(2017, 9, 8), 2)])
    assert url == "/committees/cyp/2017-09-08-2/"
    assert reverse("meeting-pack", args=["cyp", "2017-09-08"]) == "/committees/cyp/2017-09-08/pack/"
