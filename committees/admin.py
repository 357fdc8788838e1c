"""Scrutiny officers run committees, meetings, agendas, papers, minutes and actions here."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max, QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from committees.access import can_see_agenda, signed_in_user
from committees.clocks import agenda_clocks
from committees.deadlines import timeliness
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
    PackBuild,
    PackVersion,
    Paper,
    Person,
    Publication,
    Question,
    QuestionState,
    ScheduledPublication,
    WorkProgrammeItem,
)
from committees.packs.build import PackError
from committees.packs.layout import paper_label
from committees.packs.queue import queue_pack_build
from committees.packs.sources import current_digest
from committees.papers import render_paper
from committees.publication import (
    PublicationError,
    publish_agenda,
    publish_minutes,
    record_paper_changes,
    withdraw,
    withdraw_packs_printing,
)
from committees.questions import answer_question, merge_duplicates
from committees.questions import hold_for_meeting as hold_for
from committees.scheduling import cancel_schedule, schedule_agenda
from committees.services import (
    add_opening_items,
    fill_attendance_roles,
    record_attendance_from_membership,
)
from scrutiny.admin_history import GuardedHistoryAdmin
from scrutiny.formsets import SharedChoicesInline, UniqueRowsFormSet

PUBLISH_PERMISSION = "committees.publish_meeting"
EXEMPT_PERMISSION = "committees.view_exempt_paper"
BUILDS_LISTED = 10


class ScheduleForm(forms.Form):
    publish_at = forms.DateTimeField(
        label="Publish the agenda on",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text="Date and time, UK time.",
    )


class MembershipInline(SharedChoicesInline, admin.TabularInline):
    formset = UniqueRowsFormSet
    model = Membership
    extra = 1
    autocomplete_fields = ["person"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("person")  # each row's name


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


# The meeting page's inlines are stacked: each field has its own label (a tabular inline's
# fields have only a column heading, which axe and screen readers miss) and the page fits 1280px.
class AgendaItemInline(admin.StackedInline):
    formset = UniqueRowsFormSet
    model = AgendaItem
    fk_name = "meeting"
    extra = 1
    fields = ["number", "title", "purpose", "contributor", "period"]
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # An unpublished agenda's items are drafts: only those preparing it see them.
        visible = Meeting.objects.agenda_visible_to(request.user)
        return super().get_queryset(request).filter(meeting__in=visible)


class AttendanceInline(SharedChoicesInline, admin.StackedInline):
    formset = UniqueRowsFormSet
    model = Attendance
    extra = 0
    autocomplete_fields = ["person", "substitute_for"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("person")  # each row's name

    class Media:
        js = ["js/autocomplete-names.js"]


class LabelledDeleteFormSet(BaseInlineFormSet):
    """A table of rows whose Delete tick box names the row it deletes (a table's heading alone
    leaves it unnamed for a screen reader)."""

    def add_fields(self, form: forms.ModelForm, index: int | None) -> None:
        super().add_fields(form, index)
        # Only a saved row shows the tick box (and has a name to give it).
        if "DELETE" in form.fields and form.instance.pk is not None:
            form.fields["DELETE"].widget.attrs["aria-label"] = f"Delete the {form.instance}"


class PackInline(admin.TabularInline):
    """The packs built for a meeting, newest first, with their downloads and freshness."""

    model = Pack
    formset = LabelledDeleteFormSet
    extra = 0
    can_delete = True
    fields = (
        "version",
        "built_at",
        "built_by",
        "pages",
        "size",
        "tagging",
        "freshness",
        "download",
    )
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
                version: current_digest(meeting=obj, full=version == PackVersion.FULL)
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


class AgendaDeadlineFilter(admin.SimpleListFilter):
    """Meetings of the next eight weeks whose agenda is at risk of missing its deadline."""

    title = "agenda deadline"
    parameter_name = "deadline"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("at-risk", "At risk (next eight weeks)")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() != "at-risk":
            return queryset
        clocks = agenda_clocks(today=timezone.localdate())
        return queryset.filter(pk__in=[clock.meeting.pk for clock in clocks if clock.at_risk])


@admin.register(Meeting)
class MeetingAdmin(GuardedHistoryAdmin):
    list_display = ["committee", "date", "start", "venue", "state", "agenda_status"]
    list_filter = ["committee", "state", AgendaDeadlineFilter]
    date_hierarchy = "date"
    inlines = [AgendaItemInline, AttendanceInline, PackInline]
    actions = ["record_attendance_from_membership"]

    @admin.display(description="Agenda")
    def agenda_status(self, meeting: Meeting) -> str:
        if meeting.agenda_published_at:
            return f"Published {timezone.localdate(meeting.agenda_published_at):%-d %b %Y}"
        return f"Not published (due by {meeting.publication_deadline:%-d %b %Y})"

    def save_related(
        self, request: HttpRequest, form: Any, formsets: list[Any], change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        fill_attendance_roles(meeting=form.instance)
        if not change:
            # After the typed rows, so that a number the officer typed keeps their item.
            add_opening_items(meeting=form.instance)

    def get_urls(self) -> list[URLPattern]:
        def view(name: str, function: Any) -> URLPattern:
            return path(
                f"<int:pk>/{name}/",
                self.admin_site.admin_view(function),
                name=f"committees_meeting_{name.replace('-', '_')}",
            )

        return [
            view("build-pack", self.build_pack_view),
            view("publish", self.publish_view),
            view("withdraw", self.withdraw_view),
            view("schedule", self.schedule_view),
            view("pack-builds", self.pack_builds_view),
            *super().get_urls(),
        ]

    @method_decorator(require_POST)
    def build_pack_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Queue a build of the public or full pack and come straight back to the meeting."""
        if not request.user.has_perm("committees.add_pack"):
            raise PermissionDenied
        meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)
        version = request.POST.get("version", "")
        try:
            build = queue_pack_build(meeting=meeting, version=version, user=request.user)
        except PackError as problem:
            self.message_user(request, f"The pack was not built: {problem}", messages.ERROR)
        else:
            self.message_user(
                request,
                f"The {build.get_version_display().lower()} pack is queued: this page shows how "
                "it is going, and a link to it when it is built.",
                messages.SUCCESS,
            )
        return HttpResponseRedirect(reverse("admin:committees_meeting_change", args=[pk]))

    def _pack_builds(self, meeting: Meeting) -> dict[str, Any]:
        builds = list(
            PackBuild.objects.filter(meeting=meeting).select_related("pack", "requested_by")[
                :BUILDS_LISTED
            ]
        )
        # The list is fetched again while a build waits or runs, and only then.
        return {
            "pack_builds": builds,
            "refresh_seconds": 3 if any(b.is_unfinished for b in builds) else None,
        }

    def pack_builds_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The meeting's pack builds alone, for its change page to fetch again while one runs."""
        meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)
        if not self.has_view_or_change_permission(request, meeting):
            raise PermissionDenied
        context = {"meeting": meeting, **self._pack_builds(meeting)}
        return TemplateResponse(request, "admin/committees/meeting/pack_builds.html", context)

    @method_decorator(require_POST)
    def schedule_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Schedule the agenda's publication for a date and time, or cancel the schedule."""
        if not request.user.has_perm(PUBLISH_PERMISSION):
            raise PermissionDenied
        meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)
        if request.POST.get("cancel"):
            if cancel_schedule(meeting=meeting):
                self.message_user(request, "The scheduled publication is cancelled.")
            return HttpResponseRedirect(reverse("admin:committees_meeting_change", args=[pk]))
        form = ScheduleForm(request.POST)
        try:
            if not form.is_valid():
                said = [str(error) for errors in form.errors.values() for error in errors]
                raise PublicationError(" ".join(said))
            at = form.cleaned_data["publish_at"]
            schedule_agenda(meeting=meeting, at=at, user=request.user)
        except PublicationError as problem:
            self.message_user(request, f"Nothing was scheduled: {problem}", messages.ERROR)
        else:
            when = timezone.localtime(at)
            self.message_user(
                request,
                f"The agenda will be published on {when:%A %-d %B %Y at %H:%M}.",
                messages.SUCCESS,
            )
        return HttpResponseRedirect(reverse("admin:committees_meeting_change", args=[pk]))

    @method_decorator(require_POST)
    def publish_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Publish the agenda (and papers) or the minutes, recording who and when."""
        if not request.user.has_perm(PUBLISH_PERMISSION):
            raise PermissionDenied
        meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)
        what = request.POST.get("what", "")
        try:
            if what == Publication.AGENDA:
                done = publish_agenda(meeting=meeting, user=request.user)
                late = timezone.localdate() > meeting.publication_deadline
                message = "Published the agenda and its papers. " + " ".join(done)
                if late:
                    message += (
                        f" It was due by {meeting.publication_deadline:%A %-d %B %Y}: record "
                        "the reason for lateness as your council requires."
                    )
                self.message_user(request, message, messages.WARNING if late else messages.SUCCESS)
            elif what == Publication.MINUTES:
                publish_minutes(meeting=meeting, user=request.user)
                self.message_user(
                    request, "Published the minutes (as a draft until approved).", messages.SUCCESS
                )
            else:
                raise PublicationError("Choose the agenda or the minutes.")
        except PublicationError as problem:
            self.message_user(request, f"Nothing was published: {problem}", messages.ERROR)
        return HttpResponseRedirect(reverse("admin:committees_meeting_change", args=[pk]))

    def withdraw_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Ask why, then withdraw a publication made by mistake (and the packs built from it)."""
        if not request.user.has_perm(PUBLISH_PERMISSION):
            raise PermissionDenied
        meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)
        what = request.POST.get("what") or request.GET.get("what", "")
        if what not in Publication.values:
            raise PermissionDenied
        error = ""
        if request.method == "POST":
            try:
                withdraw(
                    meeting=meeting,
                    what=Publication(what),
                    user=request.user,
                    reason=request.POST.get("reason", ""),
                )
            except PublicationError as problem:
                error = str(problem)
            else:
                self.message_user(
                    request,
                    f"Withdrew the {Publication(what).label.lower()}: nobody but those preparing "
                    "it can read it now, and the packs printed from it are no longer served.",
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:committees_meeting_change", args=[pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "meeting": meeting,
            "what": what,
            "label": Publication(what).label.lower(),
            "error": error,
            "reason": request.POST.get("reason", ""),
            "title": f"Withdraw the {Publication(what).label.lower()} of {meeting}",
        }
        return TemplateResponse(request, "admin/committees/meeting/withdraw.html", context)

    def render_change_form(
        self, request: HttpRequest, context: dict[str, Any], *args: Any, **kwargs: Any
    ) -> HttpResponse:
        context["pack_versions"] = PackVersion.choices
        context["can_build_pack"] = request.user.has_perm("committees.add_pack")
        context["can_publish"] = request.user.has_perm(PUBLISH_PERMISSION)
        meeting = context.get("original")
        if meeting is not None and meeting.pk:
            deadline = meeting.publication_deadline
            context["deadline"] = deadline
            context["deadline_passed"] = (
                not meeting.agenda_is_published and timezone.localdate() > deadline
            )
            published = meeting.agenda_published_at
            context["timeliness"] = timeliness(
                deadline=deadline, published=timezone.localdate(published) if published else None
            )
            context["has_minutes"] = Minute.objects.filter(item__meeting=meeting).exists()
            context["withdrawals"] = meeting.withdrawals.select_related(
                "published_by", "withdrawn_by"
            )
            context.update(self._pack_builds(meeting))
            context["scheduled"] = ScheduledPublication.objects.filter(meeting=meeting).first()
            context["schedule_form"] = ScheduleForm()
        return super().render_change_form(request, context, *args, **kwargs)

    @admin.action(description="Record attendance from the membership on the day")
    def record_attendance_from_membership(self, request: HttpRequest, queryset: QuerySet) -> None:
        for meeting in queryset:
            record_attendance_from_membership(meeting=meeting)
        self.message_user(request, "Attendance listed from the membership; mark apologies.")


