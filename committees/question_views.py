"""The page where a committee member asks a question for a meeting, and reads their own."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from committees.access import can_see_agenda
from committees.addresses import MeetingAddress
from committees.models import AgendaItem, Meeting, Question
from committees.questions import ask_question, closing_day, may_ask, still_open
from measures.models import Measure
from measures.rules.periods import Period


class QuestionForm(forms.Form):
    item = forms.ModelChoiceField(
        label="Which agenda item is your question about?",
        queryset=AgendaItem.objects.none(),
        empty_label="Choose an item",
        error_messages={"required": "Choose the agenda item your question is about."},
    )
    text = forms.CharField(
        label="Your question",
        widget=forms.Textarea(attrs={"rows": 6, "class": "govuk-textarea"}),
        max_length=3000,
        error_messages={"required": "Write your question."},
    )

    def __init__(self, *args: object, items: object = None, about_figure: bool, **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if about_figure:
            del self.fields["item"]
        else:
            self.fields["item"].queryset = items  # type: ignore[attr-defined]
            self.fields["item"].label_from_instance = str  # type: ignore[attr-defined]


def _figure(request: HttpRequest) -> tuple[Measure | None, Period | None]:
    reference, label = request.GET.get("measure", ""), request.GET.get("period", "")
    if not reference:
        return None, None
    measure = get_object_or_404(Measure, reference=reference)
    try:
        return measure, Period.parse(label)
    except ValueError:
        return None, None


@login_required
def ask(request: HttpRequest, committee: str, when: MeetingAddress) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.select_related("committee").at(committee, *when))
    measure, period = _figure(request)
    user = request.user
    items = (
        meeting.items.order_by("number")
        if can_see_agenda(user, meeting)
        else AgendaItem.objects.none()
    )
    allowed, open_ = may_ask(user, meeting), still_open(meeting)
    form = QuestionForm(
        request.POST if request.method == "POST" else None,
        items=items,
        about_figure=measure is not None,
    )
    if request.method == "POST" and allowed and open_ and form.is_valid():
        link = request.build_absolute_uri(reverse("admin:committees_question_changelist"))
        try:
            question = ask_question(
                user=user,  # type: ignore[arg-type]  # login_required: a signed-in user
                meeting=meeting,
                text=form.cleaned_data["text"],
                item=form.cleaned_data.get("item"),
                measure=measure,
                period=period,
                link=link,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            query = request.GET.copy()
            query["sent"] = str(question.pk)
            return HttpResponseRedirect(f"{request.path}?{query.urlencode()}")
    mine = list(
        Question.objects.filter(meeting=meeting, asked_by_id=user.pk)
        .select_related("item", "measure", "routed_to", "duplicate_of")
        .order_by("asked_at", "pk")
    )
    sent = request.GET.get("sent", "")
    response = render(
        request,
        "committees/ask_question.html",
        {
            "meeting": meeting,
            "form": form,
            "measure": measure,
            "period": period,
            "allowed": allowed,
            "open": open_,
            "closes": closing_day(meeting),
            "has_items": items.exists(),
            "mine": mine,
            "sent": next((q for q in mine if str(q.pk) == sent), None),
        },
        status=403 if not allowed else 200,
    )
    response["Cache-Control"] = "private, no-store"
    return response
