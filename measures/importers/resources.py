"""Quarterly figures as spreadsheet rows, for the admin's bulk upload and import_return."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tablib
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from import_export import resources
from import_export.fields import Field
from import_export.formats.base_formats import CSV, XLSX
from import_export.results import Result
from import_export.widgets import Widget
from simple_history.utils import bulk_create_with_history

from measures.importers.tabular import (
    Problem,
    TableError,
    cell_text,
    check_columns,
    normalise_column,
    nul_problem,
    parse_date,
    parse_plain_decimal,
    read_table,
)
from measures.models import FIGURE_TERMS, Actual, Measure, State, Target, rating_scheme
from measures.permissions import may_change, owns
from measures.rules.checks import resolved_value
from measures.rules.periods import Period
from measures.rules.rating import Status, rate
from measures.rules.targets import target_for
from measures.signals import figures_published
from measures.spreadsheets import without_quote

if TYPE_CHECKING:
    from measures.permissions import SignedInUser

RETURN_REQUIRED = ("measure", "period")
RETURN_OPTIONAL = (
    "value",
    "numerator",
    "denominator",
    "covers_from",
    "covers_to",
    "covers_label",
    "commentary",
    "forecast",
    "reason",
)
RETURN_COLUMNS = (*RETURN_REQUIRED, *RETURN_OPTIONAL)
# The template's example row names no real measure, so it can never be loaded by mistake.
EXAMPLE_REFERENCE = "EXAMPLE"
# The most rows a return may hold: a council reports tens of measures a quarter, and a larger
# file is a mistake (or an attack) to refuse before it is checked row by row.
RETURN_ROW_LIMIT = 10_000

# The column a person would correct for a problem with each model field.
FIELD_COLUMNS = {
    "missing_reason": "reason",
    "year": "period",
    "quarter": "period",
    NON_FIELD_ERRORS: "",
}

# What identifies a stored figure, which an import never changes.
UNCHANGING = {"id", "measure", "year", "quarter"}

# What a row can change; a row leaving all of these as they are is skipped, unsaved.
COMPARED_FIELDS = FIGURE_TERMS


class PlainDecimalWidget(Widget):
    """A number written plainly: "87" or "0.15", never "87%" or "1,234"."""

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Decimal | None:
        return parse_plain_decimal(cell_text(value))

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return cell_text(value)


class ISODateWidget(Widget):
    """A date written as 2017-06-30 (or a date cell in Excel)."""

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> date | None:
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        return parse_date(cell_text(value))

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return value.isoformat() if value else ""


class TextWidget(Widget):
    """Text with surrounding spaces removed; an empty cell is empty text, never None.

    The quote an export put before text that could run as a formula is taken off again.
    """

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str:
        text = without_quote(cell_text(value))
        if problem := nul_problem(text):
            raise ValueError(problem)
        return text

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return value or ""


class MeasureWidget(Widget):
    """A measure named by its reference, like LAC-RATE."""

    def __init__(self) -> None:
        super().__init__()
        self.measures: dict[str, Measure | None] = {}

    def load(self, texts: Any) -> None:
        """Fetch every measure the file names at once, so that no row needs a query."""
        references = {cell_text(text).upper() for text in texts} - {""} - set(self.measures)
        found = Measure.objects.select_related("owner").in_bulk(references, field_name="reference")
        self.measures.update({reference: found.get(reference) for reference in references})

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Measure:
        reference = cell_text(value).upper()
        if not reference:
            raise ValueError("Enter the measure's reference, like LAC-RATE.")
        if reference == EXAMPLE_REFERENCE:
            raise ValueError(
                "This is the template's example row: delete it, then upload the file again."
            )
        if reference not in self.measures:
            self.measures[reference] = (
                Measure.objects.select_related("owner").filter(reference=reference).first()
            )
        measure = self.measures[reference]
        if measure is None:
            raise ValueError(
                f"There is no measure with the reference {cell_text(value)!r}: "
                "check it against the list of measures."
            )
        return measure

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return value.reference if value else ""


class PeriodWidget(Widget):
    """The quarter a figure is reported in, like 2017/18 Q1."""

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Period:
        text = cell_text(value)
        if not text:
            raise ValueError("Enter the quarter the figure is reported in, like 2017/18 Q1.")
        return Period.parse(text)

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return value.label if value else ""


class PeriodField(Field):
    """One column for the two model fields year and quarter."""

    def get_value(self, instance: Actual) -> Period | None:
        if instance.year is None or instance.quarter is None:
            return None
        return Period(instance.year, instance.quarter)

    def save(self, instance: Actual, row: Any, is_m2m: bool = False, **kwargs: Any) -> None:
        period = self.clean(row, **kwargs)
        instance.year, instance.quarter = period.year, period.quarter


def _owner_name(measure: Measure) -> str:
    if measure.owner is None:
        return "nobody yet"
    return measure.owner.get_full_name() or measure.owner.get_username()


class ActualResource(resources.ModelResource):
    """Figures by measure reference and quarter; new or changed ones are saved in one state.

    ActualResource(state=State.PUBLISHED, user=lead) publishes what it loads, stamped with
    the user; the default loads drafts. With a user who is not a performance lead, only the
    figures the user may change can be loaded (measures.permissions).
    """

    measure = Field(attribute="measure", column_name="measure", widget=MeasureWidget())
    period = PeriodField(attribute="period", column_name="period", widget=PeriodWidget())
    value = Field(attribute="value", column_name="value", widget=PlainDecimalWidget())
    numerator = Field(attribute="numerator", column_name="numerator", widget=PlainDecimalWidget())
    denominator = Field(
        attribute="denominator", column_name="denominator", widget=PlainDecimalWidget()
    )
    covers_from = Field(attribute="covers_from", column_name="covers_from", widget=ISODateWidget())
    covers_to = Field(attribute="covers_to", column_name="covers_to", widget=ISODateWidget())
    covers_label = Field(attribute="covers_label", column_name="covers_label", widget=TextWidget())
    commentary = Field(attribute="commentary", column_name="commentary", widget=TextWidget())
    forecast = Field(attribute="forecast", column_name="forecast", widget=PlainDecimalWidget())
    reason = Field(attribute="missing_reason", column_name="reason", widget=TextWidget())

    class Meta:
        model = Actual
        fields = RETURN_COLUMNS
        import_order = RETURN_COLUMNS
        export_order = RETURN_COLUMNS
        import_id_fields = RETURN_REQUIRED
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        # Rows are checked one by one but written together (with their history) at the end.
        use_bulk = True

    def __init__(
        self, state: str = State.DRAFT, user: SignedInUser | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.state = State(state)
        self.user = user
        self.seen: set[tuple[int, int, int]] = set()
        self.row_numbers: list[int] | None = None
        self.existing: dict[tuple[int, int, int], Actual] = {}
        # The figures this import has published, announced once every row is accepted.
        self.published: list[Actual] = []

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("measure")

    def before_import(self, dataset: Any, **kwargs: Any) -> None:
        # The same headings as import_return accepts: any case, surrounding spaces ignored.
        if dataset.headers:
            dataset.headers = [normalise_column(str(name or "")) for name in dataset.headers]
        check_columns(
            [name for name in dataset.headers or [] if name],
            required=RETURN_REQUIRED,
            optional=RETURN_OPTIONAL,
        )
        if len(dataset) > RETURN_ROW_LIMIT:
            raise ValueError(
                f"The file has {len(dataset):,} rows: a return may have at most "
                f"{RETURN_ROW_LIMIT:,}. Split it into smaller files."
            )
        self.seen.clear()
        self.published.clear()
        self.row_numbers = getattr(dataset, "row_numbers", None)
        self._load(dataset)

    def _load(self, dataset: Any) -> None:
        """The measures the rows name and the figures already stored for them, in two queries."""
        widget: MeasureWidget = self.fields["measure"].widget
        widget.load(dataset["measure"])
        measure_ids = [m.pk for m in widget.measures.values() if m is not None]
        periods = set()
        for text in dataset["period"]:
            try:
                period = Period.parse(cell_text(text))
            except (TypeError, ValueError):
                continue
            periods.add((period.year, period.quarter))
        stored = Actual.objects.select_related("measure__owner").filter(
            measure_id__in=measure_ids, year__in={year for year, _ in periods}
        )
        self.existing = {
            (a.measure_id, a.year, a.quarter): a for a in stored if (a.year, a.quarter) in periods
        }

    def after_import(self, dataset: Any, result: Result, **kwargs: Any) -> None:
        # Problems are reported by the spreadsheet's own row numbers (see read_upload).
        result.row_numbers = self.row_numbers
        result.row_headers = list(dataset.headers or [])
        # Inside the import's transaction: receivers wait for its commit, so a file taken back
        # (a dry run, or any row refused) announces nothing.
        if self.published and not result.has_errors() and not result.has_validation_errors():
            figures_published.send(sender=Actual, actuals=list(self.published))
        self.published.clear()

    def get_instance(self, instance_loader: Any, row: Any) -> Actual | None:
        try:
            measure = self.fields["measure"].clean(row)
            period = self.fields["period"].clean(row)
        except (KeyError, ValueError):
            # import_instance reports what is wrong with these cells.
            return None
        return self.existing.get((measure.pk, period.year, period.quarter))

    def import_instance(self, instance: Actual, row: Any, **kwargs: Any) -> None:
        errors: dict[str, list[Any]] = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if "measure" not in errors and instance.measure_id:
            if message := self._ownership_problem(instance.measure):
                errors.setdefault("measure", []).append(ValidationError(message))
            elif message := self._approved_problem(instance):
                errors.setdefault(NON_FIELD_ERRORS, []).append(ValidationError(message))
            if "period" not in errors:
                key = (instance.measure_id, instance.year, instance.quarter)
                if key in self.seen:
                    errors.setdefault("period", []).append(
                        ValidationError(
                            f"{instance} is on an earlier row too: give each measure one row "
                            "per quarter."
                        )
                    )
                self.seen.add(key)
        if errors:
            raise ValidationError(errors)

    def _ownership_problem(self, measure: Measure) -> str | None:
        # No user is the command line, which loads any measure's figures.
        if self.user is None or may_change(self.user, measure=measure):
            return None
        if not owns(self.user, measure):
            return (
                f"You can only load figures for measures you own: {measure.reference} is owned "
                f"by {_owner_name(measure)}."
            )
        return f"You cannot load figures with your role: {measure.reference} is yours to read."

    def _approved_problem(self, instance: Actual) -> str | None:
        """An officer's own figure that a lead has approved is no longer theirs to change."""
        if self.user is None or instance._state.adding:
            return None
        if may_change(self.user, measure=instance.measure, state=instance.state):
            return None
        # Worded as _workflow_problems words a published figure, so the two never both show.
        return (
            f"{instance} is already {instance.get_state_display().lower()}: "
            "ask a performance lead to change it."
        )

    def skip_row(
        self,
        instance: Actual,
        original: Actual | None,
        row: Any,
        import_validation_errors: Any = None,
    ) -> bool:
        if import_validation_errors or original is None or original.pk is None:
            return False
        # Publishing a draft that is otherwise the same is still a change.
        if self.state == State.PUBLISHED and original.state != State.PUBLISHED:
            return False
        # The value is compared as it will be stored: worked out from the fraction if not given.
        stored_value = instance.value
        if stored_value is None:
            stored_value = resolved_value(instance.facts())
        if stored_value != original.value:
            return False
        return all(
            getattr(instance, name) == getattr(original, name)
            for name in COMPARED_FIELDS
            if name != "value"
        )

    def validate_instance(
        self,
        instance: Actual,
        import_validation_errors: Any = None,
        validate_unique: bool = True,
    ) -> None:
        given: dict[str, list[Any]] = dict(import_validation_errors or {})
        errors: dict[str, list[Any]] = {name: list(messages) for name, messages in given.items()}
        if self._meta.clean_model_instances:
            for name, messages in self._model_errors(instance, given).items():
                # A cell that could not be read already explains what is wrong with its field.
                if name not in given:
                    errors.setdefault(name, []).extend(messages)
        for message in self._workflow_problems(instance):
            errors.setdefault(NON_FIELD_ERRORS, []).append(ValidationError(message))
        if errors:
            raise ValidationError(errors)

    def _model_errors(self, instance: Actual, given: dict[str, Any]) -> dict[str, list[Any]]:
        # The measure and the sign-off users were fetched, not typed: checking that they exist
        # would cost a query a row.
        exclude = set(given) | {"measure", "submitted_by", "approved_by", "published_by"}
        if "period" in exclude:
            exclude |= {"year", "quarter"}
        errors: dict[str, list[Any]] = {}
        try:
            instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        # The constraints are not checked here (each would be a query a row): each repeats a
        # rule clean() has just applied (check_figure), or one this resource keeps itself (one
        # row per measure and quarter), and the database still enforces them when it writes.
        return errors

    def _workflow_problems(self, instance: Actual) -> list[str]:
        problems = []
        if (
            not instance._state.adding
            and instance.state == State.PUBLISHED
            and self.state != State.PUBLISHED
        ):
            problems.append(
                f"{instance} is already published: ask a performance lead to change it."
            )
        if (
            self.state == State.PUBLISHED
            and self.user is not None
            and not self.user.has_perm("measures.publish_actual")
        ):
            problems.append(
                "You cannot publish figures: load them as drafts for a performance lead to approve."
            )
        return problems

    def bulk_create(
        self,
        using_transactions: bool,
        dry_run: bool,
        raise_errors: bool,
        batch_size: int | None = None,
        result: Result | None = None,
    ) -> None:
        """New figures in one statement a batch, each with its history record."""
        if self.create_instances and (using_transactions or not dry_run):
            try:
                bulk_create_with_history(
                    self.create_instances, Actual, batch_size=batch_size, default_user=self.user
                )
                self._written(self.create_instances, dry_run=dry_run)
            except Exception as error:  # reported as the file's problem, as import-export does
                self.handle_import_error(result, error, raise_errors)
            finally:
                self.create_instances.clear()

    def bulk_update(
        self,
        using_transactions: bool,
        dry_run: bool,
        raise_errors: bool,
        batch_size: int | None = None,
        result: Result | None = None,
    ) -> None:
        """Changed figures, each with its history record written in one statement a batch.

        One UPDATE a figure: Django's bulk_update builds a CASE per field and row, which takes
        ten times as long to compile as these take to run.
        """
        if self.update_instances and (using_transactions or not dry_run):
            fields = [f for f in Actual._meta.concrete_fields if f.name not in UNCHANGING]
            try:
                with transaction.atomic():
                    for instance in self.update_instances:
                        instance.updated_at = timezone.now()
                        Actual.objects.filter(pk=instance.pk).update(
                            **{f.attname: getattr(instance, f.attname) for f in fields}
                        )
                    Actual.history.bulk_history_create(
                        self.update_instances,
                        batch_size=batch_size,
                        update=True,
                        default_user=self.user,
                    )
                self._written(self.update_instances, dry_run=dry_run)
            except Exception as error:  # reported as the file's problem, as import-export does
                self.handle_import_error(result, error, raise_errors)
            finally:
                self.update_instances.clear()

    def _written(self, instances: list[Actual], *, dry_run: bool) -> None:
        if self.state == State.PUBLISHED and not dry_run:
            self.published.extend(instances)

    def before_save_instance(self, instance: Actual, row: Any, **kwargs: Any) -> None:
        instance.state = self.state
        if self.state == State.PUBLISHED:
            instance.published_at = timezone.now()
            instance.published_by = self.user
        elif self.state == State.DRAFT:
            # A changed figure needs signing off again, as when it is returned to draft.
            instance.approved_by = instance.approved_at = None
            instance.published_by = instance.published_at = None
        by = f" by {self.user.get_username()}" if self.user is not None else ""
        # simple_history reads the reason from this attribute, which the model does not declare.
        instance._change_reason = f"loaded from a file{by}"  # type: ignore[attr-defined]


