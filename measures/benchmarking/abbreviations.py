"""The abbreviations national indicator titles use, and what they stand for."""

import re
from dataclasses import dataclass

# Those in the titles of DfE's LAIT and the statistical releases, as the data spells them.
ABBREVIATIONS: dict[str, str] = {
    "AVG": "average",
    "APS": "average point score",
    "ASQ": "Ages and Stages Questionnaire",
    "CERA": "capital expenditure charged to revenue account",
    "CIN": "children in need",
    "CLA": "children looked after",
    "CP": "child protection",
    "CPP": "child protection plan",
    "EET": "in education, employment or training",
    "EHC": "education, health and care",
    "EHCP": "education, health and care plan",
    "EHCPs": "education, health and care plans",
    "EYFS": "early years foundation stage",
    "EYFSP": "early years foundation stage profile",
    "FE": "further education",
    "FSM": "free school meals",
    "FTE": "full-time equivalent",
    "GLD": "good level of development",
    "HE": "higher education",
    "ICP": "initial child protection",
    "KS1": "key stage 1",
    "KS2": "key stage 2",
    "KS4": "key stage 4",
    "KS5": "key stage 5",
    "LA": "local authority",
    "LAC": "looked after children",
    "NEET": "not in education, employment or training",
    "RWM": "reading, writing and maths",
    "S251": "section 251 (the council's budget and spending return)",
    "SEN": "special educational needs",
    "SEND": "special educational needs and disabilities",
    "TA": "teacher assessment",
    "UASC": "unaccompanied asylum-seeking children",
    "YJS": "youth justice system",
    "YOT": "youth offending team",
}

# Whole words only, as written (capitals), so "LA" never matches inside "LAC" or "Latest".
_WORD = re.compile(
    r"(?<!\w)(" + "|".join(sorted(ABBREVIATIONS, key=len, reverse=True)) + r")(?!\w)"
)


@dataclass(frozen=True)
class Piece:
    """A run of a title: plain text, or an abbreviation with what it stands for."""

    text: str
    expansion: str = ""


def pieces(title: str) -> list[Piece]:
    """The title cut into plain text and abbreviations, in order; joined, they are the title."""
    found: list[Piece] = []
    at = 0
    for match in _WORD.finditer(title):
        if match.start() > at:
            found.append(Piece(title[at : match.start()]))
        found.append(Piece(match.group(1), ABBREVIATIONS[match.group(1)]))
        at = match.end()
    if at < len(title):
        found.append(Piece(title[at:]))
    return found


def used_in(titles: list[str]) -> list[tuple[str, str]]:
    """Each abbreviation the titles use, once, in alphabetical order, with its expansion."""
    used = {piece.text for title in titles for piece in pieces(title) if piece.expansion}
    return [(word, ABBREVIATIONS[word]) for word in sorted(used)]
