"""Search on PostgreSQL finds recommendations: committees_recommendation gets the stored,
weighted search vector, its trigger and its GIN index, as 0003_search_indexes gave the
first tables (fields and weights as scrutiny/search/recommendations.py)."""

import importlib

from django.db import migrations

# The weighted vector as 0003 writes it for the first tables.
_vector_of = importlib.import_module("scrutiny.migrations.0003_search_indexes")._vector

TABLE = "committees_recommendation"
FIELDS = (("text", "A"), ("source_name", "B"), ("addressed_to", "C"), ("response_reasons", "C"))


def _vector(row):
    return _vector_of(FIELDS, row)


def add(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"""
ALTER TABLE {TABLE} ADD COLUMN search_vector tsvector;
UPDATE {TABLE} SET search_vector = {_vector("")};
CREATE FUNCTION scrutiny_search_recommendation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector := {_vector("NEW.")};
    RETURN NEW;
END $$;
CREATE TRIGGER scrutiny_search BEFORE INSERT OR UPDATE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION scrutiny_search_recommendation();
CREATE INDEX search_recommendation ON {TABLE} USING gin (search_vector);
""")


def remove(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"""
DROP TRIGGER scrutiny_search ON {TABLE};
DROP FUNCTION scrutiny_search_recommendation();
ALTER TABLE {TABLE} DROP COLUMN search_vector;
""")


class Migration(migrations.Migration):
    dependencies = [
        ("scrutiny", "0003_search_indexes"),
        ("committees", "0013_recommendations_tracker"),
    ]

    operations = [migrations.RunPython(add, remove)]
