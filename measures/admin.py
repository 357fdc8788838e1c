"""Officers' entry of measures, targets and quarterly figures, with sign-off and history."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import URLPattern, path, reverse
from import_export.admin import ImportExportMixin
from openpyxl import Workbook

from measures.figure_entry import figure_entry, reporting_period, return_period
from measures.importers.resources import (
    ActualResource,
    ReturnCSV,
    ReturnXLSX,
    preview_rows,
    result_problems,
    return_template,
)
from measures.importers.tabular import TableError
from measures.models import (
    FIGURE_TERMS,
    TARGET_TERMS,
    Actual,
    Ambition,
    Measure,
    MeasureQuerySet,
    Outcome,
    State,
    Target,
    TargetChange,
)
from measures.permissions import may_change, owns
from measures.rules.periods import FinancialYear, Period
from measures.rules.rating import Status
from measures.rules.targets import target_for
from measures.spreadsheets import SafeCSV, SafeXLSX, spreadsheet_response
from measures.target_changes import (
    TargetChangeRefused,
    approve_target_change,
    is_target_lead,
    reject_target_change,
    save_target,
)
from measures.workflow import Action, NotAllowed, move
from scrutiny.admin_history import GuardedHistoryAdmin
from scrutiny.formsets import UniqueRowsFormSet

if TYPE_CHECKING:
    from measures.permissions import SignedInUser


def is_lead(request: HttpRequest) -> bool:
    return request.user.has_perm("measures.approve_actual")


def signed_in(request: HttpRequest) -> SignedInUser:
    """The user changing things: the admin signs everyone in before any of its pages."""
    user = request.user
    if not user.is_authenticated:
        raise PermissionDenied
    return user


@admin.register(Ambition)
class AmbitionAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]


@admin.register(Outcome)
class OutcomeAdmin(admin.ModelAdmin):
    list_display = ["name", "ambition", "order"]
    list_editable = ["order"]
    list_filter = ["ambition"]
    list_select_related = ["ambition"]


class FinancialYearField(forms.CharField):
    """A financial year typed as "2017/18", stored as its first calendar year."""

    def to_python(self, value: Any) -> int | None:  # type: ignore[override]  # text to a year
        text = super().to_python(value)
        if not text:
            return None
        try:
            return FinancialYear.parse(text).start_year
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None

    def prepare_value(self, value: Any) -> Any:
        return FinancialYear(value).label if isinstance(value, int) else value


class TargetForm(forms.ModelForm):
    year = FinancialYearField(label="Financial year", help_text="Like 2017/18.")

    class Meta:
        model = Target
        fields = ["measure", *TARGET_TERMS]


def pending_changes() -> Prefetch:
    """Each target's change waiting for approval, fetched with the targets in one query."""
    return Prefetch(
        "changes",
        queryset=TargetChange.objects.pending().select_related("proposed_by", "measure"),
        to_attr="pending_changes",
    )


def describe_change(change: TargetChange) -> str:
    """A pending change in words, for staff: what, by whom, since when."""
    by = change.proposed_by.get_username() if change.proposed_by else "someone"
    return (
        f"{change.summary} (proposed by {by} on {change.proposed_at:%-d %B %Y}; "
        "the approved target rates figures until a performance lead approves it)"
    )


def _pending_text(target: Target) -> str:
    changes = getattr(target, "pending_changes", None)
    if changes is None:
        changes = list(target.changes.pending().select_related("proposed_by")) if target.pk else []
    return describe_change(changes[0]) if changes else "None"


