"""The measure page with the demo figures: the paper's content, chart, history and neighbours."""

import html
import json
import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.html import strip_tags

from measures.models import Measure, State
from measures.pages.detail import adjacent, choose_period, history_periods, paragraphs
from measures.rules.periods import Period
from scrutiny.roles import Role
from tests.conftest import own_queries

# Also run on SQLite, the embedded database of make demo (make test's second run).
pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]

Q1 = "2017/18 Q1"


def get(client: Client, reference: str, period: str | None = None) -> Any:
    response = client.get(f"/measures/{reference}/", {"period": period} if period else {})
    assert response.status_code == 200
    return response


def words(response: Any) -> str:
    """The page's text as a reader meets it: no tags, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(strip_tags(response.content.decode())).split())


def chart_json(response: Any) -> dict[str, Any]:
    match = re.search(
        r'<script id="trend-data" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    assert match, "the page carries the chart's JSON"
    return json.loads(match.group(1))


def test_looked_after_children_shows_what_the_papers_page_shows(client: Client, demo) -> None:
    response = get(client, "LAC-RATE")
    page, text = response.content.decode(), words(response)
    assert re.search(r"<title>Looked after children – ", page)
    assert page.count("<h1") == 1
    for expected in [
        "Communities are safe and protected: Children are safe and healthy",
        "Looked after children per 10,000 population aged under 18.",
        "Number of children looked after by the local authority at the end of the quarter",
        "Being within the target range is best: too many and too few both call for questions.",
        f"Position in {Q1}",
        "48.7 per 10,000",
        "Period covered As at 30 June 2017",
        "Target 45 per 10,000 Target for 2017/18",
        "Target range 43 to 47 per 10,000",
        "↓ Worsening: a higher rate of children looked after, further from the target than "
        "48.1 per 10,000 in 2016/17 Q4",
        "Compared with the same quarter last year No figure for 2016/17 Q1",
        "About the latest performance There has been a rise in the number of children looked",
        "About the target The target remains the same as the previous year.",
        "About the target range The target range allows for the rate of Looked After Children",
        "About benchmarking We benchmark nationally and with similar Local Authorities.",
    ]:
        assert expected in text
    assert '<strong class="rag rag-red">Not achieved</strong>' in page
    # The arrow is decoration: the word carries the direction.
    assert '<span aria-hidden="true">↓ </span>Worsening' in page


def test_headings_run_in_order(client: Client, demo) -> None:
    page = get(client, "LAC-RATE").content.decode()
    levels = [int(level) for level in re.findall(r"<h([1-6])", page)]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))


def test_the_page_carries_the_chart_and_its_words(client: Client, demo) -> None:
    response = get(client, "LAC-RATE")
    figure = chart_json(response)
    names = {trace.get("name") for trace in figure["data"]}
    assert {"Target", "Target range", "Not achieved"} <= names
    (line,) = [trace for trace in figure["data"] if trace["name"] == "Figure"]
    assert line["text"] == ["2016/17 Q1", "2016/17 Q2", "2016/17 Q3", "2016/17 Q4", Q1]
    assert line["y"] == [None, None, None, 48.1, 48.7]
    page = response.content.decode()
    assert 'role="img"' in page and 'aria-label="Trend chart of Looked after children' in page
    assert "dist/plotly/plotly.min.js" in page and "js/trend-chart.js" in page
    assert (
        "Looked after children: 2 figures from 2016/17 Q4 to 2017/18 Q1. The latest, "
        "48.7 per 10,000 (2017/18 Q1), is rated Not achieved against a target of 45 per 10,000 "
        "(band 43 to 47 per 10,000). It is worse than the previous figure "
        "(48.1 per 10,000, 2016/17 Q4)."
    ) in words(response)


def test_the_data_table_has_a_row_for_each_quarter(client: Client, demo) -> None:
    response = get(client, "LAC-RATE")
    rows = response.context["rows"]
    # Every quarter of a year with a target is due; the demo holds two figures.
    assert [row.period.label for row in rows] == [
        "2016/17 Q1",
        "2016/17 Q2",
        "2016/17 Q3",
        "2016/17 Q4",
        Q1,
    ]
    assert [row.status.label for row in rows] == ["No data"] * 3 + ["Not achieved"] * 2
    text = words(response)
    assert "Show the chart's data as a table" in text
    assert (
        "2016/17 Q1 No figure 45 per 10,000 43 to 47 per 10,000 No data No figure to compare "
        "2016/17 Q2"
    ) in text
    assert (
        "2016/17 Q4 As at 31 March 2017 48.1 per 10,000 45 per 10,000 43 to 47 per 10,000 "
        "Not achieved No earlier figure"
    ) in text
    assert (
        "2017/18 Q1 (shown above) As at 30 June 2017 48.7 per 10,000 45 per 10,000 "
        "43 to 47 per 10,000 Not achieved ↓ Worsening: a higher rate of children looked after, "
        "further from the target than 48.1 per 10,000 in 2016/17 Q4"
    ) in text
    page = response.content.decode()
    assert 'class="table-scroll" role="region"' in page and 'tabindex="0"' in page
    assert '<a class="govuk-link" href="?period=2016/17%20Q4">2016/17 Q4</a>' in page


def test_a_period_in_the_query_shows_that_quarter(client: Client, demo) -> None:
    response = get(client, "LAC-RATE", "2016/17 Q4")
    text = words(response)
    assert "Position in 2016/17 Q4" in text
    assert "48.1 per 10,000" in text and "As at 31 March 2017" in text
    assert "Target for 2016/17" in text
    assert "48.7" not in text  # the page stops at the quarter it shows
    assert "It was reported that there were 684 children looked after" in text


@pytest.mark.parametrize("bad", ["2017/18 Q9", "last quarter", "2017/19 Q1"])
def test_a_bad_period_says_so_and_shows_the_latest(client: Client, demo, bad: str) -> None:
    response = get(client, "LAC-RATE", bad)
    text = words(response)
    assert "is not a quarter" in text and "Showing the latest figure instead." in text
    assert f"Position in {Q1}" in text


def test_care_leavers_have_no_figure_in_q1(client: Client, demo) -> None:
    response = get(client, "CL-SUITABLE-ACCOM", Q1)
    page, text = response.content.decode(), words(response)
    assert '<strong class="rag rag-grey">No data</strong>' in page
    assert "No figure has been reported for 2017/18 Q1." in text
    assert "Target 92% Target for 2017/18" in text and "Target range 88 to 100%" in text
    assert "No figure is held for 4 quarters with a target: 2016/17 Q1, 2016/17 Q2, " in text
    assert "Compared with the previous figure No figure to compare" in text


def test_care_leavers_default_to_their_latest_figure(client: Client, demo) -> None:
    text = words(get(client, "CL-SUITABLE-ACCOM"))
    assert "Position in 2016/17 Q4" in text and "93.3%" in text


def test_a_target_in_line_with_england_says_how_it_is_set(client: Client, demo) -> None:
    response = get(client, "KS4-EM")
    text = words(response)
    assert "Position in 2016/17 Q4" in text
    assert "How the target is set In line with England (63%)" in text
    assert '<strong class="rag rag-amber">Within tolerance</strong>' in response.content.decode()


def test_an_annual_measure_outside_its_quarter_is_not_due(client: Client, demo) -> None:
    text = words(get(client, "KS4-EM", "2016/17 Q2"))
    assert "Not due: this measure is reported once a year, in Q4." in text


@pytest.mark.parametrize(
    ("reference", "previous", "following"),
    [
        ("FTE-YJ", None, "REOFFEND-YJ"),
        ("LAC-RATE", "REOFFEND-YJ", "CP-PLANS"),
        ("CL-SUITABLE-ACCOM", "LAC-16-17-LEARN", None),
    ],
)
def test_previous_and_next_follow_the_q1_report(
    client: Client, demo, reference: str, previous: str | None, following: str | None
) -> None:
    response = get(client, reference, Q1)
    context = response.context
    assert (context["previous_measure"] and context["previous_measure"].reference) == previous
    assert (context["next_measure"] and context["next_measure"].reference) == following
    page = response.content.decode()
    assert 'aria-label="Measures in the 2017/18 Q1 report"' in page
    if previous:
        title = Measure.objects.get(reference=previous).title
        assert f'href="/measures/{previous}/?period=2017/18%20Q1" rel="prev"' in page
        assert f"Previous measure: {title}" in words(response)
    else:
        assert 'rel="prev"' not in page
    if following:
        assert f'href="/measures/{following}/?period=2017/18%20Q1" rel="next"' in page
    else:
        assert 'rel="next"' not in page


def test_a_measure_outside_the_report_pages_in_council_order(client: Client, demo) -> None:
    # The 16-17 learning measure has no 2016/17 target, so it is not in that quarter's report.
    response = get(client, "LAC-16-17-LEARN", "2016/17 Q4")
    order = list(Measure.objects.filter(is_current=True).in_council_order())
    index = [m.reference for m in order].index("LAC-16-17-LEARN")
    assert response.context["previous_measure"] == order[index - 1]
    assert response.context["next_measure"] == order[index + 1]
    assert 'aria-label="Current measures"' in response.content.decode()


@pytest.fixture
def draft(demo, make_actual) -> Any:
    """An unpublished 2017/18 Q2 figure for looked after children, owned by the demo officer."""
    return make_actual(
        "LAC-RATE",
        period="2017/18 Q2",
        value="46.1",
        covers_label="As at 30 September 2017",
        state=State.DRAFT,
    )


def test_a_draft_is_hidden_from_the_public(client: Client, draft) -> None:
    text = words(get(client, "LAC-RATE"))
    assert f"Position in {Q1}" in text
    assert "46.1" not in text and "2017/18 Q2" not in text
    text = words(get(client, "LAC-RATE", "2017/18 Q2"))
    assert "46.1" not in text and "No data" in text and "Draft" not in text


def test_a_draft_is_hidden_from_committee_members_and_other_officers(
    client: Client, draft, make_user
) -> None:
    for username, role in [("cllr.kirk", Role.COMMITTEE_MEMBER), ("other", Role.OFFICER)]:
        client.force_login(make_user(username=username, role=role))
        text = words(get(client, "LAC-RATE", "2017/18 Q2"))
        assert "46.1" not in text and "Draft" not in text


def test_a_draft_is_shown_marked_to_its_owning_officer(client: Client, demo, draft) -> None:
    client.force_login(demo["officer"])
    response = get(client, "LAC-RATE")
    page, text = response.content.decode(), words(response)
    assert "Position in 2017/18 Q2" in text
    assert "46.1 per 10,000" in text and "As at 30 September 2017" in text
    assert '<strong class="draft-tag">Draft – not published</strong>' in page
    assert '<strong class="rag rag-green">Achieved</strong>' in page
    assert (
        "↑ Improving: a lower rate of children looked after, closer to the target than "
        "48.7 per 10,000 in 2017/18 Q1"
    ) in text
    assert "(2017/18 Q2, a draft not yet published)" in text
    # The history table marks the draft row too.
    assert re.search(r"46\.1 per 10,000\s*<strong class=\"draft-tag\">Draft</strong>", page)


def test_a_forecast_is_shown_with_its_status(client: Client, make_target, make_actual) -> None:
    make_target("LAC-RATE", year=2017)
    make_actual("LAC-RATE", value="46", forecast="48", state=State.PUBLISHED)
    response = get(client, "LAC-RATE")
    assert "Year-end forecast 48.0 per 10,000 Not achieved" in words(response)
    assert '<strong class="rag rag-red">Not achieved</strong>' in response.content.decode()


def test_a_measure_with_nothing_yet_still_has_a_page(client: Client, make_measure) -> None:
    make_measure("NEW-MEASURE", title="A new measure")
    text = words(get(client, "NEW-MEASURE"))
    assert "A new measure: no figures have been reported yet." in text
    assert "No benchmark data yet." in text


def test_an_unknown_measure_is_not_found(client: Client, demo) -> None:
    assert client.get("/measures/NO-SUCH-MEASURE/").status_code == 404


def test_benchmarking_waits_for_data(client: Client, demo) -> None:
    assert "Benchmarking No benchmark data yet." in words(get(client, "LAC-RATE"))


def test_the_measures_list_links_to_each_page(client: Client, demo) -> None:
    page = client.get("/measures/").content.decode()
    assert '<a class="govuk-link" href="/measures/LAC-RATE/">Looked after children</a>' in page


def _measure_with_figures(make_measure, make_target, make_actual, reference: str, count: int):
    measure = make_measure(reference)
    last = Period(2017, 1)
    periods = last.last_n(count)
    for year in sorted({p.year for p in periods}):
        make_target(measure, year=year)
    for index, period in enumerate(periods):
        make_actual(measure, period=period, value=str(40 + index % 10), state=State.PUBLISHED)
    return measure


def test_queries_do_not_grow_with_the_number_of_figures(
    client: Client, make_measure, make_target, make_actual
) -> None:
    _measure_with_figures(make_measure, make_target, make_actual, "FEW-FIGURES", 4)
    _measure_with_figures(make_measure, make_target, make_actual, "MANY-FIGURES", 40)
    counts = []
    for reference in ["FEW-FIGURES", "MANY-FIGURES"]:
        with CaptureQueriesContext(connection) as queries:
            get(client, reference)
        counts.append(own_queries(queries))
    # Figures and targets (3), report order (3), fallback order (1), benchmark links (2),
    # committees' section of the meetings it was reported at (1), and members' answered
    # questions on the quarter's figure (1).
    assert counts[0] == counts[1] <= 11


@pytest.mark.parametrize(
    ("text", "expected"),
    [("First.\n\nSecond\nline.", ["First.", "Second line."]), ("", []), ("\r\n\r\n", [])],
)
def test_paragraphs(text: str, expected: list[str]) -> None:
    assert paragraphs(text) == expected


def test_adjacent() -> None:
    assert adjacent(["a", "b", "c"], "a") == (None, "b")
    assert adjacent(["a", "b", "c"], "b") == ("a", "c")
    assert adjacent(["a", "b", "c"], "c") == ("b", None)
    assert adjacent(["a"], "z") == (None, None)


def test_history_periods_of_an_annual_measure_are_its_reporting_quarters() -> None:
    periods = history_periods(
        figure_periods=[Period(2016, 4)],
        target_years=[2016, 2017],
        quarterly=False,
        due_quarter=4,
        until=Period(2017, 4),
    )
    assert [p.label for p in periods] == ["2016/17 Q4", "2017/18 Q4"]


def test_history_periods_keep_a_figure_without_a_target_and_stop_at_the_quarter() -> None:
    periods = history_periods(
        figure_periods=[Period(2015, 3), Period(2017, 2)],
        target_years=[2016],
        quarterly=True,
        due_quarter=None,
        until=Period(2016, 2),
    )
    assert [p.label for p in periods] == ["2015/16 Q3", "2016/17 Q1", "2016/17 Q2"]


def test_choose_period() -> None:
    periods = [Period(2016, 4), Period(2017, 1)]
    assert choose_period(None, periods) == (Period(2017, 1), "")
    assert choose_period("  ", periods) == (Period(2017, 1), "")
    assert choose_period("Q4 2016/17", periods) == (Period(2016, 4), "")
    period, error = choose_period("2017/18 Q5", periods)
    assert period == Period(2017, 1) and "quarters run from Q1 to Q4" in error
    assert choose_period(None, []) == (None, "")


def too_precise(text: str, places: int) -> set[str]:
    """Numbers in the text with more decimal places than the measure's."""
    return set(re.findall(rf"(?<![\d.])\d+\.\d{{{places + 1},}}(?![\d.])", text))


