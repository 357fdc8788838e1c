"""A written paper's text: Markdown (CommonMark with tables) made into safe HTML, one way for all.

The paper's web page, the web pack and the PDF pack all print a paper through render_paper,
so a table or a list reads the same everywhere. Whatever HTML a paper's author types is
sanitised by nh3 to the tags below: script, event handlers and javascript: links never
reach a reader.
"""

from __future__ import annotations

import html as entities
import re
from functools import cache

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

# What a written paper may hold: structure, emphasis, links and tables; nothing that runs,
# loads from elsewhere (images, frames) or changes the page's look (style, class).
ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote",
    "strong", "em", "b", "i", "u", "s", "del", "sup", "sub", "code", "pre", "a",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}, "th": {"style"}, "td": {"style"}}
URL_SCHEMES = {"http", "https", "mailto"}
# A table column's alignment, which the Markdown table's separator row may set.
STYLE_PROPERTIES = {"text-align"}
TABLE = re.compile(r"<table>.*?</table>", re.S)
HEADER_CELL = re.compile(r"<th[^>]*>(.*?)</th>", re.S)
TAG = re.compile(r"<[^>]+>")


@cache
def _parser() -> MarkdownIt:
    # Line breaks typed within a paragraph are kept, as the papers' pages always kept them.
    return MarkdownIt("commonmark", {"breaks": True, "html": True}).enable("table")


def _shift_headings(tokens: list[Token], top: int) -> None:
    """A paper's "#" heading becomes an h{top}, so it sits under the page's own headings."""
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + top - 1)}"


def render_paper(text: str, *, top: int = 2) -> str:
    """The paper's Markdown as sanitised HTML, its first heading level h{top}."""
    parser = _parser()
    tokens = parser.parse(text.replace("\r\n", "\n"))
    _shift_headings(tokens, top)
    html = parser.renderer.render(tokens, parser.options, {})
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        filter_style_properties=STYLE_PROPERTIES,
        link_rel="noopener noreferrer",
    )
    return TABLE.sub(_scrolling, clean)


def _scrolling(table: re.Match[str]) -> str:
    """A wide table scrolls sideways in its own labelled box, never the whole page (a phone)."""
    headers = [TAG.sub("", cell).strip() for cell in HEADER_CELL.findall(table.group(0))]
    named = ", ".join(entities.unescape(h) for h in headers if h)
    label = f"Table: {named[:80]}" if named else "Table"
    return (
        f'<div class="table-scroll" role="region" tabindex="0" '
        f'aria-label="{entities.escape(label)} (scrolls sideways)">{table.group(0)}</div>'
    )


def has_headings(text: str) -> bool:
    """Whether the paper is written with headings of its own (a report's numbered sections)."""
    return any(token.type == "heading_open" for token in _parser().parse(text))
