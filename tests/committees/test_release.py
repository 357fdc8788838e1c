"""Releasing an exempt paper: before, the public sees nothing of it; after, it is public."""

import pytest
from django.test import Client

from committees.models import Meeting, Paper, PaperRelease
from committees.packs.sources import sources_digest
from committees.release import ReleaseError, release_paper
from scrutiny.roles import Role
from tests.committees.conftest import EXEMPT_TEXT

pytestmark = pytest.mark.django_db


def exempt_paper(meeting: Meeting) -> Paper:
    return Paper.objects.get(item__meeting=meeting, exempt_paragraph__isnull=False)


def public_sees(client: Client, meeting: Meeting, paper: Paper) -> list[str]:
    """Where a visitor finds the paper's title or text: its page, the meeting, search, API."""
    places = {
        "paper page": client.get(paper.get_absolute_url()).content.decode(),
        "meeting page": client.get(meeting.get_absolute_url()).content.decode(),
        "search": client.get("/search/", {"q": "contract performance"}).content.decode(),
        "API": client.get("/api/v1/papers").content.decode(),
    }
    return [place for place, text in places.items() if "Contract performance" in text]


def test_an_exempt_paper_is_public_everywhere_once_released(
    client: Client, exempt_meeting: Meeting, make_user
) -> None:
    paper = exempt_paper(exempt_meeting)
    officer = make_user("officer", Role.SCRUTINY_OFFICER)
    assert public_sees(client, exempt_meeting, paper) == []
    public_pack_before = sources_digest(meeting=exempt_meeting, full=False)

    release = release_paper(paper=paper, user=officer, reason="The contract has been let.")

    paper.refresh_from_db()
    assert not paper.is_exempt and paper.exempt_review_on is None
    assert (release.exempt_paragraph, release.released_by, release.reason) == (
        3,
        officer,
        "The contract has been let.",
    )
    assert public_sees(client, exempt_meeting, paper) == [
        "paper page",
        "meeting page",
        "search",
        "API",
    ]
    assert EXEMPT_TEXT in client.get(paper.get_absolute_url()).content.decode()
    # The public pack printed without it is out of date: its sources now include the paper.
    assert sources_digest(meeting=exempt_meeting, full=False) != public_pack_before


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_release_needs_a_reason_and_changes_nothing_without_one(
    exempt_meeting: Meeting, reason: str
) -> None:
    paper = exempt_paper(exempt_meeting)
    with pytest.raises(ReleaseError, match="Say why"):
        release_paper(paper=paper, user=None, reason=reason)
    paper.refresh_from_db()
    assert paper.exempt_paragraph == 3
    assert not PaperRelease.objects.exists()


def test_a_public_paper_cannot_be_released(exempt_meeting: Meeting) -> None:
    paper = Paper.objects.get(item__meeting=exempt_meeting, exempt_paragraph__isnull=True)
    with pytest.raises(ReleaseError, match="not exempt"):
        release_paper(paper=paper, user=None, reason="Why not.")


def test_a_scrutiny_officer_releases_a_paper_with_a_reason(
    client: Client, exempt_meeting: Meeting, make_user
) -> None:
    client.force_login(make_user("officer", Role.SCRUTINY_OFFICER))
    paper = exempt_paper(exempt_meeting)
    address = f"/committees/papers/{paper.key}/release/"

    refused = client.post(address, {"reason": ""})
    assert "Say why the exemption no longer applies" in refused.content.decode()
    assert exempt_paper(exempt_meeting) == paper

    done = client.post(address, {"reason": "The contract has been let."}, follow=True)
    assert "it is now public" in done.content.decode()
    assert "The contract has been let." in done.content.decode()  # listed as released
    assert not Paper.objects.filter(pk=paper.pk, exempt_paragraph__isnull=False).exists()


@pytest.mark.parametrize("role", [None, Role.COMMITTEE_MEMBER, Role.OFFICER, Role.PERFORMANCE_LEAD])
def test_only_scrutiny_officers_may_release(
    client: Client, exempt_meeting: Meeting, make_user, role: Role | None
) -> None:
    if role is not None:
        client.force_login(make_user("someone", role))
    paper = exempt_paper(exempt_meeting)
    response = client.post(f"/committees/papers/{paper.key}/release/", {"reason": "Because."})
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/sign-in/" in response["Location"]
    assert exempt_paper(exempt_meeting).exempt_paragraph == 3
