"""The agenda pack on the web: the latest PDFs, item by item, and as one accessible page."""

from __future__ import annotations

import io
import logging

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from pypdf import PdfReader, PdfWriter

from committees.access import can_read_exempt
from committees.models import Meeting, Pack, PackVersion
from committees.packs.content import collect_pack
from committees.packs.layout import range_label
from committees.views import meeting_or_404

logger = logging.getLogger(__name__)


def _restricted(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    response = render(request, "committees/pack/restricted.html", {"meeting": meeting})
    response.status_code = 403
    return response


def _latest(meeting: Meeting, version: str) -> Pack:
    pack = Pack.objects.latest_of(meeting, version)
    if pack is None:
        raise Http404("No pack has been built for this meeting yet.")
    return pack


def _missing(request: HttpRequest, meeting: Meeting, pack: Pack) -> HttpResponse:
    logger.error("The file of %s (%s) is missing from storage.", pack, pack.file.name)
    response = render(request, "committees/pack/missing.html", {"meeting": meeting, "pack": pack})
    response.status_code = 404
    return response


def _pdf(pack: Pack, data: io.BufferedIOBase | io.BytesIO, filename: str) -> FileResponse:
    response = FileResponse(
        data, content_type="application/pdf", as_attachment=True, filename=filename
    )
    # The full pack holds exempt information: no shared cache may keep a copy.
    response["Cache-Control"] = "public, max-age=300" if pack.is_public else "private, no-store"
    return response


def pack_pdf(
    request: HttpRequest, committee: str, when: str, version: str, number: int | None = None
) -> HttpResponse:
    """The latest built pack of a version, whole or one item's pages."""
    meeting = meeting_or_404(committee, when)
    if version not in PackVersion.values:
        raise Http404("A pack is public or full.")
    if version == PackVersion.FULL and not can_read_exempt(request.user, meeting):
        return _restricted(request, meeting)
    pack = _latest(meeting, version)
    kind = "agenda-pack" if pack.is_public else "full-pack"
    name = f"{meeting.committee.slug}-{meeting.slug}-{kind}"
    try:
        handle = pack.file.open("rb")
    except FileNotFoundError:
        return _missing(request, meeting, pack)
    if number is None:
        return _pdf(pack, handle, f"{name}.pdf")
    with handle:
        pages = pack.item_range(number)
        if pages is None:
            raise Http404("That item has no papers in the pack.")
        reader = PdfReader(io.BytesIO(handle.read()))
    writer = PdfWriter()
    for index in range(pages[0] - 1, pages[1]):
        writer.add_page(reader.pages[index])
    writer.add_metadata({"/Title": f"{reader.metadata.title or name}: item {number}"})
    out = io.BytesIO()
    writer.write(out)
    out.seek(0)
    return _pdf(pack, out, f"{name}-item-{number}.pdf")


def pack_page(request: HttpRequest, committee: str, when: str) -> HttpResponse:
    """The whole pack as one web page, with the same exempt rule as the PDF."""
    meeting = meeting_or_404(committee, when)
    entitled = can_read_exempt(request.user, meeting)
    content = collect_pack(meeting=meeting, full=entitled)
    version = PackVersion.FULL if entitled else PackVersion.PUBLIC
    latest = Pack.objects.latest_of(meeting, version)
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
    if entitled:
        response["Cache-Control"] = "private, no-store"
    return response
