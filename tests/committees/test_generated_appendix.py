"""A generated performance appendix has a web page: the measure pages the pack prints."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.test import Client

from committees.models import Paper
from committees.packs.content import performance_measures
from measures.models import Actual, State
from tests.committees.packs.pack_support import load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def appendix(db) -> Paper:
    meeting = load_demo()
    return Paper.objects.select_related("item__meeting__committee").get(
        item__meeting=meeting, item__number=8, letter="A"
    )


def test_the_appendix_page_shows_each_measure_page_of_the_quarter(
    client: Client, appendix: Paper
) -> None:
    page = client.get(appendix.get_absolute_url()).content.decode()
    assert "Appendix A: Council Business Plan Measures" in page
    measures = performance_measures(appendix.item)
    assert measures, "the demo's Q1 report has measures"
    for m in measures:
        assert m.measure.title in page
    assert page.count('class="measure-page"') == len(measures)
    # The looked after children rate, as the pack prints it, with its trend and table.
    assert "48.7" in page and "About the latest performance" in page
    assert 'data-trend-chart="' in page and "by quarter reported" in page


def test_the_appendix_links_to_its_quarters_dashboard(client: Client, appendix: Paper) -> None:
    response = client.get(appendix.get_absolute_url())
    link = next(
        href
        for href in response.content.decode().split('href="')[1:]
        if "period=" in href.split('"')[0]
    ).split('"')[0]
    query = parse_qs(urlparse(link.replace("&amp;", "&")).query)
    assert query["period"] == ["2017/18 Q1"]
    assert "See the 2017/18 Q1 dashboard" in response.content.decode()
    dashboard = client.get(link.replace("&amp;", "&"))
    assert dashboard.status_code == 200 and "2017/18 Q1" in dashboard.content.decode()


def test_the_appendix_shows_published_figures_only(client: Client, appendix: Paper) -> None:
    Actual.objects.filter(measure__reference="LAC-RATE", year=2017, quarter=1).update(
        state=State.DRAFT
    )
    page = client.get(appendix.get_absolute_url()).content.decode()
    assert "No figure has been published for 2017/18 Q1" in page
    assert "48.7" not in page
