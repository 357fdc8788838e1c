"""Committees, their members, meetings, agendas, papers, minutes, actions and plans."""

from __future__ import annotations

import datetime
import textwrap
import uuid
from datetime import date
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Now
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from committees.addresses import MeetingAddress
from committees.attendance import AttendanceLines, Attendee, attendance_lines, role_on_the_day
from committees.deadlines import publication_deadline
from committees.exempt_review import review_date
from committees.minutes import MinutePart, marked_places, minute_parts
from committees.years import municipal_year_start, next_minute_number
from scrutiny.jobs import Job

if TYPE_CHECKING:
    from committees.access import AnyUser

SCHEDULE_12A = (
    "Exempt: information under paragraph {paragraph} of Part 1 of Schedule 12A to the "
    "Local Government Act 1972"
)


class CommitteeKind(models.TextChoices):
    SCRUTINY_COMMITTEE = "scrutiny_committee", "Scrutiny committee"
    SUB_GROUP = "sub_group", "Sub-group"
    PANEL = "panel", "Panel"
    BOARD = "board", "Board"


class Committee(models.Model):
    """A scrutiny committee, or a sub-group, panel or board reporting to one."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=30, choices=CommitteeKind.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="sub_groups"
    )
    remit = models.TextField(blank=True)
    contact = models.TextField("contact officer", blank=True)
    measures = models.ManyToManyField(
        "measures.Measure",
        blank=True,
        related_name="committees",
        help_text="The measures this committee scrutinises.",
    )
    updated_at = models.DateTimeField(auto_now=True, db_default=Now())

    class Meta:
        ordering = ["parent__name", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("committee-detail", args=[self.slug])


class PersonKind(models.TextChoices):
    COUNCILLOR = "councillor", "Councillor"
    ADDED_MEMBER = "added_member", "Added member"
    OFFICER = "officer", "Officer"


class Person(models.Model):
    """A councillor, added member or officer, optionally linked to a user account."""

    key = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=60, blank=True, help_text="e.g. Councillor, Reverend")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=PersonKind.choices)
    seat = models.CharField(
        max_length=120, blank=True, help_text="An added member's seat, e.g. Church Representative."
    )
    role_title = models.CharField(max_length=200, blank=True, help_text="An officer's job title.")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    updated_at = models.DateTimeField(auto_now=True, db_default=Now())

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return f"{self.title} {self.name}".strip()


class MemberRole(models.TextChoices):
    CHAIR = "chair", "Chair"
    VICE_CHAIR = "vice_chair", "Vice-Chair"
    MEMBER = "member", "Member"
    ADDED_MEMBER = "added_member", "Added member"


class MembershipQuerySet(models.QuerySet["Membership"]):
    def on(self, day: date) -> MembershipQuerySet:
        """Memberships that held on a day (membership changes during a year)."""
        return self.filter(Q(start__lte=day) | Q(start__isnull=True)).filter(
            Q(end__gte=day) | Q(end__isnull=True)
        )


class Membership(models.Model):
    """A person's seat on a committee, from one date to another."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER)
    order = models.PositiveSmallIntegerField(
        default=0,
        help_text="Where the papers list this member: 1 first after the Chairman and "
        "Vice-Chairman (added members numbered in their own list). 0 lists them by surname.",
    )
    start = models.DateField("from", null=True, blank=True)
    end = models.DateField("to", null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True, db_default=Now())

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["committee", "role", "person__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__isnull=True)
                | Q(end__isnull=True)
                | Q(start__lte=models.F("end")),
                name="membership_ends_after_it_starts",
                violation_error_message="A membership cannot end before it starts.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.committee} ({self.get_role_display()})"


class MeetingState(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"
    HELD = "held", "Held"


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def at(self, committee: Committee | str, day: date, sequence: int = 1) -> MeetingQuerySet:
        """The committee's meeting (the committee or its slug) on a day, the first or a later."""
        which = (
            Q(committee=committee)
            if isinstance(committee, Committee)
            else Q(committee__slug=committee)
        )
        return self.filter(which, date=day, sequence=sequence)

    def agenda_visible_to(self, user: AnyUser) -> MeetingQuerySet:
        """The meetings whose agenda and papers the user may read (committees/access.py)."""
        from committees.access import sees_unpublished

        return self if sees_unpublished(user) else self.filter(agenda_published_at__isnull=False)

    def minutes_visible_to(self, user: AnyUser) -> MeetingQuerySet:
        """The meetings whose minutes the user may read."""
        from committees.access import sees_unpublished

        return self if sees_unpublished(user) else self.filter(minutes_published_at__isnull=False)

    def last_before(self, committee: Committee, day: date) -> Meeting | None:
        """The committee's latest meeting before a day that was not cancelled."""
        return (
            self.filter(committee=committee, date__lt=day)
            .exclude(state=MeetingState.CANCELLED)
            .order_by("-date", "-sequence")
            .first()
        )

    def with_holdings(self) -> MeetingQuerySet:
        """Each meeting with its minutes counted (`minute_count`, `approved_minute_count`) and
        whether its latest public pack may be served (`public_pack_servable`), in one query."""
        latest_public = (
            Pack.objects.filter(meeting=OuterRef("pk"), version=PackVersion.PUBLIC)
            .order_by("-built_at", "-pk")
            .values("pk")[:1]
        )
        # The rule of committees/packs/build.pack_is_withdrawn, as a query.
        servable = Pack.objects.filter(pk=OuterRef("latest_public_pack"), withdrawn_at__isnull=True)
        servable = servable.exclude(printed_papers__exempt_paragraph__isnull=False)
        return self.annotate(
            minute_count=Count("items__minute"),
            approved_minute_count=Count("items__minute", filter=Q(items__minute__approved=True)),
            latest_public_pack=Subquery(latest_public),
        ).annotate(public_pack_servable=Exists(servable))

    def upcoming_with_papers_missing(self, today: date) -> MeetingQuerySet:
        """Meetings from today on, not cancelled, each with `papers_missing`: its items other
        than procedural ones that have no paper yet. One query, soonest first."""
        no_paper = Q(items__papers__isnull=True) & ~Q(items__purpose=Purpose.PROCEDURAL)
        return (
            self.filter(date__gte=today)
            .exclude(state=MeetingState.CANCELLED)
            .select_related("committee")
            .annotate(papers_missing=Count("items", filter=no_paper, distinct=True))
            .order_by("date", "sequence")
        )

    def first_to_consider(self) -> dict[str, date]:
        """For each reporting period an item of these meetings names (like 2017/18 Q1), the
        day of the first meeting that considered it. One query."""
        rows = (
            AgendaItem.objects.filter(meeting__in=self)
            .exclude(period="")
            .values("period")
            .annotate(first=Min("meeting__date"))
        )
        return {row["period"]: row["first"] for row in rows}


class Meeting(models.Model):
    """A meeting of a committee."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField()
    sequence = models.PositiveSmallIntegerField(
        default=1, help_text="2 for a second meeting of the committee on the same day."
    )
    start = models.TimeField("start time", null=True, blank=True)
    closed_at = models.TimeField(
        "closing time", null=True, blank=True, help_text="When the meeting closed, for the minutes."
    )
    venue = models.CharField(max_length=300, blank=True)
    state = models.CharField(
        max_length=10, choices=MeetingState.choices, default=MeetingState.SCHEDULED
    )
    # Set and cleared only by committees/publication.py, which also records withdrawals.
    agenda_published_at = models.DateTimeField("agenda published", null=True, editable=False)
    agenda_published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
        verbose_name="agenda published by",
    )
    minutes_published_at = models.DateTimeField("minutes published", null=True, editable=False)
    minutes_published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
        verbose_name="minutes published by",
    )
    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    updated_at = models.DateTimeField(auto_now=True, db_default=Now())

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "committee"]
        permissions = [
            ("publish_meeting", "Can publish and withdraw agendas and minutes"),
            ("view_unpublished_meeting", "Can read agendas and minutes before they are published"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "date", "sequence"], name="one_meeting_per_committee_slot"
            ),
            models.CheckConstraint(
                condition=Q(start__isnull=True)
                | Q(closed_at__isnull=True)
                | Q(closed_at__gte=models.F("start")),
                name="meeting_closes_after_it_starts",
                violation_error_message="A meeting cannot close before it starts.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.committee}, {self.date:%-d %B %Y}"

    def get_absolute_url(self) -> str:
        return reverse("meeting-detail", args=[self.committee.slug, self.slug])

    @property
    def slug(self) -> str:
        """The meeting's address part: its date, with -2 for a second meeting that day."""
        return str(MeetingAddress(self.date, self.sequence))

    @property
    def agenda_is_published(self) -> bool:
        return self.agenda_published_at is not None

    @property
    def minutes_are_published(self) -> bool:
        return self.minutes_published_at is not None

    @property
    def publication_deadline(self) -> datetime.date:  # the field date shadows the type
        """The last day the agenda can be published: five clear working days before."""
        return publication_deadline(self.date)

    def is_supplement(self, paper: Paper) -> bool:
        """Whether a paper of this meeting was published after its agenda."""
        return (
            self.agenda_published_at is not None
            and paper.published_at is not None
            and paper.published_at > self.agenda_published_at
        )


class Publication(models.TextChoices):
    AGENDA = "agenda", "Agenda"
    MINUTES = "minutes", "Minutes"


class Withdrawal(models.Model):
    """A publication taken back: what, when it had been published, who withdrew it and why."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="withdrawals")
    what = models.CharField(max_length=10, choices=Publication.choices)
    published_at = models.DateTimeField(null=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(default=timezone.now)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.TextField()

    class Meta:
        ordering = ["-withdrawn_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="withdrawal_gives_a_reason",
                violation_error_message="Say why the publication is withdrawn.",
            ),
            models.CheckConstraint(
                condition=Q(what__in=["agenda", "minutes"]), name="withdrawal_of_agenda_or_minutes"
            ),
        ]

    def __str__(self) -> str:
        day = f"{self.withdrawn_at:%-d %b %Y}"
        return f"{self.get_what_display()} of {self.meeting} withdrawn {day}"


class Purpose(models.TextChoices):
    POLICY_DEVELOPMENT = "Policy Development", "Policy Development"
    PRE_DECISION = "Pre-Decision Scrutiny", "Pre-Decision Scrutiny"
    POLICY_REVIEW = "Policy Review", "Policy Review"
    PERFORMANCE = "Performance Scrutiny", "Performance Scrutiny"
    CONSULTATION = "Consultation", "Consultation"
    BUDGET = "Budget Scrutiny", "Budget Scrutiny"
    MEMBER_REPORT = "Member Report", "Member Report"
    PROCEDURAL = "procedural", "Procedural"


OPENING_ITEMS = [
    "Apologies for absence and replacement members",
    "Declarations of members' interests",
    "Minutes of the previous meeting",
    "Announcements by the Chairman, Executive Councillors and Lead Officers",
]


class AgendaItem(models.Model):
    """A numbered item on a meeting's agenda."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=500)
    purpose = models.CharField(max_length=30, choices=Purpose.choices, default=Purpose.PROCEDURAL)
    contributor = models.CharField(max_length=300, blank=True)
    report_author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"is_staff": True},
        help_text="The officer who answers members' questions on this item.",
    )
    summary = models.TextField(blank=True)
    recommendations = models.TextField("recommended actions", blank=True)
    period = models.CharField(
        "reporting period",
        max_length=10,
        blank=True,
        help_text="For a performance item: the quarter it covers, like 2017/18 Q1.",
    )
    minutes_of = models.ForeignKey(
        "Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="confirmed_under",
        help_text="For the minutes item: the meeting whose recorded minutes the pack prints.",
    )
    updated_at = models.DateTimeField(auto_now=True, db_default=Now())

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="item_numbered_once")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


