"""A comparison for a figure's own time: its period, its model and members that did not exist."""

from datetime import date
from decimal import Decimal

import pytest

from measures.benchmarking.models import Area, BenchmarkValue, ComparatorGroup, GroupMember
from measures.benchmarking.reads import compare

pytestmark = pytest.mark.django_db
END_OF_2017 = date(2017, 12, 31)


@pytest.fixture
def with_north_northamptonshire(lac_rate):
    """Lincolnshire's neighbours with North Northamptonshire, created in 2021, among them."""
    group = ComparatorGroup.objects.get(slug="lincolnshire-sn-2025")
    north = Area.objects.get(old_code="940")
    GroupMember.objects.create(group=group, area=north, name=north.name, position=4)
    return lac_rate


def neighbours(indicator, until):
    ours = Area.objects.get(old_code="925")
    return compare(indicator=indicator, ours=ours, until=until).groups[0]


def test_a_member_created_later_is_stood_in_for_by_its_predecessor(
    with_north_northamptonshire,
) -> None:
    group = neighbours(with_north_northamptonshire, END_OF_2017)
    assert group.members[-1] == (
        "Northamptonshire (in place of North Northamptonshire, created 2021)",
        Decimal("61.5"),
        "",
    )
    # Derbyshire 55.0, Nottinghamshire 60.1, Norfolk suppressed, Northamptonshire 61.5.
    assert (group.figure.mean, group.figure.count, group.figure.members) == (
        Decimal("58.9"),
        3,
        4,
    )


def test_without_its_predecessors_figure_a_member_that_did_not_exist_is_left_out(
    with_north_northamptonshire,
) -> None:
    BenchmarkValue.objects.filter(area__old_code="928").delete()
    group = neighbours(with_north_northamptonshire, END_OF_2017)
    assert group.members[-1] == ("North Northamptonshire (did not exist in 2017)", None, "")
    # Not counted as a member then, and not in the mean.
    assert (group.figure.mean, group.figure.count, group.figure.members) == (
        Decimal("57.6"),
        2,
        3,
    )


def test_nothing_as_old_as_the_figure_gives_no_period_and_says_so(lac_rate) -> None:
    ours = Area.objects.get(old_code="925")
    comparison = compare(indicator=lac_rate, ours=ours, until=date(2016, 6, 30))
    assert comparison.period == ""
    assert comparison.rows == [] and comparison.england is None
    assert comparison.note == "No comparator figure for June 2016 or earlier"
