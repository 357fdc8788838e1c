"""Search on PostgreSQL: each table's search vector kept in its row rather than in TOAST.

A paper's vector is about 3 kB, over PostgreSQL's 2 kB threshold, so by default it was moved
out of line, and matching or ranking a common word fetched it back from the TOAST table for
every row: most of a search's time. With storage MAIN the vector stays in the row (the long
texts it is made from are moved out first; a vector too big for a page still goes out of
line). Existing rows are written again (the trigger remakes the vector) to move theirs in.
A later searched table sets the same in its own migration (scrutiny/search/kinds.py).
"""

from django.db import migrations

TABLES = [
    "measures_measure",
    "measures_actual",
    "committees_agendaitem",
    "committees_paper",
    "committees_minute",
    "committees_action",
    "measures_benchmarkindicator",
    "committees_committee",
    "committees_person",
    "committees_question",
    "committees_recommendation",
]


def store(storage: str, rewrite: bool):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table in TABLES:
            schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN search_vector SET STORAGE {storage}")
            if rewrite:
                schema_editor.execute(f"UPDATE {table} SET search_vector = NULL")

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("scrutiny", "0004_recommendation_search"),
        ("committees", "0012_question_search"),
    ]

    operations = [migrations.RunPython(store("MAIN", True), store("EXTENDED", False))]
