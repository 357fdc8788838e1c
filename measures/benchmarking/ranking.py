"""Rank and band: benchmark ranks, quartile bands, published values and group figures, pure."""

from __future__ import annotations

import math
import numbers
import re
from bisect import bisect_left, bisect_right
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import TypeVar

from measures.rules.benchmark_periods import EES_LABEL_RE, LABEL_RE, full_year
from measures.rules.rating import BENCHMARK_POLARITIES, Polarity

K = TypeVar("K", bound=Hashable)

# Places kept when the indicator gives none: enough to tell real differences apart, few enough
# that a float printed as 64.099999999999994 and one printed as 64.1 become the same number.
DEFAULT_PLACES = 6

# Codes the releases print instead of a number (data README, "ees/" and "lait/"). None of them
# means zero, so a figure carrying one is missing, never 0.
MISSING_CODES: dict[str, str] = {
    "c": "suppressed",
    "x": "not available",
    "z": "not applicable",
    "low": "rounds to zero",
    "k": "rounds to zero",  # the older symbol for "low"
    "u": "low reliability",
    "..": "not available",
    ":": "not available",
    "~": "rounds to zero",
    "-": "missing or suppressed",  # LAIT's only code: it does not say which
}

# Plain decimals only: exponents and thousands separators do not appear in the published text,
# and accepting them would let a mangled cell through as a plausible number.
_NUMBER_RE = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$", re.ASCII)


@dataclass(frozen=True)
class ParsedValue:
    """A published figure: its value, or None with the missing-value code it carried."""

    value: Decimal | None
    status: str  # "" for a number or an empty cell, else the code in MISSING_CODES

    @property
    def meaning(self) -> str:
        """The code in words ("suppressed"), or "" when there is no code."""
        return MISSING_CODES.get(self.status, "")


def _round(value: Decimal, places: int) -> Decimal:
    """Round half up to places, then drop trailing zeros so equal figures look the same."""
    if places < 0:
        raise ValueError(f"decimal places must be 0 or more, not {places}")
    with localcontext() as context:
        # Quantize fails rather than round when the result needs more digits than the context
        # holds, so give it room for a very large figure at full precision.
        context.prec = max(context.prec, value.adjusted() + places + 2)
        rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        if rounded.is_zero():
            return Decimal(0)  # not "-0" or "0E-6"
        normal = rounded.normalize()
        # normalize() writes 100 as 1E+2; keep whole numbers whole.
        exponent = normal.as_tuple().exponent  # an int: the value is finite
        if isinstance(exponent, int) and exponent > 0:
            normal = normal.quantize(Decimal(1))
        return normal


def _unknown(text: object) -> ValueError:
    codes = ", ".join(MISSING_CODES)
    return ValueError(f"{text!r} is not a number or a known missing-value code ({codes})")


def parse_value(
    text: str | Decimal | float | int | None, *, decimal_places: int | None
) -> ParsedValue:
    """Read one published value: a number rounded to decimal_places, or a missing-value code.

    An empty cell (None, "", spaces, or the NaN pandas reads for one) is missing with status "":
    the source gave no code, so there is nothing to explain beyond "no figure". Numbers are rounded
    half up to decimal_places (DEFAULT_PLACES when None) and normalised, so 93.2 and
    93.200000000000003 are the same Decimal and rank as equals. Floats and ints, as pandas
    gives them, are read through their shortest text form rather than their binary value.
    Format a result with the indicator's decimal places for display.
    """
    places = DEFAULT_PLACES if decimal_places is None else decimal_places
    if text is None:
        return ParsedValue(None, "")
    # bool is an int to Python, but True in a figure column is a mistake, not the number 1.
    if isinstance(text, bool):
        raise _unknown(text)
    if isinstance(text, Decimal):
        if not text.is_finite():
            if text.is_nan():
                return ParsedValue(None, "")
            raise _unknown(text)
        return ParsedValue(_round(text, places), "")
    if isinstance(text, numbers.Integral):
        return ParsedValue(_round(Decimal(int(text)), places), "")
    if isinstance(text, numbers.Real):
        number = float(text)
        if math.isnan(number):
            return ParsedValue(None, "")
        if math.isinf(number):
            raise _unknown(text)
        # repr gives the shortest text that reads back as this float, which is what was published.
        return ParsedValue(_round(Decimal(repr(number)), places), "")
    if not isinstance(text, str):
        raise _unknown(text)
    stripped = text.strip()
    if not stripped:
        return ParsedValue(None, "")
    code = stripped.lower()
    if code in MISSING_CODES:
        return ParsedValue(None, code)
    if not _NUMBER_RE.match(stripped):
        raise _unknown(text)
    return ParsedValue(_round(Decimal(stripped), places), "")


