"""The recommendations tracker in Chromium: found from the committee, filtered, and read on a
recommendation's page; both pages pass axe at 1280 and 375 pixels wide."""

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


def check_both_widths(page: Page) -> None:
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900 if width > 400 else 812})
        assert page.evaluate("document.scrollingElement.scrollWidth") <= width
        assert_no_axe_violations(page)


def test_a_member_filters_the_tracker_and_reads_a_recommendation(
    page: Page, live_server, committees_demo, artifacts: Path
) -> None:
    page.goto(live_server.url + COMMITTEE)
    page.get_by_role("link", name="Recommendations tracker").click()
    expect(page.locator("h1")).to_have_text("Recommendations tracker")
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(9)
    # Flags are words in the table, not colour alone.
    expect(page.get_by_text("Overdue").first).to_be_visible()
    check_both_widths(page)
    # At 1280 every column, "Last update" too, shows without scrolling the table.
    table = page.get_by_role("region", name="Recommendations")
    assert table.evaluate("t => t.scrollWidth <= t.clientWidth")

    page.get_by_label("Status").select_option(label="Closed without implementation")
    page.get_by_role("button", name="Show").click()
    expect(rows).to_have_count(1)
    page.get_by_label("Status").select_option(label="Any status")
    page.get_by_label("Source").select_option(label="This committee's resolution")
    page.get_by_role("button", name="Show").click()
    expect(rows).to_have_count(1)
    page.screenshot(path=artifacts / "recommendations-tracker.png", full_page=True)
    check_both_widths(page)

    page.get_by_role("link", name="That the work programme").click()
    expect(page.locator("h1")).to_have_text("Recommendation")
    expect(page.get_by_role("link", name="minute 16, 21 July 2017")).to_be_visible()
    expect(page.get_by_role("heading", name="Linked measures")).to_be_visible()
    page.screenshot(path=artifacts / "recommendation.png", full_page=True)
    check_both_widths(page)


def test_a_visitor_reads_the_monitor_on_the_agenda_of_the_demos_last_meeting(
    page: Page, live_server, committees_demo, artifacts: Path
) -> None:
    page.goto(live_server.url + COMMITTEE + "2018-04-20/")
    expect(page.get_by_role("heading", name="5. Recommendations Monitor")).to_be_visible()
    check_both_widths(page)

    page.get_by_role("link", name="Recommendations Monitor").click()
    expect(page.get_by_role("heading", name="Open recommendations")).to_be_visible()
    expect(page.get_by_text("That the work programme as detailed in Appendix A")).to_be_visible()
    expect(page.get_by_text("Overdue").first).to_be_visible()
    page.screenshot(path=artifacts / "recommendations-monitor.png", full_page=True)
    check_both_widths(page)
