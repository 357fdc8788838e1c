"""Benchmark tables as the council prints them: compact, our council first, printed rows pivoted."""

import pytest
from django.test import Client
from lxml import html

from measures.demo_benchmarks import load_demo_benchmarks
from tests.measures.benchmarking.period_data import load_lac_through_the_years

pytestmark = pytest.mark.django_db


def table_rows(page: str, caption_start: str) -> list[list[str]]:
    """The rows (cell texts) of the table whose caption starts so."""
    tree = html.fromstring(page)
    for table in tree.xpath("//table"):
        caption = " ".join(table.xpath("string(caption)").split())
        if caption.startswith(caption_start):
            return [
                [" ".join(cell.text_content().split()) for cell in row.xpath("th|td")]
                for row in table.xpath(".//tr")
            ]
    raise AssertionError(f"no table captioned {caption_start!r}")


def test_a_comparator_group_is_one_table_our_council_first_with_its_figure_and_target(
    client: Client, demo
) -> None:
    load_lac_through_the_years()
    page = client.get("/measures/LAC-RATE/", {"period": "2017/18 Q1"}).content.decode()
    rows = table_rows(page, "Children looked after rate per 10,000, 2017 (to 31 March 2017): stat")
    assert rows[0] == [
        "Authority",
        "Rate per 10,000, 2017",
        "Our figure, 2017/18 Q1",
        "Our target, 2017/18",
    ]
    # Ours first, with the paper's performance and target columns; then members by name.
    assert rows[1] == ["Lincolnshire (this council)", "45.1", "48.7 per 10,000", "45 per 10,000"]
    assert rows[2] == ["Norfolk", "51.9", "– for this council only", "– for this council only"]
    assert rows[-1][:2] == ["Mean of the group (3 of 3 with a figure)", "55.2"]
    # Highlighted in bold as well as named, never by colour alone.
    tree = html.fromstring(page)
    assert tree.xpath("//tr[contains(@class, 'ours')]/th/strong/text()")[0] == (
        "Lincolnshire (this council)"
    )


def test_the_papers_printed_rows_are_one_table_a_row_per_comparator(client: Client, demo) -> None:
    load_demo_benchmarks()
    page = client.get("/measures/FTE-YJ/").content.decode()
    rows = table_rows(page, "As the council's papers printed them")
    assert rows[0][:3] == [
        "Comparator",
        "Apr 14 - Mar 15: first time entrants (count)",
        "Apr 14 - Mar 15: rate per 100,000 aged 10-17",
    ]
    printed = {row[0]: row[1:3] for row in rows[1:]}
    # The council's own row first, as printed.
    assert rows[1][0] == "Lincolnshire"
    assert printed["Lincolnshire"] == ["272", "431"]
    assert printed["Midlands YOT Region"] == ["3961", "415"]
    assert printed["England"] == ["19815", "405"]
    assert printed["* YOT Comparators"] == ["2266", "384"]
    assert printed["* CIPFA Comparators"] == ["2027", "373"]
    # Figures the text quotes are listed under the table, not as columns of it.
    assert all("printed as 'the" not in cell for cell in rows[0])
    assert "England, January 2016 to December 2016: 327" in page


@pytest.mark.parametrize(
    ("rule", "printed"),
    [
        ("mean", ["Mean"]),
        ("median", ["Median"]),
        ("mean_and_median", ["Mean", "Median"]),
    ],
)
def test_a_group_prints_the_average_its_rule_names(
    client: Client, demo, rule: str, printed: list[str]
) -> None:
    from statistics import median

    from measures.benchmarking.models import ComparatorGroup, GroupKind

    load_lac_through_the_years()
    ComparatorGroup.objects.filter(kind=GroupKind.STATISTICAL_NEIGHBOURS).update(average=rule)
    page = client.get("/measures/LAC-RATE/", {"period": "2017/18 Q1"}).content.decode()
    rows = table_rows(page, "Children looked after rate per 10,000, 2017 (to 31 March 2017): stat")
    averages = [row for row in rows if " of the group " in row[0]]
    assert [row[0].split()[0] for row in averages] == printed
    members = [float(row[1]) for row in rows[2:] if " of the group " not in row[0]]
    if "Median" in printed:
        assert float(averages[-1][1]) == pytest.approx(median(members), abs=0.05)


def test_a_table_the_paper_printed_a_row_per_period_keeps_its_columns(client: Client, demo) -> None:
    load_demo_benchmarks()
    page = client.get("/measures/LAC-RATE/", {"period": "2017/18 Q1"}).content.decode()
    rows = table_rows(page, "As the council's papers printed them")
    # As page 180 of the pack of 8 September 2017 printed it.
    assert rows == [
        ["Period", "LCC Performance", "National Average", "Similar Authority", "LCC Target"],
        ["2013/14 Q4", "42.87", "60", "52.8", "43"],
        ["2014/15 Q4", "45.1", "60", "52.7", "45"],
    ]
