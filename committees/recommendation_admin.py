"""The recommendations tracker in the admin: scrutiny officers record and update them."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from committees.models import Recommendation, RecommendationUpdate
from committees.signals import recommendation_updated
from scrutiny.admin_history import GuardedHistoryAdmin


class RecommendationUpdateInline(admin.StackedInline):
    model = RecommendationUpdate
    extra = 1
    fields = ["date", "text", "evidence", "status"]


class RecommendationAdmin(GuardedHistoryAdmin):
    list_display = ["__str__", "committee", "source", "owner", "due", "response", "status"]
    list_filter = ["committee", "status", "source", "response", "published"]
    search_fields = ["text", "source_name", "addressed_to"]
    autocomplete_fields = ["owner"]
    filter_horizontal = ["measures"]
    raw_id_fields = ["minute", "actions"]
    inlines = [RecommendationUpdateInline]
    fieldsets = [
        (None, {"fields": ["committee", "text", "addressed_to", "owner", "raised", "due"]}),
        ("Source", {"fields": ["source", "source_name", "minute"]}),
        ("Response and status", {"fields": ["response", "response_reasons", "status"]}),
        ("Links and publication", {"fields": ["measures", "actions", "published"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # One from a minute taken in private only for those entitled to read that minute.
        return (
            super()
            .get_queryset(request)
            .filter(pk__in=Recommendation.objects.visible_to(request.user).values("pk"))
        )

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        super().save_formset(request, form, formset, change)
        # An update that records a status moves the recommendation to it (the latest wins).
        moved = [u for u in formset.new_objects if getattr(u, "status", "")]
        if moved:
            latest = max(moved, key=lambda u: (u.date, u.pk))
            recommendation = form.instance
            if recommendation.status != latest.status:
                recommendation.status = latest.status
                recommendation.save(update_fields=["status", "updated_at"])
        for update in formset.new_objects:
            if isinstance(update, RecommendationUpdate):
                recommendation_updated.send(sender=RecommendationUpdate, update=update)


def register() -> None:
    """Called from CommitteesConfig.ready(); registering twice changes nothing."""
    if not admin.site.is_registered(Recommendation):
        admin.site.register(Recommendation, RecommendationAdmin)
