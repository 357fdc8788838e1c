"""Admin history pages that show and restore only what the user may see and change."""

from __future__ import annotations

from typing import Any

from django.contrib.admin import helpers
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.safestring import mark_safe
from simple_history.admin import SimpleHistoryAdmin


class GuardedHistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose history pages keep the change page's own rules.

    django-simple-history opens a record's history to anyone who may view it, and its
    "Revert" page builds an add form (every field editable) and saves the old version
    whole, read-only fields and all. Here the history of a record opens only when the
    record is one this admin shows the user (its queryset holds ownership rules), lists only
    the versions visible_history() allows, and restoring a version is a change like any
    other: it needs change permission on the record as it stands, posts the change page's
    own form (same read-only fields, same choices) onto the current record, and is saved by
    the admin's own save_model (so figures go back to draft and target changes wait for
    approval exactly as on the change page).

    Both apps use it, so it lives here; measures and committees import it, never each other.
    """

    def visible_history(self, request: HttpRequest, obj: Any, records: QuerySet) -> QuerySet:
        """The versions of obj this user may read: all of them, unless an admin says less."""
        return records

    def _viewable(self, request: HttpRequest, object_id: str) -> Any:
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("There is no such record, or it is not yours to see.")
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def _versions(self, request: HttpRequest, obj: Any) -> QuerySet:
        manager = getattr(self.model, self.model._meta.simple_history_manager_attribute)
        records = manager.filter(**{self.model._meta.pk.attname: obj.pk})
        return self.visible_history(request, obj, records)

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict | None = None
    ) -> HttpResponse:
        self._viewable(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def get_history_queryset(
        self, request: HttpRequest, history_manager: Any, pk_name: str, object_id: Any
    ) -> QuerySet:
        records = super().get_history_queryset(request, history_manager, pk_name, object_id)
        obj = self.get_object(request, str(object_id))
        return self.visible_history(request, obj, records) if obj else records.none()

    def history_form_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict | None = None,
    ) -> HttpResponse:
        request.current_app = self.admin_site.name
        current = self._viewable(request, object_id)
        record = get_object_or_404(self._versions(request, current), history_id=version_id)
        may_change = self.has_change_permission(request, current)
        if request.method == "POST" and not may_change:
            raise PermissionDenied
        fieldsets = self.get_fieldsets(request, current)
        form_class = self.get_form(
            request, current, change=True, fields=flatten_fieldsets(fieldsets)
        )
        if request.method == "POST":
            form = form_class(request.POST, request.FILES, instance=current)
            if form.is_valid():
                return self._restore(request, form, record)
        else:
            version = record.instance
            version._state.adding = False
            form = form_class(instance=version)
        readonly = (
            self.get_readonly_fields(request, current)
            if may_change
            else flatten_fieldsets(fieldsets)
        )
        admin_form = helpers.AdminForm(form, list(fieldsets), {}, readonly, model_admin=self)
        return self.render_history_view(
            request,
            self.object_history_form_template,
            self._form_context(request, current, form, admin_form, may_change)
            | (extra_context or {}),
        )

    @transaction.atomic
    def _restore(self, request: HttpRequest, form: Any, record: Any) -> HttpResponse:
        obj = self.save_form(request, form, change=True)
        obj._change_reason = f"restored the version of {record.history_date:%-d %B %Y %H:%M}"
        self.save_model(request, obj, form, change=True)
        form.save_m2m()
        self.log_change(request, obj, self.construct_change_message(request, form, []))
        return self.response_change(request, obj)

    def _form_context(
        self,
        request: HttpRequest,
        obj: models.Model,
        form: Any,
        admin_form: helpers.AdminForm,
        may_change: bool,
    ) -> dict[str, Any]:
        opts = self.model._meta
        prefix = f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}"
        return {
            **self.admin_site.each_context(request),
            "title": self.history_form_view_title(request, obj),
            "adminform": admin_form,
            "object_id": obj.pk,
            "original": obj,
            "is_popup": False,
            "media": mark_safe(self.media + admin_form.media),
            "errors": helpers.AdminErrorList(form, []),
            "app_label": opts.app_label,
            "original_opts": opts,
            "changelist_url": reverse(f"{prefix}_changelist"),
            "change_url": reverse(f"{prefix}_change", args=(obj.pk,)),
            "history_url": reverse(f"{prefix}_history", args=(obj.pk,)),
            "change_history": False,
            "revert_disabled": not may_change,
            "add": False,
            "change": True,
            "has_add_permission": self.has_add_permission(request),
            "has_view_permission": True,
            "has_change_permission": may_change,
            "has_delete_permission": False,
            "has_file_field": True,
            "has_absolute_url": False,
            "form_url": "",
            "opts": opts,
            "content_type_id": self.content_type_model_cls.objects.get_for_model(self.model).id,
            "save_as": False,
            "save_on_top": self.save_on_top,
        }

    def revert_disabled(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None or not self.has_change_permission(request, obj)
