"""The demo meeting's agenda pack, 8 September 2017, read back as its readers meet it.

Both packs are built once for the test session (conftest.py's demo_packs: a build of the
demo's 200 pages takes a while) from the demo data, which is then rolled back: each test
reads the PDFs' text, outline and metadata held in memory.
"""

from __future__ import annotations

import re
import subprocess
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from committees.models import AgendaItem, Meeting, Paper
from committees.packs.build import build_pack
from tests.committees.conftest import EXEMPT_TEXT
from tests.committees.packs.pack_support import (
    BLANK_NOTICE,
    BuiltPack,
    DemoPacks,
    demo_meeting_record,
    footers,
    is_blank,
    read_pack,
    squash,
    stamps,
)

# The module's tests only read what the fixture captured; the mark gets the test
# database created even when this module runs on its own.
pytestmark = pytest.mark.django_db

QUARTER = "2017/18 Q1"
ITEMS_WITH_PAPERS = [3, 5, 6, 7, 8, 9]
EXEMPT_TITLE = "Performance Monitoring of Contracts"
APPENDIX_A = "Council Business Plan Measures"


@pytest.fixture(scope="module")
def packs(demo_packs: DemoPacks) -> DemoPacks:
    return demo_packs


@pytest.fixture(scope="module", params=["public", "full"])
def pack(request: pytest.FixtureRequest, packs: DemoPacks) -> BuiltPack:
    return getattr(packs, request.param)


def agenda_rows(pack: BuiltPack) -> dict[int, str]:
    """Each agenda row's text (number, title, purpose, pages), read off the agenda pages."""
    agenda_page = next(page for depth, title, page in pack.outline if title == "Agenda")
    first_item = min(first for first, _ in pack.item_pages.values())
    text = pack.text_of(agenda_page, first_item - 1)
    text = text[text.index("Item Title Pages") :]
    text = text[: text.index("Democratic Services Officer Contact Details")]
    starts = []
    for number in range(1, 10):
        found = re.compile(rf"(?m)^{number} (?=[A-Z])").search(text, starts[-1] if starts else 0)
        assert found, f"agenda row {number} not found"
        starts.append(found.start())
    bounds = [*starts, len(text)]
    return {n: text[bounds[n - 1] : bounds[n]] for n in range(1, 10)}


def pages_column(row: str) -> tuple[int, int] | None:
    found = re.search(r"(?m)^(\d+) - (\d+)$", row)
    return (int(found.group(1)), int(found.group(2))) if found else None


def item_range(pack: BuiltPack, number: int) -> tuple[int, int]:
    first, last = pack.item_pages[str(number)]
    return first, last


def test_each_agenda_range_starts_on_the_page_stamped_with_its_item(pack: BuiltPack) -> None:
    rows = agenda_rows(pack)
    ranges = {n: pages_column(row) for n, row in rows.items()}
    assert ranges[1] is None and ranges[2] is None
    assert "Verbal Report" not in rows[1] + rows[2]
    assert ranges[4] is None and squash(rows[4]).endswith("Verbal Report")
    assert sorted(n for n, found in ranges.items() if found) == ITEMS_WITH_PAPERS
    assert {str(n): list(ranges[n]) for n in ITEMS_WITH_PAPERS} == pack.item_pages

    for position, number in enumerate(ITEMS_WITH_PAPERS):
        first, last = ranges[number]
        assert first <= last
        assert number in stamps(pack.page(first)), f"page {first} is not stamped item {number}"
        before = pack.page(first - 1)
        assert number not in stamps(before)
        # The page before belongs to the agenda or to the item before, its blank filler too.
        if position:
            assert first - 1 == ranges[ITEMS_WITH_PAPERS[position - 1]][1]
        for page in range(first + 1, last + 1):
            assert not stamps(pack.page(page)), f"page {page} of item {number} has another stamp"
        if position + 1 < len(ITEMS_WITH_PAPERS):
            assert last < ranges[ITEMS_WITH_PAPERS[position + 1]][0]
    assert ranges[ITEMS_WITH_PAPERS[-1]][1] == pack.page_count


def test_every_page_is_numbered_at_its_foot(pack: BuiltPack) -> None:
    assert len(pack.pages) == pack.page_count
    for number, text in enumerate(pack.pages, 1):
        assert footers(text) == [f"Page {number}"], f"page {number}: {footers(text)}"


