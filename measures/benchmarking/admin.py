"""Benchmarking in the admin: areas, comparator groups (custom ones too) and indicators."""

from django.contrib import admin

from measures.benchmarking.models import (
    Area,
    BenchmarkIndicator,
    ComparatorGroup,
    GroupMember,
    GroupValue,
    MeasureBenchmark,
)
from scrutiny.formsets import SharedChoicesInline, UniqueRowsFormSet


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "old_code", "new_code", "region", "is_active"]
    list_filter = ["kind", "region", "is_active"]
    search_fields = ["name", "old_code", "new_code"]
    list_select_related = ["region"]


class GroupMemberInline(SharedChoicesInline, admin.TabularInline):
    formset = UniqueRowsFormSet
    model = GroupMember
    extra = 1
    autocomplete_fields = ["area"]


class GroupValueInline(SharedChoicesInline, admin.TabularInline):
    formset = UniqueRowsFormSet
    model = GroupValue
    extra = 0
    fields = ["indicator", "measure", "period", "value", "label", "source"]
    autocomplete_fields = ["indicator"]


@admin.register(ComparatorGroup)
class ComparatorGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "area", "version", "average"]
    list_filter = ["kind", "version"]
    search_fields = ["name", "area__name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [GroupMemberInline, GroupValueInline]


@admin.register(BenchmarkIndicator)
class BenchmarkIndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "source", "polarity", "decimal_places", "banded"]
    list_filter = ["source", "polarity", "banded", "topic"]
    search_fields = ["code", "title", "topic"]


@admin.register(MeasureBenchmark)
class MeasureBenchmarkAdmin(admin.ModelAdmin):
    list_display = ["measure", "indicator", "note"]
    autocomplete_fields = ["indicator"]
