"""Each app's roles get their permissions back after every migrate (and flush)."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.db.models.signals import post_migrate

from scrutiny.roles import Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("app", "role", "codename"),
    [
        ("committees", Role.SCRUTINY_OFFICER, "publish_meeting"),
        ("committees", Role.OFFICER, "view_meeting"),
        ("measures", Role.OFFICER, "change_actual"),
        ("measures", Role.PERFORMANCE_LEAD, "view_measure"),
    ],
)
def test_a_migrate_gives_each_role_its_apps_permissions_again(
    app: str, role: Role, codename: str
) -> None:
    Group.objects.filter(name=role).delete()
    config = apps.get_app_config(app)
    post_migrate.send(sender=config, app_config=config, verbosity=0, interactive=False)
    group = Group.objects.get(name=role)
    assert group.permissions.filter(content_type__app_label=app, codename=codename).exists()


def test_another_apps_migrate_leaves_the_roles_alone() -> None:
    Group.objects.filter(name=Role.SCRUTINY_OFFICER).delete()
    config = apps.get_app_config("sessions")
    post_migrate.send(sender=config, app_config=config, verbosity=0, interactive=False)
    assert not Group.objects.filter(name=Role.SCRUTINY_OFFICER).exists()
