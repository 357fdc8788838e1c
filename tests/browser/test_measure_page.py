"""The measure page in Chromium: the chart draws, the data table opens, axe, phone, keyboard."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from committees.packs.charts import HEIGHT as PDF_HEIGHT
from committees.packs.charts import WIDTH as PDF_WIDTH
from tests.browser.test_pages import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHART = ".js-plotly-plot"


def open_measure(page: Page, live_server, path: str = "/measures/LAC-RATE/") -> None:
    page.goto(live_server.url + path)
    # Plotly marks its element once it has drawn; the data is then on the element.
    page.wait_for_function(f"document.querySelector('{CHART}')?.data?.length > 0")


def test_the_chart_draws_the_table_opens_and_axe_passes(
    page: Page, live_server, demo, artifacts: Path
) -> None:
    open_measure(page, live_server)
    expect(page.locator("h1")).to_have_text("Looked after children")
    assert page.evaluate(f"document.querySelector('{CHART}').data.length") > 0
    names = page.evaluate(f"[...document.querySelector('{CHART}').data].map(t => t.name)")
    assert {"Target", "Target range", "Not achieved"} <= set(names)
    # The legend tells the statuses apart without colour.
    expect(page.locator(f"{CHART} .legend")).to_contain_text("Not achieved")
    # Plotly's own mode bar is off (its buttons would sit inside role="img"); ours replaces it.
    expect(page.locator(f"{CHART} .modebar-btn")).to_have_count(0)
    expect(page.get_by_role("button", name="Download the chart as an image (PNG)")).to_be_visible()

    rows = page.get_by_role("region", name="Looked after children by quarter (scrolls sideways)")
    expect(rows).to_be_hidden()
    page.get_by_text("Show the chart's data as a table").click()
    expect(page.get_by_role("rowheader", name="2016/17 Q4")).to_be_visible()
    expect(page.get_by_role("rowheader", name="2017/18 Q1 (shown above)")).to_be_visible()
    page.screenshot(path=artifacts / "measure-page.png", full_page=True)
    assert_no_axe_violations(page)


def test_the_page_fits_a_phone_without_scrolling_sideways(
    page: Page, live_server, demo, artifacts: Path
) -> None:
    page.set_viewport_size({"width": 375, "height": 812})
    open_measure(page, live_server)
    page.get_by_text("Show the chart's data as a table").click()
    expect(page.get_by_role("rowheader", name="2016/17 Q4")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    chart_width = page.evaluate(f"document.querySelector('{CHART}').getBoundingClientRect().width")
    assert 0 < chart_width <= 375
    page.screenshot(path=artifacts / "measure-page-phone.png", full_page=True)
    assert_no_axe_violations(page)


def test_keyboard_focus_moves_past_the_chart(page: Page, live_server, demo) -> None:
    open_measure(page, live_server)
    reached_table = False
    for _ in range(60):
        page.keyboard.press("Tab")
        focus = page.evaluate(
            """() => {
                const active = document.activeElement;
                return {
                    inChart: document.getElementById('trend-chart').contains(active),
                    summary: active.classList.contains('govuk-details__summary'),
                };
            }"""
        )
        # Nothing in the chart takes focus, so it can never hold a keyboard user.
        assert not focus["inChart"]
        if focus["summary"]:
            reached_table = True
            break
    assert reached_table, "Tab never reached the data table's summary after the chart"
    page.keyboard.press("Enter")
    expect(page.get_by_role("rowheader", name="2016/17 Q4")).to_be_visible()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('role')")
    assert focused == "region"  # the scrolling table box, so arrow keys can scroll it


def test_next_measure_pages_through_the_report(page: Page, live_server, demo) -> None:
    open_measure(page, live_server, "/measures/LAC-RATE/?period=2017/18%20Q1")
    next_link = page.get_by_role("link", name=re.compile(r"^Next measure\s*:\s*Children who are"))
    next_link.click()
    expect(page.locator("h1")).to_have_text("Children who are subject to a child protection plan")
    expect(page.get_by_role("heading", name="Position in 2017/18 Q1")).to_be_visible()
    page.get_by_role("link", name=re.compile(r"^Previous measure\s*:\s*Looked after")).click()
    expect(page.locator("h1")).to_have_text("Looked after children")


# Every label the chart draws: tick numbers and periods, axis titles, legend entries.
CHART_LABELS = ".xtick text, .ytick text, .g-xtitle text, .g-ytitle text, .legendtext"


@pytest.mark.parametrize(
    ("width", "pdf"),
    [
        pytest.param(1280, False, id="desktop"),
        pytest.param(375, False, id="phone"),
        # The same figure at the size the pack's PDF draws it (kaleido runs this plotly.js).
        pytest.param(1280, True, id="pdf-size"),
    ],
)
def test_no_chart_label_is_clipped(page: Page, live_server, demo, width: int, pdf: bool) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    open_measure(page, live_server)
    if pdf:
        page.evaluate(
            f"Plotly.relayout(document.querySelector('{CHART}'), "
            f"{{width: {PDF_WIDTH}, height: {PDF_HEIGHT}}})"
        )
    boxes = page.evaluate(
        f"""() => {{
            const chart = document.querySelector('{CHART}');
            const svg = chart.querySelector('svg.main-svg').getBoundingClientRect();
            return [...chart.querySelectorAll('{CHART_LABELS}')].map(label => {{
                const box = label.getBoundingClientRect();
                return {{
                    text: label.textContent,
                    inside: box.left >= svg.left - 0.5 && box.right <= svg.right + 0.5
                        && box.top >= svg.top - 0.5 && box.bottom <= svg.bottom + 0.5,
                    box: [box.left, box.top, box.right, box.bottom],
                    svg: [svg.left, svg.top, svg.right, svg.bottom],
                }};
            }});
        }}"""
    )
    texts = [box["text"] for box in boxes]
    assert any(text.startswith("Rate per 10,000") for text in texts), texts  # the y-axis title
    assert len([box for box in boxes if re.fullmatch(r"\d+(\.\d+)?", box["text"])]) >= 2
    clipped = [box for box in boxes if not box["inside"]]
    assert not clipped, clipped
    if not pdf:
        assert_no_axe_violations(page)
