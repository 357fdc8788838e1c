"""Tests for measures/pages/extensions.py: other apps add filters to the dashboard."""

import django_filters
import pytest

from measures.models import Measure
from measures.pages import extensions
from measures.pages.filters import DashboardFilter


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