def benchmark_polarity(polarity: Polarity | str) -> Polarity:
    """The polarity an indicator is ranked by; ValueError for TARGET, which only measures have."""
    polarity = Polarity(polarity)
    if polarity not in BENCHMARK_POLARITIES:
        raise ValueError(f"an indicator's polarity is higher, lower or none, not {polarity.value}")
    return polarity


def rank(values: Mapping[K, Decimal | None], polarity: Polarity) -> dict[K, int]:
    """Each area's rank among those with a value, 1 = best by polarity; ties share the lowest.

    This is competition ranking, as LAIT ranks: an area's rank is one more than the number of
    areas strictly better than it. Pass authorities only: England and regions are not ranked.
    Areas without a value get no rank, and with no polarity nobody is better, so there are none.
    """
    polarity = benchmark_polarity(polarity)
    if polarity is Polarity.NONE:
        return {}
    present = {area: value for area, value in values.items() if value is not None}
    ordered = sorted(present.values())
    total = len(ordered)
    if polarity is Polarity.HIGHER:
        return {area: total - bisect_right(ordered, value) + 1 for area, value in present.items()}
    return {area: bisect_left(ordered, value) + 1 for area, value in present.items()}


def quartile_cut_points(values: Sequence[Decimal]) -> tuple[Decimal, Decimal, Decimal]:
    """The 25th, 50th and 75th percentiles by linear interpolation, in Decimal.

    This is Hyndman and Fan's type 7 (numpy's and Excel's PERCENTILE default): for p the point
    lies h = (n - 1)p places along the sorted values, between the values either side of it.
    Pass the values that are present: a None here is a caller's mistake and raises TypeError.
    """
    if not values:
        raise ValueError("quartiles need at least one value")
    ordered = sorted(values)
    last = len(ordered) - 1
    points = []
    for quarter in (1, 2, 3):
        # (n - 1) * quarter / 4 in whole numbers, so the fraction is exact: 0, 1/4, 1/2 or 3/4.
        below, remainder = divmod(last * quarter, 4)
        point = ordered[below]
        if remainder:
            point += Decimal(remainder) / 4 * (ordered[below + 1] - ordered[below])
        points.append(point)
    return points[0], points[1], points[2]


def quartile_band(
    value: Decimal | None,
    cut_points: tuple[Decimal, Decimal, Decimal],
    polarity: Polarity,
    *,
    banded: bool = True,
) -> str | None:
    """LAIT's quartile band, A best to D worst; None when missing, unbanded or without polarity.

    As LAIT draws the bands, a value on a cut point belongs to the lower quarter of values:
    for low-is-good that is the better band, for high-is-good the worse one.
    """
    polarity = benchmark_polarity(polarity)
    if value is None or not banded or polarity is Polarity.NONE:
        return None
    q25, q50, q75 = cut_points
    if not q25 <= q50 <= q75:
        raise ValueError(f"cut points must rise: {q25}, {q50}, {q75}")
    if value <= q25:
        quarter = 0
    elif value <= q50:
        quarter = 1
    elif value <= q75:
        quarter = 2
    else:
        quarter = 3
    letters = "ABCD" if polarity is Polarity.LOWER else "DCBA"
    return letters[quarter]


def bands(
    values: Mapping[K, Decimal | None], polarity: Polarity, *, banded: bool = True
) -> dict[K, str]:
    """Each area's quartile band, cut at the quartiles of the values present.

    As with rank, pass authorities only: England's and regions' figures would move the cuts.
    Areas without a value get no band; unbanded indicators and those without polarity get none.
    """
    polarity = benchmark_polarity(polarity)
    present = {area: value for area, value in values.items() if value is not None}
    if not present or not banded or polarity is Polarity.NONE:
        return {}
    cut_points = quartile_cut_points(list(present.values()))
    return {
        area: band
        for area, value in present.items()
        if (band := quartile_band(value, cut_points, polarity)) is not None
    }