EXEMPT_PARAGRAPHS = [(n, f"Paragraph {n}") for n in range(1, 8)]


def exempt_paragraph_1_to_7(name: str) -> models.CheckConstraint:
    """The paragraphs of Part 1 of Schedule 12A are numbered 1 to 7."""
    return models.CheckConstraint(
        condition=Q(exempt_paragraph__isnull=True)
        | Q(exempt_paragraph__gte=1, exempt_paragraph__lte=7),
        name=name,
    )


class Exemptible:
    """What a paper and a minute say of their exemption under Schedule 12A, if any."""

    exempt_paragraph: int | None

    @property
    def is_exempt(self) -> bool:
        return self.exempt_paragraph is not None

    @property
    def exempt_statement(self) -> str:
        return SCHEDULE_12A.format(paragraph=self.exempt_paragraph) if self.is_exempt else ""


def paper_path(instance: Paper, filename: str) -> str:
    # Random names: a paper's address can never be guessed, and files are served by a view.
    return f"papers/{uuid.uuid4().hex}.pdf"


def validate_pdf(upload: object) -> None:
    """Only real PDFs within the limits: size, pages, decompressed size, depth, no password."""
    from committees.uploads import check_upload

    check_upload(upload)


class PaperKind(models.TextChoices):
    REPORT = "report", "Report"
    APPENDIX = "appendix", "Appendix"


