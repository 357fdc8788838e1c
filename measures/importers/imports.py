"""Loading measures with their targets, and quarterly returns of figures, from files."""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import tablib
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from measures.importers.resources import (
    RETURN_OPTIONAL,
    RETURN_REQUIRED,
    RETURN_ROW_LIMIT,
    ActualResource,
    result_problems,
)
from measures.importers.tabular import (
    ImportRejected,
    ImportSummary,
    Problem,
    TableRow,
    parse_plain_decimal,
    read_table,
)
from measures.models import Ambition, Frequency, Measure, Outcome, State, Target
from measures.rules.periods import FinancialYear
from measures.rules.rating import MEASURE_POLARITIES
from measures.rules.units import Unit

if TYPE_CHECKING:
    from measures.permissions import SignedInUser

MEASURE_REQUIRED = (
    "reference",
    "title",
    "ambition",
    "outcome",
    "unit",
    "polarity",
    "frequency",
    "decimal_places",
    "target_year",
    "target",
    "band_low",
    "band_high",
)
MEASURE_OPTIONAL = ("due_quarter",)
# A measures file has a row per measure and target year: a few hundred at most.
MEASURE_ROW_LIMIT = 10_000
MEASURE_COLUMNS = (*MEASURE_REQUIRED, *MEASURE_OPTIONAL)
# What describes the measure itself, and so must read the same on each of its rows.
MEASURE_ATTRIBUTES = (
    "title",
    "ambition",
    "outcome",
    "unit",
    "polarity",
    "frequency",
    "decimal_places",
    "due_quarter",
)
# The columns a model field's problems are reported in.
CHOSEN = ("unit", "polarity", "frequency", "decimal_places")
MEASURE_FIELD_COLUMNS = {NON_FIELD_ERRORS: "", "order": ""}
TARGET_FIELD_COLUMNS = {"value": "target", "year": "target_year", NON_FIELD_ERRORS: ""}

_QUARTER = re.compile(r"^[Qq]?\s*([1-4])$")
_WHOLE_NUMBER = re.compile(r"^[0-9]+$")


@dataclass
class _Row:
    """A row of the measures file, read into values; None where a cell had a problem."""

    number: int
    reference: str
    texts: dict[str, str]
    attributes: dict[str, Any] = field(default_factory=dict)
    year: int | None = None
    target: dict[str, Decimal | None] = field(default_factory=dict)
    # A target year given with an empty target and band: the measure has no target that year.
    no_target: bool = False

    @property
    def target_year(self) -> int | None:
        """The year whose target the row sets, or None when it sets none."""
        return None if self.no_target else self.year


class _Problems:
    """Problems found so far, one per row, column and message."""

    def __init__(self) -> None:
        self.found: list[Problem] = []

    def add(self, row: int, column: str, message: str) -> None:
        problem = Problem(row=row, column=column, message=message)
        if problem not in self.found:
            self.found.append(problem)

    def columns_of(self, row: int) -> set[str]:
        return {problem.column for problem in self.found if problem.row == row}

    def add_validation(
        self, row: int, error: ValidationError, columns: dict[str, str], *, skip: set[str]
    ) -> None:
        for name, messages in error.message_dict.items():
            column = columns.get(name, name)
            if column in skip:
                continue
            for message in messages:
                self.add(row, column, message)

    def raise_if_any(self, columns: Sequence[str]) -> None:
        if self.found:
            order = {name: position for position, name in enumerate(columns)}
            raise ImportRejected(
                sorted(self.found, key=lambda p: (p.row, order.get(p.column, len(order))))
            )


def _choice(text: str, kind: Any, what: str) -> str | None:
    value = text.strip().lower()
    if value in {member.value for member in kind}:
        return value
    choices = ", ".join(member.value for member in kind)
    raise ValueError(f"{text!r} is not a {what}: use one of {choices}")


