"""What the meetings list says a meeting has: agenda, pack and minutes, as words."""

from datetime import date

import pytest

from committees.meeting_status import meeting_holdings

TODAY = date(2017, 9, 1)
DEADLINE = date(2017, 8, 31)


def holdings(**changes: object):
    given: dict[str, object] = {
        "meeting_day": date(2017, 9, 8),
        "today": TODAY,
        "cancelled": False,
        "agenda_published_on": None,
        "agenda_visible": False,
        "deadline": DEADLINE,
        "pack": False,
        "minutes_visible": False,
        "minutes": 0,
        "approved_minutes": 0,
    }
    given.update(changes)
    return meeting_holdings(**given)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "status", "text"),
    [
        ({}, "due", "Agenda due by 31 August 2017"),
        (
            {"agenda_published_on": date(2017, 8, 30), "agenda_visible": True},
            "published",
            "Agenda published 30 August 2017",
        ),
        ({"meeting_day": date(2017, 7, 21)}, "missing", "No agenda published"),
        ({"meeting_day": TODAY}, "due", "Agenda due by 31 August 2017"),
        ({"cancelled": True}, "cancelled", "Meeting cancelled"),
    ],
)
def test_the_agenda_is_published_due_by_its_deadline_or_missing(
    changes: dict[str, object], status: str, text: str
) -> None:
    agenda = holdings(**changes).agenda
    assert (agenda.status, agenda.text) == (status, text)


@pytest.mark.parametrize(
    ("visible", "pack", "expected"),
    [
        (True, True, ("published", "Agenda pack (PDF)")),
        (True, False, ("missing", "No pack yet")),
        (False, True, None),  # nothing said of a pack whose agenda the reader may not see
    ],
)
def test_the_pack_is_mentioned_only_with_a_readable_agenda(
    visible: bool, pack: bool, expected: tuple[str, str] | None
) -> None:
    found = holdings(agenda_visible=visible, pack=pack).pack
    assert ((found.status, found.text) if found else None) == expected


@pytest.mark.parametrize(
    ("day", "visible", "minutes", "approved", "expected"),
    [
        (date(2017, 7, 21), True, 5, 5, ("approved", "Minutes approved")),
        (date(2017, 7, 21), True, 5, 4, ("draft", "Draft minutes")),
        (date(2017, 7, 21), False, 5, 0, ("missing", "No minutes published")),
        (date(2017, 7, 21), True, 0, 0, ("missing", "No minutes published")),
        (date(2017, 9, 8), False, 0, 0, None),  # none are due before the meeting
    ],
)
def test_minutes_are_draft_until_every_minute_is_approved(
    day: date, visible: bool, minutes: int, approved: int, expected: tuple[str, str] | None
) -> None:
    found = holdings(
        meeting_day=day, minutes_visible=visible, minutes=minutes, approved_minutes=approved
    ).minutes
    assert ((found.status, found.text) if found else None) == expected


def test_a_cancelled_meeting_mentions_neither_pack_nor_minutes() -> None:
    cancelled = holdings(
        cancelled=True, agenda_visible=True, pack=True, meeting_day=date(2017, 7, 1)
    )
    assert cancelled.pack is None and cancelled.minutes is None
