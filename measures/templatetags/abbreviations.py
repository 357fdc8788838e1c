"""`{{ indicator.title|abbreviated }}`: a national indicator's title with its abbreviations spelled
out in `<abbr title>` (measures/benchmarking/abbreviations.py)."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from measures.benchmarking.abbreviations import pieces

register = template.Library()


@register.filter
def abbreviated(title: str) -> SafeString:
    """The title, each abbreviation marked up with what it stands for."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html('<abbr title="{}">{}</abbr>', piece.expansion, piece.text),)
            if piece.expansion
            else (piece.text,)
            for piece in pieces(str(title))
        ),
    )
