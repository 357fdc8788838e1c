"""The dashboard as CSV and XLSX: the columns other tools rely on."""

from measures.pages.dashboard import Row
from measures.rules.units import plain
from measures.spreadsheets import csv_text, xlsx_bytes

COLUMNS = [
    "measure",
    "title",
    "period",
    "covers",
    "actual",
    "unit",
    "target",
    "band_low",
    "band_high",
    "status",
    "direction",
    "direction_last_year",
    "forecast",
    "forecast_status",
]


def export_record(row: Row) -> dict[str, str]:
    """One row as plain text: numbers rounded to the measure's places, words for statuses."""
    measure, position = row.measure, row.position
    dp = measure.decimal_places
    figure, target = row.figure, position.target
    return {
        "measure": measure.reference,
        "title": measure.title,
        "period": position.period.label,
        "covers": figure.covers if figure else "",
        "actual": plain(figure.value, dp) if figure else "",
        "unit": measure.unit,
        "target": plain(target.value, dp) if target else "",
        "band_low": plain(target.band_low, dp) if target else "",
        "band_high": plain(target.band_high, dp) if target else "",
        "status": position.status.label,
        "direction": position.direction.label if position.direction else "",
        "direction_last_year": (
            position.direction_last_year.label if position.direction_last_year else ""
        ),
        "forecast": plain(figure.forecast, dp) if figure else "",
        "forecast_status": position.forecast_status.label if position.forecast_status else "",
    }


def to_csv(rows: list[Row]) -> str:
    return csv_text(COLUMNS, (list(export_record(row).values()) for row in rows))


def to_xlsx(rows: list[Row]) -> bytes:
    records = (list(export_record(row).values()) for row in rows)
    return xlsx_bytes(COLUMNS, records, title="Dashboard")
