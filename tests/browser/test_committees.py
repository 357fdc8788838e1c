"""Members find their meeting and its papers in Chromium; the pages pass axe."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from committees.models import Meeting, Pack, Person
from scrutiny.roles import Role
from tests.browser.test_measures import sign_in
from tests.browser.test_pages import assert_no_axe_violations
from tests.conftest import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def committees_demo(demo, make_user):
    from committees.demo import load_demo_committees

    load_demo_committees()


def test_committee_to_meeting_to_a_paper(
    page: Page, live_server, committees_demo, artifacts: Path
) -> None:
    page.goto(live_server.url + "/committees/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Children and Young People Scrutiny Committee").click()
    expect(page.locator("h1")).to_have_text("Children and Young People Scrutiny Committee")
    page.screenshot(path=artifacts / "committee.png", full_page=True)
    assert_no_axe_violations(page)
    page.get_by_role("link", name=re.compile("Friday 8 September 2017")).first.click()
    expect(page.get_by_role("heading", name="Agenda", exact=True)).to_be_visible()
    expect(page.get_by_text("Appendix D – Exempt: information under paragraph 3")).to_be_visible()
    page.screenshot(path=artifacts / "meeting.png", full_page=True)
    assert_no_axe_violations(page)
    page.get_by_role("link", name=re.compile("Performance")).first.click()
    expect(page.locator("h1")).not_to_be_empty()
    assert "Exempt demo content" not in page.content()


@pytest.mark.parametrize("path", ["/committees/meetings/", "person", "actions"])
def test_calendar_person_and_action_pages_pass_axe(
    page: Page, live_server, committees_demo, path: str
) -> None:
    if path == "person":
        path = f"/committees/people/{Person.objects.get(key='cllr-r-l-foulkes').key}/"
    elif path == "actions":
        path = "/committees/children-and-young-people-scrutiny-committee/actions/"
    page.goto(live_server.url + path)
    expect(page.locator("h1")).not_to_be_empty()
    assert_no_axe_violations(page)


def test_the_generated_performance_appendix_reads_as_a_web_page(
    page: Page, live_server, committees_demo, artifacts: Path
) -> None:
    from committees.models import Paper

    appendix = Paper.objects.get(item__meeting__date="2017-09-08", item__number=8, letter="A")
    page.goto(
        live_server.url + "/committees/children-and-young-people-scrutiny-committee/2017-09-08/"
    )
    page.get_by_role("link", name="Appendix A: Council Business Plan Measures").click()
    expect(page).to_have_url(live_server.url + appendix.get_absolute_url())
    expect(page.locator("h1")).to_have_text("Appendix A: Council Business Plan Measures")
    expect(page.get_by_role("heading", name="Looked after children").first).to_be_visible()
    expect(page.locator(".trend-chart .main-svg").first).to_be_visible(timeout=15_000)
    page.screenshot(path=artifacts / "generated-appendix.png", full_page=False)
    assert_no_axe_violations(page)
    page.get_by_role("link", name="See the 2017/18 Q1 dashboard").click()
    expect(page.get_by_label("Reporting period")).to_have_value("2017/18 Q1")


def test_signing_in_from_an_exempt_papers_refusal_comes_back_to_the_paper(
    page: Page, live_server, demo, make_user
) -> None:
    from committees.demo import load_demo_committees
    from committees.models import Paper

    member = make_user(username="councillor", role=Role.COMMITTEE_MEMBER)
    load_demo_committees(member_user=member)  # the chair's account
    exempt = Paper.objects.get(item__meeting__date="2017-09-08", exempt_paragraph__isnull=False)
    page.goto(live_server.url + exempt.get_absolute_url())
    expect(page.locator("h1")).to_have_text("Document is Restricted")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Sign in to read it").click()
    page.get_by_label("Username").fill("councillor")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(live_server.url + exempt.get_absolute_url())
    expect(page.locator("h1")).to_contain_text("Appendix D")


@pytest.mark.parametrize("where", ["appendix", "web pack", "measures"])
def test_a_phone_never_scrolls_the_whole_page_sideways(
    page: Page, live_server, committees_demo, where: str
) -> None:
    # Wide tables scroll inside their own labelled region; long addresses wrap.
    from committees.models import Paper

    meeting = "/committees/children-and-young-people-scrutiny-committee/2017-09-08/"
    path = {
        "appendix": Paper.objects.get(
            item__meeting__date="2017-09-08", item__number=8, letter="A"
        ).get_absolute_url(),
        "web pack": meeting + "pack/",
        "measures": "/measures/",
    }[where]
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(live_server.url + path)
    expect(page.locator("h1")).not_to_be_empty()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 375
    assert_no_axe_violations(page)


def test_the_minutes_of_21_july_2017_read_as_printed_and_pass_axe(
    page: Page, live_server, committees_demo, artifacts: Path
) -> None:
    page.goto(
        live_server.url + "/committees/children-and-young-people-scrutiny-committee/2017-07-21/"
    )
    expect(page.get_by_role("heading", name="Attendance")).to_be_visible()
    expect(page.get_by_text("PRESENT: COUNCILLOR R L FOULKES (CHAIRMAN)")).to_be_visible()
    expect(page.get_by_text("Church Representative: Mr S C Rudman.")).to_be_visible()
    expect(page.get_by_text("The meeting closed at 11.55 am")).to_be_visible()
    page.screenshot(path=artifacts / "minutes.png", full_page=True)
    assert_no_axe_violations(page)


def test_the_admin_meeting_page_labels_every_field_passes_axe_and_fits_1280_and_375(
    page: Page, live_server, committees_demo, make_user, artifacts: Path
) -> None:
    make_user(username="scrutiny", role=Role.SCRUTINY_OFFICER)
    meeting = Meeting.objects.get(date="2017-09-08")
    # A pack built earlier is listed too (its file is not needed to list it).
    Pack.objects.create(
        meeting=meeting, version="public", file="packs/x.pdf", pages=180, size=1, checksum="0" * 64
    )
    sign_in(page, live_server, "scrutiny")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/admin/committees/meeting/{meeting.pk}/change/")
    # Each agenda item's fields are named for a screen reader, the first item's as the rest.
    expect(page.get_by_label("Title:", exact=True).first).to_have_value(
        "Apologies for Absence / Replacement Members"
    )
    page.screenshot(path=artifacts / "admin-meeting.png", full_page=True)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 1280
    assert_no_axe_violations(page)
    # July's meeting has its attendance recorded: each person's row is labelled too.
    july = Meeting.objects.get(date="2017-07-21")
    page.goto(f"{live_server.url}/admin/committees/meeting/{july.pk}/change/")
    expect(page.get_by_label("Status:", exact=True).first).to_have_value("absent")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 1280
    assert_no_axe_violations(page)
    # On a phone the packs' table scrolls in its own box, which a keyboard can reach.
    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    expect(page.get_by_role("region", name="Packs")).to_have_attribute("tabindex", "0")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 375
    assert_no_axe_violations(page)
