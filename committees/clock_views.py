"""The scrutiny officers' clocks page, and releasing an exempt paper from it."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from committees.access import EXEMPT_PERMISSION, UNPUBLISHED_PERMISSION
from committees.clocks import agenda_clocks, quarters_time_to_publish
from committees.models import Paper, PaperRelease
from committees.release import ReleaseError, release_paper

RELEASE_PERMISSION = "committees.publish_meeting"


class ReleaseForm(forms.Form):
    reason = forms.CharField(
        label="Why the exemption no longer applies",
        widget=forms.Textarea(attrs={"rows": 4, "class": "govuk-textarea"}),
        help_text="Recorded with your name and the time, and shown to scrutiny officers.",
        error_messages={"required": "Say why the exemption no longer applies."},
    )


@login_required
@permission_required(UNPUBLISHED_PERMISSION, raise_exception=True)
def clocks(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    reviews = request.user.has_perm(EXEMPT_PERMISSION)
    response = render(
        request,
        "committees/clocks.html",
        {
            "today": today,
            "agendas": agenda_clocks(today=today),
            "due_for_review": list(Paper.objects.due_for_review(today)) if reviews else None,
            "releases": list(PaperRelease.objects.select_related("paper", "released_by")[:10])
            if reviews
            else None,
            "can_release": request.user.has_perm(RELEASE_PERMISSION),
            "quarters": quarters_time_to_publish(quarters=8),
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@permission_required([RELEASE_PERMISSION, EXEMPT_PERMISSION], raise_exception=True)
def release(request: HttpRequest, key: str) -> HttpResponse:
    """Ask why, then make an exempt paper public."""
    paper = get_object_or_404(
        Paper.objects.select_related("item__meeting__committee"),
        key=key,
        exempt_paragraph__isnull=False,
    )
    form = ReleaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            release_paper(paper=paper, user=request.user, reason=form.cleaned_data["reason"])
        except ReleaseError as problem:
            form.add_error("reason", str(problem))
        else:
            messages.success(request, f"Released “{paper}”: it is now public.")
            return HttpResponseRedirect(reverse("clocks"))
    response = render(request, "committees/release.html", {"paper": paper, "form": form})
    response["Cache-Control"] = "private, no-store"
    return response
