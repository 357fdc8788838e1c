"""The dashboard table (django-tables2): one row per measure, sortable by any column."""

import django_tables2 as tables

CELL = {"class": "govuk-table__cell"}
NUMERIC = {"class": "govuk-table__cell govuk-table__cell--numeric"}


def _cells(template: str, **kwargs: object) -> tables.TemplateColumn:
    return tables.TemplateColumn(template_name=f"measures/cells/{template}.html", **kwargs)


class DashboardTable(tables.Table):
    """A quarter's report (or the latest position) as members read it."""

    title = _cells("title", verbose_name="Measure", order_by=("sort_title",))
    actual = _cells("actual", verbose_name="Latest figure", order_by=("sort_actual",))
    target = tables.Column(
        accessor="target_text", verbose_name="Target", order_by=("sort_target",), default=""
    )
    band = tables.Column(
        accessor="band_text", verbose_name="Tolerance band", order_by=("sort_target",), default=""
    )
    status = _cells("status", verbose_name="Status", order_by=("sort_status",))
    direction = _cells(
        "direction", verbose_name="Since the previous figure", order_by=("sort_direction",)
    )
    direction_last_year = _cells(
        "direction_last_year",
        verbose_name="Since the same quarter last year",
        order_by=("sort_direction_last_year",),
    )
    forecast = _cells("forecast", verbose_name="Year-end forecast", order_by=("sort_forecast",))
    trend = _cells("trend", verbose_name="Last eight quarters", orderable=False)

    class Meta:
        template_name = "measures/dashboard_table.html"
        attrs = {
            "class": "govuk-table dashboard-table",
            "thead": {"class": "govuk-table__head"},
            "tbody": {"class": "govuk-table__body"},
            "th": {"class": "govuk-table__header", "scope": "col"},
            "td": CELL,
        }
        row_attrs = {"class": "govuk-table__row"}
        order_by_field = "sort"
        empty_text = "No measures match these choices."
