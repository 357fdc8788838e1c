"""`manage.py build_pack`: the demo meeting's pack from the command line, and its refusals."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pypdf import PdfReader

from committees.demo import load_demo_committees
from committees.models import Meeting, Pack, PackBuild
from tests.committees.packs.pack_support import (
    DEMO_ADDRESS,
    DEMO_DATE,
    DEMO_SLUG,
    shorten_papers,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_meeting() -> Meeting:
    """The demo committees and meetings (without the measures: Appendix A is then empty).

    The papers are cut short (shorten_papers): these tests are about the command.
    """
    load_demo_committees()
    meeting = Meeting.objects.get(committee__slug=DEMO_SLUG, date=DEMO_DATE)
    shorten_papers(meeting)
    return meeting


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_the_command_writes_the_stored_public_pack_to_the_file(
    demo_meeting: Meeting, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "pack.pdf"
    call_command("build_pack", DEMO_ADDRESS, "--public", "--output", str(output))

    pack = Pack.objects.get(meeting=demo_meeting)
    assert pack.version == "public"
    written = output.read_bytes()
    with pack.file.open("rb") as stored:
        assert sha256(written) == sha256(stored.read()) == pack.checksum
    assert len(PdfReader(io.BytesIO(written)).pages) == pack.pages
    assert pack.item_pages["8"]

    said = capsys.readouterr()
    assert "Reading the agenda and papers of" in said.err
    assert "Laying out the pages" in said.err
    assert f"Storing the {pack.pages}-page pack" in said.err
    assert f"Wrote {output}: {pack.pages} pages" in said.err
    assert pack.checksum[:12] in said.err
    assert said.out == ""


def test_the_command_also_finds_a_meeting_by_its_id(
    demo_meeting: Meeting, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "full.pdf"
    call_command("build_pack", str(demo_meeting.pk), "--full", "--output", str(output))

    pack = Pack.objects.get(meeting=demo_meeting)
    assert pack.version == "full"
    assert sha256(output.read_bytes()) == pack.checksum
    assert "Exempt demo content" in "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(output.read_bytes())).pages
    )


@pytest.mark.parametrize(
    ("arguments", "reason"),
    [
        pytest.param(
            [f"{DEMO_SLUG}/2017-09-09", "--public"],
            f"The committee '{DEMO_SLUG}' has no meeting on 9 September 2017.",
            id="no-meeting-that-day",
        ),
        pytest.param(
            ["no-such-committee/2017-09-08", "--public"],
            "The committee 'no-such-committee' has no meeting on 8 September 2017.",
            id="unknown-committee",
        ),
        pytest.param(
            ["999999", "--public"], "There is no meeting with the id 999999.", id="unknown-id"
        ),
        pytest.param(
            ["next friday's meeting", "--public"],
            '"next friday\'s meeting" is not a meeting: give its address, like '
            "children-and-young-people-scrutiny-committee/2017-09-08, or its id.",
            id="bad-address",
        ),
        pytest.param(
            [f"{DEMO_SLUG}/2017-02-30", "--public"], "2017-02-30 is not a date.", id="bad-date"
        ),
        pytest.param(
            [DEMO_ADDRESS, "--public", "--full"],
            "argument --full: not allowed with argument --public",
            id="both-versions",
        ),
        pytest.param(
            [DEMO_ADDRESS],
            "one of the arguments --public --full is required",
            id="no-version",
        ),
        pytest.param(
            [f"{DEMO_SLUG}/2017-10-20", "--full"],
            "Children and Young People Scrutiny Committee, 20 October 2017 has no papers yet, "
            "so there is no pack to build.",
            id="meeting-without-papers",
        ),
    ],
)
def test_the_command_refuses_saying_why(
    demo_meeting: Meeting, tmp_path: Path, arguments: list[str], reason: str
) -> None:
    output = tmp_path / "pack.pdf"
    with pytest.raises(CommandError) as refused:
        call_command("build_pack", *arguments, "--output", str(output))
    assert reason in str(refused.value)
    assert not output.exists()
    assert not Pack.objects.exists()


def test_the_command_refuses_an_output_folder_that_does_not_exist(
    demo_meeting: Meeting, tmp_path: Path
) -> None:
    output = tmp_path / "missing" / "pack.pdf"
    with pytest.raises(CommandError) as refused:
        call_command("build_pack", DEMO_ADDRESS, "--public", "--output", str(output))
    assert str(refused.value) == f"The folder {output.parent} does not exist."
    assert not output.parent.exists()
    assert not Pack.objects.exists()


def test_the_command_refuses_an_output_that_is_a_folder(
    demo_meeting: Meeting, tmp_path: Path
) -> None:
    """Said before building, as for a missing folder: no traceback, and nothing stored."""
    with pytest.raises(CommandError) as refused:
        call_command("build_pack", DEMO_ADDRESS, "--public", "--output", str(tmp_path))
    assert str(tmp_path) in str(refused.value)
    assert not Pack.objects.exists()


def test_queue_hands_the_build_to_the_worker_and_returns_at_once(
    demo_meeting: Meeting, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("build_pack", DEMO_ADDRESS, "--full", "--queue")
    build = PackBuild.objects.get()
    assert (build.meeting, build.version, build.state) == (demo_meeting, "full", "queued")
    assert f"Queued the full pack of {demo_meeting} (build {build.pk})" in capsys.readouterr().out
    assert not Pack.objects.exists()


@pytest.mark.parametrize(
    ("arguments", "reason"),
    [
        pytest.param(
            ["--queue", "--output", "pack.pdf"],
            "A queued build is stored only: leave out --output.",
            id="queue-and-output",
        ),
        pytest.param([], "Give --output FILE, or --queue to build it in the worker.", id="neither"),
    ],
)
def test_the_command_needs_an_output_or_the_queue_but_not_both(
    demo_meeting: Meeting, arguments: list[str], reason: str
) -> None:
    with pytest.raises(CommandError) as refused:
        call_command("build_pack", DEMO_ADDRESS, "--public", *arguments)
    assert str(refused.value) == reason
    assert not PackBuild.objects.exists()
