"""In Chromium: a scrutiny officer builds the demo pack in the admin; everyone can read it."""

import io
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from committees.models import Meeting, Pack
from scrutiny.roles import Role
from tests.browser.test_measures import sign_in
from tests.browser.test_pages import WCAG_TAGS, assert_no_axe_violations
from tests.committees.conftest import EXEMPT_TEXT
from tests.committees.packs.pack_support import shorten_papers
from tests.worker_support import worker_process

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MEETING = "/committees/children-and-young-people-scrutiny-committee/2017-09-08/"


def assert_no_axe_violations_in(page: Page, *selectors: str) -> None:
    """Axe on parts of an admin page: Django's own inline tables are not ours to fix here."""
    context = {"include": [[selector] for selector in selectors]}
    results = Axe().run(
        page, context=context, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}}
    )
    assert results.violations_count == 0, results.generate_report()


@pytest.fixture
def demo_meeting(demo, make_user) -> Meeting:
    from committees.demo import load_demo_committees
    from measures.demo_benchmarks import load_demo_benchmarks

    load_demo_benchmarks()
    load_demo_committees()
    make_user(username="scrutiny", role=Role.SCRUTINY_OFFICER)
    return Meeting.objects.get(date="2017-09-08")


def test_a_scrutiny_officer_builds_the_pack_in_the_admin_and_downloads_it(
    page: Page, live_server, demo_meeting: Meeting, artifacts: Path
) -> None:
    shorten_papers(demo_meeting)  # the button is under test here, not the papers' 200 pages
    sign_in(page, live_server, "scrutiny")
    page.goto(f"{live_server.url}/admin/committees/meeting/{demo_meeting.pk}/change/")
    page.get_by_role("button", name="Build the public agenda pack").click()
    expect(page.locator(".messagelist .success")).to_contain_text("The public pack is queued")
    builds = page.locator("#pack-builds")
    expect(builds).to_contain_text("Waiting for the worker.")
    assert_no_axe_violations_in(page, ".publication", ".pack-builds", "#content-main .object-tools")

    # The worker builds it; the list follows it without the page being loaded again.
    worker = worker_process("--batch")
    try:
        expect(builds).to_contain_text("Built: ", timeout=90_000)
    finally:
        worker.wait(timeout=60)
    expect(builds.locator(".job-state")).to_have_text("Done")
    page.screenshot(path=artifacts / "pack-admin.png", full_page=False)
    assert_no_axe_violations_in(page, ".pack-builds")

    with page.expect_download() as download:
        builds.get_by_role("link", name="Download the latest public pack").click()
    saved = artifacts / "pack-public.pdf"
    download.value.save_as(saved)
    reader = PdfReader(io.BytesIO(saved.read_bytes()))
    pack = Pack.objects.get(meeting=demo_meeting, version="public")
    assert len(reader.pages) == pack.pages
    assert "Agenda Item 8" in "".join(p.extract_text() for p in reader.pages)
    saved.unlink()  # generated PDFs are never kept with the test artifacts


def test_the_public_find_the_pack_on_the_meeting_page_and_read_it_as_a_web_page(
    page: Page, live_server, demo_meeting: Meeting, artifacts: Path
) -> None:
    from committees.packs.build import build_pack

    # The web page and its links are under test, not the papers' 200 pages (test_fidelity.py
    # reads those); the exempt paper stays whole, and must still be withheld.
    shorten_papers(demo_meeting)
    build_pack(meeting=demo_meeting, version="public")
    page.goto(live_server.url + MEETING)
    expect(page.get_by_role("link", name="Download the agenda pack")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Read the agenda pack as a web page").click()
    expect(page.locator("h1")).to_contain_text("Agenda pack")
    expect(page.get_by_text("Document is Restricted").first).to_be_visible()
    assert EXEMPT_TEXT not in page.content()
    # The generated appendix draws each measure's chart, with a table and summary beside it.
    expect(page.locator(".trend-chart .main-svg").first).to_be_visible(timeout=15_000)
    assert_no_axe_violations(page)
    page.screenshot(path=artifacts / "pack-web.png", full_page=False)

    page.get_by_role("link", name="Item 8: Theme Performance - Quarter 1 2017/18").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#item-8")).to_be_in_viewport()


def test_a_committee_member_reads_the_full_web_pack_which_passes_axe(
    page: Page, live_server, demo_meeting: Meeting, make_user
) -> None:
    from committees.models import Person

    member = make_user(username="councillor", role=Role.COMMITTEE_MEMBER)
    Person.objects.filter(key="cllr-r-l-foulkes").update(user=member)
    sign_in(page, live_server, "councillor")
    page.goto(live_server.url + MEETING + "pack/")
    expect(page.get_by_text(EXEMPT_TEXT)).to_be_visible()
    assert_no_axe_violations(page)
