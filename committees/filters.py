"""Filters: the committee filter committees adds to the dashboard, and the meetings list's."""

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils import timezone

from committees.models import Committee, Meeting
from measures.pages.extensions import register_dashboard_filter


def _committees(request: Any) -> Any:
    return Committee.objects.all()


def register() -> None:
    """Let the dashboard show only the measures a committee scrutinises."""
    register_dashboard_filter(
        "committee",
        django_filters.ModelChoiceFilter(
            field_name="committees", queryset=_committees, empty_label="All", label="Committee"
        ),
    )


UPCOMING, PAST = "upcoming", "past"


class MeetingFilter(django_filters.FilterSet):
    """The meetings list: coming up or past, and one committee's."""

    when = django_filters.ChoiceFilter(
        label="Meetings",
        choices=[(UPCOMING, "Coming up"), (PAST, "Past")],
        empty_label="Coming up and past",
        method="filter_when",
    )
    committee = django_filters.ModelChoiceFilter(
        queryset=_committees, to_field_name="slug", empty_label="All committees"
    )

    class Meta:
        model = Meeting
        fields = ["when", "committee"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            field.widget.attrs["class"] = "govuk-select"

    def filter_when(self, queryset: QuerySet[Meeting], name: str, value: str) -> QuerySet[Meeting]:
        today = timezone.localdate()
        if value == UPCOMING:
            return queryset.filter(date__gte=today)
        return queryset.filter(date__lt=today)
