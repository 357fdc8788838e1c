"""Signing in brings you back to the page you were on, and only ever to this site."""

import pytest
from django.test import Client

from committees.models import Paper
from scrutiny.roles import Role
from tests.committees.conftest import EXEMPT_TEXT
from tests.conftest import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client: Client, link: str, username: str):  # noqa: ANN201
    """Follow a sign-in link as a browser does: open the form, post it with its `next`."""
    form = client.get(link)
    assert form.status_code == 200
    return client.post(
        "/sign-in/",
        {"username": username, "password": TEST_PASSWORD, "next": form.context["next"]},
    )


def test_the_header_link_signs_you_in_back_to_the_page_you_were_on(
    client: Client, exempt_meeting, make_user
) -> None:
    make_user(username="cllr.kirk", role=Role.COMMITTEE_MEMBER)
    here = exempt_meeting.get_absolute_url()
    page = client.get(here).content.decode()
    link = f"/sign-in/?next={here}"
    assert f'href="{link}"' in page
    response = sign_in(client, link, "cllr.kirk")
    assert response.status_code == 302 and response["Location"] == here


def test_the_exempt_papers_refusal_offers_to_sign_in_and_comes_back_to_the_paper(
    client: Client, exempt_meeting, make_user, make_person
) -> None:
    user = make_user(username="cllr.member", role=Role.COMMITTEE_MEMBER)
    make_person("Councillor Member", committee=exempt_meeting.committee, user=user)
    paper = Paper.objects.get(item__meeting=exempt_meeting, exempt_paragraph=3)
    refused = client.get(paper.get_absolute_url())
    assert refused.status_code == 403
    link = f"/sign-in/?next={paper.get_absolute_url()}"
    assert f'href="{link}">Sign in to read it</a>' in refused.content.decode()
    response = sign_in(client, link, "cllr.member")
    assert response["Location"] == paper.get_absolute_url()
    assert EXEMPT_TEXT in client.get(response["Location"]).content.decode()


def test_signed_in_people_are_not_offered_to_sign_in_again(
    client: Client, exempt_meeting, make_user
) -> None:
    client.force_login(make_user(username="outsider", role=Role.COMMITTEE_MEMBER))
    paper = Paper.objects.get(item__meeting=exempt_meeting, exempt_paragraph=3)
    assert "Sign in to read it" not in client.get(paper.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "elsewhere",
    ["https://evil.example/", "//evil.example/papers/", "http://testserver.evil.example/"],
)
def test_next_never_sends_you_to_another_site(client: Client, make_user, elsewhere: str) -> None:
    make_user(username="cllr.kirk", role=Role.COMMITTEE_MEMBER)
    response = client.post(
        "/sign-in/", {"username": "cllr.kirk", "password": TEST_PASSWORD, "next": elsewhere}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
