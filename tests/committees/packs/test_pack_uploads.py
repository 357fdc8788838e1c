"""Uploaded PDF papers laid into the pack, broken uploads, and whether a pack is out of date."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.core.files.base import ContentFile

from committees.models import AgendaItem, Committee, Meeting, Minute, Pack, Paper
from committees.packs.build import PackError, build_pack, pack_is_current
from measures.models import Actual, State
from measures.workflow import Action, move
from scrutiny.roles import Role
from tests.committees.packs.pack_support import (
    BuiltPack,
    footers,
    pdf_from_objects,
    pdf_of_pages,
    read_pack,
    squash,
    stamps,
)

pytestmark = pytest.mark.django_db


UPLOADED = ["Uploaded page 1", "Uploaded page 2", "Uploaded page 3"]
SECRET = ["Secret contract figures page 1", "Secret contract figures page 2"]


def upload(data: bytes) -> ContentFile:
    return ContentFile(data, name="paper.pdf")


@pytest.fixture
def meeting(make_committee: Callable[..., Committee], make_person: Callable[..., Any]) -> Meeting:
    """A meeting whose first item has no papers, so item 2 starts after the agenda."""
    committee = make_committee()
    make_person("R L Foulkes", committee=committee, title="Councillor")
    meeting = Meeting.objects.create(committee=committee, date=date(2017, 9, 8), venue="Lincoln")
    AgendaItem.objects.create(meeting=meeting, number=1, title="Apologies for Absence")
    return meeting


def item(meeting: Meeting, number: int, title: str, **fields: Any) -> AgendaItem:
    return AgendaItem.objects.create(meeting=meeting, number=number, title=title, **fields)


def page_with(pack: BuiltPack, text: str) -> int:
    found = [n for n, page in enumerate(pack.pages, 1) if text in page]
    assert len(found) == 1, f"{text!r} is on pages {found}"
    return found[0]


@pytest.fixture
def uploaded_report(meeting: Meeting) -> Meeting:
    """Item 2: a 3-page uploaded report and a written Appendix A."""
    budget = item(meeting, 2, "Budget Monitoring")
    Paper.objects.create(
        item=budget, kind="report", title="Budget report", file=upload(pdf_of_pages(*UPLOADED))
    )
    Paper.objects.create(
        item=budget,
        kind="appendix",
        letter="A",
        title="Savings by service",
        text="The written appendix lists the savings.",
    )
    return meeting


def test_an_uploaded_report_is_laid_into_the_pack_with_the_pack_s_page_numbers(
    uploaded_report: Meeting,
) -> None:
    record = build_pack(meeting=uploaded_report, version="public")
    pack = read_pack(record)

    pages = [page_with(pack, text) for text in UPLOADED]
    first, last = pack.item_pages["2"]
    assert pages == [first, first + 1, first + 2]
    for number in pages:
        assert footers(pack.page(number)) == [f"Page {number}"]
    assert stamps(pack.page(first)) == {2}
    assert not stamps(pack.page(first + 1)) and not stamps(pack.page(first + 2))
    assert (0, "Item 2: Budget Monitoring", first) in pack.outline
    assert (1, "Report: Budget report", first) in pack.outline
    assert "The written appendix lists the savings." in squash(pack.text_of(first, last))
    assert "2 Budget Monitoring " + f"{first} - {last}" in squash(pack.text)  # the agenda

    assert record.fully_tagged is False
    assert "Only partly tagged" in record.note
    assert "item 2 Report" in record.note


def test_a_written_appendix_after_an_upload_starts_on_a_page_of_its_own(
    uploaded_report: Meeting,
) -> None:
    """The written appendix must not be printed over the uploaded report's last page."""
    pack = read_pack(build_pack(meeting=uploaded_report, version="public"))
    last_uploaded = page_with(pack, UPLOADED[-1])
    appendix = next(page for _, title, page in pack.outline if title.startswith("Appendix A:"))
    assert "The written appendix lists the savings." not in pack.page(last_uploaded)
    assert appendix == last_uploaded + 1


