"""National figures for 2017 and 2024 and both neighbour models, for the period rule's tests."""

from decimal import Decimal

from measures.benchmarking.areas import AreaBook
from measures.benchmarking.models import (
    BenchmarkIndicator,
    BenchmarkValue,
    ComparatorGroup,
    GroupKind,
    GroupMember,
    MeasureBenchmark,
)
from measures.models import Measure
from measures.rules.benchmark_periods import version_start

# (old code, name, region, 31 March 2017, 31 March 2024); None where the authority did not
# exist. LAIT's own 2017 and 2024 figures for these authorities, rounded.
FIGURES = [
    ("925", "Lincolnshire", "East Midlands", "45.1", "54.0"),
    ("926", "Norfolk", "East of England", "51.9", "70.3"),
    ("830", "Derbyshire", "East Midlands", "55.0", "68.8"),
    ("928", "Northamptonshire", "East Midlands", "58.6", None),
    ("940", "North Northamptonshire", "East Midlands", None, "63.2"),
]
ENGLAND = {"2017": "62.0", "2024": "70.0"}
EAST_MIDLANDS = {"2017": "53.4", "2024": "66.6"}
# Each model's members: 2021's has North Northamptonshire, which did not exist in 2017.
MODELS = {"April 2021": ["926", "940", "830"], "May 2025": ["830", "940"]}


def load_lac_through_the_years(measure_reference: str = "LAC-RATE") -> BenchmarkIndicator:
    """The looked after children rate, as at 31 March 2017 and 2024, linked to the measure."""
    book = AreaBook()
    indicator = BenchmarkIndicator.objects.create(
        source="LAIT",
        code="LAC",
        slug="lac-test",
        title="Children looked after rate per 10,000",
        polarity="lower",
        decimal_places=1,
        y_axis_name="Rate per 10,000",
        year_type="as_at_31_march",
    )
    areas = {}
    for code, name, region, first, last in FIGURES:
        area = book.authority(name=name, old=code, region_name=region)
        areas[code] = area
        for period, text in (("2017", first), ("2024", last)):
            if text is not None:
                _value(indicator, period, area, text)
    for period in ("2017", "2024"):
        _value(indicator, period, book.england, ENGLAND[period])
        _value(indicator, period, book.region("East Midlands"), EAST_MIDLANDS[period])
    for version, members in MODELS.items():
        group = ComparatorGroup.objects.create(
            kind=GroupKind.STATISTICAL_NEIGHBOURS,
            name=f"Lincolnshire statistical neighbours ({version})",
            slug=f"lincolnshire-sn-{version.lower().replace(' ', '-')}",
            area=areas["925"],
            version=version,
            in_force_from=version_start(version),
        )
        for position, code in enumerate(members, 1):
            GroupMember.objects.create(
                group=group, area=areas[code], name=areas[code].name, position=position
            )
    measure = Measure.objects.get(reference=measure_reference)
    MeasureBenchmark.objects.create(measure=measure, indicator=indicator)
    return indicator


def _value(indicator: BenchmarkIndicator, period: str, area, text: str) -> None:
    BenchmarkValue.objects.create(
        indicator=indicator,
        period=period,
        period_key=int(period) * 10 + 1,
        area=area,
        value=Decimal(text),
        raw=text,
    )
