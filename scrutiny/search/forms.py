"""The search page's query and filters, read from the address."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from committees.models import Committee
from scrutiny.search.kinds import KINDS
from scrutiny.search.reads import NEWEST, RELEVANCE


class SearchForm(forms.Form):
    """What to search for, which kinds, committee and dates, the order and the page."""

    q = forms.CharField(label="Search", required=False, max_length=200, strip=True)
    kind = forms.MultipleChoiceField(
        label="Show", required=False, widget=forms.CheckboxSelectMultiple
    )
    committee = forms.ChoiceField(label="Committee", required=False)
    since = forms.DateField(
        label="From",
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": "Enter the ‘from’ date as a date, for example 2017-09-08."},
    )
    until = forms.DateField(
        label="To",
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": "Enter the ‘to’ date as a date, for example 2017-09-08."},
    )
    order = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[(RELEVANCE, "Relevance"), (NEWEST, "Date, newest first")],
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind, committee = self.fields["kind"], self.fields["committee"]
        assert isinstance(kind, forms.ChoiceField) and isinstance(committee, forms.ChoiceField)
        kind.choices = [(k.key, k.label) for k in KINDS.values()]
        committee.choices = [("", "All committees")] + list(
            Committee.objects.order_by("name").values_list("slug", "name")
        )

    def clean_committee(self) -> Committee | None:
        slug = self.cleaned_data["committee"]
        return Committee.objects.filter(slug=slug).first() if slug else None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since: date | None = data.get("since")
        until: date | None = data.get("until")
        if since and until and since > until:
            self.add_error("until", "The ‘to’ date must be the same as or after the ‘from’ date.")
        return data
