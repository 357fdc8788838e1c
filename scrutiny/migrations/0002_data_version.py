"""The data version: one row whose number changes whenever published data may have changed.

A plain table, not a model, so that flushing the tables between tests and the demo snapshot
leave it alone; scrutiny/caching.py reads it and installs the triggers that bump it.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("scrutiny", "0001_roles")]

    operations = [
        migrations.RunSQL(
            [
                "CREATE TABLE scrutiny_data_version "
                "(id integer PRIMARY KEY CHECK (id = 1), version bigint NOT NULL)",
                "INSERT INTO scrutiny_data_version (id, version) VALUES (1, 1)",
            ],
            "DROP TABLE scrutiny_data_version",
        )
    ]
