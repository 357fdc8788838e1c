"""Templates flag an overdue action by asking Action.is_overdue."""

from datetime import date

import pytest
from django.template import Context, Template

from committees.models import Action, ActionState

FLAG = Template("{% load actions %}{% if action|overdue_on:today %}Overdue{% endif %}")


@pytest.mark.parametrize(
    ("state", "due", "shown"),
    [
        (ActionState.OPEN, date(2017, 10, 1), "Overdue"),
        (ActionState.OPEN, date(2017, 10, 2), ""),
        (ActionState.OPEN, None, ""),
        (ActionState.DONE, date(2017, 10, 1), ""),
    ],
)
def test_the_overdue_flag_follows_the_rule(state: str, due: date | None, shown: str) -> None:
    action = Action(what="Report back", state=state, due=due)
    assert FLAG.render(Context({"action": action, "today": date(2017, 10, 2)})) == shown
