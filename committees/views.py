"""Committee, meeting and paper pages; exempt papers only for those entitled."""

import io
from collections.abc import Iterable
from urllib.parse import urlencode

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from committees.access import can_read_exempt, can_see_agenda, can_see_minutes, sees_unpublished
from committees.addresses import MeetingAddress
from committees.deadlines import timeliness
from committees.feeds import meetings_calendar
from committees.filters import PAST, UPCOMING, MeetingFilter
from committees.meeting_status import meeting_holdings
from committees.models import (
    Action,
    ActionState,
    Committee,
    Generated,
    Meeting,
    MeetingState,
    Membership,
    Paper,
    Person,
    Publication,
    WorkProgrammeItem,
)
from committees.notices import agenda_notice, minutes_notice
from committees.packs.build import latest_packs
from committees.packs.content import MinutesPaper, minutes_paper, paper_document
from committees.packs.pdf import render_minutes
from committees.question_reads import meeting_questions
from committees.recommendations import recommendations_monitor
from committees.since import changes_since, window_after
from scrutiny.caching import cached_page


def committee_list(request: HttpRequest) -> HttpResponse:
    committees = Committee.objects.filter(parent__isnull=True).prefetch_related("sub_groups")
    return render(request, "committees/committee_list.html", {"committees": committees})


def meeting_list(request: HttpRequest) -> HttpResponse:
    today, user = timezone.localdate(), request.user
    listed = Meeting.objects.select_related("committee").with_holdings()
    chosen = MeetingFilter(request.GET, queryset=listed.order_by("date", "start"))
    meetings = list(chosen.qs)
    drafts = sees_unpublished(user)
    for meeting in meetings:
        # Page-only attribute the template reads; not a field of the model.
        meeting.holdings = meeting_holdings(
            meeting_day=meeting.date,
            today=today,
            cancelled=meeting.state == MeetingState.CANCELLED,
            agenda_published_on=(
                timezone.localdate(meeting.agenda_published_at)
                if meeting.agenda_published_at
                else None
            ),
            agenda_visible=drafts or meeting.agenda_is_published,
            deadline=meeting.publication_deadline,
            pack=meeting.public_pack_servable,
            minutes_visible=drafts or meeting.minutes_are_published,
            minutes=meeting.minute_count,
            approved_minutes=meeting.approved_minute_count,
        )
    when = chosen.form.cleaned_data.get("when") if chosen.is_valid() else ""
    return render(
        request,
        "committees/meeting_list.html",
        {
            "filter": chosen,
            "filtered": any(request.GET.get(name) for name in chosen.filters),
            "upcoming": [m for m in meetings if m.date >= today] if when != PAST else None,
            "past": [m for m in reversed(meetings) if m.date < today] if when != UPCOMING else None,
        },
    )


def committee_detail(request: HttpRequest, slug: str) -> HttpResponse:
    committee = get_object_or_404(Committee.objects.select_related("parent"), slug=slug)
    today = timezone.localdate()
    meetings = list(committee.meetings.order_by("date"))
    return render(
        request,
        "committees/committee_detail.html",
        {
            "committee": committee,
            "members": Membership.objects.on(today)
            .filter(committee=committee)
            .select_related("person")
            .order_by("role", "person__name"),
            "sub_groups": committee.sub_groups.all(),
            "upcoming": [m for m in meetings if m.date >= today],
            "past": [m for m in reversed(meetings) if m.date < today],
            "programme": WorkProgrammeItem.objects.filter(committee=committee)
            .select_related("meeting")
            .order_by("meeting__date", "title"),
            "open_actions": Action.objects.filter(
                item__meeting__in=Meeting.objects.agenda_visible_to(request.user),
                item__meeting__committee=committee,
            )
            .exclude(state=ActionState.DONE)
            .select_related("owner", "item__meeting"),
            "today": today,
            "measures": committee.measures.in_council_order(),
        },
    )


