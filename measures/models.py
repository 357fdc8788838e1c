"""Measures, targets and quarterly figures."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Now
from django.utils import timezone
from simple_history.models import HistoricalRecords

from measures.rules.checks import FigureFacts, check_figure, resolved_value
from measures.rules.directions import explain_direction
from measures.rules.periods import FinancialYear, Period
from measures.rules.positions import Position, is_due_in, position
from measures.rules.rating import MEASURE_POLARITIES, Direction, Polarity, Scheme, Status, rate
from measures.rules.targets import (
    FOLLOWING_CHOICES,
    Comparator,
    describe_band,
    describe_following,
)
from measures.rules.units import Unit, format_target, format_value
from scrutiny.jobs import Job

if TYPE_CHECKING:
    from measures.permissions import User

QUARTERS = [(1, "Q1"), (2, "Q2"), (3, "Q3"), (4, "Q4")]
# The digits of a figure, target or band. Each field says null=True itself, so that the type
# checker knows the value may be None.
FIGURE: dict[str, Any] = {"max_digits": 16, "decimal_places": 4}


def rating_scheme() -> Scheme:
    """The RAG scheme this council has chosen (the RAG_SCHEME setting)."""
    return Scheme(settings.RAG_SCHEME)


class Ambition(models.Model):
    """A Council Business Plan ambition, e.g. "Communities are safe and protected"."""

    name = models.CharField(max_length=200, unique=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Outcome(models.Model):
    """An outcome under an ambition, e.g. "Children are safe and healthy"."""

    ambition = models.ForeignKey(Ambition, on_delete=models.PROTECT, related_name="outcomes")
    name = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["ambition__order", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["ambition", "name"], name="outcome_unique_in_ambition")
        ]

    def __str__(self) -> str:
        return self.name


class Frequency(models.TextChoices):
    QUARTERLY = "quarterly", "Quarterly"
    ANNUAL = "annual", "Annual"


class HowTaken(models.TextChoices):
    SNAPSHOT = "snapshot", "Snapshot at the end of the period"
    YEAR_TO_DATE = "year_to_date", "Year to date"
    ROLLING_12_MONTHS = "rolling_12_months", "Rolling 12 months"
    ACADEMIC_YEAR = "academic_year", "Academic year"


class MeasureQuerySet(models.QuerySet["Measure"]):
    def in_council_order(self) -> MeasureQuerySet:
        return self.select_related("outcome__ambition", "owner").order_by(
            "outcome__ambition__order", "outcome__order", "order", "reference"
        )

    def owned_by(self, user: User) -> MeasureQuerySet:
        return self.filter(owner_id=user.pk) if user.pk is not None else self.none()

    def missing_figure_in(self, period: Period) -> MeasureQuerySet:
        """Measures due in the period (with a target for its year) that have no figure for it."""
        due = Q(frequency=Frequency.QUARTERLY) | Q(
            frequency=Frequency.ANNUAL, due_quarter=period.quarter
        )
        return (
            self.filter(due, targets__year=period.year)
            .exclude(actuals__year=period.year, actuals__quarter=period.quarter)
            .distinct()
        )

    def editable_by(self, user: User) -> MeasureQuerySet:
        """The measures the user may enter figures for (measures.permissions' rule, in SQL)."""
        # Imported here: the rule reads State from this module.
        from measures.permissions import figure_role, may_change_figure

        role = figure_role(user)
        if may_change_figure(role=role, owner=False, state=None):
            return self.all()
        if may_change_figure(role=role, owner=True, state=None):
            return self.owned_by(user)
        return self.none()

    def with_figures(
        self, *, user: User | None = None, since: Period | None = None, until: Period | None = None
    ) -> MeasureQuerySet:
        """Measures in council order with their targets and the figures the user may see.

        Three queries however many measures there are; Measure.position_in reads from them.
        `since` and `until` bound the figures fetched, for pages that need only recent ones.
        """
        visible = Actual.objects.visible_to(user).order_by("year", "quarter")
        if since:
            visible = visible.filter(
                Q(year__gt=since.year) | Q(year=since.year, quarter__gte=since.quarter)
            )
        if until:
            visible = visible.filter(
                Q(year__lt=until.year) | Q(year=until.year, quarter__lte=until.quarter)
            )
        return self.in_council_order().prefetch_related(
            "targets", models.Prefetch("actuals", queryset=visible, to_attr="visible_figures")
        )


class Measure(models.Model):
    """A Council Business Plan measure: what is counted, in what unit, and which way is better."""

    reference = models.CharField(
        max_length=40,
        unique=True,
        validators=[
            RegexValidator(
                r"^[A-Z0-9][A-Z0-9-]*$",
                "Use capital letters, digits and hyphens, like LAC-RATE.",
            )
        ],
        help_text="A short unique code, like LAC-RATE, used in imports and exports.",
    )
    title = models.CharField(max_length=300)
    outcome = models.ForeignKey(Outcome, on_delete=models.PROTECT, related_name="measures")
    order = models.PositiveSmallIntegerField(default=0)
    definition = models.TextField(blank=True)
    numerator_definition = models.TextField(blank=True)
    denominator_definition = models.TextField(blank=True)
    unit = models.CharField(max_length=20, choices=Unit.choices)
    decimal_places = models.PositiveSmallIntegerField(
        validators=[MaxValueValidator(4)], help_text="How many decimal places figures are shown to."
    )
    polarity = models.CharField(
        max_length=10, choices=[(p.value, p.label) for p in MEASURE_POLARITIES]
    )
    noun = models.CharField(
        max_length=100,
        blank=True,
        help_text="What the figure counts, for directions like “more first-time offenders”: "
        "plural for a count or days (“days to adoption”), else a name (“re-offending rate”).",
    )
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    due_quarter = models.PositiveSmallIntegerField(
        choices=QUARTERS,
        null=True,
        blank=True,
        help_text="For an annual measure: the quarter its figure is reported in (usually Q4).",
    )
    how_taken = models.CharField(max_length=20, choices=HowTaken.choices, default=HowTaken.SNAPSHOT)
    data_lag = models.CharField(max_length=100, blank=True, help_text="e.g. “6 months”.")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="measures",
        help_text="The officer who enters this measure's figures.",
    )
    service = models.CharField(max_length=200, blank=True)
    data_source = models.CharField(max_length=300, blank=True)
    council_business_plan = models.BooleanField(default=True)
    is_current = models.BooleanField(
        default=True, help_text="Untick when the council stops reporting this measure."
    )
    about_target_range = models.TextField("About the target range", blank=True)
    about_benchmarking = models.TextField("About benchmarking", blank=True)
    source = models.TextField(blank=True, help_text="Where this measure's definition came from.")
    updated_at = models.DateTimeField(auto_now=True, db_default=Now())

    history = HistoricalRecords()
    objects = MeasureQuerySet.as_manager()

    class Meta:
        ordering = ["outcome__ambition__order", "outcome__order", "order", "reference"]
        constraints = [
            models.CheckConstraint(
                condition=Q(frequency="quarterly") | Q(due_quarter__isnull=False),
                name="annual_measure_has_due_quarter",
                violation_error_message="An annual measure needs the quarter it is reported in.",
            ),
            models.CheckConstraint(
                condition=Q(unit__in=[u.value for u in Unit]), name="measure_unit_known"
            ),
            models.CheckConstraint(
                condition=Q(polarity__in=[p.value for p in MEASURE_POLARITIES]),
                name="measure_polarity_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"

    @property
    def unit_kind(self) -> Unit:
        return Unit(self.unit)

    @property
    def polarity_kind(self) -> Polarity:
        return Polarity(self.polarity)

    @property
    def is_quarterly(self) -> bool:
        return self.frequency == Frequency.QUARTERLY

    def position_in(self, period: Period) -> Position:
        """The measure's position in a period; needs Measure.objects.with_figures()."""
        return position(
            period=period,
            polarity=self.polarity_kind,
            targets=list(self.targets.all()),
            figures=self.visible_figures,  # type: ignore[attr-defined]  # set by with_figures()
            scheme=rating_scheme(),
        )

    def is_due_in(self, period: Period) -> bool:
        """Whether the measure is in the period's report; needs Measure.objects.with_figures().

        Due by its target, or reported in the period (a measure without a target is Not rated).
        """
        return is_due_in(
            period=period,
            quarterly=self.is_quarterly,
            due_quarter=self.due_quarter,
            targets=list(self.targets.all()),
            figures=self.visible_figures,  # type: ignore[attr-defined]  # set by with_figures()
        )

    def explain_direction(
        self, direction: Direction, *, current: Decimal, earlier: Decimal, compared_with: str
    ) -> str:
        """What a direction of travel means for this measure, by its polarity, unit and noun."""
        return explain_direction(
            direction,
            current=current,
            earlier=earlier,
            polarity=self.polarity_kind,
            unit=self.unit_kind,
            noun=self.noun,
            compared_with=compared_with,
        )

    def format(self, value: Decimal | None) -> str:
        """A figure in this measure's unit and decimal places, e.g. "48.7 per 10,000"."""
        return format_value(value, self.unit_kind, self.decimal_places)

    def clean(self) -> None:
        if self.frequency == Frequency.ANNUAL and self.due_quarter is None:
            self.due_quarter = 4  # the papers' annual measures are reported in Q4
        if self.frequency == Frequency.QUARTERLY and self.due_quarter is not None:
            raise ValidationError(
                {
                    "due_quarter": "A quarterly measure is reported every quarter: "
                    "leave its reporting quarter empty."
                }
            )


class Target(models.Model):
    """A measure's target and tolerance band for a financial year (or one quarter of it)."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(
        help_text="The financial year's first calendar year: 2017 for 2017/18."
    )
    quarter = models.PositiveSmallIntegerField(
        choices=QUARTERS,
        null=True,
        blank=True,
        help_text="Leave empty for a whole-year target; set it to profile a quarter.",
    )
    value = models.DecimalField("target", null=True, blank=True, **FIGURE)
    band_low = models.DecimalField("tolerance band low end", null=True, blank=True, **FIGURE)
    band_high = models.DecimalField("tolerance band high end", null=True, blank=True, **FIGURE)
    follows = models.CharField(
        "follows a comparator",
        max_length=30,
        choices=FOLLOWING_CHOICES,
        blank=True,
        help_text="Set for a target “in line with” a comparator instead of a fixed number.",
    )
    follows_margin_above = models.DecimalField(
        "tolerance above the comparator", null=True, blank=True, **FIGURE
    )
    follows_margin_below = models.DecimalField(
        "tolerance below the comparator", null=True, blank=True, **FIGURE
    )
    about_target = models.TextField("About the target", blank=True)
    about_target_range = models.TextField("About the target range", blank=True)
    source = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True, db_default=Now())

    history = HistoricalRecords()

    class Meta:
        ordering = ["measure", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "year"],
                condition=Q(quarter__isnull=True),
                name="one_target_per_measure_year",
                violation_error_message="This measure already has a target for that year.",
            ),
            models.UniqueConstraint(
                fields=["measure", "year", "quarter"],
                condition=Q(quarter__isnull=False),
                name="one_target_per_measure_quarter",
                violation_error_message="This measure already has a target for that quarter.",
            ),
            models.CheckConstraint(
                condition=Q(band_low__isnull=True)
                | Q(value__isnull=True)
                | Q(band_low__lte=F("value")),
                name="target_band_low_not_above_target",
                violation_error_message="The low end of the band is above the target.",
            ),
            models.CheckConstraint(
                condition=Q(band_high__isnull=True)
                | Q(value__isnull=True)
                | Q(band_high__gte=F("value")),
                name="target_band_high_not_below_target",
                violation_error_message="The high end of the band is below the target.",
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=False) | ~Q(follows=""),
                name="target_has_value_or_follows_comparator",
                violation_error_message="Give a target, or say which comparator it follows.",
            ),
            models.CheckConstraint(
                condition=Q(quarter__isnull=True) | Q(quarter__gte=1, quarter__lte=4),
                name="target_quarter_1_to_4",
            ),
        ]

    def __str__(self) -> str:
        when = self.financial_year.label + (f" Q{self.quarter}" if self.quarter else "")
        return f"{self.measure.reference} {when}"

    @property
    def financial_year(self) -> FinancialYear:
        return FinancialYear(self.year)

    def _shown_as(self) -> tuple[Unit, int]:
        """The unit and places to write this target's numbers in, in a message.

        A measure being imported may not be saved yet, or not chosen yet in a form; on a
        measure's admin page its own unit and places may be mid-correction, and invalid.
        """
        measure = getattr(self, "measure", None)
        places = getattr(measure, "decimal_places", None)
        if (
            measure is None
            or measure.unit not in {unit.value for unit in Unit}
            or not isinstance(places, int)
            or not 0 <= places <= 4
        ):
            return Unit.NUMBER, 4
        return measure.unit_kind, places

    @property
    def derivation(self) -> str:
        """How a comparator-following target was set, in words; empty for a fixed target."""
        if not self.follows:
            return ""
        return describe_following(
            Comparator(self.follows),
            self.follows_margin_above,
            self.follows_margin_below,
            self.value,
            self.measure.unit_kind,
            self.measure.decimal_places,
        )

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if self.value is None and not self.follows:
            errors.setdefault("value", []).append(
                "Enter the target, or choose the comparator it follows."
            )
        if self.value is not None:
            unit, dp = self._shown_as()
            target = format_target(self.value, unit, dp)
            if self.band_low is not None and self.band_low > self.value:
                low = format_target(self.band_low, unit, dp)
                errors.setdefault("band_low", []).append(
                    f"The band must contain its target: the low end ({low}) "
                    f"is above the target ({target})."
                )
            if self.band_high is not None and self.band_high < self.value:
                high = format_target(self.band_high, unit, dp)
                errors.setdefault("band_high", []).append(
                    f"The band must contain its target: the high end ({high}) "
                    f"is below the target ({target})."
                )
        if errors:
            raise ValidationError(errors)


# What a target says, as opposed to which measure it belongs to: a change proposes these.
TARGET_TERMS = (
    "year",
    "quarter",
    "value",
    "band_low",
    "band_high",
    "follows",
    "follows_margin_above",
    "follows_margin_below",
    "about_target",
    "about_target_range",
    "source",
)


class ChangeState(models.TextChoices):
    PENDING = "pending", "Waiting for approval"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class TargetChangeQuerySet(models.QuerySet["TargetChange"]):
    def pending(self) -> TargetChangeQuerySet:
        return self.filter(state=ChangeState.PENDING)


class TargetChange(models.Model):
    """A change to a target, or a new target, waiting for (or given) a lead's decision."""

    # Made when an officer changes the target of a year that already has published figures:
    # the approved target keeps rating until a lead approves the change (it then becomes the
    # target) or rejects it. Kept afterwards as the record of who proposed and who decided.

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="target_changes")
    target = models.ForeignKey(
        Target,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="changes",
        help_text="The target it changes; empty for a new target.",
    )
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField(choices=QUARTERS, null=True, blank=True)
    value = models.DecimalField("target", null=True, blank=True, **FIGURE)
    band_low = models.DecimalField("tolerance band low end", null=True, blank=True, **FIGURE)
    band_high = models.DecimalField("tolerance band high end", null=True, blank=True, **FIGURE)
    follows = models.CharField(
        "follows a comparator", max_length=30, choices=FOLLOWING_CHOICES, blank=True
    )
    follows_margin_above = models.DecimalField(
        "tolerance above the comparator", null=True, blank=True, **FIGURE
    )
    follows_margin_below = models.DecimalField(
        "tolerance below the comparator", null=True, blank=True, **FIGURE
    )
    about_target = models.TextField("About the target", blank=True)
    about_target_range = models.TextField("About the target range", blank=True)
    source = models.TextField(blank=True)
    state = models.CharField(
        max_length=10, choices=ChangeState.choices, default=ChangeState.PENDING
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    proposed_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = TargetChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-proposed_at"]
        permissions = [("approve_targetchange", "Can approve or reject changes to targets")]
        constraints = [
            models.UniqueConstraint(
                fields=["target"],
                condition=Q(state="pending", target__isnull=False),
                name="one_pending_change_per_target",
                violation_error_message="This target already has a change waiting for approval.",
            ),
            models.UniqueConstraint(
                fields=["measure", "year"],
                condition=Q(state="pending", target__isnull=True, quarter__isnull=True),
                name="one_pending_new_target_per_year",
            ),
            models.UniqueConstraint(
                fields=["measure", "year", "quarter"],
                condition=Q(state="pending", target__isnull=True, quarter__isnull=False),
                name="one_pending_new_target_per_quarter",
            ),
            models.CheckConstraint(
                condition=Q(state__in=ChangeState.values), name="target_change_state_known"
            ),
            models.CheckConstraint(
                condition=Q(state="pending", decided_at__isnull=True)
                | (~Q(state="pending") & Q(decided_at__isnull=False)),
                name="target_change_decided_once_decided",
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=False) | ~Q(follows=""),
                name="target_change_has_value_or_follows",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure.reference} {self.financial_year_label} target change"

    @property
    def financial_year_label(self) -> str:
        return FinancialYear(self.year).label + (f" Q{self.quarter}" if self.quarter else "")

    @property
    def summary(self) -> str:
        """What the change proposes, in words: "target 48.7 per 10,000, band 48 to 49"."""
        unit, dp = self.measure.unit_kind, self.measure.decimal_places
        target = format_target(self.value, unit, dp) if self.value is not None else ""
        if self.follows:
            target = f"in line with {Comparator(self.follows).label}" + (
                f" ({target})" if target else ""
            )
        band = describe_band(self.band_low, self.band_high, unit, dp)
        return f"target {target}, band {band}"


class State(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    APPROVED = "approved", "Approved"
    PUBLISHED = "published", "Published"


class ActualQuerySet(models.QuerySet["Actual"]):
    def published(self) -> ActualQuerySet:
        return self.filter(state=State.PUBLISHED)

    def visible_to(self, user: User | None) -> ActualQuerySet:
        """Published figures; officers also see their own measures' unpublished figures."""
        # None stands for no one signed in, as an AnonymousUser does.
        if user is not None and user.is_authenticated:
            if user.has_perm("measures.approve_actual"):
                return self.all()
            if user.has_perm("measures.submit_actual"):
                return self.filter(Q(state=State.PUBLISHED) | Q(measure__owner=user))
        return self.published()

    def editable_by(self, user: User) -> ActualQuerySet:
        """The figures the user may change (measures.permissions' rule, in SQL)."""
        # Imported here: the rule reads State from this module.
        from measures.permissions import figure_role, may_change_figure

        role = figure_role(user)
        anyones = [s for s in State if may_change_figure(role=role, owner=False, state=s)]
        if len(anyones) == len(State):
            return self.all()
        owners = [s for s in State if may_change_figure(role=role, owner=True, state=s)]
        mine = Q(measure__owner_id=user.pk, state__in=owners) if user.pk else Q(pk__in=[])
        return self.filter(Q(state__in=anyones) | mine)

    def publication_days(self) -> dict[Period, list[date]]:
        """The days each quarter's published figures were published, by quarter. One query."""
        days: dict[Period, list[date]] = {}
        published = self.published().filter(published_at__isnull=False)
        for year, quarter, moment in published.values_list("year", "quarter", "published_at"):
            days.setdefault(Period(year, quarter), []).append(timezone.localdate(moment))
        return days


# What an officer enters for a figure, as opposed to which measure and quarter it is for.
FIGURE_TERMS = (
    "value",
    "numerator",
    "denominator",
    "missing_reason",
    "covers_from",
    "covers_to",
    "covers_label",
    "commentary",
    "forecast",
)


class Actual(models.Model):
    """A measure's figure as reported in a quarter, with the period it covers and commentary."""

    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="actuals")
    year = models.PositiveSmallIntegerField(
        help_text="The financial year it is reported in: 2017 for 2017/18."
    )
    quarter = models.PositiveSmallIntegerField(choices=QUARTERS)
    value = models.DecimalField(null=True, blank=True, **FIGURE)
    numerator = models.DecimalField(null=True, blank=True, **FIGURE)
    denominator = models.DecimalField(null=True, blank=True, **FIGURE)
    missing_reason = models.CharField(
        "why there is no figure",
        max_length=200,
        blank=True,
        help_text="Required when there is no value, e.g. “not yet available”.",
    )
    covers_from = models.DateField("covers from", null=True, blank=True)
    covers_to = models.DateField("covers to", null=True, blank=True)
    covers_label = models.CharField(
        "covered period in words",
        max_length=100,
        blank=True,
        help_text="e.g. “January 2016 to December 2016” or “As at 30 June 2017”.",
    )
    commentary = models.TextField("About the latest performance", blank=True)
    forecast = models.DecimalField(
        "year-end forecast",
        help_text="The value expected at 31 March.",
        null=True,
        blank=True,
        **FIGURE,
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    source = models.TextField(blank=True, help_text="Where the figure came from.")
    updated_at = models.DateTimeField(auto_now=True, db_default=Now())

    history = HistoricalRecords()
    objects = ActualQuerySet.as_manager()

    class Meta:
        verbose_name = "figure"
        ordering = ["measure", "year", "quarter"]
        permissions = [
            ("submit_actual", "Can submit figures for approval"),
            ("approve_actual", "Can approve figures"),
            ("publish_actual", "Can publish figures"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "year", "quarter"],
                name="one_figure_per_measure_period",
                violation_error_message="This measure already has a figure for that quarter.",
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="actual_quarter_1_to_4"
            ),
            models.CheckConstraint(
                condition=Q(covers_from__isnull=True)
                | Q(covers_to__isnull=True)
                | Q(covers_from__lte=F("covers_to")),
                name="actual_covers_in_order",
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=False)
                | ~Q(missing_reason="")
                | Q(numerator__isnull=False, denominator__isnull=False),
                name="actual_has_value_or_reason",
                violation_error_message="Enter a value or say why the figure is missing.",
            ),
            models.CheckConstraint(condition=Q(state__in=State.values), name="actual_state_known"),
        ]

    def __str__(self) -> str:
        return f"{self.measure.reference} {self.period.label}"

    @property
    def period(self) -> Period:
        return Period(self.year, self.quarter)

    @property
    def is_published(self) -> bool:
        return self.state == State.PUBLISHED

    @property
    def covers(self) -> str:
        """The covered period as a label, or its dates, or nothing."""
        if self.covers_label:
            return self.covers_label
        if self.covers_from and self.covers_to:
            return f"{self.covers_from:%Y-%m-%d} to {self.covers_to:%Y-%m-%d}"
        return ""

    def facts(self) -> FigureFacts:
        measure = self.measure
        return FigureFacts(
            reference=measure.reference,
            unit=measure.unit_kind,
            decimal_places=measure.decimal_places,
            quarterly=measure.is_quarterly,
            due_quarter=measure.due_quarter,
            period=self.period,
            value=self.value,
            numerator=self.numerator,
            denominator=self.denominator,
            forecast=self.forecast,
            covers_from=self.covers_from,
            covers_to=self.covers_to,
            missing_reason=self.missing_reason,
        )

    def clean(self) -> None:
        if not self.measure_id or self.year is None or self.quarter is None:
            return
        errors = check_figure(self.facts())
        if errors:
            raise ValidationError(errors)
        self.value = resolved_value(self.facts())

    def status_against(self, target: Target | None, *, forecast: bool = False) -> Status:
        """This figure's (or its forecast's) status against a target, by the council's scheme."""
        figure = self.forecast if forecast else self.value
        return rate(
            figure,
            target.value if target else None,
            target.band_low if target else None,
            target.band_high if target else None,
            polarity=self.measure.polarity_kind,
            scheme=rating_scheme(),
        )


# Benchmarking's models live in their own module but belong to this app: importing them
# here registers them. Benchmarking never imports this module.
from measures.benchmarking.models import (  # noqa: E402, F401
    Area,
    BenchmarkIndicator,
    BenchmarkValue,
    ComparatorGroup,
    GroupMember,
    GroupValue,
    MeasureBenchmark,
)


class ImportKind(models.TextChoices):
    LAIT = "lait", "LAIT (DfE's local authority interactive tool)"
    RELEASE = "release", "A statistical release (explore education statistics)"
    NEIGHBOURS = "neighbours", "A statistical neighbour model"


def import_upload_path(instance: ImportRun, filename: str) -> str:
    # Kept apart from anything served: the uploads are for the import and its record only.
    return f"imports/{instance.requested_at:%Y%m%d-%H%M%S}-{filename}"


class ImportRun(Job):
    """An import of national data uploaded in the admin and run by the worker, with its report."""

    kind = models.CharField(max_length=12, choices=ImportKind.choices)
    file = models.FileField(
        upload_to=import_upload_path,
        help_text="LAIT's long file (.parquet), the release's .csv, or the model's .xlsx or .csv.",
    )
    dictionary = models.FileField(
        upload_to=import_upload_path,
        blank=True,
        help_text="For LAIT only: its data dictionary, lait_data_dictionary.csv.",
    )
    options = models.JSONField(
        default=dict, blank=True, help_text="What the import command's options would say."
    )
    problems = models.JSONField(
        default=list, blank=True, help_text="Every problem found, one line each, rows named."
    )

    class Meta(Job.Meta):
        constraints = [
            Job.state_constraint("import_run_state_known"),
            models.CheckConstraint(
                condition=Q(kind__in=["lait", "release", "neighbours"]), name="import_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.file.name.rpartition('/')[2]}: {self.state}"