class TargetInline(admin.StackedInline):
    formset = UniqueRowsFormSet
    model = Target
    form = TargetForm
    extra = 0
    readonly_fields = ["pending_change"]
    fieldsets = [
        (None, {"fields": [("year", "quarter"), ("value", "band_low", "band_high")]}),
        (None, {"fields": ["pending_change"]}),
        (
            "A target that follows a comparator",
            {
                "classes": ["collapse"],
                "fields": [("follows", "follows_margin_above", "follows_margin_below")],
            },
        ),
        (None, {"fields": ["about_target", "about_target_range", "source"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).prefetch_related(pending_changes())

    @admin.display(description="Change waiting for approval")
    def pending_change(self, target: Target) -> str:
        return _pending_text(target)


class FigureStateFilter(admin.SimpleListFilter):
    """Whether the reporting quarter's figure is missing, drafted, submitted or published."""

    parameter_name = "figure"

    def __init__(self, request: HttpRequest, *args: Any) -> None:
        self.period = reporting_period()
        self.title = f"figure for {self.period.label}"
        super().__init__(request, *args)

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("missing", "Missing (due but not entered)"), *State.choices]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet | None:
        period = self.period
        if self.value() == "missing":
            # The changelist's queryset comes from Measure.objects.
            return cast(MeasureQuerySet, queryset).missing_figure_in(period)
        if self.value() in State.values:
            return queryset.filter(
                actuals__year=period.year,
                actuals__quarter=period.quarter,
                actuals__state=self.value(),
            )
        return None


@admin.register(Measure)
class MeasureAdmin(GuardedHistoryAdmin):
    list_display = [
        "reference",
        "title",
        "ambition",
        "outcome",
        "unit",
        "polarity",
        "frequency",
        "owner",
        "figure_state",
    ]
    list_display_links = ["reference", "title"]
    list_filter = ["owner", "service", "frequency", FigureStateFilter, "outcome__ambition"]
    search_fields = ["reference", "title"]
    inlines = [TargetInline]
    lead_only_fields = [
        "reference",
        "outcome",
        "order",
        "unit",
        "decimal_places",
        "polarity",
        "frequency",
        "due_quarter",
        "owner",
        "is_current",
        "council_business_plan",
    ]
    fieldsets = [
        (None, {"fields": ["reference", "title", ("outcome", "order"), "owner", "service"]}),
        (
            "What is measured",
            {
                "fields": [
                    "definition",
                    "numerator_definition",
                    "denominator_definition",
                    ("unit", "decimal_places"),
                    "polarity",
                    "noun",
                    ("frequency", "due_quarter"),
                    ("how_taken", "data_lag"),
                    "data_source",
                    ("council_business_plan", "is_current"),
                ]
            },
        ),
        ("About", {"fields": ["about_target_range", "about_benchmarking", "source"]}),
        ("Target changes waiting for approval", {"fields": ["pending_target_changes"]}),
    ]

    @admin.display(description="Waiting for a performance lead")
    def pending_target_changes(self, measure: Measure) -> str:
        if measure.pk is None:
            return "None"
        changes = measure.target_changes.pending().select_related("proposed_by", "measure")
        return "; ".join(f"{c.financial_year_label}: {describe_change(c)}" for c in changes) or (
            "None"
        )

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is not Target:
            super().save_formset(request, form, formset, change)
            return
        targets = formset.save(commit=False)
        for target in formset.deleted_objects:
            target.delete()
        for target in targets:
            held = save_target(target=target, by=signed_in(request))
            if held:
                self.message_user(request, waiting_message(held), messages.INFO)
        formset.save_m2m()

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        period = reporting_period()
        state = Actual.objects.filter(
            measure=OuterRef("pk"), year=period.year, quarter=period.quarter
        ).values("state")[:1]
        return (
            super()
            .get_queryset(request)
            .select_related("outcome__ambition", "owner")
            .annotate(period_state=Subquery(state))
        )

    @admin.display(description="Ambition", ordering="outcome__ambition__order")
    def ambition(self, measure: Measure) -> str:
        return measure.outcome.ambition.name

    @admin.display(description="Reporting quarter's figure")
    def figure_state(self, measure: Measure) -> str:
        # period_state is annotated by get_queryset.
        state = measure.period_state  # type: ignore[attr-defined]
        return State(state).label if state else "Not entered"

    def get_readonly_fields(self, request: HttpRequest, obj: Measure | None = None) -> list[str]:
        lead = request.user.has_perm("measures.add_measure")
        return ["pending_target_changes", *([] if lead else self.lead_only_fields)]

    def has_change_permission(self, request: HttpRequest, obj: Measure | None = None) -> bool:
        allowed = super().has_change_permission(request, obj)
        if obj is None or not allowed or request.user.has_perm("measures.add_measure"):
            return allowed
        return owns(request.user, obj)


def waiting_message(change: TargetChange) -> str:
    return (
        f"{change}: {change.measure.reference} already has published figures for "
        f"{change.financial_year_label}, so your change waits for a performance lead's "
        "approval. Until then the approved target keeps rating them."
    )


@admin.register(Target)
class TargetAdmin(GuardedHistoryAdmin):
    form = TargetForm
    list_display = [
        "measure",
        "financial_year",
        "quarter",
        "value",
        "band_low",
        "band_high",
        "pending_change",
    ]
    list_filter = ["year", "measure__owner"]
    list_select_related = ["measure"]
    search_fields = ["measure__reference", "measure__title"]
    readonly_fields = ["pending_change"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).prefetch_related(pending_changes())

    @admin.display(description="Change waiting for approval")
    def pending_change(self, target: Target) -> str:
        return _pending_text(target)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        # Officers set targets for the measures they own, as they enter their figures.
        if db_field.name == "measure" and not is_target_lead(request.user):
            kwargs["queryset"] = Measure.objects.owned_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request: HttpRequest, obj: Target | None = None) -> bool:
        allowed = super().has_change_permission(request, obj)
        if obj is None or not allowed or is_target_lead(request.user):
            return allowed
        return owns(request.user, obj.measure)

    def save_model(self, request: HttpRequest, obj: Target, form: Any, change: bool) -> None:
        # response_add and response_change read the held change to say it awaits approval.
        obj._held = save_target(target=obj, by=signed_in(request))  # type: ignore[attr-defined]

    def log_addition(self, request: HttpRequest, obj: Target, message: Any) -> Any:
        if getattr(obj, "_held", None) is None:
            return super().log_addition(request, obj, message)
        return None  # nothing was added yet: the proposal is its own record

    def log_change(self, request: HttpRequest, obj: Target, message: Any) -> Any:
        if getattr(obj, "_held", None) is None:
            return super().log_change(request, obj, message)
        return super().log_change(request, obj, "Proposed a change for approval.")

    def response_add(self, request: HttpRequest, obj: Target, *args: Any) -> HttpResponse:
        return self._held_response(request, obj) or super().response_add(request, obj, *args)

    def response_change(self, request: HttpRequest, obj: Target) -> HttpResponse:
        return self._held_response(request, obj) or super().response_change(request, obj)

    def _held_response(self, request: HttpRequest, obj: Target) -> HttpResponse | None:
        held = getattr(obj, "_held", None)
        if held is None:
            return None
        self.message_user(request, waiting_message(held), messages.INFO)
        return HttpResponseRedirect(reverse("admin:measures_targetchange_changelist"))


@admin.register(TargetChange)
class TargetChangeAdmin(admin.ModelAdmin):
    """Changes to targets waiting for approval, and the record of those decided."""

    list_display = [
        "measure",
        "financial_year_label",
        "summary",
        "state",
        "proposed_by",
        "proposed_at",
        "decided_by",
        "decided_at",
    ]
    list_filter = ["state", "year"]
    list_select_related = ["measure", "proposed_by", "decided_by"]
    search_fields = ["measure__reference", "measure__title"]
    actions = ["approve", "reject"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # changes are proposed from the target pages

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # approved or rejected by the actions, never edited

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # kept as the record of who proposed and who decided

    def has_decide_permission(self, request: HttpRequest) -> bool:
        return is_target_lead(request.user)

    def _decide(self, request: HttpRequest, queryset: QuerySet, decide: Any, verb: str) -> None:
        done = 0
        for change in queryset:
            try:
                decide(change=change, by=signed_in(request))
                done += 1
            except TargetChangeRefused as refusal:
                self.message_user(request, str(refusal), messages.ERROR)
        if done:
            self.message_user(request, f"{done} target change(s) {verb}.", messages.SUCCESS)

    @admin.action(description="Approve the selected target changes", permissions=["decide"])
    def approve(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._decide(request, queryset, approve_target_change, "approved")

    @admin.action(description="Reject the selected target changes", permissions=["decide"])
    def reject(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._decide(request, queryset, reject_target_change, "rejected")


class PeriodField(forms.CharField):
    """A reporting period typed as "2017/18 Q1"."""

    def to_python(self, value: Any) -> Period | None:  # type: ignore[override]  # text to a period
        text = super().to_python(value)
        if not text:
            return None
        try:
            return Period.parse(text)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


class ActualForm(forms.ModelForm):
    period = PeriodField(
        label="Reported in", help_text="The quarter the figure is reported in, like 2017/18 Q1."
    )

    class Meta:
        model = Actual
        fields = [
            "measure",
            "period",
            *FIGURE_TERMS,
            "source",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["period"] = self.instance.period.label

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        period, measure = data.get("period"), data.get("measure")
        if period and measure:
            self.instance.year, self.instance.quarter = period.year, period.quarter
            clash = Actual.objects.filter(measure=measure, year=period.year, quarter=period.quarter)
            if clash.exclude(pk=self.instance.pk).exists():
                self.add_error(
                    "period",
                    f"{measure.reference} already has a figure for {period.label}: "
                    "change that one instead.",
                )
        return data


def template_workbook(headers: list[str], rows: list[list[str]], measures: Any) -> bytes:
    """The return template as Excel: the return on the first sheet, the measures on another."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Return"
    for values in [headers, *rows]:
        sheet.append(values)
    about = book.create_sheet("Your measures")
    about.append(["measure", "title", "unit", "decimal places", "reported"])
    for measure in measures:
        yearly = f"once a year, in Q{measure.due_quarter}"
        reported = "quarterly" if measure.is_quarterly else yearly
        about.append(
            [
                measure.reference,
                measure.title,
                measure.unit_kind.label,
                measure.decimal_places,
                reported,
            ]
        )
    for cells in (*sheet.iter_rows(), *about.iter_rows()):
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text stays text, even if it starts with "="
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@admin.register(Actual)
class ActualAdmin(ImportExportMixin, GuardedHistoryAdmin):
    form = ActualForm
    resource_classes = [ActualResource]
    # Uploads are read by the same reader as import_return, so rows are numbered alike.
    import_formats = [ReturnCSV, ReturnXLSX]
    # Exported cells can never run as formulas (measures/spreadsheets.py).
    export_formats = [SafeCSV, SafeXLSX]
    change_form_template = "admin/measures/actual/change_form.html"
    import_template_name = "admin/measures/actual/import.html"
    list_display = [
        "measure_reference",
        "measure_title",
        "period_label",
        "figure",
        "status_word",
        "state",
        "published_at",
    ]
    list_filter = ["state", "year", "quarter", "measure__owner", "measure__outcome__ambition"]
    list_select_related = ["measure"]
    search_fields = ["measure__reference", "measure__title"]
    actions = ["submit", "approve", "publish", "return_to_draft"]
    readonly_fields = [
        "state",
        "submitted_by",
        "submitted_at",
        "approved_by",
        "approved_at",
        "published_by",
        "published_at",
    ]

    def get_fieldsets(self, request: HttpRequest, obj: Actual | None = None) -> list:
        return [
            (None, {"fields": ["measure", "period"]}),
            (
                "The figure",
                {
                    "fields": [
                        "value",
                        ("numerator", "denominator"),
                        "missing_reason",
                        ("covers_from", "covers_to"),
                        "covers_label",
                        "forecast",
                    ]
                },
            ),
            ("About the latest performance", {"fields": ["commentary", "source"]}),
            (
                "Sign-off",
                {
                    "fields": [
                        "state",
                        ("submitted_by", "submitted_at"),
                        ("approved_by", "approved_at"),
                        ("published_by", "published_at"),
                    ]
                },
            ),
        ]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = (
            super()
            .get_queryset(request)
            .select_related("measure")
            .prefetch_related("measure__targets")
        )
        if is_lead(request):
            return queryset
        if request.user.has_perm("measures.submit_actual"):
            return queryset.filter(measure__owner_id=request.user.pk)
        # Other staff (scrutiny officers) read published figures only, as members do.
        return queryset.filter(state=State.PUBLISHED)

    def visible_history(self, request: HttpRequest, obj: Actual, records: QuerySet) -> QuerySet:
        # Drafts are their owner's and the leads' working papers, in history as anywhere.
        if is_lead(request) or owns(request.user, obj.measure):
            return records
        return records.filter(state=State.PUBLISHED)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "measure":
            kwargs["queryset"] = Measure.objects.editable_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request: HttpRequest, obj: Actual | None = None) -> bool:
        allowed = super().has_change_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return may_change(request.user, measure=obj.measure, state=obj.state)

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("period", reporting_period().label)
        return initial

    def save_model(self, request: HttpRequest, obj: Actual, form: Any, change: bool) -> None:
        if not is_lead(request) and obj.state != State.DRAFT:
            # An officer's correction needs signing off again.
            obj.state = State.DRAFT
            messages.info(request, f"{obj} was returned to draft: submit it again when ready.")
        super().save_model(request, obj, form, change)

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> HttpResponse:
        if request.method == "POST" and "_preview" in request.POST:
            return self.preview_view(request, object_id, form_url, extra_context)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def preview_view(
        self,
        request: HttpRequest,
        object_id: str | None,
        form_url: str,
        extra_context: dict | None,
    ) -> HttpResponse:
        """The entry form again with the status its figures would get; nothing is saved."""
        add = object_id is None
        obj = None if object_id is None else self.get_object(request, unquote(object_id))
        allowed = (
            self.has_add_permission(request)
            if add
            else obj is not None and self.has_change_permission(request, obj)
        )
        if not allowed:
            raise PermissionDenied
        fieldsets = self.get_fieldsets(request, obj)
        fields = flatten_fieldsets(fieldsets)
        form_class = self.get_form(request, obj, change=not add, fields=fields)
        form = form_class(request.POST, request.FILES, instance=obj)
        if form.is_valid():
            measure, period = form.cleaned_data["measure"], form.cleaned_data["period"]
            figures = self._entry_subject(request, form, obj)[2]
            entry = figure_entry(measure=measure, period=period, figures=figures)
            figure = entry.value_text or "no figure"
            status = entry.status.label if entry.status else ""
            self.message_user(
                request,
                f"Not saved yet: {measure.reference} {period.label} would be {figure}, "
                f"{status}. Save when you are ready.",
                messages.INFO,
            )
        admin_form = helpers.AdminForm(
            form, list(fieldsets), {}, self.get_readonly_fields(request, obj), model_admin=self
        )
        context = {
            **self.admin_site.each_context(request),
            "title": f"{'Add' if add else 'Change'} {self.opts.verbose_name}",
            "subtitle": str(obj) if obj else None,
            "adminform": admin_form,
            "object_id": object_id,
            "original": obj,
            "is_popup": False,
            "to_field": None,
            "media": self.media + admin_form.media,
            "inline_admin_formsets": [],
            "errors": helpers.AdminErrorList(form, []),
            "preserved_filters": self.get_preserved_filters(request),
            **(extra_context or {}),
        }
        return self.render_change_form(
            request, context, add=add, change=not add, form_url=form_url, obj=obj
        )

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict,
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Actual | None = None,
    ) -> Any:
        measure, period, figures = self._entry_subject(request, context["adminform"].form, obj)
        if measure:
            context["entry"] = figure_entry(measure=measure, period=period, figures=figures)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _entry_subject(
        self, request: HttpRequest, form: ActualForm, obj: Actual | None
    ) -> tuple[Measure | None, Period | None, dict[str, Any]]:
        """The measure, period and figures the entry panel describes: as typed, or as saved."""
        if form.is_bound:
            # Only what the form could read: a field with an error counts as empty.
            cleaned = getattr(form, "cleaned_data", {})
            figures = {name: cleaned.get(name) for name in FIGURE_TERMS}
            return cleaned.get("measure"), cleaned.get("period"), figures
        if obj:
            return obj.measure, obj.period, {name: getattr(obj, name) for name in FIGURE_TERMS}
        measure_id = request.GET.get("measure", "")
        measure = Measure.objects.filter(pk=measure_id).first() if measure_id.isdigit() else None
        return measure, reporting_period(), {}

    def get_urls(self) -> list[URLPattern]:
        template = path(
            "import/template.<str:fmt>",
            self.admin_site.admin_view(self.import_template_view),
            name="measures_actual_import_template",
        )
        return [template, *super().get_urls()]

    def import_template_view(self, request: HttpRequest, fmt: str) -> HttpResponse:
        """A return to fill in: the headings, an example row and the user's own measures."""
        if not self.has_import_permission(request) or fmt not in ("csv", "xlsx"):
            raise PermissionDenied
        measures = Measure.objects.filter(is_current=True).editable_by(request.user)
        measures = measures.in_council_order()
        period = return_period()
        headers, rows = return_template(measures=list(measures), period=period)
        name = f"return-{period.label.replace('/', '-').replace(' ', '-')}"
        content: str | bytes
        if fmt == "xlsx":
            content = template_workbook(headers, rows, measures)
        else:
            out = io.StringIO()
            csv.writer(out, lineterminator="\r\n").writerows([headers, *rows])
            content = "\ufeff" + out.getvalue()
        return spreadsheet_response(content, fmt=fmt, name=name)

    def import_action(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None) or {}
        result = context.get("result")
        if result is not None:
            # Every problem as text, by spreadsheet row, exactly as import_return words it.
            context["problems"] = result_problems(
                result, row_numbers=getattr(result, "row_numbers", None)
            )
            context["preview"] = preview_rows(result)
        return response

    def get_import_data_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        # The preview rates each row's figure, so it needs the row's unsaved figure.
        return {**super().get_import_data_kwargs(**kwargs), "retain_instance_in_row_result": True}

    def add_data_read_fail_error_to_form(self, form: Any, e: Exception) -> None:
        if isinstance(e, TableError):
            form.add_error("import_file", str(e))
        else:
            super().add_data_read_fail_error_to_form(form, e)

    def get_import_resource_kwargs(self, request: HttpRequest, **kwargs: Any) -> dict[str, Any]:
        # Uploaded returns start as drafts of the uploader's own measures, like typed ones.
        return {
            **super().get_import_resource_kwargs(request, **kwargs),
            "state": State.DRAFT,
            "user": request.user,
        }

    @admin.display(description="Measure", ordering="measure__reference")
    def measure_reference(self, actual: Actual) -> str:
        return actual.measure.reference

    @admin.display(description="Title")
    def measure_title(self, actual: Actual) -> str:
        return actual.measure.title

    @admin.display(description="Reported in", ordering="year")
    def period_label(self, actual: Actual) -> str:
        return actual.period.label

    @admin.display(description="Figure")
    def figure(self, actual: Actual) -> str:
        return actual.measure.format(actual.value) or f"None ({actual.missing_reason})"

    @admin.display(description="Status")
    def status_word(self, actual: Actual) -> str:
        targets = list(actual.measure.targets.all())
        status: Status = actual.status_against(target_for(targets, actual.period))
        return f"{status.symbol} {status.label}"

    def _move(self, request: HttpRequest, queryset: QuerySet, action: Action) -> None:
        moved = 0
        for actual in queryset.select_related("measure"):
            try:
                move(actual=actual, action=action, by=signed_in(request))
                moved += 1
            except NotAllowed as refusal:
                self.message_user(request, str(refusal), messages.ERROR)
        if moved:
            verb = action.value.replace("_", " ")
            self.message_user(request, f"{moved} figure(s): {verb} done.", messages.SUCCESS)

    @admin.action(description="Submit selected figures for approval", permissions=["submit"])
    def submit(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._move(request, queryset, Action.SUBMIT)

    @admin.action(description="Approve selected figures", permissions=["approve"])
    def approve(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._move(request, queryset, Action.APPROVE)

    @admin.action(description="Publish selected figures", permissions=["publish"])
    def publish(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._move(request, queryset, Action.PUBLISH)

    @admin.action(description="Return selected figures to draft", permissions=["approve"])
    def return_to_draft(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._move(request, queryset, Action.RETURN_TO_DRAFT)

    def has_submit_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("measures.submit_actual")

    def has_approve_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("measures.approve_actual")

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("measures.publish_actual")


# Benchmarking's admin pages register themselves on import.
from measures.benchmarking import admin as benchmarking_admin  # noqa: E402, F401
from measures.importers import admin as importers_admin  # noqa: E402, F401
