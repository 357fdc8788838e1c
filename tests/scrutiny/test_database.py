"""The suite must really run on PostgreSQL when make test says so."""

import os

import pytest
from django.db import connection


@pytest.mark.django_db
def test_suite_runs_on_the_database_named_by_database_url() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if os.environ.get("CI"):
        assert url.startswith("postgres"), "CI must run the suite on PostgreSQL"
    if url.startswith(("postgres://", "postgresql://")):
        assert connection.vendor == "postgresql"
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            assert cursor.fetchone()[0].startswith("15")
    else:
        # make test always sets DATABASE_URL; running pytest by hand falls back to SQLite.
        assert connection.vendor == "sqlite"
