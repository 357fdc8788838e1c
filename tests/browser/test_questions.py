"""Members' questions in Chromium: a member asks about a figure, the measure's owner answers
in the admin, the member reads the answer on the measure page; axe at both widths."""

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from committees.models import AgendaItem, Committee, Meeting, Membership, Person
from committees.publication import publish_agenda
from scrutiny.roles import Role
from tests.browser.test_measures import sign_in
from tests.browser.test_pages import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_asks_an_officer_answers_and_the_member_reads_it(
    page: Page, live_server, demo, make_user, artifacts: Path
) -> None:
    committee = Committee.objects.create(
        name="Children and Young People Scrutiny Committee",
        slug="children-and-young-people",
        kind="scrutiny_committee",
    )
    meeting = Meeting.objects.create(committee=committee, date=date.today() + timedelta(days=28))
    AgendaItem.objects.create(meeting=meeting, number=1, title="Performance report")
    publish_agenda(meeting=meeting, user=None)
    member = make_user("member", Role.COMMITTEE_MEMBER)
    person = Person.objects.create(key="kirk", name="Rosie Kirk", kind="councillor", user=member)
    Membership.objects.create(person=person, committee=committee)

    sign_in(page, live_server, "member")
    page.goto(live_server.url + "/measures/LAC-RATE/")
    page.get_by_role("link", name=re.compile("Ask a question about this figure")).click()
    expect(page.get_by_role("heading", name="Ask a question", exact=True)).to_be_visible()
    expect(page.locator("#questions-close")).to_contain_text("Questions close at the end of")
    assert_no_axe_violations(page)
    page.get_by_label("Your question").fill("Why has the rate risen this quarter?")
    page.get_by_role("button", name="Send the question").click()
    expect(page.get_by_role("heading", name="Your question has been sent")).to_be_visible()
    page.set_viewport_size({"width": 375, "height": 812})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.screenshot(path=artifacts / "ask-question-phone.png", full_page=True)
    assert_no_axe_violations(page)

    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server, "officer")  # the owner of the quarterly measures
    page.goto(live_server.url + "/admin/committees/question/")
    page.get_by_role("link", name=re.compile("Why has the rate risen")).click()
    answer = page.get_by_role("textbox", name="Answer:")
    answer.fill("Two large sibling groups came into care in June.")
    page.get_by_label("Publish the answer").check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.context.clear_cookies()
    sign_in(page, live_server, "member")
    page.goto(live_server.url + "/measures/LAC-RATE/")
    section = page.get_by_role("region", name="Members' questions")
    expect(section).to_contain_text("Why has the rate risen this quarter?")
    expect(section).to_contain_text("Two large sibling groups came into care in June.")
    page.set_viewport_size({"width": 375, "height": 812})
    assert_no_axe_violations(page)
    page.goto(live_server.url + meeting.get_absolute_url())
    expect(page.locator("#question-counts")).to_contain_text("1 question asked")
    assert_no_axe_violations(page)