@pytest.fixture
def exempt_upload(meeting: Meeting) -> Meeting:
    """Item 5: a written report and an uploaded Appendix B exempt under paragraph 3."""
    contracts = item(meeting, 5, "Contract Performance")
    Paper.objects.create(
        item=contracts, kind="report", title="Contracts report", text="The public report."
    )
    Paper.objects.create(
        item=contracts,
        kind="appendix",
        letter="B",
        title="Contract Monitoring Figures",
        file=upload(pdf_of_pages(*SECRET)),
        exempt_paragraph=3,
    )
    return meeting


def test_an_uploaded_exempt_paper_is_only_in_the_full_pack(exempt_upload: Meeting) -> None:
    full = read_pack(build_pack(meeting=exempt_upload, version="full"))
    public = read_pack(build_pack(meeting=exempt_upload, version="public"))

    for text in SECRET:
        assert page_with(full, text)
        assert text not in public.text
    assert (1, "Appendix B: Contract Monitoring Figures", page_with(full, SECRET[0])) in (
        full.outline
    )
    assert not full.fully_tagged

    restricted = page_with(public, "Document is Restricted")
    assert "paragraph 3 of Part 1 of Schedule 12A" in squash(public.page(restricted))
    assert "Contract Monitoring Figures" not in public.text + public.strings
    assert "Secret contract" not in public.strings
    # Nothing uploaded went into the public pack, so it is tagged throughout.
    assert public.fully_tagged and public.note == ""


def _with_broken_appendix(meeting: Meeting, data: bytes) -> None:
    budget = item(meeting, 5, "Budget Monitoring")
    Paper.objects.create(item=budget, kind="report", title="Budget report", text="Words.")
    Paper.objects.create(
        item=budget, kind="appendix", letter="B", title="Scanned letter", file=upload(data)
    )


def test_a_broken_upload_stops_the_build_naming_the_paper(meeting: Meeting) -> None:
    _with_broken_appendix(meeting, b"%PDF-1.4\n" + bytes(range(256)) * 8)
    with pytest.raises(PackError) as refused:
        build_pack(meeting=meeting, version="public")
    assert "Appendix B of item 5 (Scanned letter)" in str(refused.value)
    assert "not a PDF the pack can read" in str(refused.value)
    assert not Pack.objects.exists()


PAGE_TREE = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"]


@pytest.mark.parametrize(
    "broken_page",
    [
        pytest.param("<< /Type /Page /Parent 2 0 R >>", id="page-without-a-size"),
        pytest.param("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 0 0] >>", id="page-of-size-0"),
    ],
)
def test_an_upload_whose_pages_cannot_be_placed_stops_the_build_naming_the_paper(
    meeting: Meeting, broken_page: str
) -> None:
    """A well-formed PDF whose page has no usable size is refused like any broken upload."""
    _with_broken_appendix(meeting, pdf_from_objects([*PAGE_TREE, broken_page]))
    with pytest.raises(PackError) as refused:
        build_pack(meeting=meeting, version="public")
    assert "Appendix B of item 5 (Scanned letter)" in str(refused.value)
    assert not Pack.objects.exists()


@pytest.fixture
def written(meeting: Meeting) -> Meeting:
    """Item 5: a written report and an exempt written Appendix D."""
    contracts = item(meeting, 5, "Contract Performance")
    Paper.objects.create(item=contracts, kind="report", title="Report", text="Public words.")
    Paper.objects.create(
        item=contracts,
        kind="appendix",
        letter="D",
        title="Contracts",
        text="Exempt words.",
        exempt_paragraph=3,
    )
    return meeting


def test_changing_a_paper_puts_the_pack_out_of_date(written: Meeting) -> None:
    pack = build_pack(meeting=written, version="public")
    assert pack_is_current(pack)
    Paper.objects.filter(item__meeting=written, kind="report").update(text="Corrected words.")
    assert not pack_is_current(pack)


