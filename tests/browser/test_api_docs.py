"""The open data API's docs page in Chromium: it passes axe and reaches the schema by keyboard."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_pages import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_api_docs_page_passes_axe_and_loads_nothing_from_elsewhere(page: Page, live_server) -> None:
    elsewhere = []
    page.on(
        "request",
        lambda request: (
            None if request.url.startswith(live_server.url) else elsewhere.append(request.url)
        ),
    )
    page.goto(live_server.url + "/api/v1/docs/")
    expect(page.locator("h1")).to_have_text("Open data API")
    expect(page.get_by_role("heading", name="Published figures with status")).to_be_visible()
    assert_no_axe_violations(page)
    assert elsewhere == []
    page.get_by_role("link", name="OpenAPI 3 schema").focus()
    page.keyboard.press("Enter")
    expect(page.locator("body")).to_contain_text('"openapi"')
