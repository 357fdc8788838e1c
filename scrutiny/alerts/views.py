"""Pages of the alerts: subscribing, confirming, managing and unsubscribing; the privacy notice."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from committees.models import Committee
from measures.models import Measure
from scrutiny.alerts import services
from scrutiny.alerts.forms import SubscribeForm
from scrutiny.alerts.links import LinkError, manage_path, read_manage
from scrutiny.alerts.messages import described
from scrutiny.alerts.models import Subscriber, Subscription
from scrutiny.alerts.topics import COMMITTEE, MEASURE, Subject


def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "alerts/index.html",
        {
            "committees": Committee.objects.order_by("name"),
            "measures": Measure.objects.in_council_order(),
        },
    )


def _subscribe(
    request: HttpRequest,
    *,
    about: Subject,
    name: str,
    committee_id: int | None = None,
    measure_id: int | None = None,
) -> HttpResponse:
    form = SubscribeForm(request.POST or None, about=about)
    if request.method == "POST" and form.is_valid():
        services.subscribe(
            email=form.cleaned_data["email"],
            topics=form.cleaned_data["topics"],
            committee_id=committee_id,
            measure_id=measure_id,
        )
        return redirect("alerts-sent")
    return render(request, "alerts/subscribe.html", {"form": form, "name": name})


# The small forms on the committee and measure pages post here without a CSRF token: those
# pages are cached whole for the public. A forged post could only send a confirmation
# message, which its owner ignores, and repeats are limited (services.RESEND_AFTER and
# DAILY_CONFIRMATIONS).
@csrf_exempt
@never_cache
def subscribe_committee(request: HttpRequest, slug: str) -> HttpResponse:
    committee = get_object_or_404(Committee, slug=slug)
    return _subscribe(request, about=COMMITTEE, name=committee.name, committee_id=committee.pk)


@csrf_exempt
@never_cache
def subscribe_measure(request: HttpRequest, reference: str) -> HttpResponse:
    measure = get_object_or_404(Measure, reference=reference)
    return _subscribe(request, about=MEASURE, name=str(measure), measure_id=measure.pk)


def sent(request: HttpRequest) -> HttpResponse:
    return render(request, "alerts/sent.html", {"days": settings.ALERT_CONFIRM_DAYS})


def _broken(request: HttpRequest, problem: LinkError) -> HttpResponse:
    return render(request, "alerts/broken_link.html", {"problem": str(problem)}, status=400)


@never_cache
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """A page with one button: some mail systems open every link in a message to check it,
    so following the link alone confirms nothing."""
    if request.method != "POST":
        return render(request, "alerts/confirm.html", {"token": token})
    try:
        subscriptions = services.confirm(token=token)
    except LinkError as problem:
        return _broken(request, problem)
    return render(
        request,
        "alerts/confirmed.html",
        {
            "alerts": [described(s) for s in subscriptions],
            "manage_path": manage_path(subscriptions[0].subscriber.key),
        },
    )


def _subscriber(token: str) -> Subscriber | None:
    return Subscriber.objects.filter(key=read_manage(token)).first()


@never_cache
def manage(request: HttpRequest, token: str) -> HttpResponse:
    """A subscriber's alerts, each with a button that stops it."""
    try:
        subscriber = _subscriber(token)
    except LinkError as problem:
        return _broken(request, problem)
    if subscriber is None:
        return render(request, "alerts/stopped.html", {"deleted": True})
    if request.method == "POST":
        chosen = request.POST.get("remove", "")
        mine = Subscription.objects.filter(subscriber=subscriber)
        ids = list(mine.values_list("pk", flat=True)) if chosen == "all" else []
        if chosen.isdigit():
            ids = [int(chosen)]
        if services.remove(subscriber=subscriber, ids=ids):
            return render(request, "alerts/stopped.html", {"deleted": True})
        return redirect("alerts-manage", token=token)
    subscriptions = list(
        Subscription.objects.filter(subscriber=subscriber).select_related("committee", "measure")
    )
    return render(
        request,
        "alerts/manage.html",
        {"alerts": [(s, described(s)) for s in subscriptions], "token": token},
    )


# Mail programs post here themselves (RFC 8058 one-click), with no CSRF token; the signed
# link is the proof, and it can only stop alerts.
@csrf_exempt
@never_cache
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    if request.method != "POST":
        return render(request, "alerts/unsubscribe.html", {"token": token})
    try:
        subscriber, deleted = services.unsubscribe(token=token)
    except LinkError as problem:
        return _broken(request, problem)
    return render(
        request,
        "alerts/stopped.html",
        {"deleted": deleted, "manage_path": manage_path(subscriber.key) if subscriber else ""},
    )


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "alerts/privacy.html", {"days": settings.ALERT_CONFIRM_DAYS})
