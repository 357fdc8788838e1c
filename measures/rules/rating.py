"""RAG status of a figure against its target and band, and its direction of travel."""

from __future__ import annotations

import math
from decimal import Decimal

from django.db.models import TextChoices

from measures.rules.units import as_decimal

Number = Decimal | int | str


class Polarity(TextChoices):
    """Which way a figure should move; NONE only for benchmark indicators that say neither."""

    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"
    TARGET = "target", "On target is best"
    NONE = "none", "Neither is better"

    @property
    def sentence(self) -> str:
        return _POLARITY_SENTENCES[self]

    @classmethod
    def from_source(cls, text: str | float | None) -> Polarity:
        """Read LAIT's dictionary (High, Low, "-", empty) or a command-line word.

        The command line says high, low or none, or higher and lower as the indicator stores
        them. A float is accepted because pandas reads an empty dictionary cell as NaN.
        """
        if text is None or (isinstance(text, float) and math.isnan(text)):
            return cls.NONE
        if not isinstance(text, str):
            raise ValueError(f"{text!r} is not a polarity (high, low, none, - or empty)")
        word = text.strip().lower()
        if word in _SOURCE_WORDS:
            return _SOURCE_WORDS[word]
        raise ValueError(f"{text!r} is not a polarity (high, low, none, - or empty)")


# A measure is rated against a target, so it needs a way to be better: never NONE.
MEASURE_POLARITIES = (Polarity.HIGHER, Polarity.LOWER, Polarity.TARGET)
# A benchmark indicator is ranked and banded against other areas: never TARGET.
BENCHMARK_POLARITIES = (Polarity.HIGHER, Polarity.LOWER, Polarity.NONE)

_SOURCE_WORDS: dict[str, Polarity] = {
    "high": Polarity.HIGHER,
    "higher": Polarity.HIGHER,
    "low": Polarity.LOWER,
    "lower": Polarity.LOWER,
    "none": Polarity.NONE,
    "-": Polarity.NONE,
    "": Polarity.NONE,
}

_POLARITY_SENTENCES: dict[Polarity, str] = {
    Polarity.HIGHER: "A higher figure indicates better performance.",
    Polarity.LOWER: "A lower figure indicates better performance.",
    Polarity.TARGET: (
        "Being within the target range is best: too many and too few both call for questions."
    ),
    Polarity.NONE: "Neither a higher nor a lower figure indicates better performance.",
}


def measure_polarity(polarity: Polarity | str) -> Polarity:
    """The polarity a measure is rated by; ValueError for NONE, which only indicators have."""
    polarity = Polarity(polarity)
    if polarity not in MEASURE_POLARITIES:
        raise ValueError(f"a measure's polarity is higher, lower or target, not {polarity.value}")
    return polarity


class Status(TextChoices):
    """A figure's rating; the value doubles as the CSS class that colours it."""

    ACHIEVED = "rag-green", "Achieved"
    WITHIN_TOLERANCE = "rag-amber", "Within tolerance"
    NOT_ACHIEVED = "rag-red", "Not achieved"
    EXCEEDED = "rag-blue", "Exceeded"
    NO_DATA = "rag-grey", "No data"
    NOT_RATED = "rag-none", "Not rated"

    @property
    def shape(self) -> str:
        """The name of a marker that tells the statuses apart without colour."""
        return _STATUS_SHAPES[self]

    @property
    def symbol(self) -> str:
        return _STATUS_SYMBOLS[self]

    @property
    def rank(self) -> int | None:
        """1 for the best rated status, rising as statuses get worse; None when not rated."""
        return _STATUS_RANKS.get(self)


_STATUS_SHAPES: dict[Status, str] = {
    Status.ACHIEVED: "tick",
    Status.WITHIN_TOLERANCE: "triangle",
    Status.NOT_ACHIEVED: "cross",
    Status.EXCEEDED: "star",
    Status.NO_DATA: "dash",
    Status.NOT_RATED: "circle",
}

_STATUS_SYMBOLS: dict[Status, str] = {
    Status.ACHIEVED: "\u2713",  # ✓
    Status.WITHIN_TOLERANCE: "\u25b2",  # ▲
    Status.NOT_ACHIEVED: "\u2717",  # ✗
    Status.EXCEEDED: "\u2605",  # ★
    Status.NO_DATA: "\u2013",  # –
    Status.NOT_RATED: "\u25cb",  # ○
}

_STATUS_RANKS: dict[Status, int] = {
    Status.EXCEEDED: 1,
    Status.ACHIEVED: 2,
    Status.WITHIN_TOLERANCE: 3,
    Status.NOT_ACHIEVED: 4,
}


class Scheme(TextChoices):
    """How a council turns a figure's place against its target and band into a status."""

    DEFAULT = "default", "Achieved, within tolerance, not achieved"
    EXCEEDED = "exceeded", "As the default, plus exceeded beyond the better end of the band"
    TOLERANCE_ACHIEVED = "tolerance_achieved", "Within tolerance counts as achieved"


def _optional(value: Number | None) -> Decimal | None:
    return None if value is None else as_decimal(value)


