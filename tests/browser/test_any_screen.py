"""Issue 15 in Chromium: the dashboard's first screen, a phone's width, paper, and type size."""

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.browser.test_pages import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROWS = ".dashboard-table tbody tr:not(.group-row)"
MEETING = "/committees/children-and-young-people-scrutiny-committee/2017-09-08/"

# The smallest type of any visible text on the page, in CSS pixels.
SMALLEST_TEXT = """() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let smallest = Infinity, where = '';
    while (walker.nextNode()) {
        const node = walker.currentNode, element = node.parentElement;
        const box = element.getBoundingClientRect();
        const style = getComputedStyle(element);
        if (!node.textContent.trim() || box.width <= 1 || box.height <= 1) continue;
        if (style.visibility === 'hidden' || element.closest('.js-plotly-plot, svg')) continue;
        const size = parseFloat(style.fontSize);
        if (size < smallest) { smallest = size; where = node.textContent.trim().slice(0, 40); }
    }
    return [smallest, where];
}"""


def test_the_summary_and_changes_are_on_the_first_screen_above_the_filters(
    page: Page, live_server, demo, artifacts: Path
) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/")
    summary = page.locator(".summary-table")
    changes = page.get_by_role("heading", name="Changed status since the previous quarter")
    filters = page.locator("details.filter-details")
    for seen in (summary, changes):
        box = seen.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 900, box
    assert filters.bounding_box()["y"] > summary.bounding_box()["y"]  # type: ignore[index]
    # The change list names the measure and both statuses, and links to the measure.
    expect(page.get_by_role("link", name="Children who are subject to a child protection plan"))
    page.screenshot(path=artifacts / "dashboard-first-screen.png")
    assert_no_axe_violations(page)


def test_clicking_not_achieved_in_the_summary_shows_exactly_those_measures(
    page: Page, live_server, demo
) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/")
    page.locator(".summary-table tr", has_text="Not achieved").get_by_role("link").click()
    rows = page.locator(ROWS)
    expect(rows).to_have_count(2)
    for i in range(2):
        expect(rows.nth(i).locator(".cell-status")).to_have_text("Not achieved")
    expect(rows.nth(0)).to_contain_text("Juvenile first time offenders")
    expect(rows.nth(1)).to_contain_text("Looked after children")
    # The filter is open and listed as a tag; removing it shows all eight again.
    expect(page.locator("details.filter-details")).to_have_attribute("open", "")
    page.get_by_role("link", name="Remove the filter Status: Not achieved").click()
    expect(page.locator(ROWS)).to_have_count(8)
    expect(page.locator("details.filter-details")).not_to_have_attribute("open", "")
    assert_no_axe_violations(page)


def test_on_a_phone_each_dashboard_row_is_a_card_led_by_its_title_and_status(
    page: Page, live_server, demo, artifacts: Path
) -> None:
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(live_server.url + "/")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 375
    first = page.locator(ROWS).first
    first.scroll_into_view_if_needed()
    title, status = first.locator(".cell-title"), first.locator(".cell-status")
    figure, target = first.locator(".cell-actual"), first.locator(".cell-target")
    expect(status).to_be_in_viewport()
    tops = [cell.bounding_box()["y"] for cell in (title, status, figure, target)]  # type: ignore[index]
    assert tops == sorted(tops), tops
    box = status.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375
    # Each value on the card is labelled with its column's name.
    labels = [
        cell.evaluate("el => getComputedStyle(el, '::before').content") for cell in (figure, target)
    ]
    assert labels == ['"Latest figure: "', '"Target: "'], labels
    page.screenshot(path=artifacts / "dashboard-cards.png", full_page=True)
    assert_no_axe_violations(page)


@pytest.fixture
def committees_demo(demo, make_user):
    from committees.demo import load_demo_committees
    from measures.demo_benchmarks import load_demo_benchmarks

    load_demo_benchmarks()
    load_demo_committees()


@pytest.mark.parametrize("path", ["/measures/LAC-RATE/", MEETING, MEETING + "pack/"])
def test_a_phone_never_scrolls_the_page_sideways_and_wide_tables_scroll_in_their_region(
    page: Page, live_server, committees_demo, path: str
) -> None:
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(live_server.url + path)
    expect(page.locator("h1")).not_to_be_empty()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 375
    # Every box that scrolls sideways is a labelled region keyboard users can reach.
    scrolling = page.evaluate(
        """() => [...document.querySelectorAll('main *')]
            .filter(el => el.scrollWidth > el.clientWidth + 1
                && ['auto', 'scroll'].includes(getComputedStyle(el).overflowX))
            .map(el => [el.tagName, el.getAttribute('role'), el.getAttribute('tabindex'),
                        el.getAttribute('aria-label'), getComputedStyle(el).backgroundImage])"""
    )
    for tag, role, tabindex, label, background in scrolling:
        assert (role, tabindex) == ("region", "0") and label, (tag, role, tabindex, label)
        assert "gradient" in background  # the shadow that shows there is more to the side
    assert_no_axe_violations(page)


