"""Give the roles their permissions on measures, targets and figures."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from measures.permissions import GRANTS, grant_role_permissions


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now to grant them.
    config = apps.get_app_config("measures")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    grant_role_permissions(apps=apps)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(*group.permissions.filter(content_type__app_label="measures"))


class Migration(migrations.Migration):
    dependencies = [
        ("measures", "0001_measures"),
        ("scrutiny", "0001_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
