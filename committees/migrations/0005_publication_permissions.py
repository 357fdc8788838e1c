"""Scrutiny officers publish and withdraw agendas and minutes, and read them as drafts."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from committees.permissions import grant_role_permissions


def grant(apps, schema_editor):
    config = apps.get_app_config("committees")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    grant_role_permissions(apps=apps)


class Migration(migrations.Migration):
    dependencies = [("committees", "0004_publication_records")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
