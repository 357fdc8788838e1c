"""Members use the dashboard in Chromium: filter, read, download; on a laptop and a phone."""

import csv
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_pages import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_dashboard_shows_the_q1_report_and_passes_axe(
    page: Page, live_server, demo, artifacts: Path
) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", name="2017/18 Q1 report")).to_be_visible()
    rows = page.locator(".dashboard-table tbody tr:not(.group-row)")
    expect(rows).to_have_count(8)
    expect(rows.nth(2)).to_contain_text("Looked after children")
    expect(rows.nth(2)).to_contain_text("Not achieved")
    expect(rows.nth(2)).to_contain_text("Worsening")
    page.screenshot(path=artifacts / "dashboard-q1.png", full_page=True)
    assert_no_axe_violations(page)


def test_filtering_to_not_achieved_shows_exactly_those_rows(page: Page, live_server, demo) -> None:
    page.goto(live_server.url + "/")
    page.get_by_text("Filter measures").click()
    page.get_by_label("Status").select_option(label="Not achieved")
    page.get_by_role("button", name="Show").click()
    rows = page.locator(".dashboard-table tbody tr:not(.group-row)")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Juvenile first time offenders")
    expect(rows.nth(1)).to_contain_text("Looked after children")
    for i in range(2):
        expect(rows.nth(i)).to_contain_text("Not achieved")


def test_downloading_the_csv_gives_the_rows_on_screen(
    page: Page, live_server, demo, tmp_path
) -> None:
    page.goto(live_server.url + "/?status=rag-red")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("^CSV")).click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "dashboard-2017-18-Q1.csv"
    with saved.open(encoding="utf-8") as handle:
        assert [row["measure"] for row in csv.DictReader(handle)] == ["FTE-YJ", "LAC-RATE"]


def test_the_dashboard_fits_a_phone_without_sideways_scrolling(
    page: Page, live_server, demo, artifacts: Path
) -> None:
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(live_server.url + "/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    # Each row is a card that fits the phone, inside a region keyboard users can reach.
    region = page.get_by_role("region", name="Measures table")
    assert region.evaluate("el => el.scrollWidth <= el.clientWidth")
    assert region.get_attribute("tabindex") == "0"
    page.screenshot(path=artifacts / "dashboard-phone.png", full_page=True)


def test_a_member_opens_a_measure_from_the_dashboard(page: Page, live_server, demo) -> None:
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Looked after children", exact=True).click()
    expect(page).to_have_url(re.compile(r"/measures/LAC-RATE/\?period=2017(/|%2F)18(%20|\+)Q1"))
    expect(page.locator("h1")).to_contain_text("Looked after children")
