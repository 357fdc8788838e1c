"""Benchmarks for their own time: when a national period ends, and which a figure sits beside."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TypeVar

K = TypeVar("K")


class YearType(StrEnum):
    """What a benchmark period's label counts, as the LAIT dictionary or a release says it."""

    AS_AT_31_MARCH = "as_at_31_march"  # LAIT "Annual": a count or rate at 31 March
    FINANCIAL = "financial"  # 1 April to 31 March
    ACADEMIC = "academic"  # 1 September to 31 August
    CALENDAR = "calendar"  # 1 January to 31 December
    END_OF_SEPTEMBER = "end_of_september"  # a census at 30 September (the workforce)
    JANUARY = "january"  # the January school census
    REPORTING_YEAR = "reporting_year"  # a release's reporting year, to 31 March
    UNKNOWN = ""

    @property
    def label(self) -> str:
        return YEAR_TYPE_LABELS[self]


YEAR_TYPE_LABELS: dict[YearType, str] = {
    YearType.AS_AT_31_MARCH: "As at 31 March",
    YearType.FINANCIAL: "Financial year (April to March)",
    YearType.ACADEMIC: "Academic year (September to August)",
    YearType.CALENDAR: "Calendar year",
    YearType.END_OF_SEPTEMBER: "As at 30 September",
    YearType.JANUARY: "As at January (school census)",
    YearType.REPORTING_YEAR: "Reporting year (to 31 March unless the release says otherwise)",
    YearType.UNKNOWN: "Not known",
}

# The words the sources use, without case or spaces: the LAIT dictionary's Year_Type, then
# the release files' time_identifier.
_SOURCE_WORDS: dict[str, YearType] = {
    "annual": YearType.AS_AT_31_MARCH,
    "asat31march": YearType.AS_AT_31_MARCH,
    "financialyear": YearType.FINANCIAL,
    "academicyear": YearType.ACADEMIC,
    "calendaryear": YearType.CALENDAR,
    "annual(endofsept)": YearType.END_OF_SEPTEMBER,
    "annual-january": YearType.JANUARY,
    "reportingyear": YearType.REPORTING_YEAR,
}


def year_type_of(text: str | None) -> YearType:
    """The year type a source names ("Financial Year", "Reporting year"); UNKNOWN for others."""
    if not isinstance(text, str):
        return YearType.UNKNOWN
    key = re.sub(r"\s+", "", text).lower()
    if key in {member.value for member in YearType}:
        return YearType(key)
    return _SOURCE_WORDS.get(key, YearType.UNKNOWN)


# "2017", "2016-17", "2016/17", "2014-16", "201617", each perhaps with a note: "2018 (Rev)".
LABEL_RE = re.compile(r"^(\d{4})(?:\s*[-/]\s*(\d{4}|\d{2}))?(?:\s*\([^()]*\))?$", re.ASCII)
EES_LABEL_RE = re.compile(r"^(\d{4})(\d{2})$", re.ASCII)
# Academic or financial years pooled, as LAIT labels them: 2013/14-15/16.
_POOLED_RE = re.compile(r"^(\d{4})/(\d{2})\s*-\s*(\d{2})/(\d{2})(?:\s*\([^()]*\))?$", re.ASCII)


def full_year(start: int, two_or_four: str) -> int:
    """The year a label's second part names: 2016 and "17" give 2017; 2099 and "00" give 2100."""
    if len(two_or_four) == 4:
        return int(two_or_four)
    year = start - start % 100 + int(two_or_four)
    return year if year > start else year + 100


def _years(label: str) -> tuple[int, int, bool]:
    """The years a label starts and ends in, and whether it is a span ("2016-17")."""
    text = label.strip()
    if match := _POOLED_RE.match(text):
        start = int(match[1])
        return start, full_year(start, match[4]), True
    if match := EES_LABEL_RE.match(text):
        start = int(match[1])
        return start, full_year(start, match[2]), True
    if match := LABEL_RE.match(text):
        start = int(match[1])
        if match[2] is None:
            return start, start, False
        return start, full_year(start, match[2]), True
    raise ValueError(f"{label!r} is not a period such as 2017, 2016-17 or 2013/14-15/16")


def period_end(label: str, year_type: YearType | str) -> date:
    """The last day a benchmark period covers.

    "2017" as at 31 March ends on 31 March 2017; the financial year "2016-17" on 31 March 2017;
    the calendar year "2016" (or the years "2014-16") on 31 December 2016; the academic year
    "2016/17", or "2017" as LAIT labels academic years, on 31 August 2017. With no year type
    the latest end the label could mean is taken, so a figure is never compared with a period
    that might run past it. Raises ValueError for a label that is no period.
    """
    kind = YearType(year_type)
    first, year, span = _years(label)
    if kind in (YearType.AS_AT_31_MARCH, YearType.FINANCIAL, YearType.REPORTING_YEAR):
        return date(year, 3, 31)
    if kind is YearType.ACADEMIC:
        return date(year, 8, 31)
    if kind is YearType.CALENDAR:
        return date(year, 12, 31)
    if kind is YearType.END_OF_SEPTEMBER:
        return date(year, 9, 30)
    if kind is YearType.JANUARY:
        return date(year, 1, 31)
    # Unknown: a span of one year ("2016-17") is at latest an academic year; anything else
    # may be calendar years.
    if span and year - first == 1:
        return date(year, 8, 31)
    return date(year, 12, 31)


def month_year(day: date) -> str:
    """ "June 2017"."""
    return f"{day:%B %Y}"


@dataclass(frozen=True)
class Choice:
    """The benchmark period shown beside a figure, or why there is none."""

    period: str | None
    ends: date | None
    note: str = ""  # "No comparator figure for June 2017 or earlier"


def period_for(periods: Iterable[tuple[str, date]], until: date | None) -> Choice:
    """The latest period ending on or before until (the end of what the figure covers).

    Periods are (label, end) pairs; ties on the end keep the last given. With until None
    (no figure to compare) the latest period is shown. When none is old enough the choice
    is empty and says so, rather than offering a later one.
    """
    found: tuple[str, date] | None = None
    for label, ends in periods:
        if until is not None and ends > until:
            continue
        if found is None or ends >= found[1]:
            found = (label, ends)
    if found is not None:
        return Choice(found[0], found[1])
    note = f"No comparator figure for {month_year(until)} or earlier" if until else ""
    return Choice(None, None, note)


# Months by their first three letters: "May", "April", "Apr" and "Sept" all read.
_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, 1)}
_VERSION_RE = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{4})\b")
_YEAR_RE = re.compile(r"\b(\d{4})\b")


def version_start(version: str) -> date | None:
    """When a model version named like "May 2025" came into force (1 May 2025).

    A bare year ("2021") is taken as 1 January; None when the name holds no year.
    """
    for word, year in _VERSION_RE.findall(version):
        if month := _MONTHS.get(word[:3].lower()):
            return date(int(year), month, 1)
    if match := _YEAR_RE.search(version):
        return date(int(match[1]), 1, 1)
    return None


def model_for(models: Sequence[tuple[K, date | None]], until: date | None) -> K | None:
    """The model version in force at until: the latest starting on or before it.

    Where none is that old, the oldest the system has; a version with no known start counts
    as older than any dated one. With until None, the newest. None when there are no models.
    """
    if not models:
        return None
    dated = sorted(models, key=lambda pair: (pair[1] is not None, pair[1] or date.min))
    if until is None:
        return dated[-1][0]
    in_force = [key for key, start in dated if start is not None and start <= until]
    return in_force[-1] if in_force else dated[0][0]
