"""The committee filter committees adds to the measures dashboard."""

from typing import Any

import django_filters

from committees.models import Committee
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
