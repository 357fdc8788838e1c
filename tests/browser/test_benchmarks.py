"""The benchmarks explorer and a measure's benchmark charts in Chromium."""

import csv
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_pages import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_open_sort_and_download_an_indicator(
    page: Page, live_server, lac_rate, artifacts: Path, tmp_path: Path
) -> None:
    page.goto(live_server.url + "/benchmarks/")
    page.get_by_label("Search indicators by name or topic").fill("looked after")
    page.get_by_role("search", name="Indicators").get_by_role("button", name="Search").click()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Children looked after rate per 10,000").click()
    expect(page.locator("h1")).to_have_text("Children looked after rate per 10,000")
    expect(page.get_by_text("2nd of 5 (1st is best)")).to_be_visible()
    chart = page.locator("#comparison-chart")
    expect(chart).to_have_class(re.compile("js-plotly-plot"))
    assert chart.evaluate("el => el.data.length") == 1
    page.screenshot(path=artifacts / "benchmark-indicator.png", full_page=True)
    assert_no_axe_violations(page)

    page.locator(".authority-table").get_by_role("link", name="Rank").click()
    first = page.locator(".authority-table tbody tr").first
    expect(first).to_contain_text("North Northamptonshire")

    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("^CSV")).click()
    saved = tmp_path / "authorities.csv"
    download.value.save_as(saved)
    with saved.open(encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == 6


def test_a_measure_pages_benchmark_chart_is_drawn_and_accessible(
    page: Page, live_server, lac_rate, make_measure, make_target
) -> None:
    from measures.benchmarking.models import MeasureBenchmark

    measure = make_measure("LAC-RATE")
    make_target(measure)
    MeasureBenchmark.objects.create(measure=measure, indicator=lac_rate)
    page.goto(live_server.url + "/measures/LAC-RATE/")
    chart = page.locator(f"[data-trend-chart='{lac_rate.slug}']")
    expect(chart).to_have_class(re.compile("js-plotly-plot"))
    assert chart.evaluate("el => el.data[0].y.length") >= 3
    assert_no_axe_violations(page)


def test_a_2017_figures_compact_tables_and_year_choice_work_by_keyboard_and_pass_axe(
    page: Page, live_server, demo
) -> None:
    from tests.measures.benchmarking.period_data import load_lac_through_the_years

    load_lac_through_the_years()
    page.goto(live_server.url + "/measures/LAC-RATE/?period=2017/18+Q1")
    group = page.get_by_role("table", name=re.compile("statistical neighbours, April 2021 model"))
    expect(group.get_by_role("rowheader").first).to_have_text("Lincolnshire (this council)")
    expect(group.get_by_role("rowheader", name=re.compile("^Northamptonshire"))).to_be_visible()
    expect(page.get_by_role("table", name=re.compile(", 2024"))).to_have_count(0)
    assert_no_axe_violations(page)

    # Another year, chosen from the keyboard.
    link = page.get_by_role("navigation", name=re.compile("Other years")).get_by_role(
        "link", name="2024"
    )
    link.focus()
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"benchmark=2024"))
    expect(page.get_by_role("table", name=re.compile(", 2024")).first).to_be_visible()
    assert_no_axe_violations(page)