class Generated(models.TextChoices):
    NO = "", "No: written here or uploaded"
    MEASURES = "measures", "Yes: a page per measure for the item's reporting period"
    MONITOR = "monitor", "Yes: the recommendations monitor (open and recently closed ones)"


class PaperQuerySet(models.QuerySet["Paper"]):
    def published_for(self, user: AnyUser) -> PaperQuerySet:
        """Papers of the agendas the user may read (exempt ones included: see readable_by)."""
        from committees.access import sees_unpublished

        if sees_unpublished(user):
            return self
        return self.filter(item__meeting__agenda_published_at__isnull=False)

    def readable_by(self, user: AnyUser) -> PaperQuerySet:
        """Papers whose title, text and file the user may read: published, and exempt ones
        only for those entitled (committees/access.py)."""
        from committees.access import exempt_entitlement

        return self.published_for(user).filter(exempt_entitlement(user))

    def due_for_review(self, today: date) -> PaperQuerySet:
        """Exempt papers whose review date has come (committees.exempt_review's rule)."""
        return (
            self.filter(exempt_paragraph__isnull=False, exempt_review_on__lte=today)
            .select_related("item__meeting__committee")
            .order_by("exempt_review_on", "pk")
        )


class Paper(Exemptible, models.Model):
    """An item's report or a lettered appendix: written here or uploaded as PDF."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="papers")
    kind = models.CharField(max_length=10, choices=PaperKind.choices)
    letter = models.CharField(max_length=2, blank=True, help_text="A, B, … for appendices.")
    title = models.CharField(max_length=500)
    text = models.TextField(blank=True, help_text="A report written here.")
    file = models.FileField(
        upload_to=paper_path, blank=True, validators=[validate_pdf], help_text="Or a PDF."
    )
    file_text = models.TextField(
        "text of the PDF",
        blank=True,
        editable=False,
        help_text="Read from the uploaded PDF once, when it is uploaded, for search.",
    )
    generated = models.CharField(
        "generated from the measures",
        max_length=10,
        choices=Generated.choices,
        default=Generated.NO,
        blank=True,
        help_text="The agenda pack builds this paper from the published figures.",
    )
    exempt_paragraph = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        choices=EXEMPT_PARAGRAPHS,
        help_text="Set when the paper is exempt under Part 1 of Schedule 12A.",
    )
    published_at = models.DateTimeField(
        null=True,
        editable=False,
        help_text="When this version was published: with the agenda, or later as a supplement.",
    )
    key = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    updated_at = models.DateTimeField(auto_now=True, db_default=Now())
    exempt_review_on = models.DateField(
        "review the exemption on",
        null=True,
        blank=True,
        help_text="When to review whether the exemption still applies: left empty, 12 months "
        "after the paper is marked exempt.",
    )

    objects = PaperQuerySet.as_manager()

    class Meta:
        ordering = ["item", "-kind", "letter"]  # the report, then appendices A, B, …
        permissions = [("view_exempt_paper", "Can read exempt papers of any committee")]
        constraints = [
            exempt_paragraph_1_to_7("exempt_paragraph_1_to_7"),
            models.UniqueConstraint(
                fields=["item", "letter"],
                condition=Q(kind="appendix"),
                name="appendix_lettered_once_per_item",
            ),
        ]

    def __str__(self) -> str:
        if self.kind == PaperKind.APPENDIX:
            return f"Appendix {self.letter}: {self.title}"
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.is_exempt:
            self.exempt_review_on = None
        elif self.exempt_review_on is None:
            self.exempt_review_on = review_date(timezone.localdate())
        new_file = bool(self.file) and not self.file._committed
        if new_file or not self.file:
            from committees.uploads import uploaded_text

            self.file_text = uploaded_text(self.file) if new_file else ""
        try:
            super().save(*args, **kwargs)
        except Exception:
            # The upload was written before the row was refused: leave no orphan on disk.
            if new_file and self.file._committed:
                self.file.storage.delete(self.file.name)
            raise

    def get_absolute_url(self) -> str:
        return reverse("paper", args=[self.key])


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Present"
    APOLOGIES = "apologies", "Apologies"
    ABSENT = "absent", "Absent"
    SUBSTITUTE = "substitute", "Substitute"


class AttendanceRole(models.TextChoices):
    CHAIR = "chair", "Chairman"
    VICE_CHAIR = "vice_chair", "Vice-Chairman"
    MEMBER = "member", "Member (or substitute)"
    ADDED_MEMBER = "added_member", "Added member"
    OTHER_COUNCILLOR = "other_councillor", "Other councillor in attendance"
    OFFICER = "officer", "Officer in attendance"


class AttendanceQuerySet(models.QuerySet["Attendance"]):
    def lines(self) -> AttendanceLines:
        """The attendance as the minutes print it (committees/attendance.py), in one query."""
        return attendance_lines(
            [
                Attendee(
                    title=row.person.title,
                    name=row.person.name,
                    # A row not yet given its role (made outside the admin) is read by kind.
                    role=row.role
                    or role_on_the_day(
                        kind=row.person.kind,
                        member_role=None,
                        substitute=row.status == AttendanceStatus.SUBSTITUTE,
                    ),
                    status=row.status,
                    capacity=row.capacity,
                    substitute_for=str(row.substitute_for) if row.substitute_for else "",
                )
                for row in self.select_related("person", "substitute_for")
            ]
        )


class Attendance(models.Model):
    """Who was at a meeting and as what, who sent apologies, and who substituted for whom."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attendance")
    status = models.CharField(max_length=12, choices=AttendanceStatus.choices)
    role = models.CharField(
        "attended as",
        max_length=20,
        choices=AttendanceRole.choices,
        blank=True,
        default="",
        help_text="Left empty, it is filled in when saved: from the membership on the day, "
        "or else as an officer or another councillor in attendance.",
    )
    capacity = models.CharField(
        "seat or job title",
        max_length=200,
        blank=True,
        help_text="Printed beside the name as on the day: an added member's seat (Church "
        "Representative), an officer's job title or an Executive Councillor's portfolio.",
    )
    substitute_for = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="substituted_by"
    )

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "status", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="attends_once"),
            models.CheckConstraint(
                condition=Q(status="substitute") | Q(substitute_for__isnull=True),
                name="only_substitutes_replace_someone",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_status_display()}"


