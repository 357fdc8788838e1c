"""Give the roles their permissions on benchmarking's models."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from measures.permissions import grant_role_permissions


def grant(apps, schema_editor):
    config = apps.get_app_config("measures")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    grant_role_permissions(apps=apps)


class Migration(migrations.Migration):
    dependencies = [("measures", "0003_benchmarking")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
