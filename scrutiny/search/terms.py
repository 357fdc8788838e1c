"""What a search asks for, read as a web search engine reads it, and how a match is marked.

Pure rules with no database: the SQLite fallback reads the words, phrases and exclusions
here (PostgreSQL reads the same text with websearch_to_tsquery), and both databases' snippets
are turned into safe HTML here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Around a match in a snippet: characters no one types, so the text is escaped whole and only
# these become <mark>.
START, STOP = "\x02", "\x03"

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)(\S+)')


@dataclass(frozen=True)
class Terms:
    """The words or quoted phrases a result must contain, and those it must not."""

    wanted: tuple[str, ...]
    unwanted: tuple[str, ...]


def parse(query: str) -> Terms:
    """`"looked after" -adoption` wants the phrase "looked after" and not the word adoption.

    "or" between words is read as a plain word here (the SQLite fallback asks for every word).
    """
    wanted: list[str] = []
    unwanted: list[str] = []
    for match in _TOKEN.finditer(query):
        negated = bool(match.group(1) or match.group(3))
        quoted, word = match.group(2), match.group(4)
        phrase = " ".join((quoted if quoted is not None else word).split())
        phrase = phrase.strip("\"'.,;:!?()")
        if not phrase or phrase == "-":
            continue
        (unwanted if negated else wanted).append(phrase.lower())
    return Terms(tuple(dict.fromkeys(wanted)), tuple(dict.fromkeys(unwanted)))


def mark(text: str, phrases: tuple[str, ...]) -> str:
    """The text with each occurrence of a phrase (any case) between START and STOP."""
    if not phrases:
        return text
    pattern = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.sub(pattern, lambda m: f"{START}{m.group(0)}{STOP}", text, flags=re.IGNORECASE)


def excerpt(text: str, phrases: tuple[str, ...], width: int = 240) -> str:
    """About `width` characters of the text around its first match, cut at word boundaries,
    with the matches marked: the SQLite fallback's snippet."""
    text = " ".join(text.split())
    lowered = text.lower()
    found = [lowered.find(p) for p in phrases if p and p in lowered]
    first = min(found) if found else 0
    start = max(0, first - width // 3)
    end = min(len(text), start + width)
    if start > 0:
        start = text.find(" ", start) + 1 or start
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > first else end
    piece = text[start:end]
    return ("… " if start > 0 else "") + mark(piece, phrases) + (" …" if end < len(text) else "")


def highlighted(snippet: str) -> SafeString:
    """The snippet as HTML: its text escaped, its marked matches in <mark>."""
    html = escape(snippet.replace("\x00", ""))
    return mark_safe(html.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308