def test_the_benchmark_bar_charts_figures_are_never_cut_off_on_a_phone(
    page: Page, live_server, lac_rate
) -> None:
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(f"{live_server.url}/benchmarks/{lac_rate.slug}/")
    chart = page.locator("#comparison-chart")
    expect(chart).to_have_class(re.compile("js-plotly-plot"))
    boxes = chart.evaluate(
        """chart => {
            const svg = chart.querySelector('svg.main-svg').getBoundingClientRect();
            return [...chart.querySelectorAll('.bartext, .ytick text')].map(label => {
                const box = label.getBoundingClientRect();
                return [label.textContent, box.left >= svg.left - 0.5
                    && box.right <= svg.right + 0.5, box.width > 0];
            });
        }"""
    )
    assert len([b for b in boxes if re.fullmatch(r"[\d.]+", b[0])]) >= 3, boxes
    assert all(inside and drawn for _, inside, drawn in boxes), boxes


def test_the_dashboard_prints_on_one_a4_landscape_page_in_12_point(
    page: Page, live_server, demo, artifacts: Path
) -> None:
    page.goto(live_server.url + "/")
    page.emulate_media(media="print")
    expect(page.locator(".filter-details")).to_be_hidden()
    # Link addresses are not printed, the trend column is kept, and the summary leads.
    assert page.evaluate(
        "getComputedStyle(document.querySelector('.cell-title a'), '::after').content"
    ) in ("none", "normal")
    expect(page.locator(ROWS).first.locator(".trend-spark")).to_be_visible()
    smallest, where = page.evaluate(SMALLEST_TEXT)
    assert smallest >= 16, where  # 12 pt is 16 CSS pixels
    # On paper a direction is short, and still says which way is better.
    expect(page.locator(ROWS).first.locator(".cell-direction")).to_have_text(
        "↓ Worsening (lower is better)", use_inner_text=True
    )
    pdf = page.pdf(prefer_css_page_size=True, print_background=False)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert width > height  # landscape
    text = reader.pages[0].extract_text()
    # (Chromium's PDF writes "fi" as a ligature, so the titles are matched by their first word.)
    assert text.index("Summary: 8 measures") < text.index("Juvenile")
    # No link's address is printed; the page's own is, once, for the full detail.
    assert "/measures/" not in text and text.count("http") == 1
    footer = "Full detail (covered periods, tolerance bands, change on last year, forecasts, status"
    assert f"{footer} changes): {live_server.url}/" in text.replace("\n", " ")
    (artifacts / "dashboard-print.png").write_bytes(page.screenshot(full_page=True))


# Seven more quarterly measures of the kind councils report, to make a report of fifteen.
MORE_MEASURES = {
    "CIN-REREF": "Re-referrals to children's social care within 12 months",
    "ASSESS-45": "Single assessments completed within 45 working days",
    "ICPC-15": "Initial child protection conferences held within 15 working days",
    "CP-REPEAT": "Children subject to a child protection plan for a second or subsequent time",
    "LAC-3PLACE": "Looked after children with three or more placements in the year",
    "CL-EET": "Care leavers aged 19 to 21 in education, employment or training",
    "NEET-16-17": "Young people aged 16 and 17 not in education, employment or training",
}


def test_fifteen_measures_print_on_one_page_with_the_full_detail_address_once(
    page: Page,
    live_server,
    demo,
    make_outcome,
    make_measure,
    make_target,
    make_actual,
    artifacts: Path,
) -> None:
    outcome = make_outcome("Children get help early", order=9)
    for number, (reference, title) in enumerate(MORE_MEASURES.items()):
        measure = make_measure(
            reference, title=title, unit="percentage", polarity="higher", outcome=outcome
        )
        make_target(measure, value=80 + number, band_low=75, band_high=None)
        for period, value in (("2016/17 Q1", 71 + number), ("2016/17 Q4", 79), ("2017/18 Q1", 83)):
            make_actual(measure, period=period, value=value, state="published")
    page.goto(live_server.url + "/")
    page.emulate_media(media="print")
    expect(page.locator(ROWS)).to_have_count(15)
    smallest, where = page.evaluate(SMALLEST_TEXT)
    assert smallest >= 16, where  # 12 pt
    reader = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=False)))
    (artifacts / "dashboard-print-15.png").write_bytes(page.screenshot(full_page=True))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert text.index("Summary: 15 measures") < text.index("Re-referrals")
    # What paper leaves out is a visit away: the dashboard's address, printed once.
    assert text.count(live_server.url) == 1


@pytest.mark.parametrize("path", ["/", "/measures/LAC-RATE/"])
def test_body_text_is_at_least_16_pixels_on_screen(
    page: Page, live_server, demo, path: str
) -> None:
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server.url + path)
        smallest, where = page.evaluate(SMALLEST_TEXT)
        assert smallest >= 16, (width, where, smallest)