class PaperInline(admin.StackedInline):
    """The papers the user may read (drafts only for those preparing the agenda)."""

    formset = UniqueRowsFormSet
    model = Paper
    extra = 0
    fields = [
        ("kind", "letter"),
        "title",
        "text",
        "preview",
        "file",
        "generated",
        ("exempt_paragraph", "exempt_review_on"),
        "publication",
        "address",
    ]
    readonly_fields = ["preview", "publication", "address"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            Paper.objects.readable_by(request.user)
            .filter(pk__in=super().get_queryset(request).values("pk"))
            .select_related("item__meeting")
        )

    @admin.display(description="Preview")
    def preview(self, paper: Paper) -> str:
        """The saved text as readers will see it: Markdown, its raw HTML and scripts removed."""
        if not paper.text.strip():
            return "Write the text in Markdown (# headings, - lists, | tables |), then save."
        return format_html(
            '<div class="paper-preview">{}</div>', mark_safe(render_paper(paper.text, top=3))
        )

    @admin.display(description="Published")
    def publication(self, paper: Paper) -> str:
        if paper.published_at is None:
            return "Not yet"
        meeting = paper.item.meeting
        day = f"{timezone.localdate(paper.published_at):%-d %B %Y}"
        return f"{day}, after the agenda" if meeting.is_supplement(paper) else f"{day}"

    @admin.display(description="Read it")
    def address(self, paper: Paper) -> str:
        if paper.pk is None:
            return "-"
        # Through the page that checks who may read it, never the stored file's own name.
        return format_html('<a href="{}">{}</a>', paper.get_absolute_url(), paper)


