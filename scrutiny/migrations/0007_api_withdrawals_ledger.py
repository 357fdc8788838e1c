"""Withdrawals for the open data API: a tombstone's reason (deleted, or no longer public) and
the ledger of rows the lists that can lose them have answered (scrutiny/api/listing.py)."""

from importlib import import_module

from django.db import migrations, models

deletions = import_module("scrutiny.migrations.0006_api_deletions")


def on_sqlite(step):
    """SQLite adds the reason by copying the table, which its deletion triggers name: they go
    while it does."""

    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            step(apps, schema_editor)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("scrutiny", "0006_api_deletions"),
    ]

    operations = [
        migrations.CreateModel(
            name="ListedAsOf",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("version", models.BigIntegerField(default=-1)),
            ],
        ),
        migrations.RunPython(on_sqlite(deletions.remove), on_sqlite(deletions.add)),
        migrations.AddField(
            model_name="deletion",
            name="reason",
            field=models.CharField(
                choices=[("deleted", "Deleted"), ("withdrawn", "No longer public")],
                db_default="deleted",
                default="deleted",
                max_length=10,
            ),
        ),
        migrations.RunPython(on_sqlite(deletions.add), on_sqlite(deletions.remove)),
        migrations.CreateModel(
            name="Listed",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "list",
                    models.CharField(
                        help_text="The API's list, as in its path: papers.", max_length=40
                    ),
                ),
                ("object_id", models.BigIntegerField(help_text="The row's id in that list.")),
                (
                    "withdrawn_at",
                    models.DateTimeField(
                        blank=True,
                        help_text="When it was found no longer public; empty while it is.",
                        null=True,
                    ),
                ),
                (
                    "back_at",
                    models.DateTimeField(
                        blank=True,
                        help_text="When it was last found public again after that.",
                        null=True,
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("list", "object_id"), name="listed_once_a_list")
                ],
            },
        ),
    ]
