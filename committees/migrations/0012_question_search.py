"""Search finds answered questions: a stored search vector on questions, as
scrutiny/migrations/0003_search_indexes.py adds to the other searched tables (same trigger)."""

from importlib import import_module

from django.db import migrations

indexes = import_module("scrutiny.migrations.0003_search_indexes")

# (table, fields with their weights), as committees/questions.py registers its source.
SEARCHED = [("committees_question", (("text", "A"), ("answer", "B")))]


def add(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, fields in SEARCHED:
        name = table.split("_", 1)[1]
        schema_editor.execute(f"""
ALTER TABLE {table} ADD COLUMN search_vector tsvector;
UPDATE {table} SET search_vector = {indexes._vector(fields, "")};
CREATE FUNCTION scrutiny_search_{name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector := {indexes._vector(fields, "NEW.")};
    RETURN NEW;
END $$;
CREATE TRIGGER scrutiny_search BEFORE INSERT OR UPDATE ON {table}
    FOR EACH ROW EXECUTE FUNCTION scrutiny_search_{name}();
CREATE INDEX search_{name} ON {table} USING gin (search_vector);
""")


def remove(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, _ in SEARCHED:
        name = table.split("_", 1)[1]
        schema_editor.execute(f"""
DROP TRIGGER scrutiny_search ON {table};
DROP FUNCTION scrutiny_search_{name}();
ALTER TABLE {table} DROP COLUMN search_vector;
""")


class Migration(migrations.Migration):
    dependencies = [
        ("committees", "0011_members_questions"),
        ("scrutiny", "0003_search_indexes"),
    ]

    operations = [migrations.RunPython(add, remove)]
