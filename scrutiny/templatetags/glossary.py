"""`{% term "tolerance-band" %}tolerance band{% endterm %}`: the first use on a page links to the
glossary, later uses are plain words, so a page is not a thicket of links."""

from typing import Any, cast

from django import template
from django.template.base import Parser, Token
from django.template.context import Context
from django.urls import reverse
from django.utils.html import format_html

from scrutiny.glossary import TERMS

register = template.Library()

# Kept in the render context's outermost layer, which the page, its includes and its parent
# template share, and which no other page's rendering sees.
_LINKED = "scrutiny.glossary.linked"


class TermNode(template.Node):
    def __init__(self, key: str, nodelist: template.NodeList) -> None:
        self.key = key
        self.nodelist = nodelist

    def render(self, context: Context) -> str:
        words = self.nodelist.render(context)
        # django-stubs types the render context's values as text; this one holds a set.
        outermost = cast(dict[str, Any], context.render_context.dicts[0])
        linked: set[str] = outermost.setdefault(_LINKED, set())
        if self.key in linked:
            return words
        linked.add(self.key)
        return format_html(
            '<a class="govuk-link glossary-link" href="{}#{}">{}</a>',
            reverse("help"),
            self.key,
            words,
        )


@register.tag
def term(parser: Parser, token: Token) -> TermNode:
    """Link the words inside to a glossary entry, the first time the page uses that entry."""
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][:1] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError('Use {% term "glossary-key" %}words{% endterm %}.')
    key = bits[1][1:-1]
    if key not in TERMS:
        raise template.TemplateSyntaxError(
            f"{key!r} is not in the glossary (scrutiny/glossary.py); its keys are "
            f"{', '.join(sorted(TERMS))}."
        )
    nodelist = parser.parse(("endterm",))
    parser.delete_first_token()
    return TermNode(key, nodelist)