def test_changing_an_exempt_paper_leaves_only_the_public_pack_current(written: Meeting) -> None:
    public = build_pack(meeting=written, version="public")
    full = build_pack(meeting=written, version="full")
    assert pack_is_current(public) and pack_is_current(full)
    exempt = Paper.objects.get(item__meeting=written, exempt_paragraph=3)
    exempt.text = "Exempt words, corrected."
    exempt.save()
    assert pack_is_current(public)
    assert not pack_is_current(full)


def test_a_new_or_changed_figure_puts_a_pack_with_measures_out_of_date(
    meeting: Meeting, make_target, make_actual, make_user
) -> None:
    make_target("LAC-RATE")
    published = make_actual("LAC-RATE", period="2017/18 Q1", state=State.PUBLISHED)
    awaiting = make_actual("LAC-RATE", period="2016/17 Q4", value="48.1", state=State.APPROVED)
    meeting.committee.measures.add(published.measure)
    performance = item(meeting, 8, "Performance - Quarter 1 2017/18", period="2017/18 Q1")
    Paper.objects.create(item=performance, kind="report", title="Report", text="Words.")
    Paper.objects.create(
        item=performance, kind="appendix", letter="A", title="Measures", generated="measures"
    )
    pack = build_pack(meeting=meeting, version="public")
    text = squash(read_pack(pack).text)
    assert "Looked after children" in text and "48.7 per 10,000" in text
    assert pack_is_current(pack)

    Actual.objects.filter(pk=published.pk).update(value="49.2")
    assert not pack_is_current(pack)
    Actual.objects.filter(pk=published.pk).update(value="48.7")
    assert pack_is_current(pack)

    # An approved figure is not printed until it is published.
    move(actual=awaiting, action=Action.PUBLISH, by=make_user("lead", Role.PERFORMANCE_LEAD))
    assert not pack_is_current(pack)


def test_renaming_an_item_the_printed_minutes_name_puts_the_pack_out_of_date(
    meeting: Meeting,
) -> None:
    """The minutes print each minute under its item's title, so the title is part of the pack."""
    earlier = Meeting.objects.create(committee=meeting.committee, date=date(2017, 7, 21))
    minuted = item(earlier, 5, "Inclusive Lincolnshire Strategy")
    Minute.objects.create(item=minuted, number=12, text="Consideration was given to a report.")
    item(meeting, 3, "Minutes of the previous meeting", minutes_of=earlier)
    pack = build_pack(meeting=meeting, version="public")
    assert "12 INCLUSIVE LINCOLNSHIRE STRATEGY" in read_pack(pack).text
    assert pack_is_current(pack)

    minuted.title = "Inclusive Lincolnshire Strategy - Six Monthly Update"
    minuted.save()
    # The pack still prints the old heading, so it must show as out of date.
    assert not pack_is_current(pack)


def test_renaming_a_measure_s_outcome_puts_a_pack_with_measures_out_of_date(
    meeting: Meeting, make_target
) -> None:
    """Each measure page is headed by its ambition and outcome, so they are part of the pack."""
    measure = make_target("CP-PLANS", value="340", band_low="320", band_high="380").measure
    meeting.committee.measures.add(measure)
    performance = item(meeting, 8, "Performance - Quarter 1 2017/18", period="2017/18 Q1")
    Paper.objects.create(
        item=performance, kind="appendix", letter="A", title="Measures", generated="measures"
    )
    pack = build_pack(meeting=meeting, version="public")
    heading = f"{measure.outcome.ambition.name}: {measure.outcome.name} {measure.title}"
    assert heading in squash(read_pack(pack).text)
    assert pack_is_current(pack)

    outcome = measure.outcome
    outcome.name = "Children are safe, healthy and supported"
    outcome.save()
    # The pack still prints the old outcome above the measure, so it must show as out of date.
    assert not pack_is_current(pack)