def band_contains_target(target: Number, band_low: Number | None, band_high: Number | None) -> bool:
    """Whether a band, either end of which may be missing, has its target inside it."""
    goal = as_decimal(target)
    low, high = _optional(band_low), _optional(band_high)
    return (low is None or low <= goal) and (high is None or goal <= high)


def resolve_band(
    target: Number, band_low: Number | None, band_high: Number | None
) -> tuple[Decimal, Decimal]:
    """Both ends of a band, a missing end ending at the target; ValueError if it excludes it."""
    if not band_contains_target(target, band_low, band_high):
        raise ValueError(f"the band {band_low}-{band_high} does not contain its target {target}")
    goal = as_decimal(target)
    low, high = _optional(band_low), _optional(band_high)
    return (goal if low is None else low, goal if high is None else high)


def rate(
    actual: Number | None,
    target: Number | None,
    band_low: Number | None = None,
    band_high: Number | None = None,
    *,
    polarity: Polarity,
    scheme: Scheme = Scheme.DEFAULT,
) -> Status:
    """The status of a figure against its target and band, under a council's scheme."""
    polarity, scheme = measure_polarity(polarity), Scheme(scheme)
    # Convert everything first so a float is refused even where it would not be used.
    figure, goal = _optional(actual), _optional(target)
    given_low, given_high = _optional(band_low), _optional(band_high)
    if goal is None:
        return Status.NOT_RATED
    low, high = resolve_band(goal, given_low, given_high)
    if figure is None:
        return Status.NO_DATA

    if polarity is Polarity.TARGET:
        return Status.ACHIEVED if low <= figure <= high else Status.NOT_ACHIEVED

    if polarity is Polarity.HIGHER:
        achieved, exceeded = figure >= goal, high > goal and figure > high
        within = low <= figure
    else:
        achieved, exceeded = figure <= goal, low < goal and figure < low
        within = figure <= high

    if exceeded and scheme is Scheme.EXCEEDED:
        return Status.EXCEEDED
    if achieved:
        return Status.ACHIEVED
    if within:
        return Status.ACHIEVED if scheme is Scheme.TOLERANCE_ACHIEVED else Status.WITHIN_TOLERANCE
    return Status.NOT_ACHIEVED


class Direction(TextChoices):
    """Whether a figure got better, worse or stayed the same, judged by polarity."""

    IMPROVING = "improving", "Improving"
    WORSENING = "worsening", "Worsening"
    NO_CHANGE = "no-change", "No change"

    @property
    def arrow(self) -> str:
        """Better is up and worse is down, whichever way the figure itself moved."""
        return _DIRECTION_ARROWS[self]


_DIRECTION_ARROWS: dict[Direction, str] = {
    Direction.IMPROVING: "\u2191",  # ↑
    Direction.WORSENING: "\u2193",  # ↓
    Direction.NO_CHANGE: "\u2192",  # →
}

FIGURE_UP = "\u25b2"  # ▲
FIGURE_DOWN = "\u25bc"  # ▼
FIGURE_SAME = "\u25b6"  # ▶


def arrow_for(direction: Direction | None, current: Number | None, previous: Number | None) -> str:
    """The arrow of the figure's own movement (▲ ▼ ▶); "" when there is no direction."""
    # A falling figure can be an improvement, so the arrow shows movement and the words the verdict.
    if direction is None or current is None or previous is None:
        return ""
    now, before = as_decimal(current), as_decimal(previous)
    if now > before:
        return FIGURE_UP
    if now < before:
        return FIGURE_DOWN
    return FIGURE_SAME


def direction(
    current: Number | None,
    previous: Number | None,
    *,
    polarity: Polarity,
    target: Number | None = None,
) -> Direction | None:
    """Whether current is better than previous; None when a figure or a needed target is missing."""
    polarity = measure_polarity(polarity)
    if current is None or previous is None:
        return None
    now, before = as_decimal(current), as_decimal(previous)
    if polarity is Polarity.TARGET:
        if target is None:
            return None
        goal = as_decimal(target)
        # Closer to the target is better, so compare distances with their sign turned round.
        now, before = -abs(now - goal), -abs(before - goal)
    elif polarity is Polarity.LOWER:
        now, before = -now, -before
    if now > before:
        return Direction.IMPROVING
    if now < before:
        return Direction.WORSENING
    return Direction.NO_CHANGE


def is_due(
    *,
    quarterly: bool,
    due_quarter: int | None,
    period_quarter: int,
    has_target_for_year: bool,
    has_figure: bool = False,
) -> bool:
    """Whether a measure belongs in a quarter's report.

    It does when a figure is expected (every quarter, or once a year, Q4 by default, in a year
    with a target) or when a figure was reported in the quarter: a measure without a target
    still appears with its figure, as Not rated.
    """
    if not 1 <= period_quarter <= 4:
        raise ValueError(f"there is no quarter {period_quarter}: quarters run from 1 to 4")
    if due_quarter is not None and not 1 <= due_quarter <= 4:
        raise ValueError(f"there is no quarter {due_quarter}: quarters run from 1 to 4")
    if has_figure:
        return True
    if not has_target_for_year:
        return False
    if quarterly:
        return True
    return period_quarter == (4 if due_quarter is None else due_quarter)
