"""How the pack words page ranges, papers and lists of names: pure rules, no database."""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def range_label(first: int | None, last: int | None, *, verbal: bool = False) -> str:
    """An agenda's Pages column: "15 - 154", "5" for one page, "Verbal Report", or nothing."""
    if first is None:
        return "Verbal Report" if verbal else ""
    if last is None or last == first:
        return str(first)
    if last < first:
        raise ValueError(f"An item cannot end on page {last} before it starts on page {first}.")
    return f"{first} - {last}"


def paper_label(*, kind: str, letter: str) -> str:
    """ "Report", or "Appendix B"."""
    return f"Appendix {letter}" if kind == "appendix" else "Report"


def join_names(names: Sequence[str]) -> str:
    """Names as councils list them: "A, B and C"."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def item_ranges(
    anchors_by_page: Sequence[Iterable[str]], items: Iterable[str]
) -> dict[str, tuple[int, int]]:
    """Each item's first and last page (1-based), from the anchors each page carries.

    An item's start anchor is `item-N`, its end anchor `item-N-end`. The blank filler pages
    after its end (those that carry no anchor, left so that the next item starts on a
    right-hand page) belong to it, as in the councils' packs: minutes ending on page 13
    with page 14 left blank run "5 - 14".
    """
    pages = [set(anchors) for anchors in anchors_by_page]
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for number, anchors in enumerate(pages, 1):
        for anchor in anchors:
            first.setdefault(anchor, number)
            last[anchor] = number
    found = {}
    for item in items:
        if item in first:
            end = first.get(f"{item}-end", last[item])
            while end < len(pages) and not pages[end]:
                end += 1  # pages[end] is page end + 1: a filler page with nothing on it
            found[item] = (first[item], end)
    return found
