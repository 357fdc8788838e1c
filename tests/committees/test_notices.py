"""What a meeting page says in place of an agenda or minutes nobody may read yet."""

from datetime import date

import pytest

from committees.notices import agenda_notice, minutes_notice

MEETING = date(2017, 9, 8)
DEADLINE = date(2017, 8, 31)


@pytest.mark.parametrize(
    ("today", "withdrawn_on", "published_on", "notice"),
    [
        (date(2017, 8, 1), None, None, "The agenda will be published by Thursday 31 August 2017."),
        (DEADLINE, None, None, "The agenda will be published by Thursday 31 August 2017."),
        (
            date(2017, 9, 4),
            None,
            None,
            "The agenda was due to be published by Thursday 31 August 2017 and will be "
            "published before the meeting.",
        ),
        (
            MEETING,
            None,
            None,
            "The agenda was due to be published by Thursday 31 August 2017 "
            "and will be published before the meeting.",
        ),
        # A past meeting never promises an agenda.
        (date(2017, 9, 9), None, None, "No agenda for this meeting was published on this site."),
        (date(2026, 1, 1), None, None, "No agenda for this meeting was published on this site."),
        (
            date(2017, 8, 30),
            date(2017, 8, 29),
            date(2017, 8, 28),
            "The agenda published on Monday 28 August 2017 was withdrawn on Tuesday 29 August "
            "2017. The agenda will be published by Thursday 31 August 2017.",
        ),
        (
            date(2017, 9, 20),
            date(2017, 9, 1),
            date(2017, 8, 31),
            "The agenda published on Thursday 31 August 2017 was withdrawn on Friday 1 "
            "September 2017.",
        ),
    ],
)
def test_the_agenda_notice(today, withdrawn_on, published_on, notice) -> None:
    result = agenda_notice(
        meeting_day=MEETING,
        today=today,
        deadline=DEADLINE,
        withdrawn_on=withdrawn_on,
        published_on=published_on,
    )
    assert result == notice
    if today > MEETING:
        assert "yet" not in result and "will be" not in result


@pytest.mark.parametrize(
    ("today", "cancelled", "notice"),
    [
        (date(2017, 9, 1), False, ""),
        (MEETING, False, ""),
        (date(2017, 9, 9), False, "The minutes of this meeting have not been published."),
        (date(2017, 9, 9), True, ""),
    ],
)
def test_the_minutes_notice(today, cancelled, notice) -> None:
    assert minutes_notice(meeting_day=MEETING, today=today, cancelled=cancelled) == notice
