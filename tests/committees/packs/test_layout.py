"""How the pack words page ranges, papers and names, and places uploaded pages: pure rules."""

from __future__ import annotations

import pytest

from committees.packs.layout import item_ranges, join_names, paper_label, range_label


@pytest.mark.parametrize(
    ("first", "last", "verbal", "label"),
    [
        (15, 154, False, "15 - 154"),
        (5, 5, False, "5"),
        (15, 15, False, "15"),  # a one-page item
        (5, None, False, "5"),
        (None, None, False, ""),
        (None, None, True, "Verbal Report"),
        (9, 14, True, "9 - 14"),
        (None, 7, False, ""),
    ],
)
def test_range_label_words_an_items_pages(
    first: int | None, last: int | None, verbal: bool, label: str
) -> None:
    assert range_label(first, last, verbal=verbal) == label


def test_range_label_refuses_an_item_that_ends_before_it_starts() -> None:
    with pytest.raises(ValueError, match="cannot end on page 9 before it starts on page 10"):
        range_label(10, 9)


@pytest.mark.parametrize(
    ("kind", "letter", "label"),
    [
        ("report", "", "Report"),
        ("report", "A", "Report"),
        ("appendix", "A", "Appendix A"),
        ("appendix", "D", "Appendix D"),
        ("appendix", "AA", "Appendix AA"),
    ],
)
def test_paper_label_names_a_report_or_a_lettered_appendix(
    kind: str, letter: str, label: str
) -> None:
    assert paper_label(kind=kind, letter=letter) == label


@pytest.mark.parametrize(
    ("names", "joined"),
    [
        ([], ""),
        (["R L Foulkes"], "R L Foulkes"),
        (["R L Foulkes", "R J Kendrick"], "R L Foulkes and R J Kendrick"),
        (["A", "B", "C"], "A, B and C"),
        (
            ["Dr E van der Zee", "Mrs P J Barnett", "Mr S C Rudman", "Reverend Sue Evans"],
            "Dr E van der Zee, Mrs P J Barnett, Mr S C Rudman and Reverend Sue Evans",
        ),
    ],
)
def test_join_names_lists_names_as_councils_do(names: list[str], joined: str) -> None:
    assert join_names(names) == joined


# Pages 1 to 9: cover, blank, agenda, agenda, item 3 (5-6), blank, item 5 (7), blank, item 10.
PAGES = [
    {"cover"},
    set(),
    {"agenda"},
    set(),
    {"item-3", "item-3-minutes"},
    {"item-3-end"},
    {"item-5", "item-5-report-1", "item-5-end"},
    set(),
    {"item-10", "item-10-report-2"},
]


@pytest.mark.parametrize(
    ("items", "ranges"),
    [
        (["item-3"], {"item-3": (5, 6)}),
        (["item-5"], {"item-5": (7, 8)}),  # the blank page 8 is item 5's filler
        (["item-1"], {}),  # not the start of item-10, nor of anything else
        (["item-10"], {"item-10": (9, 9)}),  # no end anchor: its last page with the anchor
        (
            ["item-3", "item-4", "item-5", "item-10"],
            {"item-3": (5, 6), "item-5": (7, 8), "item-10": (9, 9)},
        ),
    ],
)
def test_item_ranges_read_each_items_pages_from_the_anchors(
    items: list[str], ranges: dict[str, tuple[int, int]]
) -> None:
    assert item_ranges(PAGES, items) == ranges


# Each case: the anchors of the pages from page 5 on (pages 1 to 4 are the cover, its blank
# back and the agenda), and the ranges of items 3 and 8.
COVER_AND_AGENDA: list[set[str]] = [{"cover"}, set(), {"agenda"}, set()]


@pytest.mark.parametrize(
    ("pages", "ranges"),
    [
        # Minutes ending on page 13, page 14 left blank so item 8 starts on the right.
        (
            [{"item-3"}, *[set()] * 7, {"item-3-end"}, set(), {"item-8", "item-8-end"}],
            {"item-3": (5, 14), "item-8": (15, 15)},
        ),
        # Minutes ending on page 14: no filler, item 8 starts on page 15.
        (
            [{"item-3"}, *[set()] * 8, {"item-3-end"}, {"item-8", "item-8-end"}],
            {"item-3": (5, 14), "item-8": (15, 15)},
        ),
        # Pages inside an item with no anchor on them are its own pages, not fillers.
        (
            [{"item-3"}, set(), set(), {"item-3-end"}, {"item-8"}, set(), {"item-8-end"}],
            {"item-3": (5, 8), "item-8": (9, 11)},
        ),
        # Item 8 ends with a restricted (exempt placeholder) page on 8, its filler on 9.
        (
            [
                {"item-3", "item-3-end"},
                set(),
                {"item-8", "item-8-report"},
                {"item-8-appendix-d", "item-8-end"},
                set(),
                {"item-9", "item-9-end"},
            ],
            {"item-3": (5, 6), "item-8": (7, 9)},
        ),
        # A pack that ends on a blank page: the last item's.
        (
            [{"item-3", "item-3-end"}, set(), {"item-8"}, {"item-8-end"}, set()],
            {"item-3": (5, 6), "item-8": (7, 9)},
        ),
    ],
)
def test_a_blank_filler_page_belongs_to_the_item_before_it(
    pages: list[set[str]], ranges: dict[str, tuple[int, int]]
) -> None:
    assert item_ranges([*COVER_AND_AGENDA, *pages], ["item-3", "item-8"]) == ranges


def test_item_ranges_count_pages_from_one_and_accept_any_iterables() -> None:
    assert item_ranges([["item-1"], ("x",), iter(["item-1-end"])], iter(["item-1"])) == {
        "item-1": (1, 3)
    }
