"""What an uploaded PDF must be: checked by qpdf within limits, without inflating it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from committees.pdfs import PdfLimits, UnusablePdf, check_pdf, pdf_text
from tests.committees.packs.pack_support import (
    bomb_pdf,
    deep_pdf,
    encrypted_pdf,
    many_pages_pdf,
    pdf_from_objects,
    pdf_of_pages,
)

LIMITS = PdfLimits(max_pages=20, max_decompressed_mb=8, max_depth=10)
PAGE_TREE = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"]


@pytest.mark.parametrize(
    ("make", "refused"),
    [
        pytest.param(encrypted_pdf, "is password-protected", id="aes-256-with-a-password"),
        pytest.param(
            lambda: encrypted_pdf(user_password=""), "is password-protected", id="aes-owner-only"
        ),
        pytest.param(lambda: deep_pdf(11), "nested more than 10 levels deep", id="deep-tree"),
        pytest.param(
            lambda: deep_pdf(2000), "nested more than 10 levels deep", id="2000-deep-tree"
        ),
        pytest.param(lambda: many_pages_pdf(21), "has more than 20 pages", id="too-many-pages"),
        pytest.param(
            lambda: bomb_pdf(9), "holds more than 8 MB once decompressed", id="deflate-bomb"
        ),
        pytest.param(
            lambda: pdf_from_objects([*PAGE_TREE, "<< /Type /Page /Parent 2 0 R >>"]),
            "has a page with no size (page 1)",
            id="page-without-a-size",
        ),
        pytest.param(
            lambda: pdf_from_objects(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Kids [] >>"]),
            "has no pages",
            id="no-pages",
        ),
        pytest.param(
            lambda: b"%PDF-1.4\n" + bytes(range(256)) * 8,
            "is not a PDF the pack can read",
            id="noise",
        ),
    ],
)
def test_a_pdf_over_a_limit_or_unreadable_is_refused_saying_why(
    make: Callable[[], bytes], refused: str
) -> None:
    with pytest.raises(UnusablePdf) as problem:
        check_pdf(make(), LIMITS)
    assert refused in str(problem.value)


@pytest.mark.parametrize(
    ("make", "pages"),
    [
        pytest.param(lambda: pdf_of_pages("One", "Two", "Three"), 3, id="weasyprint"),
        pytest.param(lambda: many_pages_pdf(20), 20, id="at-the-page-limit"),
        pytest.param(lambda: deep_pdf(9), 1, id="at-the-depth-limit"),
        pytest.param(lambda: bomb_pdf(7), 1, id="under-the-decompressed-limit"),
    ],
)
def test_a_pdf_within_every_limit_is_accepted_and_counted(
    make: Callable[[], bytes], pages: int
) -> None:
    assert check_pdf(make(), LIMITS).pages == pages


def test_the_decompressed_size_is_counted_without_inflating_the_stream() -> None:
    facts = check_pdf(bomb_pdf(7), LIMITS)
    assert 7 * 1024 * 1024 <= facts.decompressed_bytes < 8 * 1024 * 1024


@pytest.mark.parametrize(
    ("pages", "max_chars", "text"),
    [
        (("Introduction", "Placement stability"), 1000, "Introduction\n\nPlacement stability"),
        (("Introduction", "Placement stability"), 15, "Introduction\n\nP"),
        (("",), 1000, ""),
    ],
)
def test_a_pdf_s_text_is_read_page_by_page_up_to_a_limit(pages, max_chars, text) -> None:
    assert pdf_text(pdf_of_pages(*pages), max_chars) == text
