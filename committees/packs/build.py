"""Build a meeting's agenda pack and keep it on record: one path for the admin and the command."""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING, Any

from django.core.files.base import ContentFile
from django.db import transaction

from committees.access import signed_in_user
from committees.addresses import MeetingAddressConverter, parse_meeting_address
from committees.models import Meeting, Pack, PackVersion
from committees.packs.content import RESTRICTED, collect_pack
from committees.packs.pdf import PackError, Progress, render_pack
from committees.packs.sources import current_digest, sources_digest

if TYPE_CHECKING:
    from committees.access import AnyUser

__all__ = [
    "PackError",
    "build_pack",
    "find_meeting",
    "latest_packs",
    "pack_is_current",
    "pack_is_withdrawn",
]


def find_meeting(text: str) -> Meeting:
    """A meeting named as in its address (`committee-slug/2017-09-08`, `-2` if second) or by id."""
    text = text.strip().strip("/")
    if text.isdigit():
        found = Meeting.objects.select_related("committee").filter(pk=int(text)).first()
        if found is None:
            raise PackError(f"There is no meeting with the id {text}.")
        return found
    slug, _, when = text.rpartition("/")
    if not re.fullmatch(r"[-\w]+", slug) or not re.fullmatch(MeetingAddressConverter.regex, when):
        raise PackError(
            f"{text!r} is not a meeting: give its address, like "
            "children-and-young-people-scrutiny-committee/2017-09-08, or its id."
        )
    try:
        address = parse_meeting_address(when)
    except ValueError:
        raise PackError(f"{when[:10]} is not a date.") from None  # the day, without any -2
    found = Meeting.objects.select_related("committee").at(slug, *address).first()
    if found is None:
        raise PackError(f"The committee {slug!r} has no meeting on {address.day:%-d %B %Y}.")
    return found


def build_pack(
    *,
    meeting: Meeting,
    version: str,
    user: AnyUser = None,
    progress: Progress = lambda _: None,
) -> Pack:
    """Build the public or full pack of a meeting, store it and return its record.

    Raises PackError, naming the paper, when a part cannot go in; nothing is stored then.
    """
    if version not in PackVersion.values:
        raise PackError(f"A pack is either public or full, not {version!r}.")
    full = version == PackVersion.FULL
    progress(f"Reading the agenda and papers of {meeting}")
    digest = sources_digest(meeting=meeting, full=full)
    try:
        content = collect_pack(meeting=meeting, full=full)
    except ValueError as problem:  # an item's reporting period that cannot be read
        raise PackError(f"The agenda cannot be read: {problem}") from problem
    if not any(entry.documents for entry in content.entries):
        raise PackError(f"{meeting} has no papers yet, so there is no pack to build.")
    built = render_pack(content, progress=progress)
    progress(f"Storing the {built.pages}-page pack")
    pack = Pack(
        meeting=meeting,
        version=version,
        built_by=signed_in_user(user),
        pages=built.pages,
        size=len(built.data),
        checksum=hashlib.sha256(built.data).hexdigest(),
        sources=digest,
        fully_tagged=built.fully_tagged,
        note=built.note,
        item_pages={str(number): list(pages) for number, pages in built.item_pages.items()},
    )
    # The file is written before its record commits, and removed if the record does not.
    pack.file.save(f"{meeting.slug}.pdf", ContentFile(built.data), save=False)
    try:
        with transaction.atomic():
            pack.save()
            # What it printed in full, so a paper later made exempt withdraws it at once.
            pack.printed_papers.set(
                [d.paper for d in content.documents if d.paper is not None and d.kind != RESTRICTED]
            )
    except BaseException:
        pack.file.delete(save=False)
        raise
    return pack


def pack_is_current(pack: Pack) -> bool:
    """Whether nothing the pack printed has changed since it was built."""
    return pack.sources == current_digest(
        meeting=pack.meeting_id, full=pack.version == PackVersion.FULL
    )


def pack_is_withdrawn(pack: Pack) -> bool:
    """Whether a stored pack must no longer be served.

    Withdrawn on the record (its agenda withdrawn, or a paper it printed made exempt), or a
    public pack that printed a paper which is exempt now, however it was changed.
    """
    if pack.is_withdrawn:
        return True
    return pack.is_public and pack.printed_papers.filter(exempt_paragraph__isnull=False).exists()


def latest_packs(*, meeting: Meeting, entitled: bool) -> dict[str, Any]:
    """The meeting page's packs: the latest public one, the full one if entitled, whether each
    may be served and whether it is up to date."""
    public = Pack.objects.latest_of(meeting, PackVersion.PUBLIC)
    full = Pack.objects.latest_of(meeting, PackVersion.FULL) if entitled else None
    public_ok = public is not None and not pack_is_withdrawn(public)
    full_ok = full is not None and not pack_is_withdrawn(full)
    return {
        "public_pack": public,
        "public_pack_servable": public_ok,
        "public_pack_current": public is not None and public_ok and pack_is_current(public),
        "full_pack": full,
        "full_pack_servable": full_ok,
        "full_pack_current": full is not None and full_ok and pack_is_current(full),
    }
