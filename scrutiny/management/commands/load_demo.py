"""Load the demo data and demo accounts, printing the sign-ins."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from measures.demo import load_demo_measures
from scrutiny.demo import create_demo_accounts


class Command(BaseCommand):
    help = "Load the demo data (Lincolnshire's papers) and create one demo account per role."

    def handle(self, *args: object, **options: object) -> None:
        accounts = create_demo_accounts()
        users = get_user_model().objects.in_bulk(
            [a.username for a in accounts], field_name="username"
        )
        count = load_demo_measures(
            owners={"quarterly": users["officer"], "annual": users["lead"]},
            publisher=users["lead"],
        )
        self.stdout.write(f"Loaded {count} measures from Lincolnshire's published papers.")
        self.stdout.write("Demo sign-ins (username / password, role):")
        for account in accounts:
            self.stdout.write(f"  {account.username:<10} {account.password:<20} {account.role}")
