"""E-mail goes out from a task: the request only queues it, the worker sends it."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from scrutiny.mail import queue_email
from tests.worker_support import run_worker

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("mail_through_tasks"),
]


@pytest.fixture
def mail_through_tasks():  # noqa: ANN201
    """Django's e-mail backend as the settings have it, delivering to the test outbox."""
    with override_settings(
        EMAIL_BACKEND="scrutiny.mail.TaskEmailBackend",
        MAIL_DELIVERY_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    ):
        yield


@pytest.mark.sqlite  # the database backend and its worker on make demo's SQLite too
def test_send_mail_queues_the_message_and_the_worker_sends_it() -> None:
    sent = send_mail(
        "Reset your password",
        "Follow this link to choose a new password.",
        "scrutiny@example.gov.uk",
        ["officer@example.gov.uk"],
    )
    assert sent == 1  # accepted for sending
    assert mail.outbox == []  # nothing went out during the request
    assert DBTaskResult.objects.filter(task_path="scrutiny.mail.send_email").count() == 1

    run_worker()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Reset your password"
    assert message.to == ["officer@example.gov.uk"]
    assert message.from_email == "scrutiny@example.gov.uk"
    assert message.body == "Follow this link to choose a new password."


def test_an_html_alternative_and_reply_to_survive_the_queue() -> None:
    message = EmailMultiAlternatives(
        "Agenda published",
        "The agenda is published.",
        "scrutiny@example.gov.uk",
        ["member@example.gov.uk"],
        reply_to=["democratic.services@example.gov.uk"],
    )
    message.attach_alternative("<p>The agenda is <strong>published</strong>.</p>", "text/html")
    message.send()
    run_worker()
    delivered = mail.outbox[0]
    assert delivered.reply_to == ["democratic.services@example.gov.uk"]
    assert delivered.alternatives[0][0] == "<p>The agenda is <strong>published</strong>.</p>"


def test_a_message_with_an_attachment_is_refused_rather_than_sent_without_it() -> None:
    message = EmailMultiAlternatives("Pack", "Attached.", "a@example.gov.uk", ["b@example.gov.uk"])
    message.attach("pack.pdf", b"%PDF-1.7", "application/pdf")
    with pytest.raises(ValueError, match="attachments cannot be sent from a task"):
        queue_email(message)
    assert not DBTaskResult.objects.exists()
