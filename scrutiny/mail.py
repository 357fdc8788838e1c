"""E-mail sent from a background task, so a slow or absent mail server never holds up a page."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django_tasks import task


def _as_fields(message: EmailMessage) -> dict[str, Any]:
    """What a task needs to rebuild a message: plain JSON (attachments are not sent this way)."""
    if message.attachments:
        raise ValueError("Messages with attachments cannot be sent from a task.")
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": {str(k): str(v) for k, v in (message.extra_headers or {}).items()},
        "alternatives": [
            [str(content), mimetype]
            for content, mimetype in getattr(message, "alternatives", []) or []
        ],
    }


@task()
def send_email(fields: dict[str, Any]) -> int:
    """Send one message through the delivery backend (settings.MAIL_DELIVERY_BACKEND)."""
    alternatives = fields.get("alternatives", [])
    message = EmailMultiAlternatives(
        subject=fields["subject"],
        body=fields["body"],
        from_email=fields["from_email"],
        to=fields["to"],
        cc=fields["cc"],
        bcc=fields["bcc"],
        reply_to=fields["reply_to"],
        headers=fields["headers"],
        connection=get_connection(settings.MAIL_DELIVERY_BACKEND),
    )
    for content, mimetype in alternatives:
        message.attach_alternative(content, mimetype)
    return message.send()


def queue_email(message: EmailMessage) -> None:
    """Send a message from a task once the current transaction commits."""
    fields = _as_fields(message)
    transaction.on_commit(lambda: send_email.enqueue(fields))


class TaskEmailBackend(BaseEmailBackend):
    """Django's EMAIL_BACKEND: hands each message to a task (password resets, alerts)."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        for message in email_messages:
            queue_email(message)
        return len(email_messages)
