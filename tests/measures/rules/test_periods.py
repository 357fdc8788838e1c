"""Tests for financial years and quarters."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from measures.rules.periods import QUARTER_CHOICES, FinancialYear, Period, periods_between

periods = st.builds(Period, year=st.integers(1001, 9997), quarter=st.integers(1, 4))


@pytest.mark.parametrize(
    ("start_year", "label"),
    [(2017, "2017/18"), (2016, "2016/17"), (1999, "1999/00"), (2099, "2099/00"), (2009, "2009/10")],
)
def test_financial_year_label_has_a_two_digit_end(start_year: int, label: str) -> None:
    assert FinancialYear(start_year).label == label
    assert str(FinancialYear(start_year)) == label


@pytest.mark.parametrize(
    ("text", "start_year"),
    [
        ("2017/18", 2017),
        ("  2017/18 ", 2017),
        ("2017-18", 2017),
        ("2017/2018", 2017),
        ("2017 / 18", 2017),
        ("1999/00", 1999),
        ("1999/2000", 1999),
        ("2099/00", 2099),
    ],
)
def test_financial_year_parses_the_ways_councils_write_it(text: str, start_year: int) -> None:
    assert FinancialYear.parse(text) == FinancialYear(start_year)


@pytest.mark.parametrize(
    "text",
    ["2017/19", "2017/17", "2017/2019", "1999/01", "2017", "17/18", "", "2017/18/19", "abcd/ef"],
)
def test_financial_year_refuses_text_that_is_not_a_financial_year(text: str) -> None:
    with pytest.raises(ValueError, match="is not a financial year: write it like"):
        FinancialYear.parse(text)


def test_financial_year_error_suggests_the_year_that_was_meant() -> None:
    with pytest.raises(ValueError) as error:
        FinancialYear.parse("2017/19")
    assert str(error.value) == "'2017/19' is not a financial year: write it like 2017/18"


@pytest.mark.parametrize(
    ("start_year", "start", "end"),
    [
        (2017, date(2017, 4, 1), date(2018, 3, 31)),
        (2019, date(2019, 4, 1), date(2020, 3, 31)),
        (1999, date(1999, 4, 1), date(2000, 3, 31)),
    ],
)
def test_financial_year_runs_from_1_april_to_31_march(
    start_year: int, start: date, end: date
) -> None:
    year = FinancialYear(start_year)
    assert (year.start, year.end) == (start, end)


def test_financial_year_has_four_quarters_in_order() -> None:
    assert FinancialYear(2017).quarters() == [
        Period(2017, 1),
        Period(2017, 2),
        Period(2017, 3),
        Period(2017, 4),
    ]


@pytest.mark.parametrize(
    ("day", "start_year"),
    [
        (date(2017, 4, 1), 2017),
        (date(2017, 12, 31), 2017),
        (date(2018, 1, 1), 2017),
        (date(2018, 3, 31), 2017),
        (date(2018, 4, 1), 2018),
        (date(2017, 3, 31), 2016),
    ],
)
def test_financial_year_containing_a_date_turns_over_on_1_april(day: date, start_year: int) -> None:
    assert FinancialYear.containing(day) == FinancialYear(start_year)


def test_financial_year_previous_and_next_are_neighbouring_years() -> None:
    assert FinancialYear(2017).previous() == FinancialYear(2016)
    assert FinancialYear(2017).next() == FinancialYear(2018)
    assert FinancialYear(2016) < FinancialYear(2017)


@pytest.mark.parametrize(
    ("year", "quarter", "label"),
    [(2017, 1, "2017/18 Q1"), (2016, 4, "2016/17 Q4"), (1999, 3, "1999/00 Q3")],
)
def test_period_label_names_the_year_then_the_quarter(year: int, quarter: int, label: str) -> None:
    assert Period(year, quarter).label == label
    assert str(Period(year, quarter)) == label


@pytest.mark.parametrize(
    ("text", "year", "quarter"),
    [
        ("2017/18 Q1", 2017, 1),
        ("2017/18 q1", 2017, 1),
        ("  2017/18    Q4  ", 2017, 4),
        ("2017/18Q2", 2017, 2),
        ("2017/18 Q 3", 2017, 3),
        ("2017-18 Q3", 2017, 3),
        ("2017/2018 Q2", 2017, 2),
        ("Q1 2017/18", 2017, 1),
        ("q4 1999/00", 1999, 4),
    ],
)
def test_period_parses_flexible_text(text: str, year: int, quarter: int) -> None:
    assert Period.parse(text) == Period(year, quarter)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2017/18 Q5", "quarters run from Q1 to Q4"),
        ("2017/18 Q0", "quarters run from Q1 to Q4"),
        ("2017/19 Q1", "write it like 2017/18 Q1"),
        ("2017/18", "write it like 2017/18 Q1"),
        ("2017/18 Q", "write it like 2017/18 Q1"),
        ("2017/18 Q12", "write it like 2017/18 Q1"),
        ("Quarter 1", "write it like 2017/18 Q1"),
        ("", "write it like 2017/18 Q1"),
    ],
)
def test_period_refuses_text_that_is_not_a_quarter(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Period.parse(text)


@pytest.mark.parametrize("quarter", [0, 5, -1])
def test_period_refuses_a_quarter_outside_one_to_four(quarter: int) -> None:
    with pytest.raises(ValueError, match="quarters run from 1 to 4"):
        Period(2017, quarter)


@pytest.mark.parametrize(
    ("year", "quarter", "start", "end"),
    [
        (2017, 1, date(2017, 4, 1), date(2017, 6, 30)),
        (2017, 2, date(2017, 7, 1), date(2017, 9, 30)),
        (2017, 3, date(2017, 10, 1), date(2017, 12, 31)),
        (2017, 4, date(2018, 1, 1), date(2018, 3, 31)),
        (2019, 4, date(2020, 1, 1), date(2020, 3, 31)),
    ],
)
def test_period_runs_over_its_three_months(year: int, quarter: int, start: date, end: date) -> None:
    period = Period(year, quarter)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(
    ("day", "year", "quarter"),
    [
        (date(2017, 4, 1), 2017, 1),
        (date(2017, 6, 30), 2017, 1),
        (date(2017, 7, 1), 2017, 2),
        (date(2017, 9, 30), 2017, 2),
        (date(2017, 10, 1), 2017, 3),
        (date(2017, 12, 31), 2017, 3),
        (date(2018, 1, 1), 2017, 4),
        (date(2020, 2, 29), 2019, 4),
        (date(2018, 3, 31), 2017, 4),
        (date(2018, 4, 1), 2018, 1),
    ],
)
def test_period_containing_a_quarter_edge_is_that_quarter(
    day: date, year: int, quarter: int
) -> None:
    assert Period.containing(day) == Period(year, quarter)


@pytest.mark.parametrize(
    ("period", "previous", "following"),
    [
        ("2017/18 Q1", "2016/17 Q4", "2017/18 Q2"),
        ("2017/18 Q2", "2017/18 Q1", "2017/18 Q3"),
        ("2017/18 Q3", "2017/18 Q2", "2017/18 Q4"),
        ("2017/18 Q4", "2017/18 Q3", "2018/19 Q1"),
        ("1999/00 Q4", "1999/00 Q3", "2000/01 Q1"),
    ],
)
def test_previous_and_next_cross_year_boundaries(
    period: str, previous: str, following: str
) -> None:
    assert Period.parse(period).previous() == Period.parse(previous)
    assert Period.parse(period).next() == Period.parse(following)


@pytest.mark.parametrize(
    ("period", "last_year"),
    [("2017/18 Q1", "2016/17 Q1"), ("2017/18 Q4", "2016/17 Q4")],
)
def test_same_period_last_year_is_the_same_quarter_a_year_before(
    period: str, last_year: str
) -> None:
    assert Period.parse(period).same_period_last_year() == Period.parse(last_year)


def test_period_knows_its_financial_year() -> None:
    assert Period(2017, 4).financial_year == FinancialYear(2017)


@pytest.mark.parametrize(("year", "quarter", "key"), [(2017, 1, 20171), (2016, 4, 20164)])
def test_period_key_is_year_then_quarter(year: int, quarter: int, key: int) -> None:
    assert Period(year, quarter).key == key
    assert Period.from_key(key) == Period(year, quarter)


@pytest.mark.parametrize("key", [20170, 20175, 20179])
def test_period_from_a_key_without_a_real_quarter_is_refused(key: int) -> None:
    with pytest.raises(ValueError):
        Period.from_key(key)


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, []),
        (1, ["2017/18 Q1"]),
        (4, ["2016/17 Q2", "2016/17 Q3", "2016/17 Q4", "2017/18 Q1"]),
    ],
)
def test_last_n_ends_with_this_quarter_oldest_first(n: int, expected: list[str]) -> None:
    assert [p.label for p in Period(2017, 1).last_n(n)] == expected


def test_last_n_refuses_a_negative_count() -> None:
    with pytest.raises(ValueError):
        Period(2017, 1).last_n(-1)


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        ("2016/17 Q3", "2017/18 Q2", ["2016/17 Q3", "2016/17 Q4", "2017/18 Q1", "2017/18 Q2"]),
        ("2017/18 Q1", "2017/18 Q1", ["2017/18 Q1"]),
        ("2017/18 Q2", "2017/18 Q1", []),
    ],
)
def test_periods_between_includes_both_ends(first: str, last: str, expected: list[str]) -> None:
    periods_found = periods_between(Period.parse(first), Period.parse(last))
    assert [p.label for p in periods_found] == expected


def test_quarter_choices_name_all_four_quarters() -> None:
    assert [value for value, _ in QUARTER_CHOICES] == [1, 2, 3, 4]


@given(periods)
def test_parsing_a_period_label_gives_the_period_back(period: Period) -> None:
    assert Period.parse(period.label) == period


@given(periods)
def test_previous_then_next_is_the_same_period(period: Period) -> None:
    assert period.previous().next() == period
    assert period.next().previous() == period


@given(periods)
def test_a_period_contains_its_own_first_and_last_days(period: Period) -> None:
    assert Period.containing(period.start) == period
    assert Period.containing(period.end) == period


@given(periods)
def test_quarters_follow_on_without_gaps_and_sort_by_key(period: Period) -> None:
    following = period.next()
    assert (following.start - period.end).days == 1
    assert period < following
    assert period.key < following.key
    assert Period.from_key(period.key) == period


@given(st.integers(1000, 9998))
def test_parsing_a_financial_year_label_gives_the_year_back(start_year: int) -> None:
    year = FinancialYear(start_year)
    assert FinancialYear.parse(year.label) == year
    assert year.quarters()[0].start == year.start
    assert year.quarters()[-1].end == year.end
