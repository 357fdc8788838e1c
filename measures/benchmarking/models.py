"""Areas, comparator groups, national indicators and their published values."""

from __future__ import annotations

import hashlib
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.utils.text import slugify

from measures.benchmarking.ranking import MISSING_CODES
from measures.rules.benchmark_periods import YEAR_TYPE_LABELS
from measures.rules.rating import BENCHMARK_POLARITIES, Polarity


class AreaKind(models.TextChoices):
    ENGLAND = "england", "England"
    REGION = "region", "Region"
    AUTHORITY = "authority", "Local authority"
    OTHER = "other", "Other area"  # e.g. a youth offending service area such as West Mercia
    # Authorities running children's services together, for which DfE publishes one figure.
    JOINT = "joint", "Joint return"


# Kinds whose figures are ranked and banded against one another: a joint return is one entry.
RANKED_KINDS = (AreaKind.AUTHORITY, AreaKind.JOINT)
# How DfE writes a joint return's codes: "940 / 941", "E06000061 / E06000062".
JOINT_SEPARATOR = " / "
_OLD = r"[0-9]{3}"
_NEW = r"E[0-9]{8}"


def joint_code(text: str) -> str:
    """A joint return's codes as stored, whatever their spacing or order: "940 / 941"."""
    parts = sorted(part.strip() for part in text.split("/"))
    return JOINT_SEPARATOR.join(parts)


class AreaQuerySet(models.QuerySet["Area"]):
    def authorities(self) -> AreaQuerySet:
        return self.filter(kind=AreaKind.AUTHORITY)

    def regions(self) -> AreaQuerySet:
        return self.filter(kind=AreaKind.REGION)

    def ranked(self) -> AreaQuerySet:
        """Authorities and joint returns: the entries a rank counts."""
        return self.filter(kind__in=RANKED_KINDS)

    def by_code(self, code: str) -> Area | None:
        """An area by either code: old (925), new (E10000019), or a joint return's (940 / 941).

        None for text that is no code at all (so a stray character never reaches the database).
        """
        code = code.strip()
        if "/" in code:
            code = joint_code(code)
        parts = code.split(JOINT_SEPARATOR)
        if not all(re.fullmatch(_OLD, part) for part in parts) and not all(
            re.fullmatch(_NEW, part) for part in parts
        ):
            return None
        return self.filter(Q(old_code=code) | Q(new_code=code)).first()


