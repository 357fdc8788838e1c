"""Search on PostgreSQL: a text search configuration, and on each searched table a stored,
weighted search vector kept up to date by a trigger, with a GIN index.

The configuration, scrutiny_english, is PostgreSQL's english with its stemmer but without its
stop words: "after" is one of them, and "looked after" is the phrase this service is searched
for most. The column, search_vector, is not on the models: only search reads it
(scrutiny/search/reads.py), and the trigger writes it whichever way a row is saved. The
fields and weights are those of scrutiny/search/sources.py; a migration that renames or
removes one of these fields must change the trigger too. SQLite has no full-text search here
(the demo searches by substring), so this does nothing there.
"""

from django.db import migrations

# (table, fields with their weights), as scrutiny/search/sources.py.
SEARCHED = [
    ("measures_measure", (("reference", "A"), ("title", "A"), ("definition", "B"))),
    ("measures_actual", (("commentary", "B"),)),
    (
        "committees_agendaitem",
        (("title", "A"), ("summary", "B"), ("recommendations", "B"), ("contributor", "C")),
    ),
    ("committees_paper", (("title", "A"), ("text", "B"), ("file_text", "C"))),
    ("committees_minute", (("resolutions", "A"), ("text", "B"))),
    ("committees_action", (("what", "A"),)),
    ("measures_benchmarkindicator", (("title", "A"), ("topic", "B"), ("description", "C"))),
    ("committees_committee", (("name", "A"), ("remit", "B"))),
    ("committees_person", (("name", "A"), ("role_title", "B"), ("seat", "C"))),
]

CONFIGURATION = """
CREATE TEXT SEARCH DICTIONARY scrutiny_english_stem (TEMPLATE = snowball, LANGUAGE = english);
CREATE TEXT SEARCH CONFIGURATION scrutiny_english (COPY = english);
ALTER TEXT SEARCH CONFIGURATION scrutiny_english
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
    WITH scrutiny_english_stem;
"""


def _vector(fields, row):
    return " || ".join(
        f"setweight(to_tsvector('scrutiny_english', coalesce({row}{name}::text, '')), '{weight}')"
        for name, weight in fields
    )


def add(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CONFIGURATION)
    add_vectors(schema_editor, SEARCHED)


def add_vectors(schema_editor, searched):
    """The column, trigger and index on each (table, fields); later migrations use it too."""
    for table, fields in searched:
        name = table.split("_", 1)[1]
        schema_editor.execute(f"""
ALTER TABLE {table} ADD COLUMN search_vector tsvector;
UPDATE {table} SET search_vector = {_vector(fields, "")};
CREATE FUNCTION scrutiny_search_{name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector := {_vector(fields, "NEW.")};
    RETURN NEW;
END $$;
CREATE TRIGGER scrutiny_search BEFORE INSERT OR UPDATE ON {table}
    FOR EACH ROW EXECUTE FUNCTION scrutiny_search_{name}();
CREATE INDEX search_{name} ON {table} USING gin (search_vector);
""")


def remove(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    remove_vectors(schema_editor, SEARCHED)
    schema_editor.execute("DROP TEXT SEARCH CONFIGURATION scrutiny_english")
    schema_editor.execute("DROP TEXT SEARCH DICTIONARY scrutiny_english_stem")


def remove_vectors(schema_editor, searched):
    for table, _ in searched:
        name = table.split("_", 1)[1]
        schema_editor.execute(f"""
DROP TRIGGER scrutiny_search ON {table};
DROP FUNCTION scrutiny_search_{name}();
ALTER TABLE {table} DROP COLUMN search_vector;
""")


class Migration(migrations.Migration):
    dependencies = [
        ("scrutiny", "0002_data_version"),
        ("committees", "0009_paper_file_text"),
        ("measures", "0008_benchmark_year_type_and_model_dates"),
    ]

    operations = [migrations.RunPython(add, remove)]
