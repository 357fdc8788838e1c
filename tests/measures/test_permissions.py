"""Who may change a figure: one rule, read by the admin, the workflow, uploads and queries."""

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from measures.models import Actual, Measure, State
from measures.permissions import FigureRole, figure_role, may_change, may_change_figure
from scrutiny.roles import Role

LEAD, OFFICER, READER = FigureRole.LEAD, FigureRole.OFFICER, FigureRole.READER
NEW = None  # a figure not yet entered


@pytest.mark.parametrize(
    ("role", "owner", "state", "expected"),
    [
        # A performance lead changes any figure, whoever owns it and however far it has gone.
        (LEAD, False, NEW, True),
        (LEAD, False, State.DRAFT, True),
        (LEAD, False, State.SUBMITTED, True),
        (LEAD, False, State.APPROVED, True),
        (LEAD, False, State.PUBLISHED, True),
        (LEAD, True, State.PUBLISHED, True),
        # An officer changes the figures of the measures they own, until they are approved.
        (OFFICER, True, NEW, True),
        (OFFICER, True, State.DRAFT, True),
        (OFFICER, True, State.SUBMITTED, True),
        (OFFICER, True, State.APPROVED, False),
        (OFFICER, True, State.PUBLISHED, False),
        # ... and never another owner's.
        (OFFICER, False, NEW, False),
        (OFFICER, False, State.DRAFT, False),
        (OFFICER, False, State.SUBMITTED, False),
        (OFFICER, False, State.APPROVED, False),
        (OFFICER, False, State.PUBLISHED, False),
        # Those who only read figures change none, even of a measure in their name.
        (READER, True, NEW, False),
        (READER, True, State.DRAFT, False),
        (READER, False, State.DRAFT, False),
        (READER, True, State.PUBLISHED, False),
    ],
)
def test_who_may_change_a_figure(
    role: FigureRole, owner: bool, state: State | None, expected: bool
) -> None:
    assert may_change_figure(role=role, owner=owner, state=state) is expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.PERFORMANCE_LEAD, LEAD),
        (Role.OFFICER, OFFICER),
        (Role.SCRUTINY_OFFICER, READER),
        (Role.COMMITTEE_MEMBER, READER),
        (None, READER),
    ],
)
def test_each_role_has_its_figure_role(
    make_user: Callable[..., Any], role: Role | None, expected: FigureRole
) -> None:
    assert figure_role(make_user(username="someone", role=role)) is expected


def test_no_one_signed_in_changes_no_figure() -> None:
    assert figure_role(AnonymousUser()) is READER


@pytest.fixture
def figures(make_measure: Callable[..., Measure], make_user: Callable[..., Any]) -> list[Actual]:
    """A figure in each state of a measure the officer owns, and of one another officer owns."""
    officer = make_user(username="officer", role=Role.OFFICER)
    other = make_user(username="other", role=Role.OFFICER)
    made = []
    for reference, owner in [("LAC-RATE", officer), ("CP-RATE", other)]:
        measure = make_measure(reference, owner=owner)
        for quarter, state in enumerate(State, start=1):
            made.append(
                Actual.objects.create(
                    measure=measure, year=2017, quarter=quarter, value=1, state=state
                )
            )
    return made


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role", [Role.PERFORMANCE_LEAD, Role.OFFICER, Role.SCRUTINY_OFFICER, Role.COMMITTEE_MEMBER]
)
def test_the_figures_a_user_may_change_are_those_the_rule_allows(
    figures: list[Actual], make_user: Callable[..., Any], role: Role
) -> None:
    user = make_user(username="someone", role=role)
    # The officer's own measure is given to this user, so that owning is tested for each role.
    Measure.objects.filter(reference="LAC-RATE").update(owner=user)
    stored = Actual.objects.select_related("measure")

    allowed = {a.pk for a in stored if may_change(user, measure=a.measure, state=a.state)}

    assert set(Actual.objects.editable_by(user).values_list("pk", flat=True)) == allowed
    expected = {
        Role.PERFORMANCE_LEAD: 8,  # every figure
        Role.OFFICER: 2,  # their own draft and submitted figures
        Role.SCRUTINY_OFFICER: 0,
        Role.COMMITTEE_MEMBER: 0,
    }
    assert len(allowed) == expected[role]


@pytest.mark.django_db
def test_no_one_signed_in_may_change_any_figure(figures: list[Actual]) -> None:
    assert not Actual.objects.editable_by(AnonymousUser()).exists()
    assert not Measure.objects.editable_by(AnonymousUser()).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.PERFORMANCE_LEAD, {"CP-RATE", "LAC-RATE"}),
        (Role.OFFICER, {"LAC-RATE"}),
        (Role.SCRUTINY_OFFICER, set()),
    ],
)
def test_the_measures_a_user_may_enter_figures_for(
    figures: list[Actual], make_user: Callable[..., Any], role: Role, expected: set[str]
) -> None:
    user = make_user(username="someone", role=role)
    Measure.objects.filter(reference="LAC-RATE").update(owner=user)

    editable = Measure.objects.editable_by(user)

    assert set(editable.values_list("reference", flat=True)) == expected
    for measure in Measure.objects.all():
        assert may_change(user, measure=measure) is (measure.reference in expected)
