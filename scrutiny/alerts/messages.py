"""The alert service's e-mail: the confirmation message and each alert, as text and HTML."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from scrutiny.alerts.links import absolute, confirm_url, manage_url, unsubscribe_url
from scrutiny.alerts.topics import topic

if TYPE_CHECKING:
    from scrutiny.alerts.models import Subscriber, Subscription
    from scrutiny.alerts.services import Event


def described(subscription: Subscription) -> str:
    """A subscription in words: "Children's Services Scrutiny Committee: An agenda is published"."""
    about = subscription.committee.name if subscription.committee else str(subscription.measure)
    known = topic(subscription.topic)
    return f"{about}: {known.label if known else subscription.topic}"


def _message(
    *, to: str, subject: str, template: str, context: dict[str, Any], headers: dict[str, str]
) -> EmailMultiAlternatives:
    context = {
        **context,
        "service_name": settings.SERVICE_NAME,
        "council_name": settings.COUNCIL_NAME,
        "privacy_url": absolute(reverse("privacy")),
    }
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"alerts/email/{template}.txt", context),
        to=[to],
        headers={"Auto-Submitted": "auto-generated", **headers},
    )
    html = render_to_string(f"alerts/email/{template}.html", context)
    message.attach_alternative(html, "text/html")
    return message


def confirmation(
    subscriber: Subscriber, subscriptions: Sequence[Subscription]
) -> EmailMultiAlternatives:
    """The double opt-in message: what was asked for and the link that confirms it."""
    return _message(
        to=subscriber.email,
        subject=f"Confirm your e-mail alerts from {settings.SERVICE_NAME}",
        template="confirm",
        context={
            "alerts": [described(s) for s in subscriptions],
            "confirm_url": confirm_url(subscriber.key, [s.pk for s in subscriptions]),
            "days": settings.ALERT_CONFIRM_DAYS,
        },
        headers={},
    )


def alert(
    subscriber: Subscriber, subscriptions: Sequence[Subscription], event: Event
) -> EmailMultiAlternatives:
    """One alert for one subscriber, with one-click unsubscribe (RFC 8058) from what it was
    sent for, and the link to their other alerts."""
    unsubscribe = unsubscribe_url(subscriber.key, [s.pk for s in subscriptions])
    return _message(
        to=subscriber.email,
        subject=event.subject,
        template="alert",
        context={
            "event": event,
            "page_url": absolute(event.path),
            "alerts": [described(s) for s in subscriptions],
            "unsubscribe_url": unsubscribe,
            "manage_url": manage_url(subscriber.key),
        },
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
