"""Scrutiny officers run committees, meetings, agendas, papers, minutes and actions here."""

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Max, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from committees.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    Attendance,
    Committee,
    Declaration,
    ForwardPlanEntry,
    Meeting,
    Membership,
    Minute,
    Pack,
    PackVersion,
    Paper,
    Person,
    WorkProgrammeItem,
)
from committees.packs.build import PackError, build_pack
from committees.packs.sources import sources_digest
from committees.services import add_opening_items
from scrutiny.admin_history import GuardedHistoryAdmin
from scrutiny.formsets import UniqueRowsFormSet


class MembershipInline(admin.TabularInline):
    formset = UniqueRowsFormSet
    model = Membership
    extra = 1
    autocomplete_fields = ["person"]


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    filter_horizontal = ["measures"]
    inlines = [MembershipInline]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "kind", "seat", "role_title", "user"]
    list_filter = ["kind"]
    search_fields = ["name", "role_title"]
    prepopulated_fields = {"key": ["name"]}


class AgendaItemInline(admin.TabularInline):
    formset = UniqueRowsFormSet
    model = AgendaItem
    fk_name = "meeting"
    extra = 1
    fields = ["number", "title", "purpose", "contributor", "period"]
    show_change_link = True


class AttendanceInline(admin.TabularInline):
    formset = UniqueRowsFormSet
    model = Attendance
    extra = 0
    autocomplete_fields = ["person", "substitute_for"]


