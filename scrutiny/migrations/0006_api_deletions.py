"""Tombstones for the open data API: a row deleted from a table the API lists is recorded in
scrutiny_deletion by a trigger, however it is deleted (one at a time, in bulk, by a cascade),
in the deleting transaction; /api/v1/deletions?since= lists them."""

import django.utils.timezone
from django.db import migrations, models

# Each table the API lists, with its list's name (the path under /api/v1/).
LISTS = [
    ("committees_committee", "committees"),
    ("committees_person", "people"),
    ("committees_membership", "memberships"),
    ("committees_meeting", "meetings"),
    ("committees_paper", "papers"),
    ("committees_minute", "minutes"),
    ("committees_action", "actions"),
    ("measures_measure", "measures"),
    ("measures_target", "targets"),
    ("measures_actual", "figures"),
    ("measures_benchmarkindicator", "benchmark-indicators"),
    ("measures_benchmarkvalue", "benchmark-values"),
    ("measures_comparatorgroup", "comparator-groups"),
    ("committees_question", "questions"),
    ("committees_recommendation", "recommendations"),
]


def add(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("""
CREATE FUNCTION scrutiny_deletion() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO scrutiny_deletion (list, object_id, deleted_at)
        VALUES (TG_ARGV[0], OLD.id, clock_timestamp());
    RETURN NULL;
END $$;
""")
    for table, name in LISTS:
        if vendor == "postgresql":
            schema_editor.execute(
                f"CREATE TRIGGER scrutiny_deletion AFTER DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION scrutiny_deletion('{name}')"
            )
        elif vendor == "sqlite":
            # Django keeps SQLite's datetimes as UTC text.
            schema_editor.execute(
                f"CREATE TRIGGER scrutiny_deletion_{table} AFTER DELETE ON {table} BEGIN "
                "INSERT INTO scrutiny_deletion (list, object_id, deleted_at) VALUES "
                f"('{name}', OLD.id, strftime('%Y-%m-%d %H:%M:%f', 'now')); END"
            )


def remove(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table, _ in LISTS:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER scrutiny_deletion ON {table}")
        elif vendor == "sqlite":
            schema_editor.execute(f"DROP TRIGGER scrutiny_deletion_{table}")
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION scrutiny_deletion()")


class Migration(migrations.Migration):
    dependencies = [
        ("scrutiny", "0005_search_vectors_stored_in_the_row"),
        ("committees", "0014_paper_exemption_review_and_release"),
        ("measures", "0012_updated_at_for_the_open_data_api"),
    ]

    operations = [
        migrations.CreateModel(
            name="Deletion",
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
                (
                    "object_id",
                    models.BigIntegerField(help_text="The deleted row's id in that list."),
                ),
                (
                    "deleted_at",
                    models.DateTimeField(db_index=True, default=django.utils.timezone.now),
                ),
            ],
            options={"ordering": ["pk"]},
        ),
        migrations.RunPython(add, remove),
    ]
