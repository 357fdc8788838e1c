"""Finding things in Chromium: the meetings list, minutes, forward plan, since the last
meeting and a measure's meetings; each new page passes axe at 1280 and 375 pixels wide."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_pages import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMMITTEE = "/committees/children-and-young-people-scrutiny-committee/"


@pytest.fixture
def committees_demo(demo, make_user):
    from committees.demo import load_demo_committees

    load_demo_committees()


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/committees/meetings/?when=past", "Meetings"),
        (COMMITTEE + "2017-07-21/minutes/", "Minutes of Friday 21 July 2017"),
        (COMMITTEE + "forward-plan/", "Forward plan of decisions"),
        (COMMITTEE + "since-last-meeting/", "Since the last meeting"),
        ("/measures/LAC-RATE/?period=2017%2F18+Q1", None),
    ],
)
def test_each_new_page_passes_axe_and_never_scrolls_sideways(
    page: Page, live_server, committees_demo, path: str, heading: str | None, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900 if width > 400 else 812})
    page.goto(live_server.url + path)
    if heading:
        expect(page.locator("h1")).to_have_text(heading)
    else:
        expect(page.get_by_role("heading", name="Reported to committees")).to_be_visible()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width
    assert_no_axe_violations(page)


def test_a_member_finds_the_last_minutes_from_the_meetings_list(
    page: Page, live_server, committees_demo, artifacts: Path
) -> None:
    page.goto(live_server.url + "/committees/meetings/")
    page.get_by_label("Meetings", exact=True).select_option("past")
    page.get_by_label("Committee", exact=True).select_option(
        label="Children and Young People Scrutiny Committee"
    )
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", name="Coming up")).to_have_count(0)
    page.screenshot(path=artifacts / "meetings-list.png", full_page=True)
    page.get_by_role("link", name=re.compile(r"[Mm]inutes.*, .*21 July 2017")).click()
    expect(page.locator("h1")).to_have_text("Minutes of Friday 21 July 2017")
    expect(page.get_by_text("PRESENT: COUNCILLOR R L FOULKES (CHAIRMAN)")).to_be_visible()
    page.screenshot(path=artifacts / "minutes-page.png", full_page=True)


def test_the_minutes_item_of_the_next_meeting_opens_those_minutes(
    page: Page, live_server, committees_demo
) -> None:
    page.goto(live_server.url + COMMITTEE + "2017-09-08/")
    page.get_by_role("link", name="Read the minutes of 21 July 2017").click()
    expect(page.locator("h1")).to_have_text("Minutes of Friday 21 July 2017")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download these minutes (PDF)").click()
    assert download.value.suggested_filename.endswith("2017-07-21-minutes.pdf")