def test_items_start_on_right_hand_pages_and_fillers_say_they_are_blank(pack: BuiltPack) -> None:
    ranges = [item_range(pack, n) for n in ITEMS_WITH_PAPERS]
    assert all(first % 2 == 1 for first, _ in ranges)
    with_notice = {n for n, text in enumerate(pack.pages, 1) if BLANK_NOTICE in text}
    empty = {n for n, text in enumerate(pack.pages, 1) if is_blank(text)}

    assert with_notice == empty, "only empty pages carry the notice, and all of them do"
    assert 2 in with_notice  # the back of the cover letter: the agenda starts on the right
    for page in with_notice:
        assert pack.page(page).replace(BLANK_NOTICE, "").split() == ["Page", str(page)]
    # A filler page ends the item before it, as in the council's packs; items run on.
    fillers = {page for page in with_notice if page > ranges[0][0]}
    assert fillers, "the demo pack has blank pages between items"
    assert fillers <= {last for _, last in ranges}
    for (_, last), (first, _) in pairwise(ranges):
        assert last + 1 == first


def test_the_minutes_range_counts_their_blank_back_page_as_the_council_s_pack_did(
    packs: DemoPacks,
) -> None:
    for pack in (packs.public, packs.full):
        assert item_range(pack, 3) == (5, 14)
        assert is_blank(pack.page(14))
        assert pages_column(agenda_rows(pack)[3]) == (5, 14)


def test_the_restricted_page_is_followed_by_its_filler_within_item_8(packs: DemoPacks) -> None:
    public = packs.public
    restricted = first_page_of(public, "Appendix D: Document is Restricted")
    first, last = item_range(public, 8)
    following = item_range(public, 9)[0]
    assert following % 2 == 1, "item 9 starts on a right-hand page"
    # Whatever lies between the restricted page and item 9 is its blank back, within item 8.
    assert following == last + 1 and first < restricted <= last
    assert last - restricted == (0 if restricted % 2 == 0 else 1)
    assert all(is_blank(public.page(page)) for page in range(restricted + 1, last + 1))
    assert f"{first} - {last}" in squash(agenda_rows(public)[8])


def _expected_documents(version: str) -> dict[int, list[str]]:
    """Each item's bookmarks below it, from the fixture file, in print order."""
    meeting = demo_meeting_record("2017-09-08")
    expected: dict[int, list[str]] = {
        3: ["Minutes: Children and Young People Scrutiny Committee, 21 July 2017"]
    }
    for item in meeting["items"]:
        papers = item.get("papers", [])
        reports = [f"Report: {p['title']}" for p in papers if p["kind"] == "report"]
        appendices = []
        for paper in sorted(
            (p for p in papers if p["kind"] == "appendix"), key=lambda p: p["letter"]
        ):
            exempt = paper.get("exempt_paragraph") and version == "public"
            title = "Document is Restricted" if exempt else paper["title"]
            appendices.append(f"Appendix {paper['letter']}: {title}")
        if papers:
            expected[item["number"]] = reports + appendices
    return expected


def test_the_outline_lists_each_item_and_its_papers_in_order(pack: BuiltPack) -> None:
    top = [(title, page) for depth, title, page in pack.outline if depth == 0]
    assert top[0] == ("Cover letter", 1)
    assert top[1][0] == "Agenda" and top[1][1] % 2 == 1
    titles = {item["number"]: item["title"] for item in demo_meeting_record("2017-09-08")["items"]}
    assert [title for title, _ in top[2:]] == [f"Item {n}: {titles[n]}" for n in ITEMS_WITH_PAPERS]
    assert all(depth in (0, 1) for depth, _, _ in pack.outline)

    expected = _expected_documents(pack.version)
    children: dict[int, list[tuple[str, int]]] = {}
    current = None
    for depth, title, page in pack.outline:
        if depth == 0:
            found = re.match(r"Item (\d+): ", title)
            current = int(found.group(1)) if found else None
            if current:
                assert page == item_range(pack, current)[0]
        else:
            assert current, f"{title!r} is not below an item"
            children.setdefault(current, []).append((title, page))

    assert sorted(children) == ITEMS_WITH_PAPERS
    for number, entries in children.items():
        first, last = item_range(pack, number)
        assert [title for title, _ in entries] == expected[number]
        assert entries[0][1] == first
        pages = [page for _, page in entries]
        assert pages == sorted(pages)
        assert all(first <= page <= last for page in pages), (number, entries)


