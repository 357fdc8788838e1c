"""Uploaded PDF papers are checked when saved, against the limits set in the settings."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError

from committees.pdfs import PdfLimits, UnusablePdf, check_pdf, pdf_text
from committees.sandbox import Crashed, OutOfMemory, TimedOut, run_limited

MB = 1024 * 1024


def paper_limits() -> PdfLimits:
    """The limits an uploaded paper is held to (PAPER_MAX_* in the README)."""
    return PdfLimits(
        max_pages=settings.PAPER_MAX_PAGES,
        max_decompressed_mb=settings.PAPER_MAX_DECOMPRESSED_MB,
        max_depth=settings.PAPER_MAX_DEPTH,
    )


def check_upload(upload: object) -> None:
    """Raise ValidationError unless the file is a readable PDF within every limit.

    The check runs in a child process with a time and memory limit, so a hostile file can
    neither hang nor exhaust the server.
    """
    size = getattr(upload, "size", 0) or 0
    if size > settings.PAPER_MAX_MB * MB:
        raise ValidationError(
            f"The file is {size / MB:.1f} MB: papers can be at most {settings.PAPER_MAX_MB} MB."
        )
    # Django's uploads are reopened; a plain file object is read as it is.
    handle: Any = upload.open("rb") if hasattr(upload, "open") else upload
    handle.seek(0)
    data = handle.read(settings.PAPER_MAX_MB * MB + 1)
    handle.seek(0)
    if not data.startswith(b"%PDF-"):
        raise ValidationError(
            "This file is not a PDF (it does not start as a PDF does): upload papers as PDF."
        )
    try:
        run_limited(
            check_pdf,
            data,
            paper_limits(),
            seconds=settings.PAPER_CHECK_SECONDS,
            memory_mb=settings.PACK_MEMORY_MB,
        )
    except UnusablePdf as problem:
        raise ValidationError(f"This file {problem}") from None
    except TimedOut:
        raise ValidationError(
            f"This PDF could not be checked within {settings.PAPER_CHECK_SECONDS} seconds: "
            "save it again from your PDF software (Print to PDF) and upload that."
        ) from None
    except OutOfMemory:
        raise ValidationError(
            f"This PDF could not be checked within the {settings.PACK_MEMORY_MB:,} MB memory "
            "limit: save it again from your PDF software (Print to PDF) and upload that."
        ) from None
    except Crashed:
        raise ValidationError(
            "This PDF could not be checked (the checker stopped on it): save it again from "
            "your PDF software (Print to PDF) and upload that."
        ) from None


# The most of a PDF's text kept for search: about 250 pages of close type.
MAX_TEXT_CHARS = 1_000_000


def uploaded_text(upload: object) -> str:
    """The text of an uploaded PDF, read once when it is uploaded so search can find it.

    Read in a child process within the same limits as the check; a PDF whose text cannot be
    read (scanned pages, a damaged file) gives none, and the paper is still saved.
    """
    handle: Any = upload.open("rb") if hasattr(upload, "open") else upload
    handle.seek(0)
    data = handle.read()
    handle.seek(0)
    try:
        text = run_limited(
            pdf_text,
            data,
            MAX_TEXT_CHARS,
            seconds=settings.PAPER_CHECK_SECONDS,
            memory_mb=settings.PACK_MEMORY_MB,
        )
    except Exception:  # Overrun or any reading error: the paper is kept, without its text
        return ""
    return str(text)
