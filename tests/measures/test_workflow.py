"""Figures move draft → submitted → approved → published, each step by the right role."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser

from measures.models import Actual, Measure, State
from measures.workflow import Action, NotAllowed, move
from scrutiny.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(demo) -> Actual:
    """The officer's draft for looked after children in 2017/18 Q2."""
    return Actual.objects.create(
        measure=Measure.objects.get(reference="LAC-RATE"),
        year=2017,
        quarter=2,
        value=Decimal("47.2"),
        covers_label="As at 30 September 2017",
    )


def test_officer_submits_and_a_performance_lead_approves_and_publishes(demo, draft) -> None:
    move(actual=draft, action=Action.SUBMIT, by=demo["officer"])
    move(actual=draft, action=Action.APPROVE, by=demo["lead"])
    move(actual=draft, action=Action.PUBLISH, by=demo["lead"])
    draft.refresh_from_db()
    assert draft.state == State.PUBLISHED
    assert draft.submitted_by == demo["officer"] and draft.submitted_at is not None
    assert draft.approved_by == demo["lead"] and draft.published_by == demo["lead"]
    assert draft.published_at >= draft.approved_at >= draft.submitted_at


def test_an_officer_cannot_approve(demo, draft) -> None:
    move(actual=draft, action=Action.SUBMIT, by=demo["officer"])
    with pytest.raises(NotAllowed, match="You cannot approve figures with your role"):
        move(actual=draft, action=Action.APPROVE, by=demo["officer"])
    draft.refresh_from_db()
    assert draft.state == State.SUBMITTED


def test_an_officer_cannot_publish(demo, draft) -> None:
    with pytest.raises(NotAllowed, match="You cannot publish"):
        move(actual=draft, action=Action.PUBLISH, by=demo["officer"])


def test_a_draft_cannot_be_published_without_approval(demo, draft) -> None:
    with pytest.raises(NotAllowed, match="only approved figures can be published"):
        move(actual=draft, action=Action.PUBLISH, by=demo["lead"])


def test_an_officer_cannot_submit_another_officers_measure(demo, draft, make_user) -> None:
    other = make_user(username="other", role=Role.OFFICER)
    with pytest.raises(NotAllowed, match="only submit figures for measures you own"):
        move(actual=draft, action=Action.SUBMIT, by=other)


def test_a_lead_can_return_a_published_figure_to_draft(demo, draft) -> None:
    for action, user in [
        (Action.SUBMIT, demo["officer"]),
        (Action.APPROVE, demo["lead"]),
        (Action.PUBLISH, demo["lead"]),
        (Action.RETURN_TO_DRAFT, demo["lead"]),
    ]:
        move(actual=draft, action=action, by=user)
    draft.refresh_from_db()
    assert draft.state == State.DRAFT and draft.published_at is None


def test_each_step_is_kept_in_history_with_who_took_it(demo, draft) -> None:
    move(actual=draft, action=Action.SUBMIT, by=demo["officer"])
    latest = draft.history.first()
    assert latest.state == State.SUBMITTED
    assert latest.history_change_reason == "submitted by officer"


@pytest.mark.parametrize("role", [None, Role.COMMITTEE_MEMBER, Role.SCRUTINY_OFFICER])
def test_the_public_and_members_never_see_an_unpublished_figure(
    demo, draft, make_user, role
) -> None:
    user = make_user(username="viewer", role=role) if role else AnonymousUser()
    visible = Actual.objects.visible_to(user)
    assert draft not in visible
    assert visible.count() == 24  # the published demo figures


def test_an_officer_sees_their_own_drafts_but_not_others(demo, draft, make_user) -> None:
    assert draft in Actual.objects.visible_to(demo["officer"])
    other = make_user(username="other", role=Role.OFFICER)
    assert draft not in Actual.objects.visible_to(other)


def test_a_draft_is_not_in_the_public_position_but_is_in_the_officers(demo, draft) -> None:
    from measures.rules.periods import Period

    q2 = Period.parse("2017/18 Q2")
    public = Measure.objects.with_figures().get(reference="LAC-RATE").position_in(q2)
    mine = Measure.objects.with_figures(user=demo["officer"]).get(reference="LAC-RATE")
    assert public.figure is None
    assert mine.position_in(q2).figure.value == Decimal("47.2")
