"""Every kind of answer carries the Content-Security-Policy and the other security headers."""

from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client

from measures.models import State
from scrutiny.roles import Role

# (path, signed in as, status): a page of each kind the service answers with.
KINDS = [
    ("/", None, 200),  # a page of the public site
    ("/measures/LAC-RATE/", None, 200),  # a page with a chart and its figure as JSON
    ("/sign-in/", None, 200),  # a form
    ("/no-such-page/", None, 404),  # an error page
    ("/admin/", None, 302),  # a redirect (to sign in)
    ("/admin/", Role.SCRUTINY_OFFICER, 200),  # the admin
    ("/admin/measures/actual/import/", Role.OFFICER, 200),  # an admin page of our own
    ("/healthz", None, 200),  # JSON
    ("/dashboard.csv", None, 200),  # a download
    ("/dashboard.xlsx", None, 200),
    ("/committees/meetings.ics", None, 200),  # a calendar feed
]

HTML_PAGES = [
    ("/", None),
    ("/measures/LAC-RATE/", None),
    ("/sign-in/", None),
    ("/no-such-page/", None),
    ("/admin/", Role.SCRUTINY_OFFICER),
    ("/admin/measures/actual/add/", Role.OFFICER),
    ("/admin/measures/actual/import/", Role.OFFICER),
    ("/admin/measures/actual/export/", Role.OFFICER),
]


@pytest.fixture
def published_measure(make_target: Callable[..., Any], make_actual: Callable[..., Any]) -> None:
    make_target("LAC-RATE")
    make_actual("LAC-RATE", state=State.PUBLISHED)


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "role", "status"), KINDS)
def test_every_kind_of_answer_carries_the_security_headers(
    client: Client, make_user, published_measure: None, path: str, role: Role | None, status: int
) -> None:
    if role:
        client.force_login(make_user(username="visitor", role=role))
    response = client.get(path)
    assert response.status_code == status
    policy = dict(
        (directive.split(" ", 1) + [""])[:2]
        for directive in response.headers["Content-Security-Policy"].split("; ")
    )
    assert policy["script-src"] == "'self'"
    assert policy["default-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "geolocation=()" in response.headers["Permissions-Policy"]


class ScriptFinder(HTMLParser):
    """Collects the scripts a page would run inline: script bodies and on* attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.inline: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.inline += [f"{tag} {name}" for name in found if name.startswith("on")]
        if tag == "script":
            data = found.get("type") == "application/json"
            self.in_script = not data and not found.get("src")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and data.strip():
            self.inline.append(data.strip()[:80])


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "role"), HTML_PAGES)
def test_no_page_runs_an_inline_script(
    client: Client, make_user, published_measure: None, path: str, role: Role | None
) -> None:
    if role:
        client.force_login(make_user(username="visitor", role=role))
    finder = ScriptFinder()
    finder.feed(client.get(path).content.decode())
    assert finder.inline == []
