"""Shared fixtures and make_* builders for the whole suite."""

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import override_settings

from scrutiny.roles import Role

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls made
# by fixtures around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
TEST_PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(scope="session", autouse=True)
def _test_server_settings() -> Iterator[None]:
    """Plain HTTP on the test server, and static files by their own names.

    Session-wide so the live server's middleware is built with them. Production's HTTPS
    settings are tested in test_settings, hashed static names in test_static.
    """
    with override_settings(
        SECURE_SSL_REDIRECT=False,
        SESSION_COOKIE_SECURE=False,
        CSRF_COOKIE_SECURE=False,
        SECURE_HSTS_SECONDS=0,
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    ):
        yield


@pytest.fixture
def make_user(db: None) -> Callable[..., Any]:
    """Build a user holding a role (or none), with a known password."""

    def make(username: str = "user", role: Role | None = None, **fields: Any) -> Any:
        user = get_user_model().objects.create_user(
            username=username,
            password=TEST_PASSWORD,
            is_staff=role.is_staff if role else False,
            **fields,
        )
        if role:
            user.groups.add(Group.objects.get_or_create(name=role.value)[0])
        return user

    return make


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Drive Debian's Chromium; never a downloaded browser."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def artifacts() -> Path:
    """A git-ignored folder for screenshots a person can look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def demo(make_user: Callable[..., Any]) -> dict[str, Any]:
    """Lincolnshire's demo measures; the officer owns the quarterly ones, the lead the annual."""
    from measures.demo import load_demo_measures

    officer = make_user(username="officer", role=Role.OFFICER)
    lead = make_user(username="lead", role=Role.PERFORMANCE_LEAD)
    load_demo_measures(owners={"quarterly": officer, "annual": lead}, publisher=lead)
    return {"officer": officer, "lead": lead}
