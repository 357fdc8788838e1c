"""Tests for the benchmark period rule: when a national period ends, and which is shown."""

from datetime import date

import pytest

from measures.rules.benchmark_periods import (
    YearType,
    model_for,
    period_end,
    period_for,
    version_start,
    year_type_of,
)


@pytest.mark.parametrize(
    ("text", "year_type"),
    [
        # The LAIT dictionary's Year_Type, every value it holds.
        ("Annual", YearType.AS_AT_31_MARCH),
        ("Financial Year", YearType.FINANCIAL),
        ("Academic Year", YearType.ACADEMIC),
        ("Calendar Year", YearType.CALENDAR),
        ("Annual (end of Sept)", YearType.END_OF_SEPTEMBER),
        ("Annual - January", YearType.JANUARY),
        # The releases' time_identifier.
        ("Reporting year", YearType.REPORTING_YEAR),
        ("Financial year", YearType.FINANCIAL),
        ("Academic year", YearType.ACADEMIC),
        ("  calendar   year ", YearType.CALENDAR),
        # As stored.
        ("as_at_31_march", YearType.AS_AT_31_MARCH),
        ("", YearType.UNKNOWN),
        (None, YearType.UNKNOWN),
        ("Spring term", YearType.UNKNOWN),
    ],
)
def test_year_types_read_as_the_sources_write_them(text: str | None, year_type: YearType) -> None:
    assert year_type_of(text) == year_type


@pytest.mark.parametrize(
    ("label", "year_type", "ends"),
    [
        # The four examples.
        ("2017", YearType.AS_AT_31_MARCH, date(2017, 3, 31)),
        ("2016-17", YearType.FINANCIAL, date(2017, 3, 31)),
        ("2016", YearType.CALENDAR, date(2016, 12, 31)),
        ("2016/17", YearType.ACADEMIC, date(2017, 8, 31)),
        # Financial years as LAIT labels them: single years, notes, pooled years.
        ("2017", YearType.FINANCIAL, date(2017, 3, 31)),
        ("2016-17 (OT)", YearType.FINANCIAL, date(2017, 3, 31)),
        ("2013/14-15/16", YearType.FINANCIAL, date(2016, 3, 31)),
        ("2025-26", YearType.FINANCIAL, date(2026, 3, 31)),
        # Academic years: LAIT labels them "2017", "2016-17" and "2016/17", with notes.
        ("2017", YearType.ACADEMIC, date(2017, 8, 31)),
        ("2016-17", YearType.ACADEMIC, date(2017, 8, 31)),
        ("2018 (Rev)", YearType.ACADEMIC, date(2018, 8, 31)),
        ("2020 (Final)", YearType.ACADEMIC, date(2020, 8, 31)),
        ("2025 (prov)", YearType.ACADEMIC, date(2025, 8, 31)),
        # Calendar years, rolling three-year spans among them.
        ("2014-16", YearType.CALENDAR, date(2016, 12, 31)),
        ("2019-21", YearType.CALENDAR, date(2021, 12, 31)),
        # Snapshots: the workforce at 30 September, the school census in January.
        ("2017", YearType.END_OF_SEPTEMBER, date(2017, 9, 30)),
        ("2017", YearType.JANUARY, date(2017, 1, 31)),
        # A release's reporting year, as the file writes it and as stored.
        ("2017", YearType.REPORTING_YEAR, date(2017, 3, 31)),
        ("201617", YearType.REPORTING_YEAR, date(2017, 3, 31)),
        ("2099-00", YearType.FINANCIAL, date(2100, 3, 31)),
        # Unknown: the latest the label could mean, never earlier.
        ("2017", YearType.UNKNOWN, date(2017, 12, 31)),
        ("2016-17", YearType.UNKNOWN, date(2017, 8, 31)),
        ("2014-16", YearType.UNKNOWN, date(2016, 12, 31)),
    ],
)
def test_a_benchmark_period_ends_as_its_year_type_says(
    label: str, year_type: YearType, ends: date
) -> None:
    assert period_end(label, year_type) == ends


@pytest.mark.parametrize("label", ["0", "", "last year", "17", "2017 Q1"])
def test_a_label_that_is_no_period_is_refused(label: str) -> None:
    with pytest.raises(ValueError, match="is not a period"):
        period_end(label, YearType.FINANCIAL)