def result_problems(
    result: Result, *, row_numbers: Sequence[int] | None = None, columns: Sequence[str] = ()
) -> list[Problem]:
    """Every problem an import found, by spreadsheet row and column, in the file's order.

    row_numbers[i] is the spreadsheet row of the dataset's (i+1)th row; without it the header
    is taken to be row 1 and no rows to have been skipped.
    """

    def spreadsheet_row(number: int) -> int:
        if row_numbers is not None and 0 < number <= len(row_numbers):
            return row_numbers[number - 1]
        return number + 1

    problems: list[Problem] = [
        Problem(row=0, column="", message=str(error.error)) for error in result.base_errors
    ]
    for invalid in result.invalid_rows:
        for name, messages in invalid.error_dict.items():
            column = FIELD_COLUMNS.get(name, name)
            for message in messages:
                problem = Problem(
                    row=spreadsheet_row(invalid.number), column=column, message=message
                )
                if problem not in problems:
                    problems.append(problem)
    for error_row in result.error_rows:
        for error in error_row.errors:
            problems.append(
                Problem(
                    row=spreadsheet_row(error_row.number),
                    column="",
                    message=f"This row could not be saved: {error.error}",
                )
            )
    order = {name: position for position, name in enumerate(columns or RETURN_COLUMNS)}
    return sorted(problems, key=lambda p: (p.row, order.get(p.column, len(order))))


