"""Reading built agenda packs back, loading the demo meeting, and making small PDFs.

Kept out of conftest.py on purpose: plain helpers the pack tests import.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    IndirectObject,
    StreamObject,
    TextStringObject,
)
from weasyprint import HTML

from committees.models import Committee, Meeting, Pack, Paper
from measures.pages.dashboard import dashboard_rows
from measures.rules.periods import Period
from scrutiny.roles import Role
from tests.demo_snapshot import write_demo

DEMO_COMMITTEES = (
    Path(__file__).resolve().parents[3] / "fixtures" / "demo" / "lincolnshire_committees.json"
)
DEMO_SLUG = "children-and-young-people-scrutiny-committee"
DEMO_DATE = date(2017, 9, 8)
DEMO_ADDRESS = f"{DEMO_SLUG}/{DEMO_DATE:%Y-%m-%d}"
DEMO_QUARTER = "2017/18 Q1"
BLANK_NOTICE = "This page is intentionally left blank"
FOOTER = re.compile(r"^Page (\d+)$")
STAMP = re.compile(r"Agenda Item (\d+)\b")


def demo_meeting_record(day: str) -> dict[str, Any]:
    """One of the demo committee's meetings as the fixture file writes it."""
    data = json.loads(DEMO_COMMITTEES.read_text(encoding="utf-8"))
    return next(m for m in data["meetings"] if m["committee"] == DEMO_SLUG and m["date"] == day)


def squash(text: str) -> str:
    """Text with every run of white space (line breaks included) made one space."""
    return " ".join(text.split())


def footers(page_text: str) -> list[str]:
    """The "Page N" lines of a page's text."""
    return [line.strip() for line in page_text.splitlines() if FOOTER.match(line.strip())]


def stamps(page_text: str) -> set[int]:
    """The item numbers stamped ("Agenda Item N") on a page."""
    return {int(n) for n in STAMP.findall(page_text)}


def is_blank(page_text: str) -> bool:
    """A page with nothing on it but its number and, perhaps, the blank-page notice."""
    rest = [
        line
        for line in page_text.splitlines()
        if line.strip() and not FOOTER.match(line.strip()) and line.strip() != BLANK_NOTICE
    ]
    return not rest


def load_demo() -> Meeting:
    """Measures, benchmarks and committees as `make demo` loads them (minus DfE's LAIT).

    The loader's rows are copied where it has already run on a database in the same state
    (tests/demo_snapshot.py): it takes thousands of queries, and a dozen tests ask for it.
    """
    from committees.demo import load_demo_committees
    from measures.demo import load_demo_measures
    from measures.demo_benchmarks import load_demo_benchmarks

    def load() -> None:
        users = get_user_model().objects
        officer = users.create_user(username="pack-officer", is_staff=Role.OFFICER.is_staff)
        lead = users.create_user(username="pack-lead", is_staff=Role.PERFORMANCE_LEAD.is_staff)
        load_demo_measures(owners={"quarterly": officer, "annual": lead}, publisher=lead)
        load_demo_benchmarks()
        load_demo_committees()

    write_demo(load)
    return Meeting.objects.select_related("committee").get(
        committee__slug=DEMO_SLUG, date=DEMO_DATE
    )


def measures_of_the_quarter(meeting: Meeting) -> dict[str, Any]:
    """Item 8's measures as the public dashboard shows them for the quarter."""
    committee = meeting.committee
    rows = dashboard_rows(
        period=Period.parse(DEMO_QUARTER), user=AnonymousUser(), measures=committee.measures.all()
    )
    shown = {row.measure.pk for row in rows}
    return {
        "measures": [
            {
                "reference": row.measure.reference,
                "title": row.measure.title,
                "caption": f"{row.measure.outcome.ambition.name}: {row.measure.outcome.name}",
                "status": row.status.label,
                "actual": row.actual_text,
                "decimal_places": row.measure.decimal_places,
            }
            for row in rows
        ],
        "not_due": [
            f"{m.outcome.ambition.name}: {m.outcome.name} {m.title}"
            for m in committee.measures.select_related("outcome__ambition")
            if m.pk not in shown
        ],
    }


