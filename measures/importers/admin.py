"""National data imported from the admin: upload a file, the worker imports it, the run reports."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join

from measures.importers.releases import ReleaseRefused, parse_filters
from measures.importers.runs import queue_import
from measures.models import ImportKind, ImportRun
from measures.rules.units import Unit

POLARITIES = [("high", "A high figure is better"), ("low", "A low figure is better")]
POLARITIES += [("none", "Neither")]
RELEASE_FIELDS = ["column", "code", "title", "polarity", "unit"]


class ImportRunForm(forms.ModelForm):
    """What the import commands take as arguments, asked for by the kind of file."""

    column = forms.CharField(required=False, help_text="Release: the figure column.")
    filters = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Release: one NAME=VALUE a line, until one row is left per area and period.",
    )
    code = forms.CharField(required=False, help_text="Release: the indicator's code.")
    title = forms.CharField(required=False, help_text="Release: the indicator's title.")
    polarity = forms.ChoiceField(choices=[("", "—"), *POLARITIES], required=False)
    unit = forms.ChoiceField(
        choices=[("", "—"), *((u.value, u.value) for u in Unit)], required=False
    )
    decimal_places = forms.IntegerField(
        required=False, min_value=0, max_value=6, help_text="Release: round to this many places."
    )
    replace = forms.BooleanField(
        required=False, help_text="Release: take over a code another file already uses."
    )
    version = forms.CharField(
        required=False, help_text="Neighbour model: its version, like “May 2025”."
    )

    class Meta:
        model = ImportRun
        fields = ["kind", "file", "dictionary"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        if kind == ImportKind.LAIT and not data.get("dictionary"):
            self.add_error("dictionary", "LAIT's long file needs its data dictionary too.")
        if kind == ImportKind.RELEASE:
            for name in RELEASE_FIELDS:
                if not data.get(name):
                    self.add_error(name, "A release needs this.")
            try:
                data["filters"] = parse_filters(
                    [line for line in data.get("filters", "").splitlines() if line.strip()],
                    label="The filter",
                )
            except ReleaseRefused as refused:
                self.add_error("filters", str(refused))
        if kind == ImportKind.NEIGHBOURS and not data.get("version", "").strip():
            self.add_error("version", "A neighbour model needs its version.")
        return data

    def options(self) -> dict[str, Any]:
        data = self.cleaned_data
        if data["kind"] == ImportKind.RELEASE:
            names = [*RELEASE_FIELDS, "filters", "decimal_places", "replace"]
            return {name: data.get(name) for name in names}
        if data["kind"] == ImportKind.NEIGHBOURS:
            return {"version": data["version"]}
        return {}


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """Each import asked for, newest first, with what it did or every problem found."""

    form = ImportRunForm
    list_display = ["requested_at", "kind", "file_name", "state", "requested_by"]
    list_filter = ["kind", "state"]
    readonly_fields = [
        "kind",
        "file_name",
        "options",
        "state",
        "step",
        "report",
        "problem_list",
        "requested_by",
        "requested_at",
        "started_at",
        "finished_at",
    ]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return [
                "kind",
                "file",
                "dictionary",
                "column",
                "filters",
                "code",
                "title",
                "polarity",
                "unit",
                "decimal_places",
                "replace",
                "version",
            ]
        return self.readonly_fields

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.readonly_fields if obj is not None else []

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a run is a record: import again to change anything

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description="File")
    def file_name(self, run: ImportRun) -> str:
        return run.file.name.rpartition("/")[2]

    @admin.display(description="What it did")
    def report(self, run: ImportRun) -> str:
        return format_html("<pre>{}</pre>", run.outcome) if run.outcome else "–"

    @admin.display(description="Problems")
    def problem_list(self, run: ImportRun) -> str:
        if not run.problems:
            return "None"
        items = format_html_join("", "<li>{}</li>", ((problem,) for problem in run.problems))
        return format_html("<ul>{}</ul>", items)

    def save_model(self, request: HttpRequest, obj: ImportRun, form: Any, change: bool) -> None:
        obj.options = form.options()
        queue_import(run=obj, user=request.user)
        self.message_user(
            request,
            "The import is queued: its page shows what it did, or every problem found, when "
            "the worker has run it. Nothing is imported if any row has a problem.",
            messages.SUCCESS,
        )
