"""Plain English in Chromium: the glossary, its links, the password reset and the calendar
link, each page passing axe on a laptop (1280 px) and a phone (375 px)."""

import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from scrutiny.roles import Role
from tests.browser.test_pages import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [pytest.param(1280, id="laptop"), pytest.param(375, id="phone")]
NEW_PASSWORD = "kestrel-harbour-lantern-42"


@pytest.fixture
def committees_demo(demo) -> None:
    from committees.demo import load_demo_committees

    load_demo_committees()


def at_width(page: Page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900 if width > 375 else 812})


def fits(page: Page, width: int) -> None:
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width
    assert_no_axe_violations(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_term_on_the_measure_page_opens_its_glossary_entry(
    page: Page, live_server, demo, width: int, artifacts: Path
) -> None:
    at_width(page, width)
    page.goto(live_server.url + "/measures/LAC-RATE/?period=2017%2F18+Q1")
    fits(page, width)
    page.get_by_role("link", name="Target range").click()
    expect(page).to_have_url(re.compile(r"/help/#tolerance-band$"))
    entry = page.locator("#tolerance-band")
    expect(entry).to_be_in_viewport()
    expect(entry).to_contain_text("43 to 47")
    page.screenshot(path=artifacts / f"help-{width}.png", full_page=True)
    fits(page, width)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_dashboard_links_status_to_the_glossary(
    page: Page, live_server, demo, width: int
) -> None:
    at_width(page, width)
    page.goto(live_server.url + "/")
    expect(page.locator("a.glossary-link[href='/help/#status']")).to_have_count(1)
    assert_no_axe_violations(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_explorer_spells_out_abbreviations(
    page: Page, live_server, lac_rate, width: int
) -> None:
    from measures.benchmarking.models import BenchmarkIndicator

    BenchmarkIndicator.objects.create(
        source="LAIT",
        code="CLA_Over_Abs",
        slug="cla-overall-absence",
        title="CLA Overall Absence",
        topic="Children Looked After",
    )
    at_width(page, width)
    page.goto(live_server.url + "/benchmarks/")
    page.get_by_label("Search indicators by name or topic").fill("looked after")
    page.get_by_role("search", name="Indicators").get_by_role("button", name="Search").click()
    expect(page.locator("abbr[title='children looked after']")).to_have_text("CLA")
    page.get_by_text("What the abbreviations in these names stand for").click()
    expect(page.locator(".abbreviation-list")).to_contain_text("Children looked after")
    fits(page, width)
    page.get_by_role("link", name="Children looked after rate per 10,000").click()
    expect(page.locator("a.glossary-link[href='/help/#rank']")).to_be_visible()
    assert_no_axe_violations(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_forgotten_password_is_reset_from_the_e_mailed_link(
    page: Page, live_server, make_user, width: int
) -> None:
    user = make_user(username="cllr.kirk", role=Role.COMMITTEE_MEMBER, email="kirk@example.org")
    at_width(page, width)
    page.goto(live_server.url + "/sign-in/")
    page.get_by_role("link", name="Forgotten your password?").click()
    expect(page.locator("h1")).to_have_text("Reset your password")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the e-mail address your account uses")
    fits(page, width)
    page.get_by_label("E-mail address").fill("kirk@example.org")
    page.get_by_role("button", name="Send the link").click()
    expect(page.locator("h1")).to_have_text("Check your e-mail")
    fits(page, width)

    (message,) = mail.outbox
    link = re.search(r"https?://\S+/sign-in/reset/\S+/", message.body)
    assert link
    page.goto(link.group(0))
    expect(page.locator("h1")).to_have_text("Choose a new password")
    fits(page, width)
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Confirm the new password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Save the new password").click()
    expect(page.locator("h1")).to_have_text("Your password has been changed")
    fits(page, width)
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_committee_page_offers_a_calendar_subscription(
    page: Page, live_server, committees_demo, width: int
) -> None:
    at_width(page, width)
    page.goto(live_server.url + "/committees/children-and-young-people-scrutiny-committee/")
    link = page.get_by_role("link", name=re.compile("^Subscribe in your calendar"))
    expect(link).to_have_attribute(
        "href",
        re.compile(
            r"^webcal://.+/committees/children-and-young-people-scrutiny-committee/meetings\.ics$"
        ),
    )
    fits(page, width)
    page.goto(live_server.url + "/committees/meetings/")
    expect(page.locator(".calendar-address")).to_have_text(
        re.compile(r"^http://.+/committees/meetings\.ics$")
    )
    fits(page, width)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_meeting_page_explains_its_withheld_appendix(
    page: Page, live_server, committees_demo, width: int
) -> None:
    at_width(page, width)
    page.goto(
        live_server.url + "/committees/children-and-young-people-scrutiny-committee/2017-09-08/"
    )
    page.get_by_role("link", name="(what this means)").click()
    expect(page.locator("#exempt")).to_be_in_viewport()
    expect(page.locator("#exempt")).to_contain_text("Only the committee's members")
    page.go_back()
    fits(page, width)
