"""Withdrawals: a row that stops being public without being deleted gets a tombstone in
/api/v1/deletions, and is listed again as changed when it is public again."""

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from committees.models import (
    Action,
    AgendaItem,
    Meeting,
    Minute,
    Paper,
    Question,
    QuestionState,
    Recommendation,
)
from committees.publication import (
    publish_agenda,
    publish_minutes,
    withdraw_agenda,
    withdraw_minutes,
)
from measures.models import State
from tests.committees.conftest import EXEMPT_TEXT, PUBLISHED

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]


def results(client: Client, url: str, **params: str) -> list[dict]:
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def _report(meeting: Meeting, *_: Any) -> Paper:
    return Paper.objects.get(item__meeting=meeting, kind="report")


def _exempt(row: Paper | Minute, paragraph: int | None) -> None:
    row.exempt_paragraph = paragraph
    row.save()


def _minutes(meeting: Meeting, *_: Any) -> Minute:
    minute = Minute.objects.create(item=meeting.items.get(number=8), text=EXEMPT_TEXT)
    publish_minutes(meeting=meeting, user=None)
    return minute


def _question(meeting: Meeting, *_: Any) -> Question:
    # On an item of its own: the fixture's item 8 has an exempt appendix, so its are exempt.
    item = AgendaItem.objects.create(meeting=meeting, number=9, title="Placements")
    Paper.objects.create(item=item, kind="report", title="Placements report", text="Public.")
    return Question.objects.create(
        meeting=meeting,
        item=item,
        text="How many placements moved?",
        state=QuestionState.ANSWERED,
        answer="Eleven.",
        answered_at=timezone.now(),
    )


def _recommendation(meeting: Meeting, **fields: Any) -> Recommendation:
    return Recommendation.objects.create(
        committee=meeting.committee,
        text="Close the gaps.",
        raised=PUBLISHED.date(),
        published=True,
        **fields,
    )


def _set(row: Any, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(row, name, value)
    row.save()


# Each case: the list, a public row of it (made from the meeting, or by the figures' builder),
# how it stops being public, how it is public again.
CASES: dict[str, tuple[str, Callable, Callable, Callable]] = {
    "a paper made exempt after its agenda was published": (
        "papers",
        _report,
        lambda meeting, paper: _exempt(paper, 3),
        lambda meeting, paper: _exempt(paper, None),
    ),
    "a paper whose agenda is withdrawn": (
        "papers",
        _report,
        lambda meeting, paper: withdraw_agenda(meeting=meeting, user=None, reason="Wrong date"),
        lambda meeting, paper: publish_agenda(meeting=meeting, user=None),
    ),
    "an action whose agenda is withdrawn": (
        "actions",
        lambda meeting, *_: Action.objects.create(
            item=meeting.items.get(number=8), what="Report back"
        ),
        lambda meeting, action: withdraw_agenda(meeting=meeting, user=None, reason="Wrong date"),
        lambda meeting, action: publish_agenda(meeting=meeting, user=None),
    ),
    "minutes withdrawn": (
        "minutes",
        _minutes,
        lambda meeting, minute: withdraw_minutes(meeting=meeting, user=None, reason="Errors"),
        lambda meeting, minute: publish_minutes(meeting=meeting, user=None),
    ),
    "a minute found to be of an item taken in private": (
        "minutes",
        _minutes,
        lambda meeting, minute: _exempt(minute, 3),
        lambda meeting, minute: _exempt(minute, None),
    ),
    "a question whose item's paper is made exempt": (
        "questions",
        _question,
        lambda meeting, question: _exempt(question.item.papers.get(), 3),
        lambda meeting, question: _exempt(question.item.papers.get(), None),
    ),
    "a question declined after its answer was published": (
        "questions",
        _question,
        lambda meeting, question: _set(
            question, state=QuestionState.DECLINED, decline_reason="Sub judice."
        ),
        lambda meeting, question: _set(question, state=QuestionState.ANSWERED),
    ),
    "a figure returned to draft": (
        "figures",
        lambda meeting, make_actual: make_actual(state=State.PUBLISHED),
        lambda meeting, figure: _set(figure, state=State.DRAFT),
        lambda meeting, figure: _set(figure, state=State.PUBLISHED),
    ),
    "a recommendation unpublished": (
        "recommendations",
        lambda meeting, *_: _recommendation(
            meeting, source="peer_challenge", source_name="Peer Challenge Review, July 2012"
        ),
        lambda meeting, recommendation: _set(recommendation, published=False),
        lambda meeting, recommendation: _set(recommendation, published=True),
    ),
    "a recommendation whose minute is found to be of an item taken in private": (
        "recommendations",
        lambda meeting, *_: _recommendation(meeting, source="resolution", minute=_minutes(meeting)),
        lambda meeting, recommendation: _exempt(recommendation.minute, 3),
        lambda meeting, recommendation: _exempt(recommendation.minute, None),
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_a_row_no_longer_public_is_withdrawn_and_listed_again_when_public_again(
    client, exempt_meeting, make_actual, case
):
    name, make, withdraw, restore = CASES[case]
    row = make(exempt_meeting, make_actual)
    assert row.pk in [r["id"] for r in results(client, f"/api/v1/{name}")]

    visited = timezone.now()
    withdraw(exempt_meeting, row)
    assert row.pk not in [r["id"] for r in results(client, f"/api/v1/{name}")]
    response = client.get("/api/v1/deletions", {"since": visited.isoformat()})
    gone = [(d["list"], d["object_id"], d["reason"]) for d in response.json()["results"]]
    assert (name, row.pk, "withdrawn") in gone
    assert len(gone) == len(set(gone))  # once, however often the lists are read
    [when] = [
        d["deleted_at"]
        for d in response.json()["results"]
        if (d["list"], d["object_id"]) == (name, row.pk)
    ]
    assert datetime.fromisoformat(when) >= visited
    # A tombstone says which row, never what it held.
    assert EXEMPT_TEXT not in response.content.decode()

    back = timezone.now()
    restore(exempt_meeting, row)
    again = results(client, f"/api/v1/{name}", since=back.isoformat())
    assert row.pk in [r["id"] for r in again]


def test_a_meeting_is_listed_as_changed_when_its_paper_is_made_exempt(client, exempt_meeting):
    results(client, "/api/v1/meetings")
    visited = timezone.now()
    _exempt(_report(exempt_meeting), 3)
    [meeting] = results(client, "/api/v1/meetings", since=visited.isoformat())
    [item] = meeting["agenda"]
    assert [paper["public"] for paper in item["papers"]] == [False, False]
    assert "Performance report" not in str(meeting)


def test_a_row_deleted_once_listed_is_a_deletion_only(client, exempt_meeting):
    paper = _report(exempt_meeting)
    visited = timezone.now()
    results(client, "/api/v1/papers")
    pk = paper.pk
    paper.delete()
    gone = results(client, "/api/v1/deletions", since=visited.isoformat())
    assert [(d["list"], d["object_id"], d["reason"]) for d in gone] == [("papers", pk, "deleted")]
