"""The demo's public pack prints the council's own words: the list in fidelity.txt, read back.

Each line of fidelity.txt is a sentence, figure or name from the council's published pack of
8 September 2017, with the fixture entry it belongs to; the built pack (pypdf's text) must
print every one of them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.committees.packs.pack_support import DEMO_COMMITTEES, DemoPacks, squash

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

FIDELITY = Path(__file__).with_name("fidelity.txt")


def fidelity_lines() -> list[tuple[str, str]]:
    lines = FIDELITY.read_text(encoding="utf-8").splitlines()
    pairs = [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]
    return [(where, words) for where, words in pairs]


def printed(text: str) -> str:
    """The pack's text as one line: a word broken after its hyphen at a line end joined again."""
    return squash(text.replace("-\n", "-"))


def test_every_paper_filled_from_the_seed_has_lines_on_the_list() -> None:
    data = json.loads(DEMO_COMMITTEES.read_text(encoding="utf-8"))
    meeting = next(m for m in data["meetings"] if m["date"] == "2017-09-08")
    files = {
        Path(paper["text_file"]).name
        for item in meeting["items"]
        for paper in item.get("papers", [])
        if paper.get("text_file")
    }
    assert len(files) == 15
    assert {where for where, _ in fidelity_lines()} == files | {"cover", "minutes", "appendix"}


@pytest.mark.parametrize(("where", "words"), fidelity_lines())
def test_the_public_pack_prints_the_councils_words(
    demo_packs: DemoPacks, where: str, words: str
) -> None:
    assert squash(words) in printed(demo_packs.public.text), f"{where}: {words!r} not printed"


def test_the_public_pack_runs_to_about_the_councils_length(demo_packs: DemoPacks) -> None:
    # The council's pack ran to 210 pages; without the papers' own words the demo's ran to 49.
    assert 180 <= demo_packs.public.page_count <= 230
