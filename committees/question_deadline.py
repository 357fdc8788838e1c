"""When members' questions close: a number of clear working days before the meeting.

The council sets the number (settings.QUESTION_CLEAR_DAYS, 3 unless set). Clear working days
are counted as for the agenda (committees/deadlines.py): neither the day of asking nor the day
of the meeting, nor weekends and bank holidays. Pure rules: no database.
"""

from __future__ import annotations

from datetime import date

from committees.deadlines import publication_deadline


def question_deadline(meeting_day: date, *, clear_days: int) -> date:
    """The last day a question can be asked: a working day leaving `clear_days` clear days."""
    return publication_deadline(meeting_day, clear_days=clear_days)


def questions_open(*, today: date, meeting_day: date, clear_days: int) -> bool:
    """Whether a member may still ask a question for the meeting (all of the last day counts)."""
    return today <= question_deadline(meeting_day, clear_days=clear_days)
