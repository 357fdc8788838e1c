"""Officers and the public use the measures pages and the entry form in Chromium."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from measures.models import Measure
from tests.browser.test_pages import assert_no_axe_violations
from tests.conftest import TEST_PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def sign_in(page: Page, live_server, username: str) -> None:
    page.goto(live_server.url + "/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_public_measures_list_groups_measures_and_passes_axe(
    page: Page, live_server, demo, artifacts: Path
) -> None:
    page.goto(live_server.url + "/measures/")
    expect(page.get_by_role("heading", name="Communities are safe and protected")).to_be_visible()
    expect(page.get_by_role("rowheader", name=re.compile("Looked after children"))).to_have_count(1)
    page.screenshot(path=artifacts / "measures.png", full_page=True)
    assert_no_axe_violations(page)


def test_officer_enters_a_figure_and_sees_the_status_it_would_get(
    page: Page, live_server, demo, artifacts: Path
) -> None:
    sign_in(page, live_server, "officer")
    page.goto(live_server.url + "/admin/measures/actual/add/")
    page.get_by_label("Measure").select_option(label="LAC-RATE: Looked after children")
    page.get_by_label("Reported in").fill("2017/18 Q2")
    page.get_by_label("Value").fill("46.1")
    page.get_by_label("Covered period in words").fill("As at 30 September 2017")
    page.get_by_role("button", name="Check the status without saving").click()
    expect(page.locator("#entry-status")).to_have_text("✓ Achieved")
    expect(page.get_by_text("43 to 47 per 10,000")).to_be_visible()
    page.screenshot(path=artifacts / "admin-entry.png", full_page=True)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("was added successfully")).to_be_visible()
    expect(
        page.get_by_role("row", name=re.compile(r"LAC-RATE.*2017\/18 Q2.*Draft"))
    ).to_be_visible()


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/measures/measure/",
        "/admin/measures/measure/{measure}/change/",
        "/admin/measures/actual/",
        "/admin/measures/actual/add/?measure={measure}",
        "/admin/measures/actual/{figure}/change/",
        "/admin/measures/actual/{figure}/history/",
        "/admin/measures/actual/import/",
    ],
)
def test_officers_admin_pages_pass_axe(page: Page, live_server, demo, path: str) -> None:
    measure = Measure.objects.get(reference="LAC-RATE")
    figure = measure.actuals.get(year=2017, quarter=1)
    sign_in(page, live_server, "lead")
    page.goto(live_server.url + path.format(measure=measure.pk, figure=figure.pk))
    assert_no_axe_violations(page)


def test_an_upload_with_problems_lists_them_as_text_and_passes_axe(
    page: Page, live_server, demo, artifacts: Path
) -> None:
    sign_in(page, live_server, "officer")
    page.goto(live_server.url + "/admin/measures/actual/import/")
    expect(page.get_by_role("link", name="Excel (.xlsx)")).to_be_visible()
    page.get_by_label("File to import").set_input_files(
        Path(__file__).parent.parent / "measures" / "files" / "return_q2_blank_lines.csv"
    )
    page.get_by_label("Format").select_option(label="csv")
    page.get_by_role("button", name="Submit").click()
    problems = page.get_by_role("list").filter(has_text="is not a plain number")
    expect(problems).to_contain_text("Row 6, value: '91%' is not a plain number")
    expect(problems).to_contain_text("Row 5, value: '1,234' is not a plain number")
    expect(page.get_by_role("heading", name=re.compile("Nothing was imported"))).to_be_visible()
    expect(page.get_by_role("cell", name=re.compile("Not achieved"))).to_be_visible()
    page.screenshot(path=artifacts / "admin-import-problems.png", full_page=True)
    assert_no_axe_violations(page)