class Declaration(models.Model):
    """A member's declaration of interest on an item."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="declarations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT)
    text = models.TextField()

    def __str__(self) -> str:
        return f"{self.person} on item {self.item.number}"


class Minute(Exemptible, models.Model):
    """The minute of an item: numbered through the municipal year, with its resolutions."""

    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="minute")
    number = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Continues through the municipal year; left empty, the next number is used.",
    )
    text = models.TextField()
    resolutions = models.TextField(
        blank=True,
        help_text="Each RESOLVED decision on its own line. They print after the text, or where "
        "the text has RESOLVED on a line of its own (one decision for each such line, in turn).",
    )
    approved = models.BooleanField(
        default=False, help_text="Confirmed as a correct record at the next meeting."
    )
    exempt_paragraph = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        choices=EXEMPT_PARAGRAPHS,
        help_text="Set when the item was taken in private, its minute exempt under Part 1 of "
        "Schedule 12A: only those entitled read it.",
    )
    updated_at = models.DateTimeField(auto_now=True, db_default=Now())

    history = HistoricalRecords()

    class Meta:
        ordering = ["item__meeting__date", "number"]
        constraints = [exempt_paragraph_1_to_7("minute_exempt_paragraph_1_to_7")]

    def __str__(self) -> str:
        return f"Minute {self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.number is None:
            meeting = self.item.meeting
            numbers = Minute.objects.filter(
                item__meeting__committee_id=meeting.committee_id,
                item__meeting__date__gte=municipal_year_start(meeting.date),
                item__meeting__date__lte=meeting.date,
                number__isnull=False,
            ).values_list("number", flat=True)
            # number__isnull=False above: the stubs still type the values as int | None.
            self.number = next_minute_number(list(numbers))  # type: ignore[arg-type]
        super().save(*args, **kwargs)

    def clean(self) -> None:
        places, decisions = marked_places(self.text), len(self.resolution_list)
        if places > decisions:
            raise ValidationError(
                {
                    "text": f"The text marks {places} places for a decision (RESOLVED on a line "
                    f"of its own) but {decisions} decision"
                    f"{'s are' if decisions != 1 else ' is'} listed under Resolutions. "
                    "List each decision, one a line, in the order they were taken."
                }
            )

    @property
    def resolution_list(self) -> list[str]:
        return [line.strip() for line in self.resolutions.splitlines() if line.strip()]

    @property
    def parts(self) -> list[MinutePart]:
        """The text and its RESOLVED decisions in print order (committees/minutes.py)."""
        return minute_parts(self.text, self.resolution_list)


class ActionState(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"


class Action(models.Model):
    """Something agreed at a meeting, tracked until it is done."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="actions")
    what = models.TextField()
    owner = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True)
    due = models.DateField(null=True, blank=True)
    state = models.CharField(max_length=12, choices=ActionState.choices, default=ActionState.OPEN)
    updated_at = models.DateTimeField(auto_now=True, db_default=Now())

    history = HistoricalRecords()

    class Meta:
        ordering = ["state", "due"]

    def __str__(self) -> str:
        # Cut at a word, and say it was cut: lists name an action by its first words.
        return textwrap.shorten(self.what, 80, placeholder="…")

    def is_overdue(self, today: date) -> bool:
        return self.state != ActionState.DONE and self.due is not None and self.due < today


