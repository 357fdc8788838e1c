"""Give the roles their permissions on committees: scrutiny officers manage, others read."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from committees.permissions import grant_role_permissions


def grant(apps, schema_editor):
    config = apps.get_app_config("committees")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    grant_role_permissions(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("committees", "0001_committees"),
        ("scrutiny", "0001_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
