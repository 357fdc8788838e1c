"""Delete alert subscriptions left unconfirmed past ALERT_CONFIRM_DAYS (run it daily)."""

from typing import Any

from django.core.management.base import BaseCommand

from scrutiny.alerts.services import expire_unconfirmed


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = expire_unconfirmed()
        self.stdout.write(f"Deleted {deleted} unconfirmed alert subscription(s).")
