"""Subscribing, confirming and unsubscribing, and announcing an event to its subscribers."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from scrutiny.alerts import messages
from scrutiny.alerts.links import LinkError, read_confirm, read_unsubscribe
from scrutiny.alerts.models import Subscriber, Subscription
from scrutiny.alerts.topics import topic

logger = logging.getLogger(__name__)

# So the form cannot be used to flood someone's inbox: asking again for the same alerts sends
# another confirmation only after RESEND_AFTER, and an address gets at most DAILY_CONFIRMATIONS
# confirmation messages in 24 hours.
RESEND_AFTER = timedelta(minutes=15)
DAILY_CONFIRMATIONS = 5


@dataclass(frozen=True)
class Event:
    """Something subscribers hear of: the topics it counts for, about one committee or one
    measure, in public words (never exempt content), with the public page it links to."""

    topics: tuple[str, ...]
    subject: str
    lines: tuple[str, ...]
    path: str
    committee_id: int | None = None
    measure_id: int | None = None

    @classmethod
    def from_task(cls, fields: dict[str, Any]) -> Event:
        return cls(**{**fields, "topics": tuple(fields["topics"]), "lines": tuple(fields["lines"])})


def announce(event: Event) -> None:
    """Alert the event's subscribers from a task, once the current transaction commits.

    The task sends straight through the delivery backend (settings.MAIL_DELIVERY_BACKEND), as
    scrutiny.mail's task does, rather than queueing a task per message: the queue's records
    then never hold a subscriber's address."""
    from scrutiny.alerts.tasks import send_alerts

    if not _following(event).exists():
        return  # no task for an event no one follows (most of them)
    fields = {**asdict(event), "topics": list(event.topics), "lines": list(event.lines)}
    transaction.on_commit(lambda: send_alerts.enqueue(fields))


def confirmed(topics: Iterable[str]) -> QuerySet[Subscription]:
    """Confirmed subscriptions to any of these topics: receivers ask it first whether anyone
    follows an event at all, in one query, before working out what to say."""
    return Subscription.objects.filter(confirmed_at__isnull=False, topic__in=list(topics))


def _following(event: Event) -> QuerySet[Subscription]:
    about: dict[str, Any] = {"committee_id": event.committee_id, "measure_id": event.measure_id}
    return confirmed(event.topics).filter(**about)


def deliver(event: Event) -> int:
    """Send each confirmed subscriber of the event one message (however many of its topics
    they follow); returns how many messages were sent."""
    following = (
        _following(event)
        .select_related("subscriber", "committee", "measure")
        .order_by("subscriber_id", "pk")
    )
    by_subscriber: dict[int, list[Subscription]] = {}
    for subscription in following:
        by_subscriber.setdefault(subscription.subscriber_id, []).append(subscription)
    connection = get_connection(settings.MAIL_DELIVERY_BACKEND)
    sent = 0
    for subscriptions in by_subscriber.values():
        sent += _send(messages.alert(subscriptions[0].subscriber, subscriptions, event), connection)
    return sent


def _send(message: EmailMessage, connection: BaseEmailBackend) -> int:
    """Send one message; one that fails is logged (by subscriber, never address), not retried."""
    message.connection = connection
    try:
        return message.send()
    except OSError as error:  # smtplib's errors are OSErrors: a refused address, a lost server
        logger.error("An alert could not be sent: %s", error)
        return 0


def send_confirmation(ids: list[int]) -> int:
    """Send the confirmation message for these subscriptions, if they still wait for it."""
    waiting = list(
        Subscription.objects.filter(pk__in=ids, confirmed_at__isnull=True)
        .select_related("subscriber", "committee", "measure")
        .order_by("pk")
    )
    if not waiting:
        return 0
    connection = get_connection(settings.MAIL_DELIVERY_BACKEND)
    return _send(messages.confirmation(waiting[0].subscriber, waiting), connection)