class ActionUpdate(models.Model):
    """A dated note on an action's progress."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField()
    note = models.TextField()

    class Meta:
        ordering = ["action", "date"]

    def __str__(self) -> str:
        return f"{self.date}: {self.note[:60]}"


class WorkProgrammeItem(models.Model):
    """An item planned for a future meeting, or on the "to be programmed" list."""

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="work_programme"
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text="Empty for the “to be programmed” list.",
    )
    title = models.CharField(max_length=500)
    contributor = models.CharField(max_length=300, blank=True)
    purpose = models.CharField(max_length=30, choices=Purpose.choices, blank=True)
    agenda_item = models.OneToOneField(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["committee", "meeting__date", "title"]

    def __str__(self) -> str:
        return self.title


class ForwardPlanEntry(models.Model):
    """A coming executive decision from the council's forward plan."""

    reference = models.CharField(
        max_length=40, blank=True, help_text="The forward plan's reference, where it gives one."
    )
    matter = models.TextField()
    decision_date = models.DateField(null=True, blank=True)
    decision_maker = models.CharField(max_length=300, blank=True)
    portfolio_holder = models.CharField(max_length=300, blank=True)
    key_decision = models.BooleanField(default=False)
    divisions = models.CharField("divisions affected", max_length=300, blank=True)
    committees = models.ManyToManyField(Committee, blank=True, related_name="forward_plan")

    class Meta:
        ordering = ["decision_date", "reference"]
        verbose_name_plural = "forward plan entries"
        constraints = [
            models.UniqueConstraint(
                fields=["reference"],
                condition=~Q(reference=""),
                name="forward_plan_reference_once",
                violation_error_message="Another forward plan entry has this reference.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.matter[:60]}" if self.reference else self.matter[:60]


class PackVersion(models.TextChoices):
    PUBLIC = "public", "Public"
    FULL = "full", "Full (with exempt information)"


def pack_path(instance: Pack, filename: str) -> str:
    # Random names, outside anything served directly: packs are served by a view that checks.
    return f"packs/{uuid.uuid4().hex}.pdf"


class PackQuerySet(models.QuerySet["Pack"]):
    def latest_of(self, meeting: Meeting, version: str) -> Pack | None:
        return self.filter(meeting=meeting, version=version).order_by("-built_at", "-pk").first()


class Pack(models.Model):
    """A built agenda pack: the PDF, when and by whom, its pages, checksum and contents."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="packs")
    version = models.CharField(max_length=10, choices=PackVersion.choices)
    file = models.FileField(upload_to=pack_path)
    built_at = models.DateTimeField(default=timezone.now)
    built_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    pages = models.PositiveIntegerField()
    size = models.PositiveIntegerField(help_text="Bytes.")
    checksum = models.CharField("SHA-256", max_length=64)
    sources = models.CharField(
        max_length=64, help_text="A digest of every paper and figure that went in."
    )
    fully_tagged = models.BooleanField(
        default=True, help_text="Tagged for accessibility (PDF/UA) throughout."
    )
    note = models.TextField(blank=True)
    item_pages = models.JSONField(
        default=dict, help_text="Each item's first and last page: {number: [first, last]}."
    )
    printed_papers = models.ManyToManyField(
        Paper,
        blank=True,
        related_name="printed_in",
        help_text="The papers printed in it in full (not those replaced by a restricted page).",
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)
    key = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)

    objects = PackQuerySet.as_manager()

    class Meta:
        ordering = ["-built_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(version__in=["public", "full"]), name="pack_version_known"
            )
        ]

    def __str__(self) -> str:
        built = f"{self.built_at:%-d %b %Y %H:%M}"
        return f"{self.get_version_display()} pack, {self.meeting}, built {built}"

    @property
    def is_public(self) -> bool:
        return self.version == PackVersion.PUBLIC

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    def item_range(self, number: int) -> tuple[int, int] | None:
        found = self.item_pages.get(str(number))
        return (found[0], found[1]) if found else None


class PackBuild(Job):
    """A pack build asked for in the admin or with build_pack --queue, run by the worker."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="pack_builds")
    version = models.CharField(max_length=10, choices=PackVersion.choices)
    pack = models.ForeignKey(
        Pack, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta(Job.Meta):
        constraints = [Job.state_constraint("pack_build_state_known")]

    def __str__(self) -> str:
        state = self.get_state_display()
        return f"{self.get_version_display()} pack build, {self.meeting}: {state}"


class ScheduledPublication(models.Model):
    """An agenda a scrutiny officer has set to be published by the worker at a date and time."""

    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, related_name="scheduled_publication"
    )
    publish_at = models.DateTimeField()
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    scheduled_at = models.DateTimeField(default=timezone.now)
    failure = models.TextField(
        blank=True, help_text="Why it could not be published at its time, if it could not."
    )

    def __str__(self) -> str:
        return f"The agenda of {self.meeting}, to be published {self.publish_at:%-d %B %Y %H:%M}"


class QuestionState(models.TextChoices):
    ASKED = "asked", "Awaiting an answer"
    ANSWERED = "answered", "Answered"
    AT_MEETING = "at_meeting", "To be answered at the meeting"
    DECLINED = "declined", "Declined"
    DUPLICATE = "duplicate", "Merged with another question"


class QuestionQuerySet(models.QuerySet["Question"]):
    def with_exemption(self) -> QuestionQuerySet:
        """Each question with `exempt_paragraph`: for a question on an item, the item's exempt
        paper's or minute's, if any (a question about an exempt paper or an item taken in
        private is itself exempt)."""
        paper = Paper.objects.filter(item=OuterRef("item"), exempt_paragraph__isnull=False)
        minute = Minute.objects.filter(item=OuterRef("item"), exempt_paragraph__isnull=False)
        # A question on a measure's figure is about the published figure, not its item's papers.
        return self.annotate(
            exempt_paragraph=models.Case(
                models.When(
                    measure__isnull=True,
                    then=Coalesce(
                        Subquery(paper.order_by("exempt_paragraph").values("exempt_paragraph")[:1]),
                        Subquery(minute.values("exempt_paragraph")[:1]),
                    ),
                ),
                default=None,
            )
        )

    def readable_by(self, user: AnyUser) -> QuestionQuerySet:
        """Questions of the agendas the user may read; exempt ones only for those entitled."""
        from committees.access import exempt_entitlement

        meetings = Meeting.objects.agenda_visible_to(user)
        return self.with_exemption().filter(exempt_entitlement(user), meeting__in=meetings)

    def answered(self) -> QuestionQuerySet:
        return self.filter(state=QuestionState.ANSWERED)


class Question(models.Model):
    """A member's question about a measure's figure or an agenda item, asked before a meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="questions")
    item = models.ForeignKey(
        AgendaItem,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="questions",
        help_text="The item asked about; for a figure, the item reporting its quarter, if any.",
    )
    measure = models.ForeignKey(
        "measures.Measure",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="questions",
    )
    period = models.CharField(
        "quarter",
        max_length=10,
        blank=True,
        help_text="For a figure: its quarter, like 2017/18 Q1.",
    )
    text = models.TextField("question")
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    asked_at = models.DateTimeField(default=timezone.now)
    routed_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions_to_answer",
        help_text="The measure's owner or the item's report author; empty: the scrutiny officers.",
    )
    state = models.CharField(
        max_length=12, choices=QuestionState.choices, default=QuestionState.ASKED
    )
    answer = models.TextField(
        blank=True, help_text="A draft until the question is marked answered."
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    answered_at = models.DateTimeField(null=True, blank=True, editable=False)
    decline_reason = models.TextField("reason for declining", blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
        help_text="The question kept when this one was merged with it.",
    )
    demo = models.BooleanField(default=False, editable=False, help_text="Made up for the demo.")
    updated_at = models.DateTimeField(auto_now=True, db_default=Now())

    objects = QuestionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "asked_at", "pk"]
        permissions = [
            ("manage_question", "Can merge, decline or hold questions for the meeting"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(item__isnull=False, measure__isnull=True, period="")
                | (Q(measure__isnull=False) & ~Q(period="")),
                name="question_about_an_item_or_a_figure",
                violation_error_message="Ask about an agenda item, or a measure's figure for "
                "a quarter.",
            ),
            models.CheckConstraint(
                condition=~Q(state="answered") | ~Q(answer=""),
                name="answered_question_has_an_answer",
                violation_error_message="Write the answer before marking the question answered.",
            ),
            models.CheckConstraint(
                condition=~Q(state="declined") | ~Q(decline_reason=""),
                name="declined_question_gives_a_reason",
                violation_error_message="Say why the question is declined.",
            ),
            models.CheckConstraint(
                condition=Q(state="duplicate", duplicate_of__isnull=False)
                | (~Q(state="duplicate") & Q(duplicate_of__isnull=True)),
                name="duplicate_question_points_to_the_kept_one",
                violation_error_message="A merged question points to the question kept.",
            ),
        ]

    def __str__(self) -> str:
        return f"Question {self.pk}: {self.text[:60]}"

    @property
    def subject(self) -> str:
        """What it asks about, as the pages print it."""
        measure = self.measure
        if measure is not None:
            return f"{measure.reference} {measure.title}, {self.period}"
        return f"Item {self.item.number}: {self.item.title}" if self.item else ""

    def clean(self) -> None:
        if self.state == QuestionState.ANSWERED and not self.answer.strip():
            raise ValidationError({"answer": "Write the answer before marking it answered."})
        if self.state == QuestionState.DECLINED and not self.decline_reason.strip():
            raise ValidationError({"decline_reason": "Say why the question is declined."})
        if self.state == QuestionState.DUPLICATE and self.duplicate_of_id is None:
            raise ValidationError({"duplicate_of": "Choose the question it duplicates."})
        if self.duplicate_of_id is not None and self.duplicate_of_id == self.pk:
            raise ValidationError({"duplicate_of": "A question cannot duplicate itself."})


class RecommendationSource(models.TextChoices):
    RESOLUTION = "resolution", "This committee's resolution"
    PEER_CHALLENGE = "peer_challenge", "Peer challenge"
    OFSTED = "ofsted", "Ofsted inspection"
    INTERNAL_AUDIT = "internal_audit", "Internal audit"
    OTHER = "other", "Other"


class RecommendationResponse(models.TextChoices):
    AWAITED = "", "Awaited"
    ACCEPTED = "accepted", "Accepted"
    PARTLY = "partly", "Partly accepted"
    NOT_ACCEPTED = "not_accepted", "Not accepted"


class RecommendationStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    IMPLEMENTED = "implemented", "Implemented"
    CLOSED = "closed", "Closed without implementation"


class RecommendationQuerySet(models.QuerySet["Recommendation"]):
    def visible_to(self, user: AnyUser) -> RecommendationQuerySet:
        """All for staff who may view recommendations, the published ones for anyone else;
        one from a minute taken in private only for those entitled to read that minute
        (committees/access.py's rule)."""
        if user is not None and user.has_perm("committees.view_recommendation"):
            from committees.access import exempt_entitlement

            entitled = Minute.objects.filter(exempt_entitlement(user))
            return self.filter(Q(minute__isnull=True) | Q(minute__in=entitled))
        return self.public()

    def public(self) -> RecommendationQuerySet:
        """Published, and never one from a minute taken in private."""
        return self.filter(published=True).filter(
            Q(minute__isnull=True) | Q(minute__exempt_paragraph__isnull=True)
        )

    def with_last_update(self) -> RecommendationQuerySet:
        """Each with `last_update`, the date of its latest progress update (or None)."""
        return self.annotate(last_update=models.Max("updates__date"))


def recommendation_evidence_path(instance: RecommendationUpdate, filename: str) -> str:
    # Random names, as papers: evidence is served by a view that checks who may read it.
    return f"evidence/{uuid.uuid4().hex}.pdf"


class Recommendation(models.Model):
    """A recommendation a committee follows to the end: its source, response and progress."""

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="recommendations"
    )
    source = models.CharField(max_length=20, choices=RecommendationSource.choices)
    source_name = models.CharField(
        "name of the source",
        max_length=300,
        blank=True,
        help_text="For a peer challenge, inspection, audit or other source: which one "
        "(needed for “other”), e.g. “Peer Challenge Review, July 2012”.",
    )
    minute = models.ForeignKey(
        Minute,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
        help_text="The minute recording this committee's resolution (needed for a resolution).",
    )
    text = models.TextField()
    addressed_to = models.CharField(
        max_length=300, blank=True, help_text="The body it is addressed to, e.g. the Executive."
    )
    owner = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="recommendations"
    )
    raised = models.DateField(help_text="When it was made.")
    due = models.DateField(null=True, blank=True)
    response = models.CharField(
        max_length=20, choices=RecommendationResponse.choices, blank=True, default=""
    )
    response_reasons = models.TextField(
        "reasons", blank=True, help_text="Why it was partly or not accepted."
    )
    status = models.CharField(
        max_length=20, choices=RecommendationStatus.choices, default=RecommendationStatus.OPEN
    )
    published = models.BooleanField(
        default=False, help_text="Shown to the public on the committee's tracker."
    )
    demo = models.BooleanField(
        default=False, editable=False, help_text="Made up for the demo, not the council's own."
    )
    measures = models.ManyToManyField(
        "measures.Measure", blank=True, related_name="recommendations"
    )
    actions = models.ManyToManyField(Action, blank=True, related_name="recommendations")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True, db_default=Now())

    history = HistoricalRecords()
    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["committee", "raised", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(source__in=RecommendationSource.values),
                name="recommendation_source_known",
            ),
            models.CheckConstraint(
                condition=Q(status__in=RecommendationStatus.values),
                name="recommendation_status_known",
            ),
            models.CheckConstraint(
                condition=Q(response__in=RecommendationResponse.values),
                name="recommendation_response_known",
            ),
            models.CheckConstraint(
                condition=~Q(source="other") | ~Q(source_name=""),
                name="recommendation_other_source_named",
                violation_error_message="Name the source of a recommendation from another source.",
            ),
            models.CheckConstraint(
                condition=~Q(source="resolution") | Q(minute__isnull=False),
                name="recommendation_resolution_has_minute",
                violation_error_message="Choose the minute that records the resolution.",
            ),
            models.CheckConstraint(
                condition=~Q(response__in=["partly", "not_accepted"]) | ~Q(response_reasons=""),
                name="recommendation_refusal_has_reasons",
                violation_error_message="Give the reasons it was partly or not accepted.",
            ),
            models.CheckConstraint(
                condition=Q(due__isnull=True) | Q(due__gte=models.F("raised")),
                name="recommendation_due_after_raised",
                violation_error_message="The due date cannot be before it was made.",
            ),
        ]

    def __str__(self) -> str:
        return self.text if len(self.text) <= 80 else f"{self.text[:79]}…"

    def get_absolute_url(self) -> str:
        return reverse("recommendation-detail", args=[self.committee.slug, self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.source == RecommendationSource.OTHER and not self.source_name.strip():
            errors["source_name"] = "Name the source: “other” says nothing on its own."
        if self.source == RecommendationSource.RESOLUTION and self.minute_id is None:
            errors["minute"] = "Choose the minute that records this committee's resolution."
        if (
            self.response
            in (
                RecommendationResponse.PARTLY,
                RecommendationResponse.NOT_ACCEPTED,
            )
            and not self.response_reasons.strip()
        ):
            errors["response_reasons"] = (
                f"Give the reasons it was {self.get_response_display().lower()}."
            )
        if self.due and self.raised and self.due < self.raised:
            errors["due"] = "The due date cannot be before the recommendation was made."
        if self.minute_id is not None and self.committee_id is not None:
            minute = self.minute
            if minute is not None and minute.item.meeting.committee_id != self.committee_id:
                errors["minute"] = "Choose a minute of this committee's own meetings."
            elif minute is not None and minute.is_exempt and self.published:
                errors["published"] = (
                    "A recommendation from a minute taken in private (exempt under Schedule "
                    "12A) cannot be published."
                )
        if errors:
            raise ValidationError(errors)

    @property
    def source_label(self) -> str:
        """ "Peer challenge: Peer Challenge Review, July 2012", or the source alone."""
        label = self.get_source_display()
        if self.source == RecommendationSource.OTHER:
            return self.source_name
        return f"{label}: {self.source_name}" if self.source_name else label


class RecommendationUpdate(models.Model):
    """A dated note of progress on a recommendation, with its evidence as text or a PDF."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="updates"
    )
    date = models.DateField()
    text = models.TextField(blank=True, help_text="The progress, and the evidence in words.")
    evidence = models.FileField(
        upload_to=recommendation_evidence_path,
        blank=True,
        validators=[validate_pdf],
        help_text="Or evidence as a PDF, checked as papers are.",
    )
    status = models.CharField(
        "status after this update",
        max_length=20,
        choices=RecommendationStatus.choices,
        blank=True,
        help_text="Left empty, the status stays as it was.",
    )
    demo = models.BooleanField(
        default=False, editable=False, help_text="Made up for the demo, not the council's own."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["recommendation", "date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(text="") | ~Q(evidence=""),
                name="recommendation_update_has_evidence",
                violation_error_message="Write the progress or attach the evidence as a PDF.",
            ),
            models.CheckConstraint(
                condition=Q(status="") | Q(status__in=RecommendationStatus.values),
                name="recommendation_update_status_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date}: {self.text[:60]}" if self.text else f"{self.date}: evidence"

    def clean(self) -> None:
        if not self.text.strip() and not self.evidence:
            raise ValidationError(
                {"text": "Write the progress, or attach the evidence as a PDF (or both)."}
            )


class PaperReleaseQuerySet(models.QuerySet["PaperRelease"]):
    def of_meeting(self, meeting: Meeting) -> PaperReleaseQuerySet:
        return self.filter(paper__item__meeting=meeting).select_related("paper", "released_by")


class PaperRelease(models.Model):
    """An exempt paper made public once its exemption no longer applied: who, when and why."""

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="releases")
    exempt_paragraph = models.PositiveSmallIntegerField(
        choices=EXEMPT_PARAGRAPHS, help_text="The paragraph of Schedule 12A it was exempt under."
    )
    released_at = models.DateTimeField(default=timezone.now)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.TextField(help_text="Why the exemption no longer applies.")

    objects = PaperReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["-released_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="paper_release_has_a_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.paper} released {timezone.localdate(self.released_at):%-d %B %Y}"
