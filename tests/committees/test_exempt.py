"""Exempt information reaches only those entitled: crawled as the public and as outsiders."""

from collections import deque
from datetime import date
from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse

import pytest
from django.test import Client

from committees.models import Attendance, Meeting, Paper
from scrutiny.roles import Role
from tests.committees.conftest import EXEMPT_TEXT

pytestmark = pytest.mark.django_db


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.found.append(value)


def crawl(client: Client, start: str = "/") -> dict[str, str]:
    """Every page and file reachable by following links from the home page."""
    seen: dict[str, str] = {}
    queue = deque([start])
    while queue and len(seen) < 400:
        path = queue.popleft()
        if path in seen:
            continue
        response = client.get(path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        seen[path] = body.decode("utf-8", errors="replace")
        if "html" not in response.get("Content-Type", ""):
            continue
        parser = Links()
        parser.feed(seen[path])
        for link in parser.found:
            url = urlparse(urljoin(path, link))
            if (
                url.netloc
                or url.scheme in ("mailto", "javascript")
                or url.path.startswith("/static")
            ):
                continue
            if url.path.startswith(("/admin", "/sign-out")):
                continue
            queue.append(url.path + (f"?{url.query}" if url.query else ""))
    return seen


def exempt_paper(meeting: Meeting) -> Paper:
    return Paper.objects.get(item__meeting=meeting, exempt_paragraph__isnull=False)


def read(client: Client, meeting: Meeting) -> str:
    return client.get(exempt_paper(meeting).get_absolute_url()).content.decode()


def test_the_public_never_reaches_exempt_text(client: Client, exempt_meeting) -> None:
    pages = crawl(client)
    assert exempt_meeting.get_absolute_url() in pages
    assert not [path for path, body in pages.items() if EXEMPT_TEXT in body]
    assert "paragraph 3 of Part 1 of Schedule 12A" in pages[exempt_meeting.get_absolute_url()]
    assert "Contract performance" not in pages[exempt_meeting.get_absolute_url()]
    response = client.get(exempt_paper(exempt_meeting).get_absolute_url())
    assert response.status_code == 403
    assert EXEMPT_TEXT not in response.content.decode()


def test_a_member_of_another_committee_never_reaches_it(
    client: Client, exempt_meeting, make_committee, make_person, make_user
) -> None:
    other = make_committee("Adults and Community Wellbeing Scrutiny Committee")
    user = make_user(username="cllr.other", role=Role.COMMITTEE_MEMBER)
    make_person("Councillor Other", committee=other, user=user)
    client.force_login(user)
    pages = crawl(client)
    assert not [path for path, body in pages.items() if EXEMPT_TEXT in body]
    assert client.get(exempt_paper(exempt_meeting).get_absolute_url()).status_code == 403


def test_the_parent_committees_members_are_not_entitled(
    client: Client, exempt_meeting, make_committee, make_person, make_user
) -> None:
    sub_group = make_committee("Corporate Parenting Sub-Group", parent=exempt_meeting.committee)
    Meeting.objects.filter(pk=exempt_meeting.pk).update(committee=sub_group)
    user = make_user(username="cllr.parent", role=Role.COMMITTEE_MEMBER)
    make_person("Councillor Parent", committee=sub_group.parent, user=user)
    client.force_login(user)
    assert client.get(exempt_paper(exempt_meeting).get_absolute_url()).status_code == 403


def test_the_committees_own_members_and_substitutes_can_read_it(
    client: Client, exempt_meeting, make_person, make_user
) -> None:
    member = make_user(username="cllr.member", role=Role.COMMITTEE_MEMBER)
    make_person("Councillor Member", committee=exempt_meeting.committee, user=member)
    client.force_login(member)
    assert (
        EXEMPT_TEXT in client.get(exempt_paper(exempt_meeting).get_absolute_url()).content.decode()
    )

    substitute = make_user(username="cllr.sub", role=Role.COMMITTEE_MEMBER)
    person = make_person("Councillor Substitute", user=substitute)
    Attendance.objects.create(meeting=exempt_meeting, person=person, status="substitute")
    client.force_login(substitute)
    assert (
        EXEMPT_TEXT in client.get(exempt_paper(exempt_meeting).get_absolute_url()).content.decode()
    )


def test_a_former_member_is_not_entitled(
    client: Client, exempt_meeting, make_person, make_user
) -> None:
    user = make_user(username="cllr.former", role=Role.COMMITTEE_MEMBER)
    person = make_person("Councillor Former", committee=exempt_meeting.committee, user=user)
    person.memberships.update(end=date(2017, 7, 1))
    client.force_login(user)
    assert client.get(exempt_paper(exempt_meeting).get_absolute_url()).status_code == 403


def test_scrutiny_officers_can_read_it(client: Client, exempt_meeting, make_user) -> None:
    client.force_login(make_user(username="scrutiny", role=Role.SCRUTINY_OFFICER))
    assert (
        EXEMPT_TEXT in client.get(exempt_paper(exempt_meeting).get_absolute_url()).content.decode()
    )
