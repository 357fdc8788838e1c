"""Demo accounts, one per role, for trying the service on a laptop."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from scrutiny.roles import Role


@dataclass(frozen=True)
class DemoAccount:
    """A demo sign-in and the role it holds."""

    username: str
    password: str
    role: Role
    first_name: str
    last_name: str


DEMO_ACCOUNTS = [
    DemoAccount("member", "demo-member-pass", Role.COMMITTEE_MEMBER, "Rosie", "Kirk"),
    DemoAccount("officer", "demo-officer-pass", Role.OFFICER, "Andy", "Cook"),
    DemoAccount("lead", "demo-lead-pass", Role.PERFORMANCE_LEAD, "Sally", "Savage"),
    DemoAccount("scrutiny", "demo-scrutiny-pass", Role.SCRUTINY_OFFICER, "Tracy", "Johnson"),
]


def create_demo_accounts() -> list[DemoAccount]:
    """Create or reset the demo accounts, so the printed passwords always work."""
    User = get_user_model()
    for account in DEMO_ACCOUNTS:
        user, _ = User.objects.get_or_create(username=account.username)
        user.first_name = account.first_name
        user.last_name = account.last_name
        user.email = f"{account.username}@example.org"
        user.is_staff = account.role.is_staff
        user.set_password(account.password)
        user.save()
        user.groups.set([Group.objects.get_or_create(name=account.role.value)[0]])
    return DEMO_ACCOUNTS
