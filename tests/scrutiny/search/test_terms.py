"""How a search is read for the SQLite fallback, and how matches are marked."""

import pytest

from scrutiny.search.terms import START, STOP, excerpt, highlighted, mark, parse


@pytest.mark.parametrize(
    ("query", "wanted", "unwanted"),
    [
        ("adoption", ("adoption",), ()),
        ('"looked after" -adoption', ("looked after",), ("adoption",)),
        ("Looked  AFTER children", ("looked", "after", "children"), ()),
        ('-"care leavers" fostering', ("fostering",), ("care leavers",)),
        ('"unclosed phrase', ("unclosed phrase",), ()),
        ("- -- adoption?", ("adoption",), ()),
        ("adoption adoption", ("adoption",), ()),
        ("", (), ()),
    ],
)
def test_a_query_is_read_as_words_phrases_and_exclusions(query, wanted, unwanted) -> None:
    terms = parse(query)
    assert (terms.wanted, terms.unwanted) == (wanted, unwanted)


@pytest.mark.parametrize(
    ("text", "phrases", "marked"),
    [
        ("Looked after children", ("looked after",), f"{START}Looked after{STOP} children"),
        ("care and CARE", ("care",), f"{START}care{STOP} and {START}CARE{STOP}"),
        ("no match here", ("adoption",), "no match here"),
        ("anything", (), "anything"),
    ],
)
def test_matches_are_marked_whatever_their_case(text, phrases, marked) -> None:
    assert mark(text, phrases) == marked


def test_an_excerpt_starts_near_the_first_match_and_says_it_is_cut() -> None:
    text = " ".join(["filler"] * 100) + " the adoption scorecard " + " ".join(["more"] * 100)
    piece = excerpt(text, ("adoption",), width=80)
    assert f"{START}adoption{STOP}" in piece
    assert piece.startswith("… ") and piece.endswith(" …")
    assert len(piece) < 100


def test_a_snippet_is_escaped_and_only_its_matches_become_mark() -> None:
    html = highlighted(f"<script>x</script> {START}fostering{STOP} & more")
    assert html == "&lt;script&gt;x&lt;/script&gt; <mark>fostering</mark> &amp; more"