def _read_row(row: TableRow, problems: _Problems) -> _Row:
    texts = row.values
    read = _Row(number=row.number, reference=texts["reference"], texts=texts)

    def attempt(column: str, parse: Any) -> Any:
        try:
            return parse(texts.get(column, ""))
        except ValueError as error:
            problems.add(row.number, column, str(error))
            return None

    if not read.reference:
        problems.add(row.number, "reference", "Enter the measure's reference, like LAC-RATE.")
    for column, what in (("ambition", "ambition"), ("outcome", "outcome")):
        if not texts[column]:
            problems.add(row.number, column, f"Enter the {what} the measure comes under.")
    attributes = read.attributes
    attributes["title"] = texts["title"]
    attributes["ambition"] = texts["ambition"]
    attributes["outcome"] = texts["outcome"]
    attributes["unit"] = attempt("unit", lambda t: _choice(t, Unit, "unit"))
    attributes["polarity"] = attempt(
        "polarity", lambda t: _choice(t, MEASURE_POLARITIES, "polarity")
    )
    attributes["frequency"] = attempt("frequency", lambda t: _choice(t, Frequency, "frequency"))
    attributes["decimal_places"] = attempt(
        "decimal_places", lambda t: _decimal_places(t, attributes["unit"])
    )
    attributes["due_quarter"] = attempt(
        "due_quarter", lambda t: _due_quarter(t, attributes["frequency"], read.reference)
    )

    for column in ("target", "band_low", "band_high"):
        read.target[column] = attempt(column, parse_plain_decimal)
    if texts["target_year"]:
        financial_year = attempt("target_year", FinancialYear.parse)
        read.year = financial_year.start_year if financial_year else None
        if financial_year and not texts["target"]:
            if texts["band_low"] or texts["band_high"]:
                problems.add(
                    row.number,
                    "target",
                    f"Give the target for {financial_year.label}: a band needs its target. "
                    "Leave the band empty too if the measure has no target that year.",
                )
            else:
                read.no_target = True
    elif any(texts[column] for column in ("target", "band_low", "band_high")):
        problems.add(
            row.number,
            "target_year",
            "Give the financial year the target is for, like 2017/18; leave the target and "
            "band empty for a measure without a target.",
        )
    return read


def _decimal_places(text: str, unit: str | None) -> int | None:
    if not text:
        return Unit(unit).default_decimal_places if unit else None
    if not _WHOLE_NUMBER.match(text) or int(text) > 4:
        raise ValueError(f"{text!r} is not a number of decimal places: use 0, 1, 2, 3 or 4")
    return int(text)


def _due_quarter(text: str, frequency: str | None, reference: str) -> int | None:
    if frequency == Frequency.QUARTERLY:
        if text:
            raise ValueError(
                f"{reference} is quarterly: leave due_quarter empty (it is the quarter an "
                "annual measure is reported in)"
            )
        return None
    if not text:
        return 4
    match = _QUARTER.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a quarter: use Q1, Q2, Q3 or Q4")
    return int(match.group(1))


def _check_consistency(rows: list[_Row], problems: _Problems) -> None:
    """Each measure reads the same on all its rows, and has one row per target year."""
    first: dict[str, _Row] = {}
    years: dict[tuple[str, int | None], int] = {}
    for row in rows:
        if not row.reference:
            continue
        earlier = first.setdefault(row.reference, row)
        if earlier is not row:
            for column in MEASURE_ATTRIBUTES:
                mine, theirs = row.texts.get(column, ""), earlier.texts.get(column, "")
                if column in ("unit", "polarity", "frequency", "due_quarter"):
                    mine, theirs = mine.lower(), theirs.lower()
                if mine != theirs:
                    problems.add(
                        row.number,
                        column,
                        f"{row.reference} has {column} {earlier.texts.get(column, '')!r} on row "
                        f"{earlier.number}: give a measure the same {column} on every row.",
                    )
        if row.year is None and row.texts["target_year"]:
            continue  # the year could not be read, which is already reported
        key = (row.reference, row.year)
        if key in years:
            if row.year is None:
                message = f"{row.reference} is already on row {years[key]} without a target."
            else:
                label = FinancialYear(row.year).label
                message = f"{row.reference} already has a {label} target on row {years[key]}."
            problems.add(row.number, "target_year" if row.year else "reference", message)
        else:
            years[key] = row.number


@dataclass
class _Plan:
    """What the file asks for, checked, ready to be written."""

    rows: list[_Row]
    measures: dict[str, Measure]
    targets: dict[tuple[str, int], Target]


def _measure_values(row: _Row) -> dict[str, Any]:
    attributes = row.attributes
    return {
        "title": attributes["title"],
        "unit": attributes["unit"],
        "polarity": attributes["polarity"],
        "frequency": attributes["frequency"],
        "decimal_places": attributes["decimal_places"],
        "due_quarter": attributes["due_quarter"],
    }


