"""`action|overdue_on:today`: the templates ask Action.is_overdue rather than restate it."""

from datetime import date

from django import template

from committees.models import Action

register = template.Library()


@register.filter
def overdue_on(action: Action, today: date) -> bool:
    """Whether the action is overdue on that day (Action.is_overdue)."""
    return action.is_overdue(today)
