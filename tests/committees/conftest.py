"""make_* builders for committees, people, meetings and papers."""

from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from committees.models import (
    AgendaItem,
    Committee,
    Meeting,
    Membership,
    Paper,
    Person,
)
from committees.publication import publish_agenda
from tests.measures.conftest import (  # noqa: F401  # measures' builders, for pages of both
    make_actual,
    make_ambition,
    make_measure,
    make_outcome,
    make_target,
)

EXEMPT_TEXT = "Exempt demo content: contract performance details that the public must never see."


@pytest.fixture
def make_committee(db: None) -> Callable[..., Committee]:
    def make(
        name: str = "Children and Young People Scrutiny Committee", **fields: Any
    ) -> Committee:
        from django.utils.text import slugify

        return Committee.objects.create(
            name=name, slug=slugify(name), kind=fields.pop("kind", "scrutiny_committee"), **fields
        )

    return make


@pytest.fixture
def make_person(db: None) -> Callable[..., Person]:
    def make(
        name: str, *, committee: Committee | None = None, user: Any = None, **fields: Any
    ) -> Person:
        from django.utils.text import slugify

        person = Person.objects.create(
            key=slugify(name), name=name, kind=fields.pop("kind", "councillor"), user=user, **fields
        )
        if committee:
            Membership.objects.create(person=person, committee=committee, start=date(2017, 5, 18))
        return person

    return make


PUBLISHED = datetime(2017, 8, 31, 9, 0, tzinfo=ZoneInfo("Europe/London"))


def performance_meeting(committee: Committee) -> Meeting:
    """A meeting whose performance item has a public report and an exempt Appendix D."""
    meeting = Meeting.objects.create(committee=committee, date=date(2017, 9, 8), venue="Lincoln")
    item = AgendaItem.objects.create(
        meeting=meeting,
        number=8,
        title="Performance - Quarter 1 2017/18",
        purpose="Performance Scrutiny",
    )
    Paper.objects.create(item=item, kind="report", title="Performance report", text="Public text.")
    Paper.objects.create(
        item=item,
        kind="appendix",
        letter="D",
        title="Contract performance",
        text=EXEMPT_TEXT,
        exempt_paragraph=3,
    )
    return meeting


@pytest.fixture
def draft_meeting(make_committee: Callable[..., Committee]) -> Meeting:
    """The performance meeting with its agenda not yet published."""
    return performance_meeting(make_committee())


@pytest.fixture
def exempt_meeting(draft_meeting: Meeting) -> Meeting:
    """The performance meeting, its agenda published on 31 August 2017."""
    publish_agenda(meeting=draft_meeting, user=None, when=PUBLISHED)
    return draft_meeting


@pytest.fixture
def make_recommendation(make_committee: Callable[..., Committee]) -> Callable[..., Any]:
    """Build a recommendation (a peer challenge's, open, published unless told) for a committee."""
    from committees.models import Recommendation

    def make(text: str = "Define the gaps to close.", **fields: Any) -> Recommendation:
        committee = fields.pop("committee", None) or (Committee.objects.first() or make_committee())
        values = {
            "source": "peer_challenge",
            "source_name": "Peer Challenge Review, July 2012",
            "raised": date(2012, 7, 18),
            "published": True,
            **fields,
        }
        return Recommendation.objects.create(committee=committee, text=text, **values)

    return make