def _target_values(row: _Row) -> dict[str, Decimal | None]:
    return {
        "value": row.target["target"],
        "band_low": row.target["band_low"],
        "band_high": row.target["band_high"],
    }


def _validate_models(rows: list[_Row], problems: _Problems) -> _Plan:
    """Check each measure and target as the models would, without saving anything."""
    references = {row.reference for row in rows if row.reference}
    measures = Measure.objects.in_bulk(references, field_name="reference")
    targets = {
        (target.measure.reference, target.year): target
        for target in Target.objects.filter(
            measure__reference__in=references, quarter__isnull=True
        ).select_related("measure")
    }
    checked_names: set[tuple[type[models.Model], str]] = set()
    candidates: dict[str, Measure] = {}
    for row in rows:
        bad = problems.columns_of(row.number)
        for model, column in ((Ambition, "ambition"), (Outcome, "outcome")):
            name = row.texts[column]
            if name and (model, name) not in checked_names and column not in bad:
                try:
                    model(name=name).full_clean(
                        exclude=["ambition"], validate_unique=False, validate_constraints=False
                    )
                    checked_names.add((model, name))
                except ValidationError as error:
                    problems.add_validation(row.number, error, {"name": column}, skip=set())

        if row.reference and row.reference not in candidates:
            # The measure as it would be saved, checked on its first row.
            existing = measures.get(row.reference)
            measure = copy.copy(existing) if existing else Measure(reference=row.reference)
            for name, value in _measure_values(row).items():
                setattr(measure, name, value)
            candidates[row.reference] = measure
            # Fields whose cells were unreadable are reported already, not again as "null".
            exclude = [
                "outcome",
                *(name for name in MEASURE_ATTRIBUTES if name in bad),
                *(name for name in CHOSEN if row.attributes[name] is None),
            ]
            try:
                # Uniqueness and the constraints would each cost a query: the reference is
                # looked up above, and each constraint repeats a rule the fields and clean() apply.
                measure.full_clean(
                    exclude=exclude, validate_unique=False, validate_constraints=False
                )
            except ValidationError as error:
                problems.add_validation(row.number, error, MEASURE_FIELD_COLUMNS, skip=bad)

        year = row.target_year
        if year is not None and not {"target", "band_low", "band_high"} & bad:
            existing_target = targets.get((row.reference, year))
            target = copy.copy(existing_target) if existing_target else Target(year=year)
            # The measure as the file gives it, so messages speak of the unit the file gives
            # (or as it is, when the file's unit is unreadable).
            candidate = candidates.get(row.reference)
            if candidate and candidate.pk:
                target.measure = candidate if candidate.unit else measures[row.reference]
            for name, value in _target_values(row).items():
                setattr(target, name, value)
            try:
                target.full_clean(
                    exclude=["measure"], validate_unique=False, validate_constraints=False
                )
            except ValidationError as error:
                problems.add_validation(
                    row.number, error, TARGET_FIELD_COLUMNS, skip=problems.columns_of(row.number)
                )
    return _Plan(rows=rows, measures=measures, targets=targets)


def _save_if_changed(instance: models.Model, values: dict[str, Any]) -> bool:
    """Set values and save, only if one differs: an unchanged save would still write history."""
    changed = {name for name, value in values.items() if getattr(instance, name) != value}
    if changed or instance._state.adding:
        for name, value in values.items():
            setattr(instance, name, value)
        instance.save()
    return bool(changed)


class _Writes:
    """Measures and targets to create or change, written together with their history."""

    def __init__(self) -> None:
        self.new: dict[type[models.Model], list[models.Model]] = {Measure: [], Target: []}
        self.changed: dict[type[models.Model], list[models.Model]] = {Measure: [], Target: []}

    def set(self, instance: models.Model, values: dict[str, Any]) -> bool:
        """Set values, queueing the instance for writing only if one differs."""
        changed = {name for name, value in values.items() if getattr(instance, name) != value}
        for name in changed:
            setattr(instance, name, values[name])
        if instance._state.adding:
            if instance not in self.new[type(instance)]:
                self.new[type(instance)].append(instance)
        elif changed and instance not in self.changed[type(instance)]:
            self.changed[type(instance)].append(instance)
        return bool(changed)

    def write(self) -> None:
        for model in (Measure, Target):
            if model is Target:
                for new in self.new[Target]:
                    target = cast(Target, new)  # self.new[Target] holds only targets
                    target.measure_id = target.measure.pk  # the measure has just been created
            bulk_create_with_history(self.new[model], model, batch_size=1000)
            fields = [f for f in model._meta.concrete_fields if not f.primary_key]
            # One UPDATE each: bulk_update's CASE per field and row compiles slower than these run.
            for instance in self.changed[model]:
                instance.updated_at = timezone.now()  # type: ignore[attr-defined]  # both have it
                model.objects.filter(pk=instance.pk).update(
                    **{f.attname: getattr(instance, f.attname) for f in fields}
                )
            model.history.bulk_history_create(self.changed[model], update=True, batch_size=1000)


