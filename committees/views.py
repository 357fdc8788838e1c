"""Committee, meeting and paper pages; exempt papers only for those entitled."""

import re
from datetime import date

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from committees.access import can_read_exempt
from committees.models import (
    Action,
    ActionState,
    Committee,
    Meeting,
    Membership,
    Paper,
    WorkProgrammeItem,
)


def committee_list(request: HttpRequest) -> HttpResponse:
    committees = Committee.objects.filter(parent__isnull=True).prefetch_related("sub_groups")
    return render(request, "committees/committee_list.html", {"committees": committees})


def meeting_list(request: HttpRequest) -> HttpResponse:
    meetings = Meeting.objects.select_related("committee").order_by("date", "start")
    today = timezone.localdate()
    return render(
        request,
        "committees/meeting_list.html",
        {
            "upcoming": [m for m in meetings if m.date >= today],
            "past": [m for m in reversed(meetings) if m.date < today],
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
            "open_actions": Action.objects.filter(item__meeting__committee=committee)
            .exclude(state=ActionState.DONE)
            .select_related("owner", "item__meeting"),
            "today": today,
        },
    )


def _meeting(committee_slug: str, when: str) -> Meeting:
    found = re.fullmatch(r"(\d{4}-\d{2}-\d{2})(?:-(\d+))?", when)
    if not found:
        raise Http404("A meeting's address is its date, like 2017-09-08.")
    try:
        day = date.fromisoformat(found.group(1))
    except ValueError:
        raise Http404("No such date.") from None
    return get_object_or_404(
        Meeting.objects.select_related("committee"),
        committee__slug=committee_slug,
        date=day,
        sequence=int(found.group(2) or 1),
    )


def meeting_detail(request: HttpRequest, committee: str, when: str) -> HttpResponse:
    meeting = _meeting(committee, when)
    items = meeting.items.prefetch_related(
        "papers", "declarations__person", "actions__owner"
    ).select_related("minute")
    return render(
        request,
        "committees/meeting_detail.html",
        {
            "meeting": meeting,
            "items": items,
            "entitled": can_read_exempt(request.user, meeting),
            "attendance": meeting.attendance.select_related("person", "substitute_for"),
        },
    )


def paper(request: HttpRequest, key: str) -> HttpResponse:
    paper = get_object_or_404(Paper.objects.select_related("item__meeting__committee"), key=key)
    meeting = paper.item.meeting
    if paper.is_exempt and not can_read_exempt(request.user, meeting):
        # Title and statement only: nothing of the content, not even its size.
        response = render(
            request, "committees/paper_restricted.html", {"paper": paper, "meeting": meeting}
        )
        response.status_code = 403
        return response
    if paper.file:
        response = FileResponse(paper.file.open("rb"), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{paper.key}.pdf"'
        response["Cache-Control"] = "private, no-store" if paper.is_exempt else "public"
        return response
    response = render(request, "committees/paper.html", {"paper": paper, "meeting": meeting})
    if paper.is_exempt:
        response["Cache-Control"] = "private, no-store"
    return response