class Area(models.Model):
    """England, a region (or London's inner and outer parts), or a local authority."""

    kind = models.CharField(max_length=10, choices=AreaKind.choices)
    name = models.CharField(max_length=200)
    old_code = models.CharField(
        "old code",
        max_length=40,
        blank=True,
        help_text="DfE's three-digit code, e.g. 925; a joint return's, e.g. 940 / 941.",
    )
    new_code = models.CharField(
        "new code",
        max_length=100,
        blank=True,
        help_text="ONS nine-character code, e.g. E10000019; a joint return's, e.g. "
        "E06000061 / E06000062.",
    )
    region = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        help_text="An authority's region; inner and outer London belong to London.",
    )
    la_type = models.CharField("authority type", max_length=10, blank=True)
    is_active = models.BooleanField(
        default=True, help_text="Untick for an authority abolished or merged; it keeps its history."
    )
    joint_members = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="joint_returns",
        help_text="For a joint return: the authorities it reports for.",
    )

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["old_code"], condition=~Q(old_code=""), name="area_old_code_unique"
            ),
            models.UniqueConstraint(
                fields=["new_code"], condition=~Q(new_code=""), name="area_new_code_unique"
            ),
            # Authorities may share a name across a reorganisation (a new code, the same name).
            models.UniqueConstraint(
                fields=["kind", "name"],
                condition=~Q(kind="authority"),
                name="area_name_unique_per_kind",
            ),
            models.CheckConstraint(
                condition=Q(old_code="")
                | Q(old_code__regex=rf"^{_OLD}$")
                | Q(kind="joint", old_code__regex=rf"^{_OLD}( / {_OLD})+$"),
                name="area_old_code_three_digits",
            ),
            models.CheckConstraint(
                condition=Q(new_code="")
                | Q(new_code__regex=rf"^{_NEW}$")
                | Q(kind="joint", new_code__regex=rf"^{_NEW}( / {_NEW})+$"),
                name="area_new_code_nine_characters",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def code(self) -> str:
        """The nine-character code where known, otherwise the old three-digit code."""
        return self.new_code or self.old_code

    @property
    def is_joint(self) -> bool:
        return self.kind == AreaKind.JOINT

    def partners_of(self, member: Area) -> str:
        """For a joint return, the other authorities in it by name: "West Northamptonshire"."""
        names = [name for name in self.name.split(JOINT_SEPARATOR) if name != member.name]
        return " and ".join(names) if names else self.name


class GroupKind(models.TextChoices):
    ENGLAND = "england", "England"
    REGION = "region", "Region"
    STATISTICAL_NEIGHBOURS = "statistical_neighbours", "Statistical neighbours"
    CIPFA = "cipfa", "CIPFA nearest neighbours"
    YOT_FAMILY = "yot_family", "Youth Offending Team family"
    CUSTOM = "custom", "Custom group"


class GroupAverage(models.TextChoices):
    """Which average of its members' figures a group's rule prints."""

    MEAN = "mean", "Mean"
    MEDIAN = "median", "Median"
    MEAN_AND_MEDIAN = "mean_and_median", "Mean and median"


class ComparatorGroup(models.Model):
    """A set of areas an authority compares itself with."""

    kind = models.CharField(max_length=30, choices=GroupKind.choices)
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    area = models.ForeignKey(
        Area,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comparator_groups",
        help_text="Whose group this is (for statistical and CIPFA neighbours).",
    )
    version = models.CharField(
        max_length=40, blank=True, help_text="The model's version, e.g. “May 2025”."
    )
    in_force_from = models.DateField(
        "in force from",
        null=True,
        blank=True,
        help_text="When this version came into use (read from a version like “May 2025”). "
        "A figure is compared with the version in force for its period.",
    )
    average = models.CharField(
        max_length=20,
        choices=GroupAverage.choices,
        default=GroupAverage.MEAN,
        help_text="Which average of the members' figures the group's tables print, as the "
        "group's publisher does (DfE's dashboards show the median beside the mean).",
    )
    description = models.TextField(blank=True)
    source = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True, db_default=Now())

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "area", "version"],
                condition=Q(area__isnull=False),
                name="one_group_per_kind_area_version",
            )
        ]

    def __str__(self) -> str:
        return self.name


class GroupMember(models.Model):
    """A member of a comparator group: an area, or a named body that is not one."""

    group = models.ForeignKey(ComparatorGroup, on_delete=models.CASCADE, related_name="members")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, null=True, blank=True)
    name = models.CharField(max_length=200, help_text="As the source names the member.")
    position = models.PositiveSmallIntegerField(default=0)
    closeness = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["group", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["group", "name"], name="member_named_once_per_group")
        ]

    def __str__(self) -> str:
        return self.name


def indicator_slug(code: str) -> str:
    """A URL-safe slug for a LAIT code: readable words plus a stable hash of the exact code.

    Codes hold spaces, %, & and commas, and two codes may slugify alike ("LAC_%" and "LAC"), so
    the hash keeps slugs unique and the same on every machine and import.
    """
    base = slugify(code.replace("_", " "))[:100].strip("-") or "indicator"
    digest = hashlib.sha256(code.encode("utf-8")).hexdigest()[:6]
    return f"{base}-{digest}"


