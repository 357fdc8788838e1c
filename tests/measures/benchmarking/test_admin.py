"""A comparator group's admin page makes as many queries for twenty members as for one."""

from collections.abc import Callable

import pytest
from django.test import Client

from measures.benchmarking.areas import AreaBook
from measures.benchmarking.models import (
    BenchmarkIndicator,
    ComparatorGroup,
    GroupMember,
    GroupValue,
)
from measures.models import Measure
from tests.committees.test_admin import page_queries

pytestmark = pytest.mark.django_db


def group_of(rows: int, book: AreaBook, indicator: BenchmarkIndicator, measure: Measure) -> str:
    """A group of as many areas, with as many printed figures of an indicator and a measure."""
    group = ComparatorGroup.objects.create(kind="custom", name=f"{rows} areas", slug=f"g{rows}")
    for n in range(rows):
        area = book.authority(name=f"Authority {rows}-{n}", old=f"{rows % 9 + 1}{n:02d}")
        GroupMember.objects.create(group=group, area=area, name=area.name, position=n)
        GroupValue.objects.create(
            group=group, indicator=indicator, measure=measure, period=f"{2000 + n}", value=n
        )
    return f"/admin/measures/comparatorgroup/{group.pk}/change/"


def test_comparator_group_page_queries_do_not_grow_with_members_or_figures(
    admin_client: Client, lac_rate: BenchmarkIndicator, make_measure: Callable[..., Measure]
) -> None:
    book, measure = AreaBook(), make_measure()
    one = group_of(1, book, lac_rate, measure)
    twenty = group_of(20, book, lac_rate, measure)
    assert page_queries(admin_client, twenty) == page_queries(admin_client, one)
