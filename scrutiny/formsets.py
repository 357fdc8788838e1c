"""Admin inline rows checked against every unique constraint before anything is saved."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet


class UniqueRowsFormSet(BaseInlineFormSet):
    """An inline whose rows cannot clash, with the database or with each other.

    Django checks a row's conditional unique constraints (one target per measure and year,
    one appendix A per item) without the parent's key, because an inline row's key to its
    parent is excluded from model validation; and it never compares two new rows with each
    other under such a constraint. Either way the database refused the save and the page
    answered 500, losing what was typed. Here each clash is an error on the row, saying what
    clashes, and nothing is saved.
    """

    def clean(self) -> None:
        super().clean()
        constraints = [
            c
            for c in self.model._meta.constraints
            if isinstance(c, models.UniqueConstraint) and c.fields and c.condition is not None
        ]
        if not constraints:
            return
        rows = [form for form in self.forms if self._is_kept(form)]
        problems: list[str] = []
        for constraint in constraints:
            seen: set[tuple[Any, ...]] = set()
            for form in rows:
                message = self._clash(constraint, form, seen)
                if message:
                    form.add_error(None, message)
                    if message not in problems:
                        problems.append(message)
        if problems:
            raise ValidationError(problems)

    def _is_kept(self, form: Any) -> bool:
        if not hasattr(form, "cleaned_data") or form.errors:
            return False
        # Django's own test for a row ticked for deletion, which django-stubs leaves out.
        if self.can_delete and self._should_delete_form(form):  # type: ignore[attr-defined]
            return False
        return form.instance.pk is not None or form.has_changed()

    def _clash(
        self, constraint: models.UniqueConstraint, form: Any, seen: set[tuple[Any, ...]]
    ) -> str:
        instance = form.instance
        message = self._message(constraint)
        if self.instance.pk is not None:
            try:
                # Against the database, this time with the parent's key in the comparison.
                # Constraint.validate (Django 4.1) is missing from django-stubs.
                constraint.validate(self.model, instance)  # type: ignore[attr-defined]
            except ValidationError:
                return message
        # The condition is checked the way the database would check it.
        against = instance._get_field_expression_map(meta=self.model._meta)
        if constraint.condition is not None and not constraint.condition.check(against):
            return ""
        opts = self.model._meta
        key = tuple(getattr(instance, opts.get_field(name).attname) for name in constraint.fields)
        if self.fk.name in constraint.fields:
            key = tuple("parent" if value is None else value for value in key)
        if any(value is None for value in key):
            return ""  # NULLs never clash
        if key in seen:
            return message
        seen.add(key)
        return ""

    def _message(self, constraint: models.UniqueConstraint) -> str:
        if constraint.violation_error_message != constraint.default_violation_error_message:
            return str(constraint.get_violation_error_message())
        names = [
            str(self.model._meta.get_field(name).verbose_name)
            for name in constraint.fields
            if name != self.fk.name
        ]
        return f"Another row has the same {' and '.join(names)}: each row needs its own."
