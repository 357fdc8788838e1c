"""Searching from the header in Chromium, on a desktop and a phone; the results pass axe."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_pages import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def committees_demo(demo):
    from committees.demo import load_demo_committees

    load_demo_committees()


@pytest.mark.parametrize("width", [1280, 375])
def test_a_search_from_the_header_lists_highlighted_results(
    page: Page, live_server, committees_demo, artifacts: Path, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/committees/")
    page.get_by_role("searchbox", name="Search this site").fill("fostering")
    page.get_by_role("search", name="Site").get_by_role("button", name="Search").click()
    expect(page.locator("h1")).to_have_text("Search")
    expect(page.get_by_role("status")).to_contain_text("for “fostering”")
    expect(page.locator(".search-snippet mark").first).to_be_visible()
    page.get_by_role("checkbox", name="Papers").check()
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".search-result").first).to_contain_text("Paper")
    page.screenshot(path=artifacts / f"search-{width}.png", full_page=True)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width
    assert_no_axe_violations(page)
