"""Subscribing from a committee page and managing the alerts, in Chromium, at two widths."""

import re

import pytest
from django.core import mail
from django.test import override_settings
from playwright.sync_api import Page, expect

from committees.models import Committee
from tests.browser.test_pages import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_subscribe_on_the_committee_page_confirm_and_manage_at_both_widths(
    page: Page, live_server
) -> None:
    committee = Committee.objects.create(
        name="Children and Young People Scrutiny Committee",
        slug="cyp",
        kind="scrutiny_committee",
    )
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
        MAIL_DELIVERY_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        SITE_URL=live_server.url,
    ):
        for width, email in [(1280, "wide@example.org"), (375, "narrow@example.org")]:
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(live_server.url + committee.get_absolute_url())
            form = page.locator("form.alerts-form")
            expect(form.get_by_label("An agenda is published")).to_be_checked()
            assert_no_axe_violations(page)
            assert page.evaluate("document.scrollingElement.scrollWidth") <= width
            form.get_by_label("Your e-mail address").fill(email)
            form.get_by_label("Minutes are published").uncheck()
            form.get_by_role("button", name="Subscribe").press("Enter")
            expect(page.locator("h1")).to_have_text("Check your e-mail")

            [message] = [m for m in mail.outbox if m.to == [email]]
            confirm = re.search(r"http\S+/alerts/confirm/\S+/", message.body)
            assert confirm
            page.goto(confirm.group(0))
            page.get_by_role("button", name="Confirm my alerts").click()
            expect(page.locator("h1")).to_have_text("Your alerts are confirmed")
            page.get_by_role("link", name="see and stop all your alerts").click()

            expect(page.locator("h1")).to_have_text("Your e-mail alerts")
            alert = f"{committee.name}: An agenda is published"
            expect(page.get_by_role("cell", name=alert, exact=True)).to_be_visible()
            assert_no_axe_violations(page)
            assert page.evaluate("document.scrollingElement.scrollWidth") <= width
            page.get_by_role("button", name="Stop all and delete my address").click()
            expect(page.locator("h1")).to_have_text("Alerts stopped")
