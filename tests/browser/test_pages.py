"""Pages in a real Chromium against the live server: load, sign in, axe, keyboard."""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from scrutiny.roles import Role
from tests.conftest import TEST_PASSWORD

SUFFIX = "Children's services scrutiny – Lincolnshire County Council"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def assert_no_axe_violations(page: Page) -> None:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize(
    ("path", "heading", "title"),
    [
        ("/", "Children's services performance", "Dashboard"),
        ("/sign-in/", "Sign in", "Sign in"),
        (
            "/accessibility/",
            "Accessibility statement for Children's services scrutiny",
            "Accessibility statement",
        ),
    ],
)
def test_page_loads_passes_axe_and_puts_the_skip_link_first(
    page: Page, live_server, artifacts: Path, path: str, heading: str, title: str
) -> None:
    page.goto(live_server.url + path)
    expect(page.locator("h1")).to_have_text(heading)
    expect(page).to_have_title(f"{title} – {SUFFIX}")
    name = title.lower().replace(" ", "-")
    page.screenshot(path=artifacts / f"{name}.png", full_page=True)
    assert_no_axe_violations(page)

    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


def test_styles_come_from_the_compiled_govuk_frontend(page: Page, live_server) -> None:
    page.goto(live_server.url + "/")
    font = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert "GDS Transport" not in font and "system-ui" in font
    # initAll() ran: GOV.UK Frontend marks the body once its JavaScript is supported.
    expect(page.locator("body")).to_have_class(
        "govuk-template__body js-enabled govuk-frontend-supported"
    )


def test_sign_in_with_a_real_form_and_sign_out(page: Page, live_server, make_user) -> None:
    make_user(username="cllr.kirk", role=Role.COMMITTEE_MEMBER, first_name="Rosie")
    page.goto(live_server.url + "/")
    page.get_by_role("navigation").get_by_role("link", name="Sign in").click()
    page.get_by_label("Username").fill("cllr.kirk")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(live_server.url + "/")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("navigation").get_by_role("link", name="Sign in")).to_be_visible()


def test_a_wrong_password_shows_an_accessible_error(page: Page, live_server, make_user) -> None:
    make_user(username="cllr.kirk")
    page.goto(live_server.url + "/sign-in/")
    page.get_by_label("Username").fill("cllr.kirk")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    expect(page).to_have_title(f"Error: Sign in – {SUFFIX}")
    assert_no_axe_violations(page)
