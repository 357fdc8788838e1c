"""Uploaded papers are refused when saved if they are over a limit, with a message."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from committees.models import AgendaItem, Meeting, Paper, validate_pdf
from tests.committees.packs.pack_support import (
    bomb_pdf,
    deep_pdf,
    encrypted_pdf,
    many_pages_pdf,
    pdf_of_pages,
)


def refusal(data: bytes) -> str:
    with pytest.raises(ValidationError) as refused:
        validate_pdf(SimpleUploadedFile("paper.pdf", data))
    return " ".join(refused.value.messages)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        pytest.param(
            encrypted_pdf,
            "This file is password-protected: upload it without a password.",
            id="aes-encrypted",
        ),
        pytest.param(
            lambda: deep_pdf(2000),
            "This file has pages nested more than 100 levels deep",
            id="2000-deep-page-tree",
        ),
        pytest.param(
            lambda: many_pages_pdf(5000),
            "This file has more than 1,000 pages: papers can have at most 1,000.",
            id="5000-pages",
        ),
    ],
)
def test_hostile_uploads_are_refused_with_a_message(make: Callable[[], bytes], message) -> None:
    assert message in refusal(make())


def test_a_1_mb_upload_holding_1_gib_compressed_is_refused_without_inflating_it() -> None:
    bomb = bomb_pdf(1024)
    assert len(bomb) < 2 * 1024 * 1024
    assert "This file holds more than 512 MB once decompressed" in refusal(bomb)


def test_the_limits_come_from_the_settings(settings) -> None:
    settings.PAPER_MAX_PAGES = 2
    assert "papers can have at most 2" in refusal(pdf_of_pages("1", "2", "3"))
    validate_pdf(SimpleUploadedFile("paper.pdf", pdf_of_pages("1", "2")))


def test_a_check_that_takes_too_long_is_stopped_with_a_message(settings) -> None:
    settings.PAPER_CHECK_SECONDS = 0
    assert "could not be checked within 0 seconds" in refusal(pdf_of_pages("1"))


@pytest.mark.django_db
def test_saving_a_paper_with_an_encrypted_upload_is_a_form_error(
    make_committee: Callable[..., object],
) -> None:
    from datetime import date

    meeting = Meeting.objects.create(committee=make_committee(), date=date(2017, 9, 8))
    item = AgendaItem.objects.create(meeting=meeting, number=5, title="Contracts")
    paper = Paper(
        item=item,
        kind="report",
        title="Contracts report",
        file=SimpleUploadedFile("contracts.pdf", encrypted_pdf()),
    )
    with pytest.raises(ValidationError) as refused:
        paper.full_clean()
    assert refused.value.message_dict["file"] == [
        "This file is password-protected: upload it without a password."
    ]


def upload(committee: object, pdf: bytes) -> Paper:
    """A report uploaded as a PDF, as the admin saves it."""
    from datetime import date

    meeting = Meeting.objects.create(committee=committee, date=date(2017, 9, 8))
    item = AgendaItem.objects.create(meeting=meeting, number=5, title="Contracts")
    return Paper.objects.create(
        item=item,
        kind="report",
        title="Contracts report",
        file=SimpleUploadedFile("contracts.pdf", pdf),
    )


@pytest.mark.django_db
def test_an_uploaded_paper_keeps_its_text_and_loses_it_with_the_file(
    make_committee: Callable[..., object],
) -> None:
    paper = upload(make_committee(), pdf_of_pages("Spend on agency staff"))
    assert Paper.objects.get(pk=paper.pk).file_text == "Spend on agency staff"
    paper.file = None
    paper.text = "Written here instead."
    paper.save()
    assert Paper.objects.get(pk=paper.pk).file_text == ""


@pytest.mark.django_db
def test_a_paper_whose_text_cannot_be_read_in_time_is_kept_without_it(
    settings, make_committee: Callable[..., object]
) -> None:
    settings.PAPER_CHECK_SECONDS = 0
    paper = upload(make_committee(), pdf_of_pages("Spend on agency staff"))
    assert Paper.objects.get(pk=paper.pk).file_text == ""
    assert Paper.objects.get(pk=paper.pk).file
