"""Unconfirmed subscriptions expire; confirmed ones stay until stopped."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from scrutiny.alerts.models import Subscriber, Subscription
from scrutiny.alerts.services import subscribe

pytestmark = pytest.mark.django_db


def test_unconfirmed_alerts_are_deleted_after_seven_days_with_an_address_left_with_none(
    make_subscription, make_committee
) -> None:
    committee = make_committee()
    eight_days_ago = timezone.now() - timedelta(days=8)
    subscribe(
        email="forgot@example.org",
        topics=["agenda-published"],
        committee_id=committee.pk,
        now=eight_days_ago,
    )
    subscribe(
        email="recent@example.org",
        topics=["agenda-published"],
        committee_id=committee.pk,
        now=timezone.now() - timedelta(days=6),
    )
    kept = make_subscription("kept@example.org", topic="minutes-published", committee=committee)
    Subscription.objects.filter(subscriber=kept.subscriber).update(requested_at=eight_days_ago)

    call_command("expire_alerts")

    assert sorted(Subscriber.objects.values_list("email", flat=True)) == [
        "kept@example.org",
        "recent@example.org",
    ]
