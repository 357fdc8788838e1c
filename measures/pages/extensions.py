"""Where other apps add to measures' pages without measures naming them: dashboard filters."""

from __future__ import annotations

import django_filters

# Filled from other apps' AppConfig.ready(), in the order they register.
_dashboard_filters: dict[str, django_filters.Filter] = {}


def register_dashboard_filter(name: str, dashboard_filter: django_filters.Filter) -> None:
    """Add a filter to the dashboard, shown after measures' own filters and before status.

    Registering a name again replaces its filter, so a second ready() changes nothing.
    """
    _dashboard_filters[name] = dashboard_filter


def dashboard_filters() -> dict[str, django_filters.Filter]:
    """The filters other apps registered, by name, in the order they registered."""
    return dict(_dashboard_filters)
