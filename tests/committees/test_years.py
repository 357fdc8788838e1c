"""Minutes are numbered through the municipal year, which starts in May."""

from datetime import date

import pytest

from committees.models import AgendaItem, Meeting, Minute
from committees.years import municipal_year_start, next_minute_number


@pytest.mark.parametrize(
    ("day", "start"),
    [
        (date(2017, 7, 21), date(2017, 5, 1)),
        (date(2017, 5, 1), date(2017, 5, 1)),
        (date(2018, 4, 30), date(2017, 5, 1)),
        (date(2018, 1, 19), date(2017, 5, 1)),
    ],
)
def test_the_municipal_year_starts_in_may(day: date, start: date) -> None:
    assert municipal_year_start(day) == start


@pytest.mark.parametrize(("previous", "expected"), [([], 1), ([8, 9, 16], 17), ([3], 4)])
def test_the_next_minute_follows_the_highest(previous: list[int], expected: int) -> None:
    assert next_minute_number(previous) == expected


@pytest.mark.django_db
def test_an_unnumbered_minute_continues_the_years_numbering(make_committee) -> None:
    committee = make_committee()
    july = Meeting.objects.create(committee=committee, date=date(2017, 7, 21))
    Minute.objects.create(
        item=AgendaItem.objects.create(meeting=july, number=1, title="Apologies"),
        number=16,
        text="…",
    )
    september = Meeting.objects.create(committee=committee, date=date(2017, 9, 8))
    minute = Minute.objects.create(
        item=AgendaItem.objects.create(meeting=september, number=1, title="Apologies"), text="…"
    )
    assert minute.number == 17
    next_may = Meeting.objects.create(committee=committee, date=date(2018, 5, 25))
    first = Minute.objects.create(
        item=AgendaItem.objects.create(meeting=next_may, number=1, title="Apologies"), text="…"
    )
    assert first.number == 1
