"""The measure page compares a figure with the national figures of its own time."""

import re

import pytest
from django.test import Client
from lxml import html

from tests.measures.benchmarking.period_data import load_lac_through_the_years

pytestmark = pytest.mark.django_db
URL = "/measures/LAC-RATE/"


@pytest.fixture
def lac(demo):
    """The demo's measures, and national figures for 2017 and 2024 (we are Lincolnshire, 925)."""
    return load_lac_through_the_years()


def _inside(css_class: str, tag: str) -> str:
    return f"//*[contains(concat(' ', @class, ' '), ' {css_class} ')]//{tag}"


def tables(page: str) -> list[list[list[str]]]:
    """The benchmarking section's compact tables: each a list of rows of cell texts."""
    tree = html.fromstring(page)
    found = []
    for table in tree.xpath(_inside("benchmark-table", "table")):
        rows = [
            [" ".join(cell.text_content().split()) for cell in row.xpath("th|td")]
            for row in table.xpath(".//tr")
        ]
        caption = " ".join(table.xpath("caption")[0].text_content().split())
        found.append([[caption], *rows])
    return found


def test_a_june_2017_figure_sits_beside_the_31_march_2017_national_figures(
    client: Client, lac
) -> None:
    page = client.get(URL, {"period": "2017/18 Q1"}).content.decode()
    shown = tables(page)
    summary = shown[0]
    assert summary[0] == [
        "Children looked after rate per 10,000, 2017 (to 31 March 2017): "
        "Lincolnshire, its region and England"
    ]
    assert summary[1] == [
        "Authority",
        "Rate per 10,000, 2017",
        "Our figure, 2017/18 Q1",
        "Our target, 2017/18",
    ]
    assert summary[2][:3] == ["Lincolnshire (this council)", "45.1", "48.7 per 10,000"]
    assert summary[3][:2] == ["East Midlands", "53.4"]
    assert summary[4][:2] == ["England", "62.0"]
    everything = " ".join(" ".join(" ".join(row) for row in table) for table in shown)
    # Not 2024's: 54.0, 70.0, 66.6.
    assert "2024" not in everything
    assert not {"54.0", "70.0", "66.6"} & set(re.findall(r"\d+\.\d", everything))


def test_the_2017_comparator_group_is_the_oldest_model_without_north_northamptonshire(
    client: Client, lac
) -> None:
    page = client.get(URL, {"period": "2017/18 Q1"}).content.decode()
    group = tables(page)[1]
    assert group[0] == [
        "Children looked after rate per 10,000, 2017 (to 31 March 2017): "
        "statistical neighbours, April 2021 model"
    ]
    names = [row[0] for row in group[2:]]
    assert names == [
        "Lincolnshire (this council)",
        "Norfolk",
        "Northamptonshire (in place of North Northamptonshire, created 2021)",
        "Derbyshire",
        "Mean of the group (3 of 3 with a figure)",
    ]
    # The mean of Norfolk, Northamptonshire and Derbyshire in 2017.
    assert group[-1][1] == "55.2"
    assert "North Northamptonshire:" not in page


def test_a_later_figure_takes_the_later_figures_and_the_model_then_in_force(
    client: Client, lac, make_actual
) -> None:
    from measures.models import Measure, State

    measure = Measure.objects.get(reference="LAC-RATE")
    make_actual(measure, period="2024/25 Q1", value="55.5", state=State.PUBLISHED)
    page = client.get(URL, {"period": "2024/25 Q1"}).content.decode()
    shown = tables(page)
    assert shown[0][2][:2] == ["Lincolnshire (this council)", "54.0"]
    assert shown[1][0][0].endswith("statistical neighbours, April 2021 model")
    names = [row[0] for row in shown[1][2:]]
    assert "North Northamptonshire" in names


def test_with_nothing_that_old_the_page_says_so(client: Client, lac) -> None:
    page = client.get(URL, {"period": "2016/17 Q4"}).content.decode()
    # 31 March 2017 ends on the day the figure covers: it is shown.
    assert tables(page)[0][0][0].startswith("Children looked after rate per 10,000, 2017")
    from measures.benchmarking.models import BenchmarkValue

    BenchmarkValue.objects.filter(period="2017").delete()
    page = client.get(URL, {"period": "2017/18 Q1"}).content.decode()
    assert "No comparator figure for June 2017 or earlier." in page
    assert tables(page) == []


def test_the_reader_may_choose_another_year(client: Client, lac) -> None:
    page = client.get(URL, {"period": "2017/18 Q1"}).content.decode()
    tree = html.fromstring(page)
    links = {a.text_content(): a.get("href") for a in tree.xpath(_inside("benchmark-years", "a"))}
    assert links["2024"] == "?period=2017/18%20Q1&benchmark=2024#benchmarking"
    chosen = client.get(URL, {"period": "2017/18 Q1", "benchmark": "2024"}).content.decode()
    summary = tables(chosen)[0]
    assert summary[0][0].startswith("Children looked after rate per 10,000, 2024")
    assert summary[2][:3] == ["Lincolnshire (this council)", "54.0", "48.7 per 10,000"]
    assert "Back to the year of our figure" in chosen
    assert "National figures for 2024, to 31 March 2024, as chosen below" in chosen
    # A year the indicator does not have is no choice: the figure's own time is shown.
    odd = client.get(URL, {"period": "2017/18 Q1", "benchmark": "1999"}).content.decode()
    assert tables(odd)[0][0][0].startswith("Children looked after rate per 10,000, 2017")