def normalised(email: str) -> str:
    return email.strip().lower()


@transaction.atomic
def subscribe(
    *,
    email: str,
    topics: list[str],
    committee_id: int | None = None,
    measure_id: int | None = None,
    now: datetime | None = None,
) -> list[Subscription]:
    """Ask for alerts: each topic is stored unconfirmed and a confirmation message sent.

    Returns the subscriptions waiting to be confirmed (none if the address already has them
    all). Nothing is sent about them until the link in the message is followed.
    """
    now = now or timezone.now()
    expire_unconfirmed(now=now)
    subscriber, _ = Subscriber.objects.get_or_create(email=normalised(email))
    # Each confirmation sent stamps what it asked for with one time: count the stamps.
    sent_today = (
        Subscription.objects.filter(subscriber=subscriber, requested_at__gt=now - timedelta(days=1))
        .values("requested_at")
        .distinct()
        .count()
    )
    waiting, send = [], False
    for key in topics:
        if topic(key) is None:
            raise ValueError(f"No such alert: {key!r}.")
        subscription, created = Subscription.objects.get_or_create(
            subscriber=subscriber,
            topic=key,
            committee_id=committee_id,
            measure_id=measure_id,
            defaults={"requested_at": now},
        )
        if subscription.confirmed_at is None:
            waiting.append(subscription)
            send = send or created or subscription.requested_at <= now - RESEND_AFTER
    if send and sent_today < DAILY_CONFIRMATIONS:
        from scrutiny.alerts.tasks import send_confirmation_task

        ids = [s.pk for s in waiting]
        Subscription.objects.filter(pk__in=ids).update(requested_at=now)
        # The task is given the rows, not the address, so the queue never holds it.
        transaction.on_commit(lambda: send_confirmation_task.enqueue(ids))
    return waiting


@transaction.atomic
def confirm(*, token: str, now: datetime | None = None) -> list[Subscription]:
    """Confirm what a confirmation link asked for; the subscriptions it covers."""
    key, ids = read_confirm(token)
    subscriptions = list(
        Subscription.objects.filter(subscriber__key=key, pk__in=ids).select_related(
            "subscriber", "committee", "measure"
        )
    )
    if not subscriptions:
        raise LinkError(
            "This link has expired, or the alerts were stopped since. Subscribe again to "
            "get a new one."
        )
    now = now or timezone.now()
    Subscription.objects.filter(
        pk__in=[s.pk for s in subscriptions], confirmed_at__isnull=True
    ).update(confirmed_at=now)
    return subscriptions


@transaction.atomic
def remove(*, subscriber: Subscriber, ids: list[int]) -> bool:
    """Stop these alerts of a subscriber; deletes the address with its last one. Whether the
    address was deleted."""
    Subscription.objects.filter(subscriber=subscriber, pk__in=ids).delete()
    if not Subscription.objects.filter(subscriber=subscriber).exists():
        subscriber.delete()
        return True
    return False


def unsubscribe(*, token: str) -> tuple[Subscriber | None, bool]:
    """Stop what an unsubscribe link names. Returns the subscriber (None if already gone)
    and whether the address was deleted. A link used twice does nothing the second time."""
    key, ids = read_unsubscribe(token)
    subscriber = Subscriber.objects.filter(key=key).first()
    if subscriber is None:
        return None, True
    return subscriber, remove(subscriber=subscriber, ids=ids)


def expire_unconfirmed(*, now: datetime | None = None) -> int:
    """Delete subscriptions left unconfirmed past ALERT_CONFIRM_DAYS, and addresses with no
    subscription left; returns how many subscriptions were deleted."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.ALERT_CONFIRM_DAYS)
    deleted, _ = Subscription.objects.filter(
        confirmed_at__isnull=True, requested_at__lt=cutoff
    ).delete()
    Subscriber.objects.filter(subscriptions__isnull=True).delete()
    return deleted
