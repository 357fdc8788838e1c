"""The pack's PDF steps that run in a limited child process: WeasyPrint's layout, and
pikepdf laying the uploads under their pages. No Django here (see committees/sandbox.py).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pikepdf
from weasyprint import HTML
from weasyprint.urls import URLFetcher


@dataclass(frozen=True)
class LaidOut:
    """WeasyPrint's PDF and the anchors each page starts or carries, in reading order."""

    data: bytes
    anchors_by_page: list[list[str]]


def lay_out(html: str) -> LaidOut:
    """Lay out the pack's HTML as PDF/UA-1."""
    # Charts are data: URIs and the CSS is inline: nothing is fetched from anywhere else.
    fetcher = URLFetcher(allowed_protocols={"data"})
    layout = HTML(string=html, url_fetcher=fetcher).render(pdf_variant="pdf/ua-1")
    anchors = [sorted(page.anchors) for page in layout.pages]
    return LaidOut(data=layout.write_pdf(pdf_variant="pdf/ua-1"), anchors_by_page=anchors)


def lay_uploads_under(
    data: bytes, uploads: dict[str, bytes], anchors_by_page: list[list[str]]
) -> bytes:
    """Each placeholder page gets its uploaded page underneath its number and stamp.

    qpdf places each uploaded page as a form XObject, fitted and centred, never enlarged,
    without re-parsing its drawing; the pack's own tags, outline and metadata are kept.
    Streams are copied as they are stored, never decompressed.
    """
    opened = {anchor: pikepdf.open(io.BytesIO(raw)) for anchor, raw in uploads.items()}
    try:
        with pikepdf.open(io.BytesIO(data)) as pack:
            for index, anchors in enumerate(anchors_by_page):
                for anchor in anchors:
                    document, _, number = anchor.rpartition("-page-")
                    if document in opened:
                        page = opened[document].pages[int(number) - 1]
                        # pikepdf's stubs omit add_underlay's keywords, which its code takes.
                        pack.pages[index].add_underlay(page, expand=False)  # type: ignore[call-arg]
            out = io.BytesIO()
            pack.save(out, stream_decode_level=pikepdf.StreamDecodeLevel.none)
            return out.getvalue()
    finally:
        for upload in opened.values():
            upload.close()