def _write(plan: _Plan) -> ImportSummary:
    summary = ImportSummary()
    writes = _Writes()
    ambitions: dict[str, Ambition] = {}
    outcomes: dict[tuple[str, str], Outcome] = {}
    measure_order: dict[tuple[str, str], int] = {}
    measures: dict[str, Measure] = {}
    for row in plan.rows:
        ambition_name, outcome_name = row.attributes["ambition"], row.attributes["outcome"]
        if ambition_name not in ambitions:
            ambition = Ambition.objects.filter(name=ambition_name).first()
            ambition = ambition or Ambition(name=ambition_name)
            _save_if_changed(ambition, {"order": len(ambitions)})
            ambitions[ambition_name] = ambition
        key = (ambition_name, outcome_name)
        if key not in outcomes:
            outcome = Outcome.objects.filter(
                ambition=ambitions[ambition_name], name=outcome_name
            ).first()
            outcome = outcome or Outcome(ambition=ambitions[ambition_name], name=outcome_name)
            _save_if_changed(outcome, {"order": len(outcomes)})
            outcomes[key] = outcome

        created = updated = False
        if row.reference not in measures:
            measure = plan.measures.get(row.reference) or Measure(reference=row.reference)
            created = measure._state.adding
            order = measure_order.setdefault(key, 0)
            measure_order[key] = order + 1
            values = {**_measure_values(row), "outcome_id": outcomes[key].pk, "order": order}
            updated = writes.set(measure, values)
            measures[row.reference] = measure
        measure = measures[row.reference]

        if (year := row.target_year) is not None:
            target = plan.targets.get((row.reference, year))
            if target is None:
                target = Target(measure=measure, year=year)
                created = True
            updated = writes.set(target, _target_values(row)) or updated

        if created:
            summary.created += 1
        elif updated:
            summary.updated += 1
        else:
            summary.unchanged += 1
    writes.write()
    return summary


def import_measures(*, path: Path) -> ImportSummary:
    """Create or update measures and their yearly targets from a file: all or nothing.

    One row per measure and target year. Raises TableError when the file's columns are wrong
    and ImportRejected, having changed nothing, when any row has a problem.
    """
    table = read_table(
        path, required=MEASURE_REQUIRED, optional=MEASURE_OPTIONAL, max_rows=MEASURE_ROW_LIMIT
    )
    problems = _Problems()
    rows = [_read_row(row, problems) for row in table]
    _check_consistency(rows, problems)
    plan = _validate_models(rows, problems)
    problems.raise_if_any(MEASURE_COLUMNS)
    with transaction.atomic():
        return _write(plan)


def import_return(
    *, path: Path, publish: bool = True, user: SignedInUser | None = None
) -> ImportSummary:
    """Load a quarter's figures from a file, published (or as drafts): all or nothing.

    One row per measure and quarter. Raises TableError when the file's columns are wrong and
    ImportRejected, having changed nothing, when any row has a problem.
    """
    table = read_table(
        path, required=RETURN_REQUIRED, optional=RETURN_OPTIONAL, max_rows=RETURN_ROW_LIMIT
    )
    if not table:
        return ImportSummary()
    headers = list(table[0].values)
    dataset = tablib.Dataset(headers=headers)
    for row in table:
        dataset.append([row.values[name] for name in headers])
    resource = ActualResource(state=State.PUBLISHED if publish else State.DRAFT, user=user)
    result = resource.import_data(
        dataset,
        dry_run=False,
        raise_errors=False,
        use_transactions=True,
        rollback_on_validation_errors=True,
        collect_failed_rows=True,
    )
    problems = result_problems(result, row_numbers=[row.number for row in table], columns=headers)
    if problems:
        raise ImportRejected(problems)
    return ImportSummary(
        created=result.totals["new"],
        updated=result.totals["update"],
        unchanged=result.totals["skip"],
    )
