"""Subscribers in the admin, for data-protection requests only: found by their exact address,
never listed by it. Only superusers see it (no role is given its permissions)."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from scrutiny.alerts.models import Subscriber, Subscription


class SubscriptionInline(admin.TabularInline):
    model = Subscription
    fields = readonly_fields = ("topic", "committee", "measure", "requested_at", "confirmed_at")
    extra = 0
    can_delete = True

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    """Search by the whole address (a request names it); the list shows no addresses."""

    list_display = ["__str__", "created_at", "alert_count"]
    search_fields = ["=email"]
    search_help_text = "Enter the whole e-mail address someone asked about."
    fields = ["email", "created_at"]
    readonly_fields = ["email", "created_at"]
    inlines = [SubscriptionInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Subscriber]:
        return super().get_queryset(request).annotate(alerts=Count("subscriptions"))

    @admin.display(description="alerts", ordering="alerts")
    def alert_count(self, subscriber: Subscriber) -> int:
        return subscriber.alerts  # type: ignore[attr-defined]  # annotated by get_queryset

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Subscriber], search_term: str
    ) -> tuple[QuerySet[Subscriber], bool]:
        # Addresses are stored in lower case.
        return super().get_search_results(request, queryset, search_term.strip().lower())
