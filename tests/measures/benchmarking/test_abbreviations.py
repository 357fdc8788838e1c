"""National indicator titles with their abbreviations spelled out."""

import pytest

from measures.benchmarking.abbreviations import ABBREVIATIONS, Piece, pieces, used_in
from measures.templatetags.abbreviations import abbreviated


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "Percentage of CLA pupil with at least one fixed exclusion",
            [
                Piece("Percentage of "),
                Piece("CLA", "children looked after"),
                Piece(" pupil with at least one fixed exclusion"),
            ],
        ),
        (
            "KS2 RWM Expected Level - attainment pupils eligible for FSM",
            [
                Piece("KS2", "key stage 2"),
                Piece(" "),
                Piece("RWM", "reading, writing and maths"),
                Piece(" Expected Level - attainment pupils eligible for "),
                Piece("FSM", "free school meals"),
            ],
        ),
        (
            "Care Leavers - NEET (%)",
            [Piece("Care Leavers - "), Piece("NEET", ABBREVIATIONS["NEET"]), Piece(" (%)")],
        ),
        # Only whole words in capitals: not LA inside LAC, nor "la" or "Latest".
        ("LAC Overall Absence", [Piece("LAC", "looked after children"), Piece(" Overall Absence")]),
        ("Latest figures for la areas", [Piece("Latest figures for la areas")]),
        (
            "% 15 year olds entered HE by age 19 - Non-FSM",
            [
                Piece("% 15 year olds entered "),
                Piece("HE", "higher education"),
                Piece(" by age 19 - Non-"),
                Piece("FSM", "free school meals"),
            ],
        ),
        ("Children looked after rate per 10,000", [Piece("Children looked after rate per 10,000")]),
        ("", []),
    ],
)
def test_a_title_is_cut_into_words_and_abbreviations(title: str, expected: list[Piece]) -> None:
    assert pieces(title) == expected
    assert "".join(piece.text for piece in pieces(title)) == title


def test_the_abbreviations_used_are_listed_once_in_order() -> None:
    titles = ["Number of Children with CPP", "% of CLA in foster care", "CLA Unauthorised Absence"]
    assert used_in(titles) == [
        ("CLA", "children looked after"),
        ("CPP", "child protection plan"),
    ]


def test_the_filter_marks_each_abbreviation_up_and_escapes_the_rest() -> None:
    assert abbreviated("SEN <support> & EHCP") == (
        '<abbr title="special educational needs">SEN</abbr> &lt;support&gt; &amp; '
        '<abbr title="education, health and care plan">EHCP</abbr>'
    )