@dataclass(frozen=True)
class GroupFigure:
    """A comparator group's figure computed from its members' values."""

    mean: Decimal | None  # as LAIT shows for statistical neighbours
    median: Decimal | None  # as DfE's social care dashboard shows
    count: int  # members with a value
    members: int  # members in the group, with a value or not

    @property
    def missing(self) -> int:
        """Members without a value, which readers should know when the figure rests on fewer."""
        return self.members - self.count


def _places_of(values: Sequence[Decimal]) -> int:
    """The most decimal places any of the values is written with (never over DEFAULT_PLACES)."""
    written = (-int(value.normalize().as_tuple().exponent) for value in values)
    return min(max(0, *written), DEFAULT_PLACES - 1)


def group_figure(
    values: Sequence[Decimal | None], *, decimal_places: int | None = None
) -> GroupFigure:
    """The mean and median of the members' available values, rounded half up.

    Rounded to decimal_places when given (the indicator's), else to one place more than the
    most precise member value (a mean of whole numbers to one place), and normalised like
    parse_value. Both are None when no member has a value.
    """
    present = sorted(value for value in values if value is not None)
    count = len(present)
    if not count:
        return GroupFigure(mean=None, median=None, count=0, members=len(values))
    places = _places_of(present) + 1 if decimal_places is None else decimal_places
    middle, odd = divmod(count, 2)
    median = present[middle] if odd else (present[middle - 1] + present[middle]) / 2
    mean = sum(present, Decimal(0)) / count
    return GroupFigure(
        mean=_round(mean, places),
        median=_round(median, places),
        count=count,
        members=len(values),
    )


_SUFFIXES = {1: "st", 2: "nd", 3: "rd"}


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th ... with 11th, 12th and 13th as English says them."""
    if n < 0:
        raise ValueError(f"ordinals here are for ranks and counts, not {n}")
    if n % 100 in (11, 12, 13):
        return f"{n}th"
    return f"{n}{_SUFFIXES.get(n % 10, 'th')}"


def describe_rank(rank: int | None, of: int) -> str:
    """'12th of 151'; '' when the area has no rank."""
    if rank is None:
        return ""
    if not 1 <= rank <= of:
        raise ValueError(f"a rank of {rank} is impossible among {of}")
    return f"{ordinal(rank)} of {of}"


# A range longer than this is a typo (2016-15 would otherwise read as 2016 to 2115).
MAX_RANGE_YEARS = 10


def period_sort_key(label: str) -> int:
    """A key that sorts benchmark period labels by the year they end in.

    The key is end year * 10 plus 0 for a range ("2024-25", "2014-16", "202425") or 1 for a
    single year ("2025"). Ranges come first because the usual ones, financial and academic
    years, end in March or August, before the calendar year of the same number ends, and a
    single-year snapshot (31 March 2025) is taken no earlier than the year 2024-25 ends.
    Notes in brackets ("2016-17 (OT)", "2018 (Rev)") are ignored, so such labels tie with the
    plain label; sort on (key, label) for a total order. Raises ValueError for anything else,
    such as the "0" some LAIT rows carry.
    """
    stripped = label.strip()
    if match := EES_LABEL_RE.match(stripped):
        start, end = int(match[1]), full_year(int(match[1]), match[2])
        if end != start + 1:
            raise ValueError(f"{label!r} is not a year such as 202425 (2024-25)")
        return end * 10
    match = LABEL_RE.match(stripped)
    if not match:
        raise ValueError(f"{label!r} is not a period such as 2025, 2024-25 or 202425")
    start = int(match[1])
    if start < 1000:
        raise ValueError(f"{label!r} does not start with a year")
    if match[2] is None:
        return start * 10 + 1
    end = full_year(start, match[2])
    if not 0 < end - start <= MAX_RANGE_YEARS:
        raise ValueError(f"{label!r} does not run forward from one year to a later one")
    return end * 10


def normalise_period_label(text: str) -> str:
    """Write a period as LAIT does: 202425 becomes 2024-25; other labels lose outer spaces only.

    Nothing is checked here: "0" stays "0", and period_sort_key rejects it.
    """
    stripped = text.strip()
    if match := EES_LABEL_RE.match(stripped):
        start = int(match[1])
        if full_year(start, match[2]) == start + 1:
            return f"{start}-{match[2]}"
    return stripped
