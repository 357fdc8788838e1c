"""The pack on the web: who gets which PDF, item downloads, the web version and staleness."""

import io

import pytest
from django.test import Client
from pypdf import PdfReader

from committees.models import Meeting, Pack, Paper
from committees.packs.build import build_pack
from scrutiny.roles import Role
from tests.committees.conftest import EXEMPT_TEXT
from tests.committees.test_exempt import crawl

pytestmark = pytest.mark.django_db


def address(meeting: Meeting, tail: str = "") -> str:
    return f"/committees/{meeting.committee.slug}/{meeting.slug}/{tail}"


def body(response) -> bytes:  # noqa: ANN001
    return b"".join(response.streaming_content) if response.streaming else response.content


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def built(exempt_meeting: Meeting) -> dict[str, Pack]:
    return {
        version: build_pack(meeting=exempt_meeting, version=version)
        for version in ("public", "full")
    }


@pytest.fixture
def member(make_user, make_person, exempt_meeting: Meeting) -> object:
    user = make_user(username="councillor", role=Role.COMMITTEE_MEMBER)
    make_person("R L Foulkes", committee=exempt_meeting.committee, user=user)
    return user


def test_the_meeting_page_says_when_no_pack_is_published_yet(
    client: Client, exempt_meeting: Meeting
) -> None:
    page = client.get(address(exempt_meeting)).content.decode()
    assert "The agenda pack has not been published as a PDF yet." in page
    assert address(exempt_meeting, "pack/") in page


def test_the_public_download_the_latest_public_pack_from_the_meeting_page(
    client: Client, exempt_meeting: Meeting, built: dict[str, Pack]
) -> None:
    page = client.get(address(exempt_meeting)).content.decode()
    link = address(exempt_meeting, "pack/public.pdf")
    assert link in page
    assert f"{built['public'].pages} pages" in page
    assert address(exempt_meeting, "pack/full.pdf") not in page

    response = client.get(link)
    data = body(response)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert len(PdfReader(io.BytesIO(data)).pages) == built["public"].pages
    text = pdf_text(data)
    assert "Document is Restricted" in text
    assert EXEMPT_TEXT not in text


def test_a_newer_build_replaces_the_older_as_the_one_linked(
    client: Client, exempt_meeting: Meeting, built: dict[str, Pack]
) -> None:
    Paper.objects.filter(item__meeting=exempt_meeting, kind="report").update(
        text="A corrected report."
    )
    newer = build_pack(meeting=exempt_meeting, version="public")
    data = body(client.get(address(exempt_meeting, "pack/public.pdf")))
    assert "A corrected report." in pdf_text(data)
    assert Pack.objects.latest_of(exempt_meeting, "public") == newer


def test_the_full_pack_is_refused_to_the_public_and_to_outsiders(
    client: Client, exempt_meeting: Meeting, built: dict[str, Pack], make_user
) -> None:
    for who in (None, make_user(username="outsider", role=Role.COMMITTEE_MEMBER)):
        if who:
            client.force_login(who)
        for tail in ("pack/full.pdf", "pack/full/item-8.pdf"):
            response = client.get(address(exempt_meeting, tail))
            assert response.status_code == 403
            assert response["Content-Type"].startswith("text/html")
            assert EXEMPT_TEXT not in response.content.decode()
            assert "Document is Restricted" in response.content.decode()


def test_the_committees_members_get_the_full_pack_uncached(
    client: Client, exempt_meeting: Meeting, built: dict[str, Pack], member: object
) -> None:
    client.force_login(member)
    page = client.get(address(exempt_meeting)).content.decode()
    assert address(exempt_meeting, "pack/full.pdf") in page

    response = client.get(address(exempt_meeting, "pack/full.pdf"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert EXEMPT_TEXT in pdf_text(body(response))


def test_an_item_download_is_exactly_that_items_pages(
    client: Client, exempt_meeting: Meeting, built: dict[str, Pack]
) -> None:
    first, last = built["public"].item_range(8)
    page = client.get(address(exempt_meeting)).content.decode()
    assert address(exempt_meeting, "pack/public/item-8.pdf") in page

    data = body(client.get(address(exempt_meeting, "pack/public/item-8.pdf")))
    pages = PdfReader(io.BytesIO(data)).pages
    assert len(pages) == last - first + 1
    assert "Agenda Item 8" in pages[0].extract_text()
    assert f"Page {first}" in pages[0].extract_text()
    assert client.get(address(exempt_meeting, "pack/public/item-1.pdf")).status_code == 404


def test_the_web_version_withholds_exempt_papers_from_the_public_only(
    client: Client, exempt_meeting: Meeting, member: object
) -> None:
    public = client.get(address(exempt_meeting, "pack/")).content.decode()
    assert "Document is Restricted" in public
    assert "paragraph 3" in public
    assert EXEMPT_TEXT not in public
    assert "Contract performance" not in public  # not even the exempt paper's title
    assert "Performance Scrutiny" in public  # the agenda gives each item's purpose

    client.force_login(member)
    response = client.get(address(exempt_meeting, "pack/"))
    assert EXEMPT_TEXT in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_the_web_version_gives_each_items_pages_in_the_latest_pdf(
    client: Client, exempt_meeting: Meeting, built: dict[str, Pack]
) -> None:
    first, last = built["public"].item_range(8)
    page = client.get(address(exempt_meeting, "pack/")).content.decode()
    assert f"Pages {first} - {last}" in page or f"Pages {first}<" in page
    assert address(exempt_meeting, "pack/public/item-8.pdf") in page


def test_a_pack_is_marked_out_of_date_when_a_paper_changes(
    client: Client, exempt_meeting: Meeting, built: dict[str, Pack]
) -> None:
    assert "Out of date" not in client.get(address(exempt_meeting)).content.decode()
    Paper.objects.filter(item__meeting=exempt_meeting, kind="report").update(text="Changed.")
    assert "Out of date" in client.get(address(exempt_meeting)).content.decode()


def test_crawling_as_the_public_never_reaches_exempt_text_in_any_pack(
    client: Client, exempt_meeting: Meeting, built: dict[str, Pack]
) -> None:
    pages = crawl(client, address(exempt_meeting))
    pdfs = [path for path in pages if path.endswith(".pdf")]
    assert address(exempt_meeting, "pack/public.pdf") in pdfs
    for path in pdfs:
        assert EXEMPT_TEXT not in pdf_text(body(client.get(path))), path
    for path, text in pages.items():
        assert EXEMPT_TEXT not in text, path


@pytest.mark.parametrize("tail", ["pack/public.pdf", "pack/public/item-8.pdf"])
def test_a_pack_whose_file_is_missing_answers_404_with_an_explanation(
    client: Client, exempt_meeting: Meeting, built: dict[str, Pack], tail: str
) -> None:
    pack = built["public"]
    pack.file.storage.delete(pack.file.name)
    response = client.get(address(exempt_meeting, tail))
    page = response.content.decode()
    assert response.status_code == 404
    assert "Agenda pack not available" in page
    assert "its file cannot be found on the server" in page
    assert address(exempt_meeting, "pack/") in page
