"""Subscribing, confirming and unsubscribing through the pages, as a resident does."""

import re
import time

import pytest
from django.core import mail, signing
from django.test import Client

from committees.models import Meeting, Minute
from committees.publication import publish_agenda, publish_minutes
from scrutiny.alerts.links import CONFIRM_SALT
from scrutiny.alerts.models import Subscriber, Subscription
from tests.committees.conftest import EXEMPT_TEXT
from tests.scrutiny.alerts.conftest import SITE

pytestmark = pytest.mark.django_db


def link(message: mail.EmailMessage, kind: str) -> str:
    """The path of a link of this kind (confirm, manage, unsubscribe) in a message's text."""
    found = re.search(rf"{re.escape(SITE)}(/alerts/{kind}/\S+/)", str(message.body))
    assert found, message.body
    return found.group(1)


def test_subscribe_confirm_alert_unsubscribe_then_nothing_more(
    client: Client, committed, draft_meeting: Meeting
) -> None:
    committee = draft_meeting.committee
    with committed():
        answer = client.post(
            f"/alerts/committees/{committee.slug}/",
            {"email": " Resident@Example.org ", "topics": ["agenda-published"]},
        )
    assert answer.status_code == 302 and answer["Location"] == "/alerts/check-your-email/"
    [confirmation] = mail.outbox
    assert confirmation.to == ["resident@example.org"]
    assert "Children and Young People Scrutiny Committee: An agenda is published" in (
        confirmation.body
    )

    # Nothing is sent before confirming, and opening the link (as a mail scanner does) is
    # not confirming.
    with committed():
        publish_agenda(meeting=draft_meeting, user=None)
    assert len(mail.outbox) == 1
    confirm = link(confirmation, "confirm")
    assert "Confirm my alerts" in client.get(confirm).content.decode()
    assert not Subscription.objects.filter(confirmed_at__isnull=False).exists()
    confirmed = client.post(confirm).content.decode()
    assert "Your alerts are confirmed" in confirmed

    later = Meeting.objects.create(committee=committee, date=draft_meeting.date.replace(day=28))
    with committed():
        publish_agenda(meeting=later, user=None)
    [alert] = mail.outbox[1:]
    assert alert.to == ["resident@example.org"]
    assert alert.subject == (
        "Agenda published: Children and Young People Scrutiny Committee, 28 September 2017"
    )
    unsubscribe = link(alert, "unsubscribe")
    assert alert.extra_headers["List-Unsubscribe"] == f"<{SITE}{unsubscribe}>"
    assert alert.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"{SITE}{later.get_absolute_url()}" in alert.body
    [(html, mimetype)] = alert.alternatives
    assert mimetype == "text/html" and f'href="{SITE}{unsubscribe}"' in html

    # The mail program's one-click unsubscribe (RFC 8058): a POST with no CSRF token.
    strict = Client(enforce_csrf_checks=True)
    stopped = strict.post(
        unsubscribe,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert stopped.status_code == 200
    assert not Subscriber.objects.exists()  # the last alert stopped: the address is gone

    last = Meeting.objects.create(committee=committee, date=draft_meeting.date.replace(day=29))
    with committed():
        publish_agenda(meeting=last, user=None)
    assert len(mail.outbox) == 2


def test_the_exempt_papers_title_and_text_are_never_in_an_alert(
    committed, make_subscription, draft_meeting: Meeting
) -> None:
    make_subscription(topic="agenda-published", committee=draft_meeting.committee)
    with committed():
        publish_agenda(meeting=draft_meeting, user=None)
    [alert] = mail.outbox
    for text in [alert.subject, alert.body, alert.alternatives[0][0]]:
        assert "8 September 2017" in text
        assert "Contract performance" not in text and EXEMPT_TEXT not in text


def test_asking_again_sends_a_confirmation_only_for_new_alerts_and_one_alert_per_event(
    client: Client, committed, draft_meeting: Meeting
) -> None:
    address = f"/alerts/committees/{draft_meeting.committee.slug}/"
    for topics, messages in [
        (["agenda-published"], 1),
        (["agenda-published"], 1),  # the same again, minutes later: no second message
        (["agenda-published", "minutes-published"], 2),  # something new
    ]:
        with committed():
            client.post(address, {"email": "resident@example.org", "topics": topics})
        assert len(mail.outbox) == messages
    assert Subscription.objects.count() == 2
    client.post(link(mail.outbox[0], "confirm"))  # confirms only the agenda alert it named
    with committed():
        client.post(address, {"email": "resident@example.org", "topics": ["agenda-published"]})
        publish_agenda(meeting=draft_meeting, user=None)
        Minute.objects.create(item=draft_meeting.items.get(), text="Noted.")
        publish_minutes(meeting=draft_meeting, user=None)
    assert [m.subject.split(":")[0] for m in mail.outbox[2:]] == [
        "Agenda published",  # once, and no minutes: that alert is still unconfirmed
    ]


def test_an_address_gets_at_most_five_confirmations_a_day(
    client: Client, committed, make_committee
) -> None:
    for number in range(7):
        committee = make_committee(f"Panel {number}")
        with committed():
            client.post(
                f"/alerts/committees/{committee.slug}/",
                {"email": "target@example.org", "topics": ["agenda-published"]},
            )
    assert len(mail.outbox) == 5
    assert Subscription.objects.count() == 7  # kept unconfirmed, deleted after 7 days


def test_a_tampered_or_expired_confirmation_link_gets_a_clear_page(
    client: Client, committed, draft_meeting: Meeting
) -> None:
    with committed():
        client.post(
            f"/alerts/committees/{draft_meeting.committee.slug}/",
            {"email": "resident@example.org", "topics": ["agenda-published"]},
        )
    good = link(mail.outbox[0], "confirm")
    tampered = client.post(good.replace("/confirm/", "/confirm/x"))
    assert tampered.status_code == 400
    assert "This link is not valid" in tampered.content.decode()

    subscription = Subscription.objects.get()
    signer = signing.TimestampSigner(salt=CONFIRM_SALT)
    signer.timestamp = lambda: signing.b62_encode(int(time.time()) - 8 * 86_400)  # type: ignore[method-assign]
    old = signer.sign_object(
        {"k": str(subscription.subscriber.key), "s": [subscription.pk]}, compress=True
    )
    expired = client.post(f"/alerts/confirm/{old}/")
    assert expired.status_code == 400
    assert "This link has expired: confirmation links work for 7 days" in (expired.content.decode())
    assert Subscription.objects.get().confirmed_at is None


def test_the_subscribe_page_says_what_is_wrong_and_keeps_nothing(
    client: Client, make_measure
) -> None:
    make_measure()
    page = client.post("/alerts/measures/LAC-RATE/", {"email": "not an address"})
    html = page.content.decode()
    assert page.status_code == 200 and "<title>Error: E-mail alerts" in html
    assert "Enter an e-mail address in the right form, like name@example.com" in html
    assert "Choose at least one alert" in html
    assert not Subscriber.objects.exists() and mail.outbox == []


def test_the_manage_page_lists_the_alerts_and_stopping_the_last_deletes_the_address(
    client: Client, make_subscription, make_committee, make_measure
) -> None:
    from scrutiny.alerts.links import manage_path

    committee = make_committee()
    agenda = make_subscription(topic="agenda-published", committee=committee)
    make_subscription(topic="status-changed", measure=make_measure())
    make_subscription("neighbour@example.org", topic="agenda-published", committee=committee)
    page = manage_path(agenda.subscriber.key)
    html = client.get(page).content.decode()
    assert "Children and Young People Scrutiny Committee: An agenda is published" in html
    assert "LAC-RATE" in html and "Its status changes" in html
    assert "neighbour@example.org" not in html and "resident@example.org" not in html

    assert client.post(page, {"remove": str(agenda.pk)})["Location"] == page
    assert "An agenda is published" not in client.get(page).content.decode()
    gone = client.post(page, {"remove": "all"}).content.decode()
    assert "your e-mail address is deleted" in gone
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["neighbour@example.org"]


def test_the_privacy_notice_says_how_long_and_whom_to_contact(client: Client, settings) -> None:
    settings.CONTACT_EMAIL = "democratic.services@example.gov.uk"
    html = client.get("/privacy/").content.decode()
    assert "within 7 days, we delete it" in html
    assert 'href="mailto:democratic.services@example.gov.uk"' in html
    assert 'href="/privacy/">Privacy notice</a>' in html  # in the footer of every page


def test_committee_and_measure_pages_carry_a_subscribe_form_listed_from_the_alerts_page(
    client: Client, make_committee, make_measure
) -> None:
    committee = make_committee()
    make_measure()
    forms = {
        committee.get_absolute_url(): f"/alerts/committees/{committee.slug}/",
        "/measures/LAC-RATE/": "/alerts/measures/LAC-RATE/",
    }
    for page, action in forms.items():
        html = client.get(page).content.decode()
        assert f'<form method="post" action="{action}" class="alerts-form"' in html
        assert 'href="/privacy/">how we use your address</a>' in html
    index = client.get("/alerts/").content.decode()
    assert all(f'href="{action}"' in index for action in forms.values())
    subscribe = client.get(forms["/measures/LAC-RATE/"]).content.decode()
    assert 'value="status-changed" checked' in subscribe
