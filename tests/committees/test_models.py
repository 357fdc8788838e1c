"""The rules the committees' models answer without asking the database."""

from datetime import date

import pytest

from committees.models import Action, ActionState, Meeting

TODAY = date(2017, 10, 2)


@pytest.mark.parametrize(
    ("state", "due", "overdue"),
    [
        (ActionState.OPEN, date(2017, 10, 1), True),
        (ActionState.IN_PROGRESS, date(2017, 9, 8), True),
        (ActionState.OPEN, TODAY, False),  # due today is not late yet
        (ActionState.OPEN, date(2017, 10, 3), False),
        (ActionState.OPEN, None, False),  # no date, never overdue
        (ActionState.IN_PROGRESS, None, False),
        (ActionState.DONE, date(2017, 10, 1), False),  # done is never overdue
        (ActionState.DONE, date(2017, 10, 3), False),
    ],
)
def test_an_action_not_done_by_its_due_date_is_overdue(
    state: ActionState, due: date | None, overdue: bool
) -> None:
    assert Action(what="Report back", state=state, due=due).is_overdue(TODAY) is overdue


@pytest.mark.parametrize(
    ("what", "shown"),
    [
        ("Report back", "Report back"),
        ("x" * 80, "x" * 80),
        (
            "Look into why Department for Education data, rather than live exclusions data, "
            "is used",
            "Look into why Department for Education data, rather than live exclusions data,…",
        ),
    ],
)
def test_a_long_action_is_named_short_with_an_ellipsis(what: str, shown: str) -> None:
    assert str(Action(what=what)) == shown


@pytest.mark.parametrize(
    ("day", "sequence", "slug"),
    [
        (date(2017, 9, 8), 1, "2017-09-08"),
        (date(2017, 9, 8), 2, "2017-09-08-2"),
        (date(2018, 1, 5), 3, "2018-01-05-3"),
    ],
)
def test_a_meetings_slug_is_its_address(day: date, sequence: int, slug: str) -> None:
    assert Meeting(date=day, sequence=sequence).slug == slug
