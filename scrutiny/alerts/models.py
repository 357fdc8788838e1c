"""Subscribers' addresses and what each asked to be alerted about."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone


class Subscriber(models.Model):
    """An e-mail address that follows something: deleted with its last subscription."""

    email = models.EmailField(max_length=254, unique=True)
    # Signed links carry this, never the address or the row's id.
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(email=models.functions.Lower("email")), name="subscriber_email_lower"
            )
        ]

    def __str__(self) -> str:
        return f"Subscriber {self.pk}"


class Subscription(models.Model):
    """One topic of one committee or measure that a subscriber follows, once confirmed."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    topic = models.CharField(max_length=40, help_text="A key of scrutiny/alerts/topics.py.")
    committee = models.ForeignKey(
        "committees.Committee",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    measure = models.ForeignKey(
        "measures.Measure", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(committee__isnull=True, measure__isnull=False)
                | Q(committee__isnull=False, measure__isnull=True),
                name="subscription_about_a_committee_or_a_measure",
            ),
            models.UniqueConstraint(
                fields=["subscriber", "topic", "committee"],
                condition=Q(committee__isnull=False),
                name="one_subscription_per_committee_topic",
            ),
            models.UniqueConstraint(
                fields=["subscriber", "topic", "measure"],
                condition=Q(measure__isnull=False),
                name="one_subscription_per_measure_topic",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.topic} of {self.committee or self.measure}"
