"""Every authority's figure for an indicator, sortable (django-tables2)."""

from typing import Any

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.safestring import SafeString

from measures.benchmarking.reads import AuthorityRow


class AuthorityTable(tables.Table):
    """One row per authority the source lists for the period, abolished ones included."""

    authority = tables.Column(accessor="area__name", verbose_name="Authority")
    region = tables.Column(accessor="area__region__name", verbose_name="Region", default="")
    value = tables.Column(
        accessor="value", verbose_name="Value", order_by=("sort_value",), empty_values=()
    )
    rank = tables.Column(accessor="rank", verbose_name="Rank", order_by=("sort_rank",), default="–")
    band = tables.Column(
        accessor="band", verbose_name="Quartile band", order_by=("sort_band",), default="–"
    )

    def __init__(self, *args: Any, indicator: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.places = indicator.decimal_places

    class Meta:
        attrs = {
            "class": "govuk-table authority-table",
            "thead": {"class": "govuk-table__head"},
            "tbody": {"class": "govuk-table__body"},
            "th": {"class": "govuk-table__header", "scope": "col"},
            "td": {"class": "govuk-table__cell"},
        }
        row_attrs = {
            "class": lambda record: "govuk-table__row" + (" ours" if record.is_ours else ""),
        }
        order_by_field = "sort"

    def render_authority(self, record: AuthorityRow) -> SafeString:
        ours = (
            format_html(' <strong class="govuk-tag">{}</strong>', "Chosen")
            if record.is_ours
            else ""
        )
        closed = "" if record.area.is_active else " (no longer exists)"
        joint = " (joint return)" if record.area.is_joint else ""
        return format_html("{}{}{}{}", record.area.name, closed, joint, ours)

    def render_value(self, record: AuthorityRow) -> SafeString:
        if record.value is None:
            meaning = record.missing_meaning or "no figure"
            return format_html(
                '<span class="secondary-text">{} ({})</span>', meaning, record.status
            )
        return format_html("{}", f"{record.value.normalize():f}")
