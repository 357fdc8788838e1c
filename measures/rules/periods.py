"""Council financial years (1 April to 31 March) and their quarters (Q1 = April to June)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

FIRST_MONTH = 4  # financial years start on 1 April

QUARTER_CHOICES: list[tuple[int, str]] = [
    (1, "Q1 (April to June)"),
    (2, "Q2 (July to September)"),
    (3, "Q3 (October to December)"),
    (4, "Q4 (January to March)"),
]

_YEAR_PATTERN = r"(\d{4})\s*[/-]\s*(\d{2}|\d{4})"
_FINANCIAL_YEAR_RE = re.compile(rf"^\s*{_YEAR_PATTERN}\s*$", re.ASCII)
_PERIOD_RE = re.compile(rf"^\s*{_YEAR_PATTERN}\s*[Qq]\s*(\d)\s*$", re.ASCII)
# Councils also write the quarter first ("the Q1 2017/18 report").
_PERIOD_QUARTER_FIRST_RE = re.compile(rf"^\s*[Qq]\s*(\d)\s+{_YEAR_PATTERN}\s*$", re.ASCII)


def _check_start_year(start_year: int) -> None:
    if not isinstance(start_year, int) or isinstance(start_year, bool):
        raise TypeError(f"a financial year starts in a whole year, not {start_year!r}")
    # Four-digit years keep labels like 2017/18 unambiguous, and the year after must be a date.
    if not 1000 <= start_year <= 9998:
        raise ValueError(f"{start_year} is outside the financial years this product handles")


def _year_from_parts(first: str, second: str) -> int | None:
    start_year = int(first)
    if len(second) == 2:
        follows = int(second) == (start_year + 1) % 100
    else:
        follows = int(second) == start_year + 1
    return start_year if follows else None


def _period_parts(text: str) -> tuple[str, str, str] | None:
    """The first year, second year and quarter digits of a period's text, if it has that shape."""
    if match := _PERIOD_RE.match(text):
        first, second, quarter = match.groups()
        return first, second, quarter
    if match := _PERIOD_QUARTER_FIRST_RE.match(text):
        quarter, first, second = match.groups()
        return first, second, quarter
    return None


def _year_example(first: str | None) -> str:
    if first is not None and 1000 <= int(first) <= 9998:
        return FinancialYear(int(first)).label
    return "2017/18"


@dataclass(frozen=True, order=True)
class FinancialYear:
    """A council financial year, named by the calendar year it starts in."""

    start_year: int

    def __post_init__(self) -> None:
        _check_start_year(self.start_year)

    @property
    def label(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    @classmethod
    def parse(cls, text: str) -> FinancialYear:
        match = _FINANCIAL_YEAR_RE.match(text)
        start_year = _year_from_parts(*match.groups()) if match else None
        if start_year is None or not 1000 <= start_year <= 9998:
            example = _year_example(match.group(1) if match else None)
            raise ValueError(f"{text!r} is not a financial year: write it like {example}")
        return cls(start_year)

    @property
    def start(self) -> date:
        return date(self.start_year, FIRST_MONTH, 1)

    @property
    def end(self) -> date:
        return date(self.start_year + 1, FIRST_MONTH - 1, 31)

    def quarters(self) -> list[Period]:
        return [Period(self.start_year, quarter) for quarter in range(1, 5)]

    @classmethod
    def containing(cls, d: date) -> FinancialYear:
        return cls(d.year if d.month >= FIRST_MONTH else d.year - 1)

    def previous(self) -> FinancialYear:
        return FinancialYear(self.start_year - 1)

    def next(self) -> FinancialYear:
        return FinancialYear(self.start_year + 1)

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True, order=True)
class Period:
    """A quarter of a financial year; year is the financial year's start year."""

    year: int
    quarter: int

    def __post_init__(self) -> None:
        _check_start_year(self.year)
        if not isinstance(self.quarter, int) or isinstance(self.quarter, bool):
            raise TypeError(f"a quarter is a whole number from 1 to 4, not {self.quarter!r}")
        if not 1 <= self.quarter <= 4:
            raise ValueError(f"there is no quarter {self.quarter}: quarters run from 1 to 4")

    @property
    def label(self) -> str:
        return f"{self.financial_year.label} Q{self.quarter}"

    @classmethod
    def parse(cls, text: str) -> Period:
        parts = _period_parts(text)
        start_year = _year_from_parts(parts[0], parts[1]) if parts else None
        if parts is None or start_year is None or not 1000 <= start_year <= 9998:
            example = f"{_year_example(parts[0] if parts else None)} Q1"
            raise ValueError(f"{text!r} is not a quarter: write it like {example}")
        quarter = int(parts[2])
        if not 1 <= quarter <= 4:
            raise ValueError(f"{text!r} is not a quarter: quarters run from Q1 to Q4")
        return cls(start_year, quarter)

    @property
    def financial_year(self) -> FinancialYear:
        return FinancialYear(self.year)

    @property
    def start(self) -> date:
        year, month = self._first_month()
        return date(year, month, 1)

    @property
    def end(self) -> date:
        year, month = self._first_month()
        last_month = month + 2
        return date(year, last_month, calendar.monthrange(year, last_month)[1])

    def _first_month(self) -> tuple[int, int]:
        month = FIRST_MONTH + 3 * (self.quarter - 1)
        if month > 12:
            return self.year + 1, month - 12
        return self.year, month

    def previous(self) -> Period:
        if self.quarter == 1:
            return Period(self.year - 1, 4)
        return Period(self.year, self.quarter - 1)

    def next(self) -> Period:
        if self.quarter == 4:
            return Period(self.year + 1, 1)
        return Period(self.year, self.quarter + 1)

    def same_period_last_year(self) -> Period:
        return Period(self.year - 1, self.quarter)

    @classmethod
    def containing(cls, d: date) -> Period:
        year = FinancialYear.containing(d).start_year
        months_in = (d.month - FIRST_MONTH) % 12
        return cls(year, months_in // 3 + 1)

    @property
    def key(self) -> int:
        return self.year * 10 + self.quarter

    @classmethod
    def from_key(cls, key: int) -> Period:
        year, quarter = divmod(key, 10)
        return cls(year, quarter)

    def last_n(self, n: int) -> list[Period]:
        if n < 0:
            raise ValueError(f"cannot list the last {n} quarters")
        if n == 0:
            return []
        periods = [self]
        while len(periods) < n:
            periods.append(periods[-1].previous())
        return periods[::-1]

    def __str__(self) -> str:
        return self.label


def periods_between(first: Period, last: Period) -> list[Period]:
    """Every quarter from first to last inclusive, oldest first; empty when first is after last."""
    if first > last:
        return []
    periods = [first]
    while periods[-1] < last:
        periods.append(periods[-1].next())
    return periods
