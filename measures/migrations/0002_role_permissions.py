"""Give the roles their permissions on measures, targets and figures."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["ambition", "outcome", "measure", "target", "actual"]

GRANTS = {
    # Officers keep their own measures' texts, targets and figures, and submit figures.
    "Officer": [
        *(f"view_{m}" for m in MODELS),
        "change_measure",
        "add_target",
        "change_target",
        "add_actual",
        "change_actual",
        "submit_actual",
    ],
    "Performance lead": [
        *(f"{action}_{m}" for m in MODELS for action in ("add", "change", "delete", "view")),
        "submit_actual",
        "approve_actual",
        "publish_actual",
    ],
    "Scrutiny officer": [f"view_{m}" for m in MODELS],
}


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now to grant them.
    config = apps.get_app_config("measures")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="measures", codename__in=codenames)
        )


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
