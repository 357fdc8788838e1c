"""What an uploaded PDF paper must be, checked by qpdf within limits and without inflating it.

No Django here: the check runs in a child process with a time and memory limit
(committees/sandbox.py), when a paper is uploaded and again when a pack is built.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
import zlib
from dataclasses import dataclass

import pikepdf
from pypdf import PdfReader
from pypdf.errors import PyPdfError

MB = 1024 * 1024
# Decompressed in slices this big, so a stream's size is known without holding it.
_SLICE = MB


@dataclass(frozen=True)
class PdfLimits:
    """How big an uploaded paper may be; the README's Configuration lists the settings."""

    max_pages: int
    max_decompressed_mb: int
    max_depth: int


class UnusablePdf(Exception):
    """A PDF that cannot go into a pack; str() completes "This PDF …" or "Appendix B …"."""


@dataclass(frozen=True)
class PdfFacts:
    """What the check found: the page count and the content's decompressed size."""

    pages: int
    decompressed_bytes: int


def check_pdf(data: bytes, limits: PdfLimits) -> PdfFacts:
    """Check a PDF's encryption, page tree, page sizes and decompressed size, or raise
    UnusablePdf saying what is wrong and which limit it passes."""
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        raise UnusablePdf("is password-protected: upload it without a password.") from None
    except (pikepdf.PdfError, ValueError, RecursionError) as problem:
        if "too deeply nested" in str(problem):  # qpdf's own limit, met on opening
            raise UnusablePdf(_too_deep(limits)) from None
        raise UnusablePdf(f"is not a PDF the pack can read: {_said(problem)}") from None
    with pdf:
        if pdf.is_encrypted:
            raise UnusablePdf("is password-protected: upload it without a password.")
        try:
            pages = _walk_pages(pdf, limits)
            size = _decompressed_size(pdf, limits)
        except (pikepdf.PdfError, ValueError, KeyError, TypeError, RecursionError) as problem:
            raise UnusablePdf(f"is not a PDF the pack can read: {_said(problem)}") from None
    _check_page_sizes(data)
    return PdfFacts(pages=pages, decompressed_bytes=size)


def _too_deep(limits: PdfLimits) -> str:
    return (
        f"has pages nested more than {limits.max_depth} levels deep, which no ordinary PDF "
        "has: save it again from your PDF software (Print to PDF) and upload that."
    )


def _said(problem: Exception) -> str:
    # qpdf names the file it read, here an anonymous buffer: leave that out.
    return re.sub(r"^.*?<_io\.BytesIO object at 0x[0-9a-f]+>:?\s*", "", str(problem)) or "damaged"


def _walk_pages(pdf: pikepdf.Pdf, limits: PdfLimits) -> int:
    """Count the pages by walking the page tree without recursion, checking its depth."""
    root = pdf.Root.get("/Pages")
    if not isinstance(root, pikepdf.Dictionary):
        raise UnusablePdf("has no pages.")
    pages = 0
    seen: set[tuple[int, int]] = set()
    pending: list[tuple[pikepdf.Object, int]] = [(root, 1)]
    while pending:
        node, depth = pending.pop()
        if depth > limits.max_depth:
            raise UnusablePdf(_too_deep(limits))
        if node.is_indirect:
            key = node.objgen
            if key in seen:
                raise UnusablePdf("has a page tree that loops back on itself.")
            seen.add(key)
        kids = node.get("/Kids")
        if node.get("/Type") == pikepdf.Name.Pages or isinstance(kids, pikepdf.Array):
            if not isinstance(kids, pikepdf.Array):
                raise UnusablePdf("has a page tree without its list of pages.")
            pending.extend((kid, depth + 1) for kid in reversed(list(kids)))
            continue
        pages += 1
        if pages > limits.max_pages:
            raise UnusablePdf(
                f"has more than {limits.max_pages:,} pages: papers can have at most "
                f"{limits.max_pages:,}. Split it into appendices."
            )
    if not pages:
        raise UnusablePdf("has no pages.")
    return pages