class BenchmarkIndicator(models.Model):
    """A nationally published indicator: from LAIT or a named statistical release column."""

    source = models.CharField(max_length=200, help_text="“LAIT” or the release file's name.")
    code = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=120, unique=True, help_text="Used in addresses.")
    title = models.CharField(max_length=500)
    topic = models.CharField(max_length=200, blank=True)
    unit = models.CharField(max_length=40, blank=True, help_text="A measure unit code, if any.")
    y_axis_name = models.CharField(max_length=200, blank=True)
    decimal_places = models.PositiveSmallIntegerField(null=True, blank=True)
    year_type = models.CharField(
        "year type",
        max_length=20,
        blank=True,
        choices=[(kind.value, label) for kind, label in YEAR_TYPE_LABELS.items() if kind.value],
        help_text="What a period's label counts (LAIT's Year_Type, a release's time_identifier), "
        "so each figure is compared with the periods ending by its own end.",
    )
    polarity = models.CharField(
        max_length=10,
        choices=[(p.value, p.label) for p in BENCHMARK_POLARITIES],
        default=Polarity.NONE,
    )
    banded = models.BooleanField(default=True, help_text="Whether quartile bands apply.")
    description = models.TextField(blank=True)
    source_column = models.CharField(max_length=200, blank=True)
    source_filters = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True, db_default=Now())

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        # An emptied box in the admin means no filters (the column cannot hold null).
        if self.source_filters is None:
            self.source_filters = {}
        if not isinstance(self.source_filters, dict):
            raise ValidationError(
                {"source_filters": 'Write the filters as {"column": "value"}, or leave it empty.'}
            )


class BenchmarkValue(models.Model):
    """One area's published figure for an indicator and period; missing is never zero."""

    indicator = models.ForeignKey(
        BenchmarkIndicator, on_delete=models.CASCADE, related_name="values"
    )
    period = models.CharField(max_length=40, help_text="As published: 2024-25, 2016-17 (OT).")
    period_key = models.IntegerField(db_index=True)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="benchmark_values")
    value = models.DecimalField(max_digits=20, decimal_places=6, null=True, blank=True)
    status = models.CharField(
        max_length=4,
        blank=True,
        choices=[(code, f"{code}: {meaning}") for code, meaning in MISSING_CODES.items()],
        help_text="The source's missing-value code, when there is no value.",
    )
    raw = models.CharField(max_length=60, blank=True, help_text="The text as published.")
    updated_at = models.DateTimeField(auto_now=True, db_default=Now())

    class Meta:
        ordering = ["indicator", "period_key", "area"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period", "area"], name="one_value_per_indicator_period_area"
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(status=""),
                name="benchmark_value_or_missing_code",
            ),
        ]
        indexes = [models.Index(fields=["indicator", "period_key"])]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period} {self.area}"


class GroupValue(models.Model):
    """A comparator group's figure as the source printed it (pooled, not averaged)."""

    group = models.ForeignKey(ComparatorGroup, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(
        BenchmarkIndicator, on_delete=models.CASCADE, null=True, blank=True
    )
    measure = models.ForeignKey("measures.Measure", on_delete=models.CASCADE, null=True, blank=True)
    period = models.CharField(max_length=60)
    period_key = models.IntegerField(null=True, blank=True)
    value = models.DecimalField(max_digits=20, decimal_places=6, null=True, blank=True)
    printed_as = models.CharField(
        "printed as",
        max_length=40,
        blank=True,
        help_text="The figure exactly as the source printed it, e.g. “31.80%”, where that "
        "differs from the plain number.",
    )
    label = models.CharField(
        max_length=200, blank=True, help_text="What the figure is, e.g. “rate per 100,000”."
    )
    source = models.TextField(blank=True)

    class Meta:
        ordering = ["group", "period_key", "label"]

    def __str__(self) -> str:
        return f"{self.group} {self.period}: {self.value}"


class MeasureBenchmark(models.Model):
    """A national indicator a measure is compared with."""

    measure = models.ForeignKey(
        "measures.Measure", on_delete=models.CASCADE, related_name="benchmarks"
    )
    indicator = models.ForeignKey(BenchmarkIndicator, on_delete=models.CASCADE)
    note = models.CharField(
        max_length=300,
        blank=True,
        help_text="e.g. when our figure is a count and the national one a rate.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["measure", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "indicator"], name="indicator_linked_once_per_measure"
            )
        ]

    def __str__(self) -> str:
        return f"{self.measure.reference} ~ {self.indicator.code}"
