"""Search on PostgreSQL: a text search configuration, and a GIN index on each searched
table's weighted vector.

The configuration, scrutiny_english, is PostgreSQL's english with its stemmer but without its
stop words: "after" is one of them, and "looked after" is the phrase this service is searched
for most.

The expressions must be those scrutiny/search/reads.py's vector() builds from the sources'
fields (tests/scrutiny/search checks the planner uses the papers'). SQLite has no full-text search
here (the demo searches by substring), so this does nothing there.
"""

from functools import reduce

from django.db import migrations

# (app, model, fields with their weights, index name), as scrutiny/search/sources.py.
INDEXED = [
    ("measures", "Measure", (("reference", "A"), ("title", "A"), ("definition", "B")), "measure"),
    ("measures", "Actual", (("commentary", "B"),), "actual"),
    (
        "committees",
        "AgendaItem",
        (("title", "A"), ("summary", "B"), ("recommendations", "B"), ("contributor", "C")),
        "item",
    ),
    ("committees", "Paper", (("title", "A"), ("text", "B"), ("file_text", "C")), "paper"),
    ("committees", "Minute", (("resolutions", "A"), ("text", "B")), "minute"),
    ("committees", "Action", (("what", "A"),), "action"),
    (
        "measures",
        "BenchmarkIndicator",
        (("title", "A"), ("topic", "B"), ("description", "C")),
        "indicator",
    ),
    ("committees", "Committee", (("name", "A"), ("remit", "B")), "committee"),
    ("committees", "Person", (("name", "A"), ("role_title", "B"), ("seat", "C")), "person"),
]


def _indexes(apps):
    from django.contrib.postgres.indexes import GinIndex
    from django.contrib.postgres.search import SearchVector

    for app, model_name, fields, name in INDEXED:
        parts = [SearchVector(f, weight=w, config="scrutiny_english") for f, w in fields]
        vector = reduce(lambda a, b: a + b, parts)
        yield apps.get_model(app, model_name), GinIndex(vector, name=f"search_{name}")


CONFIGURATION = """
CREATE TEXT SEARCH DICTIONARY scrutiny_english_stem (TEMPLATE = snowball, LANGUAGE = english);
CREATE TEXT SEARCH CONFIGURATION scrutiny_english (COPY = english);
ALTER TEXT SEARCH CONFIGURATION scrutiny_english
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
    WITH scrutiny_english_stem;
"""


def add(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CONFIGURATION)
    for model, index in _indexes(apps):
        schema_editor.add_index(model, index)


def remove(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, index in _indexes(apps):
        schema_editor.remove_index(model, index)
    schema_editor.execute("DROP TEXT SEARCH CONFIGURATION scrutiny_english")
    schema_editor.execute("DROP TEXT SEARCH DICTIONARY scrutiny_english_stem")


class Migration(migrations.Migration):
    dependencies = [
        ("scrutiny", "0001_roles"),
        ("committees", "0007_paper_file_text"),
        ("measures", "0008_benchmark_year_type_and_model_dates"),
    ]

    operations = [migrations.RunPython(add, remove)]
