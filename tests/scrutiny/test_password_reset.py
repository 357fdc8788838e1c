"""Forgotten passwords: Django's reset flow, e-mailed through Django's e-mail backend."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from scrutiny.passwords import link_lifetime
from scrutiny.roles import Role
from tests.conftest import TEST_PASSWORD

NEW_PASSWORD = "kestrel-harbour-lantern-42"


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (3_600, "1 hour"),
        (7_200, "2 hours"),
        (86_400, "1 day"),
        (259_200, "3 days"),
        (5_400, "90 minutes"),
        (60, "1 minute"),
        (90, "2 minutes"),
        (30, "1 minute"),
    ],
)
def test_the_link_lifetime_is_said_in_the_largest_exact_unit(seconds: int, words: str) -> None:
    assert link_lifetime(seconds) == words


@pytest.mark.django_db
def test_the_sign_in_page_offers_to_reset_a_forgotten_password(client: Client) -> None:
    page = client.get("/sign-in/").content.decode()
    assert '<a class="govuk-link" href="/sign-in/forgotten/">Forgotten your password?</a>' in page


@pytest.mark.django_db
def test_the_e_mailed_link_sets_a_new_password(client: Client, make_user) -> None:
    user = make_user(username="cllr.kirk", role=Role.COMMITTEE_MEMBER, email="kirk@example.org")
    response = client.post("/sign-in/forgotten/", {"email": "kirk@example.org"}, follow=True)
    assert "Check your e-mail" in response.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["kirk@example.org"]
    assert message.subject == "Reset your password for Children's services scrutiny"
    assert "cllr.kirk" in message.body and "works once, for 1 hour" in message.body
    link = re.search(r"http://testserver(/sign-in/reset/\S+/)", message.body)
    assert link

    # Django swaps the token in the address for one kept in the session, then shows the form.
    form = client.get(link.group(1), follow=True)
    assert "Choose a new password" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert "Your password has been changed" in done.content.decode()
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD) and not user.check_password(TEST_PASSWORD)
    signed_in = client.post(
        "/sign-in/", {"username": "cllr.kirk", "password": NEW_PASSWORD}, follow=True
    )
    assert signed_in.context["user"].is_authenticated

    # The link works once.
    again = client.get(link.group(1), follow=True).content.decode()
    assert "This link no longer works" in again


@pytest.mark.django_db
def test_an_unknown_address_gets_the_same_page_and_no_e_mail(client: Client, make_user) -> None:
    make_user(username="cllr.kirk", role=Role.COMMITTEE_MEMBER, email="kirk@example.org")
    response = client.post("/sign-in/forgotten/", {"email": "nobody@example.org"}, follow=True)
    assert "Check your e-mail" in response.content.decode()
    assert mail.outbox == []
    assert get_user_model().objects.get(username="cllr.kirk").check_password(TEST_PASSWORD)


@pytest.mark.django_db
def test_a_mistyped_address_is_named_with_the_field(client: Client) -> None:
    page = client.post("/sign-in/forgotten/", {"email": "kirk at example"}).content.decode()
    assert "There is a problem" in page
    message = "Enter an e-mail address in the right format, like name@example.org"
    assert f'<li><a href="#id_email">{message}</a></li>' in page
    assert 'value="kirk at example"' in page


@pytest.mark.django_db
def test_a_weak_new_password_is_refused_with_the_reason(client: Client, make_user) -> None:
    make_user(username="cllr.kirk", role=Role.COMMITTEE_MEMBER, email="kirk@example.org")
    client.post("/sign-in/forgotten/", {"email": "kirk@example.org"})
    link = re.search(r"http://testserver(/sign-in/reset/\S+/)", mail.outbox[0].body)
    assert link
    form = client.get(link.group(1), follow=True)
    page = client.post(
        form.redirect_chain[-1][0], {"new_password1": "12345", "new_password2": "12345"}
    ).content.decode()
    assert "There is a problem" in page and "This password is too short." in page


@pytest.mark.django_db
def test_the_admin_sign_in_page_offers_the_same_reset_of_a_forgotten_password(
    client: Client, make_user
) -> None:
    page = client.get("/admin/login/").content.decode()
    link = re.search(r'<a href="([^"]+)">Forgotten your password\?</a>', page)
    assert link, "no reset link on the admin's sign-in page"
    make_user(username="cllr.kirk", role=Role.COMMITTEE_MEMBER, email="kirk@example.org")
    form = client.get(link.group(1), follow=True)
    assert "Reset your password" in form.content.decode()
    client.post(form.redirect_chain[-1][0], {"email": "kirk@example.org"})
    assert len(mail.outbox) == 1 and "cllr.kirk" in mail.outbox[0].body