class PackInline(admin.TabularInline):
    """The packs built for a meeting, newest first, with their downloads and freshness."""

    model = Pack
    extra = 0
    can_delete = True
    fields = [
        "version",
        "built_at",
        "built_by",
        "pages",
        "size",
        "tagging",
        "freshness",
        "download",
    ]
    readonly_fields = fields
    ordering = ["-built_at"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        # One digest per version, not one per listed build: inlines are made per request.
        self.digests = (
            {
                version: sources_digest(meeting=obj, full=version == PackVersion.FULL)
                for version in PackVersion.values
            }
            if obj is not None
            else {}
        )
        return super().get_formset(request, obj, **kwargs)

    @admin.display(description="Tagged for accessibility")
    def tagging(self, pack: Pack) -> str:
        return "Yes (PDF/UA)" if pack.fully_tagged else pack.note or "Partly"

    @admin.display(description="Up to date")
    def freshness(self, pack: Pack) -> str:
        current = pack.sources == self.digests.get(pack.version)
        return "Yes" if current else "No: a paper or figure has changed since"

    @admin.display(description="File")
    def download(self, pack: Pack) -> str:
        url = reverse(
            "meeting-pack-pdf", args=[pack.meeting.committee.slug, pack.meeting.slug, pack.version]
        )
        return format_html(
            '<a href="{}">Download the latest {} pack</a>', url, pack.get_version_display().lower()
        )


@admin.register(Meeting)
class MeetingAdmin(GuardedHistoryAdmin):
    list_display = ["committee", "date", "start", "venue", "state"]
    list_filter = ["committee", "state"]
    date_hierarchy = "date"
    inlines = [AgendaItemInline, AttendanceInline, PackInline]
    actions = ["record_attendance_from_membership"]

    def save_related(
        self, request: HttpRequest, form: Any, formsets: list[Any], change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        if not change:
            # After the typed rows, so that a number the officer typed keeps their item.
            add_opening_items(meeting=form.instance)

    def get_urls(self) -> list[URLPattern]:
        build = path(
            "<int:pk>/build-pack/",
            self.admin_site.admin_view(self.build_pack_view),
            name="committees_meeting_build_pack",
        )
        return [build, *super().get_urls()]

    @method_decorator(require_POST)
    def build_pack_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Build the public or full pack now, then come back to the meeting with a link to it."""
        if not request.user.has_perm("committees.add_pack"):
            raise PermissionDenied
        meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)
        version = request.POST.get("version", "")
        try:
            pack = build_pack(meeting=meeting, version=version, user=request.user)
        except PackError as problem:
            self.message_user(request, f"The pack was not built: {problem}", messages.ERROR)
        else:
            url = reverse(
                "meeting-pack-pdf", args=[meeting.committee.slug, meeting.slug, pack.version]
            )
            self.message_user(
                request,
                format_html(
                    'Built the {} pack: {} pages. <a href="{}">Download it</a>.{}',
                    pack.get_version_display().lower(),
                    pack.pages,
                    url,
                    f" {pack.note}" if pack.note else "",
                ),
                messages.SUCCESS,
            )
        return HttpResponseRedirect(reverse("admin:committees_meeting_change", args=[pk]))

    def render_change_form(
        self, request: HttpRequest, context: dict[str, Any], *args: Any, **kwargs: Any
    ) -> HttpResponse:
        context["pack_versions"] = PackVersion.choices
        context["can_build_pack"] = request.user.has_perm("committees.add_pack")
        return super().render_change_form(request, context, *args, **kwargs)

    @admin.action(description="Record attendance from the membership on the day")
    def record_attendance_from_membership(self, request: HttpRequest, queryset: QuerySet) -> None:
        for meeting in queryset:
            members = Membership.objects.on(meeting.date).filter(committee=meeting.committee)
            for membership in members:
                Attendance.objects.get_or_create(
                    meeting=meeting, person=membership.person, defaults={"status": "present"}
                )
        self.message_user(request, "Attendance listed from the membership; mark apologies.")


class PaperInline(admin.StackedInline):
    formset = UniqueRowsFormSet
    model = Paper
    extra = 0
    fields = [("kind", "letter"), "title", "text", "file", "generated", "exempt_paragraph"]


class DeclarationInline(admin.TabularInline):
    formset = UniqueRowsFormSet
    model = Declaration
    extra = 0
    autocomplete_fields = ["person"]


class MinuteInline(admin.StackedInline):
    formset = UniqueRowsFormSet
    model = Minute
    extra = 0


class ActionInline(admin.TabularInline):
    formset = UniqueRowsFormSet
    model = Action
    extra = 0
    autocomplete_fields = ["owner"]


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["__str__", "meeting", "purpose", "contributor"]
    list_filter = ["meeting__committee", "purpose"]
    search_fields = ["title"]
    inlines = [PaperInline, DeclarationInline, MinuteInline, ActionInline]


class ActionUpdateInline(admin.TabularInline):
    formset = UniqueRowsFormSet
    model = ActionUpdate
    extra = 1


@admin.register(Action)
class ActionAdmin(GuardedHistoryAdmin):
    list_display = ["what", "owner", "due", "state"]
    list_filter = ["state", "item__meeting__committee"]
    inlines = [ActionUpdateInline]


@admin.register(WorkProgrammeItem)
class WorkProgrammeItemAdmin(admin.ModelAdmin):
    list_display = ["title", "committee", "meeting", "contributor", "purpose", "agenda_item"]
    list_filter = ["committee"]
    actions = ["add_to_agenda"]

    @admin.action(description="Add to its meeting's agenda")
    def add_to_agenda(self, request: HttpRequest, queryset: QuerySet) -> None:
        added = 0
        for entry in queryset.select_related("meeting"):
            if entry.meeting is None or entry.agenda_item_id:
                continue
            last = entry.meeting.items.aggregate(last=Max("number"))["last"] or 0
            entry.agenda_item = AgendaItem.objects.create(
                meeting=entry.meeting,
                number=last + 1,
                title=entry.title,
                purpose=entry.purpose or "procedural",
                contributor=entry.contributor,
            )
            entry.save()
            added += 1
        self.message_user(
            request, f"{added} item(s) added to their meetings' agendas.", messages.SUCCESS
        )


@admin.register(ForwardPlanEntry)
class ForwardPlanEntryAdmin(admin.ModelAdmin):
    list_display = ["reference", "matter", "decision_date", "decision_maker", "key_decision"]
    search_fields = ["reference", "matter"]
