"""The Q1 2017/18 appendix, web and PDF, prints the national figures of 2017, never later."""

import re

import pytest
from django.test import Client
from lxml import html

from committees.packs.build import build_pack
from tests.committees.packs.pack_support import DEMO_ADDRESS, load_demo, read_pack, shorten_papers
from tests.measures.benchmarking.period_data import load_lac_through_the_years

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# Periods the national data holds beyond the quarter's: 2018-19, and 2019 to 2026 (its last
# period is 2025-26). Four-digit counts such as 2027 are figures, not periods.
LATER = re.compile(r"\b(?:2018[-/]19|20(?:19|2[0-6]))\b")
# Where 2021 is a model's or an authority's date, not a period of figures.
NOT_PERIODS = ("April 2021 model", "created 2021")


def periods_after_the_quarter(text: str) -> list[str]:
    for phrase in NOT_PERIODS:
        text = text.replace(phrase, "")
    return LATER.findall(text)


@pytest.fixture
def meeting():
    """The demo meeting of 8 September 2017, its LAC-RATE compared with 2017 and 2024."""
    found = load_demo()
    load_lac_through_the_years()
    return found


def test_the_web_appendix_prints_2017s_figures_and_no_later_period(client: Client, meeting) -> None:
    page = client.get(f"/committees/{DEMO_ADDRESS}/pack/").content.decode()
    tree = html.fromstring(page)
    appendix = " ".join(
        " ".join(article.text_content().split())
        for article in tree.xpath("//article[contains(@class, 'measure-page')]")
    )
    assert "Children looked after rate per 10,000, 2017 (to 31 March 2017)" in appendix
    assert "statistical neighbours, April 2021 model" in appendix
    assert "Northamptonshire (in place of North Northamptonshire, created 2021)" in appendix
    assert periods_after_the_quarter(appendix) == []


def test_the_pdf_appendix_prints_2017s_figures_and_no_later_period(meeting) -> None:
    shorten_papers(meeting, keep=8)  # only item 8 is read: the other items' pages take a while
    pack = build_pack(meeting=meeting, version="public")
    first, last = pack.item_range(8)
    read = read_pack(pack)
    text = " ".join(read.text_of(first, last).split())
    # The group's table is on one page: its caption, our row and its mean together.
    pages = [" ".join(read.page(n).split()) for n in range(first, last + 1)]
    group_pages = [page for page in pages if "April 2021 model" in page]
    assert len(group_pages) == 1
    assert "Mean of the group (3 of 3 with a figure)" in group_pages[0]
    assert "Lincolnshire (this council)" in text
    assert "statistical neighbours, April 2021 model" in text
    assert "North Northamptonshire," in text  # only as the member Northamptonshire stands in for
    assert periods_after_the_quarter(text) == []
    # What the web's table says to screen readers is not printed beside each dash.
    assert "for this council only" not in text
