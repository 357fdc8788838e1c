"""How the pack words page ranges, papers and names, and places uploaded pages: pure rules."""

from __future__ import annotations

import pytest

from committees.packs.layout import item_ranges, join_names, paper_label, range_label


@pytest.mark.parametrize(
    ("first", "last", "verbal", "label"),
    [
        (15, 154, False, "15 - 154"),
        (5, 5, False, "5"),
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
        (["item-5"], {"item-5": (7, 7)}),
        (["item-1"], {}),  # not the start of item-10, nor of anything else
        (["item-10"], {"item-10": (9, 9)}),  # no end anchor: its last page with the anchor
        (
            ["item-3", "item-4", "item-5", "item-10"],
            {"item-3": (5, 6), "item-5": (7, 7), "item-10": (9, 9)},
        ),
    ],
)
def test_item_ranges_read_each_items_pages_from_the_anchors(
    items: list[str], ranges: dict[str, tuple[int, int]]
) -> None:
    assert item_ranges(PAGES, items) == ranges


def test_item_ranges_count_pages_from_one_and_accept_any_iterables() -> None:
    assert item_ranges([["item-1"], ("x",), iter(["item-1-end"])], iter(["item-1"])) == {
        "item-1": (1, 3)
    }