def shorten_papers(meeting: Meeting, *, keep: int | None = None) -> None:
    """Cut each public written paper to its first paragraph, for tests of how a pack is built
    (the command, the admin's button) rather than of what it prints: the demo's 200 pages take
    a while to lay out, and test_fidelity.py reads them all. The papers of item `keep`, the
    one a test reads, are left whole."""
    papers = Paper.objects.filter(item__meeting=meeting, exempt_paragraph__isnull=True)
    for paper in papers.exclude(item__number=keep) if keep is not None else papers:
        Paper.objects.filter(pk=paper.pk).update(text=paper.text.split("\n\n")[0])


def outline_entries(reader: PdfReader) -> list[tuple[int, str, int]]:
    """The bookmarks as (depth, title, 1-based page), in reading order."""
    found: list[tuple[int, str, int]] = []

    def walk(nodes: list[Any], depth: int) -> None:
        for node in nodes:
            if isinstance(node, list):
                walk(node, depth + 1)
            else:
                page = reader.get_destination_page_number(node) + 1
                found.append((depth, str(node.title), page))

    walk(reader.outline, 0)
    return found


def pdf_strings(reader: PdfReader) -> str:
    """Every text string in the file's objects (outline, structure tree, names, info), and
    its XMP metadata: what a reader or a tool can see besides the pages' printed text."""
    found: list[str] = []
    seen: set[tuple[int, int]] = set()
    pending: list[Any] = [reader.trailer]
    while pending:
        value = pending.pop()
        if isinstance(value, IndirectObject):
            key = (value.idnum, value.generation)
            if key in seen:
                continue
            seen.add(key)
            value = value.get_object()
        if isinstance(value, TextStringObject | ByteStringObject):
            found.append(str(value) if isinstance(value, TextStringObject) else repr(value))
        elif isinstance(value, DictionaryObject):
            if isinstance(value, StreamObject) and value.get("/Type") == "/Metadata":
                found.append(value.get_data().decode("utf-8", errors="replace"))
            # The pages' drawing instructions hold glyph codes, not text: skip them.
            pending.extend(v for k, v in value.items() if k not in ("/Contents", "/Parent"))
        elif isinstance(value, ArrayObject):
            pending.extend(value)
    return "\n".join(found)


@dataclass
class BuiltPack:
    """One built pack, read back from its PDF while the database still held it."""

    version: str
    data: bytes
    pages: list[str]
    outline: list[tuple[int, str, int]]
    metadata: dict[str, str]
    catalog: dict[str, str]
    strings: str
    item_pages: dict[str, list[int]]
    fully_tagged: bool
    note: str
    page_count: int

    def page(self, number: int) -> str:
        """The text of a page, numbered from 1 as the pack numbers them."""
        return self.pages[number - 1]

    def text_of(self, first: int, last: int) -> str:
        return "\n".join(self.pages[first - 1 : last])

    @property
    def text(self) -> str:
        return "\n".join(self.pages)


def read_pack(pack: Pack) -> BuiltPack:
    with pack.file.open("rb") as handle:
        data = handle.read()
    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    return BuiltPack(
        version=pack.version,
        data=data,
        pages=[page.extract_text() or "" for page in reader.pages],
        outline=outline_entries(reader),
        metadata={str(k): str(v) for k, v in (reader.metadata or {}).items()},
        catalog={str(k): str(v) for k, v in root.items()},
        strings=pdf_strings(reader),
        item_pages=dict(pack.item_pages),
        fully_tagged=pack.fully_tagged,
        note=pack.note,
        page_count=pack.pages,
    )


@dataclass
class DemoPacks:
    """The demo meeting's public and full packs, and what the test needed from the data."""

    public: BuiltPack
    full: BuiltPack
    committee: str
    extra: dict[str, Any] = field(default_factory=dict)


