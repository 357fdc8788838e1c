"""Scrutiny officers run committees, meetings, agendas, papers, minutes and actions here."""

from typing import Any

from django.contrib import admin, messages
from django.db.models import Max, QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from committees.models import (
    OPENING_ITEMS,
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
    Paper,
    Person,
    WorkProgrammeItem,
)


class MembershipInline(admin.TabularInline):
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
    model = AgendaItem
    fk_name = "meeting"
    extra = 1
    fields = ["number", "title", "purpose", "contributor", "period"]
    show_change_link = True


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    autocomplete_fields = ["person", "substitute_for"]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["committee", "date", "start", "venue", "state"]
    list_filter = ["committee", "state"]
    date_hierarchy = "date"
    inlines = [AgendaItemInline, AttendanceInline]
    actions = ["record_attendance_from_membership"]

    def save_model(self, request: HttpRequest, obj: Meeting, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if not change:
            # Every agenda opens the same way; the items stay editable.
            for number, title in enumerate(OPENING_ITEMS, 1):
                AgendaItem.objects.get_or_create(
                    meeting=obj, number=number, defaults={"title": title}
                )

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
    model = Paper
    extra = 0
    fields = [("kind", "letter"), "title", "text", "file", "generated", "exempt_paragraph"]


class DeclarationInline(admin.TabularInline):
    model = Declaration
    extra = 0
    autocomplete_fields = ["person"]


class MinuteInline(admin.StackedInline):
    model = Minute
    extra = 0


class ActionInline(admin.TabularInline):
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
    model = ActionUpdate
    extra = 1


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
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