def council_texts(measure: Measure) -> list[str]:
    """The measure's texts written by the council, paragraph by paragraph."""
    texts = [measure.definition, measure.about_target_range, measure.about_benchmarking]
    for target in measure.targets.all():
        texts += [target.about_target, target.about_target_range]
    texts += [actual.commentary for actual in measure.actuals.all()]
    return [part for text in texts for part in paragraphs(text)]


def test_no_figure_of_a_demo_measure_page_has_more_places_than_its_measure(
    client: Client, demo
) -> None:
    from measures.demo_benchmarks import load_demo_benchmarks

    load_demo_benchmarks()
    for measure in Measure.objects.all():
        for period in (Q1, None):
            response = get(client, measure.reference, period)
            hover = " ".join(
                " ".join(trace.get("hovertext") or []) for trace in chart_json(response)["data"]
            )
            # The measure's own figures; the benchmark rows stay as the papers printed them.
            page = response.content.decode().split('id="benchmarking"')[0]
            page = re.sub(r"(?s)<script.*?</script>", "", page)
            text = " ".join(html.unescape(strip_tags(page)).split())
            # The council's own words quote other figures ("25.9 per 10,000"): leave them out.
            for words_of_the_council in council_texts(measure):
                text = text.replace(" ".join(words_of_the_council.split()), "")
            text += " " + strip_tags(hover)
            found = too_precise(text, measure.decimal_places)
            assert not found, (measure.reference, period, found)