def build_demo_packs(
    django_db_blocker: Any, capture: Callable[[Meeting], dict[str, Any]] | None = None
) -> DemoPacks:
    """Load the demo, build both packs, read them, and leave the database as it was."""
    from committees.packs.build import build_pack

    with django_db_blocker.unblock():
        committees_before = Committee.objects.count()
        # The public pack's text is read (pypdf, about 7 s) while the full pack is laid out,
        # which happens in another process (committees/sandbox.py) while this one waits.
        with transaction.atomic(), ThreadPoolExecutor(max_workers=1) as reader:
            meeting = load_demo()
            public_read = reader.submit(read_pack, build_pack(meeting=meeting, version="public"))
            full = read_pack(build_pack(meeting=meeting, version="full"))
            public = public_read.result()
            extra = capture(meeting) if capture else {}
            committee = meeting.committee.name
            transaction.set_rollback(True)
        assert Committee.objects.count() == committees_before, "the demo was not rolled back"
    return DemoPacks(public=public, full=full, committee=committee, extra=extra)


def pdf_of_pages(*texts: str, size: str = "A4") -> bytes:
    """A real PDF made by WeasyPrint, one page per text."""
    body = "".join(f'<section style="break-before: page"><p>{t}</p></section>' for t in texts)
    style = f"<style>@page {{ size: {size}; }}</style>"
    return HTML(string=f"<html><head>{style}</head><body>{body}</body></html>").write_pdf()


def pdf_from_objects(objects: list[str]) -> bytes:
    """A hand-written PDF with a correct cross-reference table: well-formed, whatever the
    objects say. Object 1 is the catalog."""
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return out


def pikepdf_bytes(pdf: Any, **save: Any) -> bytes:
    out = io.BytesIO()
    pdf.save(out, **save)
    return out.getvalue()


def encrypted_pdf(*, user_password: str = "secret") -> bytes:
    """A one-page PDF encrypted with AES-256 (an empty user password opens it in viewers)."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf_of_pages("Encrypted page"))) as pdf:
        return pikepdf_bytes(
            pdf, encryption=pikepdf.Encryption(owner="owner", user=user_password, aes=True, R=6)
        )


def deep_pdf(depth: int) -> bytes:
    """One page at the bottom of a page tree `depth` levels deep, one node to a level.

    Written by hand: qpdf itself will not save a tree this deep.
    """
    # Object 1 the catalog, 2 .. depth+1 the /Pages nodes, depth+2 the page.
    nodes = [
        f"<< /Type /Pages /Kids [{n + 1} 0 R] /Count 1"
        + (f" /Parent {n - 1} 0 R" if n > 2 else "")
        + " >>"
        for n in range(2, depth + 2)
    ]
    page = f"<< /Type /Page /Parent {depth + 1} 0 R /MediaBox [0 0 595 842] >>"
    return pdf_from_objects(["<< /Type /Catalog /Pages 2 0 R >>", *nodes, page])


def many_pages_pdf(pages: int) -> bytes:
    """A PDF of that many blank A4 pages."""
    import pikepdf

    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page(page_size=(595, 842))
    return pikepdf_bytes(pdf)


def bomb_pdf(megabytes: int) -> bytes:
    """A small one-page PDF holding a stream of `megabytes` MB of zeros, deflated."""
    import zlib

    import pikepdf

    deflater = zlib.compressobj(9)
    chunk = bytes(1024 * 1024)
    packed = b"".join(deflater.compress(chunk) for _ in range(megabytes)) + deflater.flush()
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    stream = pikepdf.Stream(pdf, packed)
    stream.Filter = pikepdf.Name.FlateDecode
    pdf.pages[0].Resources = pikepdf.Dictionary(
        XObject=pikepdf.Dictionary(Bomb=pdf.make_indirect(stream))
    )
    return pikepdf_bytes(pdf, compress_streams=False)
