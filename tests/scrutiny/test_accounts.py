"""Roles, sign-in, sign-out, throttling and password rules."""

import runpy
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client, override_settings

from scrutiny import settings as settings_module
from scrutiny.roles import Role
from tests.conftest import TEST_PASSWORD


@pytest.mark.django_db
def test_migrations_create_the_four_roles() -> None:
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Committee member", "Officer", "Performance lead", "Scrutiny officer"} <= names


@pytest.mark.django_db
def test_sign_in_with_the_right_password_goes_to_the_dashboard(client: Client, make_user) -> None:
    make_user(username="cllr.kirk", role=Role.COMMITTEE_MEMBER)
    response = client.post(
        "/sign-in/", {"username": "cllr.kirk", "password": TEST_PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/"
    assert response.context["user"].username == "cllr.kirk"
    assert "Sign out" in response.content.decode()


@pytest.mark.django_db
def test_wrong_password_is_refused_with_a_message(client: Client, make_user) -> None:
    make_user(username="cllr.kirk")
    response = client.post("/sign-in/", {"username": "cllr.kirk", "password": "nope"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Please enter a correct username and password" in page
    assert not response.context["user"].is_authenticated


@pytest.mark.django_db
def test_repeated_failed_sign_ins_lock_the_account_even_with_the_right_password(
    client: Client, make_user, settings
) -> None:
    make_user(username="target")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/sign-in/", {"username": "target", "password": "guess"})
    response = client.post("/sign-in/", {"username": "target", "password": TEST_PASSWORD})
    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_sign_out_is_a_post_and_ends_the_session(client: Client, make_user) -> None:
    client.force_login(make_user(username="someone"))
    response = client.post("/sign-out/", follow=True)
    assert not response.context["user"].is_authenticated
    assert "Sign in" in response.content.decode()


@pytest.mark.parametrize("password", ["password123", "short", "12345678901234"])
def test_weak_passwords_are_rejected(password: str) -> None:
    with pytest.raises(ValidationError):
        validate_password(password)


@pytest.mark.sqlite
@pytest.mark.django_db
def test_demo_accounts_have_one_role_each_and_the_printed_passwords_work(capsys) -> None:
    call_command("load_demo")
    printed = capsys.readouterr().out
    client = Client()
    for role in Role:
        user = get_user_model().objects.get(groups__name=role.value)
        line = next(line for line in printed.splitlines() if line.strip().startswith(user.username))
        password = line.split()[1]
        response = client.post("/sign-in/", {"username": user.username, "password": password})
        assert response.status_code == 302, f"{user.username} could not sign in"
        client.post("/sign-out/")
        assert user.is_staff == (role is not Role.COMMITTEE_MEMBER)


@pytest.mark.django_db
def test_loading_the_demo_twice_changes_nothing(capsys) -> None:
    call_command("load_demo")
    call_command("load_demo")
    assert get_user_model().objects.count() == len(Role)


def settings_from_environment(monkeypatch: pytest.MonkeyPatch, **env: str) -> dict[str, object]:
    """The sign-in throttle's settings as scrutiny/settings.py computes them from env."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    computed = runpy.run_path(str(Path(settings_module.__file__)))
    return {
        name: value for name, value in computed.items() if name.startswith(("AXES_", "IPWARE_"))
    }


def sign_in(client: Client, address: str, password: str) -> int:
    # The proxy (127.0.0.1) appends the address it was reached from to X-Forwarded-For.
    return client.post(
        "/sign-in/",
        {"username": "target", "password": password},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=address,
    ).status_code


@pytest.mark.django_db
def test_behind_a_proxy_one_client_s_lock_out_does_not_lock_out_another(
    monkeypatch: pytest.MonkeyPatch, make_user
) -> None:
    make_user(username="target")
    production = settings_from_environment(monkeypatch, BEHIND_PROXY="1", PROXY_COUNT="1")
    with override_settings(**production):
        attacker, colleague = Client(), Client()
        for _ in range(production["AXES_FAILURE_LIMIT"]):
            sign_in(attacker, "198.51.100.7", "guess")
        assert sign_in(attacker, "198.51.100.7", TEST_PASSWORD) == 429
        # A forged address in front of the one the proxy wrote changes nothing.
        assert sign_in(attacker, "192.0.2.1, 198.51.100.7", TEST_PASSWORD) == 429
        assert sign_in(colleague, "203.0.113.20", TEST_PASSWORD) == 302
