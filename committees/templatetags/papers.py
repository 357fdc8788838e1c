"""The `markdown` filter: a written paper's text as the pack and its pages print it."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from committees.papers import has_headings as paper_has_headings
from committees.papers import render_paper

register = template.Library()


@register.filter
def markdown(text: str | None, top: int = 2) -> SafeString:
    """{{ paper.text|markdown:4 }}: sanitised HTML, its headings from h4 down."""
    # render_paper sanitises with nh3, so what it returns is safe to print as it is.
    return mark_safe(render_paper(text or "", top=int(top)))  # noqa: S308


@register.filter
def has_headings(text: str | None) -> bool:
    """Whether a report is written with sections of its own (so it needs no frame of ours)."""
    return paper_has_headings(text or "")
