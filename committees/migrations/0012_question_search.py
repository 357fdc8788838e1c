"""Search finds answered questions: a stored search vector on questions, with its trigger and
index, made as scrutiny/migrations/0003_search_indexes.py makes the other searched tables'."""

from importlib import import_module

from django.db import migrations

indexes = import_module("scrutiny.migrations.0003_search_indexes")

# (table, fields with their weights), as committees/question_reads.py registers its source.
SEARCHED = [("committees_question", (("text", "A"), ("answer", "B")))]


def add(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        indexes.add_vectors(schema_editor, SEARCHED)


def remove(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        indexes.remove_vectors(schema_editor, SEARCHED)


class Migration(migrations.Migration):
    dependencies = [
        ("committees", "0011_members_questions"),
        ("scrutiny", "0003_search_indexes"),
    ]

    operations = [migrations.RunPython(add, remove)]
