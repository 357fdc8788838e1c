"""Admin inline rows checked against every unique constraint before anything is saved, and
drawn with a fixed number of queries however many rows there are."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django.contrib import admin
from django.contrib.admin.widgets import (
    AutocompleteMixin,
    AutocompleteSelect,
    RelatedFieldWidgetWrapper,
)
from django.core.exceptions import ValidationError
from django.db import models
from django.forms import ModelChoiceField
from django.forms.models import BaseInlineFormSet
from django.forms.widgets import ChoiceWidget, Widget
from django.http import HttpRequest
from django.utils.functional import cached_property


class SharedAutocompleteSelect(AutocompleteSelect):
    """An autocomplete box showing a choice fetched with every other row's, in one query.

    Django's box fetches its own chosen record as it is drawn: one query a row.
    """

    chosen: dict[str, str] | None = None  # value to label, filled in by SharedChoicesFormSet

    def optgroups(self, name: str, value: Sequence[str], attr: Any = None) -> list[Any]:
        empty = self.choices.field.empty_values
        selected = {str(v) for v in value if str(v) not in empty}
        if self.chosen is None or not selected <= self.chosen.keys():
            return super().optgroups(name, value, attr)  # a value posted but never fetched
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        for key in selected:
            options.append(self.create_option(name, key, self.chosen[key], True, len(options)))
        return [(None, options, 0)]


def _inner(widget: Widget) -> Widget:
    return widget.widget if isinstance(widget, RelatedFieldWidgetWrapper) else widget


def share_choices(forms: list[Any]) -> None:
    """Fetch each choice field's options, or its autocomplete boxes' chosen records, once
    for all the forms (rows) rather than once a row."""
    if not forms:
        return
    for name, field in forms[0].fields.items():
        if not isinstance(field, ModelChoiceField):
            continue
        widget = _inner(field.widget)
        if isinstance(widget, SharedAutocompleteSelect):
            remote = widget.field.remote_field
            key = remote.model._meta.get_field(remote.field_name)
            to_field = key.attname
            values = set()
            for form in forms:
                value = form[name].value()
                try:
                    values.add(key.to_python(getattr(value, "pk", value)))
                except ValidationError:
                    continue  # not a key: the row's box looks it up itself, as Django's does
            values -= {None, ""}
            records = cast(models.QuerySet, field.queryset)  # a model choice field has one
            found = records.using(widget.db).filter(**{f"{to_field}__in": values})
            chosen = {str(getattr(obj, to_field)): field.label_from_instance(obj) for obj in found}
            for form in forms:
                _inner(form.fields[name].widget).chosen = chosen  # type: ignore[attr-defined]
        elif isinstance(widget, ChoiceWidget) and not isinstance(widget, AutocompleteMixin):
            options = list(field.choices)  # type: ignore[arg-type]
            for form in forms:
                form.fields[name].choices = options


class SharedChoicesFormSet(BaseInlineFormSet):
    """Inline rows whose choices are fetched once for all rows, and whose key to the record
    the page is about is that record (a row's name often includes it)."""

    @cached_property
    def forms(self) -> list[Any]:
        forms = list(super().forms)
        parent = self.instance.pk
        for form in forms:
            if parent is not None and getattr(form.instance, self.fk.attname) == parent:
                self.fk.set_cached_value(form.instance, self.instance)
        share_choices(forms)
        return forms


class SharedChoicesInline(admin.options.InlineModelAdmin):
    """An inline whose autocomplete boxes share one query for all rows' chosen records."""

    formset = SharedChoicesFormSet

    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey, request: HttpRequest, **kwargs: Any
    ) -> Any:
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SharedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class UniqueRowsFormSet(SharedChoicesFormSet):
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