class DeclarationInline(SharedChoicesInline, admin.TabularInline):
    formset = UniqueRowsFormSet
    model = Declaration
    extra = 0
    autocomplete_fields = ["person"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("person")  # each row's name


class MinuteInline(admin.StackedInline):
    formset = UniqueRowsFormSet
    model = Minute
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        visible = Meeting.objects.minutes_visible_to(request.user)
        minutes = super().get_queryset(request).filter(item__meeting__in=visible)
        if not request.user.has_perm(EXEMPT_PERMISSION):
            # Exempt minutes, as exempt papers, only for those entitled (committees/access.py).
            minutes = minutes.filter(exempt_paragraph__isnull=True)
        return minutes


class ActionInline(SharedChoicesInline, admin.TabularInline):
    formset = UniqueRowsFormSet
    model = Action
    extra = 0
    autocomplete_fields = ["owner"]


class MeetingChoicesAdmin(admin.ModelAdmin):
    """A form whose meeting boxes fetch each meeting's committee (its name) with it."""

    def formfield_for_foreignkey(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> forms.ModelChoiceField | None:
        if db_field.related_model is Meeting and "queryset" not in kwargs:
            kwargs["queryset"] = Meeting.objects.select_related("committee")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(AgendaItem)
class AgendaItemAdmin(MeetingChoicesAdmin):
    list_display = ["__str__", "meeting", "purpose", "contributor"]
    list_filter = ["meeting__committee", "purpose"]
    search_fields = ["title"]
    inlines = [PaperInline, DeclarationInline, MinuteInline, ActionInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # Lists, search, change pages and autocomplete: only agendas the user may read.
        visible = Meeting.objects.agenda_visible_to(request.user)
        return super().get_queryset(request).filter(meeting__in=visible)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or can_see_agenda(request.user, obj.meeting))

    def render_change_form(
        self, request: HttpRequest, context: dict[str, Any], *args: Any, **kwargs: Any
    ) -> HttpResponse:
        item = context.get("original")
        if item is not None and item.pk:
            if item.meeting.agenda_is_published:
                context["published_on"] = timezone.localdate(item.meeting.agenda_published_at)
            # Which papers are withheld from this user, and why: nothing of title or content.
            readable = Paper.objects.readable_by(request.user).values("pk")
            context["withheld"] = [
                f"{paper_label(kind=p.kind, letter=p.letter)}: {p.exempt_statement}"
                for p in item.papers.exclude(pk__in=readable)
            ]
        return super().render_change_form(request, context, *args, **kwargs)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is not Paper or not isinstance(formset.instance, AgendaItem):
            return super().save_formset(request, form, formset, change)
        was_exempt = {f.instance.pk: f.initial.get("exempt_paragraph") for f in formset.forms}
        # A paper taken off the agenda must leave the public packs that printed it too.
        removed = [f.instance for f in formset.deleted_forms if f.instance.pk]
        withdrawn = withdraw_packs_printing(
            papers=removed, why="A paper it printed was removed from the agenda"
        )
        super().save_formset(request, form, formset, change)
        changed = [*formset.new_objects, *(paper for paper, _ in formset.changed_objects)]
        if changed:
            made_exempt = [p for p in changed if p.is_exempt and was_exempt.get(p.pk) is None]
            withdrawn += record_paper_changes(changed=changed, made_exempt=made_exempt)
        if changed and formset.instance.meeting.agenda_is_published:
            self.message_user(
                request,
                f"{len(changed)} paper(s) published at once, marked as published after the agenda.",
                messages.INFO,
            )
        if withdrawn:
            self.message_user(
                request,
                f"{withdrawn} public pack(s) that printed a paper now exempt or removed are no "
                "longer served. Build the public pack again.",
                messages.WARNING,
            )
        return None


class ActionUpdateInline(admin.TabularInline):
    formset = UniqueRowsFormSet
    model = ActionUpdate
    extra = 1


@admin.register(Action)
class ActionAdmin(GuardedHistoryAdmin):
    list_display = ["what", "owner", "due", "state"]
    list_filter = ["state", "item__meeting__committee"]
    inlines = [ActionUpdateInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        visible = Meeting.objects.agenda_visible_to(request.user)
        return super().get_queryset(request).filter(item__meeting__in=visible)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # The history pages ask this too, with the action as it was.
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or can_see_agenda(request.user, obj.item.meeting))


@admin.register(WorkProgrammeItem)
class WorkProgrammeItemAdmin(MeetingChoicesAdmin):
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


# Members' questions (issue 18).
class QuestionForm(forms.ModelForm):
    publish = forms.BooleanField(
        label="Publish the answer",
        required=False,
        help_text="Until ticked the answer is a draft, seen only here.",
    )

    class Meta:
        model = Question
        fields = ["state", "answer", "decline_reason", "duplicate_of"]

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("publish"):
            if not (cleaned.get("answer") or "").strip():
                self.add_error("answer", "Write the answer before publishing it.")
            cleaned["state"] = QuestionState.ANSWERED
            self.instance.state = QuestionState.ANSWERED
        return cleaned


@admin.register(Question)
class QuestionAdmin(GuardedHistoryAdmin):
    form = QuestionForm
    list_display = ["__str__", "subject_line", "meeting", "state", "routed_to", "asked_at"]
    list_filter = ["state", "meeting__committee"]
    search_fields = ["text", "answer"]
    readonly_fields = ["subject_line", "text", "asked_by", "asked_at", "routed_to", "answered"]
    actions = ["merge", "hold_for_meeting"]

    @admin.display(description="about")
    def subject_line(self, question: Question) -> str:
        return question.subject

    @admin.display(description="answered")
    def answered(self, question: Question) -> str:
        if question.answered_at is None:
            return "Not yet"
        who = f" by {question.answered_by}" if question.answered_by else ""
        return f"{timezone.localtime(question.answered_at):%-d %B %Y %H:%M}{who}"

    def _manages(self, request: HttpRequest) -> bool:
        return request.user.has_perm("committees.manage_question")

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # Scrutiny officers see every question; an officer those sent to them to answer.
        found = (
            super().get_queryset(request).select_related("meeting__committee", "item", "measure")
        )
        return found if self._manages(request) else found.filter(routed_to=request.user)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        fields = ["subject_line", "text", "asked_by", "asked_at", "routed_to", "answer", "publish"]
        if self._manages(request):
            fields += ["state", "decline_reason", "duplicate_of"]
        return [*fields, "answered"]

    def get_form(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, **kwargs)
        if "duplicate_of" in form.base_fields and obj is not None:
            kept = Question.objects.filter(meeting=obj.meeting).exclude(pk=obj.pk)
            form.base_fields["duplicate_of"].queryset = kept
        return form

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # members ask on the site, from the meeting or measure page

    def save_model(self, request: HttpRequest, obj: Question, form: Any, change: bool) -> None:
        published = obj.state == QuestionState.ANSWERED and (
            form.cleaned_data.get("publish") or "state" in form.changed_data
        )
        if published:
            answer_question(question=obj, answer=obj.answer, user=signed_in_user(request.user))
            return
        super().save_model(request, obj, form, change)

    @admin.action(description="Merge the selected questions into the one asked first")
    def merge(self, request: HttpRequest, queryset: QuerySet) -> None:
        if not self._manages(request):
            raise PermissionDenied
        chosen = list(queryset.order_by("asked_at", "pk"))
        if len(chosen) < 2:
            self.message_user(request, "Choose two or more questions to merge.", messages.ERROR)
            return
        try:
            merged = merge_duplicates(keep=chosen[0], duplicates=chosen[1:])
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return
        self.message_user(request, f"{merged} question(s) merged into question {chosen[0].pk}.")

    @admin.action(description="Mark the selected questions to be answered at the meeting")
    def hold_for_meeting(self, request: HttpRequest, queryset: QuerySet) -> None:
        if not self._manages(request):
            raise PermissionDenied
        for question in queryset:
            hold_for(question=question)
        self.message_user(request, f"{len(queryset)} question(s) to be answered at the meeting.")
