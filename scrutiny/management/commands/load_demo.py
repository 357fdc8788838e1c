"""Load the demo data and demo accounts, printing the sign-ins."""

from django.core.management.base import BaseCommand

from scrutiny.demo import create_demo_accounts


class Command(BaseCommand):
    help = "Load the demo data (Lincolnshire's papers) and create one demo account per role."

    def handle(self, *args: object, **options: object) -> None:
        accounts = create_demo_accounts()
        self.stdout.write("Demo sign-ins (username / password, role):")
        for account in accounts:
            self.stdout.write(f"  {account.username:<10} {account.password:<20} {account.role}")