def read_upload(data: bytes, *, suffix: str) -> tablib.Dataset:
    """An uploaded return read exactly as import_return reads a file, as a dataset.

    The dataset's row_numbers are the spreadsheet rows of its rows (the header is row 1,
    blank rows are skipped but counted), so the admin numbers problems as the command does.
    Raises TableError, naming no temporary file, when the file cannot be read.
    """
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(data)
        try:
            table = read_table(path, required=RETURN_REQUIRED, optional=RETURN_OPTIONAL)
        except TableError as error:
            raise TableError(str(error).replace(path.name, "The file")) from None
    headers = list(table[0].values) if table else list(RETURN_COLUMNS)
    dataset = tablib.Dataset(headers=headers)
    for row in table:
        dataset.append([row.values[name] for name in headers])
    dataset.row_numbers = [row.number for row in table]
    return dataset


class ReturnCSV(CSV):
    """A CSV return, read by the same reader as import_return (bytes in, any encoding check)."""

    def is_binary(self) -> bool:
        return True

    def get_read_mode(self) -> str:
        return "rb"

    def create_dataset(self, in_stream: Any, **kwargs: Any) -> tablib.Dataset:
        data = in_stream.encode("utf-8") if isinstance(in_stream, str) else in_stream
        return read_upload(data, suffix=".csv")


