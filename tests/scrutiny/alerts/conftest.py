"""Alerts' fixtures: tasks run in-process once the change commits, mail to the test outbox."""

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.test import override_settings
from django.utils import timezone

from scrutiny.alerts.models import Subscriber, Subscription

# The measures and committees builders come from tests/scrutiny/conftest.py.

SITE = "https://scrutiny.example.gov.uk"


@pytest.fixture(autouse=True)
def _alerts_in_process() -> Iterator[None]:
    """Tasks run as they are queued (after the commit), and deliver to mail.outbox."""
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
        MAIL_DELIVERY_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        SITE_URL=SITE,
    ):
        yield


@pytest.fixture
def committed(
    django_capture_on_commit_callbacks: Callable[..., AbstractContextManager[Any]],
) -> Callable[[], AbstractContextManager[Any]]:
    """`with committed(): ...` runs what waits for the commit (the test's transaction never
    commits), as it would run when a request or publication commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def make_subscription(db: None) -> Callable[..., Subscription]:
    """A confirmed subscription (unless confirmed=False) of an address to a topic."""

    def make(
        email: str = "resident@example.org", *, topic: str, confirmed: bool = True, **about: Any
    ) -> Subscription:
        subscriber, _ = Subscriber.objects.get_or_create(email=email)
        return Subscription.objects.create(
            subscriber=subscriber,
            topic=topic,
            confirmed_at=timezone.now() if confirmed else None,
            **about,
        )

    return make
