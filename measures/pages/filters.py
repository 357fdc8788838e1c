"""The dashboard's filters: ambition, outcome, owner, those other apps register, and status."""

import copy
from typing import Any

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.http import QueryDict

from measures.models import Ambition, Measure, Outcome
from measures.pages.dashboard import STATUS_ORDER
from measures.pages.extensions import dashboard_filters


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.get_username()


class OwnerFilter(django_filters.ModelChoiceFilter):
    field_class = OwnerChoiceField


def owners(request: Any) -> Any:
    return (
        get_user_model()
        .objects.filter(measures__isnull=False)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


class DashboardFilter(django_filters.FilterSet):
    """Narrows the dashboard's measures; status is applied to the rated rows afterwards."""

    ambition = django_filters.ModelChoiceFilter(
        field_name="outcome__ambition",
        queryset=Ambition.objects.all(),
        empty_label="All",
        label="Ambition",
    )
    outcome = django_filters.ModelChoiceFilter(
        queryset=Outcome.objects.select_related("ambition"), empty_label="All", label="Outcome"
    )
    owner = OwnerFilter(queryset=owners, empty_label="All", label="Owner")
    status = django_filters.ChoiceFilter(
        choices=[(s.value, s.label) for s in STATUS_ORDER],
        method="rated_later",
        empty_label="All",
        label="Status",
    )

    class Meta:
        model = Measure
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Filters other apps registered go before status, which stays last.
        status = self.filters.pop("status")
        for name, added in dashboard_filters().items():
            self.filters[name] = copy.deepcopy(added)
            self.filters[name].model = self.queryset.model
            self.filters[name].parent = self
        self.filters["status"] = status
        for field in self.form.fields.values():
            field.widget.attrs["class"] = "govuk-select"

    def rated_later(self, queryset: Any, name: str, value: str) -> Any:
        # Status depends on each measure's figures and targets, known only once rated.
        return queryset


def active_filters(filters: DashboardFilter, query: QueryDict) -> list[tuple[str, str, str]]:
    """The filters set, as (label, value shown, query string without that filter)."""
    if not filters.is_valid():
        return []
    active = []
    for name, value in filters.form.cleaned_data.items():
        if value in (None, ""):
            continue
        field = filters.form.fields[name]
        if isinstance(field, forms.ModelChoiceField):
            shown = field.label_from_instance(value)
        elif isinstance(field, forms.ChoiceField):
            choices: Any = field.choices
            shown = str(dict(choices).get(value, value))
        else:
            shown = str(value)
        rest = query.copy()
        rest.pop(name, None)
        active.append((str(field.label), shown, f"?{rest.urlencode()}"))
    return active
