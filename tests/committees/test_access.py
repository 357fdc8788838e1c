"""Who may read what: table tests of committees/access.py's predicates and its filter."""

from collections.abc import Callable
from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser

from committees.access import (
    AnyUser,
    can_read_exempt,
    can_read_paper,
    can_see_agenda,
    can_see_minutes,
    exempt_entitlement,
    sees_unpublished,
    signed_in_user,
)
from committees.models import Attendance, Meeting, Membership, Paper, Person
from scrutiny.roles import Role

pytestmark = pytest.mark.django_db

EVERYONE = [
    "nobody",
    "visitor",
    "stranger",
    "member",
    "former member",
    "parent's member",
    "other committee's member",
    "substitute",
    "officer",
    "performance lead",
    "scrutiny officer",
]


@pytest.fixture
def users(
    draft_meeting: Meeting, make_committee, make_person, make_user
) -> Callable[[str], AnyUser]:
    """Everyone who may ask about the draft meeting, by name."""
    committee = draft_meeting.committee
    committee.parent = make_committee("Children's Services Scrutiny Board")
    committee.save()
    other = make_committee("Adults and Community Wellbeing Scrutiny Committee")

    def seated(name: str, on: object, **fields: object) -> AnyUser:
        user = make_user(username=name.replace(" ", "-").replace("'", ""), **fields)
        make_person(name, committee=on, user=user)
        return user

    made: dict[str, AnyUser] = {
        "nobody": None,
        "visitor": AnonymousUser(),
        "stranger": make_user(username="stranger"),
        "member": seated("Councillor Member", committee, role=Role.COMMITTEE_MEMBER),
        "former member": seated("Councillor Former", committee, role=Role.COMMITTEE_MEMBER),
        "parent's member": seated("Councillor Parent", committee.parent),
        "other committee's member": seated("Councillor Other", other),
        "substitute": seated("Councillor Substitute", other),
        "officer": make_user(username="officer", role=Role.OFFICER),
        "performance lead": make_user(username="lead", role=Role.PERFORMANCE_LEAD),
        "scrutiny officer": make_user(username="scrutiny", role=Role.SCRUTINY_OFFICER),
    }
    Membership.objects.filter(person__name="Councillor Former").update(end=date(2017, 7, 20))
    Attendance.objects.create(
        meeting=draft_meeting,
        person=Person.objects.get(name="Councillor Substitute"),
        status="substitute",
    )
    return made.__getitem__


@pytest.mark.parametrize("who", EVERYONE)
def test_only_those_preparing_agendas_see_them_unpublished(
    draft_meeting: Meeting, users: Callable[[str], AnyUser], who: str
) -> None:
    user = users(who)
    preparing = who == "scrutiny officer"
    assert sees_unpublished(user) is preparing
    assert can_see_agenda(user, draft_meeting) is preparing
    assert can_see_minutes(user, draft_meeting) is preparing
    draft_meeting.agenda_published_at = draft_meeting.minutes_published_at = date(2017, 8, 31)
    assert can_see_agenda(user, draft_meeting) and can_see_minutes(user, draft_meeting)


@pytest.mark.parametrize(
    ("who", "entitled"),
    [
        ("nobody", False),
        ("visitor", False),
        ("stranger", False),
        ("member", True),
        ("former member", False),
        ("parent's member", False),
        ("other committee's member", False),
        ("substitute", True),  # at that meeting
        ("officer", False),
        ("performance lead", False),
        ("scrutiny officer", True),
    ],
)
def test_exempt_papers_are_read_by_members_substitutes_and_scrutiny_officers(
    exempt_meeting: Meeting, users: Callable[[str], AnyUser], who: str, entitled: bool
) -> None:
    user = users(who)
    exempt, public = Paper.objects.get(kind="appendix"), Paper.objects.get(kind="report")
    assert can_read_exempt(user, exempt_meeting) is entitled
    assert can_read_paper(user, exempt) is entitled
    assert can_read_paper(user, public)
    # The filter agrees with the predicate.
    readable = set(Paper.objects.filter(exempt_entitlement(user)))
    assert readable == ({exempt, public} if entitled else {public})


def test_a_substitute_is_entitled_only_at_the_meeting_they_attend(
    exempt_meeting: Meeting, users: Callable[[str], AnyUser]
) -> None:
    later = Meeting.objects.create(committee=exempt_meeting.committee, date=date(2017, 10, 20))
    assert can_read_exempt(users("substitute"), exempt_meeting)
    assert not can_read_exempt(users("substitute"), later)


@pytest.mark.parametrize(
    ("who", "recorded"), [("nobody", False), ("visitor", False), ("member", True)]
)
def test_only_a_signed_in_user_is_recorded_as_having_done_something(
    draft_meeting: Meeting, users: Callable[[str], AnyUser], who: str, recorded: bool
) -> None:
    user = users(who)
    assert signed_in_user(user) is (user if recorded else None)
