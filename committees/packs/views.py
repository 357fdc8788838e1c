"""The agenda pack on the web: the latest PDFs, item by item, and as one accessible page."""

from __future__ import annotations

import io
import logging

from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseNotModified
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from pypdf import PdfReader, PdfWriter

from committees.access import can_read_exempt, can_see_agenda, sees_unpublished
from committees.addresses import MeetingAddress
from committees.models import Meeting, Pack, PackVersion
from committees.packs.build import pack_is_withdrawn
from committees.packs.content import collect_pack
from committees.packs.layout import range_label
from scrutiny.caching import cached_page

logger = logging.getLogger(__name__)


def _restricted(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    response = render(request, "committees/pack/restricted.html", {"meeting": meeting})
    response.status_code = 403
    return response


def _unavailable(request: HttpRequest, meeting: Meeting, reason: str, status: int) -> HttpResponse:
    """A page saying why there is no pack to read, instead of a bare error."""
    response = render(
        request,
        "committees/pack/unavailable.html",
        {"meeting": meeting, "reason": reason},
        status=status,
    )
    response["Cache-Control"] = "no-cache"
    return response


def _missing(request: HttpRequest, meeting: Meeting, pack: Pack) -> HttpResponse:
    logger.error("The file of %s (%s) is missing from storage.", pack, pack.file.name)
    response = render(request, "committees/pack/missing.html", {"meeting": meeting, "pack": pack})
    response.status_code = 404
    return response


def _pdf(
    request: HttpRequest,
    pack: Pack,
    data: io.BufferedIOBase | io.BytesIO,
    *,
    filename: str,
    tag: str,
    draft: bool,
) -> HttpResponseBase:
    # Public packs may be kept but must be checked again on every use, so a withdrawn pack
    # stops at once everywhere; drafts and the full pack (exempt information) are never kept.
    private = not pack.is_public or draft
    etag = f'"{pack.checksum}-{tag}"'
    if not private and request.headers.get("If-None-Match") == etag:
        data.close()
        response: HttpResponseBase = HttpResponseNotModified()
    else:
        response = FileResponse(
            data, content_type="application/pdf", as_attachment=True, filename=filename
        )
    response["Cache-Control"] = "private, no-store" if private else "public, no-cache"
    if not private:
        response["ETag"] = etag
    return response


def pack_pdf(
    request: HttpRequest,
    committee: str,
    when: MeetingAddress,
    version: str,
    number: int | None = None,
) -> HttpResponseBase:
    """The latest built pack of a version, whole or one item's pages."""
    meeting = get_object_or_404(Meeting.objects.select_related("committee").at(committee, *when))
    if not can_see_agenda(request.user, meeting):
        return _unavailable(request, meeting, "unpublished", 404)
    if version not in PackVersion.values:
        return _unavailable(request, meeting, "no-such-version", 404)
    if version == PackVersion.FULL and not can_read_exempt(request.user, meeting):
        return _restricted(request, meeting)
    pack = Pack.objects.latest_of(meeting, version)
    if pack is None:
        return _unavailable(request, meeting, "not-built", 404)
    if pack_is_withdrawn(pack):
        return _unavailable(request, meeting, "withdrawn", 410)
    draft = not meeting.agenda_is_published
    kind = "agenda-pack" if pack.is_public else "full-pack"
    name = f"{meeting.committee.slug}-{meeting.slug}-{kind}"
    try:
        handle = pack.file.open("rb")
    except FileNotFoundError:
        return _missing(request, meeting, pack)
    if number is None:
        return _pdf(request, pack, handle, filename=f"{name}.pdf", tag="whole", draft=draft)
    with handle:
        pages = pack.item_range(number)
        if pages is None:
            return _unavailable(request, meeting, "no-such-item", 404)
        reader = PdfReader(io.BytesIO(handle.read()))
    writer = PdfWriter()
    for index in range(pages[0] - 1, pages[1]):
        writer.add_page(reader.pages[index])
    title = reader.metadata.title if reader.metadata else None
    writer.add_metadata({"/Title": f"{title or name}: item {number}"})
    out = io.BytesIO()
    writer.write(out)
    out.seek(0)
    return _pdf(
        request, pack, out, filename=f"{name}-item-{number}.pdf", tag=f"item-{number}", draft=draft
    )


@cached_page
def pack_page(request: HttpRequest, committee: str, when: MeetingAddress) -> HttpResponse:
    """The whole pack as one web page, with the same exempt rule as the PDF."""
    meeting = get_object_or_404(Meeting.objects.select_related("committee").at(committee, *when))
    if not can_see_agenda(request.user, meeting):
        return _unavailable(request, meeting, "unpublished", 404)
    drafts = sees_unpublished(request.user)
    entitled = can_read_exempt(request.user, meeting)
    content = collect_pack(meeting=meeting, full=entitled, published_minutes_only=not drafts)
    version = PackVersion.FULL if entitled else PackVersion.PUBLIC
    latest = Pack.objects.latest_of(meeting, version)
    if latest is not None and pack_is_withdrawn(latest):
        latest = None  # no item downloads from a withdrawn pack
    if latest is not None:
        for entry in content.entries:
            pages = latest.item_range(entry.item.number)
            if pages:
                entry.pages_text = range_label(*pages)
    response = render(
        request,
        "committees/pack/page.html",
        {"pack": content, "meeting": meeting, "entitled": entitled, "latest": latest},
    )
    if entitled or not meeting.agenda_is_published:
        response["Cache-Control"] = "private, no-store"
    return response
