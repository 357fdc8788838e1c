"""The signed links in alert messages: confirming, managing and unsubscribing.

Each carries the subscriber's random key (never the address), signed with SECRET_KEY by
django.core.signing; a confirmation link also carries when it was made, and works for
ALERT_CONFIRM_DAYS days.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core import signing
from django.urls import reverse

CONFIRM_SALT = "scrutiny.alerts.confirm"
MANAGE_SALT = "scrutiny.alerts.manage"
UNSUBSCRIBE_SALT = "scrutiny.alerts.unsubscribe"


class LinkError(Exception):
    """A link that does not work, with the reason in words."""


def absolute(path: str) -> str:
    """An address on this service, as a message links to it (settings.SITE_URL)."""
    return settings.SITE_URL.rstrip("/") + path


def _token(salt: str, key: Any, ids: Iterable[int] = ()) -> str:
    return signing.dumps({"k": str(key), "s": sorted(ids)}, salt=salt, compress=True)


def _read(salt: str, token: str, *, max_age: int | None = None) -> tuple[str, list[int]]:
    try:
        payload = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        raise LinkError(
            "This link has expired: confirmation links work for "
            f"{settings.ALERT_CONFIRM_DAYS} days. Subscribe again to get a new one."
        ) from None
    except signing.BadSignature:
        raise LinkError(
            "This link is not valid. Check it is the whole link from the message: "
            "some e-mail programs split long links over two lines."
        ) from None
    return str(payload["k"]), [int(pk) for pk in payload["s"]]


def confirm_url(key: Any, ids: Iterable[int]) -> str:
    return absolute(reverse("alerts-confirm", args=[_token(CONFIRM_SALT, key, ids)]))


def read_confirm(token: str) -> tuple[str, list[int]]:
    """The subscriber's key and the subscriptions a confirmation link confirms."""
    return _read(CONFIRM_SALT, token, max_age=settings.ALERT_CONFIRM_DAYS * 86_400)


def manage_path(key: Any) -> str:
    return reverse("alerts-manage", args=[_token(MANAGE_SALT, key)])


def manage_url(key: Any) -> str:
    return absolute(manage_path(key))


def read_manage(token: str) -> str:
    """The subscriber's key a manage link is for."""
    return _read(MANAGE_SALT, token)[0]


def unsubscribe_url(key: Any, ids: Iterable[int]) -> str:
    return absolute(reverse("alerts-unsubscribe", args=[_token(UNSUBSCRIBE_SALT, key, ids)]))


def read_unsubscribe(token: str) -> tuple[str, list[int]]:
    """The subscriber's key and the subscriptions an unsubscribe link stops."""
    return _read(UNSUBSCRIBE_SALT, token)