@cached_page
def meeting_detail(request: HttpRequest, committee: str, when: MeetingAddress) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.select_related("committee").at(committee, *when))
    user = request.user
    agenda, minutes = can_see_agenda(user, meeting), can_see_minutes(user, meeting)
    items = []
    if agenda or minutes:
        items = list(
            meeting.items.prefetch_related(
                "papers", "declarations__person", "actions__owner"
            ).select_related("minute", "minutes_of__committee")
        )
    entitled = agenda and can_read_exempt(user, meeting)
    packs = latest_packs(meeting=meeting, entitled=entitled) if agenda else {}
    for item in items:
        if packs.get("public_pack_servable"):  # each item's pages in the public pack
            # Page-only attributes the template reads; not fields of the model.
            item.pack_pages = packs["public_pack"].item_range(item.number)  # type: ignore[attr-defined]
        for paper in item.papers.all():
            paper.supplement = meeting.is_supplement(paper)  # type: ignore[attr-defined]  # as above
        earlier = item.minutes_of
        # The "Minutes of ..." item links to those minutes, for whoever may read them.
        item.minutes_link = earlier is not None and can_see_minutes(user, earlier)  # type: ignore[attr-defined]
    today = timezone.localdate()
    withdrawal = meeting.withdrawals.filter(what=Publication.AGENDA).first()
    notice = ""
    if not meeting.agenda_is_published:
        notice = agenda_notice(
            meeting_day=meeting.date,
            today=today,
            deadline=meeting.publication_deadline,
            withdrawn_on=timezone.localdate(withdrawal.withdrawn_at) if withdrawal else None,
            published_on=(
                timezone.localdate(withdrawal.published_at)
                if withdrawal and withdrawal.published_at
                else None
            ),
        )
    response = render(
        request,
        "committees/meeting_detail.html",
        {
            "meeting": meeting,
            "items": items,
            "agenda_visible": agenda,
            "minutes_visible": minutes,
            "drafts": sees_unpublished(user),
            "agenda_notice": notice,
            "minutes_notice": minutes_notice(
                meeting_day=meeting.date, today=today, cancelled=meeting.state == "cancelled"
            ),
            "entitled": entitled,
            "minutes_entitled": minutes and can_read_exempt(user, meeting),
            "has_minutes": minutes and any(hasattr(item, "minute") for item in items),
            "upcoming": meeting.date >= today,
            "attendance": meeting.attendance.lines(),
            # For those preparing agendas: the deadline beside the day it was published.
            "timeliness": timeliness(
                deadline=meeting.publication_deadline,
                published=timezone.localdate(meeting.agenda_published_at),
            )
            if meeting.agenda_published_at and sees_unpublished(user)
            else "",
            **packs,
            **meeting_questions(meeting, items, user),
        },
    )
    unpublished = not meeting.agenda_is_published or not meeting.minutes_are_published
    if unpublished and sees_unpublished(user):
        # Drafts shown to those preparing them are never kept by a shared cache.
        response["Cache-Control"] = "private, no-store"
    return response


def _minutes_of(request: HttpRequest, committee: str, when: MeetingAddress) -> MinutesPaper:
    """The meeting's minutes as the user may read them, or 404 when there are none to read."""
    meeting = get_object_or_404(Meeting.objects.select_related("committee").at(committee, *when))
    if not can_see_minutes(request.user, meeting):
        raise Http404("The minutes of this meeting are not published.")
    minutes = minutes_paper(meeting, full=can_read_exempt(request.user, meeting))
    if not minutes.minutes:
        raise Http404("No minutes are recorded for this meeting.")
    return minutes


def _minutes_caching(response: HttpResponseBase, minutes: MinutesPaper) -> HttpResponseBase:
    # Drafts and exempt minutes are never kept by a shared cache; minutes can be withdrawn
    # or made exempt at any time, so public ones are checked again each time.
    exempt = minutes.full and any(minute.is_exempt for minute, _ in minutes.minutes)
    private = exempt or not minutes.meeting.minutes_are_published
    response["Cache-Control"] = "private, no-store" if private else "no-cache"
    return response


def minutes_page(request: HttpRequest, committee: str, when: MeetingAddress) -> HttpResponseBase:
    minutes = _minutes_of(request, committee, when)
    response = render(
        request, "committees/minutes.html", {"minutes": minutes, "meeting": minutes.meeting}
    )
    return _minutes_caching(response, minutes)


def minutes_pdf(request: HttpRequest, committee: str, when: MeetingAddress) -> HttpResponseBase:
    minutes = _minutes_of(request, committee, when)
    meeting = minutes.meeting
    name = f"{meeting.committee.slug}-{meeting.slug}-minutes.pdf"
    response = FileResponse(
        io.BytesIO(render_minutes(minutes)),
        content_type="application/pdf",
        as_attachment=True,
        filename=name,
    )
    return _minutes_caching(response, minutes)


