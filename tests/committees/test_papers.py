"""A written paper's Markdown, as its page, the web pack, the PDF pack and the admin print it."""

from __future__ import annotations

import io
import re
from typing import Any

import pikepdf
import pytest
from django.test import Client
from pypdf import PdfReader

from committees.models import AgendaItem, Meeting, Paper
from committees.papers import has_headings, render_paper
from scrutiny.roles import Role

TABLE = """| Measure | Target | Actual |
|---|---|--:|
| Looked after children | 656 children | 684 children |
"""


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("# Background\n\nText.", "<h2>Background</h2>\n<p>Text.</p>"),
        ("## 6.1. Analyses Undertaken", "<h3>6.1. Analyses Undertaken</h3>"),
        ("- Safe and Healthy\n- Learn and Achieve", "<ul>\n<li>Safe and Healthy</li>"),
        ("1. support and endorse each strategy;", "<ol>\n<li>support and endorse each strategy;"),
        ("3. Consultation\n4. Appendices", '<ol start="3">\n<li>Consultation</li>'),
        ("Children are **Safe and Healthy**", "<p>Children are <strong>Safe and Healthy</strong>"),
        (TABLE, '<thead>\n<tr>\n<th>Measure</th>\n<th>Target</th>\n<th style="text-align:right'),
        (TABLE, '<td style="text-align:right">684 children</td>'),
        # A wide table scrolls in its own box on a phone, named for a screen reader.
        (
            TABLE,
            '<div class="table-scroll" role="region" tabindex="0" '
            'aria-label="Table: Measure, Target, Actual (scrolls sideways)"><table>',
        ),
        # Plain text, as papers were written before Markdown: paragraphs, line breaks kept.
        ("First paragraph.\n\nSecond paragraph.", "<p>First paragraph.</p>\n<p>Second paragraph."),
        ("County Offices\nNewland\r\nLincoln", "<p>County Offices<br>\nNewland<br>\nLincoln</p>"),
        ("Fostering of LAC aged 10 to <16 years old", "to &lt;16 years old"),
        ("[GOV.UK](https://www.gov.uk/)", '<a href="https://www.gov.uk/" rel="noopener'),
    ],
)
def test_markdown_renders_headings_lists_tables_and_plain_paragraphs(text: str, html: str) -> None:
    assert html in render_paper(text)


def test_headings_start_at_the_level_the_page_asks_for_and_stop_at_h6() -> None:
    html = render_paper("# One\n\n## Two\n\n##### Five", top=4)
    assert re.findall(r"<(h\d)>", html) == ["h4", "h5", "h6"]


@pytest.mark.parametrize(
    ("text", "kept", "removed"),
    [
        ("Before <script>alert('x')</script> after", "Before", ["<script", "alert"]),
        ("<script>\nalert('x')\n</script>", "", ["<script", "alert"]),
        ('<img src="x" onerror="alert(1)">', "", ["<img", "onerror", "alert"]),
        ('<p onclick="steal()">Click</p>', "Click", ["onclick", "steal"]),
        ("[report](javascript:alert(1))", "report", ["href"]),
        ('<a href="javascript:alert(1)">report</a>', "report", ["javascript:", "href"]),
        ('<a href="JaVaScRiPt:alert(1)">report</a>', "report", ["href"]),
        ('<iframe src="https://example.com/"></iframe>', "", ["<iframe", "example.com"]),
        ('<div style="background:url(x)">Styled</div>', "Styled", ["<div", "style=", "url("]),
        ("<style>body { display: none }</style>Text", "Text", ["<style", "display"]),
    ],
)
def test_raw_html_and_scripts_are_removed_never_run(
    text: str, kept: str, removed: list[str]
) -> None:
    html = render_paper(text)
    assert kept in html
    for fragment in removed:
        assert fragment.lower() not in html.lower(), f"{fragment!r} survived: {html}"


@pytest.mark.parametrize(
    ("text", "headed"),
    [
        ("# 1. Background\n\nText.", True),
        ("Summary\n=======\n\nText.", True),
        ("Plain text.\n\nMore plain text.", False),
        ("- a list\n- of points", False),
        ("", False),
    ],
)
def test_a_paper_with_headings_of_its_own_is_told_apart(text: str, headed: bool) -> None:
    assert has_headings(text) is headed


def _written(meeting: Meeting, text: str) -> Paper:
    report = Paper.objects.get(item__meeting=meeting, kind="report")
    report.text = text
    report.save()
    return report


MARKDOWN_REPORT = f"""# 1. Background

The strategies are set out below:

- Safe and Healthy
- Readiness for Adult Life

{TABLE}
<script>alert('paper')</script>
<img src="x" onerror="alert('image')">
"""