def test_the_pack_says_what_it_is_in_english_and_is_tagged(pack: BuiltPack, packs) -> None:
    title = pack.metadata["/Title"]
    assert packs.committee in title and "8 September 2017" in title
    assert ("(public)" in title) == (pack.version == "public")
    assert pack.catalog["/Lang"] == "en-GB"
    assert "/StructTreeRoot" in pack.catalog and "/MarkInfo" in pack.catalog
    assert pack.fully_tagged is True
    assert pack.note == ""


def test_the_public_pack_withholds_appendix_d_and_says_why(packs: DemoPacks) -> None:
    public, full = packs.public, packs.full
    restricted = [n for n, text in enumerate(public.pages, 1) if "Document is Restricted" in text]
    assert len(restricted) == 1
    notice = squash(public.page(restricted[0]))
    assert "Appendix D to item 8" in notice
    assert "paragraph 3 of Part 1 of Schedule 12A" in notice
    assert first_page_of(public, "Appendix D: Document is Restricted") == restricted[0]

    # The minutes of 21 July (item 3), a public record, name July's Appendix D, and item 8's
    # published report lists its appendices by title, as the council's did: the title may
    # appear there, and nowhere else.
    minutes = range(item_range(public, 3)[0], item_range(public, 3)[1] + 1)
    report = range(item_range(public, 8)[0], first_page_of(public, f"Appendix A: {APPENDIX_A}"))
    elsewhere = [n for n in range(1, public.page_count + 1) if n not in [*minutes, *report]]
    assert EXEMPT_TITLE not in squash("\n".join(public.page(n) for n in elsewhere))
    for secret in (EXEMPT_TEXT, EXEMPT_TITLE):
        assert not [title for _, title, _ in public.outline if secret in title]
        assert secret not in " ".join(public.metadata.values())
        assert secret not in public.strings
    assert EXEMPT_TEXT not in squash(public.text)

    assert EXEMPT_TEXT in squash(full.text)
    assert EXEMPT_TITLE in full.strings  # the check above reads the outline's strings too
    assert "Document is Restricted" not in full.text
    appendix_d = first_page_of(full, f"Appendix D: {EXEMPT_TITLE} - Exempt")
    assert EXEMPT_TEXT in squash(full.page(appendix_d))
    assert "NOT FOR PUBLICATION" in full.page(appendix_d)


def first_page_of(pack: BuiltPack, bookmark: str) -> int:
    return next(page for _, title, page in pack.outline if title == bookmark)


def measure_pages(pack: BuiltPack, measures: list[dict[str, Any]]) -> dict[str, str]:
    """Each measure's pages' text, from its caption and title to the next measure."""
    start = first_page_of(pack, "Appendix A: Council Business Plan Measures")
    end = first_page_of(pack, "Appendix B: Complaint and compliments report") - 1
    starts = []
    for measure in measures:
        heading = f"{measure['caption']} {measure['title']}"
        page = next(
            (n for n in range(max([start, *starts]), end + 1) if heading in squash(pack.page(n))),
            None,
        )
        assert page, f"no page starts {measure['reference']}"
        starts.append(page)
    assert starts == sorted(set(starts)), "each measure starts a page of its own"
    bounds = [*starts, end + 1]
    return {
        m["reference"]: pack.text_of(bounds[i], bounds[i + 1] - 1) for i, m in enumerate(measures)
    }