JUNE_2017 = date(2017, 6, 30)
AS_AT_MARCH = [(f"{y}", date(y, 3, 31)) for y in range(2016, 2026)]
FINANCIAL = [(f"{y}-{(y + 1) % 100:02d}", date(y + 1, 3, 31)) for y in range(2015, 2025)]
ACADEMIC = [(f"{y}/{(y + 1) % 100:02d}", date(y + 1, 8, 31)) for y in range(2015, 2025)]
CALENDAR = [(f"{y}", date(y, 12, 31)) for y in range(2016, 2025)]
ROLLING = [(f"{y}-{(y + 2) % 100:02d}", date(y + 2, 12, 31)) for y in range(2014, 2021)]


@pytest.mark.parametrize(
    ("periods", "until", "shown"),
    [
        # A June 2017 figure sits beside the 31 March 2017 figures, not 2025's.
        (AS_AT_MARCH, JUNE_2017, "2017"),
        (AS_AT_MARCH, date(2017, 3, 31), "2017"),
        (AS_AT_MARCH, date(2017, 3, 30), "2016"),
        (FINANCIAL, JUNE_2017, "2016-17"),
        (FINANCIAL, date(2018, 3, 31), "2017-18"),
        # The academic year 2016/17 ends in August 2017: after June 2017.
        (ACADEMIC, JUNE_2017, "2015/16"),
        (ACADEMIC, date(2017, 9, 30), "2016/17"),
        (CALENDAR, JUNE_2017, "2016"),
        (CALENDAR, date(2017, 12, 31), "2017"),
        (ROLLING, JUNE_2017, "2014-16"),
        (ROLLING, date(2019, 3, 31), "2016-18"),
        # Nothing to compare with: the latest.
        (AS_AT_MARCH, None, "2025"),
        # In any order.
        (list(reversed(FINANCIAL)), JUNE_2017, "2016-17"),
    ],
)
def test_a_figure_is_compared_with_the_latest_period_ending_by_its_own_end(
    periods: list[tuple[str, date]], until: date | None, shown: str
) -> None:
    choice = period_for(periods, until)
    assert choice.period == shown
    assert choice.note == ""


def test_with_nothing_that_old_the_choice_says_so_rather_than_showing_a_later_one() -> None:
    choice = period_for(AS_AT_MARCH, date(2015, 6, 30))
    assert choice.period is None
    assert choice.note == "No comparator figure for June 2015 or earlier"


def test_with_no_periods_at_all_there_is_no_choice() -> None:
    assert period_for([], JUNE_2017).period is None


@pytest.mark.parametrize(
    ("version", "start"),
    [
        ("May 2025", date(2025, 5, 1)),
        ("April 2021", date(2021, 4, 1)),
        ("Apr 2021", date(2021, 4, 1)),
        ("Sept. 2019", date(2019, 9, 1)),
        ("model of 2016", date(2016, 1, 1)),
        ("Q1 2017/18 report", date(2017, 1, 1)),
        ("latest", None),
        ("", None),
    ],
)
def test_a_model_version_starts_when_its_name_says(version: str, start: date | None) -> None:
    assert version_start(version) == start


MODELS = [("May 2025", date(2025, 5, 1)), ("April 2021", date(2021, 4, 1))]


@pytest.mark.parametrize(
    ("models", "until", "chosen"),
    [
        # The model in force for the period.
        (MODELS, date(2022, 3, 31), "April 2021"),
        (MODELS, date(2025, 6, 30), "May 2025"),
        (MODELS, date(2025, 5, 1), "May 2025"),
        # Before any model: the oldest the system has, never the newest.
        (MODELS, date(2017, 6, 30), "April 2021"),
        (MODELS[:1], date(2017, 6, 30), "May 2025"),
        # A version without a date counts as the oldest.
        ([*MODELS, ("old", None)], date(2017, 6, 30), "old"),
        ([*MODELS, ("old", None)], date(2022, 6, 30), "April 2021"),
        # Nothing to compare with: the newest.
        (MODELS, None, "May 2025"),
        ([], date(2017, 6, 30), None),
    ],
)
def test_the_statistical_neighbour_model_is_the_one_in_force_else_the_oldest(
    models: list[tuple[str, date | None]], until: date | None, chosen: str | None
) -> None:
    assert model_for(models, until) == chosen
