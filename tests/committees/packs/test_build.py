"""The build_pack command finds a meeting by its address (read by the address rule) or id."""

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.db import IntegrityError

from committees.models import Meeting, Pack, Paper
from committees.packs.build import PackError, build_pack, find_meeting

pytestmark = pytest.mark.django_db

SLUG = "children-and-young-people-scrutiny-committee"


@pytest.fixture
def meetings(make_committee) -> dict[str, Meeting]:
    committee = make_committee()
    return {
        "first": Meeting.objects.create(committee=committee, date=date(2017, 9, 8)),
        "second": Meeting.objects.create(committee=committee, date=date(2017, 9, 8), sequence=2),
    }


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (f"{SLUG}/2017-09-08", "first"),
        (f"/{SLUG}/2017-09-08/ ", "first"),
        (f"{SLUG}/2017-09-08-1", "first"),
        (f"{SLUG}/2017-09-08-2", "second"),
    ],
)
def test_a_meeting_is_found_by_its_address(
    meetings: dict[str, Meeting], text: str, found: str
) -> None:
    assert find_meeting(text) == meetings[found]


def test_a_meeting_is_found_by_its_id(meetings: dict[str, Meeting]) -> None:
    assert find_meeting(str(meetings["second"].pk)) == meetings["second"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (f"{SLUG}/2017-09-09", f"The committee '{SLUG}' has no meeting on 9 September 2017."),
        (f"{SLUG}/2017-09-08-3", f"The committee '{SLUG}' has no meeting on 8 September 2017."),
        ("nobody/2017-09-08", "The committee 'nobody' has no meeting on 8 September 2017."),
        (f"{SLUG}/2017-02-30", "2017-02-30 is not a date."),
        (f"{SLUG}/2017-02-30-2", "2017-02-30 is not a date."),
        ("2017-09-08", "'2017-09-08' is not a meeting: give its address"),
        (f"{SLUG}/8-9-2017", f"'{SLUG}/8-9-2017' is not a meeting: give its address"),
        (f"a/{SLUG}/2017-09-08", f"'a/{SLUG}/2017-09-08' is not a meeting: give its address"),
        (f"{SLUG}/2017-09-08-", f"'{SLUG}/2017-09-08-' is not a meeting: give its address"),
    ],
)
def test_anything_else_is_refused_saying_why(
    meetings: dict[str, Meeting], text: str, message: str
) -> None:
    with pytest.raises(PackError) as refused:
        find_meeting(text)
    assert str(refused.value).startswith(message)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_pack_whose_record_cannot_be_stored_leaves_no_file_behind(
    exempt_meeting: Meeting,
) -> None:
    """A paper deleted while the pack was laid out: the record fails, and its file goes too."""
    folder = Path(settings.MEDIA_ROOT) / "packs"
    before = set(folder.glob("*.pdf")) if folder.exists() else set()

    def progress(message: str) -> None:
        if message.startswith("Storing the"):
            Paper.objects.filter(item__meeting=exempt_meeting, kind="report").delete()

    with pytest.raises(IntegrityError):
        build_pack(meeting=exempt_meeting, version="public", progress=progress)
    assert not Pack.objects.exists()
    assert set(folder.glob("*.pdf")) == before
