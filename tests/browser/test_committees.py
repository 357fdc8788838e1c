"""Members find their meeting and its papers in Chromium; the pages pass axe."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from committees.models import Person
from tests.browser.test_pages import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def committees_demo(demo, make_user):
    from committees.demo import load_demo_committees

    load_demo_committees()


def test_committee_to_meeting_to_a_paper(
    page: Page, live_server, committees_demo, artifacts: Path
) -> None:
    page.goto(live_server.url + "/committees/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Children and Young People Scrutiny Committee").click()
    expect(page.locator("h1")).to_have_text("Children and Young People Scrutiny Committee")
    page.screenshot(path=artifacts / "committee.png", full_page=True)
    assert_no_axe_violations(page)
    page.get_by_role("link", name=re.compile("Friday 8 September 2017")).first.click()
    expect(page.get_by_role("heading", name="Agenda", exact=True)).to_be_visible()
    expect(page.get_by_text("Appendix D – Exempt: information under paragraph 3")).to_be_visible()
    page.screenshot(path=artifacts / "meeting.png", full_page=True)
    assert_no_axe_violations(page)
    page.get_by_role("link", name=re.compile("Performance")).first.click()
    expect(page.locator("h1")).not_to_be_empty()
    assert "Exempt demo content" not in page.content()


@pytest.mark.parametrize("path", ["/committees/meetings/", "person", "actions"])
def test_calendar_person_and_action_pages_pass_axe(
    page: Page, live_server, committees_demo, path: str
) -> None:
    if path == "person":
        path = f"/committees/people/{Person.objects.get(key='cllr-r-l-foulkes').key}/"
    elif path == "actions":
        path = "/committees/children-and-young-people-scrutiny-committee/actions/"
    page.goto(live_server.url + path)
    expect(page.locator("h1")).not_to_be_empty()
    assert_no_axe_violations(page)
