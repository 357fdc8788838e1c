"""The pack as one PDF: WeasyPrint lays out every page; uploaded papers go under their pages."""

from __future__ import annotations

import base64
import io
from collections.abc import Callable
from dataclasses import dataclass

import pikepdf
from django.template.loader import render_to_string
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from weasyprint import HTML

from committees.packs.charts import chart_renderer
from committees.packs.content import MEASURES, Document, PackContent
from committees.packs.layout import item_ranges

Progress = Callable[[str], None]


class PackError(Exception):
    """The pack cannot be built; the message says which paper and why."""


@dataclass(frozen=True)
class BuiltPDF:
    """A laid-out pack: the bytes, its page count, item page ranges and how it is tagged."""

    data: bytes
    pages: int
    item_pages: dict[int, tuple[int, int]]
    fully_tagged: bool
    note: str


def _read_upload(document: Document) -> pikepdf.Pdf:
    """The uploaded paper, opened for laying into the pack once every page is known to fit.

    pypdf checks it as written: qpdf would quietly give a page without a size a default one.
    """
    paper = document.paper
    assert paper is not None and paper.file
    where = f"{document.label} of item {paper.item.number} ({paper.title})"
    try:
        with paper.file.open("rb") as handle:
            raw = handle.read()
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            raise PackError(f"{where} is password-protected: upload it without a password.")
        if not reader.pages:
            raise PackError(f"{where} has no pages.")
        for number, page in enumerate(reader.pages, 1):
            box = page.mediabox
            if float(box.width) <= 0 or float(box.height) <= 0:
                raise PackError(f"{where} has a page with no size (page {number}).")
        return pikepdf.open(io.BytesIO(raw))
    except (PdfReadError, pikepdf.PdfError, ValueError, KeyError, OSError) as problem:
        raise PackError(f"{where} is not a PDF the pack can read: {problem}") from problem


def _draw_charts(pack: PackContent, progress: Progress) -> None:
    measures = [m for d in pack.documents if d.kind == MEASURES for m in d.measures]
    if not any(m["rows"] for m in measures):
        return
    progress(f"Drawing {len(measures)} trend charts")
    with chart_renderer() as draw:
        for m in measures:
            if m["rows"]:
                svg = draw(m["chart"])
                m["svg"] = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def _lay_uploads_under(
    data: bytes, uploads: dict[str, pikepdf.Pdf], anchors_by_page: list[set[str]]
) -> bytes:
    """Each placeholder page gets its uploaded page underneath its number and stamp.

    qpdf places each uploaded page as a form XObject, fitted and centred, never enlarged,
    without re-parsing its drawing; the pack's own tags, outline and metadata are kept.
    """
    with pikepdf.open(io.BytesIO(data)) as pack:
        for index, anchors in enumerate(anchors_by_page):
            for anchor in anchors:
                document, _, number = anchor.rpartition("-page-")
                if document in uploads:
                    page = uploads[document].pages[int(number) - 1]
                    pack.pages[index].add_underlay(page, expand=False)
        out = io.BytesIO()
        pack.save(out)
        return out.getvalue()


def render_pack(pack: PackContent, *, progress: Progress = lambda _: None) -> BuiltPDF:
    """Lay out the whole pack, number its pages and merge in uploaded PDFs."""
    uploads: dict[str, pikepdf.Pdf] = {}
    try:
        for document in pack.uploads:
            uploads[document.anchor] = upload = _read_upload(document)
            document.upload_pages = len(upload.pages)
        return _render(pack, uploads, progress)
    finally:
        for upload in uploads.values():
            upload.close()


def _render(pack: PackContent, uploads: dict[str, pikepdf.Pdf], progress: Progress) -> BuiltPDF:
    _draw_charts(pack, progress)

    progress("Laying out the pages")
    html = render_to_string("committees/pack/pdf.html", {"pack": pack, "pdf": True})
    layout = HTML(string=html).render(pdf_variant="pdf/ua-1")
    # The anchors each page starts or carries, in the order a reader meets them.
    anchors_by_page = [set(page.anchors) for page in layout.pages]
    numbers = [entry.item.number for entry in pack.entries if entry.documents]
    ranges = item_ranges(anchors_by_page, [f"item-{n}" for n in numbers])
    data = layout.write_pdf(pdf_variant="pdf/ua-1")
    note = ""
    if uploads:
        progress(f"Merging {len(uploads)} uploaded PDF{'s' if len(uploads) > 1 else ''}")
        data = _lay_uploads_under(data, uploads, anchors_by_page)
        names = ", ".join(f"item {d.paper.item.number} {d.label}" for d in pack.uploads if d.paper)
        note = (
            "Only partly tagged for accessibility: the generated pages are tagged (PDF/UA), "
            f"but the uploaded PDFs laid into the pack are not ({names})."
        )
    return BuiltPDF(
        data=data,
        pages=len(layout.pages),
        item_pages={int(key.split("-")[1]): value for key, value in ranges.items()},
        fully_tagged=not uploads,
        note=note,
    )