def test_appendix_a_prints_each_measure_of_the_quarter_with_its_status_and_figure(
    packs: DemoPacks,
) -> None:
    measures = packs.extra["measures"]
    assert len(measures) == 8
    for pack in (packs.public, packs.full):
        start = first_page_of(pack, "Appendix A: Council Business Plan Measures")
        assert f"reported in {QUARTER}: 8 measures" in squash(pack.page(start))
        pages = measure_pages(pack, measures)
        for measure in measures:
            text = pages[measure["reference"]]
            lines = [line.strip() for line in text.splitlines()]
            status = next(line for line in lines if line.startswith("Status "))
            assert status.endswith(measure["status"]), (measure["reference"], status)
            actual = next(line for line in lines if line.startswith("Actual "))
            if measure["actual"]:
                assert actual.startswith(f"Actual {measure['actual']}"), actual
            else:
                assert actual == f"Actual No figure has been published for {QUARTER}"
        appendix = squash(pack.text_of(start, max(pack.item_pages["8"])))
        assert packs.extra["not_due"], "the committee has measures not due this quarter"
        for heading in packs.extra["not_due"]:
            assert heading not in appendix


def test_no_figure_of_a_measure_page_has_more_places_than_its_measure(packs: DemoPacks) -> None:
    """Headline, trend summary and table: what the pack words itself. The council's texts
    quote other figures, and the benchmark rows stay as the papers printed them."""
    places = {m["reference"]: m["decimal_places"] for m in packs.extra["measures"]}
    for pack in (packs.public, packs.full):
        for reference, text in measure_pages(pack, packs.extra["measures"]).items():
            headline = [
                line
                for line in text.splitlines()
                if line.startswith(("Actual ", "Target ", "Forecast "))
            ]
            trend = squash(text).split(" Trend ", 1)[-1].split(" Benchmarking ")[0]
            own = " ".join([*headline, trend])
            assert "by quarter reported" in own and headline, reference
            found = re.findall(rf"(?<![\d.])\d+\.\d{{{places[reference] + 1},}}(?![\d.])", own)
            assert not found, (pack.version, reference, found)


def test_the_minutes_item_prints_the_recorded_minutes_of_21_july(packs: DemoPacks) -> None:
    record = demo_meeting_record("2017-07-21")
    titles = {item["number"]: item["title"] for item in record["items"]}
    minutes = sorted(record["minutes"], key=lambda m: m["minute_number"])
    assert [m["minute_number"] for m in minutes] == list(range(8, 17))
    for pack in (packs.public, packs.full):
        first, last = item_range(pack, 3)
        text = squash(pack.text_of(first, last))
        assert "CHILDREN AND YOUNG PEOPLE SCRUTINY COMMITTEE 21 JULY 2017" in text
        position = 0
        for minute in minutes:
            heading = f"{minute['minute_number']} {titles[minute['item']].upper()}"
            found = text.find(heading, position)
            assert found >= 0, f"minute {heading!r} missing or out of order"
            position = found + len(heading)
            for resolution in minute.get("resolutions", []):
                assert squash(resolution) in text
        assert "to be confirmed as a correct record at this meeting" in text


def save_page_image(pdf: Path, page: int, image: Path) -> None:
    subprocess.run(
        ["pdftoppm", "-f", str(page), "-l", str(page), "-r", "80", "-png", "-singlefile"]
        + [str(pdf), str(image.with_suffix(""))],
        check=True,
        capture_output=True,
    )


def test_page_images_of_the_cover_and_a_measure_page_are_saved(
    packs: DemoPacks, artifacts: Path, tmp_path: Path
) -> None:
    pdf = tmp_path / "pack.pdf"
    pdf.write_bytes(packs.public.data)
    measure_page = first_page_of(packs.public, "Appendix A: Council Business Plan Measures")
    for page, name in ((1, "pack-cover.png"), (measure_page, "pack-measure.png")):
        image = artifacts / name
        image.unlink(missing_ok=True)
        save_page_image(pdf, page, image)
        assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert image.stat().st_size > 20_000, f"{name} looks empty"


def test_a_one_page_item_s_range_is_its_page_alone(make_committee) -> None:
    meeting = Meeting.objects.create(
        committee=make_committee(), date=date(2017, 9, 8), venue="Lincoln"
    )
    budget = AgendaItem.objects.create(meeting=meeting, number=2, title="Budget Monitoring")
    Paper.objects.create(item=budget, kind="report", title="Budget report", text="One page.")
    pack = read_pack(build_pack(meeting=meeting, version="public"))

    first, last = pack.item_pages["2"]
    assert first == last == pack.page_count
    agenda = squash(pack.text)
    assert f"2 Budget Monitoring {first}" in agenda
    assert f"{first} - {first}" not in agenda
