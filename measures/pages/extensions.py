"""Where other apps add to measures' pages without measures naming them: filters and sections."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import django_filters

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from measures.models import Measure
    from measures.rules.periods import Period

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


@dataclass(frozen=True)
class Section:
    """A part of the measure page another app adds: a heading and the template under it.

    The template is included with `section` in its context, and reads its values from
    `section.context`.
    """

    title: str  # the section's heading, a level-2 heading on the page
    template_name: str
    context: Mapping[str, object] = field(default_factory=dict)


# What a section is built from: the measure, the quarter the page shows and who is looking
# (an AnonymousUser for the public). It returns None when it has nothing to show. It is
# called once per page: it should read what it needs in a fixed number of queries.
SectionProvider = Callable[["Measure", "Period", "User | AnonymousUser"], "Section | None"]

_measure_sections: dict[str, SectionProvider] = {}


def register_measure_section(name: str, provider: SectionProvider) -> None:
    """Add a section to the measure page, after benchmarking and before "About this measure".

    Sections show in the order they registered; registering a name again replaces its provider.
    """
    _measure_sections[name] = provider


def measure_sections() -> dict[str, SectionProvider]:
    """The section providers other apps registered, by name, in the order they registered."""
    return dict(_measure_sections)


@dataclass(frozen=True)
class Link:
    """A link another app puts on the dashboard, under its summary: words and an address."""

    text: str
    url: str


# What a dashboard link is built from: the dashboard's query (its filters, as the address
# gives them) and who is looking. It returns None when it has nothing to link to.
LinkProvider = Callable[[Mapping[str, str], "User | AnonymousUser"], "Link | None"]

_dashboard_links: dict[str, LinkProvider] = {}


def register_dashboard_link(name: str, provider: LinkProvider) -> None:
    """Add a link to the dashboard (one line of its template lists them all).

    Links show in the order they registered; registering a name again replaces its provider.
    """
    _dashboard_links[name] = provider


def dashboard_links(query: Mapping[str, str], user: User | AnonymousUser) -> list[Link]:
    """The links other apps offer for this dashboard, in the order they registered."""
    offered = (provider(query, user) for provider in _dashboard_links.values())
    return [link for link in offered if link is not None]
