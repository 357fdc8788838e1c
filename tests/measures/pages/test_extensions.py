"""Tests for measures/pages/extensions.py: other apps add dashboard filters and page sections."""

import copy
from collections.abc import Callable, Iterator
from pathlib import Path

import django_filters
import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from measures.models import Measure, State
from measures.pages import extensions
from measures.pages.extensions import Section, SectionProvider
from measures.pages.filters import DashboardFilter
from measures.rules.periods import Period
from scrutiny.roles import Role


@pytest.fixture
def reference_filter(monkeypatch: pytest.MonkeyPatch) -> None:
    # Registered as another app would, then removed so other tests see the usual dashboard.
    monkeypatch.setattr(extensions, "_dashboard_filters", dict(extensions._dashboard_filters))
    extensions.register_dashboard_filter(
        "reference", django_filters.CharFilter(field_name="reference", label="Reference")
    )


def test_a_registered_filter_is_offered_after_the_dashboards_own_and_before_status(
    reference_filter: None, db: None
) -> None:
    form = DashboardFilter({}, queryset=Measure.objects.all()).form
    assert list(form.fields) == ["ambition", "outcome", "owner", "committee", "reference", "status"]


def test_a_registered_filter_narrows_the_dashboards_measures(
    reference_filter: None, make_measure
) -> None:
    make_measure("LAC-RATE")
    make_measure("CP-PLANS")
    chosen = DashboardFilter({"reference": "CP-PLANS"}, queryset=Measure.objects.all()).qs
    assert [m.reference for m in chosen] == ["CP-PLANS"]


def test_the_committee_filter_comes_from_the_committees_app() -> None:
    # measures declares no committee filter of its own; committees registers it when ready.
    assert "committee" not in DashboardFilter.base_filters
    assert "committee" in extensions.dashboard_filters()


# A section another app adds to the measure page, as committees' "reported at these meetings"
# will: its template is written to a folder of the test's own.
SECTION_TEMPLATE = (
    '<p class="govuk-body">{{ section.context.reference }} in {{ section.context.period }}, '
    "seen by {{ section.context.viewer }}.</p>"
)


@pytest.fixture
def sections(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[Callable[[str, SectionProvider], None]]:
    """Register section providers as another app's ready() would; removed afterwards.

    The page shows only these: the apps' own sections (alerts' form shows on every measure)
    would come first and move the numbering.
    """
    monkeypatch.setattr(extensions, "_measure_sections", {})
    (tmp_path / "sections").mkdir()
    (tmp_path / "sections" / "seen.html").write_text(SECTION_TEMPLATE)
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], tmp_path]
    with override_settings(TEMPLATES=templates):
        yield extensions.register_measure_section


def seen(title: str) -> SectionProvider:
    """A provider showing which measure, quarter and viewer it was given, under a heading."""

    def provide(measure: Measure, period: Period, user: object) -> Section | None:
        viewer = getattr(user, "username", "") or "the public"
        context = {"reference": measure.reference, "period": period.label, "viewer": viewer}
        return Section(title=title, template_name="sections/seen.html", context=context)

    return provide


def page_of(client: Client, reference: str, period: str = "2017/18 Q1") -> str:
    response = client.get(f"/measures/{reference}/", {"period": period})
    assert response.status_code == 200
    return response.content.decode()


def test_a_registered_section_is_shown_under_its_heading_for_the_chosen_quarter(
    sections, client: Client, make_target, make_actual
) -> None:
    make_actual(make_target().measure, state=State.PUBLISHED)
    sections("meetings", seen("Reported at these meetings"))

    page = page_of(client, "LAC-RATE", "2017/18 Q1")

    assert '<h2 class="govuk-heading-l" id="section-1">Reported at these meetings</h2>' in page
    assert '<section aria-labelledby="section-1">' in page
    assert "LAC-RATE in 2017/18 Q1, seen by the public." in page
    # After the benchmarking, before what the measure is.
    assert page.index("Benchmarking</h2>") < page.index("Reported at these meetings")
    assert page.index("Reported at these meetings") < page.index("About this measure</h2>")


def test_sections_show_in_the_order_they_registered_and_see_who_is_looking(
    sections, client: Client, make_user, make_target, make_actual
) -> None:
    make_actual(make_target().measure, state=State.PUBLISHED)
    sections("meetings", seen("Reported at these meetings"))
    sections("questions", seen("Members' questions"))
    client.force_login(make_user(username="cllr.kirk", role=Role.COMMITTEE_MEMBER))

    page = page_of(client, "LAC-RATE")

    assert page.index("Reported at these meetings") < page.index("Members&#x27; questions")
    assert 'id="section-2">Members&#x27; questions</h2>' in page
    assert page.count("LAC-RATE in 2017/18 Q1, seen by cllr.kirk.") == 2


def test_a_provider_with_nothing_to_show_adds_nothing(
    sections, client: Client, make_measure, make_target, make_actual
) -> None:
    make_actual(make_target().measure, state=State.PUBLISHED)
    make_measure("CP-PLANS")
    only_lac = seen("Reported at these meetings")
    sections(
        "meetings",
        lambda measure, period, user: (
            only_lac(measure, period, user) if measure.reference == "LAC-RATE" else None
        ),
    )

    page = page_of(client, "CP-PLANS")

    assert "Reported at these meetings" not in page
    assert "<section" not in page.split("Benchmarking</h2>")[1]
    assert "Reported at these meetings" in page_of(client, "LAC-RATE")


def test_a_section_that_reads_nothing_adds_no_query_to_the_page(
    sections, client: Client, make_target, make_actual
) -> None:
    make_actual(make_target().measure, state=State.PUBLISHED)
    with CaptureQueriesContext(connection) as without:
        page_of(client, "LAC-RATE")
    sections("meetings", seen("Reported at these meetings"))
    sections("questions", seen("Members' questions"))
    # Sections are registered at start-up; a deploy starts afresh, as the test does here.
    cache.clear()
    with CaptureQueriesContext(connection) as with_two:
        page = page_of(client, "LAC-RATE")

    assert "Members&#x27; questions" in page
    assert len(with_two) == len(without)


def test_a_registered_dashboard_link_shows_when_its_provider_offers_one(
    monkeypatch: pytest.MonkeyPatch, client: Client, make_target, make_actual
) -> None:
    # Registered as another app would, then removed so other tests see the usual dashboard.
    monkeypatch.setattr(extensions, "_dashboard_links", dict(extensions._dashboard_links))
    make_actual(make_target().measure, state=State.PUBLISHED)

    def owner_notes(query, user):
        if query.get("notes"):
            return extensions.Link("Notes for this owner", f"/notes/{query['notes']}/")
        return None

    extensions.register_dashboard_link("notes", owner_notes)
    assert '<a class="govuk-link" href="/notes/7/">Notes for this owner</a>' in (
        client.get("/", {"notes": "7"}).content.decode()
    )
    assert "Notes for this owner" not in client.get("/").content.decode()