class ReturnXLSX(XLSX):
    """An Excel return, read by the same reader as import_return."""

    def create_dataset(self, in_stream: Any) -> tablib.Dataset:
        return read_upload(in_stream, suffix=".xlsx")


@dataclass(frozen=True)
class PreviewRow:
    """One row of an uploaded return as the preview shows it."""

    number: int
    action: str
    measure: str
    period: str
    figure: str
    status: Status | None


ACTIONS = {"new": "New", "update": "Update", "skip": "Unchanged", "invalid": "Has problems"}


def preview_rows(result: Result) -> list[PreviewRow]:
    """Each row with the status its figure would get; every measure's targets in one query."""
    numbers = getattr(result, "row_numbers", None) or []
    headers = getattr(result, "row_headers", None) or list(RETURN_COLUMNS)
    invalid = {row.number: row.values for row in result.invalid_rows}
    instances = [row.instance for row in result.rows if row.instance is not None]
    targets: dict[int, list[Target]] = {}
    for stored in Target.objects.filter(measure_id__in={a.measure_id for a in instances}):
        targets.setdefault(stored.measure_id, []).append(stored)
    previews = []
    for index, row in enumerate(result.rows):
        number = numbers[index] if index < len(numbers) else index + 2
        actual = row.instance
        if actual is None or row.import_type == "invalid":
            cells = dict(zip(headers, invalid.get(index + 1, ()), strict=False))
            measure, period = cells.get("measure", ""), cells.get("period", "")
            previews.append(PreviewRow(number, "Has problems", measure, period, "", None))
            continue
        value = resolved_value(actual.facts())
        target = target_for(targets.get(actual.measure_id, []), actual.period)
        status = rate(
            value,
            target.value if target else None,
            target.band_low if target else None,
            target.band_high if target else None,
            polarity=actual.measure.polarity_kind,
            scheme=rating_scheme(),
        )
        figure = actual.measure.format(value) if value is not None else actual.missing_reason
        previews.append(
            PreviewRow(
                number,
                ACTIONS.get(row.import_type, row.import_type),
                actual.measure.reference,
                actual.period.label,
                figure,
                status,
            )
        )
    return previews


def template_period(period: Period, *, quarterly: bool, due_quarter: int | None) -> Period:
    """The quarter a measure's row in a return template is for: the period, or for an annual
    measure the first quarter it is due in from then on."""
    if quarterly:
        return period
    due = due_quarter or 4
    while period.quarter != due:
        period = period.next()
    return period


def return_template(
    *, measures: Sequence[Measure], period: Period
) -> tuple[list[str], list[list[str]]]:
    """The headings, one example row and a row for each measure, ready to fill in."""
    example = {
        "measure": EXAMPLE_REFERENCE,
        "period": period.label,
        "value": "48.7",
        "covers_to": period.end.isoformat(),
        "covers_label": f"As at {period.end:%-d %B %Y}",
        "commentary": "Example: delete this row. Numbers plain, dates like 2017-06-30.",
    }
    rows = [[example.get(name, "") for name in RETURN_COLUMNS]]
    for measure in measures:
        due = template_period(
            period, quarterly=measure.is_quarterly, due_quarter=measure.due_quarter
        )
        rows.append([measure.reference, due.label, *([""] * len(RETURN_OPTIONAL))])
    return list(RETURN_COLUMNS), rows
