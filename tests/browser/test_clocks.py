"""A scrutiny officer reads the clocks and releases an exempt paper, in Chromium; axe passes."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from scrutiny.roles import Role
from tests.browser.test_pages import assert_no_axe_violations
from tests.conftest import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_scrutiny_officer_reads_the_clocks_and_releases_a_paper_at_both_widths(
    page: Page, live_server, demo, make_user
) -> None:
    from committees.demo import load_demo_committees
    from committees.models import Committee, Meeting, Paper

    load_demo_committees()
    make_user("scrutiny-officer", Role.SCRUTINY_OFFICER)
    today = timezone.localdate()
    Meeting.objects.create(committee=Committee.objects.first(), date=today + timedelta(days=9))
    # The demo's two Appendix Ds, exempt since their agendas were published in 2017, are due.
    due = list(Paper.objects.due_for_review(today))
    assert len(due) == 2
    exempt = due[-1]
    name = f"Release {exempt} ({exempt.item.meeting.date:%-d %B %Y})"

    page.goto(live_server.url + "/sign-in/?next=/committees/meetings/clocks/")
    page.get_by_label("Username").fill("scrutiny-officer")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("h1")).to_have_text("The clocks")
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        expect(page.get_by_text("At risk", exact=True)).to_be_visible()
        assert page.evaluate("document.scrollingElement.scrollWidth") <= width
        assert_no_axe_violations(page)

    page.get_by_role("link", name=name).click()
    page.get_by_role("button", name="Release the paper").click()
    expect(page.get_by_role("alert")).to_contain_text("Say why the exemption no longer applies")
    assert_no_axe_violations(page)
    page.get_by_label("Why the exemption no longer applies").fill("The contract has been let.")
    page.get_by_role("button", name="Release the paper").click()
    expect(page.get_by_text("it is now public")).to_be_visible()
    expect(page.get_by_role("link", name=name)).to_have_count(0)
    exempt.refresh_from_db()
    assert not exempt.is_exempt