def _check_page_sizes(data: bytes) -> None:
    """Every page has a size, as written: qpdf would quietly give one without a default.

    pypdf reads it, once the page tree is known to be small and shallow.
    """
    unreadable = (PyPdfError, ValueError, KeyError, TypeError, AttributeError)
    try:
        pages = list(PdfReader(io.BytesIO(data)).pages)
    except unreadable as problem:
        raise UnusablePdf(f"is not a PDF the pack can read: {problem}") from None
    for number, page in enumerate(pages, 1):
        try:
            sized = float(page.mediabox.width) > 0 and float(page.mediabox.height) > 0
        except unreadable:
            sized = False
        if not sized:
            raise UnusablePdf(f"has a page with no size (page {number}).")


def _decompressed_size(pdf: pikepdf.Pdf, limits: PdfLimits) -> int:
    """The streams' size once decompressed, counted slice by slice and stopping at the limit."""
    limit = limits.max_decompressed_mb * MB
    total = 0
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Stream):
            continue
        total += _stream_size(obj, limit - total)
        if total > limit:
            raise UnusablePdf(
                f"holds more than {limits.max_decompressed_mb:,} MB once decompressed: papers can "
                f"hold at most {limits.max_decompressed_mb:,} MB. Save it again with your PDF "
                "software's “reduce file size” option, or split it."
            )
    return total


def _filters(stream: pikepdf.Stream) -> list[str]:
    found = stream.get("/Filter")
    if found is None:
        return []
    if isinstance(found, pikepdf.Array):
        return [str(name) for name in found]
    return [str(found)]


def _stream_size(stream: pikepdf.Stream, room: int) -> int:
    """One stream's decompressed size, or just past `room` once it is known to be bigger.

    Flate (after any ASCII encoding) is counted by slices; run-length and LZW are decoded
    by qpdf inside the child's memory limit; images stay as they are (only a viewer
    decodes them), so they count as stored.
    """
    data = stream.read_raw_bytes()
    filters = _filters(stream)
    while filters and filters[0] in ("/ASCIIHexDecode", "/ASCII85Decode"):
        data = _ascii(data, filters.pop(0))
    if not filters:
        return len(data)
    if filters[0] == "/FlateDecode":
        return _flate_size(data, room)
    if filters[0] in ("/LZWDecode", "/RunLengthDecode"):
        return len(stream.read_bytes(pikepdf.StreamDecodeLevel.generalized))
    return len(data)


def _ascii(data: bytes, name: str) -> bytes:
    try:
        if name == "/ASCIIHexDecode":
            text = bytes(b for b in data.split(b">")[0] if not chr(b).isspace())
            return binascii.unhexlify(text + b"0" * (len(text) % 2))
        return base64.a85decode(data.strip().removesuffix(b"~>"), adobe=False)
    except ValueError:
        return data


def _flate_size(data: bytes, room: int) -> int:
    inflater = zlib.decompressobj()
    total = 0
    try:
        while not inflater.eof:
            piece = inflater.decompress(data, _SLICE)
            total += len(piece)
            if total > room:
                return total
            data = inflater.unconsumed_tail
            if not piece and not data:
                break
    except zlib.error:
        pass  # a damaged stream counts as far as it can be read
    return total


def pdf_text(data: bytes, max_chars: int) -> str:
    """The text of a checked PDF's pages, as pypdf reads it, up to `max_chars` characters.

    Pages are separated by a blank line; NUL characters, which PostgreSQL cannot store, are
    dropped.
    """
    pages: list[str] = []
    length = 0
    for page in PdfReader(io.BytesIO(data)).pages:
        text = (page.extract_text() or "").replace("\x00", "").strip()
        pages.append(text)
        length += len(text) + 2
        if length >= max_chars:
            break
    return "\n\n".join(pages)[:max_chars]
