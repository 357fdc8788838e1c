"""What other apps add to measures' templates through measures/pages/extensions.py."""

from typing import Any

from django import template

from measures.pages.extensions import Link, dashboard_links

register = template.Library()


@register.simple_tag(takes_context=True)
def other_apps_links(context: dict[str, Any]) -> list[Link]:
    """The dashboard links other apps registered, for this request's filters and user."""
    request = context["request"]
    return dashboard_links(request.GET.dict(), request.user)
