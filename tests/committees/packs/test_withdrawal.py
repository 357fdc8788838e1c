"""A stored pack that printed a paper now exempt, or whose agenda was withdrawn, stops at once."""

import pytest
from django.test import Client

from committees.models import AgendaItem, Meeting, Pack, Paper
from committees.packs.build import build_pack
from scrutiny.roles import Role
from tests.committees.admin_support import form_data
from tests.committees.packs.test_views import address, body, pdf_text

pytestmark = pytest.mark.django_db

REPORT_TEXT = "Public text."


@pytest.fixture
def packs(exempt_meeting: Meeting) -> dict[str, Pack]:
    return {v: build_pack(meeting=exempt_meeting, version=v) for v in ("public", "full")}


def make_report_exempt_in_the_admin(client: Client, meeting: Meeting, make_user) -> object:
    client.force_login(make_user(username="scrutiny", role=Role.SCRUTINY_OFFICER))
    item = AgendaItem.objects.get(meeting=meeting)
    change = f"/admin/committees/agendaitem/{item.pk}/change/"
    data = form_data(client.get(change))
    report = Paper.objects.get(item=item, kind="report")
    index = next(k for k, v in data.items() if k.endswith("-id") and v == report.pk)
    data[index.replace("-id", "-exempt_paragraph")] = "1"
    response = client.post(change, {**data, "_save": "Save"}, follow=True)
    client.logout()
    return response


def test_making_a_paper_exempt_withdraws_the_public_packs_that_printed_it(
    client: Client, exempt_meeting: Meeting, packs: dict[str, Pack], make_user
) -> None:
    assert REPORT_TEXT in pdf_text(body(client.get(address(exempt_meeting, "pack/public.pdf"))))
    response = make_report_exempt_in_the_admin(client, exempt_meeting, make_user)
    assert "no longer served" in response.content.decode()
    packs["public"].refresh_from_db()
    assert packs["public"].is_withdrawn
    assert "made exempt" in packs["public"].withdrawn_reason

    for tail in ("pack/public.pdf", "pack/public/item-8.pdf"):
        gone = client.get(address(exempt_meeting, tail))
        assert gone.status_code == 410
        assert gone["Content-Type"].startswith("text/html")
        assert "This agenda pack has been withdrawn" in gone.content.decode()
    page = client.get(address(exempt_meeting)).content.decode()
    assert address(exempt_meeting, "pack/public.pdf") not in page
    assert "has been withdrawn" in page
    assert REPORT_TEXT not in client.get(address(exempt_meeting, "pack/")).content.decode()

    # The full pack may hold exempt papers: it stays. A new public build is served again.
    packs["full"].refresh_from_db()
    assert not packs["full"].is_withdrawn
    build_pack(meeting=exempt_meeting, version="public")
    data = body(client.get(address(exempt_meeting, "pack/public.pdf")))
    assert REPORT_TEXT not in pdf_text(data) and "Document is Restricted" in pdf_text(data)


def test_removing_a_printed_paper_in_the_admin_withdraws_the_public_pack(
    client: Client, exempt_meeting: Meeting, packs: dict[str, Pack], make_user
) -> None:
    client.force_login(make_user(username="scrutiny", role=Role.SCRUTINY_OFFICER))
    item = AgendaItem.objects.get(meeting=exempt_meeting)
    change = f"/admin/committees/agendaitem/{item.pk}/change/"
    data = form_data(client.get(change))
    report = Paper.objects.get(item=item, kind="report")
    index = next(k for k, v in data.items() if k.endswith("-id") and v == report.pk)
    data[index.replace("-id", "-DELETE")] = "on"
    response = client.post(change, {**data, "_save": "Save"}, follow=True)
    assert "no longer served" in response.content.decode()
    assert not Paper.objects.filter(pk=report.pk).exists()
    client.logout()
    assert client.get(address(exempt_meeting, "pack/public.pdf")).status_code == 410


def test_a_paper_made_exempt_any_other_way_stops_the_pack_all_the_same(
    client: Client, exempt_meeting: Meeting, packs: dict[str, Pack]
) -> None:
    Paper.objects.filter(item__meeting=exempt_meeting, kind="report").update(exempt_paragraph=1)
    assert client.get(address(exempt_meeting, "pack/public.pdf")).status_code == 410
    assert client.get(address(exempt_meeting, "pack/public/item-8.pdf")).status_code == 410


def test_public_packs_may_be_kept_only_if_checked_again_on_every_use(
    client: Client, exempt_meeting: Meeting, packs: dict[str, Pack]
) -> None:
    first = client.get(address(exempt_meeting, "pack/public.pdf"))
    assert first["Cache-Control"] == "public, no-cache"
    assert "max-age" not in first["Cache-Control"]
    etag = first["ETag"]
    again = client.get(address(exempt_meeting, "pack/public.pdf"), headers={"If-None-Match": etag})
    assert again.status_code == 304
    Paper.objects.filter(item__meeting=exempt_meeting, kind="report").update(exempt_paragraph=1)
    stale = client.get(address(exempt_meeting, "pack/public.pdf"), headers={"If-None-Match": etag})
    assert stale.status_code == 410


def test_an_uploaded_paper_is_checked_again_on_every_use(
    client: Client, exempt_meeting: Meeting
) -> None:
    from django.core.files.base import ContentFile

    report = Paper.objects.get(item__meeting=exempt_meeting, kind="report")
    report.file.save("report.pdf", ContentFile(b"%PDF-1.4\nReport\n%%EOF\n"))
    response = client.get(report.get_absolute_url())
    assert response["Cache-Control"] == "no-cache"
    Paper.objects.filter(pk=report.pk).update(exempt_paragraph=2)
    assert client.get(report.get_absolute_url()).status_code == 403