@pytest.mark.django_db
def test_the_paper_page_and_the_web_pack_print_the_markdown_sanitised(
    client: Client, exempt_meeting: Meeting
) -> None:
    report = _written(exempt_meeting, MARKDOWN_REPORT)
    paper_page = client.get(report.get_absolute_url()).content.decode()
    pack_page = client.get(exempt_meeting.get_absolute_url() + "pack/").content.decode()
    for page, heading in ((paper_page, "h2"), (pack_page, "h4")):
        assert f"<{heading}>1. Background</{heading}>" in page
        assert "<li>Readiness for Adult Life</li>" in page
        assert "<th>Measure</th>" in page and "656 children" in page
        assert "alert(" not in page and "onerror" not in page


@pytest.mark.django_db
def test_a_plain_text_report_keeps_the_packs_summary_frame_and_a_headed_one_prints_its_own(
    client: Client, exempt_meeting: Meeting
) -> None:
    AgendaItem.objects.filter(meeting=exempt_meeting, number=8).update(
        summary="Key performance information.", recommendations="Consider the report."
    )
    address = exempt_meeting.get_absolute_url() + "pack/"
    _written(exempt_meeting, "Plain background text.")
    plain = client.get(address).content.decode()
    assert "<h4>Summary</h4>" in plain and "<h4>Background</h4>" in plain
    _written(exempt_meeting, "# Summary\n\nThe report's own summary.\n\n# 1. Background\n\nText.")
    headed = client.get(address).content.decode()
    assert headed.count("<h4>Summary</h4>") == 1 and "The report's own summary." in headed
    assert "Key performance information.</p>" not in headed.split('id="item-8"')[1]


@pytest.mark.django_db
def test_the_minutes_print_their_lists(client: Client, exempt_meeting: Meeting) -> None:
    from committees.models import Minute

    item = AgendaItem.objects.get(meeting=exempt_meeting, number=8)
    Minute.objects.create(item=item, number=15, text="Appendices:-\n\n- Appendix A;\n- Appendix B")
    exempt_meeting.minutes_published_at = exempt_meeting.agenda_published_at
    exempt_meeting.save()
    page = client.get(exempt_meeting.get_absolute_url()).content.decode()
    assert "<li>Appendix A;</li>" in page


@pytest.mark.django_db
def test_the_admin_previews_the_saved_text_as_readers_will_see_it(
    client: Client, exempt_meeting: Meeting, make_user
) -> None:
    _written(exempt_meeting, MARKDOWN_REPORT)
    client.force_login(make_user(username="scrutiny", role=Role.SCRUTINY_OFFICER))
    item = AgendaItem.objects.get(meeting=exempt_meeting, number=8)
    response = client.get(f"/admin/committees/agendaitem/{item.pk}/change/")
    page = response.content.decode()
    assert response.status_code == 200
    start = page.index('<div class="paper-preview">')
    preview = page[start : page.index("</div>", start)]
    assert preview.index("<h3>1. Background</h3>") < preview.index("<th>Measure</th>")
    assert "alert(" not in preview and "onerror" not in preview
    # Elsewhere the text is only in its textarea, escaped.
    assert "<script>alert" not in page


def _structure_types(pdf: pikepdf.Pdf) -> list[str]:
    """Every structure element's type in the PDF's tag tree, in reading order."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, pikepdf.Array):
            for child in node:
                walk(child)
        elif isinstance(node, pikepdf.Dictionary):
            if "/S" in node:
                found.append(str(node.S))
            if "/K" in node:
                walk(node.K)

    walk(pdf.Root.StructTreeRoot)
    return found


@pytest.mark.slow
@pytest.mark.django_db
def test_the_pdf_pack_tags_a_papers_table_and_repeats_its_header_on_each_page(
    exempt_meeting: Meeting,
) -> None:
    from committees.packs.build import build_pack

    rows = "".join(f"| Child {n} | Placement {n} | {n} days |\n" for n in range(1, 121))
    _written(exempt_meeting, "# Placements\n\n| Child | Placement | Stay |\n|---|---|---|\n" + rows)
    pack = build_pack(meeting=exempt_meeting, version="public")
    with pack.file.open("rb") as handle:
        data = handle.read()

    with pikepdf.open(io.BytesIO(data)) as pdf:
        types = _structure_types(pdf)
    assert "/Table" in types and "/TH" in types and "/TD" in types
    assert types.count("/TH") >= 3 and types.count("/TD") >= 360

    pages = [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
    with_rows = [text for text in pages if re.search(r"Child \d+ Placement", text)]
    assert len(with_rows) >= 2, "the table should run over more than one page"
    for text in with_rows:
        assert "Child Placement Stay" in " ".join(text.split())