def paper(request: HttpRequest, key: str) -> HttpResponseBase:
    paper = get_object_or_404(Paper.objects.select_related("item__meeting__committee"), key=key)
    meeting = paper.item.meeting
    if not can_see_agenda(request.user, meeting):
        raise Http404("No paper is published at this address.")
    if paper.is_exempt and not can_read_exempt(request.user, meeting):
        # Title and statement only: nothing of the content, not even its size.
        restricted = render(
            request, "committees/paper_restricted.html", {"paper": paper, "meeting": meeting}
        )
        restricted.status_code = 403
        return restricted
    private = paper.is_exempt or not meeting.agenda_is_published
    response: HttpResponseBase
    if paper.file:
        response = FileResponse(paper.file.open("rb"), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{paper.key}.pdf"'
    else:
        context = {
            "paper": paper,
            "meeting": meeting,
            "supplement": meeting.is_supplement(paper),
        }
        if paper.generated == Generated.MEASURES and paper.item.period:
            context.update(generated_appendix(paper))
        elif paper.generated == Generated.MONITOR:
            full = request.user.has_perm("committees.view_recommendation")
            context["monitor"] = recommendations_monitor(meeting=meeting, full=full)
        response = render(request, "committees/paper.html", context)
    # A paper can be made exempt or withdrawn at any time: caches must ask again each time.
    response["Cache-Control"] = "private, no-store" if private else "no-cache"
    return response


def generated_appendix(paper: Paper) -> dict[str, object]:
    """The measure pages a generated appendix prints, and the dashboard of its quarter."""
    # Only those who may read the paper get here; its measure pages hold published figures.
    document = paper_document(paper, paper.item, full=True)
    committee = paper.item.meeting.committee
    # A generated appendix of measures always has a period (paper_document sets it).
    query = {"period": document.period.label}  # type: ignore[union-attr]
    if committee.measures.exists():  # the pack's measures are the committee's own if it names any
        query["committee"] = committee.pk
    return {"document": document, "dashboard_url": f"{reverse('home')}?{urlencode(query)}"}


def _ics(
    request: HttpRequest, meetings: Iterable[Meeting], *, name: str, filename: str
) -> HttpResponse:
    base = f"{request.scheme}://{request.get_host()}"
    response = HttpResponse(
        meetings_calendar(meetings, name=name, base_url=base),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    return response


def all_meetings_feed(request: HttpRequest) -> HttpResponse:
    meetings = Meeting.objects.select_related("committee").order_by("date")
    return _ics(request, meetings, name="All committee meetings", filename="meetings")


def committee_feed(request: HttpRequest, slug: str) -> HttpResponse:
    committee = get_object_or_404(Committee, slug=slug)
    meetings = committee.meetings.select_related("committee").order_by("date")
    return _ics(request, meetings, name=f"{committee.name} meetings", filename=committee.slug)


def action_log(request: HttpRequest, slug: str) -> HttpResponse:
    committee = get_object_or_404(Committee, slug=slug)
    actions = (
        Action.objects.filter(
            item__meeting__in=Meeting.objects.agenda_visible_to(request.user),
            item__meeting__committee=committee,
        )
        .select_related("owner", "item__meeting__committee")
        .prefetch_related("updates")
        .order_by("due", "pk")
    )
    return render(
        request,
        "committees/action_log.html",
        {
            "committee": committee,
            "open": [a for a in actions if a.state != ActionState.DONE],
            "done": [a for a in actions if a.state == ActionState.DONE],
            "today": timezone.localdate(),
        },
    )


def forward_plan(request: HttpRequest, slug: str) -> HttpResponse:
    committee = get_object_or_404(Committee, slug=slug)
    entries = list(committee.forward_plan.order_by("decision_date", "reference"))
    today = timezone.localdate()
    due = [e for e in entries if e.decision_date is not None and e.decision_date < today]
    return render(
        request,
        "committees/forward_plan.html",
        {
            "committee": committee,
            "coming": [e for e in entries if e not in due],
            "earlier": list(reversed(due)),
        },
    )


def since_last_meeting(request: HttpRequest, slug: str) -> HttpResponse:
    committee = get_object_or_404(Committee, slug=slug)
    window = window_after(committee, Meeting.objects.last_before(committee, timezone.localdate()))
    response = render(
        request,
        "committees/since_last_meeting.html",
        {
            "committee": committee,
            "window": window,
            "groups": changes_since(window, request.user),
        },
    )
    if request.user.is_authenticated:
        # What is listed depends on who looks (exempt papers, drafts).
        response["Cache-Control"] = "private, no-store"
    return response


def person_detail(request: HttpRequest, key: str) -> HttpResponse:
    person = get_object_or_404(Person, key=key)
    return render(
        request,
        "committees/person_detail.html",
        {
            "person": person,
            "memberships": person.memberships.select_related("committee").order_by("-start"),
            "attendance": person.attendance.select_related(
                "meeting__committee", "substitute_for"
            ).order_by("-meeting__date"),
        },
    )
