"""The dashboard table (django-tables2): one row per measure, sortable by any column."""

from typing import Any
from urllib.parse import quote

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django_tables2.utils import A

from measures.pages.dashboard import Row
from measures.rules.directions import LAST_YEAR, PREVIOUS
from measures.rules.rating import Direction, Status

SMALL = "govuk-body-s govuk-!-display-block govuk-!-margin-0"
DRAFT = "Draft – not published"


def _status(status: Status) -> SafeString:
    # The word and (in CSS) a shape and colour: never colour alone.
    return format_html('<strong class="rag {}">{}</strong>', status.value, status.label)


def _travel(record: Row, direction: Direction | None, other: Any, compared_with: str) -> SafeString:
    if direction is None:
        return format_html(
            '<span class="secondary-text">–<span class="govuk-visually-hidden">{}</span></span>',
            "no earlier figure",
        )
    since = format_html('<span class="{} secondary-text">from {}</span>', SMALL, other.period.label)
    # A direction is only given between two figures, so the row has one.
    meaning = record.measure.explain_direction(
        direction,
        current=record.figure.value,  # type: ignore[union-attr,arg-type]
        earlier=other.value,
        compared_with=compared_with,
    )
    return format_html(
        '<span class="travel travel-{}"><span aria-hidden="true">{} </span>{}</span>'
        '<span class="travel-meaning">: {}</span>{}'
        # Paper has room for the verdict and which way is better, not the whole sentence.
        '<span class="print-only"> ({})</span>',
        direction.value,
        direction.arrow,
        direction.label,
        meaning,
        since,
        record.measure.polarity_kind.label.lower(),
    )


class DashboardTable(tables.Table):
    """A quarter's report (or the latest position) as members read it.

    Cells, and the body's rows, are rendered in Python rather than by django-tables2's
    template cell by cell (which works out each cell's attributes and renderer again for every
    cell): a 200-measure report renders several times faster.
    """

    title = tables.Column(accessor="measure", verbose_name="Measure", order_by=("sort_title",))
    actual = tables.Column(
        accessor="position", verbose_name="Latest figure", order_by=("sort_actual",)
    )
    target = tables.Column(
        accessor="target_text", verbose_name="Target", order_by=("sort_target",), default=""
    )
    band = tables.Column(
        accessor="band_text", verbose_name="Tolerance band", order_by=("sort_target",), default=""
    )
    status = tables.Column(accessor="position", verbose_name="Status", order_by=("sort_status",))
    direction = tables.Column(
        accessor="position", verbose_name="Since the previous figure", order_by=("sort_direction",)
    )
    direction_last_year = tables.Column(
        accessor="position",
        verbose_name="Since the same quarter last year",
        order_by=("sort_direction_last_year",),
    )
    forecast = tables.Column(
        accessor="position", verbose_name="Year-end forecast", order_by=("sort_forecast",)
    )
    trend = tables.Column(accessor="trend", verbose_name="Last eight quarters", orderable=False)

    def __init__(self, *args: Any, show_reported_in: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.show_reported_in = show_reported_in

    class Meta:
        template_name = "measures/dashboard_table.html"
        attrs = {
            "class": "govuk-table dashboard-table",
            "thead": {"class": "govuk-table__head"},
            "tbody": {"class": "govuk-table__body"},
            "th": {
                "class": lambda bound_column: f"govuk-table__header cell-{bound_column.name}",
                "scope": "col",
            },
            # On a phone each row is a card (app.scss); the label names each value on it.
            "td": {
                "class": lambda bound_column: f"govuk-table__cell cell-{bound_column.name}",
                "data-label": lambda bound_column: bound_column.verbose_name,
            },
        }
        row_attrs = {"class": "govuk-table__row"}
        order_by_field = "sort"
        empty_text = "No measures match these choices."

    def body_rows(self) -> SafeString:
        """The body's rows as django-tables2's template would render them, in table order.

        With the table in council order (unsorted), each outcome's first row is preceded by a
        heading row naming its group.
        """
        columns = [
            (column, column.attrs["td"].as_html(), getattr(self, f"render_{column.name}", None))
            for column in self.columns
        ]
        grouped = not self.order_by
        parts: list[str] = []
        for row in self.paginated_rows:
            record = row.record
            if grouped and record.group:
                parts.append(
                    format_html(
                        '<tr class="govuk-table__row group-row"><th scope="colgroup" colspan="{}" '
                        'class="govuk-table__header group-heading">{}</th></tr>',
                        len(columns),
                        record.group,
                    )
                )
            parts.append(f"<tr {row.attrs.as_html()}>")
            for column, attrs, render in columns:
                value = A(column.accessor).resolve(record, quiet=True)
                if value in column.column.empty_values:
                    cell = conditional_escape(column.default)
                else:
                    cell = render(record) if render else conditional_escape(value)
                parts.append(f"<td {attrs}>{cell}</td>")
            parts.append("</tr>")
        if not parts and self.empty_text:
            parts.append(
                format_html('<tr><td colspan="{}">{}</td></tr>', len(columns), self.empty_text)
            )
        return mark_safe("".join(parts))

    def render_title(self, record: Row) -> SafeString:
        measure = record.measure
        url = reverse("measure-detail", args=[measure.reference])
        return format_html(
            '<a class="govuk-link" href="{}?period={}">{}</a>'
            '<span class="{} secondary-text">{}</span>',
            url,
            quote(record.reported_in.label),
            measure.title,
            SMALL,
            measure.reference,
        )

    def render_actual(self, record: Row) -> SafeString:
        figure = record.figure
        if figure is None:
            return format_html('<span class="secondary-text">{}</span>', "None reported")
        parts = [
            format_html("<strong>{}</strong>", record.actual_text)
            if figure.value is not None
            else format_html("No figure: {}", figure.missing_reason)
        ]
        if figure.covers:
            parts.append(format_html('<span class="{}">{}</span>', SMALL, figure.covers))
        if self.show_reported_in:
            parts.append(
                format_html(
                    '<span class="{}">Reported in {}</span>', SMALL, record.reported_in.label
                )
            )
        if record.is_draft:
            parts.append(
                format_html('<strong class="draft-tag">{}</strong>', "Draft – not published")
            )
        return mark_safe("".join(parts))

    def render_status(self, record: Row) -> SafeString:
        return _status(record.status)

    def render_direction(self, record: Row) -> SafeString:
        return _travel(record, record.position.direction, record.position.previous, PREVIOUS)

    def render_direction_last_year(self, record: Row) -> SafeString:
        return _travel(
            record, record.position.direction_last_year, record.position.last_year, LAST_YEAR
        )

    def render_forecast(self, record: Row) -> SafeString:
        status = record.position.forecast_status
        if status is None:
            return mark_safe("")
        return format_html("{}<br>{}", record.forecast_text, _status(status))

    def render_trend(self, record: Row) -> SafeString:
        line = ""
        if record.trend_points:
            line = format_html(
                '<svg class="trend-spark" viewBox="-2 -2 100 28" aria-hidden="true" '
                'focusable="false"><polyline points="{}" fill="none" stroke="currentColor" '
                'stroke-width="2"/></svg>',
                record.trend_points,
            )
        return format_html(
            '{}<span class="govuk-visually-hidden">{}</span>', line, record.trend_text
        )
